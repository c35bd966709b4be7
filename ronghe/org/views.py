from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from ronghe.core.errors import ValidationFailed
from ronghe.core.scoping import has_perm, require_perm
from ronghe.web.forms import add_service_errors
from ronghe.web.listing import Column, Filter, render_list

from . import selectors, services
from .forms import DepartmentForm, EmployeeForm

DEPT_COLUMNS = [
    Column("name", _("Name"), sort="name", kind="link"),
    Column("code", _("Code"), sort="code"),
    Column("parent", _("Parent department"), sort="parent__name"),
    Column("head", _("Head")),
]
EMP_COLUMNS = [
    Column("number", _("Employee number"), sort="number", kind="link"),
    Column("name", _("Name"), sort="name", kind="link"),
    Column("department", _("Department"), sort="department__name"),
    Column("position", _("Position"), css="rh-hide-sm"),
    Column("manager", _("Manager"), css="rh-hide-sm"),
    Column("phone", _("Phone"), css="rh-hide-sm"),
    Column("hire_date", _("Hire date"), sort="hire_date", kind="date", css="rh-hide-sm"),
]


@login_required
def department_list(request):
    qs = selectors.department_list(user=request.user, company=request.company, q=request.GET.get("q", ""))
    actions = []
    if has_perm(request.user, request.company, "org.add_department"):
        actions.append({"label": _("New"), "url": "/org/departments/new/", "icon": "plus-lg"})
    return render_list(
        request,
        qs=qs,
        columns=DEPT_COLUMNS,
        title=_("Departments"),
        export_name="departments",
        actions=actions,
        default_sort="sort_order",
        template="org/department_list.html",
        extra={"tree": selectors.department_tree(company=request.company)},
    )


@login_required
def department_detail(request, pk):
    dept = selectors.department_get_for_user(pk=pk, user=request.user, company=request.company)
    members = selectors.employee_list(user=request.user, company=request.company, department=dept.pk)
    return render(
        request,
        "org/department_detail.html",
        {
            "department": dept,
            "members": members,
            "can_change": has_perm(request.user, request.company, "org.change_department"),
        },
    )


def _dept_edit(request, dept=None):
    require_perm(request.user, request.company, "org.change_department" if dept else "org.add_department")
    form = DepartmentForm(request.POST or None, instance=dept, company=request.company)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.department_save(
                company=request.company, actor=request.user, data=form.cleaned_data, department=dept
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())
    title = _("Edit %(name)s") % {"name": dept} if dept else _("New department")
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": title,
            "back_url": dept.get_absolute_url() if dept else "/org/departments/",
            "back_label": dept or _("Departments"),
        },
        status=422 if form.errors else 200,
    )


@login_required
def department_create(request):
    return _dept_edit(request)


@login_required
def department_edit(request, pk):
    return _dept_edit(
        request, selectors.department_get_for_user(pk=pk, user=request.user, company=request.company)
    )


@login_required
def employee_list(request):
    qs = selectors.employee_list(
        user=request.user,
        company=request.company,
        q=request.GET.get("q", ""),
        department=request.GET.get("department") or None,
    )
    filters = [
        Filter(
            "department",
            _("Department"),
            [
                (d.pk, "\u3000" * depth + d.name)
                for d, depth in selectors.department_tree(company=request.company)
            ],
        )
    ]
    actions = []
    if has_perm(request.user, request.company, "org.add_employee"):
        actions.append({"label": _("New"), "url": "/org/employees/new/", "icon": "plus-lg"})
    return render_list(
        request,
        qs=qs,
        columns=EMP_COLUMNS,
        title=_("Employees"),
        filters=filters,
        export_name="employees",
        actions=actions,
        default_sort="number",
    )


@login_required
def employee_detail(request, pk):
    emp = selectors.employee_get_for_user(pk=pk, user=request.user, company=request.company)
    return render(
        request,
        "org/employee_detail.html",
        {
            "employee": emp,
            "manager": services.direct_manager(employee=emp),
            "can_change": has_perm(request.user, request.company, "org.change_employee"),
        },
    )


def _emp_edit(request, emp=None):
    require_perm(request.user, request.company, "org.change_employee" if emp else "org.add_employee")
    form = EmployeeForm(request.POST or None, instance=emp, company=request.company)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.employee_save(
                company=request.company, actor=request.user, data=form.cleaned_data, employee=emp
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())
    title = _("Edit %(name)s") % {"name": emp} if emp else _("New employee")
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": title,
            "back_url": emp.get_absolute_url() if emp else "/org/employees/",
            "back_label": emp or _("Employees"),
        },
        status=422 if form.errors else 200,
    )


@login_required
def employee_create(request):
    return _emp_edit(request)


@login_required
def employee_edit(request, pk):
    return _emp_edit(
        request, selectors.employee_get_for_user(pk=pk, user=request.user, company=request.company)
    )
