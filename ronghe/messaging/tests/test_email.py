"""E-mail through real SMTP on loopback (aiosmtpd servers in the test, Django's SMTP backend and smtplib as
clients): a record's e-mail is queued, delivered by the task with its PDF and a reply token, retried then
failed when the server is down; the gateway takes a reply and files it on the record, sends mail to an alias
to its action, and marks bounces."""

import smtplib
import socket
import threading
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from ronghe.core.testing import run_queued_tasks
from ronghe.crm.models import Lead
from ronghe.messaging import gateway, services
from ronghe.messaging.inbound import receive
from ronghe.messaging.models import InboundEmail, MailAlias, MailBox, OutboundEmail
from ronghe.sales.models import SalesOrder
from ronghe.timeline.models import Attachment, Message, Notification

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Capture:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content)
        )
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    handler = Capture()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.RONGHE_MAIL_DOMAIN = "mail.example.cn"
    yield handler
    controller.stop()


@pytest.fixture
def order(demo_company, users):
    return SalesOrder.objects.filter(company=demo_company, salesperson=users["wangfang"]).first()


def test_a_record_email_is_queued_then_sent_by_the_task_over_smtp(smtp_server, order, users):
    import email

    email_row = services.email_queue(
        record=order,
        actor=users["wangfang"],
        to="buyer@tianfeng.cn",
        subject=f"报价单 {order.number}",
        body="您好，附件是报价单，请查收。",
        attachments=[(f"{order.number}.pdf", b"%PDF-1.4 demo", "application/pdf")],
    )
    assert smtp_server.messages == [] and email_row.state == "queued"  # nothing leaves before commit/worker
    assert run_queued_tasks() >= 1
    (mail_from, rcpts, raw) = smtp_server.messages[0]
    msg = email.message_from_bytes(raw)
    assert rcpts == ["buyer@tianfeng.cn"] and order.number in str(
        email.header.make_header(email.header.decode_header(msg["Subject"]))
    )
    assert (
        msg["Reply-To"] == f"reply+{email_row.token}@mail.example.cn"
        and msg["Message-ID"] == email_row.message_id
    )
    assert [p.get_filename() for p in msg.walk() if p.get_filename()] == [f"{order.number}.pdf"]
    email_row.refresh_from_db()
    assert (email_row.state, email_row.attempts) == ("sent", 1)
    assert Message.objects.filter(
        object_id=order.pk, kind="email", body__contains="buyer@tianfeng.cn"
    ).exists()
    assert services.email_deliver(email_id=email_row.pk) == "skipped" and len(smtp_server.messages) == 1


def test_delivery_is_retried_with_back_off_then_failed_and_the_sender_told(settings, order, users):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        free_port(),
        2,
    )  # nobody listens
    row = services.email_queue(record=order, actor=users["wangfang"], to=["a@b.cn"], subject="试发", body="x")
    assert services.email_deliver(email_id=row.pk) == "retry"
    row.refresh_from_db()
    assert row.state == "queued" and row.attempts == 1 and row.next_attempt_at and "Error" in row.last_error
    for _ in range(services.MAX_ATTEMPTS - 2):
        assert services.email_deliver(email_id=row.pk) == "retry"
    assert services.email_deliver(email_id=row.pk) == "failed"
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("failed", services.MAX_ATTEMPTS)
    assert services.email_deliver(email_id=row.pk) == "skipped"
    assert Notification.objects.filter(user=users["wangfang"], title__contains="试发").exists()
    assert (
        Message.objects.filter(object_id=order.pk, body__contains="could not be sent").exists()
        or Message.objects.filter(object_id=order.pk, body__contains="未能发出").exists()
    )


