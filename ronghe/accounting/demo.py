"""Demo books: the 小企业会计准则 chart, opening balances (stock = the inventory's value), vouchers over the
last three months — the oldest month closed, this month's partly waiting for review (idempotent)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from ronghe.core.models import User
from ronghe.inventory.models import ProductValue
from ronghe.partners.models import Partner

from .closing import period_close
from .models import Voucher
from .services import (
    coa_install,
    opening_balances_set,
    period_for,
    template_save,
    voucher_create,
    voucher_post,
    voucher_review,
)


def _months_back(today: datetime.date, n: int) -> datetime.date:
    y, m = today.year, today.month - n
    while m < 1:
        y, m = y - 1, m + 12
    return datetime.date(y, m, 1)


@transaction.atomic
def load(company, stdout=None):
    if Voucher.objects.filter(company=company).exists():
        return company
    cashier = User.objects.get(username="zhoumin")
    accountant = User.objects.get(username="sunli")
    coa_install(company=company, actor=accountant)
    today = timezone.localdate()
    start = _months_back(today, 2)
    customers = list(
        Partner.objects.filter(company=company, is_customer=True, parent=None).order_by("code")[:3]
    )
    suppliers = list(
        Partner.objects.filter(company=company, is_supplier=True, parent=None).order_by("code")[:2]
    )
    stock = ProductValue.objects.filter(company=company).aggregate(v=Sum("value"))["v"] or Decimal(0)
    receivable = [Decimal("86000.00"), Decimal("45200.00"), Decimal("12800.00")]
    payable = [Decimal("33900.00"), Decimal("18080.00")]
    bank = Decimal("300000.00")
    capital = Decimal("5000.00") + bank + stock + sum(receivable) - sum(payable)
    opening_balances_set(
        company=company,
        actor=accountant,
        year=start.year,
        balances=[
            {"account": "1001", "debit": "5000.00"},
            {"account": "1002", "debit": bank},
            {"account": "1405", "debit": stock},
            *[
                {"account": "1122", "debit": a, "partner": c}
                for a, c in zip(receivable, customers, strict=False)
            ],
            *[
                {"account": "2202", "credit": a, "partner": s}
                for a, s in zip(payable, suppliers, strict=False)
            ],
            {"account": "3001", "credit": capital},
        ],
    )
    c0, c1 = customers[0], customers[1 % len(customers)]
    s0 = suppliers[0]
    month_entries = [
        ("提取备用金", [("1001", "3000.00", None), ("1002", None, "3000.00")]),
        ("支付本月房租", [("5602", "12000.00", None), ("1002", None, "12000.00")]),
        (
            "销售商品收入",
            [("1002", "113000.00", None), ("5001", None, "100000.00"), ("22210102", None, "13000.00")],
        ),
        ("收到客户货款", [("1002", "40000.00", None), ("1122", None, "40000.00", c0)]),
        ("支付供应商货款", [("2202", "10000.00", None, s0), ("1002", None, "10000.00")]),
        (
            "计提本月工资",
            [("5602", "28000.00", None), ("5601", "16000.00", None), ("2211", None, "44000.00")],
        ),
        ("发放上月工资", [("2211", "40000.00", None), ("1002", None, "40000.00")]),
        ("报销办公用品", [("5602", "860.00", None), ("1001", None, "860.00")]),
        (
            "销售商品赊销",
            [("1122", "22600.00", None, c1), ("5001", None, "20000.00"), ("22210102", None, "2600.00")],
        ),
        ("结转销售成本", [("5401", "52000.00", None), ("1405", None, "52000.00")]),
        ("支付银行手续费", [("5603", "35.00", None), ("1002", None, "35.00")]),
    ]
    for n in (2, 1, 0):
        first = _months_back(today, n)
        entries = month_entries if n else month_entries[:7]
        last_day = today.day if n == 0 else 28
        for i, (summary, rows) in enumerate(entries):
            day = min(1 + i * 2, last_day)
            lines = []
            for row in rows:
                code, debit, credit = row[:3]
                lines.append(
                    {
                        "summary": summary,
                        "account": code,
                        "debit": debit,
                        "credit": credit,
                        "partner": row[3] if len(row) > 3 else None,
                    }
                )
            v = voucher_create(
                company=company,
                actor=cashier,
                date=first.replace(day=day),
                lines=lines,
                attachments=1 + i % 3,
            )
            if n or i < 4:  # this month: the last three wait for review
                voucher_review(voucher=v, actor=accountant)
                if n or i < 3:
                    voucher_post(voucher=v, actor=accountant)
    period_close(company=company, period=period_for(company, start), actor=accountant)
    template_save(
        company=company,
        actor=accountant,
        name="支付房租",
        word="记",
        lines=[
            {"summary": "支付房租", "account": "5602", "side": "debit"},
            {"summary": "支付房租", "account": "1002", "side": "credit"},
        ],
    )
    _subledger(company, today, accountant, cashier, customers, suppliers)
    return company


def _subledger(company, today, accountant, cashier, customers, suppliers):
    """Bank accounts, invoices and bills of last month and this one, receipts and payments (one leaving a
    prepayment), a credit note; their vouchers reviewed and posted last month, waiting this month."""
    from ronghe.products.models import Product

    from .bank import bank_account_create
    from .invoicing import invoice_create, invoice_post
    from .payments import payment_create, payment_post

    bank = bank_account_create(
        company=company,
        actor=accountant,
        name="工商银行基本户",
        account="1002",
        bank_name="中国工商银行",
        account_number="1202 0200 0900 1234 567",
    )
    bank_account_create(company=company, actor=accountant, name="库存现金", account="1001")
    products = list(Product.objects.filter(company=company).order_by("code")[:3])
    last = _months_back(today, 1)
    admin = User.objects.get(username="admin")  # reviews what the accountant prepared (审核 ≠ 制单)

    def doc(kind, partner, day, rows, number, post=True, **kw):
        inv = invoice_create(
            company=company,
            actor=accountant,
            kind=kind,
            partner=partner,
            date=day,
            fapiao_type="e_special",
            fapiao_number=number,
            lines=[
                {"product": p, "quantity": q, "unit_price": price, "vat_rate": "0.13"} for p, q, price in rows
            ],
            **kw,
        )
        return invoice_post(invoice=inv, actor=accountant) if post else inv

    p = (products * 3)[:3]
    c0, c1, c2 = (customers * 3)[:3]
    s0 = suppliers[0]
    inv1 = doc(
        "sale", c0, last.replace(day=12), [(p[0], 20, "565.00"), (p[1], 10, "339.00")], "25110000000000100001"
    )
    inv2 = doc("sale", c1, last.replace(day=18), [(p[2], 40, "226.00")], "25110000000000100002")
    bill = doc("purchase", s0, last.replace(day=8), [(p[0], 50, "282.50")], "25320000000000200001")
    rec = payment_create(
        company=company,
        actor=cashier,
        kind="inbound",
        partner=c0,
        date=last.replace(day=25),
        bank_account=bank,
        amount="10000.00",
        allocations=[{"invoice": inv1, "amount": "10000.00"}],
        reference="CB2025001",
    )
    payment_post(payment=rec, actor=cashier)
    pay = payment_create(
        company=company,
        actor=cashier,
        kind="outbound",
        partner=s0,
        date=last.replace(day=26),
        bank_account=bank,
        amount="14125.00",
        allocations=[{"invoice": bill, "amount": "14125.00"}],
    )
    payment_post(payment=pay, actor=cashier)
    for v in Voucher.objects.filter(company=company, state="draft", date__lt=today.replace(day=1)).order_by(
        "number"
    ):
        voucher_review(voucher=v, actor=admin if v.prepared_by_id == accountant.pk else accountant)
        voucher_post(voucher=v, actor=accountant)
    _statement(bank, accountant, last, today)
    day = today.replace(day=1)
    doc("sale", c2, day, [(p[1], 5, "339.00")], "25110000000000100003")
    payment_post(
        payment=payment_create(
            company=company,
            actor=cashier,
            kind="inbound",
            partner=c1,
            date=day,
            bank_account=bank,
            amount="5000.00",
            reference="CB2025002",
            note="预收货款",
        ),
        actor=cashier,
    )
    doc("sale", c0, day, [(p[0], 2, "565.00")], "", post=False, reference="草稿示例")
    credit = invoice_create(
        company=company,
        actor=accountant,
        kind="sale",
        partner=c1,
        date=day,
        refund_of=inv2,
        fapiao_type="e_special",
        lines=[{"product": p[2], "quantity": 2, "unit_price": "226.00", "vat_rate": "0.13"}],
        note="退货 2 件",
    )
    invoice_post(invoice=credit, actor=accountant)


def _statement(bank, accountant, month_start, today):
    """Last month's bank statement: every bank line of the books but the last payment (not presented yet),
    plus a charge the books do not have; reconciliation starts on the first of last month."""
    import csv
    import io

    from .bank import book_balance, reconciliation_start, statement_import
    from .models import VoucherLine

    opening = book_balance(bank, month_start - datetime.timedelta(days=1))
    reconciliation_start(bank_account=bank, actor=accountant, date=month_start, statement_opening=opening)
    lines = list(
        VoucherLine.objects.filter(
            account=bank.account,
            voucher__state="posted",
            date__gte=month_start,
            date__lt=today.replace(day=1),
        )
        .select_related("voucher")
        .order_by("date", "voucher__number")
    )[:-1]
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["交易日期", "摘要", "对方户名", "收入金额", "支出金额", "交易流水号"])
    for i, x in enumerate(lines):
        w.writerow(
            [
                x.date.isoformat(),
                x.summary[:20],
                "",
                x.debit or "",
                x.credit or "",
                f"GH{month_start:%Y%m}{i + 1:04d}",
            ]
        )
    w.writerow(
        [
            month_start.replace(day=28).isoformat(),
            "账户管理费",
            "中国工商银行",
            "",
            "30.00",
            f"GH{month_start:%Y%m}9999",
        ]
    )
    statement_import(
        bank_account=bank, actor=accountant, filename="statement.csv", content=out.getvalue().encode()
    )
