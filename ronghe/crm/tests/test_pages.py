"""CRM pages in Chinese: the pipeline board (and its drop), the lead form with 查重 candidates, conversion
from the lead page, the public pool, the CRM section of the customer page with its follow-up form."""

import pytest

from ronghe.crm import services
from ronghe.crm.models import FollowUp, Lead, Opportunity
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db


def test_pipeline_board_and_drop(demo_company, users, client):
    co = demo_company
    wf = users["wangfang"]
    customer = Partner.objects.filter(company=co, owner=wf, is_customer=True, parent=None).first()
    opp = services.opportunity_create(
        company=co, actor=wf, data={"name": "看板测试商机", "partner": customer, "expected_amount": "9999"}
    )
    client.force_login(wf)
    page = client.get("/crm/pipeline/").content.decode()
    stages = services.stages_for(co, opp.team)
    assert "看板测试商机" in page and stages[0].name in page and "加权" in page
    r = client.post(f"/crm/opportunities/{opp.pk}/move/", {"stage": stages[3].pk})
    assert r.json()["ok"] and Opportunity.objects.get(pk=opp.pk).stage == stages[3]
    client.force_login(users["liuyang"])
    r = client.post(f"/crm/opportunities/{opp.pk}/move/", {"stage": stages[1].pk})
    assert r.status_code == 404 or not r.json()["ok"]


def test_lead_form_shows_duplicates_then_converts(demo_company, users, client):
    co = demo_company
    wf = users["wangfang"]
    existing = Partner.objects.filter(company=co, is_customer=True, parent=None).exclude(owner=None).first()
    client.force_login(wf)
    r = client.post(
        "/crm/leads/new/", {"company_name": existing.name + "（上海）", "source": "manual", "score": 0}
    )
    page = r.content.decode()
    assert r.status_code == 422 and existing.name in page and str(existing.owner) in page
    r = client.post(
        "/crm/leads/new/",
        {
            "company_name": existing.name + "（上海）",
            "source": "manual",
            "score": 0,
            "ignore_duplicates": "on",
        },
    )
    assert r.status_code == 302
    lead = Lead.objects.get(company=co, company_name=existing.name + "（上海）")
    detail = client.get(lead.get_absolute_url()).content.decode()
    assert "转化" in detail and existing.name in detail  # offered as the customer to link to
    r = client.post(f"/crm/leads/{lead.pk}/convert/", {"partner": existing.pk, "expected_amount": "5000"})
    assert r.status_code == 302
    lead.refresh_from_db()
    assert lead.status == "converted" and lead.partner == existing


def test_pool_page_claim_and_customer_panel_follow_up(demo_company, users, client):
    co = demo_company
    wf, ly = users["wangfang"], users["liuyang"]
    customer = Partner.objects.filter(company=co, owner=wf, is_customer=True, parent=None).first()
    client.force_login(wf)
    page = client.get(customer.get_absolute_url()).content.decode()
    assert "记录跟进" in page and "放回公海" in page
    r = client.post(
        "/crm/followups/",
        {"partner": customer.pk, "kind": "visit", "note": "上门拜访", "next": customer.get_absolute_url()},
    )
    assert r.status_code == 302 and FollowUp.objects.filter(partner=customer, note="上门拜访").exists()
    client.post(f"/crm/pool/{customer.pk}/release/")
    customer.refresh_from_db()
    assert customer.owner is None
    client.force_login(ly)
    pool = client.get("/crm/pool/").content.decode()
    assert customer.name in pool and "领取" in pool
    r = client.post(f"/crm/pool/{customer.pk}/claim/")
    customer.refresh_from_db()
    assert r.status_code == 302 and customer.owner == ly


