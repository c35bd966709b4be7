"""Price lists (customer's own, customer group, quantity breaks, validity) with the explanation a line keeps,
and available-to-promise dates from free stock and expected receipts."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.inventory.models import Transfer, Warehouse
from ronghe.inventory.services import transfer_create, transfer_validate
from ronghe.inventory.tests.test_services import product
from ronghe.partners.models import Partner, PartnerTag
from ronghe.sales import services
from ronghe.sales.models import PriceList, PriceListItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(demo_company, users):
    co = demo_company
    wh = Warehouse.objects.filter(company=co).order_by("pk").first()
    p = product(co, cost="50")
    p.sale_price = D("100")
    p.save(update_fields=["sale_price"])
    vip = PartnerTag.objects.create(company=co, name="经销商")
    customer = Partner.objects.create(company=co, code="PL-C", name="价格表客户", is_customer=True)
    return co, wh, p, vip, customer, users["wangfang"]


def price(co, seller, customer, p, qty, day=None):
    order = services.order_create(
        company=co, actor=seller, partner=customer, date=day, lines=[{"product": p, "quantity": qty}]
    )
    line = order.lines.get()
    return line.unit_price, line.price_note


def test_price_lists(setup):
    co, wh, p, vip, customer, seller = setup
    today = timezone.localdate()
    unit, why = price(co, seller, customer, p, 1)
    assert unit == D("100") and why  # the product's own sales price, explained
    group = PriceList.objects.create(company=co, name="经销商价", tag=vip)
    PriceListItem.objects.create(pricelist=group, product=p, min_quantity=0, price=D("90"))
    PriceListItem.objects.create(pricelist=group, product=p, min_quantity=10, price=D("85"))
    assert price(co, seller, customer, p, 10)[0] == D("100")  # not in the group yet
    customer.tags.add(vip)
    assert price(co, seller, customer, p, 9)[0] == D("90")
    unit, why = price(co, seller, customer, p, 10)
    assert unit == D("85") and "经销商价" in why and "10" in why
    own = PriceList.objects.create(
        company=co, name="华东专供", partner=customer, date_to=today + datetime.timedelta(days=30)
    )
    PriceListItem.objects.create(pricelist=own, product=p, min_quantity=0, price=D("88"))
    assert price(co, seller, customer, p, 20)[0] == D("88")  # the customer's own list wins over the group's
    assert price(co, seller, customer, p, 20, day=today + datetime.timedelta(days=40))[0] == D(
        "85"
    )  # expired
    # a price typed by hand stays
    order = services.order_create(
        company=co, actor=seller, partner=customer, lines=[{"product": p, "quantity": 1, "unit_price": "70"}]
    )
    assert order.lines.get().unit_price == D("70")


def test_available_to_promise(setup, users):
    co, wh, p, vip, customer, seller = setup
    keeper = users["zhaolei"]
    today = timezone.localdate()
    r = transfer_create(
        company=co,
        actor=keeper,
        kind=Transfer.Kind.RECEIPT,
        warehouse=wh,
        lines=[{"product": p, "quantity": 10, "price_unit": "50"}],
    )
    transfer_validate(transfer=r, actor=keeper)
    soon = today + datetime.timedelta(days=7)
    transfer_create(
        company=co,
        actor=keeper,
        kind=Transfer.Kind.RECEIPT,
        warehouse=wh,
        scheduled_date=soon,
        lines=[{"product": p, "quantity": 20, "price_unit": "50"}],
    )
    quote = services.order_create(
        company=co,
        actor=seller,
        partner=customer,
        lines=[{"product": p, "quantity": 8}, {"product": p, "quantity": 15}, {"product": p, "quantity": 50}],
    )
    a, b, c = (x.pk for x in quote.lines.order_by("seq"))
    assert services.ship_dates(quote) == {a: today, b: soon, c: None}
    confirmed = services.order_confirm(
        order=services.order_create(
            company=co, actor=seller, partner=customer, lines=[{"product": p, "quantity": 10}]
        ),
        actor=seller,
    )
    assert set(services.ship_dates(confirmed).values()) == {today}  # its reservation holds the stock
    assert services.ship_dates(quote)[a] == soon  # the free stock is gone to the confirmed order


def test_the_entry_form_asks_for_ship_dates_as_lines_are_typed(setup, users, client):
    co, wh, p, vip, customer, seller = setup
    keeper = users["zhaolei"]
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=5)
    r = transfer_create(
        company=co,
        actor=keeper,
        kind=Transfer.Kind.RECEIPT,
        warehouse=wh,
        lines=[{"product": p, "quantity": 10, "price_unit": "50"}],
    )
    transfer_validate(transfer=r, actor=keeper)
    transfer_create(
        company=co,
        actor=keeper,
        kind=Transfer.Kind.RECEIPT,
        warehouse=wh,
        scheduled_date=soon,
        lines=[{"product": p, "quantity": 20, "price_unit": "50"}],
    )
    client.force_login(seller)
    url = f"/sales/atp/?warehouse={wh.pk}&product={p.pk}&quantity=8&product={p.pk}&quantity=15&product={p.pk}&quantity=50&product=&quantity=1"
    assert client.get(url).json() == {"dates": [today.isoformat(), soon.isoformat(), None, None]}
    form = client.get("/sales/orders/new/").content.decode()
    assert "/sales/atp/" in form
    client.force_login(users["zhaolei"])  # the warehouse keeper does not see sales orders
    assert client.get(url).status_code in (403, 404)
