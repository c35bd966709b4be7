"""Org services: departments, positions, employees; the manager chain and department heads."""

from django.utils.translation import gettext as _

from ronghe.core.errors import ValidationFailed
from ronghe.core.services import clean_and_save
from ronghe.core.transactions import service_transaction

from .models import Department, Employee, Position

DEPARTMENT_FIELDS = ("name", "code", "parent", "head", "sort_order", "active")
EMPLOYEE_FIELDS = (
    "number",
    "name",
    "user",
    "department",
    "position",
    "manager",
    "hire_date",
    "phone",
    "email",
    "active",
)


def _check_company(company, **objs):
    errors = {
        k: [_("Choose a record of this company.")]
        for k, v in objs.items()
        if v is not None and getattr(v, "company_id", company.pk) != company.pk
    }
    if errors:
        raise ValidationFailed(fields=errors)


def _department_ancestors(dept):
    seen = set()
    while dept is not None and dept.pk not in seen:
        seen.add(dept.pk)
        yield dept
        dept = dept.parent


@service_transaction
def department_save(*, company, actor, data: dict, department: Department | None = None) -> Department:
    """Create (department=None) or update a department. Refuses a parent inside its own subtree."""
    dept = department or Department(company=company)
    if department is not None:
        dept = Department.objects.select_for_update().get(pk=department.pk, company=company)
    for f in DEPARTMENT_FIELDS:
        if f in data:
            setattr(dept, f, data[f])
    _check_company(company, parent=dept.parent, head=dept.head)
    if dept.pk and dept.parent_id and any(a.pk == dept.pk for a in _department_ancestors(dept.parent)):
        raise ValidationFailed(
            fields={"parent": [_("A department cannot be placed under itself or its sub-departments.")]}
        )
    return clean_and_save(dept, actor=actor)


@service_transaction
def position_save(*, company, actor, name: str, position: Position | None = None) -> Position:
    pos = position or Position(company=company)
    pos.name = (name or "").strip()
    return clean_and_save(pos, actor=actor)


@service_transaction
def employee_save(*, company, actor, data: dict, employee: Employee | None = None) -> Employee:
    """Create or update an employee. Refuses a manager chain that loops back to the employee."""
    emp = employee or Employee(company=company)
    if employee is not None:
        emp = Employee.objects.select_for_update().get(pk=employee.pk, company=company)
    for f in EMPLOYEE_FIELDS:
        if f in data:
            setattr(emp, f, data[f])
    _check_company(company, department=emp.department, position=emp.position, manager=emp.manager)
    if emp.user_id and not emp.user.memberships.filter(company=company).exists():
        raise ValidationFailed(fields={"user": [_("This user is not a member of the company.")]})
    if emp.pk and emp.manager_id:
        m, seen = emp.manager, set()
        while m is not None and m.pk not in seen:
            if m.pk == emp.pk:
                raise ValidationFailed(
                    fields={"manager": [_("The manager chain would loop back to this employee.")]}
                )
            seen.add(m.pk)
            m = m.manager
    return clean_and_save(emp, actor=actor)


# --- Questions the approval engine asks ---------------------------------------------------------


def employee_for_user(*, user, company) -> Employee | None:
    return (
        Employee.objects.filter(user=user, company=company, active=True).select_related("department").first()
    )


def department_head_nearest(*, department: Department, exclude: Employee | None = None) -> Employee | None:
    """The head of the department, or of the nearest department above that has one (skipping `exclude`)."""
    for dept in _department_ancestors(department):
        if dept.head_id and dept.head.active and (exclude is None or dept.head_id != exclude.pk):
            return dept.head
    return None


def direct_manager(*, employee: Employee) -> Employee | None:
    """The employee's manager: the named one, else the head of their department (or above) who is not them."""
    if employee.manager_id and employee.manager.active:
        return employee.manager
    return department_head_nearest(department=employee.department, exclude=employee)


def manager_n_levels_up(*, employee: Employee, levels: int = 1) -> Employee | None:
    """The manager `levels` steps above the employee (1 = direct manager). None when the chain ends first."""
    if levels < 1:
        raise ValidationFailed(fields={"levels": [_("Levels must be 1 or more.")]})
    current, seen = employee, {employee.pk}
    for _i in range(levels):
        current = direct_manager(employee=current)
        if current is None or current.pk in seen:
            return None
        seen.add(current.pk)
    return current


def department_descendant_ids(*, department_ids, company) -> set[int]:
    """The departments and all below them, with one query."""
    rows = list(Department.objects.filter(company=company).values_list("id", "parent_id"))
    children: dict[int, list[int]] = {}
    for pk, parent in rows:
        children.setdefault(parent, []).append(pk)
    result, stack = set(), list(department_ids)
    while stack:
        d = stack.pop()
        if d in result:
            continue
        result.add(d)
        stack.extend(children.get(d, ()))
    return result


def department_user_ids(user, company, include_children: bool) -> set[int]:
    """Resolver for data scopes: ids of users in the user's department (and below)."""
    dept_ids = set(
        Employee.objects.filter(user=user, company=company, active=True).values_list(
            "department_id", flat=True
        )
    )
    if include_children and dept_ids:
        dept_ids = department_descendant_ids(department_ids=dept_ids, company=company)
    return set(
        Employee.objects.filter(company=company, department_id__in=dept_ids, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
