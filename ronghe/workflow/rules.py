"""Who approves a node: resolve a node's approver rule for an initiator, and delegation at arrival."""

from datetime import date

from ronghe.core.models import User
from ronghe.org import services as org

from .models import Delegation


def company_users(company):
    return User.objects.filter(memberships__company=company, memberships__active=True, is_active=True)


def company_admins(company) -> list:
    return list(
        company_users(company).filter(memberships__is_admin=True, memberships__company=company).order_by("id")
    )


def _user_of(employee):
    return employee.user if employee is not None and employee.user_id and employee.user.is_active else None


def resolve(node: dict, *, company, initiator, chosen: dict | None = None) -> list:
    """The users a node names for this initiator, in order, without duplicates (may be empty)."""
    a = node["approvers"]
    rule = a["rule"]
    users: list = []
    if rule == "users":
        by_id = {u.pk: u for u in company_users(company).filter(pk__in=a.get("users", []))}
        users = [by_id[i] for i in a.get("users", []) if i in by_id]
    elif rule == "role":
        users = list(
            company_users(company)
            .filter(memberships__roles__code=a["role"], memberships__company=company)
            .order_by("id")
        )
    elif rule == "self_select":
        ids = (chosen or {}).get(node["key"], [])
        by_id = {u.pk: u for u in company_users(company).filter(pk__in=ids)}
        users = [by_id[int(i)] for i in ids if int(i) in by_id]
    else:
        employee = org.employee_for_user(user=initiator, company=company)
        if rule == "manager" and employee is not None:
            users = [_user_of(org.manager_n_levels_up(employee=employee, levels=a.get("levels", 1)))]
        elif rule == "dept_head" and employee is not None:
            users = [_user_of(org.department_head_nearest(department=employee.department, exclude=employee))]
        elif rule == "named_dept_head":
            from ronghe.org.models import Department

            dept = Department.objects.filter(company=company, pk=a.get("department")).first()
            users = [_user_of(org.department_head_nearest(department=dept))] if dept else []
    seen, out = set(), []
    for u in users:
        if u is not None and u.pk not in seen:
            seen.add(u.pk)
            out.append(u)
    return out


def deputy_for(user, *, company, on: date):
    """The deputy standing in for `user` on `on`, or None."""
    d = (
        Delegation.objects.filter(
            company=company, user=user, active=True, start_date__lte=on, end_date__gte=on
        )
        .select_related("deputy")
        .order_by("-start_date")
        .first()
    )
    return d.deputy if d and d.deputy.is_active else None


def manager_of(user, *, company):
    employee = org.employee_for_user(user=user, company=company)
    if employee is None:
        return None
    return _user_of(org.manager_n_levels_up(employee=employee, levels=1))


def initiator_department(user, *, company):
    employee = org.employee_for_user(user=user, company=company)
    return employee.department if employee else None
