"""Addressing people: a list of specs — users, departments (with everyone in them and below) and roles —
as used by internal mail, announcements and library permissions ("user:3", "dept:2", "role:5")."""

from django.utils.translation import gettext as _

from ronghe.core.errors import ValidationFailed
from ronghe.core.models import Membership, Role, User

from .models import Department, Employee
from .services import department_descendant_ids


def parse_specs(values) -> list[dict]:
    """["user:3", "dept:2", "role:5"] (form values) -> [{"kind": "user", "id": 3}, ...]; junk is dropped."""
    out = []
    for v in values or []:
        if isinstance(v, dict):
            kind, pk = v.get("kind"), v.get("id")
        else:
            kind, _sep, pk = str(v).partition(":")
        if kind in ("user", "dept", "role") and str(pk).isdigit():
            spec = {"kind": kind, "id": int(pk)}
            if spec not in out:
                out.append(spec)
    return out


def labelled(company, specs: list[dict], field: str) -> list[dict]:
    """The specs with their current labels; an unknown user, department or role is a field error."""
    ids = {k: [s["id"] for s in specs if s["kind"] == k] for k in ("user", "dept", "role")}
    users = {
        u.pk: u
        for u in User.objects.filter(
            pk__in=ids["user"], memberships__company=company, memberships__active=True
        )
    }
    depts = {d.pk: d for d in Department.objects.filter(pk__in=ids["dept"], company=company)}
    roles = {r.pk: r for r in Role.objects.filter(pk__in=ids["role"], company=company)}
    found = {"user": users, "dept": depts, "role": roles}
    out = []
    for s in specs:
        obj = found[s["kind"]].get(s["id"])
        if obj is None:
            raise ValidationFailed(
                fields={field: [_("Unknown recipient: %(value)s.") % {"value": f"{s['kind']}:{s['id']}"}]}
            )
        out.append({**s, "label": str(obj)})
    return out


def recipients_resolve(company, specs: list[dict]) -> set[int]:
    """The users a list of specs reaches now: the users named, everyone working in the departments (and the
    departments below them), everyone holding the roles — active members of the company only."""
    users = {s["id"] for s in specs if s["kind"] == "user"}
    dept_ids = [s["id"] for s in specs if s["kind"] == "dept"]
    if dept_ids:
        all_depts = department_descendant_ids(department_ids=dept_ids, company=company)
        users |= set(
            Employee.objects.filter(
                company=company, department_id__in=all_depts, active=True, user__isnull=False
            ).values_list("user_id", flat=True)
        )
    role_ids = [s["id"] for s in specs if s["kind"] == "role"]
    if role_ids:
        users |= set(
            Membership.objects.filter(company=company, active=True, roles__in=role_ids).values_list(
                "user_id", flat=True
            )
        )
    if not users:
        return set()
    return set(
        User.objects.filter(
            pk__in=users, is_active=True, memberships__company=company, memberships__active=True
        ).values_list("pk", flat=True)
    )


def options(company) -> list[dict]:
    """Whom a mail may be addressed to: the company's users, departments and roles (as "kind:id")."""
    from ronghe.core.selectors import user_list

    users = [
        {"value": f"user:{u.pk}", "label": str(u), "hint": u.username, "group": str(_("Users"))}
        for u in user_list(company=company)
    ]
    depts = [
        {"value": f"dept:{d.pk}", "label": d.name, "group": str(_("Departments"))}
        for d in Department.objects.filter(company=company, active=True).order_by("name")
    ]
    roles = [
        {"value": f"role:{r.pk}", "label": r.name, "hint": r.code, "group": str(_("Roles"))}
        for r in Role.objects.filter(company=company).order_by("name")
    ]
    return users + depts + roles
