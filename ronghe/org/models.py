"""Departments (a tree with a head), positions and employees (user <-> department, manager chain)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.timeline.models import HasTimeline


class Department(HasTimeline, CompanyOwned):
    name = models.CharField(_("name"), max_length=80)
    code = models.CharField(_("code"), max_length=30, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent department"),
    )
    head = models.ForeignKey(
        "org.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head"),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    scope_owner_field = "created_by"
    timeline_tracked = ("name", "parent", "head", "active")

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["company", "parent", "name"], name="org_dept_unique_name"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="org_dept_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:department-detail", args=[self.pk])


class Position(CompanyOwned):
    name = models.CharField(_("name"), max_length=60)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["company", "name"], name="org_position_unique")]

    def __str__(self):
        return self.name


class Employee(HasTimeline, CompanyOwned):
    number = models.CharField(_("employee number"), max_length=30)
    name = models.CharField(_("name"), max_length=60)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employees",
        verbose_name=_("user account"),
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="employees", verbose_name=_("department")
    )
    position = models.ForeignKey(
        Position, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("position")
    )
    manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("manager"),
    )
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    scope_owner_field = "user"
    timeline_tracked = ("department", "position", "manager", "active")

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["company", "number"], name="org_employee_unique_number"),
            models.UniqueConstraint(
                fields=["company", "user"], name="org_employee_unique_user", condition=Q(user__isnull=False)
            ),
            models.CheckConstraint(condition=~Q(manager=models.F("id")), name="org_employee_not_own_manager"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:employee-detail", args=[self.pk])
