"""Vouchers: validation, numbering, review ≠ preparer, posting into balances, red reversal, copy, templates,
period close with 结转损益 and reopening. Amounts computed by hand in the comments."""

import datetime
from decimal import Decimal as D

import pytest

from ronghe.accounting import closing, integrity
from ronghe.accounting.errors import PeriodClosedError, UnbalancedError
from ronghe.accounting.models import Account, AccountBalance, AccountingSettings, Voucher
from ronghe.accounting.reports import amount_in_words, ledger, trial_balance
from ronghe.accounting.services import (
    account_create,
    period_for,
    template_lines,
    template_save,
    voucher_copy,
    voucher_create,
    voucher_delete,
    voucher_post,
    voucher_reverse,
    voucher_review,
    voucher_unreview,
    voucher_update,
)
from ronghe.core.errors import InvalidTransition, ValidationFailed
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 10)


def lines(*rows):
    return [
        {"summary": s, "account": a, "debit": d, "credit": c, **(x[0] if x else {})}
        for s, a, d, c, *x in rows
    ]


def rent(amount="1000.00"):
    return lines(("付房租", "5602", amount, None), ("付房租", "1002", None, amount))


def post(v, rev):
    voucher_review(voucher=v, actor=rev)
    return voucher_post(voucher=v, actor=rev)


def balance(co, code, start=202603, end=202603):
    rows, _t = trial_balance(co, start=start, end=end)
    return next((r for r in rows if r.account.code == code), None)


def assert_integrity():
    assert integrity.check_vouchers() == []
    assert integrity.check_balances() == []


def test_chart_is_seeded_with_vat_subaccounts(books):
    co, _p, _r = books
    assert Account.objects.filter(company=co, level=1).count() == 66
    vat = Account.objects.get(company=co, code="22210102")
    assert (vat.level, vat.category, vat.direction, vat.is_leaf) == (3, "liability", "credit", True)
    assert not Account.objects.get(company=co, code="2221").is_leaf
    assert Account.objects.get(company=co, code="1122").dim_partner


def test_voucher_numbers_continue_per_period_and_word(books):
    co, prep, _r = books
    a = voucher_create(company=co, actor=prep, date=DAY, lines=rent())
    b = voucher_create(company=co, actor=prep, date=DAY, lines=rent())
    c = voucher_create(company=co, actor=prep, date=datetime.date(2026, 4, 1), lines=rent())
    assert [str(a), str(b), str(c)] == ["记-0001", "记-0002", "记-0001"]
    assert (a.total_debit, a.period.key) == (D("1000.00"), 202603)


def test_unbalanced_voucher_is_refused_and_nothing_is_written(books):
    co, prep, _r = books
    with pytest.raises(UnbalancedError) as e:
        voucher_create(
            company=co,
            actor=prep,
            date=DAY,
            lines=lines(("x", "5602", "100.00", None), ("x", "1002", None, "99.99")),
        )
    assert "0.01" in str(e.value.message)
    assert not Voucher.objects.filter(company=co).exists()


@pytest.mark.parametrize(
    "rows, field",
    [
        ((("x", "2221", "10", None), ("x", "1002", None, "10")), "lines.0.account"),  # has sub-accounts
        ((("x", "1122", "10", None), ("x", "1002", None, "10")), "lines.0.partner"),  # kept by partner
        ((("x", "5602", "10", "10"), ("x", "1002", None, "10")), "lines.0.debit"),  # both sides
        ((("x", "5602", "-10", None), ("x", "1002", None, "-10")), "lines.0.debit"),  # red on a blue voucher
        ((("", "5602", "10", None), ("x", "1002", None, "10")), "lines.0.summary"),
        ((("x", "9999", "10", None), ("x", "1002", None, "10")), "lines.0.account"),
        ((("x", "5602", "10.001", None), ("x", "1002", None, "10.001")), "lines.0.debit"),
    ],
)
def test_bad_lines_name_the_field(books, rows, field):
    co, prep, _r = books
    with pytest.raises(ValidationFailed) as e:
        voucher_create(company=co, actor=prep, date=DAY, lines=lines(*rows))
    assert field in e.value.fields
    assert not Voucher.objects.filter(company=co).exists()


