"""Purchasing reads, scoped by company and data scope."""

from django.db.models import Q

from ronghe.core.scoping import scope_queryset

from .models import PurchaseOrder


def order_list(*, user, company, state: str = "", partner=None, q: str = ""):
    qs = scope_queryset(
        PurchaseOrder.objects.select_related("partner", "buyer", "warehouse"),
        user=user,
        company=company,
        perm="purchasing.view_purchaseorder",
    )
    if state:
        qs = qs.filter(state=state)
    if partner is not None:
        qs = qs.filter(partner=partner)
    if q:
        q = q.strip()
        qs = qs.filter(Q(number__icontains=q) | Q(partner__name__icontains=q) | Q(reference__icontains=q))
    return qs.order_by("-date", "-id")


def order_get_for_user(*, pk, user, company) -> PurchaseOrder:
    return order_list(user=user, company=company).get(pk=pk)


def order_lines(order):
    return list(order.lines.select_related("product").order_by("seq"))
