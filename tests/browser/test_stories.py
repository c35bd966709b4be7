"""Browser end-to-end (issue 8): the cross-module story of the CRM, approvals and sales/purchasing issues in one
run, in Chinese and in English, on a desktop and on a 390 px phone. Each person works in their own language
setting (User.language); every label the test looks for is the translation of its message id in that language,
so the same story proves both UIs. Screenshots: var/screenshots/<language>-<device>/ (a CI artifact).

王芳 claims a customer from the public pool and quotes it with a 20 % discount → 李娜 approves from her inbox →
赵磊 ships → 孙丽 invoices and records the receipt → 陈静 buys more of the product and 赵磊 receives it →
王芳's customer page shows the order, the invoice and the receipt."""

import re

import pytest
from django.utils import translation

from tests.browser.test_shell import (  # noqa: F401
    SHOTS,
    browser,
    english_words_in_chrome,
    log_in,
    new_page,
    no_horizontal_overflow,
    pytestmark,
    site,
)

DEVICES = {"desktop": (1366, 860), "phone": (390, 844)}
HAN = re.compile(r"[\u4e00-\u9fff]")


def transfer_link(page) -> str:
    """The first link to a stock transfer (delivery, receipt) on a document's page."""
    return page.evaluate(
        "[...document.querySelectorAll('main a[href]')].map(a => a.getAttribute('href'))"
        ".find(h => /^\\/inventory\\/transfers\\/\\d+\\/$/.test(h))"
    )


def han_in_chrome(page, names) -> list[str]:
    """Chinese characters in the UI chrome of an English page; people's and the company's names are data, and a
    Chinese term glossed in brackets after its English one — "Prices include VAT (含税)" — is deliberate."""
    texts = page.locator("nav a, th, .btn, label, .rh-topbar a").all_inner_texts()
    data = re.compile("|".join(map(re.escape, names)) + r"|\([\u4e00-\u9fff]+\)")
    return [t for t in texts if HAN.search(data.sub("", t))]


