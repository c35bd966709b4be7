"""Voucher lines as the API and the entry page send them (ids and codes) → the services' line dicts, with
partners, departments, employees and projects looked up through the caller's scoped selectors."""

from django.utils.translation import gettext as _

from ronghe.core.errors import ValidationFailed
from ronghe.org.selectors import department_list, employee_list
from ronghe.partners.selectors import partner_list

from .selectors import project_list

DIMS = ("partner", "department", "employee", "project")


def _id(value):
    if value in (None, ""):
        return None
    s = str(value).strip()
    return int(s) if s.isdigit() else s


def lines_from_input(*, user, company, raw: list[dict]) -> list[dict]:
    """raw: [{"summary", "account" (code), "debit", "credit", "partner_id"/"partner", ...}]."""
    wanted = {d: {_id(r.get(f"{d}_id", r.get(d))) for r in raw} - {None} for d in DIMS}
    sources = {
        "partner": lambda: partner_list(user=user, company=company, active=None),
        "department": lambda: department_list(user=user, company=company),
        "employee": lambda: employee_list(user=user, company=company),
        "project": lambda: project_list(company=company),
    }
    found = {d: {} for d in DIMS}
    for d, ids in wanted.items():
        ints = [x for x in ids if isinstance(x, int)]
        if ints:  # only ask (and check the permission) for the dimensions the lines use
            found[d] = {x.pk: x for x in sources[d]().filter(pk__in=ints)}
    lines, errors = [], {}
    for i, r in enumerate(raw):
        line = {
            "summary": r.get("summary") or "",
            "account": str(r.get("account") or "").split(" ")[0].strip() or None,
            "debit": r.get("debit"),
            "credit": r.get("credit"),
            "cashflow_item": r.get("cashflow_item") or "",
        }
        for d in DIMS:
            key = _id(r.get(f"{d}_id", r.get(d)))
            if key is None:
                continue
            obj = found[d].get(key)
            if obj is None:
                errors[f"lines.{i}.{d}"] = [_("Unknown value: %(value)s.") % {"value": key}]
            line[d] = obj
        lines.append(line)
    if errors:
        raise ValidationFailed(fields=errors)
    return lines
