"""Done-when 4 of the sales and purchasing issue, in headless Chromium, in Chinese: a salesperson creates a
quotation with a large discount for a demo customer, the sales manager approves it from the inbox, the
warehouse keeper ships it, the accountant invoices it and records the receipt; the customer's page then shows
the order, the invoice and the receipt."""

import pytest

from tests.browser.test_shell import (  # noqa: F401
    SHOTS,
    browser,
    english_words_in_chrome,
    log_in,
    new_page,
    pytestmark,
    site,
)


@pytest.mark.django_db(transaction=True)
def test_quote_approval_delivery_invoice_receipt(browser, site, demo_company):  # noqa: F811
    from ronghe.inventory.selectors import available_by_product
    from ronghe.partners.models import Partner
    from ronghe.products.models import Product
    from ronghe.sales.models import SalesOrder

    customer = (
        Partner.objects.filter(company=demo_company, is_customer=True, owner__username="wangfang")
        .order_by("code")
        .first()
    )
    available = available_by_product(company=demo_company)
    product = next(
        p
        for p in Product.objects.filter(company=demo_company, type="goods", tracking="none").order_by("code")
        if available.get(p.pk, 0) >= 5
    )

    sales = new_page(browser)
    log_in(sales, site, "wangfang")
    sales.goto(f"{site}/sales/orders/new/?partner={customer.pk}")
    sales.wait_for_selector("h1:has-text('新建报价单')")
    sales.select_option("select[aria-label='商品 1']", str(product.pk))
    sales.fill("input[aria-label='数量 1']", "2")
    sales.fill("input[aria-label='折扣 % 1']", "20")
    sales.screenshot(path=SHOTS / "sales-quotation-entry.png", full_page=True)
    sales.click("button:has-text('保存并确认')")
    sales.wait_for_selector("h1 .badge:has-text('待审批')")
    assert "折扣 20% 超过允许的 10%" in sales.locator(".alert").first.inner_text()
    assert english_words_in_chrome(sales) == set()
    order = SalesOrder.objects.filter(partner=customer).latest("pk")
    order_url = sales.url

    manager = new_page(browser)
    log_in(manager, site, "lina")
    manager.goto(f"{site}/approvals/")
    item = manager.locator(".rh-inbox li", has_text=order.number)
    item.locator("a:has-text('审批')").click()
    manager.wait_for_selector("#decide")
    manager.screenshot(path=SHOTS / "sales-discount-approval.png", full_page=True)
    manager.fill("#decide textarea[name=comment]", "老客户，同意折扣")
    manager.click("#decide button:has-text('同意')")
    manager.wait_for_selector(".alert:has-text('已同意')")

    sales.goto(order_url)
    sales.wait_for_selector("h1:has-text('销售订单')")
    delivery_href = sales.locator("a[href*='/inventory/transfers/']").first.get_attribute("href")

    keeper = new_page(browser)
    log_in(keeper, site, "zhaolei")
    keeper.goto(f"{site}{delivery_href}")
    keeper.click("#validate button:has-text('确认')")
    keeper.wait_for_selector("h1 .badge:has-text('完成')")
    keeper.screenshot(path=SHOTS / "sales-delivery-done.png", full_page=True)

    accountant = new_page(browser)
    log_in(accountant, site, "sunli")
    accountant.goto(f"{site}{order_url.replace(site, '')}")
    accountant.click("button:has-text('按发货数量开票')")
    accountant.wait_for_selector("h1:has-text('销售发票')")
    accountant.screenshot(path=SHOTS / "sales-invoice.png", full_page=True)
    accountant.click("a:has-text('登记收款')")
    accountant.wait_for_selector("h1:has-text('新建收款')")
    accountant.click("button:has-text('保存并过账')")
    accountant.wait_for_selector("h1 .badge:has-text('已过账')")
    accountant.goto(f"{site}/partners/{customer.pk}/")
    panels = accountant.locator(".rh-card", has_text="发票与收付款").inner_text()
    accountant.screenshot(path=SHOTS / "sales-customer-page.png", full_page=True)
    order.refresh_from_db()
    assert order.state == "done" and order.number in accountant.content()
    assert "REC" in panels and "INV" in panels
    assert (
        sales.js_errors == []
        and manager.js_errors == []
        and keeper.js_errors == []
        and accountant.js_errors == []
    )
