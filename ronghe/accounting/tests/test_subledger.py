"""Invoices, bills, credit notes, receipts and payments: the vouchers they generate, allocation and its limits,
prepayments, small-difference write-off, foreign currency with realised and month-end exchange differences,
aging, partner statement — and bad input refused with nothing written."""

import datetime
from decimal import Decimal as D

import pytest

from ronghe.accounting import integrity
from ronghe.accounting.invoicing import invoice_create, invoice_post
from ronghe.accounting.models import Allocation, BankAccount, Invoice, Payment, Voucher
from ronghe.accounting.payments import (
    fx_revalue,
    payment_allocate,
    payment_create,
    payment_post,
)
from ronghe.accounting.reports import aging, partner_statement
from ronghe.accounting.services import (
    account_create,
    leaf_for,
    voucher_delete,
    voucher_post,
    voucher_review,
    voucher_update,
)
from ronghe.core.errors import InvalidTransition, ValidationFailed
from ronghe.core.models import CurrencyRate
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 10, 12)


@pytest.fixture
def ar(books):
    co, prep, rev = books
    c = Partner.objects.create(company=co, code="C1", name="客户甲", is_customer=True)
    s = Partner.objects.create(company=co, code="S1", name="供应商乙", is_supplier=True)
    bank = BankAccount.objects.create(
        company=co, name="工行", currency_id="CNY", account=leaf_for(co, "1002")
    )
    return co, prep, rev, c, s, bank


def lines_of(doc):
    return [
        (x.account.code, x.debit, x.credit)
        for x in doc.voucher.lines.select_related("account").order_by("seq")
    ]


def sale(co, prep, partner, qty, price, *, day=DAY, **kw):
    inv = invoice_create(
        company=co,
        actor=prep,
        kind=kw.pop("kind", "sale"),
        partner=partner,
        date=day,
        lines=[
            {"description": "商品A", "quantity": qty, "unit_price": price, "vat_rate": kw.pop("vat", "0.13")}
        ],
        **kw,
    )
    return invoice_post(invoice=inv, actor=prep)


def post_vouchers(co, rev):
    for v in Voucher.objects.filter(company=co, state="draft").order_by(
        "period__year", "period__month", "number"
    ):
        voucher_review(voucher=v, actor=rev)
        voucher_post(voucher=v, actor=rev)


def test_tax_exclusive_invoice_rounds_per_line_and_numbers_on_posting(ar):
    co, prep, rev, c, s, bank = ar
    inv = invoice_create(
        company=co,
        actor=prep,
        kind="sale",
        partner=c,
        date=DAY,
        price_includes_tax=False,
        lines=[
            {"description": "A", "quantity": "3", "unit_price": "33.335", "vat_rate": "0.13"},
            {
                "description": "B",
                "quantity": "1",
                "unit_price": "0.05",
                "vat_rate": "0.06",
                "account": "5051",
            },
        ],
    )
    assert inv.number == "" and inv.voucher is None
    inv = invoice_post(invoice=inv, actor=prep)
    # 100.005 → 100.01 (tax 13.00); 0.05 (tax 0.003 → 0.00)
    assert (inv.amount_untaxed, inv.amount_tax, inv.amount_total) == (D("100.06"), D("13.00"), D("113.06"))
    assert inv.number.startswith("INV") and inv.voucher.state == "draft" and inv.voucher.prepared_by == prep
    assert lines_of(inv) == [
        ("1122", D("113.06"), D("0")),
        ("5001", D("0"), D("100.01")),
        ("5051", D("0"), D("0.05")),
        ("22210102", D("0"), D("13.00")),
    ]
    # the generated voucher is changed only through its document
    with pytest.raises(InvalidTransition):
        voucher_update(voucher=inv.voucher, actor=prep, note="x")
    with pytest.raises(InvalidTransition):
        voucher_delete(voucher=inv.voucher, actor=prep)


