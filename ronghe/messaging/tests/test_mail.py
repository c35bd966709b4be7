"""Internal mail: a department reaches everyone in it (and below) at the moment it is sent, cc/bcc, threads,
read receipts, folders, search, drafts, attachments only for the people the mail reached, filing on a record."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ronghe.core.errors import NotFound, ValidationFailed
from ronghe.core.models import Role
from ronghe.messaging import selectors, services
from ronghe.messaging.models import MailBox
from ronghe.org.models import Department, Employee
from ronghe.timeline.models import Message, Notification
from ronghe.timeline.selectors import attachment_get_for_user

pytestmark = pytest.mark.django_db


def inbox(user, co, **kw):
    return [b.mail for b in selectors.mailbox_list(user=user, company=co, **kw)]


def test_mail_to_a_department_reaches_its_people_at_that_moment(demo_company, users):
    co = demo_company
    sales = Department.objects.get(company=co, code="SALES")
    mail = services.mail_send(
        company=co,
        actor=users["zhangwei"],
        data={
            "subject": "本周销售例会",
            "body": "<p>周五<b>下午三点</b><script>alert(1)</script></p>",
            "to": [f"dept:{sales.pk}"],
        },
    )
    assert "<script>" not in mail.body and "<b>下午三点</b>" in mail.body
    reached = set(
        MailBox.objects.filter(mail=mail).exclude(role="sender").values_list("user__username", flat=True)
    )
    assert reached == {"lina", "wangfang", "liuyang"}  # the department and its 华东/华南 groups
    assert mail.to_spec == [{"kind": "dept", "id": sales.pk, "label": "销售部"}]
    assert Notification.objects.filter(user=users["wangfang"], title__contains="本周销售例会").exists()
    assert mail in inbox(users["liuyang"], co) and mail in inbox(users["zhangwei"], co, folder="sent")
    assert mail not in inbox(users["sunli"], co)
    # someone who joins the department later does not get the earlier mail
    Employee.objects.filter(company=co, user=users["sunli"]).update(department=sales)
    assert mail not in inbox(users["sunli"], co)
    later = services.mail_send(
        company=co, actor=users["zhangwei"], data={"subject": "第二封", "to": [f"dept:{sales.pk}"]}
    )
    assert later in inbox(users["sunli"], co)


def test_cc_bcc_roles_threads_and_read_receipts(demo_company, users):
    co = demo_company
    zw, lina, wf, sunli = users["zhangwei"], users["lina"], users["wangfang"], users["sunli"]
    accountant = Role.objects.get(company=co, code="accountant")
    first = services.mail_send(
        company=co,
        actor=lina,
        data={
            "subject": "回款计划",
            "body": "请看附件",
            "to": [f"user:{wf.pk}"],
            "cc": [f"role:{accountant.pk}"],
            "bcc": [f"user:{zw.pk}"],
        },
        files=[
            SimpleUploadedFile("回款计划.csv", "客户,金额\n天丰,10000\n".encode(), content_type="text/csv")
        ],
    )
    roles = dict(MailBox.objects.filter(mail=first).values_list("user__username", "role"))
    assert roles == {"lina": "sender", "wangfang": "to", "sunli": "cc", "zhangwei": "bcc"}
    (att,) = first.timeline_attachments.all()
    assert attachment_get_for_user(pk=att.pk, user=sunli, company=co) == att
    with pytest.raises(NotFound):  # not on the mail: neither the mail nor its file
        attachment_get_for_user(pk=att.pk, user=users["zhaolei"], company=co)
    with pytest.raises(NotFound):
        selectors.mail_get_for_user(pk=first.pk, user=users["zhaolei"], company=co)
    # receipts: the sender sees who read it, nobody else does
    services.mail_mark(mail=first, user=wf, read=True)
    receipts = {r.user.username: r.read_at for r in selectors.receipts(mail=first, user=lina)}
    assert receipts["wangfang"] is not None and receipts["sunli"] is None and "zhangwei" in receipts
    assert selectors.receipts(mail=first, user=wf) == []
    # a reply-all goes to the sender and the visible recipients, never to the bcc
    data = services.reply_data(first, wf, reply_all=True)
    assert (
        data["subject"] == "Re: 回款计划"
        and data["to"] == [f"user:{lina.pk}"]
        and data["cc"] == [f"role:{accountant.pk}"]
    )
    reply = services.mail_send(company=co, actor=wf, data={**data, "body": "收到"})
    assert reply.thread_id == first.pk and reply.parent == first
    again = services.mail_send(
        company=co, actor=lina, data={**services.reply_data(reply, lina), "body": "好的"}
    )
    assert again.thread_id == first.pk
    assert [m.pk for m in selectors.thread_for_user(mail=again, user=lina)] == [first.pk, reply.pk, again.pk]
    assert [m.pk for m in selectors.thread_for_user(mail=again, user=zw)] == [
        first.pk
    ]  # only what reached him
    assert selectors.unread_count(user=lina, company=co) >= 1


def test_folders_search_drafts_star_archive_and_errors(demo_company, users):
    co = demo_company
    lina, wf = users["lina"], users["wangfang"]
    with pytest.raises(ValidationFailed) as e:
        services.mail_send(company=co, actor=lina, data={"subject": "无人", "to": []})
    assert "to" in e.value.fields
    with pytest.raises(ValidationFailed) as e:
        services.mail_send(company=co, actor=lina, data={"subject": "x", "to": ["user:999999"]})
    assert "to" in e.value.fields
    draft = services.mail_save_draft(
        company=co, actor=lina, data={"subject": "草稿里的报价说明", "to": [f"user:{wf.pk}"]}
    )
    assert draft in inbox(lina, co, folder="drafts") and draft not in inbox(wf, co)
    sent = services.mail_send(company=co, actor=lina, data={"body": "正文里有关键字：交期"}, mail=draft)
    assert sent.pk == draft.pk and sent.state == "sent"
    assert (
        sent in inbox(wf, co, q="交期")
        and sent in inbox(wf, co, q="报价说明")
        and sent not in inbox(wf, co, q="不存在")
    )
    services.mail_mark(mail=sent, user=wf, starred=True, archived=True)
    assert sent in inbox(wf, co, folder="starred") and sent in inbox(wf, co, folder="archive")
    assert sent not in inbox(wf, co)
    with pytest.raises(NotFound):  # only in one's own mailbox
        services.mail_mark(mail=sent, user=users["sunli"], read=True)


def test_a_mail_filed_on_a_customer_shows_on_its_timeline(demo_company, users):
    from ronghe.partners.models import Partner

    co = demo_company
    customer = Partner.objects.filter(company=co, is_customer=True, parent=None).first()
    mail = services.mail_send(
        company=co,
        actor=users["lina"],
        data={"subject": "天丰的付款条件", "to": [f"user:{users['sunli'].pk}"], "record": customer},
    )
    assert mail.record == customer
    assert Message.objects.filter(object_id=customer.pk, body__contains="天丰的付款条件").exists()