@pytest.fixture
def gateway_server(settings):
    """The real gateway handler on a loopback port; what it accepts is routed in the test's thread (the
    test's database transaction), exactly as `ronghe mail-gateway` routes it in its own."""
    settings.RONGHE_MAIL_DOMAIN = "mail.example.cn"
    received = []
    done = threading.Event()

    async def deliver(content, rcpt_tos):
        received.append((content, rcpt_tos))
        done.set()

    controller = gateway.smtp_controller("127.0.0.1", free_port(), deliver=deliver)
    controller.start()

    def send(msg: EmailMessage, rcpt: list[str]):
        done.clear()
        with smtplib.SMTP(controller.hostname, controller.port) as client:
            client.send_message(msg, to_addrs=rcpt)
        assert done.wait(5)
        content, rcpts = received.pop()
        return receive(content, envelope_to=rcpts)

    send.controller = controller
    yield send
    controller.stop()


def _mail(frm, to, subject, body, **headers) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = frm, to, subject
    for k, v in headers.items():
        msg[k.replace("_", "-")] = v
    msg.set_content(body)
    return msg


def test_a_reply_to_a_records_email_lands_on_that_record(smtp_server, gateway_server, order, users):
    out = services.email_queue(
        record=order, actor=users["wangfang"], to="buyer@tianfeng.cn", subject="报价", body="x"
    )
    run_queued_tasks()
    reply = _mail(
        "采购部 <buyer@tianfeng.cn>",
        f"reply+{out.token}@mail.example.cn",
        "Re: 报价",
        "价格可以，请安排发货。",
    )
    reply.add_attachment(b"signed", maintype="application", subtype="pdf", filename="盖章合同.pdf")
    row = gateway_server(reply, [f"reply+{out.token}@mail.example.cn"])
    assert (row.state, row.record, row.verified) == ("reply", order, True)
    msg = Message.objects.get(object_id=order.pk, kind="email", body__contains="请安排发货")
    assert "buyer@tianfeng.cn" in msg.body
    assert Attachment.objects.filter(object_id=order.pk, name="盖章合同.pdf").exists()
    assert Notification.objects.filter(user=users["wangfang"], title__contains="Re: 报价").exists()
    # found by In-Reply-To as well, from an unknown address: filed, marked unverified
    other = _mail(
        "someone@else.cn", "info@mail.example.cn", "Re: 报价", "转发给同事看看", In_Reply_To=out.message_id
    )
    row = gateway_server(other, ["info@mail.example.cn"])
    assert row.record == order and not row.verified
    # the gateway refuses addresses of other domains
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        gateway_server(_mail("a@b.cn", "x@elsewhere.cn", "hi", "hi"), ["x@elsewhere.cn"])


def test_mail_to_aliases_creates_a_lead_or_notifies_and_bounces_are_recorded(
    smtp_server, gateway_server, demo_company, users, order
):
    co = demo_company
    sales = MailAlias.objects.create(company=co, address="sales@mail.example.cn", handler="crm.lead")
    sales.owners.add(users["lina"])
    hr = MailAlias.objects.create(company=co, address="hr@mail.example.cn")  # default: mail to its owners
    hr.owners.add(users["wuxia"])
    row = gateway_server(
        _mail("钱经理 <qian@bigbuyer.cn>", "sales@mail.example.cn", "询价：工控机 50 台", "请报价"),
        ["sales@mail.example.cn"],
    )
    lead = Lead.objects.get(company=co, email="qian@bigbuyer.cn")
    assert (
        row.state == "alias"
        and row.record == lead
        and lead.source == "email"
        and lead.company_name == "bigbuyer.cn"
    )
    assert (
        "工控机" in lead.note
        and Notification.objects.filter(user=users["lina"], title__contains="bigbuyer").exists()
    )
    row = gateway_server(
        _mail("applicant@qq.com", "hr@mail.example.cn", "应聘销售代表", "简历见附件"), ["hr@mail.example.cn"]
    )
    box = MailBox.objects.get(user=users["wuxia"], mail__subject="应聘销售代表")
    assert box.mail.external_from == "applicant@qq.com" and row.record == box.mail
    nowhere = gateway_server(_mail("x@y.cn", "nobody@mail.example.cn", "?", "?"), ["nobody@mail.example.cn"])
    assert nowhere.state == "unrouted"
    # a bounce names the original by its token header: the outbound mail is marked and the record says so
    out = services.email_queue(
        record=order, actor=users["wangfang"], to="gone@nowhere.cn", subject="对账单", body="x"
    )
    run_queued_tasks()
    bounce = _mail(
        "MAILER-DAEMON@mx.nowhere.cn",
        out.message_id and "bounces@mail.example.cn",
        "Undelivered Mail Returned to Sender",
        f"This is the mail system.\n\n<gone@nowhere.cn>: user unknown\n\nX-Ronghe-Token: {out.token}\nMessage-ID: {out.message_id}\n",
    )
    row = gateway_server(bounce, ["bounces@mail.example.cn"])
    out.refresh_from_db()
    assert row.state == "bounce" and out.state == "bounced"
    assert (
        Message.objects.filter(object_id=order.pk, body__contains="gone@nowhere.cn")
        .filter(body__contains="bounced")
        .exists()
        or Message.objects.filter(object_id=order.pk, body__contains="退回").exists()
    )
    assert (
        InboundEmail.objects.filter(state="bounce").count() == 1
        and OutboundEmail.objects.filter(state="bounced").count() == 1
    )


