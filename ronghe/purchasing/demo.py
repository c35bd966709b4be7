"""Demo purchasing: approval flows (orders above 50,000 and three-way-match exceptions go to the general
manager), an order waiting for approval, one partly received, one received and billed (idempotent)."""

from django.db import transaction

from ronghe.core.models import User
from ronghe.inventory.models import Warehouse
from ronghe.inventory.services import transfer_validate
from ronghe.partners.models import Partner
from ronghe.products.models import Product

from . import services
from .models import PurchaseOrder

GM = {"rule": "role", "role": "general_manager"}


def _spec(name):
    return {
        "branches": [
            {
                "name": "默认",
                "conditions": [],
                "nodes": [
                    {"key": "gm", "name": name, "kind": "approve", "mode": "sequential", "approvers": GM},
                    {
                        "key": "acc",
                        "name": "财务备案",
                        "kind": "cc",
                        "mode": "sequential",
                        "approvers": {"rule": "role", "role": "accountant"},
                    },
                ],
            }
        ]
    }


@transaction.atomic
def load(company, stdout=None):
    if PurchaseOrder.objects.filter(company=company).exists():
        return company
    from ronghe.workflow.services import flow_save

    buyer, keeper, accountant = (User.objects.get(username=u) for u in ("chenjing", "zhaolei", "sunli"))
    flow_save(
        company=company,
        actor=buyer,
        approvable_type="purchasing.order",
        name="采购订单审批",
        spec=_spec("总经理审批"),
    )
    flow_save(
        company=company,
        actor=buyer,
        approvable_type="purchasing.billmatch",
        name="采购发票差异审批",
        spec=_spec("总经理审批差异"),
    )
    suppliers = list(
        Partner.objects.filter(company=company, is_supplier=True, parent=None).order_by("code")[:2]
    )
    products = list(
        Product.objects.filter(company=company, type="goods", tracking="none").order_by("code")[:3]
    )
    wh = Warehouse.objects.filter(company=company).order_by("pk").first()
    if not suppliers or not products or wh is None:
        return company
    s0, s1 = suppliers[0], suppliers[-1]
    # above 50,000: waits for the general manager
    services.order_confirm(
        order=services.order_create(
            company=company,
            actor=buyer,
            partner=s0,
            warehouse=wh,
            lines=[{"product": products[0], "quantity": 500}],
        ),
        actor=buyer,
    )
    partly = services.order_confirm(
        order=services.order_create(
            company=company,
            actor=buyer,
            partner=s1,
            warehouse=wh,
            lines=[{"product": products[1], "quantity": 20}, {"product": products[2], "quantity": 10}],
        ),
        actor=buyer,
    )
    receipt = services.receipts(partly).first()
    if receipt is not None:
        moves = list(receipt.moves.order_by("pk"))
        transfer_validate(transfer=receipt, actor=keeper, quantities={moves[0].pk: 12})
    done = services.order_confirm(
        order=services.order_create(
            company=company,
            actor=buyer,
            partner=s0,
            warehouse=wh,
            lines=[{"product": products[2], "quantity": 8}],
        ),
        actor=buyer,
    )
    receipt = services.receipts(done).first()
    if receipt is not None:
        transfer_validate(transfer=receipt, actor=keeper)
        services.bill_post(invoice=services.order_bill(orders=[done], actor=accountant), actor=accountant)
    return company
