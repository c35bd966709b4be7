"""Supplier price lists (quantity breaks, validity, lead times) and requests for quotation (sent, copied to
another supplier to compare, confirmed), through the services, the JSON API and the pages."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.core.errors import InvalidTransition, ValidationFailed
from ronghe.core.services import api_token_create
from ronghe.inventory.tests.test_services import product
from ronghe.partners.models import Partner
from ronghe.purchasing import services
from ronghe.purchasing.models import SupplierPrice
from ronghe.purchasing.views import order_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(demo_company, users):
    co, buyer = demo_company, users["chenjing"]
    p = product(co, cost="100")  # VAT 13 %
    fast = Partner.objects.create(company=co, code="PL-S1", name="快捷供应有限公司", is_supplier=True)
    cheap = Partner.objects.create(company=co, code="PL-S2", name="实惠批发有限公司", is_supplier=True)
    today = timezone.localdate()

    def price(partner, value, min_qty=1, lead=0, **dates):
        return services.supplier_price_save(
            company=co,
            actor=buyer,
            data={
                "partner": partner,
                "product": p,
                "price": value,
                "min_quantity": min_qty,
                "lead_days": lead,
                **dates,
            },
        )

    price(fast, "113.00", lead=3)
    price(fast, "107.35", min_qty=50, lead=3)  # 5 % off from 50
    price(cheap, "110.00", lead=10)
    price(cheap, "90.00", lead=10, date_to=today - datetime.timedelta(days=1))  # expired: never used
    return co, buyer, p, fast, cheap, today


def test_an_order_line_takes_the_suppliers_price_for_its_quantity_and_the_lead_time(listed):
    co, buyer, p, fast, cheap, today = listed
    small = services.order_create(
        company=co, actor=buyer, partner=fast, lines=[{"product": p, "quantity": 10}]
    )
    big = services.order_create(company=co, actor=buyer, partner=fast, lines=[{"product": p, "quantity": 60}])
    assert small.lines.get().unit_price == D("113.00") and big.lines.get().unit_price == D("107.35")
    assert big.amount_total == D("6441.00")  # 60 × 107.35, prices incl. VAT
    assert small.expected_date == today + datetime.timedelta(days=3)
    slow = services.order_create(
        company=co, actor=buyer, partner=cheap, lines=[{"product": p, "quantity": 10}]
    )
    assert slow.lines.get().unit_price == D("110.00")  # the expired 90.00 does not apply
    assert slow.expected_date == today + datetime.timedelta(days=10)
    excl = services.order_create(
        company=co,
        actor=buyer,
        partner=fast,
        price_includes_tax=False,
        lines=[{"product": p, "quantity": 10}],
    )
    assert excl.lines.get().unit_price == D("100.000000")  # 113 / 1.13
    typed = services.order_create(
        company=co, actor=buyer, partner=fast, lines=[{"product": p, "quantity": 10, "unit_price": "99"}]
    )
    assert typed.lines.get().unit_price == D("99") and typed.expected_date == today + datetime.timedelta(
        days=3
    )
    other = Partner.objects.create(company=co, code="PL-S3", name="无价目供应商", is_supplier=True)
    plain = services.order_create(
        company=co, actor=buyer, partner=other, lines=[{"product": p, "quantity": 1}]
    )
    assert plain.lines.get().unit_price == D("100") and plain.expected_date is None  # the product's cost


def test_price_list_entries_are_checked(listed):
    co, buyer, p, fast, _cheap, today = listed
    customer = Partner.objects.create(company=co, code="PL-C", name="只是客户", is_customer=True)
    with pytest.raises(ValidationFailed) as e:
        services.supplier_price_save(
            company=co,
            actor=buyer,
            data={
                "partner": customer,
                "product": p,
                "price": "-1",
                "lead_days": -2,
                "date_from": today,
                "date_to": today - datetime.timedelta(days=1),
            },
        )
    assert set(e.value.fields) == {"partner", "price", "lead_days", "date_to"}
    assert SupplierPrice.objects.filter(company=co, partner=customer).count() == 0


def test_a_purchase_request_goes_to_the_cheapest_valid_offer(listed, users):
    from ronghe.oaforms.models import FormRequest, FormTemplate

    co, buyer, p, fast, cheap, _today = listed
    request = FormRequest.objects.create(
        company=co,
        created_by=users["wangfang"],
        template=FormTemplate.objects.get(company=co, code="purchase_request"),
        title="采购申请",
        state="approved",
        data={"items": [{"product": p.pk, "quantity": "60", "price": "120"}], "reason": "备货"},
    )
    (order,) = services.orders_from_requests(company=co, actor=buyer, requests=[request])
    assert order.partner == fast and order.lines.get().unit_price == D("107.35")  # 107.35 < 110 at 60


def test_request_for_quotation_sent_copied_and_confirmed(listed, users):
    from django.utils import translation

    translation.activate(
        "zh-hans"
    )  # the PDF is named in the active language; an earlier test may leave another
    co, buyer, p, fast, cheap, _today = listed
    rfq = services.order_create(company=co, actor=buyer, partner=fast, lines=[{"product": p, "quantity": 10}])
    name, pdf = order_document(co, rfq)
    assert name.startswith("询价单") and pdf.startswith(b"%PDF")
    rfq = services.order_send(order=rfq, actor=buyer)
    assert rfq.state == "sent"
    other = services.order_copy(order=rfq, actor=buyer, partner=cheap)
    assert other.partner == cheap and other.state == "draft" and other.lines.get().unit_price == D("110.00")
    rfq = services.order_update(
        order=rfq, actor=buyer, lines=[{"product": p, "quantity": 10, "unit_price": "108"}]
    )
    rfq = services.order_confirm(order=rfq, actor=buyer)
    assert rfq.state == "confirmed" and services.receipts(rfq).count() == 1
    assert order_document(co, rfq)[0].startswith("采购订单")
    services.order_cancel(order=other, actor=buyer)
    with pytest.raises(InvalidTransition):
        services.order_send(order=rfq, actor=buyer)


def test_price_lists_and_rfqs_over_http(listed, client, users):
    co, buyer, p, fast, cheap, _today = listed
    _t, token = api_token_create(user=buyer, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    r = client.post(
        "/api/v1/purchasing/supplier-prices",
        {
            "partner_id": cheap.pk,
            "product_id": p.pk,
            "price": "100.00",
            "min_quantity": "200",
            "lead_days": 14,
        },
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201, r.content
    entry = r.json()
    assert entry["partner_name"] == cheap.name and entry["lead_days"] == 14
    r = client.get(f"/api/v1/purchasing/supplier-prices?product_id={p.pk}", **auth)
    assert r.json()["count"] == 5
    r = client.post(
        "/api/v1/purchasing/supplier-prices",
        {"partner_id": cheap.pk, "product_id": p.pk, "price": "-3"},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 422 and "price" in r.content.decode()
    order = client.post(
        "/api/v1/purchasing/orders",
        {"partner_id": cheap.pk, "lines": [{"product_id": p.pk, "quantity": "250"}]},
        content_type="application/json",
        **auth,
    ).json()
    assert D(order["lines"][0]["unit_price"]) == D("100.00") and order["expected_date"]
    sent = client.post(f"/api/v1/purchasing/orders/{order['id']}/send", **auth).json()
    assert sent["state"] == "sent"
    copy = client.post(
        f"/api/v1/purchasing/orders/{order['id']}/copy",
        {"partner_id": fast.pk},
        content_type="application/json",
        **auth,
    )
    assert copy.status_code == 201 and D(copy.json()["lines"][0]["unit_price"]) == D("107.35")
    assert client.delete(f"/api/v1/purchasing/supplier-prices/{entry['id']}", **auth).status_code == 204


def test_price_list_pages(listed, client, users):
    co, buyer, p, fast, cheap, _today = listed
    client.force_login(buyer)
    page = client.get("/purchasing/prices/?q=" + p.code).content.decode()
    assert fast.name in page and cheap.name in page and "107.35" in page
    form = client.get("/purchasing/prices/new/")
    assert form.status_code == 200
    r = client.post(
        "/purchasing/prices/new/",
        {"partner": cheap.pk, "product": p.pk, "price": "95", "min_quantity": "500", "lead_days": "20"},
    )
    assert r.status_code == 302
    entry = SupplierPrice.objects.get(company=co, partner=cheap, min_quantity=500)
    r = client.post(f"/purchasing/prices/{entry.pk}/", {"partner": cheap.pk, "product": p.pk, "price": "-5"})
    assert r.status_code == 422
    rfq = services.order_create(company=co, actor=buyer, partner=fast, lines=[{"product": p, "quantity": 10}])
    detail = client.get(f"/purchasing/orders/{rfq.pk}/").content.decode()
    assert "询价单" in detail and cheap.name in detail  # the copy form offers the other suppliers
    r = client.post(f"/purchasing/orders/{rfq.pk}/copy/", {"partner": cheap.pk})
    assert r.status_code == 302 and SupplierPrice.objects.filter(partner=cheap).exists()
    assert client.post(f"/purchasing/orders/{rfq.pk}/send/").status_code == 302
    rfq.refresh_from_db()
    assert rfq.state == "sent"
