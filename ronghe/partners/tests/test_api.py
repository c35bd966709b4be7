"""Partner API: token auth, error format, validation, idempotency, and bounded queries at 100,000 rows."""

import json

import pytest
from django.db import connection

from conftest import login
from ronghe.core.models import AuditEntry
from ronghe.core.services import api_token_create
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def auth(users):
    _t, secret = api_token_create(user=users["wangfang"], name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post(client, url, data, **headers):
    return client.post(url, data=json.dumps(data), content_type="application/json", **headers)


def test_no_token_is_401_json(client):
    r = client.get("/api/v1/partners/partners")
    assert r.status_code == 401
    assert r["Content-Type"].startswith("application/json")
    assert r.json()["code"] == "core.unauthenticated"


def test_bad_token_is_401(client):
    r = client.get("/api/v1/partners/partners", HTTP_AUTHORIZATION="Bearer rh_not-a-token")
    assert r.status_code == 401


def test_token_created_in_the_ui_lists_partners(client, users):
    login(client, users["wangfang"])
    page = client.post("/settings/tokens/", {"name": "我的脚本"}).content.decode()
    secret = page.split('id="new-token">')[1].split("<")[0]
    client.logout()
    r = client.get("/api/v1/partners/partners", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert r.status_code == 200
    body = r.json()
    assert body["count"] > 0 and all(p["owner_id"] == users["wangfang"].pk for p in body["items"])
    assert AuditEntry.objects.filter(action="token_use", actor_name="wangfang").exists()


def test_create_partner(client, auth, users):
    r = post(
        client,
        "/api/v1/partners/partners",
        {"name": "接口新建有限公司", "is_customer": True, "tax_id": "91350100M000100Y43", "email": "a@b.cn"},
        **auth,
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["code"].startswith("P") and body["owner_id"] == users["wangfang"].pk


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "甲公司", "is_customer": True, "tax_id": "91350100M000100Y44"}, "tax_id"),
        ({"name": "乙公司", "is_customer": True, "email": "no-at-sign.example.cn"}, "email"),
        ({"name": "丙公司", "is_customer": True, "credit_limit": "-1"}, "credit_limit"),
        ({"name": "丁公司"}, "is_customer"),
        ({"name": "戊公司", "is_customer": True, "owner_id": 999999}, "owner_id"),
        ({"name": "己公司", "is_customer": True, "code": "P000001"}, "code"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(client, auth, payload, field):
    client.get("/api/v1/core/me", **auth)  # first use of the token is audited; not part of the refusal
    before = (Partner.objects.count(), AuditEntry.objects.count())
    r = post(client, "/api/v1/partners/partners", payload, **auth)
    assert r.status_code == 422, r.content
    body = r.json()
    assert body["code"] == "core.validation" and field in body["fields"]
    assert (Partner.objects.count(), AuditEntry.objects.count()) == before


def test_malformed_input_is_400(client, auth):
    r = post(client, "/api/v1/partners/partners", {"name": "x", "credit_limit": "abc"}, **auth)
    assert r.status_code == 400 and "credit_limit" in r.json()["fields"]


def test_error_message_in_the_callers_language(client, auth):
    r = post(
        client,
        "/api/v1/partners/partners",
        {"name": "甲公司", "is_customer": True, "tax_id": "123"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
        **auth,
    )
    assert "统一社会信用代码" in r.json()["fields"]["tax_id"][0]
    r = post(
        client,
        "/api/v1/partners/partners",
        {"name": "甲公司", "is_customer": True, "tax_id": "123"},
        HTTP_ACCEPT_LANGUAGE="en",
        **auth,
    )
    assert "unified social credit code" in r.json()["fields"]["tax_id"][0]


def test_idempotency_key_makes_a_retried_create_return_the_first_result(client, auth):
    before = Partner.objects.count()
    payload = {"name": "幂等测试有限公司", "is_customer": True}
    r1 = post(client, "/api/v1/partners/partners", payload, HTTP_IDEMPOTENCY_KEY="abc-1", **auth)
    r2 = post(client, "/api/v1/partners/partners", payload, HTTP_IDEMPOTENCY_KEY="abc-1", **auth)
    assert r1.status_code == r2.status_code == 201
    assert r1.json() == r2.json() and r2["Idempotent-Replayed"] == "true"
    assert Partner.objects.count() == before + 1
    r3 = post(client, "/api/v1/partners/partners", payload, HTTP_IDEMPOTENCY_KEY="abc-2", **auth)
    assert r3.json()["id"] != r1.json()["id"]


def test_patch_partner_and_history_on_the_timeline(client, auth, users, demo_company):
    p = Partner.objects.filter(owner=users["wangfang"], is_customer=True).first()
    r = client.patch(
        f"/api/v1/partners/partners/{p.pk}",
        data=json.dumps({"credit_limit": "123456.78"}),
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 200 and r.json()["credit_limit"] == "123456.78"
    msgs = client.get(f"/api/v1/timeline/partners.partner/{p.pk}/messages", **auth).json()
    assert msgs[0]["kind"] == "tracking" and msgs[0]["tracking"][0]["field"] == "credit_limit"


def test_openapi_is_valid_openapi_3(client):
    from openapi_spec_validator import validate

    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    assert spec["openapi"].startswith("3.")
    validate(spec)
    assert "/api/v1/partners/partners" in spec["paths"]


def test_partner_list_queries_are_bounded_at_100000_partners(
    client, auth, users, demo_company, django_assert_max_num_queries
):
    owner = users["wangfang"]
    batch = [
        Partner(company=demo_company, code=f"B{i:07d}", name=f"批量客户{i}", is_customer=True, owner=owner)
        for i in range(100_000)
    ]
    Partner.objects.bulk_create(batch, batch_size=5000)
    assert Partner.objects.filter(company=demo_company).count() > 100_000
    client.get("/api/v1/core/me", **auth)  # the token's first use is audited (once a minute); warm it
    # token + company + membership/roles/scopes/permissions + count + page: independent of the number of rows
    with django_assert_max_num_queries(10):
        r = client.get("/api/v1/partners/partners?limit=50&page=3", **auth)
    assert r.status_code == 200
    body = r.json()
    assert len(body["items"]) == 50 and body["count"] > 100_000
    with django_assert_max_num_queries(10):
        client.get("/api/v1/partners/partners?limit=200&q=批量客户99", **auth)
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM partners_partner WHERE company_id=1 AND owner_id=1 ORDER BY id DESC LIMIT 50"
            )
            plan = " ".join(str(r) for r in cur.fetchall())
        assert "partners_company_owner" in plan


def test_bank_accounts_and_addresses(client, auth, users):
    p = Partner.objects.filter(owner=users["wangfang"], is_customer=True).first()
    url = f"/api/v1/partners/partners/{p.pk}/bank-accounts"
    r = post(
        client,
        url,
        {"bank_name": "招商银行上海分行", "account_number": "6225 8801 2345 6789", "is_default": True},
        **auth,
    )
    assert r.status_code == 201, r.content
    assert r.json()["account_number"] == "6225880123456789" and r.json()["is_default"]
    assert [a["is_default"] for a in client.get(url, **auth).json()].count(True) == 1
    r = post(client, url, {"bank_name": "招商银行", "account_number": "6225880123456789"}, **auth)
    assert r.status_code == 422 and "account_number" in r.json()["fields"]
    r = post(client, url, {"bank_name": "招商银行", "account_number": "62-25"}, **auth)
    assert r.status_code == 422
    r = post(
        client,
        f"/api/v1/partners/partners/{p.pk}/addresses",
        {
            "kind": "shipping",
            "province": "江苏省",
            "city": "苏州市",
            "street": "星湖街 328 号",
            "phone": "0512-1234 5678",
        },
        **auth,
    )
    assert r.status_code == 201
    aid = r.json()["id"]
    assert client.delete(f"/api/v1/partners/partners/{p.pk}/addresses/{aid}", **auth).status_code == 204
    assert p.addresses.count() == 0
    other = Partner.objects.filter(owner=users["liuyang"], is_customer=True).first()
    r = post(
        client,
        f"/api/v1/partners/partners/{other.pk}/bank-accounts",
        {"bank_name": "x", "account_number": "1"},
        **auth,
    )
    assert r.status_code == 404