def test_partner_dimension_and_amounts_with_separators(books):
    co, prep, rev = books
    c = Partner.objects.create(company=co, code="C1", name="客户甲", is_customer=True)
    v = voucher_create(
        company=co,
        actor=prep,
        date=DAY,
        lines=lines(
            ("赊销", "1122", "11,300.00", None, {"partner": c}),
            ("赊销", "5001", None, "10,000.00"),
            ("赊销", "22210102", None, "1,300.00"),
        ),
    )
    post(v, rev)
    b = AccountBalance.objects.get(company=co, account__code="1122")
    assert (b.partner_id, b.debit, b.dim_key) == (c.pk, D("11300.00"), f"p{c.pk}")
    assert_integrity()


def test_reviewer_must_not_be_the_preparer(books):
    co, prep, rev = books
    v = voucher_create(company=co, actor=prep, date=DAY, lines=rent())
    with pytest.raises(ValidationFailed):
        voucher_review(voucher=v, actor=prep)
    voucher_review(voucher=v, actor=rev)
    v.refresh_from_db()
    assert (v.state, v.reviewed_by) == ("reviewed", rev)
    with pytest.raises(InvalidTransition):  # locked once reviewed
        voucher_update(voucher=v, actor=prep, lines=rent("2000.00"))
    voucher_unreview(voucher=v, actor=rev)
    voucher_update(voucher=v, actor=prep, lines=rent("2000.00"))
    v.refresh_from_db()
    assert (v.state, v.total_debit) == ("draft", D("2000.00"))
    AccountingSettings.objects.filter(company=co).update(reviewer_must_differ=False)
    co._accounting_settings = None
    voucher_review(voucher=v, actor=prep)  # allowed when the company switched the rule off


def test_posting_maintains_balances_and_posted_vouchers_never_change(books):
    co, prep, rev = books
    v = post(voucher_create(company=co, actor=prep, date=DAY, lines=rent("1000.00")), rev)
    post(voucher_create(company=co, actor=prep, date=DAY, lines=rent("250.50")), rev)
    assert balance(co, "5602").debit == D("1250.50")
    assert balance(co, "1002").credit == D("1250.50")
    for action in (voucher_delete, voucher_review, voucher_post):
        with pytest.raises(InvalidTransition):
            action(voucher=v, actor=rev)
    with pytest.raises(InvalidTransition):
        voucher_update(voucher=v, actor=prep, lines=rent())
    assert_integrity()


def test_delete_closes_up_the_numbers(books):
    co, prep, rev = books
    a, b, c = (voucher_create(company=co, actor=prep, date=DAY, lines=rent()) for _ in range(3))
    voucher_delete(voucher=a, actor=prep)
    b.refresh_from_db()
    c.refresh_from_db()
    assert (b.number, c.number) == (1, 2)
    post(b, rev)
    d = voucher_create(company=co, actor=prep, date=DAY, lines=rent())
    assert d.number == 3
    voucher_delete(voucher=d, actor=prep)  # the last one: nothing to close up
    with pytest.raises(InvalidTransition):
        e = voucher_create(company=co, actor=prep, date=DAY, lines=rent())
        post(e, rev)
        voucher_delete(voucher=c, actor=prep)  # a posted voucher follows it: refused
    assert sorted(Voucher.objects.filter(company=co).values_list("number", flat=True)) == [1, 2, 3]


def test_moving_a_draft_to_another_month_renumbers_both(books):
    co, prep, _r = books
    a, b = (voucher_create(company=co, actor=prep, date=DAY, lines=rent()) for _ in range(2))
    voucher_create(company=co, actor=prep, date=datetime.date(2026, 4, 2), lines=rent())
    voucher_update(voucher=a, actor=prep, date=datetime.date(2026, 4, 5))
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.period.key, a.number, b.number) == (202604, 2, 1)


