"""How sales orders appear to the approval engine (discount and credit approvals)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ronghe.web.templatetags.ronghe import money, qty
from ronghe.workflow.registry import Approvable, ConditionField


def rows(order) -> list[dict]:
    lines = list(order.lines.select_related("product"))
    return [
        {"label": _("Customer"), "text": str(order.partner)},
        {"label": _("Why"), "text": order.approval_reason},
        {
            "label": _("Lines"),
            "table": {
                "columns": [_("Product"), _("Quantity"), _("Unit price"), _("Discount %"), _("Total")],
                "numeric": [False, True, True, True, True],
                "rows": [
                    [
                        str(x.product),
                        qty(x.quantity),
                        qty(x.unit_price),
                        qty(x.discount_percent),
                        money(x.amount_total),
                    ]
                    for x in lines
                ],
                "totals": ["", "", "", "", money(order.amount_total)],
            },
        },
    ]


def values(order) -> dict:
    top = max((x.discount_percent for x in order.lines.all()), default=0)
    return {"amount_total": str(order.amount_total), "max_discount": str(top)}


APPROVABLE = Approvable(
    model_label="sales.salesorder",
    type_key=lambda o: "sales.order",
    values=values,
    title=lambda o: _("Sales order %(number)s") % {"number": o.number},
    summary=lambda o: _("%(customer)s, %(total)s") % {"customer": o.partner, "total": money(o.amount_total)},
    types=lambda company: [("sales.order", gettext_lazy("Sales order (discount or credit)"))],
    fields=lambda company, key: [
        ConditionField("amount_total", gettext_lazy("Total"), "amount"),
        ConditionField("max_discount", gettext_lazy("Highest discount %"), "number"),
    ],
    extra={"rows": rows, "edit_url": lambda o: o.get_absolute_url()},
)
