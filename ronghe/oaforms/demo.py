"""Demo: the shipped forms and flows, and requests waiting in several inboxes (idempotent)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ronghe.core.models import User
from ronghe.products.models import Product

from .models import FormRequest
from .services import form_request_create_and_submit
from .setup import install_default_templates


def _next_workday(days_ahead: int):
    d = timezone.localdate() + timedelta(days=days_ahead)
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


@transaction.atomic
def load(company, stdout=None):
    templates = {t.code: t for t in install_default_templates(company)}
    if FormRequest.objects.filter(company=company).exists():
        return company
    u = {x.username: x for x in User.objects.filter(memberships__company=company)}
    start = _next_workday(7)
    products = list(Product.objects.filter(company=company, type="goods").order_by("code")[:3])

    def submit(who, code, raw, chosen=None):
        return form_request_create_and_submit(
            company=company, actor=u[who], template=templates[code], raw=raw, chosen=chosen
        )

    # waiting for 李娜 (head of 销售部)
    submit(
        "wangfang",
        "leave",
        {
            "leave_type": "annual",
            "reason": "春节前回老家探亲",
            "period": {
                "start": start.isoformat(),
                "start_half": "am",
                "end": (start + timedelta(days=4)).isoformat(),
                "end_half": "pm",
            },
        },
    )
    submit(
        "liuyang",
        "expense",
        {
            "reason": "拜访成都客户差旅费",
            "items": [
                {
                    "category": "travel",
                    "date": (start - timedelta(days=20)).isoformat(),
                    "invoice_no": "24512000000012345678",
                    "amount": "1280.00",
                },
                {
                    "category": "hotel",
                    "date": (start - timedelta(days=19)).isoformat(),
                    "invoice_no": "24512000000012345679",
                    "amount": "860.00",
                },
                {"category": "meal", "date": (start - timedelta(days=19)).isoformat(), "amount": "236.50"},
            ],
        },
    )
    # waiting for 张伟 (general manager)
    submit(
        "lina",
        "trip",
        {
            "destination": "深圳",
            "transport": "plane",
            "budget": "6000",
            "purpose": "参加华南区经销商大会",
            "period": {
                "start": start.isoformat(),
                "start_half": "am",
                "end": (start + timedelta(days=2)).isoformat(),
                "end_half": "pm",
            },
        },
    )
    if products:
        submit(
            "chenjing",
            "purchase_request",
            {
                "needed_by": (start + timedelta(days=10)).isoformat(),
                "reason": "库存低于安全库存，补货",
                "items": [
                    {"product": p.pk, "quantity": "20", "price": str(p.cost), "amount": str(p.cost * 20)}
                    for p in products
                ],
            },
        )
    # waiting for 孙丽 (head of 财务部)
    submit(
        "zhoumin",
        "seal",
        {"seal_type": "finance", "document": "银行开户资料", "copies": "2", "purpose": "开立基本户"},
    )
    # a general request with approvers chosen by the initiator
    submit(
        "zhaolei",
        "general",
        {"subject": "仓库货架维修", "content": "二号库货架立柱变形，需要更换", "amount": "3500"},
        chosen={"pick": [u["zhangwei"].pk]},
    )
    return company
