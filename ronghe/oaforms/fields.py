"""Form field definitions and the cleaning of submitted values (one place for the UI and the API).

A template's `fields` is a list of
    {"key": "amount", "label": "金额" | {"zh-hans": "金额", "en": "Amount"}, "type": TYPE, "required": true,
     "options": [...],                     # select / multiselect
     "columns": [FIELD, ...],              # table: the row fields (simple types), "total": true sums a column
     "help": "..."}
TYPE: text, textarea, number, amount, date, datetime, daterange (with AM/PM halves and working days),
select, multiselect, user, department, partner, product, attachment, table.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from .workdays import leave_days

TYPES = {
    "text",
    "textarea",
    "number",
    "amount",
    "date",
    "datetime",
    "daterange",
    "select",
    "multiselect",
    "user",
    "department",
    "partner",
    "product",
    "attachment",
    "table",
}
SIMPLE = TYPES - {"table", "attachment", "daterange"}
CENT = Decimal("0.01")


def label(field_or_text) -> str:
    """A label in the current language: plain text, or {"zh-hans": ..., "en": ...}."""
    value = (
        field_or_text.get("label")
        if isinstance(field_or_text, dict) and "key" in field_or_text
        else field_or_text
    )
    if isinstance(value, dict):
        lang = translation.get_language() or "zh-hans"
        return value.get(lang) or value.get(lang.split("-")[0]) or next(iter(value.values()), "")
    return str(value or "")


def option_label(option) -> str:
    if isinstance(option, dict):
        return label(option.get("label", option.get("value", "")))
    return str(option)


def option_value(option) -> str:
    return str(option.get("value")) if isinstance(option, dict) else str(option)


def validate_definition(fields: list) -> list[str]:
    """Problems in a template's field list (empty = fine)."""
    problems = []
    keys = set()
    if not isinstance(fields, list) or not fields:
        return [_("A form needs at least one field.")]
    for f in fields:
        key = f.get("key", "")
        if not key or not str(key).replace("_", "").isalnum() or key in keys:
            problems.append(
                _("Every field needs a unique key of letters, digits and _ (“%(key)s”).") % {"key": key}
            )
        keys.add(key)
        if f.get("type") not in TYPES:
            problems.append(_("Field “%(key)s” has an unknown type.") % {"key": key})
        if f.get("type") in {"select", "multiselect"} and not f.get("options"):
            problems.append(_("Field “%(key)s” needs options.") % {"key": key})
        if f.get("type") == "table":
            cols = f.get("columns") or []
            if not cols or any(c.get("type") not in SIMPLE for c in cols):
                problems.append(_("Table “%(key)s” needs columns of simple types.") % {"key": key})
        if not label(f):
            problems.append(_("Field “%(key)s” needs a label.") % {"key": key})
    return problems


def _decimal(value, places=None):
    try:
        d = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None
    if not d.is_finite():
        return None
    return d.quantize(places, rounding=ROUND_HALF_UP) if places else d


def _clean_simple(f, value, company, errors, path):
    t = f["type"]
    empty = value in (None, "", [])
    if empty:
        if f.get("required"):
            errors[path] = [_("This field is required.")]
        return None
    if t in {"text", "textarea"}:
        text = str(value).strip()
        limit = 200 if t == "text" else 5000
        if len(text) > limit:
            errors[path] = [_("At most %(n)d characters.") % {"n": limit}]
        return text[:limit]
    if t in {"number", "amount"}:
        d = _decimal(value, CENT if t == "amount" else None)
        if d is None:
            errors[path] = [_("Enter a number.")]
            return None
        if d < 0:
            errors[path] = [_("This value must not be negative.")]
        return str(d)
    if t == "date":
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            errors[path] = [_("Enter a date as YYYY-MM-DD.")]
            return None
    if t == "datetime":
        try:
            return datetime.fromisoformat(str(value)).strftime("%Y-%m-%dT%H:%M")
        except ValueError:
            errors[path] = [_("Enter a date and time.")]
            return None
    if t in {"select", "multiselect"}:
        allowed = {option_value(o) for o in f.get("options", [])}
        values = value if isinstance(value, list) else [value]
        values = [str(v) for v in values]
        if any(v not in allowed for v in values) or (t == "select" and len(values) != 1):
            errors[path] = [_("Choose one of the options.")]
            return None
        return values[0] if t == "select" else values
    if t in {"user", "department", "partner", "product"}:
        try:
            pk = int(value)
        except (TypeError, ValueError):
            errors[path] = [_("Choose a record of this company.")]
            return None
        if not _exists(t, pk, company):
            errors[path] = [_("Choose a record of this company.")]
            return None
        return pk
    return value


