"""How stock counts appear to the approval engine."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ronghe.web.templatetags.ronghe import money, qty
from ronghe.workflow.registry import Approvable, ConditionField


def rows(count) -> list[dict]:
    lines = [ln for ln in count.lines.select_related("product", "lot") if ln.difference]
    return [
        {"label": _("Warehouse"), "text": f"{count.warehouse} · {count.location}"},
        {"label": _("Difference value"), "text": money(count.difference_value)},
        {
            "label": _("Differences"),
            "table": {
                "columns": [
                    _("Product"),
                    _("Lot / serial number"),
                    _("Book quantity"),
                    _("Counted quantity"),
                    _("Difference"),
                    _("Difference value"),
                ],
                "numeric": [False, False, True, True, True, True],
                "rows": [
                    [
                        str(ln.product),
                        str(ln.lot or ""),
                        qty(ln.expected_qty),
                        qty(ln.counted_qty),
                        qty(ln.difference),
                        money(ln.difference_value),
                    ]
                    for ln in lines
                ],
                "totals": ["", "", "", "", "", money(count.difference_value)],
            },
        },
    ]


APPROVABLE = Approvable(
    model_label="inventory.stockcount",
    type_key=lambda c: "inventory.stockcount",
    values=lambda c: {"difference_value": str(c.difference_value), "warehouse": c.warehouse_id},
    title=lambda c: _("Stock count %(number)s") % {"number": c.number},
    summary=lambda c: (
        _("%(wh)s, difference %(value)s") % {"wh": c.location, "value": money(c.difference_value)}
    ),
    types=lambda company: [("inventory.stockcount", gettext_lazy("Stock count"))],
    fields=lambda company, key: [
        ConditionField("difference_value", gettext_lazy("Difference value"), "amount"),
        ConditionField("warehouse", gettext_lazy("Warehouse"), "number"),
    ],
    extra={"rows": rows, "edit_url": lambda c: c.get_absolute_url()},
)
