from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def timeline_panel(context, record):
    """Render the timeline panel of a record inline (no extra request, no spinner)."""
    from ..views import panel_context

    request = context["request"]
    return render_to_string("timeline/partials/_panel.html", panel_context(request, record), request=request)


@register.filter
def field_label(record, name):
    try:
        return record._meta.get_field(name).verbose_name
    except Exception:  # noqa: BLE001
        return name


@register.simple_tag
def tracked_value(record, row, side):
    """The old or new value of a tracked change in the reader's language: choices and yes/no are stored raw
    beside the label written at the time, so a Chinese change reads in English for an English user."""
    from django.utils.translation import gettext

    raw_key = f"{side}_raw"
    if raw_key in row:
        raw = row[raw_key]
        if raw in (None, ""):
            return ""
        try:
            field = record._meta.get_field(row["field"])
        except Exception:  # noqa: BLE001 — a field removed since: the label written at the time
            return row.get(side) or ""
        if field.choices:
            return str(dict(field.flatchoices).get(raw, row.get(side) or raw))
        if isinstance(raw, bool):
            return gettext("Yes") if raw else gettext("No")
    return row.get(side) or ""
