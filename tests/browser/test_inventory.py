"""Done-when 5 of the inventory issue, in headless Chromium, in Chinese: a receipt with lots (scanned codes),
a delivery, a stock count."""

import pytest

from tests.browser.test_shell import SHOTS, browser, log_in, new_page, pytestmark, site  # noqa: F401


@pytest.mark.django_db(transaction=True)
def test_receipt_with_lots_delivery_and_count(browser, site, demo_company):  # noqa: F811 - fixtures
    from ronghe.products.models import Product, Tracking

    lot_product = Product.objects.filter(company=demo_company, tracking=Tracking.LOT).order_by("code").first()
    plain = (
        Product.objects.filter(company=demo_company, tracking=Tracking.NONE, type="goods")
        .order_by("code")
        .first()
    )
    page = new_page(browser)
    log_in(page, site, "zhaolei")

    # receipt: scan the lot product twice (quantity adds up), type a lot number, validate
    page.goto(f"{site}/inventory/transfers/new/?kind=receipt")
    scan = page.locator("input[placeholder='扫码或输入商品编码后按回车']")
    for _i in range(2):
        scan.fill(lot_product.barcode or lot_product.code)
        scan.press("Enter")
    scan.fill(plain.code)
    scan.press("Enter")
    rows = page.locator("table tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("input").first.input_value() == "2"
    rows.nth(0).locator("input").nth(1).fill("L2026-TEST")
    page.screenshot(path=SHOTS / "inventory-receipt-form.png", full_page=True)
    page.click("button:has-text('保存并确认出入库')")
    page.wait_for_selector("h1:has-text('入库单')")
    assert (
        "完成" in page.locator("h1 .badge").inner_text() or "Done" in page.locator("h1 .badge").inner_text()
    )
    assert "L2026-TEST" in page.locator("#validate").inner_text()
    page.screenshot(path=SHOTS / "inventory-receipt-done.png", full_page=True)

    # delivery of the plain product: reserved ("就绪"), then validated
    page.goto(f"{site}/inventory/transfers/new/?kind=delivery")
    scan = page.locator("input[placeholder='扫码或输入商品编码后按回车']")
    scan.fill(plain.code)
    scan.press("Enter")
    page.click("button:has-text('保存')  >> nth=0")
    page.wait_for_selector("h1:has-text('出库单')")
    assert "就绪" in page.locator("h1 .badge").inner_text()
    page.screenshot(path=SHOTS / "inventory-delivery.png", full_page=True)
    page.click("#validate button:has-text('确认出入库')")
    page.wait_for_selector("h1 .badge:has-text('完成')")

    # stock count of the Shanghai warehouse: one counted quantity, posted
    page.goto(f"{site}/inventory/counts/new/")
    page.click("button:has-text('生成盘点单')")
    page.wait_for_selector("#count-sheet")
    first = page.locator("input.counted").first
    first.fill("1")
    first.press("Enter")  # Enter moves to the next line instead of submitting
    page.screenshot(path=SHOTS / "inventory-count.png", full_page=True)
    page.on("dialog", lambda d: d.accept())
    page.click("button:has-text('差异过账')")
    page.wait_for_selector(".alert")
    assert "已提交审批" in page.content() or "已过账" in page.content()
    page.screenshot(path=SHOTS / "inventory-count-posted.png", full_page=True)

    page.goto(f"{site}/inventory/summary/")
    page.screenshot(path=SHOTS / "inventory-summary.png", full_page=True)
    assert page.js_errors == []
