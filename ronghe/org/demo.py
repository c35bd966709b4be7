"""Demo departments and employees for 示例科技有限公司 (idempotent)."""

from datetime import date

from django.db import transaction

from ronghe.core.models import Company, User

from .models import Department, Employee, Position

# name, code, parent code
DEPARTMENTS = [
    ("总经办", "GM", None),
    ("销售部", "SALES", "GM"),
    ("华东销售组", "SALES-E", "SALES"),
    ("华南销售组", "SALES-S", "SALES"),
    ("采购部", "PUR", "GM"),
    ("仓储部", "WH", "GM"),
    ("财务部", "FIN", "GM"),
    ("人力资源部", "HR", "GM"),
]
# username, number, department code, position, manager username
EMPLOYEES = [
    ("admin", "E0001", "GM", "系统管理员", "zhangwei"),
    ("zhangwei", "E0002", "GM", "总经理", None),
    ("lina", "E0003", "SALES", "销售经理", None),
    ("wangfang", "E0004", "SALES-E", "销售代表", None),
    ("liuyang", "E0005", "SALES-S", "销售代表", None),
    ("chenjing", "E0006", "PUR", "采购专员", None),
    ("zhaolei", "E0007", "WH", "仓库管理员", None),
    ("sunli", "E0008", "FIN", "会计", None),
    ("zhoumin", "E0009", "FIN", "出纳", "sunli"),
    ("wuxia", "E0010", "HR", "人事专员", None),
]
HEADS = {"GM": "zhangwei", "SALES": "lina", "PUR": "chenjing", "WH": "zhaolei", "FIN": "sunli", "HR": "wuxia"}


@transaction.atomic
def load(company: Company, stdout=None) -> Company:
    depts = {}
    for i, (name, code, parent) in enumerate(DEPARTMENTS):
        d, _ = Department.objects.get_or_create(
            company=company, code=code, defaults={"name": name, "parent": depts.get(parent), "sort_order": i}
        )
        depts[code] = d
    positions = {}
    emps = {}
    for username, number, dept, pos, _mgr in EMPLOYEES:
        user = User.objects.get(username=username)
        positions[pos], _ = Position.objects.get_or_create(company=company, name=pos)
        emps[username], _ = Employee.objects.get_or_create(
            company=company,
            number=number,
            defaults={
                "name": user.get_display_name(),
                "user": user,
                "department": depts[dept],
                "position": positions[pos],
                "hire_date": date(2022, 3, 1),
                "email": user.email,
                "phone": f"1380000{number[-4:]}",
            },
        )
    for username, _n, _d, _p, mgr in EMPLOYEES:
        if mgr and emps[username].manager_id is None:
            emps[username].manager = emps[mgr]
            emps[username].save(update_fields=["manager"])
    for code, username in HEADS.items():
        if depts[code].head_id is None:
            depts[code].head = emps[username]
            depts[code].save(update_fields=["head"])
    return company
