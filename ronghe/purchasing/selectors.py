"""Purchasing reads, scoped by company and data scope."""

from django.db.models import Q

from ronghe.core.scoping import membership_for, require_perm, scope_queryset

from .models import PurchaseOrder, SupplierPrice


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


def supplier_price_list(*, user, company, product=None, partner=None, q: str = ""):
    """The company's supplier price lists: master data of the whole purchasing team (not owner-scoped)."""
    if company is None or membership_for(user, company) is None:
        return SupplierPrice.objects.none()
    require_perm(user, company, "purchasing.view_purchaseorder")
    qs = SupplierPrice.objects.filter(company=company).select_related("partner", "product")
    if product is not None:
        qs = qs.filter(product=product)
    if partner is not None:
        qs = qs.filter(partner=partner)
    if q:
        q = q.strip()
        qs = qs.filter(
            Q(product__name__icontains=q)
            | Q(product__code__icontains=q)
            | Q(partner__name__icontains=q)
            | Q(supplier_code__icontains=q)
        )
    return qs.order_by("product__code", "partner__name", "min_quantity", "pk")
