"""Demo sales: the discount/credit approval flow (the sales manager decides), quotations, an order waiting
for approval, one confirmed and waiting for the warehouse, one delivered and invoiced (idempotent)."""

from django.db import transaction

from ronghe.core.models import User
from ronghe.inventory.selectors import available_by_product
from ronghe.inventory.services import transfer_validate
from ronghe.partners.models import Partner
from ronghe.products.models import Product

from . import services
from .models import SalesOrder


@transaction.atomic
def load(company, stdout=None):
    if SalesOrder.objects.filter(company=company).exists():
        return company
    from ronghe.workflow.services import flow_save

    seller, other, keeper, accountant = (
        User.objects.get(username=u) for u in ("wangfang", "liuyang", "zhaolei", "sunli")
    )
    flow_save(
        company=company,
        actor=seller,
        approvable_type="sales.order",
        name="销售折扣与信用审批",
        spec={
            "branches": [
                {
                    "name": "默认",
                    "conditions": [],
                    "nodes": [
                        {
                            "key": "mgr",
                            "name": "销售经理审批",
                            "kind": "approve",
                            "mode": "sequential",
                            "approvers": {"rule": "role", "role": "sales_manager"},
                        }
                    ],
                }
            ]
        },
    )
    available = available_by_product(company=company)
    products = [
        p
        for p in Product.objects.filter(company=company, type="goods", tracking="none").order_by("code")
        if available.get(p.pk, 0) >= 10
    ][:3]
    customers = list(
        Partner.objects.filter(company=company, is_customer=True, parent=None).order_by("code")[:3]
    )
    if len(products) < 2 or not customers:
        return company
    c0, c1, c2 = (customers * 3)[:3]
    services.order_create(
        company=company, actor=seller, partner=c0, lines=[{"product": products[0], "quantity": 5}]
    )
    services.order_send(
        order=services.order_create(
            company=company,
            actor=other,
            partner=c1,
            salesperson=other,
            lines=[{"product": products[1], "quantity": 3}],
        ),
        actor=other,
    )
    services.order_confirm(
        order=services.order_create(  # 18 % discount: waits for the sales manager
            company=company,
            actor=seller,
            partner=c2,
            lines=[{"product": products[0], "quantity": 4, "discount_percent": "18"}],
        ),
        actor=seller,
    )
    services.order_confirm(
        order=services.order_create(
            company=company, actor=seller, partner=c1, lines=[{"product": products[1], "quantity": 2}]
        ),
        actor=seller,
    )
    done = services.order_confirm(
        order=services.order_create(
            company=company, actor=seller, partner=c0, lines=[{"product": products[-1], "quantity": 3}]
        ),
        actor=seller,
    )
    if done.state == "confirmed":
        transfer_validate(transfer=services.deliveries(done).get(), actor=keeper)
        services.order_invoice(orders=[done], actor=accountant, post=True)
    return company