def test_ordinary_fapiao_puts_vat_into_cost(ar):
    co, prep, rev, c, s, bank = ar
    bill = sale(co, prep, s, 1, "1130.00", kind="purchase", fapiao_type="ordinary")
    assert lines_of(bill) == [("2202", D("0"), D("1130.00")), ("1402", D("1130.00"), D("0"))]
    special = sale(co, prep, s, 1, "1130.00", kind="purchase", fapiao_type="special")
    assert lines_of(special) == [
        ("2202", D("0"), D("1130.00")),
        ("1402", D("1000.00"), D("0")),
        ("22210101", D("130.00"), D("0")),
    ]


def test_partial_allocation_several_invoices_and_prepayment(ar):
    co, prep, rev, c, s, bank = ar
    a = sale(co, prep, c, 1, "1130.00")
    b = sale(co, prep, c, 2, "1130.00")
    pay = payment_create(
        company=co,
        actor=prep,
        kind="inbound",
        partner=c,
        date=DAY,
        bank_account=bank,
        amount="3000.00",
        allocations=[{"invoice": a, "amount": "1130.00"}, {"invoice": b, "amount": "1000.00"}],
    )
    pay = payment_post(payment=pay, actor=prep)
    assert pay.number.startswith("REC") and (pay.amount_unallocated, pay.amount_unallocated_cny) == (
        D("870.00"),
        D("870.00"),
    )
    assert lines_of(pay) == [
        ("1002", D("3000.00"), D("0")),
        ("1122", D("0"), D("1130.00")),
        ("1122", D("0"), D("1000.00")),
        ("2203", D("0"), D("870.00")),
    ]
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.amount_open, b.amount_open) == (D("0"), D("1260.00"))
    # the prepayment settles the rest of b later: 借 预收账款 / 贷 应收账款
    alloc = payment_allocate(payment=pay, invoice=b, actor=prep, amount="870.00", date=DAY)
    assert [(x.account.code, x.debit, x.credit) for x in alloc.voucher.lines.select_related("account")] == [
        ("2203", D("870.00"), D("0")),
        ("1122", D("0"), D("870.00")),
    ]
    b.refresh_from_db()
    pay.refresh_from_db()
    assert (b.amount_open, pay.amount_unallocated) == (D("390.00"), D("0"))
    with pytest.raises(ValidationFailed) as e:
        payment_allocate(payment=pay, invoice=b, actor=prep, amount="1.00", date=DAY)
    assert "amount" in e.value.fields
    post_vouchers(co, rev)
    st = partner_statement(co, partner=c, start=DAY, end=DAY)
    assert (st["opening"], st["debit"], st["credit"], st["closing"]) == (
        D("0"),
        D("3390.00") + D("870.00"),
        D("3000.00") + D("870.00"),
        D("390.00"),
    )
    for later in (DAY + datetime.timedelta(days=1), datetime.date(2026, 11, 1)):  # same month / from balances
        st = partner_statement(co, partner=c, start=later, end=later)
        assert (st["opening"], st["rows"], st["closing"]) == (D("390.00"), [], D("390.00"))
    r = aging(co, kind="sale", on=DAY + datetime.timedelta(days=45))["rows"][0]
    assert (r["total"], r["d60"], r["unapplied"]) == (D("390.00"), D("390.00"), D("0"))
    assert integrity.check_vouchers() == [] and integrity.check_balances() == []


def test_small_difference_written_off_within_the_limit_only(ar):
    co, prep, rev, c, s, bank = ar
    inv = sale(co, prep, c, 1, "1130.00")
    with pytest.raises(ValidationFailed) as e:
        payment_create(
            company=co,
            actor=prep,
            kind="inbound",
            partner=c,
            date=DAY,
            bank_account=bank,
            amount="1128.00",
            allocations=[{"invoice": inv, "amount": "1128.00", "write_off": True}],
        ) and payment_post(payment=Payment.objects.get(company=co), actor=prep)
    assert "allocations.0.write_off" in e.value.fields
    assert not Allocation.objects.filter(invoice=inv).exists()
    inv.refresh_from_db()
    assert inv.amount_open == D("1130.00")
    Payment.objects.filter(company=co).delete()
    pay = payment_create(
        company=co,
        actor=prep,
        kind="inbound",
        partner=c,
        date=DAY,
        bank_account=bank,
        amount="1129.50",
        allocations=[{"invoice": inv, "amount": "1129.50", "write_off": True}],
    )
    pay = payment_post(payment=pay, actor=prep)
    assert lines_of(pay) == [
        ("1002", D("1129.50"), D("0")),
        ("1122", D("0"), D("1130.00")),
        ("5603", D("0.50"), D("0")),
    ]
    inv.refresh_from_db()
    assert inv.amount_open == 0 and pay.allocations.get().write_off == D("0.50")


