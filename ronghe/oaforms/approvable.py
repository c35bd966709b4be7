"""How OA forms appear to the approval engine (its registry entry)."""

from django.utils.translation import gettext as _

from ronghe.workflow.registry import Approvable, ConditionField

from . import fields as F
from .models import FormTemplate


def _half(h):
    return _("AM") if h == "am" else _("PM")


def display_value(field: dict, value, data: dict | None = None) -> str:
    """One value as text for pages, the inbox summary and exports."""
    if value in (None, "", []):
        return ""
    t = field["type"]
    if t == "daterange":
        return _("%(start)s %(sh)s – %(end)s %(eh)s, %(days)s working days") % {
            "start": value["start"],
            "sh": _half(value["start_half"]),
            "end": value["end"],
            "eh": _half(value["end_half"]),
            "days": value["days"].rstrip("0").rstrip("."),
        }
    if t in {"select", "multiselect"}:
        labels = {F.option_value(o): F.option_label(o) for o in field.get("options", [])}
        items = value if isinstance(value, list) else [value]
        return "、".join(labels.get(str(v), str(v)) for v in items)
    if t in {"user", "department", "partner", "product"}:
        from django.apps import apps

        model = {
            "user": "core.User",
            "department": "org.Department",
            "partner": "partners.Partner",
            "product": "products.Product",
        }[t]
        obj = apps.get_model(model)._base_manager.filter(pk=value).first()
        return str(obj) if obj else str(value)
    if t == "amount":
        from ronghe.web.templatetags.ronghe import money

        return money(value)
    return str(value)


def summary(fr) -> str:
    parts = []
    for f in fr.template.fields:
        if f["type"] in {"textarea", "attachment", "table"}:
            if f["type"] == "table":
                for c in f["columns"]:
                    if c.get("total"):
                        total = fr.data.get(f"{f['key']}_{c['key']}_total")
                        parts.append(f"{F.label(c)} {display_value(c, total)}")
            continue
        text = display_value(f, fr.data.get(f["key"]))
        if text:
            parts.append(text)
        if len(parts) >= 3:
            break
    return " · ".join(parts)[:300]


def rows(fr) -> list[dict]:
    """The filled form for display: [{"label", "text"} | {"label", "table": {"columns", "rows", "totals"}}]."""
    out = []
    for f in fr.template.fields:
        value = fr.data.get(f["key"])
        if f["type"] == "table":
            cols = f["columns"]
            out.append(
                {
                    "label": F.label(f),
                    "table": {
                        "columns": [F.label(c) for c in cols],
                        "numeric": [c["type"] in {"number", "amount"} for c in cols],
                        "rows": [[display_value(c, r.get(c["key"])) for c in cols] for r in value or []],
                        "totals": [
                            display_value(c, fr.data.get(f"{f['key']}_{c['key']}_total"))
                            if c.get("total")
                            else ""
                            for c in cols
                        ],
                    },
                }
            )
        elif f["type"] == "attachment":
            out.append({"label": F.label(f), "attachments": value or []})
        else:
            out.append({"label": F.label(f), "text": display_value(f, value)})
    return out


def _types(company):
    return [(t.approvable_type, t.name) for t in FormTemplate.objects.filter(company=company, active=True)]


def _fields(company, type_key):
    t = FormTemplate.objects.filter(company=company, code=type_key.split(":", 1)[1]).first()
    if t is None:
        return []
    return [ConditionField(name, label, kind) for name, label, kind in F.condition_fields(t.fields)]


APPROVABLE = Approvable(
    model_label="oaforms.formrequest",
    type_key=lambda fr: fr.template.approvable_type,
    values=lambda fr: F.condition_values(fr.template.fields, fr.data),
    title=lambda fr: fr.title,
    summary=summary,
    types=_types,
    fields=_fields,
    extra={"rows": rows, "edit_url": lambda fr: fr.get_absolute_url()},
)
