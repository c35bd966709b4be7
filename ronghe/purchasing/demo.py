"""Demo purchasing: approval flows (orders above 50,000 and three-way-match exceptions go to the general
manager), an order waiting for approval, one partly received, one received and billed (idempotent)."""

from decimal import Decimal

from django.db import transaction

from ronghe.core.models import User
from ronghe.inventory.models import Warehouse
from ronghe.inventory.services import transfer_validate
from ronghe.partners.models import Partner
from ronghe.products.models import Product

from . import services
from .models import PurchaseOrder, SupplierPrice

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
    if not PurchaseOrder.objects.filter(company=company).exists():
        _orders(company)
    _prices(company)
    return company


def _prices(company) -> None:
    """Price lists of the two demo suppliers for the first goods: a quantity break at 100, lead times 7 and
    12 days; the second supplier is a little cheaper in quantity but slower."""
    if SupplierPrice.objects.filter(company=company).exists():
        return
    buyer = User.objects.get(username="chenjing")
    suppliers = list(
        Partner.objects.filter(company=company, is_supplier=True, parent=None).order_by("code")[:2]
    )
    products = list(Product.objects.filter(company=company, type="goods").order_by("code")[:6])
    for i, product in enumerate(products):
        base = (product.cost * Decimal("1.13")).quantize(Decimal("0.01"))  # the cost excludes VAT
        for n, supplier in enumerate(suppliers):
            for min_qty, factor in (
                (Decimal(1), Decimal(1)),
                (Decimal(100), Decimal("0.96") - n * Decimal("0.02")),
            ):
                services.supplier_price_save(
                    company=company,
                    actor=buyer,
                    data={
                        "partner": supplier,
                        "product": product,
                        "price": (base * factor).quantize(Decimal("0.01")),
                        "min_quantity": min_qty,
                        "lead_days": 7 if n == 0 else 12,
                        "supplier_code": f"{supplier.code}-{i + 1:03d}",
                    },
                )


def _orders(company) -> None:
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
        return
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
