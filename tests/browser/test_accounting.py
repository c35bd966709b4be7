"""Done-when 5 of the accounting issue, in headless Chromium, in Chinese: a voucher entered with the
keyboard only (Tab/Enter through the lines, amounts with thousands separators, "=" balances), reviewed by
another user, posted, and the trial balance printed."""

from decimal import Decimal

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
def test_keyboard_voucher_review_post_and_trial_balance(browser, site, demo_company):  # noqa: F811
    from ronghe.accounting.models import Voucher

    page = new_page(browser)
    log_in(page, site, "zhoumin")  # 出纳 prepares
    page.goto(f"{site}/accounting/vouchers/new/")
    page.wait_for_selector("h1:has-text('新增凭证')")
    summary = page.locator("input[aria-label='摘要 1']")
    summary.focus()
    k = page.keyboard
    k.type("支付广告费")
    k.press("Enter")  # → account
    k.type("5601")
    k.press("Enter")  # → debit
    k.type("12345.6")
    k.press("Enter")  # → credit
    k.press("Enter")  # → summary of line 2, which takes line 1's
    assert page.locator("input[aria-label='摘要 2']").input_value() == "支付广告费"
    k.press("Enter")  # → account
    k.type("1002")
    k.press("Enter")  # → debit
    k.press("Tab")  # → credit
    k.press("=")  # the amount that balances the voucher
    k.press("Tab")
    assert page.locator("input[aria-label='借方 1']").input_value() == "12,345.60"
    assert page.locator("input[aria-label='贷方 2']").input_value() == "12,345.60"
    assert "借贷平衡" in page.locator("tfoot").inner_text()
    page.screenshot(path=SHOTS / "accounting-voucher-entry.png", full_page=True)
    assert english_words_in_chrome(page) == set()
    k.press("Control+s")
    page.wait_for_selector("h1:has-text('凭证 记-')")
    number = page.locator("h1").inner_text().split()[1]
    v = Voucher.objects.get(company=demo_company, pk=int(page.url.rstrip("/").split("/")[-1]))
    assert (str(v), v.total_debit, v.state, v.prepared_by.username) == (
        number,
        Decimal("12345.60"),
        "draft",
        "zhoumin",
    )
    assert "壹万贰仟叁佰肆拾伍元陆角整" in page.content()
    assert page.locator("button:has-text('审核')").count() == 0  # a cashier does not review

    page.context.clear_cookies()
    log_in(page, site, "sunli")  # 会计 reviews and posts
    page.goto(f"{site}{v.get_absolute_url()}")
    page.click("form[action$='/review/'] button")
    page.wait_for_selector("h1 .badge:has-text('已审核')")
    page.click("form[action$='/post/'] button")
    page.wait_for_selector("h1 .badge:has-text('已过账')")
    page.screenshot(path=SHOTS / "accounting-voucher-posted.png", full_page=True)
    assert english_words_in_chrome(page) == set()
    v.refresh_from_db()
    assert (v.state, v.reviewed_by.username, v.posted_by.username) == ("posted", "sunli", "sunli")

    month = v.date.strftime("%Y-%m")
    page.goto(f"{site}/accounting/trial-balance/?start={month}&end={month}")
    assert "借贷平衡" in page.locator(".rh-toolbar").inner_text()
    assert english_words_in_chrome(page) == set()
    row = page.locator("tr", has_text="销售费用").first
    assert "12,345.60" in row.inner_text()
    page.emulate_media(media="print")
    page.screenshot(path=SHOTS / "accounting-trial-balance-print.png", full_page=True)
    page.pdf(path=str(SHOTS / "accounting-trial-balance.pdf"))
    page.emulate_media(media="screen")

    page.goto(f"{site}/accounting/vouchers/{v.pk}/print/")
    assert "人民币壹万贰仟叁佰肆拾伍元陆角整" in page.content()
    page.screenshot(path=SHOTS / "accounting-voucher-print.png", full_page=True)
    page.goto(f"{site}/accounting/balance-sheet/")
    assert "资产 = 负债 + 所有者权益" in page.content()
    assert english_words_in_chrome(page) == set()
    for path in (
        "/accounting/periods/",
        "/accounting/accounts/",
        "/accounting/ledger/?account=1002",
        "/accounting/vouchers/",
    ):
        page.goto(site + path)
        assert english_words_in_chrome(page) == set(), path
    page.screenshot(path=SHOTS / "accounting-balance-sheet.png", full_page=True)
    assert page.js_errors == []
