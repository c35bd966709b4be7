from django.urls import reverse
from django.utils.translation import gettext as _

from ronghe.core.scoping import has_perm

from .selectors import vouchers_to_review


def review_card(request):
    """Vouchers waiting for this accountant's review (drafts someone else prepared), on the dashboard."""
    if not has_perm(request.user, request.company, "accounting.review_voucher"):
        return None
    return {
        "title": _("Vouchers to review"),
        "value": vouchers_to_review(user=request.user, company=request.company).count(),
        "icon": "journal-check",
        "link": reverse("accounting:voucher-list") + "?state=draft",
        "hint": _("drafts prepared by others"),
    }
