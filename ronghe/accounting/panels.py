"""A partner's invoices, receipts/payments and open balance on the partner page (web.registry.RecordPanel)."""

from django.utils.translation import gettext as _

from ronghe.web.templatetags.ronghe import money

from .models import ZERO
from .selectors import invoice_list, payment_list


def partner_invoices(request, partner):
    invoices = list(invoice_list(user=request.user, company=request.company, partner=partner)[:10])
    payments = list(payment_list(user=request.user, company=request.company, partner=partner)[:5])
    if not invoices and not payments:
        return None
    open_qs = invoice_list(user=request.user, company=request.company, partner=partner, open_only=True)
    receivable = sum(
        (
            (-i.amount_open_cny if i.is_refund else i.amount_open_cny) * (1 if i.kind == "sale" else -1)
            for i in open_qs
        ),
        ZERO,
    )
    rows, urls = [], []
    for i in invoices:
        kind = _("Credit note") if i.is_refund else i.get_kind_display()
        rows.append(
            [
                i.number or _("Draft"),
                i.date.isoformat(),
                kind,
                i.get_state_display(),
                money(i.amount_total),
                money(i.amount_open),
            ]
        )
        urls.append(i.get_absolute_url())
    for p in payments:
        rows.append(
            [
                p.number or _("Draft"),
                p.date.isoformat(),
                p.get_kind_display(),
                p.get_state_display(),
                money(p.amount),
                money(p.amount_unallocated),
            ]
        )
        urls.append(p.get_absolute_url())
    return {
        "title": _("Invoices and payments"),
        "summary": _("Open balance %(amount)s") % {"amount": money(receivable)},
        "columns": [_("Number"), _("Date"), _("Type"), _("State"), _("Amount"), _("Open amount")],
        "numeric": [4, 5],
        "rows": rows,
        "urls": urls,
        "link": f"/accounting/partner-statement/?partner={partner.pk}",
        "empty": "",
    }
