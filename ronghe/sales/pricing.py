"""The price a sales line gets, and why (shown on hover): the customer's own price list, then the lists of its
customer groups (partner tags), then the product's sales price; within a list the highest quantity break
the line reaches; lists valid on the order date only."""

import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import PriceListItem


def prices_for(*, company, partner, products, quantities: dict, on: datetime.date) -> dict[int, tuple]:
    """product id → (unit price, explanation) for the quantities {product id: qty} in one query."""
    tag_ids = list(partner.tags.values_list("pk", flat=True)) if partner is not None else []
    items = (
        PriceListItem.objects.filter(
            pricelist__company=company,
            pricelist__active=True,
            product__in=[p.pk for p in products],
        )
        .filter(
            Q(pricelist__partner=partner) | Q(pricelist__tag__in=tag_ids)
            if partner is not None
            else Q(pk=None)
        )
        .filter(Q(pricelist__date_from__isnull=True) | Q(pricelist__date_from__lte=on))
        .filter(Q(pricelist__date_to__isnull=True) | Q(pricelist__date_to__gte=on))
        .select_related("pricelist")
    )
    best: dict[int, tuple] = {}
    for item in items:
        qty = Decimal(str(quantities.get(item.product_id, 0) or 0))
        if item.min_quantity > qty:
            continue
        rank = (
            0 if item.pricelist.partner_id else 1,
            -item.min_quantity,
        )  # own list first, then highest break
        if item.product_id not in best or rank < best[item.product_id][0]:
            best[item.product_id] = (rank, item)
    out = {}
    for p in products:
        hit = best.get(p.pk)
        if hit is None:
            out[p.pk] = (p.sale_price, _("Sales price of the product"))
            continue
        item = hit[1]
        why = _("Price list %(list)s") % {"list": item.pricelist.name}
        if item.min_quantity:
            why += _(", from %(qty)s") % {"qty": format(item.min_quantity.normalize(), "f")}
        if item.pricelist.date_to:
            why += _(", valid until %(date)s") % {"date": item.pricelist.date_to.isoformat()}
        out[p.pk] = (item.price, why)
    return out
