"""The sub-ledger pages: every list, form, detail and report answers; an invoice entered and posted through
the form; a receipt allocated through the form; a statement uploaded; reports export to Excel."""

import json
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ronghe.accounting.models import BankAccount, Invoice, Payment
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/accounting/invoices/",
        "/accounting/invoices/?kind=purchase&open=1",
        "/accounting/invoices/new/?kind=sale",
        "/accounting/invoices/new/?kind=purchase",
        "/accounting/payments/",
        "/accounting/payments/new/?kind=inbound",
        "/accounting/bank-accounts/",
        "/accounting/aging/",
        "/accounting/aging/?kind=purchase",
        "/accounting/partner-statement/",
        "/accounting/cash-flow/",
        "/accounting/general-ledger/?account=1002",
        "/accounting/journal/",
    ],
)
def test_pages_answer(client, users, url):
    client.force_login(users["sunli"])
    assert client.get(url).status_code == 200


def test_every_demo_document_page_answers(client, users, demo_company, django_assert_max_num_queries):
    client.force_login(users["sunli"])
    for inv in Invoice.objects.filter(company=demo_company):
        assert client.get(inv.get_absolute_url()).status_code == 200
    for pay in Payment.objects.filter(company=demo_company):
        assert client.get(pay.get_absolute_url()).status_code == 200
    for acct in BankAccount.objects.filter(company=demo_company):
        assert client.get(f"/accounting/bank-accounts/{acct.pk}/").status_code == 200
    with django_assert_max_num_queries(30):  # the list does not grow with the rows
        assert client.get("/accounting/invoices/?per_page=100").status_code == 200
    for url in (
        "/accounting/aging/?export=xlsx",
        "/accounting/cash-flow/?export=xlsx",
        f"/accounting/partner-statement/?partner={Invoice.objects.first().partner_id}&export=xlsx",
    ):
        r = client.get(url)
        assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")


def test_invoice_and_receipt_through_the_forms(client, users, demo_company):
    client.force_login(users["sunli"])
    customer = Partner.objects.filter(company=demo_company, is_customer=True).order_by("code").first()
    today = timezone.localdate().isoformat()
    lines = [
        {
            "product": "",
            "description": "安装服务",
            "quantity": "2",
            "unit_price": "530",
            "discount_percent": "0",
            "vat_rate": "0.06",
            "account": "5051",
        }
    ]
    form = {
        "kind": "sale",
        "partner": customer.pk,
        "date": today,
        "price_includes_tax": "1",
        "fapiao_type": "e_ordinary",
        "currency": "CNY",
        "lines_json": json.dumps(lines),
        "action": "post",
    }
    bad = client.post(
        "/accounting/invoices/new/", {**form, "lines_json": json.dumps([{**lines[0], "quantity": "-1"}])}
    )
    assert bad.status_code == 422 and "lines.0.quantity" in bad.content.decode()
    r = client.post("/accounting/invoices/new/", form)
    assert r.status_code == 302, r.content.decode()[:2000]
    inv = Invoice.objects.get(pk=r["Location"].rstrip("/").split("/")[-1])
    assert (inv.state, inv.amount_total, inv.amount_tax) == ("posted", D("1060.00"), D("60.00"))
    page = client.get(inv.get_absolute_url()).content.decode()
    assert inv.number in page and "1,060.00" in page
    client.force_login(users["zhoumin"])
    bank = BankAccount.objects.get(company=demo_company, account__code="1002")
    page = client.get(f"/accounting/payments/new/?kind=inbound&partner={customer.pk}").content.decode()
    assert inv.number in page
    r = client.post(
        "/accounting/payments/new/",
        {
            "kind": "inbound",
            "partner": customer.pk,
            "date": today,
            "bank_account": bank.pk,
            "amount": "1059.50",
            f"alloc_{inv.pk}": "1059.50",
            f"wo_{inv.pk}": "1",
            "action": "post",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    inv.refresh_from_db()
    assert inv.amount_open == 0 and inv.allocations.get().write_off == D("0.50")
    csv = f"交易日期,摘要,对方户名,收入金额,支出金额,交易流水号\n{today},货款,{customer.name},1059.50,,X1\n"
    client.post(
        f"/accounting/bank-accounts/{bank.pk}/", {"file": SimpleUploadedFile("s.csv", csv.encode("gb18030"))}
    )
    assert (
        bank.statement_lines.get(reference="X1").matched_line.voucher_id == inv.allocations.get().voucher_id
    )


def test_reports_export_pdf_with_a_chinese_font(client, users, demo_company):
    from ronghe.accounting.models import Voucher

    client.force_login(users["sunli"])
    month = timezone.localdate().strftime("%Y-%m")
    partner = Invoice.objects.filter(company=demo_company).first().partner_id
    bank = BankAccount.objects.filter(company=demo_company).first()
    account = "1002"
    voucher = Voucher.objects.filter(company=demo_company, state="posted").first()
    for url in (
        f"/accounting/trial-balance/?start={month}&end={month}&export=pdf",
        f"/accounting/ledger/?account={account}&start={month}&end={month}&export=pdf",
        f"/accounting/general-ledger/?account={account}&end={month}&export=pdf",
        f"/accounting/journal/?start={month}&end={month}&export=pdf",
        f"/accounting/balance-sheet/?month={month}&export=pdf",
        f"/accounting/income-statement/?month={month}&export=pdf",
        f"/accounting/cash-flow/?month={month}&export=pdf",
        "/accounting/aging/?export=pdf",
        f"/accounting/partner-statement/?partner={partner}&export=pdf",
        f"/accounting/bank-accounts/{bank.pk}/?export=pdf",
        f"/accounting/vouchers/{voucher.pk}/print/?format=pdf",
    ):
        r = client.get(url)
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf", url
        assert r.content.startswith(b"%PDF") and b"/STSong-Light" in r.content, url


def test_revaluation_from_the_periods_page(client, users, demo_company):
    from ronghe.accounting.models import Period, Voucher

    client.force_login(users["sunli"])
    period = Period.objects.filter(company=demo_company, state="open").first()
    assert "revalue" in client.get("/accounting/periods/").content.decode()
    r = client.post(f"/accounting/periods/{period.pk}/revalue/", follow=True)
    assert r.status_code == 200 and not Voucher.objects.filter(company=demo_company, kind="fx").exists()
    assert "revalue" in r.content.decode().lower() or "调汇" in r.content.decode()
