"""CRM over the JSON API with tokens: 查重 answers 422 with the candidates and their owners, conversion,
the pipeline, follow-ups, the pool and transfers; a salesperson cannot reach another's opportunity."""

import pytest

from ronghe.core.services import api_token_create
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(client, users, demo_company):
    tokens = {}

    def _call(user, method, url, data=None, status=200):
        if user not in tokens:
            tokens[user] = api_token_create(user=users[user], name="t")[1]
        kw = {"HTTP_AUTHORIZATION": f"Bearer {tokens[user]}"}
        if data is not None:
            kw.update(data=data, content_type="application/json")
        r = getattr(client, method)(f"/api/v1/crm{url}", **kw)
        assert r.status_code == status, (url, r.status_code, r.content[:500])
        return r.json() if r.content else None

    return _call


def test_crm_over_http(call, users, demo_company):
    firm = Partner.objects.create(
        company=demo_company,
        code="API-DUP",
        name="北京星河数据科技有限公司",
        is_customer=True,
        owner=users["liuyang"],
    )
    from ronghe.partners.dedupe import name_key

    Partner.objects.filter(pk=firm.pk).update(name_key=name_key(firm.name))
    dup = call("wangfang", "post", "/leads", {"company_name": "星河数据科技（北京）"}, status=422)
    assert dup["code"] == "crm.duplicates"
    assert any("北京星河数据科技有限公司" in line and "刘洋" in line for line in dup["fields"]["duplicates"])
    cands = call("wangfang", "get", "/duplicates?name=星河数据科技")
    assert cands[0]["id"] == firm.pk and cands[0]["owner"] == "刘洋" and cands[0]["score"] == 100
    lead = call(
        "wangfang",
        "post",
        "/leads",
        {
            "company_name": "南京星图软件有限公司",
            "contact_name": "许星",
            "phone": "13770001111",
            "ignore_duplicates": True,
        },
        status=201,
    )
    assert lead["status"] == "new" and lead["owner_id"] == users["wangfang"].pk
    call("wangfang", "post", f"/leads/{lead['id']}/status", {"action": "qualify"})
    opp = call("wangfang", "post", f"/leads/{lead['id']}/convert", {"expected_amount": "80000"}, status=201)
    assert opp["stage_name"] == "初步接洽" and opp["expected_amount"] == "80000.00"
    from ronghe.crm.services import stages_for

    third = stages_for(demo_company)[2]
    moved = call("wangfang", "post", f"/opportunities/{opp['id']}/move", {"stage_id": third.pk})
    assert moved["stage_id"] == third.pk and moved["probability"] == "50.00"
    call("liuyang", "post", f"/opportunities/{opp['id']}/move", {"stage_id": third.pk}, status=404)
    fu = call(
        "wangfang",
        "post",
        "/followups",
        {"kind": "visit", "note": "上门演示", "opportunity_id": opp["id"]},
        status=201,
    )
    assert fu["partner_id"] == opp["partner_id"]
    call("wangfang", "post", f"/customers/{opp['partner_id']}/release", {})
    pool = call("liuyang", "get", "/pool?q=星图")
    assert [p["id"] for p in pool["items"]] == [opp["partner_id"]]
    call("liuyang", "post", f"/pool/{opp['partner_id']}/claim", {})
    call("wangfang", "post", f"/pool/{opp['partner_id']}/claim", {}, status=422)  # no longer in the pool
    call(
        "liuyang",
        "post",
        "/customers/transfer",
        {"partner_ids": [opp["partner_id"]], "new_owner_id": users["wangfang"].pk},
        status=403,
    )
    done = call(
        "lina",
        "post",
        "/customers/transfer",
        {"partner_ids": [opp["partner_id"]], "new_owner_id": users["wangfang"].pk},
    )
    assert done == {"transferred": 1}
    lost = call("wangfang", "post", f"/opportunities/{opp['id']}/lose", {"reason": "预算取消"})
    assert lost["state"] == "lost"


def test_teams_pipeline_and_lead_assignment_over_http(call, users, demo_company):
    teams = call("lina", "get", "/teams")
    assert any(t["name"] == "销售一部" for t in teams)
    call("wangfang", "get", "/teams", status=403)
    made = call(
        "admin",
        "post",
        "/teams",
        {
            "name": "华南销售组",
            "leader_id": users["lina"].pk,
            "member_ids": [users["liuyang"].pk],
            "territory": "华南",
            "pool_days": 15,
            "claim_limit": 20,
        },
        status=201,
    )
    assert made["member_ids"] == [users["liuyang"].pk] and made["stages"][-1]["is_won"]
    stages = [{"name": "接洽", "probability": "20"}, {"name": "报价", "probability": "60"}]
    bad = call("lina", "put", f"/teams/{made['id']}", {**made, "stages": stages}, status=422)
    assert "stages" in bad["fields"]
    stages.append({"name": "成交", "probability": "100", "is_won": True})
    team = call("lina", "put", f"/teams/{made['id']}", {**made, "stages": stages})
    assert [s["name"] for s in team["stages"]] == ["接洽", "报价", "成交"]
    lead = call(
        "wangfang",
        "post",
        "/leads",
        {
            "company_name": "广州南粤食品有限公司",
            "province": "广东省",
            "source": "import",
            "ignore_duplicates": True,
        },
        status=201,
    )
    assert lead["owner_id"] is None and lead["team_id"] == made["id"] and not lead["score_manual"]
    call("wangfang", "post", f"/leads/{lead['id']}/assign", {"owner_id": users["wangfang"].pk}, status=404)
    taken = call("liuyang", "post", f"/leads/{lead['id']}/assign", {"owner_id": users["liuyang"].pk})
    assert taken["owner_id"] == users["liuyang"].pk
