"""The customer's quotations and orders on the partner page (web.registry.RecordPanel)."""

from django.utils.translation import gettext as _

from ronghe.web.templatetags.ronghe import money

from .selectors import order_list


def customer_orders(request, partner):
    if not partner.is_customer:
        return None
    orders = list(order_list(user=request.user, company=request.company, partner=partner)[:10])
    return {
        "title": _("Quotations and orders"),
        "columns": [_("Number"), _("Date"), _("State"), _("Total")],
        "numeric": [3],
        "rows": [
            [o.number, o.date.isoformat(), o.get_state_display(), money(o.amount_total)] for o in orders
        ],
        "urls": [o.get_absolute_url() for o in orders],
        "link": f"/sales/orders/?q={partner.name}",
        "empty": _("No quotations yet."),
    }
