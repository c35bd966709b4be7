"""ronghe mail-gateway: receive e-mail — an SMTP server on a port (put it behind your MX or relay mail for
RONGHE_MAIL_DOMAIN to it), or --imap to poll a mailbox."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Receive e-mail: replies to records, mail to aliases, bounces (SMTP server or IMAP polling)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="0.0.0.0")
        parser.add_argument("--port", type=int, default=settings.RONGHE_MAIL_GATEWAY_PORT)
        parser.add_argument("--imap", action="store_true", help="Poll RONGHE_IMAP_HOST instead of listening")
        parser.add_argument("--every", type=int, default=60, help="Seconds between IMAP polls")

    def handle(self, *args, host, port, imap, every, **options):
        from ronghe.messaging.gateway import imap_poll_once, smtp_controller

        if imap:
            self.stdout.write(f"mail gateway: polling {settings.RONGHE_IMAP_HOST} every {every}s")
            while True:
                n = imap_poll_once()
                if n:
                    self.stdout.write(f"mail gateway: {n} received")
                time.sleep(every)
        controller = smtp_controller(host, port)
        controller.start()
        self.stdout.write(f"mail gateway: SMTP on {host}:{port}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
