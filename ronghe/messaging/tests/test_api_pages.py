"""Mail over the API (token) and through the pages (Chinese): compose to a department with a file, the
thread page with read receipts, folders, search; the administrators' list of received e-mail."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ronghe.core.services import api_token_create
from ronghe.messaging.models import Mail, MailBox
from ronghe.org.models import Department

pytestmark = pytest.mark.django_db


def test_mail_over_the_api(client, users, demo_company):
    token = api_token_create(user=users["lina"], name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    options = client.get("/api/v1/messaging/recipients", **auth).json()
    sales = Department.objects.get(company=demo_company, code="SALES-E")
    assert {"user", "dept", "role"} <= {o["value"].split(":")[0] for o in options}
    r = client.post(
        "/api/v1/messaging/mail",
        {"subject": "API 发信", "body": "你好", "to": [f"dept:{sales.pk}"]},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201, r.content
    mail_id = r.json()["id"]
    r = client.post(
        "/api/v1/messaging/mail", {"subject": "x", "to": []}, content_type="application/json", **auth
    )
    assert r.status_code == 422 and "to" in r.json()["fields"]
    wf_token = api_token_create(user=users["wangfang"], name="t")[1]
    wf = {"HTTP_AUTHORIZATION": f"Bearer {wf_token}"}
    inbox = client.get("/api/v1/messaging/mail?folder=inbox", **wf).json()
    assert any(b["mail"]["id"] == mail_id and b["read_at"] is None for b in inbox["items"])
    assert client.get(f"/api/v1/messaging/mail/{mail_id}", **wf).json()["subject"] == "API 发信"
    assert MailBox.objects.get(mail_id=mail_id, user=users["wangfang"]).read_at is not None
    sunli = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=users['sunli'], name='t')[1]}"}
    assert client.get(f"/api/v1/messaging/mail/{mail_id}", **sunli).status_code == 404


def test_compose_read_and_reply_in_the_pages(client, users, demo_company):
    sales = Department.objects.get(company=demo_company, code="SALES")
    client.force_login(users["zhangwei"])
    page = client.get("/messaging/compose/").content.decode()
    assert "收件人" in page and f"dept:{sales.pk}" in page and "发送" in page
    r = client.post(
        "/messaging/compose/",
        {
            "to": [f"dept:{sales.pk}"],
            "subject": "年终总结安排",
            "body": "<p>请各位<b>周五</b>前提交</p>",
            "files": [SimpleUploadedFile("模板.txt", "年终总结模板".encode(), content_type="text/plain")],
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    mail = Mail.objects.get(subject="年终总结安排")
    r = client.post("/messaging/compose/", {"subject": "没有收件人"})
    assert r.status_code == 422 and "请至少选择一个收件人" in r.content.decode()
    client.force_login(users["wangfang"])
    inbox = client.get("/messaging/").content.decode()
    assert "年终总结安排" in inbox and "收件箱" in inbox
    detail = client.get(mail.get_absolute_url()).content.decode()
    assert "请各位" in detail and "模板.txt" in detail and "回复" in detail
    assert "已读回执" not in detail  # only the sender sees receipts
    assert "年终总结安排" in client.get("/messaging/?q=年终").content.decode()
    assert "年终总结安排" not in client.get("/messaging/?q=不存在的词").content.decode()
    reply = client.get(f"/messaging/compose/?reply={mail.pk}").content.decode()
    assert "Re: 年终总结安排" in reply
    r = client.post(
        "/messaging/compose/",
        {
            "to": [f"user:{users['zhangwei'].pk}"],
            "subject": "Re: 年终总结安排",
            "body": "收到",
            "parent": mail.pk,
        },
    )
    assert r.status_code == 302
    client.force_login(users["zhangwei"])
    detail = client.get(mail.get_absolute_url()).content.decode()
    assert (
        "已读回执" in detail and "王芳" in detail and "收到" in detail
    )  # receipts and the reply in the thread
    client.force_login(users["sunli"])
    assert client.get(mail.get_absolute_url()).status_code == 404
    assert client.get("/messaging/inbound/").status_code == 404  # administrators only
    client.force_login(users["admin"])
    assert client.get("/messaging/inbound/").status_code == 200
