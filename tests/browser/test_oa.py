"""Done-when 2 of the OA collaboration issue, in headless Chromium, in Chinese: send an internal mail with an
attachment (recipient picker, rich text, file) and read it as the recipient."""

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
def test_internal_mail_with_an_attachment(browser, site, demo_company, tmp_path):  # noqa: F811
    from ronghe.messaging.models import Mail, MailBox

    page = new_page(browser)
    log_in(page, site, "lina")
    page.goto(f"{site}/messaging/compose/")
    page.wait_for_selector("h1:has-text('写信')")
    page.fill("#rcpt-to", "华东")
    page.keyboard.press("Enter")  # the first match: the department 华东销售组
    page.wait_for_selector(".rh-rcpt .badge:has-text('华东销售组')")
    page.fill("#subject", "客户拜访报告模板")
    page.click(".rh-editor")
    page.keyboard.type("请按附件模板填写本周拜访报告。")
    page.click("button[title='加粗']")
    page.keyboard.type("周五前交")
    attachment = tmp_path / "拜访报告模板.txt"
    attachment.write_text("客户 / 日期 / 结论", encoding="utf-8")
    page.set_input_files("#files", str(attachment))
    page.screenshot(path=SHOTS / "oa-mail-compose.png", full_page=True)
    assert english_words_in_chrome(page) - {"txt"} == set()  # the file name is the user's
    page.click("button:has-text('发送')")
    page.wait_for_selector(".alert:has-text('已发送')")
    mail = Mail.objects.get(subject="客户拜访报告模板")
    assert "<b>周五前交</b>" in mail.body or "<strong>周五前交</strong>" in mail.body
    assert [a.name for a in mail.timeline_attachments.all()] == ["拜访报告模板.txt"]
    assert MailBox.objects.filter(mail=mail, user__username="wangfang", role="to").exists()

    page = new_page(browser)
    log_in(page, site, "wangfang")
    page.goto(f"{site}/messaging/")
    page.click("a:has-text('客户拜访报告模板')")
    page.wait_for_selector("a:has-text('拜访报告模板.txt')")
    page.screenshot(path=SHOTS / "oa-mail-read.png", full_page=True)
    assert english_words_in_chrome(page) - {"txt"} == set()  # the file name is the user's
    assert MailBox.objects.get(mail=mail, user__username="wangfang").read_at is not None


@pytest.mark.django_db(transaction=True)
def test_upload_a_contract_and_find_it_by_a_word_inside(browser, site, demo_company, tmp_path):  # noqa: F811
    from ronghe.core.testing import run_queued_tasks
    from ronghe.documents.models import Document, Folder

    folder = Folder.objects.get(company=demo_company, name="销售合同")
    contract = tmp_path / "华东电气供货合同.txt"
    contract.write_text(
        "供货合同\n甲方：华东电气\n本合同约定质保期为二十四个月，逾期交货按日万分之五计违约金。",
        encoding="utf-8",
    )
    page = new_page(browser)
    log_in(page, site, "lina")
    page.goto(f"{site}{folder.get_absolute_url()}")
    page.wait_for_selector("h1:has-text('销售合同')")
    page.set_input_files("#files", str(contract))
    page.fill("#tags", "合同, 华东")
    page.click("button:has-text('上传')")
    page.wait_for_selector(".alert:has-text('已上传')")
    doc = Document.objects.get(folder=folder, name="华东电气供货合同.txt")
    assert doc.tag_list == ["合同", "华东"]
    run_queued_tasks()  # what `ronghe worker` does: read the text into the index
    page.fill("nav[aria-label='文件夹'] input[name=q]", "违约金")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('搜索文档')")
    page.wait_for_selector("a:has-text('华东电气供货合同.txt')")
    assert "违约金" in page.locator(".rh-search-results li").first.inner_text()  # the snippet shows the word
    page.screenshot(path=SHOTS / "oa-documents-search.png", full_page=True)
    assert english_words_in_chrome(page) - {"txt", "PDF", "Word", "Excel"} == set()
    page.click("a:has-text('华东电气供货合同.txt')")
    page.wait_for_selector("h2:has-text('版本')")
    page.screenshot(path=SHOTS / "oa-documents-document.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_book_a_room_and_see_the_conflict_warning(browser, site, demo_company):  # noqa: F811
    import datetime

    from django.utils import timezone

    from ronghe.meetings.models import Meeting, Room

    room = Room.objects.get(company=demo_company, name="小会议室 A")
    day = timezone.localdate() + datetime.timedelta(days=3)
    page = new_page(browser)
    log_in(page, site, "wangfang")

    def book(title):
        page.goto(f"{site}/meetings/new/")
        page.wait_for_selector("h1:has-text('预约会议')")
        page.fill("#id_title", title)
        page.fill("#id_start", f"{day}T15:00")
        page.fill("#id_end", f"{day}T16:00")
        page.select_option("#id_room", str(room.pk))
        page.select_option("#id_users", label="李娜")
        page.click("button:has-text('预约并邀请')")

    book("产品演示准备")
    page.wait_for_selector(".alert:has-text('会议已预约')")
    assert Meeting.objects.filter(title="产品演示准备", room=room).exists()
    page.screenshot(path=SHOTS / "oa-meeting-booked.png", full_page=True)
    book("临时碰头")
    page.wait_for_selector(
        ".rh-conflict:has-text('产品演示准备')"
    )  # the warning names the meeting in the way
    page.screenshot(path=SHOTS / "oa-meeting-conflict.png", full_page=True)
    assert english_words_in_chrome(page) == set()
    assert not Meeting.objects.filter(title="临时碰头").exists()
    page.goto(f"{site}/meetings/rooms/?view=day&date={day}")
    page.wait_for_selector(".rh-busy:has-text('产品演示准备')")
    page.screenshot(path=SHOTS / "oa-rooms-day.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_read_an_announcement(browser, site, demo_company):  # noqa: F811
    from ronghe.messaging.models import Announcement, AnnouncementReceipt

    ann = Announcement.objects.get(company=demo_company, title="关于元旦放假安排的通知")
    page = new_page(browser)
    log_in(page, site, "liuyang")
    page.goto(f"{site}/messaging/announcements/")
    page.wait_for_selector("h1:has-text('公告')")
    page.click("a:has-text('关于元旦放假安排的通知')")
    page.wait_for_selector("button:has-text('我已阅读并知悉')")
    receipt = AnnouncementReceipt.objects.get(announcement=ann, user__username="liuyang")
    assert receipt.read_at is not None and receipt.acknowledged_at is None
    page.click("button:has-text('我已阅读并知悉')")
    page.wait_for_selector(".alert:has-text('已确认')")
    receipt.refresh_from_db()
    assert receipt.acknowledged_at is not None
    page.screenshot(path=SHOTS / "oa-announcement.png", full_page=True)
    assert english_words_in_chrome(page) == set()
