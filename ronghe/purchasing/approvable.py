"""How purchase orders (above the approval amount) and three-way-match exceptions appear to the approval
engine."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ronghe.web.templatetags.ronghe import money, qty
from ronghe.workflow.registry import Approvable, ConditionField


def order_rows(order) -> list[dict]:
    lines = list(order.lines.select_related("product"))
    return [
        {"label": _("Supplier"), "text": str(order.partner)},
        {
            "label": _("Lines"),
            "table": {
                "columns": [_("Product"), _("Quantity"), _("Unit price"), _("Total")],
                "numeric": [False, True, True, True],
                "rows": [
                    [str(x.product), qty(x.quantity), qty(x.unit_price), money(x.amount_total)] for x in lines
                ],
                "totals": ["", "", "", money(order.amount_total)],
            },
        },
    ]


def match_rows(match) -> list[dict]:
    return [
        {"label": _("Supplier"), "text": str(match.invoice.partner)},
        {"label": _("Bill total"), "text": money(match.invoice.amount_total)},
        {
            "label": _("Differences"),
            "table": {
                "columns": [
                    _("Order"),
                    _("Product"),
                    _("Ordered"),
                    _("Received"),
                    _("Billed"),
                    _("Order price"),
                    _("Bill price"),
                ],
                "numeric": [False, False, True, True, True, True, True],
                "rows": [
                    [
                        d["order"],
                        d["product"],
                        d["ordered"],
                        d["received"],
                        d["billed"],
                        d["order_price"],
                        d["bill_price"],
                    ]
                    for d in match.differences
                ],
            },
        },
    ]


ORDER = Approvable(
    model_label="purchasing.purchaseorder",
    type_key=lambda o: "purchasing.order",
    values=lambda o: {"amount_total": str(o.amount_total)},
    title=lambda o: _("Purchase order %(number)s") % {"number": o.number},
    summary=lambda o: _("%(supplier)s, %(total)s") % {"supplier": o.partner, "total": money(o.amount_total)},
    types=lambda company: [("purchasing.order", gettext_lazy("Purchase order"))],
    fields=lambda company, key: [ConditionField("amount_total", gettext_lazy("Total"), "amount")],
    extra={"rows": order_rows, "edit_url": lambda o: o.get_absolute_url()},
)

MATCH = Approvable(
    model_label="purchasing.billmatch",
    type_key=lambda m: "purchasing.billmatch",
    values=lambda m: {"amount_total": str(m.invoice.amount_total)},
    title=lambda m: _("Bill differs from its order: %(supplier)s") % {"supplier": m.invoice.partner},
    summary=lambda m: "; ".join(f"{d['product']}: {d['issues']}" for d in m.differences)[:300],
    types=lambda company: [("purchasing.billmatch", gettext_lazy("Three-way match exception"))],
    fields=lambda company, key: [ConditionField("amount_total", gettext_lazy("Total"), "amount")],
    extra={"rows": match_rows, "edit_url": lambda m: m.invoice.get_absolute_url()},
)
