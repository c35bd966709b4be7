"""Product endpoints: /api/v1/products/..."""

from decimal import Decimal

from ninja import Field, Router, Schema, Status

from ronghe.core.apikit import page_of, paginate, require_company, resolve
from ronghe.core.models import Unit
from ronghe.core.scoping import require_perm

from . import selectors, services
from .models import Product, ProductType, Tracking

router = Router(tags=["products"])


class ProductOut(Schema):
    id: int
    code: str
    name: str
    spec: str
    category_id: int | None
    type: str
    uom: str
    sale_uom: str | None
    purchase_uom: str | None
    barcode: str
    sale_price: Decimal
    cost: Decimal
    vat_rate: Decimal
    tracking: str
    active: bool

    @staticmethod
    def resolve_uom(obj: Product):
        return obj.uom.code

    @staticmethod
    def resolve_sale_uom(obj: Product):
        return obj.sale_uom.code if obj.sale_uom_id else None

    @staticmethod
    def resolve_purchase_uom(obj: Product):
        return obj.purchase_uom.code if obj.purchase_uom_id else None


class ProductIn(Schema):
    code: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=150)
    spec: str = ""
    category_id: int | None = None
    type: ProductType = ProductType.GOODS
    uom: str = Field(..., description="unit code, e.g. pcs, kg, box")
    sale_uom: str | None = None
    purchase_uom: str | None = None
    barcode: str = ""
    sale_price: Decimal = Decimal("0")
    cost: Decimal = Decimal("0")
    vat_rate: Decimal = Decimal("0.13")
    tracking: Tracking = Tracking.NONE
    description: str = ""


class ProductPatch(Schema):
    name: str | None = None
    spec: str | None = None
    category_id: int | None = None
    uom: str | None = None
    sale_uom: str | None = None
    purchase_uom: str | None = None
    barcode: str | None = None
    sale_price: Decimal | None = None
    cost: Decimal | None = None
    vat_rate: Decimal | None = None
    tracking: Tracking | None = None
    description: str | None = None


def _unit(code, field):
    if code is None:
        return None
    unit = Unit.objects.filter(code=code, active=True).first()
    if unit is None:
        from django.utils.translation import gettext as _

        from ronghe.core.errors import ValidationFailed

        raise ValidationFailed(fields={field: [_("Unknown unit: %(value)s.") % {"value": code}]})
    return unit


def _data(request, payload: dict) -> dict:
    data = {k: v for k, v in payload.items() if k not in {"category_id", "uom", "sale_uom", "purchase_uom"}}
    for f in ("uom", "sale_uom", "purchase_uom"):
        if f in payload:
            data[f] = _unit(payload[f], f)
    if "category_id" in payload:
        data["category"] = resolve(
            selectors.product_category_list(company=request.company), payload["category_id"], "category_id"
        )
    return data


@router.get("/products", response=page_of(ProductOut))
def product_list(
    request,
    q: str = "",
    category: int | None = None,
    type: str = "",
    active: bool = True,
    page: int = 1,
    limit: int = 50,
):
    qs = selectors.product_list(
        user=request.user, company=require_company(request), q=q, category=category, type=type, active=active
    ).order_by("code", "id")
    return paginate(qs, page=page, limit=limit)


@router.get("/products/{product_id}", response=ProductOut)
def product_get(request, product_id: int):
    return selectors.product_get_for_user(pk=product_id, user=request.user, company=require_company(request))


@router.post("/products", response={201: ProductOut})
def product_create(request, payload: ProductIn):
    company = require_company(request)
    require_perm(request.user, company, "products.add_product")
    return Status(
        201, services.product_save(company=company, actor=request.user, data=_data(request, payload.dict()))
    )


@router.patch("/products/{product_id}", response=ProductOut)
def product_update(request, product_id: int, payload: ProductPatch):
    company = require_company(request)
    require_perm(request.user, company, "products.change_product")
    product = selectors.product_get_for_user(pk=product_id, user=request.user, company=company)
    return services.product_save(
        company=company,
        actor=request.user,
        product=product,
        data=_data(request, payload.dict(exclude_unset=True)),
    )