def test_credit_note_is_a_red_voucher_and_settles_its_invoice(ar):
    co, prep, rev, c, s, bank = ar
    inv = sale(co, prep, c, 2, "1130.00")
    note = invoice_create(
        company=co,
        actor=prep,
        kind="sale",
        partner=c,
        date=DAY,
        refund_of=inv,
        lines=[{"description": "退货", "quantity": 1, "unit_price": "1130.00", "vat_rate": "0.13"}],
    )
    note = invoice_post(invoice=note, actor=prep)
    assert note.number.startswith("RINV") and note.voucher.red
    assert lines_of(note) == [
        ("1122", D("-1130.00"), D("0")),
        ("5001", D("0"), D("-1000.00")),
        ("22210102", D("0"), D("-130.00")),
    ]
    inv.refresh_from_db()
    assert (inv.amount_open, note.amount_open) == (D("1130.00"), D("0"))
    assert Allocation.objects.get(credit_note=note).invoice == inv
    # credit notes never exceed the invoice
    more = invoice_create(
        company=co,
        actor=prep,
        kind="sale",
        partner=c,
        date=DAY,
        refund_of=inv,
        lines=[{"description": "退货", "quantity": 2, "unit_price": "1130.00", "vat_rate": "0.13"}],
    )
    with pytest.raises(ValidationFailed):
        invoice_post(invoice=more, actor=prep)
    more.refresh_from_db()
    assert more.state == "draft" and more.number == ""
    post_vouchers(co, rev)
    assert integrity.check_balances() == []


def test_foreign_currency_realised_and_month_end_differences(ar):
    co, prep, rev, c, s, bank = ar
    usd_gl = account_create(
        company=co,
        actor=rev,
        parent=leaf_for(co, "1002").parent or leaf_for(co, "1002"),
        code="100202",
        name="美元户",
    )
    usd = BankAccount.objects.create(company=co, name="中行美元户", currency_id="USD", account=usd_gl)
    for day, rate in (
        (DAY, "7.10"),
        (datetime.date(2026, 10, 20), "7.20"),
        (datetime.date(2026, 10, 31), "7.00"),
        (datetime.date(2026, 11, 5), "7.05"),
    ):
        CurrencyRate.objects.create(company=co, currency_id="USD", date=day, rate=D(rate))
    export = sale(co, prep, c, 10, "100.00", vat="0", currency="USD")  # 1,000 USD at 7.10
    assert export.rate == D("7.10") and export.amount_total_cny == D("7100.00")
    assert [
        (x.account.code, x.debit, x.credit, x.amount_currency)
        for x in export.voucher.lines.select_related("account")
    ] == [
        ("1122", D("7100.00"), D("0"), D("1000.00")),
        ("5001", D("0"), D("7100.00"), None),
    ]
    receipt = payment_create(
        company=co,
        actor=prep,
        kind="inbound",
        partner=c,
        date=datetime.date(2026, 10, 20),
        bank_account=usd,
        amount="1000.00",
        allocations=[{"invoice": export, "amount": "1000.00"}],
    )
    receipt = payment_post(payment=receipt, actor=prep)
    assert receipt.rate == D("7.20")
    assert lines_of(receipt) == [
        ("100202", D("7200.00"), D("0")),
        ("1122", D("0"), D("7100.00")),
        ("5603", D("0"), D("100.00")),  # realised gain: a credit to 财务费用—汇兑损益
    ]
    assert receipt.allocations.get().fx_difference == D("100.00")
    bill = sale(co, prep, s, 5, "100.00", vat="0", currency="USD", kind="purchase")  # 500 USD at 7.10
    post_vouchers(co, rev)
    reval = fx_revalue(company=co, actor=prep, year=2026, month=10)  # at 7.00
    assert sorted((x.account.code, x.debit, x.credit) for x in reval.lines.select_related("account")) == [
        ("100202", D("0"), D("200.00")),  # 1,000 USD: 7,200 → 7,000
        ("2202", D("50.00"), D("0")),  # 500 USD owed: 3,550 → 3,500
        ("5603", D("150.00"), D("0")),
    ]
    with pytest.raises(InvalidTransition):
        fx_revalue(company=co, actor=prep, year=2026, month=10)
    bill.refresh_from_db()
    assert (bill.amount_open_cny, bill.carrying_rate) == (D("3500.00"), D("7.00"))
    pay = payment_create(
        company=co,
        actor=prep,
        kind="outbound",
        partner=s,
        date=datetime.date(2026, 11, 5),
        bank_account=usd,
        amount="500.00",
        allocations=[{"invoice": bill, "amount": "500.00"}],
    )
    pay = payment_post(payment=pay, actor=prep)  # at 7.05: 3,525 paid for 3,500 carried → loss 25
    assert lines_of(pay) == [
        ("100202", D("0"), D("3525.00")),
        ("2202", D("3500.00"), D("0")),
        ("5603", D("25.00"), D("0")),
    ]
    assert pay.allocations.get().fx_difference == D("-25.00")
    post_vouchers(co, rev)
    assert integrity.check_vouchers() == [] and integrity.check_balances() == []


