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
    return company
