"""Accounting through the API and the pages: a voucher's life over HTTP, refusals with the field named,
other companies' vouchers answering 404, the report endpoints and pages."""

import datetime
import json
from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.accounting.models import Voucher
from ronghe.core.services import api_token_create
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, users):
    def call(user, method, url, data=None):
        _t, secret = api_token_create(user=users[user], name="t")
        kw = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        if data is not None:
            kw.update(data=json.dumps(data, default=str), content_type="application/json")
        return getattr(client, method)(f"/api/v1/accounting{url}", **kw)

    return call


def voucher(amount="880.00", **extra):
    return {
        "date": timezone.localdate().isoformat(),
        "attachments": 2,
        "lines": [
            {"summary": "购买办公用品", "account": "5602", "debit": amount},
            {"summary": "购买办公用品", "account": "1001", "credit": amount},
        ],
        **extra,
    }


def test_voucher_life_over_the_api(api, demo_company):
    r = api("zhoumin", "post", "/vouchers", voucher())
    assert r.status_code == 201, r.content
    v = r.json()
    assert (v["state"], v["total_debit"], v["prepared_by"], v["number"][:2]) == (
        "draft",
        "880.00",
        "周敏",
        "记-",
    )
    assert (
        api("zhoumin", "post", f"/vouchers/{v['id']}/review").status_code == 403
    )  # a cashier does not review
    r = api("sunli", "post", f"/vouchers/{v['id']}/review")
    assert r.json()["state"] == "reviewed"
    r = api("sunli", "post", f"/vouchers/{v['id']}/post")
    assert r.json()["state"] == "posted" and r.json()["posted_by"] == "孙丽"
    assert api("zhoumin", "put", f"/vouchers/{v['id']}", voucher("1.00")).status_code == 409
    assert api("zhoumin", "delete", f"/vouchers/{v['id']}").status_code == 409
    red = api("zhoumin", "post", f"/vouchers/{v['id']}/reverse", {})
    assert red.status_code == 201 and red.json()["total_debit"] == "-880.00" and red.json()["red"]
    month = timezone.localdate().strftime("%Y-%m")
    tb = api("sunli", "get", f"/reports/trial-balance?start={month}&end={month}").json()
    assert tb["totals"]["debit"] == tb["totals"]["credit"]
    row = next(x for x in tb["rows"] if x["code"] == "5602")
    assert D(row["debit"]) >= D("880.00")
    listed = api("sunli", "get", f"/vouchers?period={month}&state=draft").json()
    assert red.json()["id"] in [x["id"] for x in listed["items"]]


def test_bad_input_names_the_field_and_writes_nothing(api, demo_company):
    before = Voucher.objects.filter(company=demo_company).count()
    bad = voucher()
    bad["lines"][1]["credit"] = "879.99"
    r = api("zhoumin", "post", "/vouchers", bad)
    assert (
        r.status_code == 422 and r.json()["code"] == "accounting.unbalanced" and "0.01" in r.json()["message"]
    )
    r = api(
        "zhoumin",
        "post",
        "/vouchers",
        {
            **voucher(),
            "lines": [
                {"summary": "x", "account": "1122", "debit": "5"},
                {"summary": "x", "account": "1002", "credit": "5"},
            ],
        },
    )
    assert r.status_code == 422 and "lines.0.partner" in r.json()["fields"]
    other = Partner.objects.exclude(company=demo_company).first() or Partner.objects.create(
        company_id=_other_company_id(), code="X", name="别家客户", is_customer=True
    )
    r = api(
        "zhoumin",
        "post",
        "/vouchers",
        {
            **voucher(),
            "lines": [
                {"summary": "x", "account": "1122", "debit": "5", "partner_id": other.pk},
                {"summary": "x", "account": "1002", "credit": "5"},
            ],
        },
    )
    assert r.status_code == 422 and "lines.0.partner" in r.json()["fields"]
    assert Voucher.objects.filter(company=demo_company).count() == before


def _other_company_id():
    from ronghe.core.models import Company

    return Company.objects.create(name="别的公司").pk


def test_preparer_cannot_review_and_closed_periods_refuse(api, demo_company, users):
    v = api("sunli", "post", "/vouchers", voucher()).json()
    r = api("sunli", "post", f"/vouchers/{v['id']}/review")
    assert r.status_code == 422 and "reviewed_by" in r.json()["fields"]
    closed = next(p for p in api("sunli", "get", "/periods").json() if p["state"] == "closed")
    r = api(
        "sunli",
        "post",
        "/vouchers",
        {**voucher(), "date": datetime.date(closed["year"], closed["month"], 5).isoformat()},
    )
    assert r.status_code == 409 and r.json()["code"] == "accounting.period_closed"