def test_bad_input_refused_with_nothing_written(ar):
    co, prep, rev, c, s, bank = ar
    inv = sale(co, prep, c, 1, "1130.00", fapiao_number="26110000000000000009")
    before = (
        Invoice.objects.count(),
        Payment.objects.count(),
        Voucher.objects.count(),
        Allocation.objects.count(),
    )

    def refused(field, fn, **kw):
        with pytest.raises(ValidationFailed) as e:
            fn(**kw)
        assert field in e.value.fields, e.value.fields
        assert (
            Invoice.objects.count(),
            Payment.objects.count(),
            Voucher.objects.count(),
            Allocation.objects.count(),
        ) == before
        return e.value

    base = {"company": co, "actor": prep, "kind": "inbound", "partner": c, "date": DAY, "bank_account": bank}
    err = refused(
        "allocations.0.amount",
        payment_create,
        **base,
        amount="2000.00",
        allocations=[{"invoice": inv, "amount": "1130.01"}],
    )
    assert "1130.00" in str(err.fields["allocations.0.amount"][0])
    refused(
        "allocations",
        payment_create,
        **base,
        amount="100.00",
        allocations=[{"invoice": inv, "amount": "200.00"}],
    )
    refused(
        "allocations.0.invoice",
        payment_create,
        **{**base, "kind": "outbound"},
        amount="100.00",
        allocations=[{"invoice": inv, "amount": "100.00"}],
    )
    refused("amount", payment_create, **base, amount="-5")
    inv_base = {"company": co, "actor": prep, "kind": "sale", "partner": c, "date": DAY}
    line = {"description": "A", "quantity": 1, "unit_price": "10", "vat_rate": "0.13"}
    err = refused("rate", invoice_create, **inv_base, currency="USD", lines=[line])
    assert "USD" in str(err.fields["rate"][0])
    refused("fapiao_number", invoice_create, **inv_base, fapiao_number="26110000000000000009", lines=[line])
    refused("lines.0.vat_rate", invoice_create, **inv_base, lines=[{**line, "vat_rate": "13"}])
    refused("lines.0.quantity", invoice_create, **inv_base, lines=[{**line, "quantity": "0"}])
    refused("lines", invoice_create, **inv_base, lines=[])
    # two receipts planned for the same invoice: the second finds it settled when posting
    p1 = payment_create(**base, amount="1130.00", allocations=[{"invoice": inv, "amount": "1130.00"}])
    p2 = payment_create(**base, amount="1130.00", allocations=[{"invoice": inv, "amount": "1130.00"}])
    payment_post(payment=p1, actor=prep)
    with pytest.raises(ValidationFailed) as e:
        payment_post(payment=p2, actor=prep)
    assert "allocations.0.amount" in e.value.fields
    p2.refresh_from_db()
    assert p2.state == "draft" and p2.number == "" and p2.voucher is None
