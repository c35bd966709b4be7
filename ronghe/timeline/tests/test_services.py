from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ronghe.core.errors import InvalidTransition, ValidationFailed
from ronghe.partners.models import Partner
from ronghe.partners.services import partner_save
from ronghe.timeline import selectors, services
from ronghe.timeline.models import Activity, Message, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(demo_company, users):
    return Partner.objects.filter(company=demo_company, owner=users["wangfang"], is_customer=True).first()


def test_mention_notifies_and_makes_a_follower(customer, users):
    msg = services.message_post(
        record=customer, author=users["wangfang"], body="请 @lina 和 @孙丽 看一下报价"
    )
    assert set(msg.mentions.all()) == {users["lina"], users["sunli"]}
    n = Notification.objects.filter(user=users["lina"], link=customer.get_absolute_url()).get()
    assert "王芳" in n.title and n.link == customer.get_absolute_url()
    followers = {f.user for f in selectors.follower_list(record=customer)}
    assert {users["lina"], users["sunli"], users["wangfang"]} <= followers


def test_comment_notifies_followers_but_note_does_not(customer, users):
    services.follower_add(record=customer, user=users["zhangwei"])
    mine = Notification.objects.filter(user=users["zhangwei"], link=customer.get_absolute_url())
    services.message_post(record=customer, author=users["wangfang"], body="内部记录", kind="note")
    assert not mine.exists()
    services.message_post(record=customer, author=users["wangfang"], body="客户已确认")
    assert mine.count() == 1


def test_html_is_sanitized(customer, users):
    msg = services.message_post(
        record=customer,
        author=users["wangfang"],
        body='<p onclick="x()">好<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>',
    )
    assert "<script" not in msg.body and "onclick" not in msg.body and "javascript:" not in msg.body
    assert "好" in msg.body


def test_empty_message_refused(customer, users):
    with pytest.raises(ValidationFailed):
        services.message_post(record=customer, author=users["wangfang"], body="<p> </p>")
    assert not Message.objects.filter(kind="comment").exists()


def test_tracked_field_change_is_written_as_history(customer, users, demo_company):
    partner_save(
        company=demo_company,
        actor=users["wangfang"],
        partner=customer,
        data={"credit_limit": Decimal("88000"), "owner": users["liuyang"]},
    )
    msg = Message.objects.filter(object_id=customer.pk, kind="tracking").first()
    changes = {t["field"]: t for t in msg.tracking}
    assert changes["credit_limit"]["new"] == "88000.00" or changes["credit_limit"]["new"] == "88000"
    assert changes["owner"]["old"] == "王芳" and changes["owner"]["new"] == "刘洋"


def test_activity_schedule_and_done(customer, users):
    a = services.activity_schedule(
        record=customer,
        actor=users["lina"],
        assignee=users["wangfang"],
        summary="回访客户",
        due_date=date(2026, 12, 1),
        type="call",
    )
    assert Notification.objects.filter(user=users["wangfang"], title__contains="回访客户").exists()
    services.activity_done(activity=a, actor=users["wangfang"], feedback="客户满意")
    a.refresh_from_db()
    assert a.state == "done" and a.done_by == users["wangfang"] and a.done_at
    assert Message.objects.filter(object_id=customer.pk, kind="system", body__contains="客户满意").exists()
    with pytest.raises(InvalidTransition):
        services.activity_done(activity=a, actor=users["wangfang"])


def test_activity_assignee_must_belong_to_the_company(customer, users, other_company):
    from ronghe.core.models import User

    before = Activity.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        services.activity_schedule(
            record=customer,
            actor=users["lina"],
            assignee=User.objects.get(username="other_boss"),
            summary="x",
            due_date=date(2026, 12, 1),
        )
    assert "assignee" in exc.value.fields
    assert Activity.objects.count() == before


def test_attachment_limits(customer, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.RONGHE_ATTACHMENT_MAX_BYTES = 1000
    ok = services.attachment_add(
        record=customer,
        actor=users["wangfang"],
        file=SimpleUploadedFile("报价单.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    assert ok.size == 13 and ok.file.read() == b"%PDF-1.4 test"
    with pytest.raises(ValidationFailed):
        services.attachment_add(
            record=customer,
            actor=users["wangfang"],
            file=SimpleUploadedFile("big.pdf", b"x" * 1001, content_type="application/pdf"),
        )
    with pytest.raises(ValidationFailed) as exc:
        services.attachment_add(
            record=customer,
            actor=users["wangfang"],
            file=SimpleUploadedFile("run.exe", b"MZ", content_type="application/x-msdownload"),
        )
    assert "file" in exc.value.fields
    assert len(selectors.attachment_list(record=customer)) == 1


def test_attachment_download_respects_record_scope(client, customer, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    att = services.attachment_add(
        record=customer,
        actor=users["wangfang"],
        file=SimpleUploadedFile("a.txt", b"hello", content_type="text/plain"),
    )
    client.force_login(users["liuyang"])  # another salesperson: may not see the customer
    assert client.get(f"/timeline/attachment/{att.pk}/").status_code == 404
    client.force_login(users["wangfang"])
    r = client.get(f"/timeline/attachment/{att.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"hello"
    assert client.get(f"/media/{att.file.name}").status_code == 404  # never served as a public file


def test_timeline_panel_actions_over_htmx(client, customer, users):
    client.force_login(users["wangfang"])
    url = f"/timeline/partners.partner/{customer.pk}/message/"
    r = client.post(url, {"body": "", "kind": "comment"}, HTTP_HX_REQUEST="true")
    assert (
        r.status_code == 422
        and "请先填写消息内容" in r.content.decode()
        or "Write a message first" in r.content.decode()
    )
    r = client.post(url, {"body": "已电话沟通", "kind": "comment"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "已电话沟通" in r.content.decode()
    other = Partner.objects.filter(owner=users["liuyang"], is_customer=True).first()
    r = client.post(
        f"/timeline/partners.partner/{other.pk}/message/", {"body": "偷看"}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 404
