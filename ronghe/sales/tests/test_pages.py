"""Sales and purchasing pages: lists, the order-line editor, order pages with their actions."""

import json
from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.core.testing import run_queued_tasks
from ronghe.inventory.selectors import available_by_product
from ronghe.partners.models import Partner
from ronghe.products.models import Product
from ronghe.purchasing.models import PurchaseOrder
from ronghe.sales.models import SalesOrder

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "user,url",
    [
        ("wangfang", "/sales/orders/"),
        ("wangfang", "/sales/orders/new/"),
        ("chenjing", "/purchasing/orders/"),
        ("chenjing", "/purchasing/orders/new/"),
    ],
)
def test_pages_answer(client, users, user, url):
    client.force_login(users[user])
    assert client.get(url).status_code == 200


def test_quotation_through_the_form_and_order_page(client, users, demo_company):
    client.force_login(users["wangfang"])
    available = available_by_product(company=demo_company)
    product = next(
        p
        for p in Product.objects.filter(company=demo_company, type="goods", tracking="none")
        if available.get(p.pk, 0) >= 2
    )
    customer = Partner.objects.filter(company=demo_company, is_customer=True).order_by("code").first()
    lines = [
        {
            "product": product.pk,
            "quantity": "2",
            "unit_price": "100",
            "discount_percent": "0",
            "vat_rate": "0.13",
        }
    ]
    form = {
        "partner": customer.pk,
        "date": timezone.localdate().isoformat(),
        "price_includes_tax": "1",
        "lines_json": json.dumps(lines),
        "action": "confirm",
    }
    bad = client.post(
        "/sales/orders/new/", {**form, "lines_json": json.dumps([{**lines[0], "quantity": "0"}])}
    )
    assert bad.status_code == 422 and "lines.0.quantity" in bad.content.decode()
    r = client.post("/sales/orders/new/", form)
    assert r.status_code == 302, r.content.decode()[:1500]
    order = SalesOrder.objects.get(pk=r["Location"].rstrip("/").split("/")[-1])
    assert (order.state, order.amount_total, order.salesperson) == (
        "confirmed",
        D("200.00"),
        users["wangfang"],
    )
    page = client.get(order.get_absolute_url()).content.decode()
    assert order.number in page and "200.00" in page
    client.force_login(users["liuyang"])  # another salesperson does not see it
    assert client.get(order.get_absolute_url()).status_code == 404


def test_purchase_order_through_the_form(client, users, demo_company):
    client.force_login(users["chenjing"])
    product = Product.objects.filter(company=demo_company, type="goods", tracking="none").first()
    supplier = Partner.objects.filter(company=demo_company, is_supplier=True).order_by("code").first()
    lines = [
        {
            "product": product.pk,
            "quantity": "3",
            "unit_price": "10",
            "discount_percent": "0",
            "vat_rate": "0.13",
        }
    ]
    r = client.post(
        "/purchasing/orders/new/",
        {
            "partner": supplier.pk,
            "date": timezone.localdate().isoformat(),
            "price_includes_tax": "1",
            "lines_json": json.dumps(lines),
            "action": "confirm",
        },
    )
    assert r.status_code == 302, r.content.decode()[:1500]
    po = PurchaseOrder.objects.get(pk=r["Location"].rstrip("/").split("/")[-1])
    assert po.state == "confirmed" and po.amount_total == D("30.00")
    assert po.number in client.get(po.get_absolute_url()).content.decode()


def test_customer_page_shows_orders_invoices_and_balance(client, users, demo_company):
    from ronghe.sales.models import SalesOrder

    order = SalesOrder.objects.filter(company=demo_company, state="done").first()
    invoice = order.partner.invoices.filter(state="posted").order_by("-pk").first()
    client.force_login(users["sunli"])  # the accountant sees orders (company scope) and invoices
    page = client.get(order.partner.get_absolute_url()).content.decode()
    assert order.number in page and invoice.number in page and "报价与订单" in page
    client.force_login(users["zhaolei"])  # the warehouse keeper sees the deliveries, not orders or invoices
    page = client.get(order.partner.get_absolute_url())
    text = page.content.decode()
    assert page.status_code in (200, 404) and "报价与订单" not in text and invoice.number not in text
    if page.status_code == 200:
        assert "出入库" in text