def test_public_web_form_creates_leads_and_refuses_robots_and_floods(demo_company, users, client):
    from django.core.cache import cache

    from ronghe.timeline.models import Notification

    co = demo_company
    s = services.crm_settings(co)
    s.webform_team = services.team_of(users["wangfang"], co)
    s.webform_limit = 2
    s.save()
    cache.clear()
    url = f"/crm/webform/{s.webform_key}/"
    r = client.post(
        url,
        {
            "company_name": "网站来的公司",
            "contact_name": "访客甲",
            "phone": "13500001111",
            "message": "想了解报价",
        },
    )
    assert r.status_code == 200 and "谢谢" in r.content.decode()
    lead = Lead.objects.get(company=co, company_name="网站来的公司")
    assert (lead.source, lead.owner, lead.note) == ("web", None, "想了解报价")
    assert Notification.objects.filter(user=s.webform_team.leader, title__contains="网站来的公司").exists()
    robot = client.post(url, {"contact_name": "机器人", "website": "http://spam.example"})
    assert robot.status_code == 429 and not Lead.objects.filter(contact_name="机器人").exists()
    client.post(url, {"contact_name": "访客乙"})
    flood = client.post(url, {"contact_name": "访客丙"})
    assert flood.status_code == 429 and not Lead.objects.filter(contact_name="访客丙").exists()
    assert client.post("/crm/webform/nope/", {"contact_name": "x"}).status_code == 400
    client.force_login(users["lina"])
    assert s.webform_key in client.get("/crm/webform/").content.decode()


def test_new_partner_form_shows_duplicates_first(demo_company, users, client):
    co = demo_company
    existing = Partner.objects.filter(company=co, is_customer=True, parent=None).exclude(owner=None).first()
    client.force_login(users["wangfang"])
    base = {
        "kind": "organisation",
        "name": f"{existing.name}（北京）",
        "is_customer": "on",
        "currency": "CNY",
        "credit_limit": "0",
    }
    r = client.post("/partners/new/?role=customer", base)
    page = r.content.decode()
    assert r.status_code == 422 and existing.code in page and str(existing.owner) in page
    assert not Partner.objects.filter(company=co, name=base["name"]).exists()
    r = client.post("/partners/new/?role=customer", {**base, "ignore_duplicates": "on"})
    assert r.status_code == 302 and Partner.objects.filter(company=co, name=base["name"]).exists()


def test_due_follow_ups_on_the_home_page_and_overdue_notified(demo_company, users, client):
    import datetime

    from django.utils import timezone

    from ronghe.crm.dashboard import notify_overdue
    from ronghe.timeline.models import Activity, Notification

    co = demo_company
    wf = users["wangfang"]
    customer = Partner.objects.filter(company=co, owner=wf, is_customer=True, parent=None).first()
    f = services.followup_log(actor=wf, partner=customer, note="回访", next_date=timezone.localdate())
    client.force_login(wf)
    home = client.get("/").content.decode()
    assert "待跟进" in home and f"跟进 {customer.name}" in home
    Activity.objects.filter(pk=f.next_activity_id).update(
        due_date=timezone.localdate() - datetime.timedelta(days=2)
    )
    assert notify_overdue() >= 1
    assert Notification.objects.filter(user=wf, title__contains="跟进已逾期").exists()


def test_a_manager_merges_a_duplicate_from_the_partner_page(demo_company, users, client):
    co = demo_company
    wf = users["wangfang"]
    keep = Partner.objects.filter(company=co, owner=wf, is_customer=True, parent=None).first()
    from ronghe.partners.services import partner_save

    dup = partner_save(
        company=co, actor=wf, data={"name": keep.name + "（上海）", "is_customer": True, "owner": wf}
    )
    client.force_login(wf)  # a salesperson may not merge
    assert "合并到本往来单位" not in client.get(keep.get_absolute_url()).content.decode()
    client.force_login(users["lina"])
    page = client.get(keep.get_absolute_url()).content.decode()
    assert "合并到本往来单位" in page and dup.code in page
    r = client.post(f"/partners/{keep.pk}/merge/", {"loser": dup.pk})
    assert r.status_code == 302
    dup.refresh_from_db()
    assert not dup.active