def test_an_invoice_is_emailed_with_its_pdf_from_its_page(client, users, demo_company, settings, mailoutbox):
    from ronghe.accounting.models import Invoice

    inv = Invoice.objects.filter(company=demo_company, state="posted", kind="sale", is_refund=False).first()
    client.force_login(users["sunli"])
    r = client.get(f"/accounting/invoices/{inv.pk}/pdf/")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    settings.EMAIL_HOST = "smtp.example.cn"
    page = client.get(inv.get_absolute_url()).content.decode()
    assert "发送" in page and "PDF" in page
    assert (
        client.post(
            f"/accounting/invoices/{inv.pk}/email/", {"to": "ap@customer.cn", "body": "请查收发票"}
        ).status_code
        == 302
    )
    run_queued_tasks()
    (mail,) = [m for m in mailoutbox if m.to == ["ap@customer.cn"]]
    assert inv.number in mail.subject and mail.attachments[0][1].startswith(b"%PDF")
    assert Message.objects.filter(object_id=inv.pk, kind="email", body__contains="ap@customer.cn").exists()


def test_imap_polling_routes_unseen_mail_and_marks_it_seen(settings, order, users):
    """No IMAP server runs here: a stand-in speaks the few IMAP4 calls the poller makes (imaplib's API); the
    routing behind it is the real one."""
    from ronghe.messaging.gateway import imap_poll_once

    settings.EMAIL_HOST = "127.0.0.1"
    out = services.email_queue(
        record=order, actor=users["wangfang"], to="buyer@tianfeng.cn", subject="对账", body="x"
    )
    reply = _mail(
        "buyer@tianfeng.cn", f"reply+{out.token}@mail.example.cn", "Re: 对账", "金额无误"
    ).as_bytes()

    class Mailbox:
        def __init__(self):
            self.seen, self.calls = set(), []

        def login(self, user, password):
            self.calls.append("login")

        def select(self, folder):
            self.calls.append(f"select {folder}")

        def search(self, charset, criterion):
            return "OK", [b"7" if "7" not in self.seen else b""]

        def fetch(self, num, parts):
            return "OK", [(b"7 (RFC822 {%d}" % len(reply), reply), b")"]

        def store(self, num, flags, value):
            self.seen.add(num.decode() if isinstance(num, bytes) else num)

        def logout(self):
            self.calls.append("logout")

    box = Mailbox()
    from unittest import mock

    with mock.patch("ronghe.messaging.gateway.close_old_connections"):  # the test's transaction stays open
        assert imap_poll_once(connect=lambda: box) == 1
        assert imap_poll_once(connect=lambda: box) == 0  # seen: not taken twice
    assert box.seen == {"7"} and box.calls[-1] == "logout"
    assert Message.objects.filter(object_id=order.pk, kind="email", body__contains="金额无误").exists()
