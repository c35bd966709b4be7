import json
from decimal import Decimal

import pytest

from ronghe.core.errors import ValidationFailed
from ronghe.core.models import AuditEntry, Unit
from ronghe.core.services import api_token_create
from ronghe.products.models import Product
from ronghe.products.services import product_save

pytestmark = pytest.mark.django_db


def base(**kw):
    return {
        "code": "T-001",
        "name": "测试商品",
        "uom": Unit.objects.get(code="pcs"),
        "sale_price": Decimal("10"),
        "vat_rate": Decimal("0.13"),
        **kw,
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "EL0001"}, "code"),
        ({"sale_price": Decimal("-1")}, "sale_price"),
        ({"cost": Decimal("-0.01")}, "cost"),
        ({"vat_rate": Decimal("0.17")}, "vat_rate"),
        ({"type": "service", "tracking": "serial"}, "tracking"),
    ],
)
def test_bad_product_refused_on_the_field_and_nothing_written(demo_company, users, changes, field):
    before = (Product.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationFailed) as exc:
        product_save(company=demo_company, actor=users["chenjing"], data=base(**changes))
    assert field in exc.value.fields
    assert (Product.objects.count(), AuditEntry.objects.count()) == before


def test_sale_unit_must_share_the_category(demo_company, users):
    with pytest.raises(ValidationFailed) as exc:
        product_save(
            company=demo_company, actor=users["chenjing"], data=base(sale_uom=Unit.objects.get(code="kg"))
        )
    assert "sale_uom" in exc.value.fields
    p = product_save(
        company=demo_company, actor=users["chenjing"], data=base(sale_uom=Unit.objects.get(code="box"))
    )
    assert p.sale_uom.code == "box" and p.created_by == users["chenjing"]


def test_duplicate_barcode_refused(demo_company, users):
    existing = Product.objects.filter(company=demo_company).exclude(barcode="").first()
    with pytest.raises(ValidationFailed) as exc:
        product_save(company=demo_company, actor=users["chenjing"], data=base(barcode=existing.barcode))
    assert "barcode" in exc.value.fields


def test_api_unknown_unit_and_duplicate_code(client, users):
    _t, secret = api_token_create(user=users["chenjing"], name="t")
    h = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    r = client.post(
        "/api/v1/products/products",
        data=json.dumps({"code": "X1", "name": "某物", "uom": "furlong"}),
        content_type="application/json",
        **h,
    )
    assert r.status_code == 422 and "uom" in r.json()["fields"]
    r = client.post(
        "/api/v1/products/products",
        data=json.dumps({"code": "EL0001", "name": "重复", "uom": "pcs"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
        **h,
    )
    assert r.status_code == 422 and r.json()["fields"]["code"] == ["该商品编码已存在。"]
    r = client.post(
        "/api/v1/products/products",
        data=json.dumps(
            {"code": "NEW-1", "name": "新品", "uom": "box", "sale_price": "12.5", "vat_rate": "0.09"}
        ),
        content_type="application/json",
        **h,
    )
    assert r.status_code == 201 and r.json()["uom"] == "box"


def test_salesperson_cannot_create_products(client, users):
    _t, secret = api_token_create(user=users["wangfang"], name="t")
    r = client.post(
        "/api/v1/products/products",
        data=json.dumps({"code": "NOPE", "name": "x", "uom": "pcs"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert r.status_code == 403 and r.json()["code"] == "core.permission_denied"