def test_excel_import_previews_rows_then_imports(demo_company, users, client):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    co = demo_company
    existing = Partner.objects.filter(company=co, is_customer=True, parent=None).exclude(owner=None).first()
    wb = Workbook()
    ws = wb.active
    ws.append(["公司名称", "联系人", "电话", "邮箱"])
    ws.append(["导入新客户甲有限公司", "甲", "13600000001", "a@jia.cn"])
    ws.append([existing.name, "乙", "", ""])  # already a customer
    ws.append(["导入新客户甲（北京）", "丙", "", ""])  # the same as row 2
    ws.append(["", "", "13600000009", "not-an-email"])  # nothing to call it by
    buf = BytesIO()
    wb.save(buf)
    client.force_login(users["wangfang"])
    r = client.post("/crm/leads/import/", {"file": SimpleUploadedFile("leads.xlsx", buf.getvalue())})
    page = r.content.decode()
    assert r.status_code == 200 and "可能重复" in page and "本文件第 2 行" in page
    rows_field = page.split('name="rows" value="')[1].split('"')[0]
    r = client.post("/crm/leads/import/", {"rows": rows_field})
    assert r.status_code == 302
    assert list(Lead.objects.filter(company=co, source="import").values_list("company_name", flat=True)) == [
        "导入新客户甲有限公司"
    ]
    r = client.post("/crm/leads/import/", {"rows": rows_field + "x"})  # tampered
    assert r.status_code == 302 and Lead.objects.filter(company=co, source="import").count() == 1


def test_reports_show_funnel_sources_win_rate_and_activity_with_excel(demo_company, users, client):
    from io import BytesIO

    from openpyxl import load_workbook

    co = demo_company
    wf = users["wangfang"]
    customer = Partner.objects.filter(company=co, owner=wf, is_customer=True, parent=None).first()
    won = services.opportunity_create(
        company=co, actor=wf, data={"name": "报表赢单", "partner": customer, "expected_amount": "1000"}
    )
    services.opportunity_win(opportunity=won, actor=wf)
    lost = services.opportunity_create(company=co, actor=wf, data={"name": "报表输单", "partner": customer})
    services.opportunity_lose(opportunity=lost, actor=wf, reason="价格")
    services.followup_log(actor=wf, partner=customer, note="报表跟进")
    from ronghe.crm import reports

    rates = {r["salesperson"]: r for r in reports.win_rate_by_salesperson(user=wf, company=co)}
    mine = rates[str(wf)]
    assert mine["won"] >= 1 and mine["lost"] >= 1 and 0 < mine["rate"] < 100
    activity = reports.followups_per_week(user=wf, company=co)
    assert sum(r["total"] for r in activity["rows"]) >= 1
    client.force_login(wf)
    page = client.get("/crm/reports/").content.decode()
    assert "销售漏斗" in page or "按阶段" in page
    assert "rh-chart" in page and "转化" in page
    r = client.get("/crm/reports/?table=winrate&export=xlsx")
    ws = load_workbook(BytesIO(r.content)).active
    names = [row[0] for row in ws.iter_rows(values_only=True)]
    assert str(wf) in names


def test_customer_page_lists_the_approvals_of_its_orders(demo_company, users, client):
    from ronghe.products.models import Product
    from ronghe.sales import services as sales
    from ronghe.workflow.models import ApprovalRequest

    co = demo_company
    wf = users["wangfang"]
    customer = Partner.objects.filter(company=co, owner=wf, is_customer=True, parent=None).first()
    product = Product.objects.filter(company=co, type="goods").first()
    order = sales.order_create(
        company=co,
        actor=wf,
        partner=customer,
        lines=[{"product": product, "quantity": 1, "discount_percent": "30"}],
    )
    sales.order_confirm(order=order, actor=wf)  # the discount goes to approval
    req = ApprovalRequest.objects.filter(company=co, target_id=order.pk).latest("pk")
    client.force_login(wf)
    page = client.get(customer.get_absolute_url()).content.decode()
    assert req.number in page and "审批" in page
    client.force_login(users["liuyang"])  # not his customer: no page at all
    assert client.get(customer.get_absolute_url()).status_code == 404


