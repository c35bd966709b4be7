"""Demo mail: a note from the general manager to 销售部, a thread between 李娜 and 王芳 filed on a customer,
a draft, and the aliases sales@ (new CRM lead) and hr@ (to 吴霞) — idempotent."""

from django.conf import settings
from django.db import transaction

from ronghe.core.models import User
from ronghe.org.models import Department

from . import services
from .models import Mail, MailAlias


@transaction.atomic
def load(company, stdout=None):
    if Mail.objects.filter(company=company).exists():
        return company
    u = {
        x.username: x
        for x in User.objects.filter(username__in=["zhangwei", "lina", "wangfang", "wuxia", "sunli"])
    }
    sales = Department.objects.filter(company=company, code="SALES").first()
    if sales is not None:
        services.mail_send(
            company=company,
            actor=u["zhangwei"],
            data={
                "subject": "关于年底冲刺的安排",
                "body": "<p>各位：</p><p>距离年底还有一个月，请各组在<b>本周五</b>前提交重点客户跟进计划，"
                "并在 CRM 中更新商机阶段。</p><p>张伟</p>",
                "to": [f"dept:{sales.pk}"],
                "cc": [f"user:{u['sunli'].pk}"],
            },
        )
    from django.apps import apps

    Partner = apps.get_model("partners", "Partner")  # demo data only: messaging does not import partners
    customer = Partner.objects.filter(
        company=company, is_customer=True, parent=None, owner=u["wangfang"]
    ).first()
    first = services.mail_send(
        company=company,
        actor=u["lina"],
        data={
            "subject": "天丰的年度框架协议",
            "body": "<p>王芳，天丰的框架协议草稿法务已看过，请约客户下周面谈。</p>",
            "to": [f"user:{u['wangfang'].pk}"],
            "record": customer,
        },
    )
    services.mail_send(
        company=company,
        actor=u["wangfang"],
        data={**services.reply_data(first, u["wangfang"]), "body": "<p>好的，已约周二上午拜访。</p>"},
    )
    services.mail_save_draft(
        company=company,
        actor=u["lina"],
        data={
            "subject": "十二月销售目标（草稿）",
            "body": "<p>待定</p>",
            "to": [f"dept:{sales.pk}"] if sales else [],
        },
    )
    services.announcement_publish(
        company=company,
        actor=u["zhangwei"],
        data={
            "title": "关于元旦放假安排的通知",
            "body": "<p>根据国务院办公厅通知，2027 年元旦放假 1 天（1 月 1 日），请各部门提前安排好工作。</p>",
            "pinned": True,
            "requires_ack": True,
        },
    )
    services.announcement_publish(
        company=company,
        actor=u["wuxia"],
        data={
            "title": "年度体检预约已开放",
            "body": "<p>请在 12 月 20 日前通过 HR 预约体检时间。</p>",
        },
    )
    domain = settings.RONGHE_MAIL_DOMAIN or "example.cn"
    alias, _created = MailAlias.objects.get_or_create(
        address=f"sales@{domain}", defaults={"company": company, "handler": "crm.lead"}
    )
    alias.owners.add(u["lina"])
    alias, _created = MailAlias.objects.get_or_create(address=f"hr@{domain}", defaults={"company": company})
    alias.owners.add(u["wuxia"])
    return company
