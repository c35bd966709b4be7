"""VAT arithmetic for invoices and order lines (DESIGN §6): tax computed per line, rounded half-up to the fen
once, then summed. Prices may be entered tax-inclusive (含税, the Chinese habit) or tax-exclusive; with 含税
prices the line total is what the customer pays and the tax is taken out of it, so the total never drifts by
a fen. Rates come from the VAT Law tables shipped with the app (`data/vat_rates.csv`)."""

import csv
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineAmounts:
    untaxed: Decimal  # 不含税金额
    tax: Decimal  # 税额
    total: Decimal  # 价税合计


def line_amounts(
    *, quantity, unit_price, vat_rate, price_included: bool = True, discount_percent=0
) -> LineAmounts:
    """One line's amounts. `vat_rate` as a fraction (0.13). With `price_included`, total = qty × price ×
    (1 − discount) rounded, untaxed = total / (1 + rate) rounded, tax = total − untaxed; otherwise untaxed is
    rounded first and tax = untaxed × rate rounded."""
    quantity, unit_price, rate = Decimal(str(quantity)), Decimal(str(unit_price)), Decimal(str(vat_rate))
    gross = quantity * unit_price * (1 - Decimal(str(discount_percent)) / 100)
    if price_included:
        total = _money(gross)
        untaxed = _money(total / (1 + rate))
        return LineAmounts(untaxed, total - untaxed, total)
    untaxed = _money(gross)
    tax = _money(untaxed * rate)
    return LineAmounts(untaxed, tax, untaxed + tax)


MAX_VAT = Decimal("0.17")


def number_or_error(value, field: str, errors: dict, *, default=None) -> Decimal | None:
    """A number typed by a user ("1,234.5" accepted); a field error when it is missing (without a default)
    or not a number."""
    if value in (None, ""):
        if default is None:
            errors[field] = [_("This field is required.")]
        return default
    try:
        return Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        errors[field] = [_("Enter a number.")]
        return default


@dataclass(frozen=True)
class PricedLine:
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    vat_rate: Decimal
    amounts: LineAmounts


def priced_line(
    data: dict, prefix: str, errors: dict, *, included: bool, default_price=None, default_rate=None
) -> PricedLine | None:
    """The quantity, price, discount and VAT rate of a document line (invoice, sales or purchase order),
    checked — errors under `prefix` + field — and its amounts. None when this line has any error under
    `prefix` (the caller's own checks included)."""
    qty = number_or_error(data.get("quantity"), prefix + "quantity", errors)
    price = number_or_error(data.get("unit_price", default_price), prefix + "unit_price", errors)
    discount = number_or_error(
        data.get("discount_percent"), prefix + "discount_percent", errors, default=ZERO
    )
    rate = number_or_error(data.get("vat_rate", default_rate), prefix + "vat_rate", errors)
    if qty is not None and qty <= 0:
        errors[prefix + "quantity"] = [_("Enter a quantity above zero.")]
    if price is not None and price < 0:
        errors[prefix + "unit_price"] = [_("The unit price must not be negative.")]
    if discount is not None and not (0 <= discount < 100):
        errors[prefix + "discount_percent"] = [_("A discount is between 0 and 100%.")]
    if rate is not None and not (0 <= rate <= MAX_VAT):
        errors[prefix + "vat_rate"] = [_("Enter the VAT rate as a fraction, e.g. 0.13.")]
    if any(k.startswith(prefix) for k in errors):
        return None
    amounts = line_amounts(
        quantity=qty, unit_price=price, vat_rate=rate, price_included=included, discount_percent=discount
    )
    return PricedLine(qty, price, discount, rate, amounts)


def totals(lines: list[LineAmounts]) -> LineAmounts:
    """Document totals: the sums of the rounded lines (never re-computed from the document total)."""
    return LineAmounts(
        sum((x.untaxed for x in lines), ZERO),
        sum((x.tax for x in lines), ZERO),
        sum((x.total for x in lines), ZERO),
    )


@dataclass(frozen=True)
class VatRate:
    kind: str
    taxpayer_type: str
    rate: Decimal
    applies_to_zh: str
    applies_to_en: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


@cache
def _table() -> tuple[VatRate, ...]:
    path = Path(__file__).parent / "data" / "vat_rates.csv"
    rows = []
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["rate"]:
                continue
            rows.append(
                VatRate(
                    kind=r["kind"],
                    taxpayer_type=r["taxpayer_type"],
                    rate=Decimal(r["rate"]),
                    applies_to_zh=r["applies_to_zh"],
                    applies_to_en=r["applies_to_en"],
                    valid_from=datetime.date.fromisoformat(r["valid_from"]) if r["valid_from"] else None,
                    valid_to=datetime.date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
                )
            )
    return tuple(rows)


def vat_rates(*, on: datetime.date, taxpayer_type: str = "general") -> list[VatRate]:
    """The VAT rates (general taxpayers) or levy rates (small-scale) in force on `on`, highest first."""
    kinds = {"general": ("tax_rate",), "small_scale": ("levy_rate", "levy_rate_reduced")}[taxpayer_type]
    out = [
        r
        for r in _table()
        if r.kind in kinds
        and (r.valid_from is None or r.valid_from <= on)
        and (r.valid_to is None or on <= r.valid_to)
    ]
    return sorted(out, key=lambda r: r.rate, reverse=True)