def test_quotation_from_the_opportunity_page_wins_it_when_confirmed(demo_company, users, client):
    import json

    from django.utils import timezone

    from ronghe.inventory.selectors import available_by_product
    from ronghe.products.models import Product
    from ronghe.sales.models import SalesOrder

    co = demo_company
    wf = users["wangfang"]
    customer = Partner.objects.filter(company=co, owner=wf, is_customer=True, parent=None).first()
    opp = services.opportunity_create(
        company=co, actor=wf, data={"name": "表单报价商机", "partner": customer}
    )
    available = available_by_product(company=co)
    product = next(
        p
        for p in Product.objects.filter(company=co, type="goods", tracking="none")
        if available.get(p.pk, 0) >= 1
    )
    client.force_login(wf)
    page = client.get(f"/crm/opportunities/{opp.pk}/quote/").content.decode()
    assert f'<option value="{customer.pk}" selected' in page
    lines = [
        {
            "product": product.pk,
            "quantity": "1",
            "unit_price": "100",
            "discount_percent": "0",
            "vat_rate": "0.13",
        }
    ]
    r = client.post(
        f"/crm/opportunities/{opp.pk}/quote/",
        {
            "partner": customer.pk,
            "date": timezone.localdate().isoformat(),
            "price_includes_tax": "1",
            "lines_json": json.dumps(lines),
            "action": "confirm",
        },
    )
    assert r.status_code == 302, r.content.decode()[:800]
    order = SalesOrder.objects.get(pk=r["Location"].rstrip("/").split("/")[-1])
    opp.refresh_from_db()
    assert list(opp.orders.all()) == [order] and order.state == "confirmed" and opp.state == "won"


def test_team_settings_page_edits_members_territory_and_stages(demo_company, users, client):
    from ronghe.crm.models import SalesTeam

    co, lina = demo_company, users["lina"]
    team = SalesTeam.objects.create(company=co, name="页面配置组", leader=lina, territory="西南")
    client.force_login(users["wangfang"])
    assert client.get("/crm/teams/").status_code in (403, 404)  # salespeople do not configure teams
    client.force_login(lina)
    page = client.get("/crm/teams/").content.decode()
    assert "页面配置组" in page and "西南" in page and "公司默认销售流程" in page
    form = client.get(f"/crm/teams/{team.pk}/").content.decode()
    assert "销售阶段" in form and "赢单" in form  # the company pipeline it starts from
    stages = services.stages_for(co, None)
    post = {
        "name": "页面配置组",
        "leader": lina.pk,
        "members": [users["wangfang"].pk],
        "territory": "西南、陕西省",
        "pool_days": 20,
        "claim_limit": 10,
        "stage_id": [s.pk for s in stages] + [""],
        "stage_name": [s.name for s in stages] + ["回款"],
        "stage_probability": [str(s.probability) for s in stages[:-1]] + ["100", "100"],
        "stage_won": "5",  # two won stages is refused
    }
    post["stage_won"] = ""
    r = client.post(f"/crm/teams/{team.pk}/", post)
    assert r.status_code == 422 and "赢单阶段" in r.content.decode()
    post["stage_won"] = str(len(stages) - 1)
    post["stage_name"] = [s.name for s in stages] + [""]  # an empty extra row is dropped
    r = client.post(f"/crm/teams/{team.pk}/", post)
    assert r.status_code == 302, r.content.decode()[:3000]
    team.refresh_from_db()
    assert (team.territory, team.pool_days, team.claim_limit) == ("西南、陕西省", 20, 10)
    own = services.stages_for(co, team)
    assert [s.name for s in own] == [s.name for s in stages] and own[0].team_id == team.pk


def test_lead_page_assigns_and_partner_page_lists_deliveries(demo_company, users, client):
    from ronghe.inventory.models import Transfer

    co, lina, wf = demo_company, users["lina"], users["wangfang"]
    lead = services.lead_create(
        company=co,
        actor=None,
        data={"company_name": "页面分配线索有限公司", "source": "web"},
        ignore_duplicates=True,
    )
    client.force_login(lina)
    assert "页面分配线索" in client.get("/crm/leads/").content.decode()  # waiting for an owner
    page = client.get(lead.get_absolute_url()).content.decode()
    assert "分配" in page
    assert client.post(f"/crm/leads/{lead.pk}/assign/", {"owner": wf.pk}).status_code == 302
    lead.refresh_from_db()
    assert lead.owner == wf
    t = Transfer.objects.filter(company=co, kind="delivery", partner__isnull=False).first()
    if t is None:
        pytest.skip("the demo has no delivery")
    client.force_login(users["zhangwei"])
    page = client.get(t.partner.get_absolute_url()).content.decode()
    assert "出入库" in page and t.number in page
