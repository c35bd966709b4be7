"""Browser end-to-end: Debian's Chromium driven by Playwright (no downloaded browser).

Screenshots go to var/screenshots/ (zh-hans and en, desktop and a 390 px phone)."""

import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "Ronghe@2026"
# English words allowed on a Chinese page (product names, formats, technical terms)
ALLOWED_ASCII = {
    "API",
    "PDF",
    "Excel",
    "Email",
    "VAT",
    "IP",
    "Bearer",
    "Authorization",
    "token",
    "MB",
    "Ctrl",
    "Ronghe",
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian chromium not installed (make system-deps)"
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def site(live_server, demo_company):
    SHOTS.mkdir(parents=True, exist_ok=True)
    return live_server.url


def new_page(browser, width=1366, height=860, lang="zh-CN"):
    ctx = browser.new_context(
        viewport={"width": width, "height": height}, locale=lang, extra_http_headers={"Accept-Language": lang}
    )
    page = ctx.new_page()
    page.js_errors = []
    page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: (
            page.js_errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    return page


def log_in(page, site, username="admin"):
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/")


def english_words_in_chrome(page) -> set[str]:
    """ASCII words in the UI chrome (navigation, headings, buttons, labels, table heads) of a page."""
    texts = page.locator(
        "nav, .rh-topbar, h1, th, .btn, label, .rh-card-head, .form-text, .rh-empty"
    ).all_inner_texts()
    # whole words only: document numbers such as INV2026120001 are data, not untranslated labels
    words = set(re.findall(r"(?<![A-Za-z0-9])[A-Za-z]{3,}(?![A-Za-z0-9])", " ".join(texts)))
    return {w for w in words if w not in ALLOWED_ASCII}


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.django_db(transaction=True)
def test_chinese_desktop_walkthrough(browser, site):
    page = new_page(browser)
    page.goto(f"{site}/login/")
    assert page.locator("h1").inner_text() == "融合"
    page.screenshot(path=SHOTS / "zh-login.png")
    log_in(page, site)
    assert page.locator(".rh-nav").get_by_text("工作台").is_visible()
    page.wait_for_selector(".rh-chart svg")  # ECharts rendered from the vendored file
    page.screenshot(path=SHOTS / "zh-dashboard.png", full_page=True)
    assert english_words_in_chrome(page) == set()

    page.goto(f"{site}/partners/?role=customer")
    assert page.locator("h1").inner_text() == "客户"
    total = page.locator("#list-table .rh-pager span").first.inner_text()
    page.fill("input.rh-q", "上海")
    # htmx replaces the table after the 300 ms debounce, without reloading the page
    page.wait_for_function(
        "t => document.querySelector('#list-table .rh-pager span').innerText !== t", arg=total
    )
    assert "q=%E4%B8%8A%E6%B5%B7" in page.url  # the search is in the address (hx-push-url)
    rows = page.locator("#list-table tbody tr")
    assert rows.count() > 0
    assert all("上海" in t for t in rows.all_inner_texts())
    page.screenshot(path=SHOTS / "zh-customers.png", full_page=True)
    assert english_words_in_chrome(page) == set()

    page.locator("#list-table tbody tr a").first.click()
    page.wait_for_selector("#timeline-panel")
    page.fill("#timeline-panel textarea[name=body]", "已电话联系，@王芳 请跟进报价")
    page.click("#timeline-panel form button:has-text('发送')")
    page.wait_for_selector("#timeline-panel .rh-tl-body:has-text('请跟进报价')")
    page.screenshot(path=SHOTS / "zh-customer-detail.png", full_page=True)
    assert english_words_in_chrome(page) == set()

    page.goto(f"{site}/products/new/")
    page.fill("input[name=code]", "EL0001")
    page.fill("input[name=name]", "重复编码商品")
    page.fill("input[name=sale_price]", "-1")
    page.click("button[type=submit]")
    page.wait_for_selector(".invalid-feedback")
    feedback = " ".join(page.locator(".invalid-feedback").all_inner_texts())
    assert "不能为负数" in feedback
    page.screenshot(path=SHOTS / "zh-product-form-errors.png", full_page=True)

    for path, name in [
        ("/products/", "zh-products"),
        ("/org/employees/", "zh-employees"),
        ("/settings/audit/", "zh-audit"),
        ("/settings/tokens/", "zh-tokens"),
        ("/approvals/", "zh-approvals"),
        ("/approvals/?tab=mine", "zh-approvals-mine"),
        ("/forms/", "zh-forms"),
        ("/forms/new/purchase_request/", "zh-form-purchase"),
        ("/approvals/flows/", "zh-flows"),
        ("/approvals/flows/oaforms:leave/", "zh-flow-leave"),
        ("/forms/templates/expense/", "zh-template-expense"),
        ("/approvals/deputies/", "zh-deputies"),
    ]:
        page.goto(site + path)
        page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
        assert english_words_in_chrome(page) == set(), path
    assert page.js_errors == []


@pytest.mark.django_db(transaction=True)
def test_switch_to_english(browser, site):
    page = new_page(browser)
    log_in(page, site, "zhangwei")
    page.click("button[aria-label='语言']")
    page.click("button[lang=en]")
    page.wait_for_selector(".rh-nav >> text=Dashboard")
    assert "Customers" in page.locator(".rh-nav").inner_text()
    page.goto(f"{site}/partners/?role=customer")
    assert page.locator("h1").inner_text() == "Customers"
    page.screenshot(path=SHOTS / "en-customers.png", full_page=True)
    page.goto(f"{site}/")
    page.screenshot(path=SHOTS / "en-dashboard.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_phone_width_has_no_overflow(browser, site):
    page = new_page(browser, width=390, height=844)
    log_in(page, site, "wangfang")
    for path, name in [
        ("/", "phone-dashboard"),
        ("/partners/?role=customer", "phone-customers"),
        ("/products/", "phone-products"),
    ]:
        page.goto(site + path)
        assert no_horizontal_overflow(page), path
        page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    page.goto(f"{site}/partners/?role=customer")
    page.locator("#list-table tbody tr a").first.click()
    page.wait_for_selector("#timeline-panel")
    assert no_horizontal_overflow(page)
    page.screenshot(path=SHOTS / "phone-customer-detail.png", full_page=True)
    page.click("button[aria-label='菜单']")  # the sidebar opens as an off-canvas menu
    page.wait_for_selector("#rh-sidebar.show")
    page.screenshot(path=SHOTS / "phone-menu.png")