def test_other_companies_vouchers_are_not_found(api, demo_company, other_company, users):
    from ronghe.accounting.services import coa_install, voucher_create

    coa_install(company=other_company)
    theirs = voucher_create(
        company=other_company, actor=None, date=timezone.localdate(), lines=voucher()["lines"]
    )
    assert api("sunli", "get", f"/vouchers/{theirs.pk}").status_code == 404
    assert api("sunli", "post", f"/vouchers/{theirs.pk}/review").status_code == 404
    assert theirs.pk not in [x["id"] for x in api("sunli", "get", "/vouchers?limit=200").json()["items"]]


def test_statements_over_the_api_balance(api, demo_company):
    today = timezone.localdate()
    bs = api("sunli", "get", f"/reports/balance-sheet?year={today.year}&month={today.month}").json()
    lines = {r["line"]: D(r["closing"]) for r in bs["rows"]}
    assert bs["balanced"] and lines[30] == lines[53] and lines[30] > 0
    inc = api("sunli", "get", f"/reports/income-statement?year={today.year}&month={today.month}").json()
    assert {r["line"] for r in inc["rows"]} >= {1, 2, 21, 30, 32}
    assert (
        api("wangfang", "get", f"/reports/balance-sheet?year={today.year}&month={today.month}").status_code
        == 403
    )


@pytest.mark.parametrize(
    "url",
    [
        "/accounting/vouchers/",
        "/accounting/vouchers/new/",
        "/accounting/trial-balance/",
        "/accounting/trial-balance/?export=xlsx",
        "/accounting/ledger/?account=1002",
        "/accounting/balance-sheet/",
        "/accounting/balance-sheet/?export=xlsx",
        "/accounting/income-statement/",
        "/accounting/periods/",
        "/accounting/accounts/",
    ],
)
def test_pages_answer(client, users, url):
    client.force_login(users["sunli"])
    assert client.get(url).status_code == 200


def test_voucher_page_form_and_print(client, users, demo_company):
    client.force_login(users["zhoumin"])
    lines = [
        {"summary": "报销差旅费", "account": "5602", "debit": "1,409.50"},
        {"summary": "报销差旅费", "account": "1001", "credit": "1409.50"},
    ]
    r = client.post(
        "/accounting/vouchers/new/",
        {
            "date": timezone.localdate().isoformat(),
            "word": "记",
            "attachments": "3",
            "note": "",
            "lines_json": json.dumps(lines),
        },
    )
    assert r.status_code == 302
    v = Voucher.objects.filter(company=demo_company).latest("id")
    assert (v.total_debit, v.attachments) == (D("1409.50"), 3)
    page = client.get(f"/accounting/vouchers/{v.pk}/print/").content.decode()
    assert "人民币壹仟肆佰零玖元伍角整" in page and "附单据 3 张" in page
    r = client.post(
        "/accounting/vouchers/new/",
        {
            "date": timezone.localdate().isoformat(),
            "word": "记",
            "attachments": "0",
            "lines_json": json.dumps(lines[:1]),
        },
    )
    assert r.status_code == 422 and "至少需要两条分录" in r.context["errors_json"]["lines"][0]


def test_voucher_list_query_count_does_not_grow(client, users, django_assert_max_num_queries):
    client.force_login(users["sunli"])
    with django_assert_max_num_queries(20):
        assert client.get("/accounting/vouchers/?per_page=100").status_code == 200


def test_dashboard_shows_vouchers_waiting_for_review(client, users, demo_company):
    from ronghe.accounting.selectors import vouchers_to_review

    client.force_login(users["sunli"])
    waiting = vouchers_to_review(user=users["sunli"], company=demo_company).count()
    assert waiting > 0  # the demo leaves this month's last vouchers as drafts prepared by the cashier
    page = client.get("/").content.decode()
    assert "待审核凭证" in page
    client.force_login(users["zhoumin"])  # a cashier does not review: no card
    assert "待审核凭证" not in client.get("/").content.decode()


def test_ledger_and_journal_over_the_api(api, demo_company):
    month = timezone.localdate().strftime("%Y-%m")
    v = api("zhoumin", "post", "/vouchers", voucher("77.00")).json()
    api("sunli", "post", f"/vouchers/{v['id']}/review")
    api("sunli", "post", f"/vouchers/{v['id']}/post")
    book = api("sunli", "get", f"/reports/ledger?account=1001&start={month}&end={month}").json()
    assert book["direction"] == "debit"
    last = book["rows"][-1]
    assert (last["voucher_id"], last["credit"], D(last["balance"])) == (v["id"], "77.00", D(book["closing"]))
    assert D(book["opening"]) + D(book["debit"]) - D(book["credit"]) == D(book["closing"])
    assert api("sunli", "get", f"/reports/ledger?account=9999&start={month}&end={month}").status_code == 422
    journal = api("sunli", "get", f"/reports/journal?start={month}&end={month}&limit=500").json()
    mine = [x for x in journal["items"] if x["voucher_id"] == v["id"]]
    assert [(x["account"], x["debit"], x["credit"]) for x in mine] == [
        ("5602", "77.00", "0.00"),
        ("1001", "0.00", "77.00"),
    ]
    assert all(x["state"] == "posted" for x in journal["items"])