def test_documents_print_as_pdf(client, users, demo_company):
    from ronghe.sales import services

    client.force_login(users["sunli"])
    order = SalesOrder.objects.filter(company=demo_company, state="done").first()
    po = PurchaseOrder.objects.filter(company=demo_company).first()
    delivery = services.deliveries(order).first()
    for url in (
        f"/sales/orders/{order.pk}/pdf/",
        f"/sales/orders/{order.pk}/pdf/?delivery={delivery.pk}",
        f"/purchasing/orders/{po.pk}/pdf/",
    ):
        r = client.get(url)
        assert r.status_code == 200 and r.content.startswith(b"%PDF") and b"/STSong-Light" in r.content, url


def test_order_pdf_emailed_and_logged_on_the_timeline(client, users, demo_company, settings, mailoutbox):
    from ronghe.timeline.models import Message

    order = SalesOrder.objects.filter(company=demo_company, salesperson=users["wangfang"]).first()
    client.force_login(users["wangfang"])
    settings.EMAIL_HOST = ""
    client.post(f"/sales/orders/{order.pk}/email/", {"to": "buyer@example.cn"})
    assert mailoutbox == []  # not configured: refused, nothing sent
    settings.EMAIL_HOST = "smtp.example.cn"
    r = client.post(f"/sales/orders/{order.pk}/email/", {"to": "buyer@example.cn", "body": "请查收报价"})
    assert r.status_code == 302 and mailoutbox == []  # queued: the worker sends it
    assert run_queued_tasks() >= 1
    (mail,) = mailoutbox
    assert mail.to == ["buyer@example.cn"] and mail.attachments[0][2] == "application/pdf"
    assert mail.attachments[0][1].startswith(b"%PDF") and order.number in mail.subject
    assert Message.objects.filter(object_id=order.pk, body__contains="buyer@example.cn").exists()


def test_purchase_order_emailed_to_the_supplier(client, users, demo_company, settings, mailoutbox):
    po = PurchaseOrder.objects.filter(company=demo_company, state="confirmed").first()
    settings.EMAIL_HOST = "smtp.example.cn"
    client.force_login(users["chenjing"])
    assert client.post(f"/purchasing/orders/{po.pk}/email/", {"to": "sales@supplier.cn"}).status_code == 302
    run_queued_tasks()
    (mail,) = mailoutbox
    assert po.number in mail.subject and mail.attachments[0][1].startswith(b"%PDF")


def test_state_changes_on_the_timeline_read_in_the_readers_language(demo_company, users, client):
    """A change made by a Chinese user shows 报价单 → 报价已发送 to Chinese readers and Quotation → Quotation
    sent to English ones (choices are kept raw beside the label)."""
    from django.utils import translation

    from ronghe.partners.models import Partner
    from ronghe.sales import services
    from ronghe.timeline.models import Message
    from ronghe.timeline.templatetags.timeline import tracked_value

    co = demo_company
    customer = Partner.objects.filter(company=co, is_customer=True).first()
    from ronghe.products.models import Product

    product = Product.objects.filter(company=co, type="goods").first()
    with translation.override("zh-hans"):
        order = services.order_create(
            company=co, actor=users["wangfang"], partner=customer, lines=[{"product": product, "quantity": 1}]
        )
        services.order_send(order=order, actor=users["wangfang"])
    row = Message.objects.filter(object_id=order.pk, kind="tracking").latest("pk").tracking[0]
    with translation.override("zh-hans"):
        zh = (tracked_value(order, row, "old"), tracked_value(order, row, "new"))
    with translation.override("en"):
        en = (tracked_value(order, row, "old"), tracked_value(order, row, "new"))
    assert zh == (row["old"], row["new"]) and en == ("Quotation", "Quotation sent")
    users["lina"].language = "en"
    users["lina"].save(update_fields=["language"])
    client.force_login(users["lina"])
    page = client.get(f"/sales/orders/{order.pk}/").content.decode()
    assert (
        'Quotation <i class="bi bi-arrow-right"></i> <strong>Quotation sent</strong>' in page
    )  # the timeline
