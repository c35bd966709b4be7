"""The hand-computed month of ../shared/reference/worked_example.md run through inventory and the ledger:
stock receipts and the delivery post their own valuation vouchers; the supplier bills, the invoice, the
receipt and the payment are entered as vouchers (the AR/AP documents come with the sub-ledgers)."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.accounting import closing, integrity
from ronghe.accounting.models import Voucher
from ronghe.accounting.reports import balance_sheet, income_statement, trial_balance
from ronghe.accounting.services import period_for, voucher_create, voucher_post, voucher_review
from ronghe.inventory.models import Transfer
from ronghe.inventory.services import transfer_create, transfer_validate, warehouse_create
from ronghe.inventory.tests.test_services import product
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db


def test_worked_example_month(books):
    co, prep, rev = books
    today = timezone.localdate()
    wh = warehouse_create(company=co, actor=rev, code="W1", name="总仓")
    a = product(co, cost="100")
    s = Partner.objects.create(company=co, code="S", name="供应商S", is_supplier=True)
    c = Partner.objects.create(company=co, code="C", name="客户C", is_customer=True)

    def entry(summary, *rows):
        v = voucher_create(
            company=co,
            actor=prep,
            date=today,
            lines=[
                {
                    "summary": summary,
                    "account": r[0],
                    "debit": r[1],
                    "credit": r[2],
                    **(r[3] if len(r) > 3 else {}),
                }
                for r in rows
            ],
        )
        voucher_review(voucher=v, actor=rev)
        voucher_post(voucher=v, actor=rev)

    def stock(kind, qty, price=None):
        t = transfer_create(
            company=co,
            actor=rev,
            kind=kind,
            warehouse=wh,
            partner=s if kind == "receipt" else c,
            lines=[{"product": a, "quantity": qty, "price_unit": price}],
        )
        transfer_validate(transfer=t, actor=rev)

    entry("投资者投入资本", ("1002", "50000.00", None), ("3001", None, "50000.00"))
    stock(Transfer.Kind.RECEIPT, 100, "100.00")  # 借 库存商品 10,000 / 贷 在途物资 10,000
    entry(
        "PO-1 供应商发票",
        ("1402", "10000.00", None),
        ("22210101", "1300.00", None),
        ("2202", None, "11300.00", {"partner": s}),
    )
    stock(Transfer.Kind.RECEIPT, 50, "120.00")
    entry(
        "PO-2 供应商发票",
        ("1402", "6000.00", None),
        ("22210101", "780.00", None),
        ("2202", None, "6780.00", {"partner": s}),
    )
    stock(Transfer.Kind.DELIVERY, 60)  # 16,000 × 60 / 150 = 6,400.00
    entry(
        "SO-1 销售发票",
        ("1122", "13560.00", None, {"partner": c}),
        ("5001", None, "12000.00"),
        ("22210102", None, "1560.00"),
    )
    entry("收到客户C货款", ("1002", "10000.00", None), ("1122", None, "10000.00", {"partner": c}))
    entry("支付供应商S货款", ("2202", "11300.00", None, {"partner": s}), ("1002", None, "11300.00"))

    stock_vouchers = Voucher.objects.filter(company=co, kind="stock").order_by("number")
    assert [v.total_debit for v in stock_vouchers] == [D("10000.00"), D("6000.00"), D("6400.00")]
    for v in stock_vouchers:  # automatic vouchers are prepared by the system, reviewed and posted by people
        assert v.prepared_by is None and v.state == "draft"
        voucher_review(voucher=v, actor=rev)
        voucher_post(voucher=v, actor=rev)
    period = period_for(co, today)
    income = {r["line"]: r["month"] for r in income_statement(co, year=today.year, month=today.month)["rows"]}
    closing.period_close(company=co, period=period, actor=rev)

    rows, totals = trial_balance(co, start=period.key, end=period.key)
    closing_of = {r.account.code: r.closing for r in rows}
    expected = {
        "1002": D("48700.00"),
        "1122": D("3560.00"),
        "1405": D("9600.00"),
        "1402": D("0.00"),
        "2202": D("-6780.00"),
        "2221": D("520.00"),
        "3001": D("-50000.00"),
        "3103": D("-5600.00"),
    }
    assert {k: closing_of.get(k, D(0)) for k in expected} == expected
    assert closing_of.get("5001", D(0)) == closing_of.get("5401", D(0)) == 0
    assert totals["closing_debit"] == totals["closing_credit"] == D("62380.00")

    bs = {r["line"]: r["closing"] for r in balance_sheet(co, year=today.year, month=today.month)["rows"]}
    assert (bs[1], bs[4], bs[9], bs[30]) == (D("48700.00"), D("3560.00"), D("9600.00"), D("61860.00"))
    assert (bs[33], bs[36], bs[47]) == (D("6780.00"), D("-520.00"), D("6260.00"))
    assert (bs[48], bs[51], bs[52], bs[53]) == (D("50000.00"), D("5600.00"), D("55600.00"), D("61860.00"))

    # the income statement reads the same before and after the close (closing vouchers are left out)
    after = {r["line"]: r["month"] for r in income_statement(co, year=today.year, month=today.month)["rows"]}
    assert income == after
    assert (after[1], after[2], after[21], after[30], after[32]) == (
        D("12000.00"),
        D("6400.00"),
        D("5600.00"),
        D("5600.00"),
        D("5600.00"),
    )
    assert integrity.check_vouchers() == [] and integrity.check_balances() == []