@pytest.mark.parametrize("device", list(DEVICES))
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.django_db(transaction=True)
def test_pool_quote_approve_ship_invoice_buy_receive(browser, site, demo_company, lang, device):  # noqa: F811
    from ronghe.core.models import User
    from ronghe.inventory.selectors import available_by_product
    from ronghe.partners.models import Partner
    from ronghe.products.models import Product
    from ronghe.purchasing.models import PurchaseOrder
    from ronghe.sales.models import SalesOrder

    def t(msgid):
        with translation.override(lang):
            return translation.gettext(msgid)

    shots = SHOTS / f"{lang}-{device}"
    shots.mkdir(parents=True, exist_ok=True)
    width, height = DEVICES[device]
    people = ["wangfang", "lina", "zhaolei", "sunli", "chenjing"]
    User.objects.filter(username__in=people).update(language=lang)
    pages = []
    names = sorted({u.get_display_name() for u in User.objects.all()} | {demo_company.name}, key=len)[::-1]

    def person(username):
        page = new_page(browser, width=width, height=height, lang="zh-CN" if lang == "zh-hans" else "en-US")
        log_in(page, site, username)
        pages.append(page)
        return page

    def look(page, name):
        """Screenshot, and what every page must be: fits the phone, speaks the person's language."""
        page.screenshot(path=shots / f"{name}.png", full_page=True)
        if device == "phone":
            assert no_horizontal_overflow(page), f"{name}: wider than the phone"
        if lang == "en":
            assert han_in_chrome(page, names) == [], name
        else:
            assert english_words_in_chrome(page) == set(), name

    pooled = (
        Partner.objects.filter(company=demo_company, is_customer=True, parent=None, owner=None, active=True)
        .order_by("pk")
        .first()
    )
    available = available_by_product(company=demo_company)
    product = next(
        p
        for p in Product.objects.filter(company=demo_company, type="goods", tracking="none").order_by("code")
        if available.get(p.pk, 0) >= 5
    )
    supplier = Partner.objects.filter(company=demo_company, is_supplier=True).order_by("pk").first()

    # CRM: 王芳 claims a customer from the public pool and lands on its page
    sales = person("wangfang")
    sales.goto(f"{site}/crm/pool/")
    sales.wait_for_selector(f"h1:has-text('{t('Public pool')}')")
    sales.locator("tr", has_text=pooled.name).locator(f"button:has-text('{t('Claim')}')").click()
    sales.wait_for_selector(f"h1:has-text('{pooled.name}')")
    look(sales, "01-claimed-customer")

    # Sales: a quotation with 20 % off needs the manager's approval
    sales.goto(f"{site}/sales/orders/new/?partner={pooled.pk}")
    sales.select_option(f"select[aria-label='{t('Product')} 1']", str(product.pk))
    sales.fill(f"input[aria-label='{t('Quantity')} 1']", "2")
    sales.fill(f"input[aria-label='{t('Discount %')} 1']", "20")
    look(sales, "02-quotation-entry")
    sales.click("button[name=action][value=confirm]")
    sales.wait_for_selector(f"h1 .badge:has-text('{t('Awaiting approval')}')")
    look(sales, "03-quotation-awaiting-approval")
    order = SalesOrder.objects.filter(partner=pooled).latest("pk")
    order_url = sales.url

    # Approvals: 李娜 approves it from her inbox
    manager = person("lina")
    manager.goto(f"{site}/approvals/")
    manager.locator(".rh-inbox li", has_text=order.number).locator(
        f"a:has-text('{t('Decide')}')"
    ).first.click()
    manager.wait_for_selector("#decide")
    manager.fill("#decide textarea[name=comment]", "OK")
    look(manager, "04-approval")
    manager.click("#decide button.btn-success")
    manager.wait_for_selector(".alert-success")
    order.refresh_from_db()
    assert (order.state, order.approval_state) == ("confirmed", "approved")

    # Inventory: 赵磊 ships the reserved delivery
    sales.goto(order_url)
    delivery_href = transfer_link(sales)
    keeper = person("zhaolei")
    keeper.goto(f"{site}{delivery_href}")
    keeper.click("#validate button.btn-success")
    keeper.wait_for_selector(f"h1 .badge:has-text('{t('Done')}')")
    look(keeper, "05-delivery-done")

    # Accounting: 孙丽 invoices what shipped and records the customer's payment
    accountant = person("sunli")
    accountant.goto(order_url)
    accountant.click(f"button:has-text('{t('Invoice delivered quantities')}')")
    accountant.wait_for_selector(f"h1:has-text('{t('Customer invoice')}')")
    look(accountant, "06-invoice")
    accountant.click(f"a:has-text('{t('Register receipt')}')")
    accountant.click("button[name=action][value=post]")
    accountant.wait_for_selector(f"h1 .badge:has-text('{t('Posted')}')")
    look(accountant, "07-receipt-posted")
    order.refresh_from_db()
    assert order.state == "done"

    # Purchasing: 陈静 orders more of the product, 赵磊 receives it
    buyer = person("chenjing")
    buyer.goto(f"{site}/purchasing/orders/new/?partner={supplier.pk}")
    buyer.select_option(f"select[aria-label='{t('Product')} 1']", str(product.pk))
    buyer.fill(f"input[aria-label='{t('Quantity')} 1']", "10")
    look(buyer, "08-purchase-order-entry")
    buyer.click("button[name=action][value=confirm]")
    buyer.wait_for_selector(f"h1:has-text('{t('Purchase order')}')")
    po = PurchaseOrder.objects.filter(partner=supplier).latest("pk")
    assert po.state == "confirmed", po.state
    receipt_href = transfer_link(buyer)
    keeper.goto(f"{site}{receipt_href}")
    keeper.click("#validate button.btn-success")
    keeper.wait_for_selector(f"h1 .badge:has-text('{t('Done')}')")
    look(keeper, "09-receipt-done")

    # CRM 360: the customer's page tells the story — the salesperson sees the order done and its approval, the
    # accountant also the invoice and the receipt
    sales.goto(f"{site}/partners/{pooled.pk}/")
    sales.wait_for_selector(f"main a:has-text('{order.number}')")
    sales.wait_for_load_state("networkidle")
    look(sales, "10-customer-page")
    row = sales.locator("main tr", has_text=order.number).first.inner_text()
    assert t("Done") in row or t("done") in row, row
    accountant.goto(f"{site}/partners/{pooled.pk}/")
    accountant.wait_for_selector("main a:has-text('INV')")
    accountant.wait_for_selector("main a:has-text('REC')")
    look(accountant, "11-customer-page-accountant")
    for page in pages:
        assert page.js_errors == [], page.js_errors
