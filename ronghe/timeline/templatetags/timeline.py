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
