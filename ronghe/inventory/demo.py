"""Demo stock: a main warehouse and a Shenzhen one, opening receipts for the goods (idempotent)."""

from decimal import Decimal

from django.db import transaction

from ronghe.core.models import User
from ronghe.products.models import Product, ProductType, Tracking

from .models import Transfer, Warehouse
from .services import transfer_create, transfer_validate, warehouse_create


@transaction.atomic
def load(company, stdout=None):
    if Warehouse.objects.filter(company=company).exists():
        return company
    keeper = User.objects.filter(username="zhaolei").first()
    main = warehouse_create(
        company=company, actor=keeper, code="SH", name="上海总仓", address="上海市浦东新区"
    )
    warehouse_create(company=company, actor=keeper, code="SZ", name="深圳分仓", address="深圳市南山区")
    goods = list(Product.objects.filter(company=company, type=ProductType.GOODS).order_by("code"))
    lines = []
    for i, p in enumerate(goods):
        if p.tracking == Tracking.SERIAL:
            lines += [
                {"product": p, "quantity": 1, "lot": f"SN{p.code}{n:03d}", "price_unit": p.cost}
                for n in range(1, 4)
            ]
        else:
            lines.append(
                {
                    "product": p,
                    "quantity": Decimal(20 + (i * 7) % 180),
                    "price_unit": p.cost,
                    "lot": f"L2026{(i % 9) + 1:02d}" if p.tracking == Tracking.LOT else None,
                }
            )
    from ronghe.workflow.services import flow_save

    flow_save(
        company=company,
        actor=keeper,
        approvable_type="inventory.stockcount",
        name="盘点差异审批",
        spec={
            "branches": [
                {
                    "name": "默认",
                    "conditions": [],
                    "nodes": [
                        {
                            "key": "gm",
                            "name": "总经理审批",
                            "kind": "approve",
                            "mode": "sequential",
                            "approvers": {"rule": "role", "role": "general_manager"},
                        },
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
        },
    )
    receipt = transfer_create(
        company=company,
        actor=keeper,
        kind=Transfer.Kind.RECEIPT,
        warehouse=main,
        lines=lines,
        origin="期初入库",
    )
    transfer_validate(transfer=receipt, actor=keeper)
    return company
