"""Done-when 3 of the CRM issue, in headless Chromium, in Chinese: a salesperson drags an opportunity across
stages on the kanban board, logs a follow-up on the customer, claims a customer from the public pool and opens
the customer's page (360)."""

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
def test_board_follow_up_pool_and_customer_page(browser, site, demo_company):  # noqa: F811
    from ronghe.crm import services
    from ronghe.crm.models import FollowUp, Opportunity
    from ronghe.partners.models import Partner

    opp = (
        Opportunity.objects.filter(company=demo_company, owner__username="wangfang", state="open")
        .order_by("pk")
        .first()
    )
    stages = services.stages_for(demo_company, opp.team)
    target = next(s for s in stages if s.pk != opp.stage_id and not s.is_won)
    page = new_page(browser)
    log_in(page, site, "wangfang")
    page.goto(f"{site}/crm/pipeline/")
    page.wait_for_selector("h1:has-text('销售漏斗')")
    card = page.locator(f".rh-board-card[data-id='{opp.pk}']")
    card.drag_to(page.locator(f".rh-board-col[data-stage='{target.pk}']"))
    page.wait_for_selector(f".rh-board-col[data-stage='{target.pk}'] .rh-board-card[data-id='{opp.pk}']")
    page.wait_for_timeout(300)
    page.screenshot(path=SHOTS / "crm-pipeline-drag.png", full_page=True)
    opp.refresh_from_db()
    assert opp.stage_id == target.pk
    assert english_words_in_chrome(page) == set()

    customer = opp.partner
    page.goto(f"{site}{customer.get_absolute_url()}")
    page.wait_for_selector("h2:has-text('销售跟进')")
    page.select_option(f"#fu-kind-{customer.pk}", "visit")
    page.fill(f"#fu-note-{customer.pk}", "上门拜访，客户确认下月采购")
    page.click("button:has-text('记录')")
    page.wait_for_selector(".alert:has-text('已记录跟进')")
    assert FollowUp.objects.filter(partner=customer, note="上门拜访，客户确认下月采购").exists()
    page.screenshot(path=SHOTS / "crm-follow-up.png", full_page=True)

    pooled = (
        Partner.objects.filter(company=demo_company, is_customer=True, parent=None, owner=None, active=True)
        .order_by("pk")
        .first()
    )
    page.goto(f"{site}/crm/pool/")
    page.wait_for_selector("h1:has-text('公海')")
    page.screenshot(path=SHOTS / "crm-pool.png", full_page=True)
    page.locator("tr", has_text=pooled.name).locator("button:has-text('领取')").click()
    page.wait_for_selector(f"h1:has-text('{pooled.name}')")
    pooled.refresh_from_db()
    assert pooled.owner.username == "wangfang"
    assert "销售跟进" in page.content()
    page.screenshot(path=SHOTS / "crm-customer-360.png", full_page=True)
    assert english_words_in_chrome(page) == set()
