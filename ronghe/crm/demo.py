"""Demo CRM: the 销售部 team (李娜 leading 王芳 and 刘洋) with the default pipeline, leads in every status,
open opportunities across the stages, follow-ups, and two customers in the public pool (idempotent)."""

import datetime

from django.db import transaction
from django.utils import timezone

from ronghe.core.models import User
from ronghe.partners.models import Partner

from . import services
from .models import SalesTeam


@transaction.atomic
def load(company, stdout=None):
    if SalesTeam.objects.filter(company=company).exists():
        return company
    lina, wangfang, liuyang = (User.objects.get(username=u) for u in ("lina", "wangfang", "liuyang"))
    team = SalesTeam.objects.create(
        company=company, name="销售一部", leader=lina, territory="华东、华北", pool_days=30, claim_limit=30
    )
    team.members.add(wangfang, liuyang)
    stages = services.stages_for(company, team)
    today = timezone.localdate()
    leads = [
        (
            wangfang,
            {
                "company_name": "宁波海达精密制造有限公司",
                "contact_name": "周海",
                "phone": "13605741234",
                "source": "exhibition",
                "province": "浙江省",
                "city": "宁波市",
            },
        ),
        (
            wangfang,
            {
                "company_name": "无锡恒通电气有限公司",
                "contact_name": "钱程",
                "phone": "13915101234",
                "source": "web",
                "province": "江苏省",
                "city": "无锡市",
            },
        ),
        (
            liuyang,
            {
                "company_name": "青岛蓝海冷链物流有限公司",
                "contact_name": "孙蓝",
                "email": "sun.lan@lanhai.cn",
                "source": "referral",
                "province": "山东省",
                "city": "青岛市",
            },
        ),
        (
            liuyang,
            {
                "company_name": "合肥智联仪表有限公司",
                "contact_name": "吴越",
                "phone": "13805511234",
                "source": "manual",
                "province": "安徽省",
                "city": "合肥市",
            },
        ),
    ]
    made = []
    for owner, data in leads:
        made.append(
            services.lead_create(
                company=company, actor=owner, data={**data, "owner": owner}, ignore_duplicates=True
            )
        )
    services.webform_submit(  # a web lead from 苏州 waiting for the 华东 team to take it
        key=services.crm_settings(company).webform_key,
        data={
            "company_name": "苏州工业园区启明自动化有限公司",
            "contact_name": "沈启明",
            "phone": "0512-6288 1234",
            "email": "shen@qiming-auto.cn",
            "province": "江苏省",
            "city": "苏州市",
            "message": "想了解工控机批量采购价格",
        },
        ip="demo",
    )
    services.followup_log(actor=wangfang, lead=made[0], note="展会上交换名片，对工控机感兴趣", kind="meeting")
    services.lead_set_status(lead=made[3], actor=liuyang, action="disqualify", reason="预算不足，明年再联系")
    services.lead_convert(
        lead=made[1], actor=wangfang, expected_amount="86000", close_date=today + datetime.timedelta(days=20)
    )
    customers = list(
        Partner.objects.filter(
            company=company, is_customer=True, parent=None, owner__in=[wangfang, liuyang]
        ).order_by("pk")[:6]
    )
    for i, customer in enumerate(customers):
        opp = services.opportunity_create(
            company=company,
            actor=customer.owner,
            data={
                "name": f"{customer.short_name or customer.name[:6]}年度采购",
                "partner": customer,
                "expected_amount": str(30000 + 15000 * i),
                "close_date": today + datetime.timedelta(days=10 * (i + 1)),
            },
        )
        if i % 4:
            services.opportunity_move(opportunity=opp, actor=customer.owner, stage=stages[i % 4])
        services.followup_log(
            actor=customer.owner,
            partner=customer,
            opportunity=opp,
            note="电话沟通采购计划，客户关注交期",
            kind="call",
            next_date=today + datetime.timedelta(days=i - 1) if i else today,
        )
    others = list(
        Partner.objects.filter(company=company, is_customer=True, parent=None, opportunities__isnull=True)
        .exclude(pk__in=[c.pk for c in customers])
        .order_by("-pk")[:2]
    )
    for p in others:
        if p.owner_id:
            services.pool_release(partner=p, actor=lina, note="演示：公海客户")
    return company
