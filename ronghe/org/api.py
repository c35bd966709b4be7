"""Org endpoints: /api/v1/org/departments, /api/v1/org/employees."""

from datetime import date

from ninja import Field, Router, Schema, Status

from ronghe.core.apikit import page_of, paginate, require_company, resolve
from ronghe.core.scoping import require_perm
from ronghe.core.selectors import user_list

from . import selectors, services
from .models import Department, Employee

router = Router(tags=["org"])


class DepartmentOut(Schema):
    id: int
    name: str
    code: str
    parent_id: int | None
    head_id: int | None
    active: bool


class DepartmentIn(Schema):
    name: str = Field(..., min_length=1, max_length=80)
    code: str = ""
    parent_id: int | None = None
    head_id: int | None = None
    sort_order: int = 0


class EmployeeOut(Schema):
    id: int
    number: str
    name: str
    user_id: int | None
    department_id: int
    position: str | None
    manager_id: int | None
    hire_date: date | None
    phone: str
    email: str
    active: bool

    @staticmethod
    def resolve_position(obj: Employee):
        return obj.position.name if obj.position_id else None


class EmployeeIn(Schema):
    number: str = Field(..., min_length=1, max_length=30)
    name: str = Field(..., min_length=1, max_length=60)
    department_id: int
    user_id: int | None = None
    manager_id: int | None = None
    hire_date: date | None = None
    phone: str = ""
    email: str = ""


def _dept_data(request, p: dict) -> dict:
    c = request.company
    data = {k: v for k, v in p.items() if k not in {"parent_id", "head_id"}}
    if "parent_id" in p:
        data["parent"] = resolve(Department.objects.filter(company=c), p["parent_id"], "parent_id")
    if "head_id" in p:
        data["head"] = resolve(Employee.objects.filter(company=c), p["head_id"], "head_id")
    return data


def _emp_data(request, p: dict) -> dict:
    c = request.company
    data = {k: v for k, v in p.items() if k not in {"department_id", "manager_id", "user_id"}}
    if "department_id" in p:
        data["department"] = resolve(
            Department.objects.filter(company=c), p["department_id"], "department_id"
        )
    if "manager_id" in p:
        data["manager"] = resolve(Employee.objects.filter(company=c), p["manager_id"], "manager_id")
    if "user_id" in p:
        data["user"] = resolve(user_list(company=c), p["user_id"], "user_id")
    return data


@router.get("/departments", response=page_of(DepartmentOut))
def department_list(request, q: str = "", page: int = 1, limit: int = 100):
    qs = selectors.department_list(user=request.user, company=require_company(request), q=q).order_by(
        "sort_order", "id"
    )
    return paginate(qs, page=page, limit=limit)


@router.get("/departments/{dept_id}", response=DepartmentOut)
def department_get(request, dept_id: int):
    return selectors.department_get_for_user(pk=dept_id, user=request.user, company=require_company(request))


@router.post("/departments", response={201: DepartmentOut})
def department_create(request, payload: DepartmentIn):
    company = require_company(request)
    require_perm(request.user, company, "org.add_department")
    return Status(
        201,
        services.department_save(
            company=company, actor=request.user, data=_dept_data(request, payload.dict())
        ),
    )


@router.get("/employees", response=page_of(EmployeeOut))
def employee_list(request, q: str = "", department: int | None = None, page: int = 1, limit: int = 50):
    qs = selectors.employee_list(
        user=request.user, company=require_company(request), q=q, department=department
    ).order_by("number")
    return paginate(qs, page=page, limit=limit)


@router.get("/employees/{emp_id}", response=EmployeeOut)
def employee_get(request, emp_id: int):
    return selectors.employee_get_for_user(pk=emp_id, user=request.user, company=require_company(request))


@router.get(
    "/employees/{emp_id}/manager",
    response=EmployeeOut | None,
    summary="The manager `levels` steps above the employee (approval routing)",
)
def employee_manager(request, emp_id: int, levels: int = 1):
    emp = selectors.employee_get_for_user(pk=emp_id, user=request.user, company=require_company(request))
    return services.manager_n_levels_up(employee=emp, levels=levels)


@router.post("/employees", response={201: EmployeeOut})
def employee_create(request, payload: EmployeeIn):
    company = require_company(request)
    require_perm(request.user, company, "org.add_employee")
    return Status(
        201,
        services.employee_save(company=company, actor=request.user, data=_emp_data(request, payload.dict())),
    )
