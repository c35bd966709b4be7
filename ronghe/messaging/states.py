from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MailState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class BoxRole(models.TextChoices):
    SENDER = "sender", pgettext_lazy("mail", "From")
    TO = "to", pgettext_lazy("mail", "To")
    CC = "cc", _("Cc")
    BCC = "bcc", _("Bcc")


class Folder(models.TextChoices):
    INBOX = "inbox", _("Inbox")
    SENT = "sent", _("Sent")
    DRAFTS = "drafts", _("Drafts")
    STARRED = "starred", _("Starred")
    ARCHIVE = "archive", _("Archive")


class EmailState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    BOUNCED = "bounced", _("Bounced")


class InboundState(models.TextChoices):
    REPLY = "reply", _("Reply to a record")
    ALIAS = "alias", _("Mail to an alias")
    BOUNCE = "bounce", _("Bounce")
    UNROUTED = "unrouted", _("Not delivered")
