"""The month of ../shared/reference/worked_example.md driven through the business documents: two purchase
orders received and billed, a sales order delivered and invoiced, a receipt and a payment allocated, the
accountant posting what the documents generated, then 结账. Trial balance, balance sheet, income statement,
收发存 and aging match the reference to the fen."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.accounting import closing, integrity
from ronghe.accounting.models import BankAccount, Voucher
from ronghe.accounting.payments import payment_create, payment_post
from ronghe.accounting.reports import aging, balance_sheet, income_statement, trial_balance
from ronghe.accounting.services import leaf_for, period_for, voucher_create, voucher_post, voucher_review
from ronghe.inventory.selectors import stock_summary
from ronghe.inventory.services import transfer_validate, warehouse_create
from ronghe.inventory.tests.test_services import product
from ronghe.partners.models import Partner
from ronghe.purchasing import services as purchasing
from ronghe.sales import services as sales

pytestmark = pytest.mark.django_db


def test_worked_example_through_orders(books):
    co, prep, rev = books  # 周敏 prepares, 孙丽 reviews; both administrators of a fresh company
    today = timezone.localdate()
    wh = warehouse_create(company=co, actor=rev, code="W1", name="总仓")
    a = product(co, cost="100")
    s = Partner.objects.create(company=co, code="S", name="供应商S", is_supplier=True)
    c = Partner.objects.create(company=co, code="C", name="客户C", is_customer=True)
    bank = BankAccount.objects.create(
        company=co, name="基本户", currency_id="CNY", account=leaf_for(co, "1002")
    )
    capital = voucher_create(
        company=co,
        actor=prep,
        date=today,
        lines=[
            {"summary": "投资者投入资本", "account": "1002", "debit": "50000.00"},
            {"summary": "投资者投入资本", "account": "3001", "credit": "50000.00"},
        ],
    )

    bills = []
    for qty, price in ((100, "113.00"), (50, "135.60")):  # PO-1, PO-2 含税
        po = purchasing.order_confirm(
            order=purchasing.order_create(
                company=co,
                actor=prep,
                partner=s,
                warehouse=wh,
                lines=[{"product": a, "quantity": qty, "unit_price": price}],
            ),
            actor=prep,
        )
        transfer_validate(transfer=purchasing.receipts(po).get(), actor=prep)
        bill = purchasing.bill_post(invoice=purchasing.order_bill(orders=[po], actor=prep), actor=prep)
        assert bill.state == "posted"
        bills.append(bill)
        po.refresh_from_db()
        assert po.state == "done"
    so = sales.order_confirm(
        order=sales.order_create(
            company=co,
            actor=prep,
            partner=c,
            warehouse=wh,
            lines=[{"product": a, "quantity": 60, "unit_price": "226.00"}],
        ),
        actor=prep,
    )
    transfer_validate(transfer=sales.deliveries(so).get(), actor=prep)
    invoice = sales.order_invoice(orders=[so], actor=prep, post=True)
    assert (invoice.amount_untaxed, invoice.amount_tax, invoice.amount_total) == (
        D("12000.00"),
        D("1560.00"),
        D("13560.00"),
    )
    for kind, partner, amount, doc in (
        ("inbound", c, "10000.00", invoice),
        ("outbound", s, "11300.00", bills[0]),
    ):
        payment_post(
            payment=payment_create(
                company=co,
                actor=prep,
                kind=kind,
                partner=partner,
                date=today,
                bank_account=bank,
                amount=amount,
                allocations=[{"invoice": doc, "amount": amount}],
            ),
            actor=prep,
        )

    for v in Voucher.objects.filter(company=co, state="draft").order_by("number"):  # the accountant's review
        voucher_review(voucher=v, actor=rev)
        voucher_post(voucher=v, actor=rev)
    assert capital.pk
    income = {r["line"]: r["month"] for r in income_statement(co, year=today.year, month=today.month)["rows"]}
    period = period_for(co, today)
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
        ("310403" if today.month == 12 else "3103"): D("-5600.00"),
    }
    assert {k: closing_of.get(k, D(0)) for k in expected} == expected
    assert totals["closing_debit"] == totals["closing_credit"] == D("62380.00")
    bs = {r["line"]: r["closing"] for r in balance_sheet(co, year=today.year, month=today.month)["rows"]}
    assert (bs[30], bs[47], bs[52], bs[53]) == (D("61860.00"), D("6260.00"), D("55600.00"), D("61860.00"))
    assert (income[1], income[2], income[21], income[32]) == (
        D("12000.00"),
        D("6400.00"),
        D("5600.00"),
        D("5600.00"),
    )
    (row,) = stock_summary(company=co, date_from=today.replace(day=1), date_to=today, product_ids=[a.pk])
    assert (
        row["open_qty"],
        row["in_qty"],
        row["in_value"],
        row["out_qty"],
        row["out_value"],
        row["close_qty"],
        row["close_value"],
    ) == (0, 150, D("16000.00"), 60, D("6400.00"), 90, D("9600.00"))
    ar, ap = aging(co, kind="sale", on=today), aging(co, kind="purchase", on=today)
    assert [(r["partner"].code, r["total"]) for r in ar["rows"]] == [("C", D("3560.00"))]
    assert [(r["partner"].code, r["total"]) for r in ap["rows"]] == [("S", D("6780.00"))]
    so.refresh_from_db()
    assert so.state == "done"
    assert integrity.check_vouchers() == [] and integrity.check_balances() == []
    # gross margin of SO-1: revenue 12,000 − cost 6,400 (the delivery's stock value)
    from ronghe.sales.reports import sales_analysis

    by_product = sales_analysis(company=co, group_by="product", date_from=today.replace(day=1), date_to=today)
    (row,) = by_product["rows"]
    assert (row["quantity"], row["revenue"], row["cost"], row["margin"]) == (
        60,
        D("12000.00"),
        D("6400.00"),
        D("5600.00"),
    )