def test_red_reversal_nets_to_zero_and_keeps_the_original(books):
    co, prep, rev = books
    v = post(voucher_create(company=co, actor=prep, date=DAY, lines=rent("800.00")), rev)
    red = voucher_reverse(voucher=v, actor=prep, date=datetime.date(2026, 3, 20))
    assert red.red and red.reversal_of == v and red.total_debit == D("-800.00")
    assert (
        red.lines.first().summary.startswith("Reverses 2026-03-10 voucher 记-0001")
        or "记-0001" in red.lines.first().summary
    )
    post(red, rev)
    b = AccountBalance.objects.get(company=co, account__code="5602")
    assert (b.debit, b.credit) == (D("0.00"), D("0.00"))  # negative turnover on the same side
    assert balance(co, "5602") is None  # nothing left to show in the trial balance
    with pytest.raises(InvalidTransition):
        voucher_reverse(voucher=v, actor=prep)
    v.refresh_from_db()
    assert v.state == "posted" and v.total_debit == D("800.00")
    assert_integrity()


def test_copy_and_templates(books):
    co, prep, rev = books
    v = voucher_create(company=co, actor=prep, date=DAY, lines=rent("321.00"), attachments=2)
    c = voucher_copy(voucher=v, actor=prep, date=DAY)
    assert (c.number, c.total_debit, c.attachments, c.state) == (2, D("321.00"), 2, "draft")
    t = template_save(
        company=co,
        actor=prep,
        name="房租",
        word="记",
        lines=[
            {"summary": "付房租", "account": "5602", "side": "debit"},
            {"summary": "付房租", "account": "1002", "side": "credit"},
        ],
    )
    rows = template_lines(t)
    rows[0]["debit"] = rows[1]["credit"] = "5000"
    assert voucher_create(company=co, actor=prep, date=DAY, lines=rows).total_debit == D("5000.00")


def test_split_words_check_cash_lines(books):
    co, prep, _r = books
    AccountingSettings.objects.filter(company=co).update(words="split")
    co._accounting_settings = None
    with pytest.raises(ValidationFailed) as e:
        voucher_create(company=co, actor=prep, date=DAY, lines=rent(), word="记")
    assert "word" in e.value.fields
    with pytest.raises(ValidationFailed):
        voucher_create(company=co, actor=prep, date=DAY, lines=rent(), word="收")  # credits the bank: 付
    assert str(voucher_create(company=co, actor=prep, date=DAY, lines=rent(), word="付")) == "付-0001"


def test_subaccount_takes_over_the_parents_entries(books):
    co, prep, rev = books
    post(voucher_create(company=co, actor=prep, date=DAY, lines=rent("100.00")), rev)
    parent = Account.objects.get(company=co, code="5602")
    child = account_create(company=co, actor=rev, parent=parent, code="560201", name="房租")
    parent.refresh_from_db()
    assert not parent.is_leaf and child.level == 2 and child.direction == "debit"
    assert balance(co, "560201").debit == D("100.00") and balance(co, "5602").debit == D("100.00")
    with pytest.raises(ValidationFailed) as e:
        account_create(company=co, actor=rev, parent=parent, code="5701", name="错")
    assert "code" in e.value.fields
    assert_integrity()


