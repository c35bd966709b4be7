"""Bank statement import (CSV in UTF-8 or GBK, Excel), duplicate rows skipped, matching suggestions and
automatic matching, and the 银行存款余额调节表 that balances."""

import datetime
import io
from decimal import Decimal as D

import pytest
from openpyxl import Workbook

from ronghe.accounting.bank import (
    bank_account_create,
    reconciliation,
    reconciliation_start,
    statement_import,
    statement_match,
    suggestions,
)
from ronghe.accounting.models import BankStatementLine, Voucher
from ronghe.accounting.payments import payment_create, payment_post
from ronghe.accounting.services import voucher_create, voucher_post, voucher_review
from ronghe.core.errors import ValidationFailed
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 10, 12)


def post_all(co, rev):
    for v in Voucher.objects.filter(company=co, state="draft").order_by("number"):
        voucher_review(voucher=v, actor=rev)
        voucher_post(voucher=v, actor=rev)


@pytest.fixture
def bank(books):
    co, prep, rev = books
    acct = bank_account_create(
        company=co, actor=rev, name="工行基本户", account="1002", account_number="6222"
    )
    c = Partner.objects.create(company=co, code="C9", name="华东贸易有限公司", is_customer=True)
    s = Partner.objects.create(company=co, code="S9", name="江南纸业", is_supplier=True)
    voucher_create(
        company=co,
        actor=prep,
        date=DAY - datetime.timedelta(days=2),
        lines=[
            {"summary": "投资款", "account": "1002", "debit": "10000.00"},
            {"summary": "投资款", "account": "3001", "credit": "10000.00"},
        ],
    )
    for kind, partner, amount, day in (
        ("inbound", c, "5000.00", DAY),
        ("outbound", s, "1200.00", DAY),
        ("outbound", s, "800.00", DAY + datetime.timedelta(days=3)),
    ):
        payment_post(
            payment=payment_create(
                company=co, actor=prep, kind=kind, partner=partner, date=day, bank_account=acct, amount=amount
            ),
            actor=prep,
        )
    post_all(co, rev)
    return co, prep, rev, acct


STATEMENT = """交易日期,摘要,对方户名,收入金额,支出金额,余额,交易流水号
2026-10-10,投资款,张三,"10,000.00",,10000.00,A001
2026-10-13,货款,华东贸易有限公司,5000.00,,15000.00,A002
2026-10-13,付货款,江南纸业,,1200.00,13800.00,A003
2026-10-14,手续费,,,15.00,13785.00,A004
"""


def test_import_match_and_reconcile(bank):
    co, prep, rev, acct = bank
    result = statement_import(
        bank_account=acct, actor=rev, filename="gh.csv", content=STATEMENT.encode("gb18030")
    )
    assert result == {"created": 4, "skipped": 0, "matched": 3}
    assert (
        statement_import(bank_account=acct, actor=rev, filename="gh.csv", content=STATEMENT.encode())[
            "skipped"
        ]
        == 4
    )
    fee = BankStatementLine.objects.get(reference="A004")
    assert fee.amount == D("-15.00") and fee.matched_line is None and suggestions(line=fee) == []
    r = reconciliation(bank_account=acct, on=DAY + datetime.timedelta(days=5))
    assert (r["book"], r["bank"]) == (D("13000.00"), D("13785.00"))
    assert [x.amount for x in r["bank_out"]] == [D("-15.00")]  # 银行已付、企业未付: the fee
    assert [x.credit for x in r["book_out"]] == [D("800.00")]  # 企业已付、银行未付: the cheque not cashed
    assert r["adjusted_book"] == r["adjusted_bank"] == D("12985.00") and r["balanced"]
    # from a start date (启用期初) on: earlier lines count as cleared, the bank starts from its balance then
    reconciliation_start(bank_account=acct, actor=rev, date=DAY, statement_opening="10000.00")
    acct.refresh_from_db()
    r = reconciliation(bank_account=acct, on=DAY + datetime.timedelta(days=5))
    assert (r["book"], r["bank"], r["balanced"]) == (D("13000.00"), D("13785.00"), True)
    assert all(x.date >= DAY for x in r["book_in"] + r["book_out"])
    # matching by hand: the amounts must agree
    other = Voucher.objects.get(company=co, note__startswith="PAY", total_debit=D("800.00")).lines.get(
        account=acct.account
    )
    with pytest.raises(ValidationFailed):
        statement_match(line=fee, voucher_line=other, actor=rev)


def test_suggestions_rank_partner_and_date(bank):
    co, prep, rev, acct = bank
    wb = Workbook()
    ws = wb.active
    ws.append(["日期", "摘要", "对方户名", "金额", "流水号"])
    ws.append([datetime.datetime(2026, 10, 15), "货款", "江南纸业", -800, "B1"])
    buf = io.BytesIO()
    wb.save(buf)
    statement_import(bank_account=acct, actor=rev, filename="s.xlsx", content=buf.getvalue())
    line = BankStatementLine.objects.get(reference="B1")
    assert line.matched_line is not None and line.matched_line.credit == D("800.00")
    assert line.matched_line.voucher.lines.get(account__code="1123").partner.name == "江南纸业"
    assert suggestions(line=line) == []  # matched lines are no longer offered


def test_bad_rows_and_accounts_refused(bank):
    co, prep, rev, acct = bank
    with pytest.raises(ValidationFailed) as e:
        statement_import(
            bank_account=acct,
            actor=rev,
            filename="x.csv",
            content="日期,金额\n2026-13-45,10\n2026-10-01,abc\n".encode(),
        )
    assert set(e.value.fields) == {"rows.2", "rows.3"}
    assert not BankStatementLine.objects.filter(bank_account=acct).exists()
    with pytest.raises(ValidationFailed) as e:
        bank_account_create(company=co, actor=rev, name="错账户", account="1122")
    assert "account" in e.value.fields
