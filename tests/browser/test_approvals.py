"""Done-when 4 of the approvals issue, in headless Chromium: an employee submits a leave request in Chinese;
the department head approves it from the inbox on a phone-width screen; the employee sees the result and
the notification."""

import pytest

from tests.browser.test_shell import (  # noqa: F401
    SHOTS,
    browser,
    log_in,
    new_page,
    no_horizontal_overflow,
    pytestmark,
    site,
)


@pytest.mark.django_db(transaction=True)
def test_leave_request_submitted_approved_on_a_phone_and_seen(browser, site):  # noqa: F811 - fixtures
    from datetime import date, timedelta

    start = date.today() + timedelta(days=14)
    while start.weekday() != 0:  # a Monday
        start += timedelta(days=1)

    # 王芳 submits a leave request, Monday to Wednesday afternoon... to Wednesday noon: 2.5 working days
    emp = new_page(browser)
    log_in(emp, site, "wangfang")
    emp.click(".rh-nav a:has-text('发起审批')")
    emp.click("a.rh-kpi:has-text('请假')")
    emp.select_option("#f_leave_type", "annual")
    emp.fill("#f_period", start.isoformat())
    emp.locator("input[aria-label='结束']").fill((start + timedelta(days=2)).isoformat())
    emp.locator("select[aria-label='结束时段']").select_option("am")
    emp.wait_for_selector("text=2.5 个工作日")
    emp.fill("#f_reason", "孩子开家长会，顺便处理家事")
    emp.screenshot(path=SHOTS / "approvals-leave-form.png", full_page=True)
    emp.click("button:has-text('提交')")
    emp.wait_for_selector("h1:has-text('请假')")
    assert "审批中" in emp.locator("h1 .badge").inner_text()
    assert "李娜" in emp.locator(".rh-progress").inner_text()
    emp.screenshot(path=SHOTS / "approvals-submitted.png", full_page=True)
    request_url = emp.url

    # 李娜, head of 销售部, approves from her inbox on a phone
    head = new_page(browser, width=390, height=844)
    log_in(head, site, "lina")
    head.click("button[aria-label='菜单']")
    head.wait_for_selector("#rh-sidebar.show")
    badge = head.locator("#rh-sidebar a:has-text('审批') .badge").inner_text()
    assert int(badge) >= 1
    head.click("#rh-sidebar a:has-text('审批')")
    head.wait_for_selector(".rh-inbox")
    assert no_horizontal_overflow(head)
    head.screenshot(path=SHOTS / "approvals-inbox-phone.png", full_page=True)
    item = head.locator(".rh-inbox li", has_text="请假 · 王芳").filter(has_text="2.5")
    item.locator("a:has-text('审批')").click()
    head.wait_for_selector("#decide")
    assert no_horizontal_overflow(head)
    head.fill("#decide textarea[name=comment]", "同意，注意交接工作")
    head.screenshot(path=SHOTS / "approvals-decide-phone.png", full_page=True)
    head.click("#decide button:has-text('同意')")
    head.wait_for_selector(".alert:has-text('已同意')")
    assert "已通过" in head.locator("h1 .badge").inner_text()

    # 王芳 sees the result and the notification
    emp.goto(request_url)
    assert "已通过" in emp.locator("h1 .badge").inner_text()
    assert "同意，注意交接工作" in emp.locator(".rh-progress").inner_text()
    assert int(emp.locator("#rh-unread").inner_text()) >= 1
    emp.click("a.rh-bell")
    emp.wait_for_selector("text=已通过：请假 · 王芳")
    emp.screenshot(path=SHOTS / "approvals-notification.png", full_page=True)
    assert emp.js_errors == [] and head.js_errors == []
