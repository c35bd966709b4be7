"""The supplier's purchase orders on the partner page (web.registry.RecordPanel)."""

from django.utils.translation import gettext as _

from ronghe.web.templatetags.ronghe import money

from .selectors import order_list


def supplier_orders(request, partner):
    if not partner.is_supplier:
        return None
    orders = list(order_list(user=request.user, company=request.company, partner=partner)[:10])
    return {
        "title": _("Purchase orders"),
        "columns": [_("Number"), _("Date"), _("State"), _("Total")],
        "numeric": [3],
        "rows": [
            [o.number, o.date.isoformat(), o.get_state_display(), money(o.amount_total)] for o in orders
        ],
        "urls": [o.get_absolute_url() for o in orders],
        "link": f"/purchasing/orders/?q={partner.name}",
        "empty": _("No purchase orders yet."),
    }
