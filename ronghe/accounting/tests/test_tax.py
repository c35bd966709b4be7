"""VAT per line, 含税 and 不含税, with the worked example's figures and rounding edge cases computed by hand."""

import datetime
from decimal import Decimal as D

import pytest

from ronghe.accounting.tax import LineAmounts, line_amounts, totals, vat_rates


@pytest.mark.parametrize(
    "qty, price, rate, included, expected",
    [
        (100, "113.00", "0.13", True, ("10000.00", "1300.00", "11300.00")),  # worked example PO-1
        (50, "135.60", "0.13", True, ("6000.00", "780.00", "6780.00")),  # PO-2
        (60, "226.00", "0.13", True, ("12000.00", "1560.00", "13560.00")),  # SO-1
        (3, "9.99", "0.13", True, ("26.52", "3.45", "29.97")),  # 29.97 / 1.13 = 26.5221… → 26.52
        (3, "9.99", "0.13", False, ("29.97", "3.90", "33.87")),  # 29.97 × 0.13 = 3.8961 → 3.90
        (1, "100.00", "0.06", True, ("94.34", "5.66", "100.00")),  # 100 / 1.06 = 94.3396…
        (7, "0.15", "0.09", False, ("1.05", "0.09", "1.14")),  # 1.05 × 0.09 = 0.0945 → 0.09 (half up)
        (1, "0.50", "0.13", False, ("0.50", "0.07", "0.57")),  # 0.065 → 0.07: half up, not banker's
    ],
)
def test_line_amounts(qty, price, rate, included, expected):
    a = line_amounts(quantity=qty, unit_price=price, vat_rate=rate, price_included=included)
    assert (a.untaxed, a.tax, a.total) == tuple(D(x) for x in expected)
    assert a.untaxed + a.tax == a.total


def test_discount_and_totals_sum_rounded_lines():
    a = line_amounts(quantity=10, unit_price="11.30", vat_rate="0.13", discount_percent=10)  # 101.70 含税
    assert (a.untaxed, a.tax, a.total) == (D("90.00"), D("11.70"), D("101.70"))
    lines = [line_amounts(quantity=1, unit_price="0.10", vat_rate="0.13") for _ in range(3)]
    # each 0.10 含税 line: 0.09 + 0.01; the document is the sum of the lines (0.27 + 0.03), not 0.30 / 1.13
    assert totals(lines) == LineAmounts(D("0.27"), D("0.03"), D("0.30"))


def test_rates_in_force():
    general = [r.rate for r in vat_rates(on=datetime.date(2026, 6, 1))]
    assert general == [D("0.13"), D("0.09"), D("0.06"), D("0.00")]
    small = [r.rate for r in vat_rates(on=datetime.date(2026, 6, 1), taxpayer_type="small_scale")]
    assert small == [D("0.03"), D("0.01")]
    assert D("0.01") not in [
        r.rate for r in vat_rates(on=datetime.date(2028, 1, 2), taxpayer_type="small_scale")
    ]
