"""Formatting used by every page: money and quantities (tabular, thousands separators), list cells."""

import datetime
import json
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def money(value, places=2):
    """1234567.5 -> 1,234,567.50 (half-up)."""
    if value in (None, ""):
        return ""
    try:
        d = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return value
    return f"{d:,.{int(places)}f}"


@register.filter
def qty(value):
    """A quantity: thousands separators, no trailing zeros (1,250 / 2.5 / 0.125)."""
    if value in (None, ""):
        return ""
    try:
        d = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return value
    text = f"{d:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.filter
def percent(value):
    """A rate as a fraction → percent without trailing zeros: 0.13 → 13%, 0.015 → 1.5%."""
    if value in (None, ""):
        return ""
    try:
        return f"{qty(Decimal(str(value)) * 100)}%"
    except (InvalidOperation, ValueError):
        return value


@register.filter
def is_negative(value):
    try:
        return Decimal(str(value)) < 0
    except (InvalidOperation, ValueError, TypeError):
        return False


@register.filter
def initials(user):
    name = (user.get_display_name() if hasattr(user, "get_display_name") else str(user or "")) or "?"
    if name.isascii():
        parts = name.replace(".", " ").split()
        return "".join(p[0] for p in parts[:2]).upper()
    # Chinese personal names: the given name (王芳 -> 王芳, 张建华 -> 建华); longer titles: first character
    return name[-2:] if len(name) <= 3 else name[0]


@register.simple_tag
def cell(col, value, obj=None):
    """Render one list cell according to its column kind."""
    if value is None or value == "":
        return ""
    kind = col.kind
    if kind == "money":
        text = money(value)
        return format_html('<span class="{}">{}</span>', "neg" if is_negative(value) else "", text)
    if kind == "qty":
        return format_html('<span class="{}">{}</span>', "neg" if is_negative(value) else "", qty(value))
    if kind == "bool" or isinstance(value, bool):
        return format_html(
            '<i class="bi {}"></i>', "bi-check-lg text-success" if value else "bi-dash text-muted"
        )
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if kind == "link" and obj is not None and hasattr(obj, "get_absolute_url"):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), value)
    if kind == "changes" and isinstance(value, dict):
        parts = []
        for k, v in list(value.items())[:6]:
            if isinstance(v, list) and len(v) == 2:
                parts.append(
                    format_html(
                        "<div><code>{}</code>: {} → {}</div>",
                        k,
                        v[0] if v[0] is not None else "∅",
                        v[1] if v[1] is not None else "∅",
                    )
                )
            else:
                parts.append(
                    format_html("<div><code>{}</code>: {}</div>", k, json.dumps(v, ensure_ascii=False)[:120])
                )
        return mark_safe("".join(str(p) for p in parts))  # each part escaped by format_html
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)[:120] if value else ""
    if hasattr(value, "all"):
        return ", ".join(str(v) for v in value.all())
    return str(value)


@register.filter
def yesno_icon(value):
    return format_html(
        '<i class="bi {}" title="{}"></i>',
        "bi-check-circle-fill text-success" if value else "bi-circle text-muted",
        _("Yes") if value else _("No"),
    )


@register.filter
def json_script_data(value):
    return json.dumps(value, ensure_ascii=False)


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, "")


@register.simple_tag(takes_context=True)
def audit_history_link(context, record):
    """A "History" button to the record's audit trail, for company administrators."""
    from django.urls import reverse

    from ronghe.core.scoping import is_company_admin

    request = context["request"]
    if not is_company_admin(request.user, getattr(request, "company", None)):
        return ""
    url = reverse("web:audit-log") + f"?model={record._meta.label_lower}&object_id={record.pk}"
    return format_html(
        '<a class="btn btn-sm btn-outline-secondary" href="{}"><i class="bi bi-clock-history"></i> {}</a>',
        url,
        _("History"),
    )


@register.filter
def get_index(sequence, index):
    try:
        return sequence[int(index)]
    except (IndexError, TypeError, ValueError):
        return ""


@register.filter
def index(sequence, i):
    """sequence[i] in a template ({{ urls|index:forloop.counter0 }}); empty when out of range."""
    try:
        return sequence[int(i)]
    except (IndexError, TypeError, ValueError):
        return ""
