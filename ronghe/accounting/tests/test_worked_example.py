"""The hand-computed month of ../shared/reference/worked_example.md run through the documents: stock receipts
and the delivery post their valuation vouchers (inventory), the two supplier bills, the customer invoice, the
receipt and the payment are sub-ledger documents whose posting generates the vouchers; the accountant reviews
and posts them; the period closes; ledger, statements and aging match the reference to the fen."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.accounting import closing, integrity
from ronghe.accounting.invoicing import invoice_create, invoice_post
from ronghe.accounting.models import BankAccount, Voucher
from ronghe.accounting.payments import payment_create, payment_post
from ronghe.accounting.reports import (
    aging,
    balance_sheet,
    cash_flow,
    general_ledger,
    income_statement,
    partner_statement,
    trial_balance,
)
from ronghe.accounting.services import leaf_for, period_for, voucher_create, voucher_post, voucher_review
from ronghe.inventory.models import Transfer
from ronghe.inventory.services import transfer_create, transfer_validate, warehouse_create
from ronghe.inventory.tests.test_services import product
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db


def post_all(co, rev, kind):
    for v in Voucher.objects.filter(company=co, kind=kind, state="draft").order_by("number"):
        voucher_review(voucher=v, actor=rev)
        voucher_post(voucher=v, actor=rev)


def test_worked_example_month(books):
    co, prep, rev = books
    today = timezone.localdate()
    wh = warehouse_create(company=co, actor=rev, code="W1", name="总仓")
    a = product(co, cost="100")
    s = Partner.objects.create(company=co, code="S", name="供应商S", is_supplier=True)
    c = Partner.objects.create(company=co, code="C", name="客户C", is_customer=True)
    bank = BankAccount.objects.create(
        company=co, name="工行基本户", currency_id="CNY", account=leaf_for(co, "1002")
    )

    v = voucher_create(
        company=co,
        actor=prep,
        date=today,
        lines=[
            {"summary": "投资者投入资本", "account": "1002", "debit": "50000.00"},
            {"summary": "投资者投入资本", "account": "3001", "credit": "50000.00"},
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

    def invoice(kind, partner, qty, price, number):
        inv = invoice_create(
            company=co,
            actor=prep,
            kind=kind,
            partner=partner,
            date=today,
            fapiao_type="e_special",
            fapiao_number=number,
            lines=[{"product": a, "quantity": qty, "unit_price": price, "vat_rate": "0.13"}],
        )
        return invoice_post(invoice=inv, actor=prep)

    stock(Transfer.Kind.RECEIPT, 100, "100.00")  # 借 库存商品 10,000 / 贷 在途物资 10,000
    bill1 = invoice("purchase", s, 100, "113.00", "26320000000000000001")  # 借 在途物资 + 进项 / 贷 应付
    assert (bill1.amount_untaxed, bill1.amount_tax, bill1.amount_total) == (
        D("10000.00"),
        D("1300.00"),
        D("11300.00"),
    )
    stock(Transfer.Kind.RECEIPT, 50, "120.00")
    bill2 = invoice("purchase", s, 50, "135.60", "26320000000000000002")
    assert (bill2.amount_untaxed, bill2.amount_tax) == (D("6000.00"), D("780.00"))
    stock(Transfer.Kind.DELIVERY, 60)  # 16,000 × 60 / 150 = 6,400.00
    inv = invoice("sale", c, 60, "226.00", "26110000000000000001")
    assert [(x.account.code, x.debit, x.credit) for x in inv.voucher.lines.select_related("account")] == [
        ("1122", D("13560.00"), D("0.00")),
        ("5001", D("0.00"), D("12000.00")),
        ("22210102", D("0.00"), D("1560.00")),
    ]
    receipt = payment_create(
        company=co,
        actor=prep,
        kind="inbound",
        partner=c,
        date=today,
        bank_account=bank,
        amount="10000.00",
        allocations=[{"invoice": inv, "amount": "10000.00"}],
    )
    payment_post(payment=receipt, actor=prep)
    pay = payment_create(
        company=co,
        actor=prep,
        kind="outbound",
        partner=s,
        date=today,
        bank_account=bank,
        amount="11300.00",
        allocations=[{"invoice": bill1, "amount": "11300.00"}],
    )
    pay = payment_post(payment=pay, actor=prep)
    assert [
        (x.account.code, x.debit, x.credit, x.cashflow_item)
        for x in pay.voucher.lines.select_related("account")
    ] == [
        ("1002", D("0.00"), D("11300.00"), "3"),
        ("2202", D("11300.00"), D("0.00"), ""),
    ]
    for doc in (inv, bill1, bill2):
        doc.refresh_from_db()
    assert (inv.amount_open, bill1.amount_open, bill2.amount_open) == (D("3560.00"), D("0.00"), D("6780.00"))
    for kind in ("invoice", "payment"):  # generated vouchers are prepared by the poster, reviewed by another
        assert set(Voucher.objects.filter(company=co, kind=kind).values_list("prepared_by", flat=True)) == {
            prep.pk
        }
        post_all(co, rev, kind)

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
        # in December 结账 also carries 本年利润 to 利润分配—未分配利润 (the year-end close)
        ("310403" if today.month == 12 else "3103"): D("-5600.00"),
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
    ar, ap = aging(co, kind="sale", on=today), aging(co, kind="purchase", on=today)
    assert [(r["partner"].name, r["total"]) for r in ar["rows"]] == [("客户C", D("3560.00"))]
    assert [(r["partner"].name, r["total"]) for r in ap["rows"]] == [("供应商S", D("6780.00"))]
    st = partner_statement(co, partner=c, start=today.replace(day=1), end=today)
    assert [(r["line"].debit, r["line"].credit, r["balance"]) for r in st["rows"]] == [
        (D("13560.00"), D("0"), D("13560.00")),
        (D("0"), D("10000.00"), D("3560.00")),
    ]
    # 现金流量表: the receipt and the payment are tagged, the capital is classified by its contra account
    cf = {
        r["line"]: r["month"] for r in cash_flow(co, year=today.year, month=today.month)["rows"] if r["line"]
    }
    assert (cf[1], cf[3], cf[7], cf[15], cf[19], cf[20], cf[21], cf[22]) == (
        D("10000.00"),
        D("11300.00"),
        D("-1300.00"),
        D("50000.00"),
        D("50000.00"),
        D("48700.00"),
        D("0"),
        D("48700.00"),
    )
    assert cf[22] == bs[1]
    gl = general_ledger(co, account=leaf_for(co, "1002"), year=today.year, end_month=today.month)
    assert gl["opening"] == 0 and [
        (m["debit"], m["credit"], m["ytd_debit"], m["balance"]) for m in gl["months"]
    ] == [(D("60000.00"), D("11300.00"), D("60000.00"), D("48700.00"))]
