"""Inventory through the API and the pages."""

import json
from decimal import Decimal as D

import pytest

from ronghe.core.services import api_token_create
from ronghe.inventory.models import Transfer, Warehouse
from ronghe.inventory.tests.test_services import product

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, users):
    def call(user, method, url, data=None):
        _t, secret = api_token_create(user=users[user], name="t")
        kw = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        if data is not None:
            kw.update(data=json.dumps(data, default=str), content_type="application/json")
        return getattr(client, method)(f"/api/v1/inventory{url}", **kw)

    return call


def test_receive_deliver_and_read_stock_over_the_api(api, demo_company):
    p = product(demo_company)
    wh = Warehouse.objects.get(company=demo_company, code="SH")
    r = api(
        "zhaolei",
        "post",
        "/transfers",
        {
            "kind": "receipt",
            "warehouse_id": wh.pk,
            "validate_now": True,
            "lines": [{"product_id": p.pk, "quantity": "12", "price_unit": "3.50"}],
        },
    )
    assert r.status_code == 201 and r.json()["state"] == "done"
    r = api(
        "zhaolei",
        "post",
        "/transfers",
        {"kind": "delivery", "warehouse_id": wh.pk, "lines": [{"product_id": p.pk, "quantity": "5"}]},
    )
    t = r.json()
    assert t["state"] == "reserved" and t["moves"][0]["reserved_qty"] == "5.0000"
    r = api("zhaolei", "post", f"/transfers/{t['id']}/validate", {"quantities": {t["moves"][0]["id"]: "2"}})
    assert r.json()["state"] == "done"
    stock = api("zhaolei", "get", f"/stock/{p.pk}").json()
    assert D(stock["on_hand"]) == 10 and D(stock["reserved"]) == 3 and D(stock["value"]) == D("35.00")
    rows = api("sunli", "get", "/summary?date_from=2000-01-01&date_to=2100-01-01").json()
    row = next(x for x in rows if x["product_id"] == p.pk)
    assert (D(row["in_value"]), D(row["out_value"]), D(row["close_qty"])) == (D("42.00"), D("7.00"), 10)


def test_api_refusals(api, demo_company):
    p = product(demo_company)
    wh = Warehouse.objects.get(company=demo_company, code="SH")
    r = api(
        "zhaolei",
        "post",
        "/transfers",
        {
            "kind": "delivery",
            "warehouse_id": wh.pk,
            "validate_now": True,
            "lines": [{"product_id": p.pk, "quantity": "1"}],
        },
    )
    assert r.status_code == 409 and r.json()["code"] == "inventory.insufficient_stock"
    assert not Transfer.objects.filter(moves__product=p).exists()  # refused: nothing written
    r = api(
        "wangfang",
        "post",
        "/transfers",
        {"kind": "receipt", "warehouse_id": wh.pk, "lines": [{"product_id": p.pk, "quantity": "1"}]},
    )
    assert r.status_code == 403


def test_transfer_pages(client, users, demo_company):
    p = product(demo_company)
    wh = Warehouse.objects.get(company=demo_company, code="SH")
    client.force_login(users["zhaolei"])
    lines = [{"product": p.pk, "quantity": "4", "lot": "", "price_unit": "2.5"}]
    r = client.post(
        "/inventory/transfers/new/",
        {"kind": "receipt", "warehouse": wh.pk, "lines_json": json.dumps(lines), "action": "validate"},
    )
    t = Transfer.objects.filter(moves__product=p).get()
    assert r["Location"] == t.get_absolute_url() and t.state == "done"
    r = client.post(
        "/inventory/transfers/new/",
        {
            "kind": "delivery",
            "warehouse": wh.pk,
            "lines_json": json.dumps([{"product": p.pk, "quantity": "abc"}]),
        },
    )
    assert r.status_code == 422
    for url in [
        "/inventory/transfers/",
        f"/inventory/transfers/{t.pk}/",
        "/inventory/stock/?q=" + p.code,
        "/inventory/summary/",
        "/inventory/moves/",
        "/inventory/counts/",
        "/inventory/counts/new/",
    ]:
        assert client.get(url).status_code == 200, url
    assert p.code in client.get("/inventory/stock/?q=" + p.code).content.decode()
    client.force_login(users["wangfang"])
    assert client.get("/inventory/transfers/").status_code == 403


def test_counts_replenishment_lots_and_age_over_the_api(api, demo_company, client, users):
    from ronghe.inventory.models import Lot
    from ronghe.products.models import Tracking

    wh = Warehouse.objects.get(company=demo_company, code="SZ")
    p = product(demo_company, tracking=Tracking.LOT)
    api(
        "zhaolei",
        "post",
        "/transfers",
        {
            "kind": "receipt",
            "warehouse_id": wh.pk,
            "validate_now": True,
            "lines": [{"product_id": p.pk, "quantity": "6", "price_unit": "2", "lot": "API-1"}],
        },
    )
    c = api("zhaolei", "post", "/counts", {"warehouse_id": wh.pk}).json()
    line = next(x for x in c["lines"] if x["product_id"] == p.pk)
    api("zhaolei", "post", f"/counts/{c['id']}/quantities", {"quantities": {line["id"]: "5"}})
    posted = api("zhaolei", "post", f"/counts/{c['id']}/post", {}).json()
    assert posted["state"] == "done" and D(posted["difference_value"]) == D("2.00")
    assert (
        api(
            "zhaolei",
            "put",
            "/reorder-rules",
            {"product_id": p.pk, "warehouse_id": wh.pk, "min_qty": "10", "max_qty": "20"},
        ).status_code
        == 200
    )
    rows = api("zhaolei", "get", "/replenishment").json()
    assert any(r["product_id"] == p.pk and D(r["suggested"]) == 15 for r in rows)
    lot = Lot.objects.get(product=p, name="API-1")
    trace = api("zhaolei", "get", f"/lots/{lot.pk}/trace").json()
    assert [t["kind"] for t in trace] == ["receipt", "internal"]
    age = api("zhaolei", "get", "/stock-age").json()
    assert any(a["product_id"] == p.pk and D(a["total_qty"]) == 5 for a in age)
    client.force_login(users["zhaolei"])
    r = client.get("/inventory/age/?export=xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
