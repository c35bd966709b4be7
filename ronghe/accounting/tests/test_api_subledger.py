"""The sub-ledger over HTTP only (a token, JSON and one multipart upload): an invoice and a receipt
allocated to it, the vouchers they generate reviewed and posted by another user, aging and statement
reports, bank statement import and reconciliation; refusals name the field; other companies' documents 404."""

import datetime
import json
from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.accounting.invoicing import invoice_create
from ronghe.accounting.models import Invoice, VoucherLine
from ronghe.accounting.services import coa_install
from ronghe.core.services import api_token_create
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, users):
    tokens = {}

    def call(user, method, url, data=None, files=None):
        if user not in tokens:
            tokens[user] = api_token_create(user=users[user], name="t")[1]
        kw = {"HTTP_AUTHORIZATION": f"Bearer {tokens[user]}"}
        if files is not None:
            kw["data"] = files
        elif data is not None:
            kw.update(data=json.dumps(data, default=str), content_type="application/json")
        return getattr(client, method)(f"/api/v1/accounting{url}", **kw)

    return call


def test_invoice_to_receipt_over_http(api, demo_company):
    today = timezone.localdate().isoformat()
    customer = Partner.objects.filter(company=demo_company, is_customer=True).order_by("code").last()
    r = api(
        "sunli",
        "post",
        "/invoices",
        {
            "kind": "sale",
            "partner_id": customer.pk,
            "date": today,
            "fapiao_type": "e_special",
            "fapiao_number": "26119999000000000001",
            "lines": [
                {
                    "description": "咨询服务",
                    "quantity": "1",
                    "unit_price": "10600.00",
                    "vat_rate": "0.06",
                    "account": "5051",
                }
            ],
        },
    )
    assert r.status_code == 201, r.content
    inv = r.json()
    assert (inv["state"], inv["amount_untaxed"], inv["amount_tax"], inv["number"]) == (
        "draft",
        "10000.00",
        "600.00",
        "",
    )
    r = api("sunli", "post", f"/invoices/{inv['id']}/post")
    assert r.status_code == 200, r.content
    inv = r.json()
    assert inv["number"].startswith("INV") and inv["amount_open"] == "10600.00" and inv["voucher_id"]
    # the same fapiao cannot be booked twice
    r = api(
        "sunli",
        "post",
        "/invoices",
        {
            "kind": "sale",
            "partner_id": customer.pk,
            "date": today,
            "fapiao_number": "26119999000000000001",
            "lines": [{"description": "x", "quantity": "1", "unit_price": "1", "vat_rate": "0.06"}],
        },
    )
    assert r.status_code == 422 and "fapiao_number" in r.json()["fields"]
    banks = api("zhoumin", "get", "/bank-accounts").json()
    bank = next(b for b in banks if b["account"] == "1002")
    receipt = {
        "kind": "inbound",
        "partner_id": customer.pk,
        "date": today,
        "bank_account_id": bank["id"],
        "amount": "12000.00",
        "reference": "HX-1",
        "allocations": [{"invoice_id": inv["id"], "amount": "10600.01"}],
    }
    r = api("zhoumin", "post", "/payments", receipt)
    assert r.status_code == 422 and "allocations.0.amount" in r.json()["fields"]
    receipt["allocations"][0]["amount"] = "10600.00"
    r = api("zhoumin", "post", "/payments", receipt)
    assert r.status_code == 201, r.content
    r = api("zhoumin", "post", f"/payments/{r.json()['id']}/post")
    assert r.status_code == 200, r.content
    pay = r.json()
    assert pay["amount_unallocated"] == "1400.00" and pay["allocations"][0]["amount"] == "10600.00"
    # the cashier prepared the receipt voucher: the accountant reviews and posts it
    assert api("zhoumin", "post", f"/vouchers/{pay['voucher_id']}/review").status_code == 403
    assert api("sunli", "post", f"/vouchers/{pay['voucher_id']}/review").json()["state"] == "reviewed"
    assert api("sunli", "post", f"/vouchers/{pay['voucher_id']}/post").json()["state"] == "posted"
    v = api("sunli", "get", f"/vouchers/{pay['voucher_id']}").json()
    assert [(x["account"], x["debit"], x["credit"]) for x in v["lines"]] == [
        ("1002", "12000.00", "0.00"),
        ("1122", "0.00", "10600.00"),
        ("2203", "0.00", "1400.00"),
    ]
    assert api("sunli", "get", f"/invoices/{inv['id']}").json()["amount_open"] == "0.00"
    aging = api("sunli", "get", "/reports/aging?kind=sale").json()
    row = next(x for x in aging["rows"] if x["partner_id"] == customer.pk)
    assert D(row["unapplied"]) >= D("1400.00")
    st = api(
        "sunli", "get", f"/reports/partner-statement?partner_id={customer.pk}&start={today}&end={today}"
    ).json()
    assert D(st["credit"]) >= D("12000.00") and st["rows"][-1]["balance"] == st["closing"]
    cf = api("sunli", "get", f"/reports/cash-flow?year={today[:4]}&month={int(today[5:7])}").json()
    assert {r["line"] for r in cf["rows"]} >= set(range(1, 23))
    # bank statement upload and the reconciliation statement
    csv = (
        f"交易日期,摘要,对方户名,收入金额,支出金额,交易流水号\n{today},货款,{customer.name},12000.00,,HX-1\n"
    )
    r = api(
        "zhoumin",
        "post",
        f"/bank-accounts/{bank['id']}/statements",
        files={"file": _upload("hang.csv", csv.encode())},
    )
    assert r.status_code == 201, r.content
    assert r.json()["created"] == 1 and r.json()["matched"] == 1
    lines = api("zhoumin", "get", f"/bank-accounts/{bank['id']}/statement-lines").json()["items"]
    bank_line = VoucherLine.objects.get(voucher_id=pay["voucher_id"], account__code="1002")
    assert lines[0]["matched_line_id"] == bank_line.pk
    # reconciliation starts today, with the bank's balance of yesterday equal to the books'
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    opening = api("zhoumin", "get", f"/bank-accounts/{bank['id']}/reconciliation?on={yesterday}").json()[
        "book"
    ]
    r = api(
        "zhoumin",
        "put",
        f"/bank-accounts/{bank['id']}/reconciliation-start",
        {"date": today, "statement_opening": opening},
    )
    assert r.status_code == 200, r.content
    rec = api("zhoumin", "get", f"/bank-accounts/{bank['id']}/reconciliation?on={today}").json()
    # the statement holds only this receipt: today's other posted bank lines are 企业已收/已付、银行未收/未付
    assert (D(rec["bank"]), D(rec["bank_in"]), D(rec["bank_out"])) == (D(opening) + D("12000.00"), 0, 0)
    assert D(rec["book"]) == D(rec["bank"]) + D(rec["book_in"]) + D(rec["book_out"]) and rec["balanced"]


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_other_companies_invoices_are_not_found(api, demo_company, other_company, users):
    coa_install(company=other_company)
    partner = Partner.objects.create(company=other_company, code="X1", name="别家客户", is_customer=True)
    theirs = invoice_create(
        company=other_company,
        actor=None,
        kind="sale",
        partner=partner,
        date=timezone.localdate(),
        lines=[{"description": "x", "quantity": 1, "unit_price": "1", "vat_rate": "0.13"}],
    )
    assert api("sunli", "get", f"/invoices/{theirs.pk}").status_code == 404
    assert api("sunli", "post", f"/invoices/{theirs.pk}/post").status_code == 404
    r = api(
        "sunli",
        "post",
        "/invoices",
        {
            "kind": "sale",
            "partner_id": partner.pk,
            "date": timezone.localdate().isoformat(),
            "lines": [{"quantity": 1, "unit_price": 1, "vat_rate": "0.13"}],
        },
    )
    assert r.status_code == 422 and "partner_id" in r.json()["fields"]
    assert Invoice.objects.filter(company=other_company, state="posted").count() == 0
    # a warehouse clerk sees no invoices
    assert api("zhaolei", "get", "/invoices").status_code == 403


def test_openapi_lists_the_subledger(client, demo_company):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for p in (
        "/api/v1/accounting/invoices",
        "/api/v1/accounting/payments/{payment_id}/allocate",
        "/api/v1/accounting/bank-accounts/{bank_account_id}/reconciliation",
        "/api/v1/accounting/reports/aging",
    ):
        assert p in paths
