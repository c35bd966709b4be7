"""The partner's deliveries, receipts and returns on the partner page (web.registry.RecordPanel)."""

from django.utils.translation import gettext as _

from .selectors import transfer_list


def partner_transfers(request, partner):
    transfers = list(
        transfer_list(user=request.user, company=request.company)
        .filter(partner=partner)
        .exclude(kind="internal")
        .order_by("-scheduled_date", "-id")[:10]
    )
    if not transfers and not partner.is_customer:
        return None
    return {
        "title": _("Deliveries and receipts"),
        "columns": [_("Number"), _("Type"), _("Scheduled date"), _("State"), _("Source document")],
        "numeric": [],
        "rows": [
            [t.number, t.get_kind_display(), t.scheduled_date.isoformat(), t.get_state_display(), t.origin]
            for t in transfers
        ],
        "urls": [t.get_absolute_url() for t in transfers],
        "link": f"/inventory/transfers/?q={partner.name}",
        "empty": _("No deliveries yet."),
    }
