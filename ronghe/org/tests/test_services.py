import pytest

from ronghe.core.errors import ValidationFailed
from ronghe.org.models import Department, Employee
from ronghe.org.services import (
    department_head_nearest,
    department_save,
    department_user_ids,
    employee_save,
    manager_n_levels_up,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def emp(demo_company):
    return {e.user.username: e for e in Employee.objects.filter(company=demo_company).select_related("user")}


def test_manager_chain_uses_named_manager_then_department_heads(emp):
    # 王芳 (华东销售组, no head, no named manager) -> head of 销售部 李娜 -> head of 总经办 张伟 -> nobody
    assert manager_n_levels_up(employee=emp["wangfang"], levels=1) == emp["lina"]
    assert manager_n_levels_up(employee=emp["wangfang"], levels=2) == emp["zhangwei"]
    assert manager_n_levels_up(employee=emp["wangfang"], levels=3) is None
    # 周敏 has a named manager 孙丽
    assert manager_n_levels_up(employee=emp["zhoumin"], levels=1) == emp["sunli"]


def test_department_head_is_the_nearest_above(demo_company, emp):
    east = Department.objects.get(company=demo_company, code="SALES-E")
    assert east.head_id is None
    assert department_head_nearest(department=east) == emp["lina"]
    sales = Department.objects.get(company=demo_company, code="SALES")
    assert department_head_nearest(department=sales, exclude=emp["lina"]) == emp["zhangwei"]


def test_department_cannot_move_under_its_own_child(demo_company, users):
    sales = Department.objects.get(company=demo_company, code="SALES")
    east = Department.objects.get(company=demo_company, code="SALES-E")
    with pytest.raises(ValidationFailed) as exc:
        department_save(company=demo_company, actor=users["wuxia"], department=sales, data={"parent": east})
    assert "parent" in exc.value.fields
    sales.refresh_from_db()
    assert sales.parent.code == "GM"


def test_manager_loop_is_refused(demo_company, users, emp):
    with pytest.raises(ValidationFailed) as exc:
        employee_save(
            company=demo_company,
            actor=users["wuxia"],
            employee=emp["sunli"],
            data={"manager": emp["zhoumin"]},
        )
    assert "manager" in exc.value.fields


def test_duplicate_employee_number_is_refused(demo_company, users, emp):
    with pytest.raises(ValidationFailed) as exc:
        employee_save(
            company=demo_company,
            actor=users["wuxia"],
            data={"number": "E0001", "name": "重复", "department": emp["lina"].department},
        )
    assert "__all__" in exc.value.fields or "number" in exc.value.fields


def test_department_scope_resolver(demo_company, users, emp):
    tree = department_user_ids(users["lina"], demo_company, True)
    assert {users["wangfang"].pk, users["liuyang"].pk, users["lina"].pk} <= tree
    assert users["sunli"].pk not in tree
    assert department_user_ids(users["wangfang"], demo_company, False) == {users["wangfang"].pk}