def test_close_carries_profit_and_loss_and_locks_the_period(books):
    co, prep, rev = books
    # sales 10,000 + 1,300 VAT; cost 6,000; rent 1,000 → profit 3,000
    sale = lines(
        ("销售", "1002", "11300.00", None),
        ("销售", "5001", None, "10000.00"),
        ("销售", "22210102", None, "1300.00"),
    )
    cost = lines(("成本", "5401", "6000.00", None), ("成本", "1405", None, "6000.00"))
    for ls in (sale, cost, rent("1000.00")):
        post(voucher_create(company=co, actor=prep, date=DAY, lines=ls), rev)
    draft = voucher_create(company=co, actor=prep, date=DAY, lines=rent())
    march = period_for(co, DAY)
    with pytest.raises(InvalidTransition) as e:
        closing.period_close(company=co, period=march, actor=rev)
    assert "记-0004" in str(e.value.message)
    voucher_delete(voucher=draft, actor=prep)
    closing.period_close(company=co, period=march, actor=rev)
    v = Voucher.objects.get(company=co, kind="closing")
    assert (v.state, v.prepared_by, v.reviewed_by, v.total_debit) == ("posted", None, rev, D("10000.00"))
    assert closing.pl_left(co, march) == {}
    assert balance(co, "3103").closing == D("-3000.00")  # credit balance: profit
    with pytest.raises(PeriodClosedError):
        voucher_create(company=co, actor=prep, date=DAY, lines=rent())
    # reopen, post a late expense, close again: only the new 200.00 is carried
    with pytest.raises(ValidationFailed):
        closing.period_reopen(company=co, period=march, actor=rev, reason=" ")
    closing.period_reopen(company=co, period=march, actor=rev, reason="补记费用")
    post(voucher_create(company=co, actor=prep, date=DAY, lines=rent("200.00")), rev)
    closing.period_close(company=co, period=march, actor=rev)
    assert balance(co, "3103").closing == D("-2800.00")
    assert_integrity()


def test_periods_close_in_order_and_reopen_in_reverse(books):
    co, prep, rev = books
    feb, mar = (period_for(co, datetime.date(2026, m, 1)) for m in (2, 3))
    with pytest.raises(InvalidTransition):
        closing.period_close(company=co, period=mar, actor=rev)
    closing.period_close(company=co, period=feb, actor=rev)
    closing.period_close(company=co, period=mar, actor=rev)
    with pytest.raises(InvalidTransition):
        closing.period_reopen(company=co, period=feb, actor=rev, reason="x")
    closing.period_reopen(company=co, period=mar, actor=rev, reason="x")


def test_december_close_carries_the_year_profit_to_undistributed_profit(books):
    co, prep, rev = books
    dec = datetime.date(2026, 12, 15)
    post(
        voucher_create(
            company=co,
            actor=prep,
            date=dec,
            lines=lines(("销售", "1002", "500.00", None), ("销售", "5001", None, "500.00")),
        ),
        rev,
    )
    closing.period_close(company=co, period=period_for(co, dec), actor=rev)
    assert balance(co, "3103", 202612, 202612).closing == D("0.00")
    assert balance(co, "310403", 202612, 202612).closing == D("-500.00")


def test_ledger_running_balance(books):
    co, prep, rev = books
    post(
        voucher_create(
            company=co,
            actor=prep,
            date=datetime.date(2026, 2, 1),
            lines=lines(("注资", "1002", "5000.00", None), ("注资", "3001", None, "5000.00")),
        ),
        rev,
    )
    post(voucher_create(company=co, actor=prep, date=DAY, lines=rent("1200.00")), rev)
    post(voucher_create(company=co, actor=prep, date=DAY, lines=rent("300.00")), rev)
    acc = Account.objects.get(company=co, code="1002")
    book = ledger(co, account=acc, start=202603, end=202603)
    assert book["opening"] == D("5000.00")
    assert [r["balance"] for r in book["rows"]] == [D("3800.00"), D("3500.00")]
    assert (book["credit"], book["closing"]) == (D("1500.00"), D("3500.00"))


@pytest.mark.parametrize(
    "amount, words",
    [
        ("1409.50", "人民币壹仟肆佰零玖元伍角整"),
        ("1409.56", "人民币壹仟肆佰零玖元伍角陆分"),
        ("100005.00", "人民币壹拾万零伍元整"),
        ("101000.00", "人民币壹拾万零壹仟元整"),
        ("100010000.00", "人民币壹亿零壹万元整"),
        ("1000000.07", "人民币壹佰万元零柒分"),
        ("0.50", "人民币伍角整"),
        ("0.05", "人民币伍分"),
        ("13560.00", "人民币壹万叁仟伍佰陆拾元整"),
        ("0", "人民币零元整"),
    ],
)
def test_amount_in_chinese_capitals(amount, words):
    assert amount_in_words(D(amount)) == words
