"""Sales reads, scoped by company and data scope (a salesperson sees the orders they sell)."""

from django.db.models import Q

from ronghe.core.scoping import scope_queryset

from .models import SalesOrder


def order_list(*, user, company, state: str = "", partner=None, q: str = ""):
    qs = scope_queryset(
        SalesOrder.objects.select_related("partner", "salesperson", "warehouse"),
        user=user,
        company=company,
        perm="sales.view_salesorder",
    )
    if state:
        qs = qs.filter(state=state)
    if partner is not None:
        qs = qs.filter(partner=partner)
    if q:
        q = q.strip()
        qs = qs.filter(Q(number__icontains=q) | Q(partner__name__icontains=q) | Q(reference__icontains=q))
    return qs.order_by("-date", "-id")


def order_get_for_user(*, pk, user, company) -> SalesOrder:
    return order_list(user=user, company=company).get(pk=pk)


def order_lines(order):
    return list(order.lines.select_related("product").order_by("seq"))
