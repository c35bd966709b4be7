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
