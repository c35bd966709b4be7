from django.db.models import Q

from ronghe.core.scoping import scope_queryset

from .models import Department, Employee, Position


def department_list(*, user, company, q: str = ""):
    qs = scope_queryset(
        Department.objects.select_related("parent", "head"),
        user=user,
        company=company,
        perm="org.view_department",
    )
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return qs


def department_get_for_user(*, pk, user, company) -> Department:
    return department_list(user=user, company=company).get(pk=pk)


def employee_list(*, user, company, q: str = "", department=None):
    qs = scope_queryset(
        Employee.objects.select_related("department", "position", "manager", "user"),
        user=user,
        company=company,
        perm="org.view_employee",
    )
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(number__icontains=q) | Q(phone__icontains=q))
    if department:
        qs = qs.filter(department_id=department)
    return qs


def employee_get_for_user(*, pk, user, company) -> Employee:
    return employee_list(user=user, company=company).get(pk=pk)


def position_list(*, company):
    return Position.objects.filter(company=company, active=True)


def department_tree(*, company):
    """Departments in tree order with their depth: [(department, depth)], one query."""
    depts = list(
        Department.objects.filter(company=company, active=True)
        .select_related("head")
        .order_by("sort_order", "id")
    )
    by_parent: dict = {}
    for d in depts:
        by_parent.setdefault(d.parent_id, []).append(d)
    out = []

    def walk(parent_id, depth):
        for d in by_parent.get(parent_id, ()):
            out.append((d, depth))
            walk(d.pk, depth + 1)

    walk(None, 0)
    return out