def _exists(kind, pk, company) -> bool:
    from django.apps import apps

    from ronghe.core.models import User

    if kind == "user":
        return User.objects.filter(pk=pk, memberships__company=company, memberships__active=True).exists()
    model = {"department": "org.Department", "partner": "partners.Partner", "product": "products.Product"}[
        kind
    ]
    return apps.get_model(model).objects.filter(pk=pk, company=company).exists()


def clean_data(fields: list, raw: dict, *, company) -> tuple[dict, dict]:
    """Typed values and per-field errors (keys like "period", "items.2.amount")."""
    raw = raw or {}
    data: dict = {}
    errors: dict = {}
    for f in fields:
        key, t = f["key"], f["type"]
        value = raw.get(key)
        if t == "daterange":
            data[key] = _clean_range(f, value, errors)
        elif t == "attachment":
            ids = [int(v) for v in (value or []) if str(v).isdigit()]
            if f.get("required") and not ids and not raw.get(f"{key}__pending"):
                errors[key] = [_("Attach at least one file.")]
            data[key] = ids
        elif t == "table":
            rows_in = value or []
            rows = []
            for i, row in enumerate(rows_in if isinstance(rows_in, list) else []):
                if not any(v not in (None, "") for v in (row or {}).values()):
                    continue  # an empty row left in the form
                rows.append(
                    {
                        c["key"]: _clean_simple(
                            c, (row or {}).get(c["key"]), company, errors, f"{key}.{i}.{c['key']}"
                        )
                        for c in f["columns"]
                    }
                )
            if f.get("required") and not rows:
                errors[key] = [_("Add at least one row.")]
            data[key] = rows
            for c in f["columns"]:
                if c.get("total") and c["type"] in {"number", "amount"}:
                    total = sum(
                        (Decimal(r[c["key"]]) for r in rows if r.get(c["key"]) is not None), Decimal(0)
                    )
                    data[f"{key}_{c['key']}_total"] = str(
                        total.quantize(CENT) if c["type"] == "amount" else total
                    )
        else:
            data[key] = _clean_simple(f, value, company, errors, key)
    return data, errors


def _clean_range(f, value, errors):
    key = f["key"]
    if not value or not (value.get("start") and value.get("end")):
        if f.get("required"):
            errors[key] = [_("Choose the start and the end.")]
        return None
    try:
        start, end = date.fromisoformat(value["start"]), date.fromisoformat(value["end"])
    except ValueError:
        errors[key] = [_("Enter dates as YYYY-MM-DD.")]
        return None
    sh = value.get("start_half") if value.get("start_half") in {"am", "pm"} else "am"
    eh = value.get("end_half") if value.get("end_half") in {"am", "pm"} else "pm"
    try:
        days = leave_days(start, sh, end, eh)
    except ValueError:
        errors[key] = [_("The end is before the start.")]
        return None
    if days <= 0:
        errors[key] = [_("The period contains no working day.")]
    return {
        "start": start.isoformat(),
        "start_half": sh,
        "end": end.isoformat(),
        "end_half": eh,
        "days": str(days),
    }


def condition_values(fields: list, data: dict) -> dict:
    """The values approval conditions may use: numbers, amounts, selections, days of ranges, table totals."""
    values = {}
    for f in fields:
        key, t = f["key"], f["type"]
        v = data.get(key)
        if t == "daterange":
            values[f"{key}_days"] = v["days"] if v else None
        elif t == "table":
            for c in f["columns"]:
                if c.get("total"):
                    values[f"{key}_{c['key']}_total"] = data.get(f"{key}_{c['key']}_total")
        elif t not in {"attachment", "textarea"}:
            values[key] = v
    return values


def condition_fields(fields: list) -> list[tuple[str, str, str]]:
    """(name, label, kind) of every value `condition_values` exposes."""
    out = []
    for f in fields:
        key, t = f["key"], f["type"]
        if t == "daterange":
            out.append((f"{key}_days", _("%(label)s (working days)") % {"label": label(f)}, "number"))
        elif t == "table":
            for c in f["columns"]:
                if c.get("total"):
                    out.append(
                        (f"{key}_{c['key']}_total", _("%(label)s total") % {"label": label(c)}, "amount")
                    )
        elif t not in {"attachment", "textarea"}:
            out.append((key, label(f), t))
    return out
