"""The mail gateway's two doors: an SMTP server (aiosmtpd) that hands each mail to inbound.receive, and an
IMAP poller that fetches unseen mail from a mailbox and does the same."""

import imaplib
import logging

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections

logger = logging.getLogger(__name__)


def _receive(content: bytes, rcpt_tos: list[str]) -> int:
    from django.db import connection

    from ronghe.core.context import acting

    from .inbound import receive

    close_old_connections()
    try:
        with acting(via="mail"):
            return receive(content, envelope_to=rcpt_tos).pk
    finally:
        if not connection.in_atomic_block:  # the gateway's worker threads keep no connection open
            connection.close()


class GatewayHandler:
    """aiosmtpd handler: accepts mail for our domain (any domain when none is configured) and hands each
    mail to `deliver(content, rcpt_tos)` — by default inbound.receive in a worker thread."""

    def __init__(self, deliver=None):
        self.deliver = deliver or sync_to_async(_receive, thread_sensitive=False)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = settings.RONGHE_MAIL_DOMAIN.lower()
        if domain and not address.lower().endswith("@" + domain) and not await _is_alias(address):
            return "550 5.1.1 not a mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        try:
            await self.deliver(envelope.original_content or envelope.content, list(envelope.rcpt_tos))
        except Exception:  # noqa: BLE001 - tell the sending server to retry later rather than lose the mail
            logger.exception("mail gateway: could not take a mail")
            return "451 4.3.0 try again later"
        return "250 OK"


async def _is_alias(address: str) -> bool:
    return await sync_to_async(_alias_exists, thread_sensitive=False)(address)


def _alias_exists(address: str) -> bool:
    from django.db import connection

    from .models import MailAlias

    try:
        return MailAlias.objects.filter(address__iexact=address, active=True).exists()
    finally:
        if not connection.in_atomic_block:  # a worker thread of the gateway: leave no connection behind
            connection.close()


def smtp_controller(host: str = "127.0.0.1", port: int | None = None, deliver=None):
    """An aiosmtpd Controller running the gateway (start() / stop())."""
    from aiosmtpd.controller import Controller

    return Controller(
        GatewayHandler(deliver),
        hostname=host,
        port=port or settings.RONGHE_MAIL_GATEWAY_PORT,
        decode_data=False,
        data_size_limit=settings.RONGHE_ATTACHMENT_MAX_BYTES * 2,
    )


def imap_poll_once(connect=None) -> int:
    """Fetch the unseen mail of the configured IMAP folder, route each, mark it seen. Returns how many."""
    conn = connect() if connect else imaplib.IMAP4_SSL(settings.RONGHE_IMAP_HOST)
    n = 0
    try:
        conn.login(settings.RONGHE_IMAP_USER, settings.RONGHE_IMAP_PASSWORD)
        conn.select(settings.RONGHE_IMAP_FOLDER)
        status, data = conn.search(None, "UNSEEN")
        for num in (data[0] or b"").split() if status == "OK" else []:
            status, parts = conn.fetch(num, "(RFC822)")
            if status != "OK" or not parts or not isinstance(parts[0], tuple):
                continue
            _receive(parts[0][1], [])
            conn.store(num, "+FLAGS", "\\Seen")
            n += 1
    finally:
        try:
            conn.logout()
        except Exception:  # noqa: BLE001
            pass
    return n
