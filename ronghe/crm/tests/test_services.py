"""CRM through the services: 查重, lead conversion, merge across modules, the public pool (return, claim,
limit), ownership transfer, the opportunity won by its confirmed quotation, and what each role sees."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ronghe.core.registry import integrity_checks
from ronghe.crm import selectors, services
from ronghe.crm.errors import ClaimLimitReached, DuplicatesFound
from ronghe.crm.models import CustomerProfile, FollowUp, Opportunity, OwnershipChange, SalesTeam
from ronghe.inventory.tests.test_services import product
from ronghe.partners.models import Partner
from ronghe.partners.services import partner_merge, partner_save
from ronghe.timeline.models import Message, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def crm(demo_company, users):
    co = demo_company
    team = services.team_of(users["wangfang"], co)  # the demo's 销售一部
    if team is None:
        team = SalesTeam.objects.create(company=co, name="华东销售组", leader=users["lina"])
        team.members.add(users["wangfang"], users["liuyang"])
    team.pool_days, team.claim_limit = 30, 50
    team.save()
    return co, team


def new_customer(co, actor, name, **extra):
    return partner_save(
        company=co, actor=actor, data={"name": name, "is_customer": True, "owner": actor, **extra}
    )


def test_duplicate_check_meets_chinese_spellings(crm, users):
    co, _team = crm
    wf = users["wangfang"]
    person = services.lead_create(  # the demo data may hold a 张伟 already
        company=co, actor=wf, data={"contact_name": "张伟", "phone": "138 0013 8000"}, ignore_duplicates=True
    )
    with pytest.raises(DuplicatesFound) as e:  # the same person in pinyin
        services.lead_create(company=co, actor=wf, data={"contact_name": "zhang wei"})
    assert [c.obj for c in e.value.candidates["leads"]] == [person]
    assert e.value.candidates["leads"][0].score == 100 and e.value.candidates["leads"][0].reasons
    firm = new_customer(co, users["liuyang"], "北京张伟科技")
    with pytest.raises(DuplicatesFound) as e:  # region in brackets, legal form: the same company
        services.lead_create(company=co, actor=wf, data={"company_name": "张伟科技（北京）有限公司"})
    cands = e.value.candidates["partners"]
    assert cands[0].obj == firm and cands[0].score == 100 and cands[0].obj.owner == users["liuyang"]
    with pytest.raises(DuplicatesFound) as e:  # the phone, written differently
        services.lead_create(
            company=co, actor=wf, data={"company_name": "某某公司", "phone": "+86 13800138000"}
        )
    assert person in [c.obj for c in e.value.candidates["leads"]]
    found = services.duplicates(co, name="张伟")
    assert firm in [c.obj for c in found["partners"]]  # the person's name is inside the company's
    assert services.duplicates(co, name="完全不同的名字有限公司") == {"partners": [], "leads": []}
    forced = services.lead_create(
        company=co, actor=wf, data={"contact_name": "zhang wei"}, ignore_duplicates=True
    )
    assert forced.number.startswith("XS") and forced.owner == wf


def test_convert_a_lead_into_customer_contact_and_opportunity(crm, users):
    co, team = crm
    wf = users["wangfang"]
    lead = services.lead_create(
        company=co,
        actor=wf,
        data={
            "company_name": "杭州云帆物联网有限公司",
            "contact_name": "陈晓",
            "job_title": "采购经理",
            "phone": "13912345678",
            "email": "Chen.Xiao@YunFan.cn",
            "source": "web",
            "owner": wf,
        },
    )
    assert lead.email == "chen.xiao@yunfan.cn" and lead.team == team
    services.followup_log(actor=wf, lead=lead, note="电话沟通需求", kind="call")
    lead.refresh_from_db()
    assert lead.status == "contacted"
    opp = services.lead_convert(
        lead=lead, actor=wf, expected_amount="120000", close_date=timezone.localdate()
    )
    lead.refresh_from_db()
    assert lead.status == "converted" and lead.partner == opp.partner
    customer = opp.partner
    assert customer.name == "杭州云帆物联网有限公司" and customer.is_customer and customer.owner == wf
    contact = customer.contacts.get()
    assert (contact.name, contact.job_title, contact.mobile) == ("陈晓", "采购经理", "13912345678")
    assert (
        opp.stage.name == "初步接洽" and opp.probability == D("10") and opp.expected_amount == D("120000.00")
    )
    assert FollowUp.objects.get(lead=lead).partner == customer  # the lead's history follows
    with pytest.raises(InvalidTransition):
        services.lead_convert(lead=lead, actor=wf)
    # a second lead of the same company: linked to the existing customer the duplicate check found
    again = services.lead_create(
        company=co, actor=wf, data={"company_name": "云帆物联网（杭州）"}, ignore_duplicates=True
    )
    found = services.duplicates(co, name=again.company_name)
    assert found["partners"][0].obj == customer
    opp2 = services.lead_convert(lead=again, actor=wf, partner=customer)
    assert (
        opp2.partner == customer and Partner.objects.filter(company=co, name__contains="云帆").count() == 1
    )  # + contact


def test_pipeline_move_lose_and_won_by_the_confirmed_quotation(crm, users):
    co, _team = crm
    wf = users["wangfang"]
    customer = new_customer(co, wf, "苏州精密机械有限公司")
    opp = services.opportunity_create(
        company=co, actor=wf, data={"name": "产线改造", "partner": customer, "expected_amount": "50000"}
    )
    stages = services.stages_for(co, opp.team)
    opp = services.opportunity_move(opportunity=opp, actor=wf, stage=stages[2])
    assert opp.stage == stages[2] and opp.probability == D("50") and opp.weighted_amount == D("25000.00")
    assert Message.objects.filter(object_id=opp.pk, kind="tracking").exists()  # the stage change is logged
    with pytest.raises(PermissionDenied):  # someone else's opportunity
        services.opportunity_move(opportunity=opp, actor=users["liuyang"], stage=stages[1])
    p = product(co, cost="100")
    order = services.opportunity_quote(
        opportunity=opp, actor=wf, lines=[{"product": p, "quantity": 1, "unit_price": "226"}]
    )
    assert list(opp.orders.all()) == [order]
    from ronghe.inventory.models import Transfer, Warehouse
    from ronghe.inventory.services import transfer_create, transfer_validate
    from ronghe.sales.services import order_confirm

    wh = Warehouse.objects.filter(company=co).order_by("pk").first()
    transfer_validate(
        transfer=transfer_create(
            company=co,
            actor=users["zhaolei"],
            kind=Transfer.Kind.RECEIPT,
            warehouse=wh,
            lines=[{"product": p, "quantity": 5, "price_unit": "100"}],
        ),
        actor=users["zhaolei"],
    )
    order_confirm(order=order, actor=wf)
    opp.refresh_from_db()
    assert opp.state == "won" and opp.stage.is_won and opp.probability == 100
    lost = services.opportunity_create(company=co, actor=wf, data={"name": "备件", "partner": customer})
    with pytest.raises(ValidationFailed):
        services.opportunity_lose(opportunity=lost, actor=wf, reason=" ")
    lost = services.opportunity_lose(opportunity=lost, actor=wf, reason="价格高于竞品")
    assert (lost.state, lost.lost_reason, lost.probability) == ("lost", "价格高于竞品", 0)


def test_pool_return_claim_release_and_limit(crm, users):
    co, team = crm
    wf, ly = users["wangfang"], users["liuyang"]
    old = new_customer(co, wf, "沉睡客户甲有限公司")
    fresh = new_customer(co, wf, "活跃客户乙有限公司")
    services.followup_log(actor=wf, partner=fresh, note="拜访", kind="visit", next_date=timezone.localdate())
    later = timezone.now() + datetime.timedelta(days=31)
    CustomerProfile.objects.filter(partner=fresh).update(last_followup_at=later - datetime.timedelta(days=2))
    assert services.pool_return_stale(company=co, now=later) >= 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.owner is None and fresh.owner == wf
    change = OwnershipChange.objects.filter(partner=old).first()
    assert (change.reason, change.old_owner, change.new_owner) == ("return", wf, None)
    assert Notification.objects.filter(
        user=wf, title__contains="沉睡客户甲"
    ).exists()  # the previous owner is told
    assert old in selectors.pool_list(user=ly, company=co)
    team.claim_limit = services.held_count(ly, co) + 1  # room for exactly one more
    team.save(update_fields=["claim_limit"])
    services.pool_claim(partner=old, actor=ly)
    old.refresh_from_db()
    assert old.owner == ly
    with pytest.raises(InvalidTransition):  # taken
        services.pool_claim(partner=old, actor=wf)
    services.pool_release(partner=old, actor=ly, note="不是目标客户")
    assert [c.reason for c in selectors.owner_history(old)] == ["release", "claim", "return"]
    new_customer(co, ly, "刘洋新客户有限公司")  # back at the limit
    assert services.held_count(ly, co) == team.claim_limit
    with pytest.raises(ClaimLimitReached):
        services.pool_claim(partner=old, actor=ly)


def test_ownership_transfer_when_a_salesperson_leaves(crm, users):
    co, _team = crm
    wf, ly, lina = users["wangfang"], users["liuyang"], users["lina"]
    a, b = new_customer(co, wf, "转移客户甲有限公司"), new_customer(co, wf, "转移客户乙有限公司")
    opp = services.opportunity_create(company=co, actor=wf, data={"name": "年度采购", "partner": a})
    with pytest.raises(PermissionDenied):  # a salesperson cannot hand customers around
        services.owner_transfer(partners=[a, b], actor=wf, new_owner=ly)
    assert services.owner_transfer(partners=[a, b], actor=lina, new_owner=ly, note="王芳离职") == 2
    a.refresh_from_db()
    opp.refresh_from_db()
    assert a.owner == ly and opp.owner == ly
    assert (
        OwnershipChange.objects.filter(
            partner__in=[a, b], reason="transfer", old_owner=wf, actor=lina
        ).count()
        == 2
    )
    assert Notification.objects.filter(user=wf, title__contains="转移客户甲").exists()


def test_merge_moves_every_linked_record_and_keeps_the_books(crm, users, books):
    from ronghe.accounting.invoicing import invoice_create, invoice_post
    from ronghe.accounting.models import AccountBalance, Invoice

    co, _team = crm
    wf = users["wangfang"]
    keep = new_customer(co, wf, "合并保留有限公司", tax_id="")
    dup = new_customer(co, wf, "合并保留（上海）", phone="021-55556666")
    lead = services.lead_create(
        company=co, actor=wf, data={"company_name": "别的线索"}, ignore_duplicates=True
    )
    opp = services.opportunity_create(company=co, actor=wf, data={"name": "重复客户的商机", "partner": dup})
    services.followup_log(actor=wf, partner=dup, note="重复客户的跟进")
    invoices = []
    for partner in (keep, dup):
        inv = invoice_create(
            company=co,
            actor=users["sunli"],
            kind=Invoice.Kind.SALE,
            partner=partner,
            date=timezone.localdate(),
            lines=[{"description": "服务", "quantity": 1, "unit_price": "113", "vat_rate": "0.13"}],
        )
        invoices.append(invoice_post(invoice=inv, actor=users["sunli"]))
    balances_before = sum(
        (b.debit - b.credit) for b in AccountBalance.objects.filter(company=co, partner__in=[keep, dup])
    )
    partner_merge(winner=keep, loser=dup, actor=users["lina"])
    dup.refresh_from_db()
    keep.refresh_from_db()
    assert not dup.active and keep.phone == "021-55556666"
    opp.refresh_from_db()
    assert opp.partner == keep
    assert {i.partner_id for i in Invoice.objects.filter(pk__in=[i.pk for i in invoices])} == {keep.pk}
    assert (
        FollowUp.objects.filter(partner=dup).count() == 0
        and FollowUp.objects.filter(partner=keep).count() == 1
    )
    assert not AccountBalance.objects.filter(partner=dup).exists()
    after = AccountBalance.objects.filter(company=co, partner=keep)
    assert sum((b.debit - b.credit) for b in after) == balances_before
    assert all(b.dim_key.startswith(f"p{keep.pk}") for b in after)
    assert Message.objects.filter(object_id=keep.pk, body__contains="合并保留（上海）").exists()
    problems = [p for check in integrity_checks for p in check.fn()]
    assert problems == []
    with pytest.raises(ValidationFailed):
        partner_merge(winner=keep, loser=dup, actor=users["lina"])
    assert lead.partner is None


def test_scopes_salesperson_own_and_pool_manager_team(crm, users):
    co, _team = crm
    wf, ly, lina = users["wangfang"], users["liuyang"], users["lina"]
    mine = services.lead_create(
        company=co, actor=wf, data={"company_name": "王芳的线索公司"}, ignore_duplicates=True
    )
    theirs = services.lead_create(
        company=co, actor=ly, data={"company_name": "刘洋的线索公司"}, ignore_duplicates=True
    )
    c1, c2 = new_customer(co, wf, "王芳的客户有限公司"), new_customer(co, ly, "刘洋的客户有限公司")
    o1 = services.opportunity_create(company=co, actor=wf, data={"name": "甲", "partner": c1})
    o2 = services.opportunity_create(company=co, actor=ly, data={"name": "乙", "partner": c2})
    pooled = new_customer(co, wf, "公海客户有限公司")
    services.pool_release(partner=pooled, actor=wf)
    assert set(selectors.lead_list(user=wf, company=co)) >= {mine} and theirs not in selectors.lead_list(
        user=wf, company=co
    )
    seen = set(selectors.opportunity_list(user=wf, company=co))
    assert o1 in seen and o2 not in seen and {o.owner for o in seen} == {wf}
    assert pooled in selectors.pool_list(user=wf, company=co) and pooled in selectors.pool_list(
        user=ly, company=co
    )
    team_view = set(selectors.opportunity_list(user=lina, company=co))
    assert {o1, o2} <= team_view  # the manager sees the team's
    with pytest.raises(Opportunity.DoesNotExist):
        selectors.opportunity_get_for_user(pk=o2.pk, user=wf, company=co)


def test_the_pool_rule_runs_as_a_recurring_job_once_per_interval(crm, users):
    from django.utils import timezone as tz

    from ronghe.core.scheduler import run_due
    from ronghe.core.testing import run_queued_tasks

    co, team = crm
    wf = users["wangfang"]
    sleepy = new_customer(co, wf, "定时任务客户有限公司")
    CustomerProfile.objects.filter(partner=sleepy).update(owned_since=tz.now() - datetime.timedelta(days=40))
    Partner.objects.filter(pk=sleepy.pk).update(created_at=tz.now() - datetime.timedelta(days=40))
    assert "crm.pool_return" in run_due()
    assert "crm.pool_return" not in run_due()  # not again within the hour (another worker would skip it too)
    run_queued_tasks()
    sleepy.refresh_from_db()
    assert sleepy.owner is None
    later = run_due(now=tz.now() + datetime.timedelta(hours=1, minutes=1))
    assert "crm.pool_return" in later


def test_pool_return_reads_the_latest_of_follow_up_ownership_and_creation(crm, users):
    co, team = crm
    wf, lina = users["wangfang"], users["lina"]
    later = timezone.now() + datetime.timedelta(days=31)
    moved = new_customer(co, wf, "刚转来的客户有限公司")
    services.followup_log(actor=wf, partner=moved, note="电话")
    CustomerProfile.objects.filter(partner=moved).update(last_followup_at=later - datetime.timedelta(days=60))
    services.owner_transfer(partners=[moved], actor=lina, new_owner=users["liuyang"])
    CustomerProfile.objects.filter(partner=moved).update(owned_since=later - datetime.timedelta(days=3))
    stale = new_customer(co, wf, "久未跟进客户有限公司")
    services.pool_return_stale(company=co, now=later)
    moved.refresh_from_db()
    stale.refresh_from_db()
    assert moved.owner == users["liuyang"]  # an old follow-up, but owned for 3 days only
    assert stale.owner is None
    team.pool_days = 0  # a team that never returns customers
    team.save(update_fields=["pool_days"])
    kept = new_customer(co, wf, "永不回收客户有限公司")
    services.pool_return_stale(company=co, now=later + datetime.timedelta(days=400))
    kept.refresh_from_db()
    assert kept.owner == wf


def test_territory_routes_unowned_leads_and_web_leads_to_their_team(crm, users):
    from ronghe.crm import territory

    co, team = crm
    south = SalesTeam.objects.create(company=co, name="华南组", leader=users["liuyang"], territory="华南")
    sz = SalesTeam.objects.create(company=co, name="深圳组", leader=users["lina"], territory="深圳市, 东莞")
    assert territory.place("广西壮族自治区") == "广西" and territory.place("杭州市") == "杭州"
    assert services.team_for_region(co, "广东省", "广州市") == south  # big region
    assert services.team_for_region(co, "广东省", "深圳市") == sz  # the city is more precise
    assert services.team_for_region(co, "", "东莞") == sz
    assert services.team_for_region(co, "西藏", "拉萨") is None
    imported = services.lead_create(
        company=co,
        actor=users["wangfang"],
        data={"company_name": "广州某贸易有限公司", "province": "广东", "source": "import"},
        ignore_duplicates=True,
    )
    assert imported.owner is None and imported.team == south
    settings = services.crm_settings(co)
    lead = services.webform_submit(
        key=settings.webform_key,
        data={"company_name": "深圳市华强电子有限公司", "city": "深圳", "phone": "0755-8888 1234"},
        ip="203.0.113.9",
    )
    assert lead.team == sz
    assert Notification.objects.filter(user=users["lina"], title__contains="华强电子").exists()


def test_lead_score_is_computed_until_set_by_hand(crm, users):
    co, _team = crm
    wf = users["wangfang"]
    bare = services.lead_create(company=co, actor=wf, data={"contact_name": "某人"}, ignore_duplicates=True)
    rich = services.lead_create(
        company=co,
        actor=wf,
        data={
            "company_name": "评分测试科技有限公司",
            "contact_name": "钱多多",
            "job_title": "采购经理",
            "phone": "13912345678",
            "email": "qian@score.example.cn",
            "source": "referral",
        },
        ignore_duplicates=True,
    )
    assert bare.score == 5 + 5  # entered by hand + a contact's name
    assert rich.score == 20 + 15 + 10 + 10 + 5 + 5
    services.followup_log(actor=wf, lead=rich, note="初次电话")  # contacted (+10) and one follow-up (+5)
    rich.refresh_from_db()
    assert (rich.status, rich.score) == ("contacted", 65 + 15)
    services.lead_update(lead=rich, actor=wf, data={"score": 30})
    services.followup_log(actor=wf, lead=rich, note="再次电话")
    rich.refresh_from_db()
    assert (rich.score, rich.score_manual) == (30, True)  # a hand-set score stays
    services.lead_update(lead=rich, actor=wf, data={"score": ""})
    rich.refresh_from_db()
    assert (rich.score, rich.score_manual) == (65 + 10 + 10, False)
    services.lead_set_status(lead=rich, actor=wf, action="disqualify", reason="没有预算")
    rich.refresh_from_db()
    assert rich.score == 0


def test_unowned_leads_are_assigned_by_managers_or_taken_by_their_team(crm, users):
    co, team = crm
    wf, ly, lina = users["wangfang"], users["liuyang"], users["lina"]
    lead = services.lead_create(
        company=co,
        actor=wf,
        data={"company_name": "待分配线索有限公司", "source": "web"},
        ignore_duplicates=True,
    )
    assert lead.owner is None
    with pytest.raises(PermissionDenied):  # a salesperson gives nothing to others
        services.lead_assign(lead=lead, actor=wf, owner=ly)
    lead.team = team
    lead.save(update_fields=["team"])
    services.lead_assign(lead=lead, actor=wf, owner=wf)  # takes an unowned lead of the own team
    lead.refresh_from_db()
    assert lead.owner == wf
    with pytest.raises(PermissionDenied):  # but not someone else's
        services.lead_assign(lead=lead, actor=ly, owner=ly)
    services.lead_assign(lead=lead, actor=lina, owner=ly)  # the manager reassigns
    lead.refresh_from_db()
    assert lead.owner == ly
    assert Notification.objects.filter(user=ly, title__contains="待分配线索").exists()


def test_team_pipeline_of_its_own_moves_its_opportunities_and_guards_stages(crm, users):
    co, _team = crm
    lina, wf = users["lina"], users["wangfang"]
    team = SalesTeam.objects.create(company=co, name="阶段配置组", leader=lina)
    customer = new_customer(co, wf, "阶段配置客户有限公司")
    company_stages = services.stages_for(co, None)
    opp = services.opportunity_create(
        company=co, actor=wf, data={"name": "配置测试", "partner": customer, "team": team}
    )
    opp = services.opportunity_move(opportunity=opp, actor=wf, stage=company_stages[1])
    with pytest.raises(PermissionDenied):
        services.stages_save(company=co, actor=wf, team=team, rows=[])
    rows = [
        {"id": s.pk, "name": s.name, "probability": s.probability, "is_won": s.is_won} for s in company_stages
    ]
    with pytest.raises(ValidationFailed) as e:  # no won stage
        services.stages_save(company=co, actor=lina, team=team, rows=[{**r, "is_won": False} for r in rows])
    assert "stages" in e.value.fields
    with pytest.raises(ValidationFailed) as e:
        services.stages_save(
            company=co, actor=lina, team=team, rows=[{**rows[0], "probability": "120"}, rows[-1]]
        )
    assert "stages.0.probability" in e.value.fields
    rows.insert(2, {"id": None, "name": "样品测试", "probability": "40", "is_won": False})
    own = services.stages_save(company=co, actor=lina, team=team, rows=rows)
    assert [s.name for s in own][2] == "样品测试" and all(s.team_id == team.pk for s in own)
    assert own[-1].probability == 100 and own[-1].is_won
    assert [s.pk for s in services.stages_for(co, None)] == [s.pk for s in company_stages]  # untouched
    opp.refresh_from_db()
    assert opp.stage == own[1]  # followed its team onto the copy
    with pytest.raises(ValidationFailed) as e:  # the stage still holds it
        services.stages_save(
            company=co,
            actor=lina,
            team=team,
            rows=[
                {"id": s.pk, "name": s.name, "probability": s.probability, "is_won": s.is_won}
                for s in own
                if s != own[1]
            ],
        )
    assert own[1].name in str(e.value.fields["stages"])
    services.opportunity_lose(opportunity=opp, actor=wf, reason="预算取消")
    kept = [
        {"id": s.pk, "name": s.name, "probability": s.probability, "is_won": s.is_won}
        for s in own
        if s != own[1]
    ]
    services.stages_save(company=co, actor=lina, team=team, rows=kept)
    assert own[1].pk not in [s.pk for s in services.stages_for(co, team)]
    opp.refresh_from_db()
    assert opp.stage_id == own[1].pk  # the closed opportunity keeps its (now retired) stage
    team_saved = services.team_save(
        company=co, actor=lina, team=team, data={"territory": "华东、北京市", "members": [wf]}
    )
    assert team_saved.territory == "华东、北京市" and list(team_saved.members.all()) == [wf]
