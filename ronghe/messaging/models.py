"""Internal mail (站内信) between users, departments and roles; e-mail sent from records (outbox with retry)
and e-mail received by the gateway (replies to records, mail to aliases, bounces)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.timeline.models import HasTimeline

from .states import BoxRole, EmailState, InboundState, MailState


class Mail(HasTimeline, CompanyOwned):
    """One internal mail. Who it went to is in `to_spec`/`cc_spec`/`bcc_spec` as written (users, departments,
    roles); who received it is the MailBox rows made when it was sent (a department's members at that moment)."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )
    external_from = models.CharField(_("from (outside)"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)  # sanitized HTML
    state = models.CharField(_("state"), max_length=8, choices=MailState.choices, default=MailState.DRAFT)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    thread = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("thread")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    to_spec = models.JSONField(_("to"), default=list, blank=True)
    cc_spec = models.JSONField(_("cc"), default=list, blank=True)
    bcc_spec = models.JSONField(_("bcc"), default=list, blank=True)
    # Filed on a record (a customer, an order...): the mail shows on that record's timeline.
    record_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")

    class Meta:
        verbose_name = _("internal mail")
        verbose_name_plural = _("internal mail")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["company", "thread"], name="msg_mail_thread")]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("messaging:mail-detail", args=[self.pk])

    @classmethod
    def timeline_get_for_user(cls, *, pk, user, company):
        """A mail (and its attachments) is seen by its sender and its recipients only."""
        from ronghe.core.errors import NotFound

        mail = cls.objects.filter(pk=pk, company=company, boxes__user=user).first()
        if mail is None:
            raise NotFound()
        return mail


class MailBox(models.Model):
    """A mail in one user's mailbox: as its sender or as a to/cc/bcc recipient, with read, star and archive."""

    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    mail = models.ForeignKey(Mail, on_delete=models.CASCADE, related_name="boxes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mailboxes")
    role = models.CharField(_("as"), max_length=6, choices=BoxRole.choices)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    starred = models.BooleanField(_("starred"), default=False)
    archived = models.BooleanField(_("archived"), default=False)
    at = models.DateTimeField(default=timezone.now)  # sent (or last saved, for a draft)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [models.UniqueConstraint(fields=["mail", "user", "role"], name="msg_box_unique")]
        indexes = [
            models.Index(fields=["user", "company", "role", "archived", "at"], name="msg_box_folder"),
            models.Index(
                fields=["user", "read_at"], name="msg_box_unread", condition=Q(read_at__isnull=True)
            ),
        ]


class OutboundEmail(CompanyOwned):
    """An e-mail sent from a record (quotation, order, invoice, meeting): the outbox row the task delivers,
    retried with back-off; replies come back through its token."""

    record_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    to = models.TextField(_("to"))  # comma separated
    cc = models.TextField(_("cc"), blank=True)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("body"), blank=True)
    token = models.CharField(max_length=32, unique=True)
    message_id = models.CharField(max_length=250, db_index=True)
    state = models.CharField(_("state"), max_length=8, choices=EmailState.choices, default=EmailState.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-id"]
        indexes = [models.Index(fields=["record_type", "record_id"], name="msg_out_record")]

    def __str__(self):
        return self.subject


def _outbound_path(instance, filename):
    return f"mail/out/{instance.email.company_id}/{timezone.now():%Y/%m}/{filename}"


class OutboundAttachment(models.Model):
    email = models.ForeignKey(OutboundEmail, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_outbound_path, max_length=300)
    name = models.CharField(max_length=200)
    mime = models.CharField(max_length=100)


class MailAlias(CompanyOwned):
    """An address the gateway accepts (e.g. sales@example.cn): what arrives there is handed to its handler —
    "notify" sends it as internal mail to the owners; modules register more (crm: a new lead)."""

    address = models.EmailField(_("address"), unique=True)
    handler = models.CharField(_("action"), max_length=40, default="notify")
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("owners")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("mail alias")
        verbose_name_plural = _("mail aliases")
        ordering = ["address"]

    def __str__(self):
        return self.address


class InboundEmail(models.Model):
    """Every e-mail the gateway received, with where it went (a record, an alias, a bounced outbound mail)
    or why it went nowhere."""

    company = models.ForeignKey("core.Company", on_delete=models.CASCADE, null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    from_address = models.CharField(_("from"), max_length=250)
    to_addresses = models.TextField(_("to"), blank=True)
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    message_id = models.CharField(max_length=250, blank=True, db_index=True)
    state = models.CharField(_("state"), max_length=10, choices=InboundState.choices)
    verified = models.BooleanField(_("known sender"), default=False)
    # The known sender (a partner or contact, found through the lookups modules register), if any.
    sender_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sender_id = models.PositiveBigIntegerField(null=True, blank=True)
    sender = GenericForeignKey("sender_type", "sender_id")
    record_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    outbound = models.ForeignKey(
        OutboundEmail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("incoming e-mail")
        verbose_name_plural = _("incoming e-mails")
        ordering = ["-received_at", "-id"]


class Announcement(HasTimeline, CompanyOwned):
    """公告: to the whole company or to departments/roles; everyone it reached has a receipt row from the
    moment it is published, so "who has not read it" is exact; it may require an acknowledgement."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)  # sanitized HTML
    audience_spec = models.JSONField(_("audience"), default=list, blank=True)  # empty: the whole company
    pinned = models.BooleanField(_("pinned to the top"), default=False)
    requires_ack = models.BooleanField(_("acknowledgement required"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    expires_on = models.DateField(_("shown until"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-pinned", "-published_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("messaging:announcement-detail", args=[self.pk])

    @classmethod
    def timeline_get_for_user(cls, *, pk, user, company):
        from ronghe.core.errors import NotFound
        from ronghe.core.scoping import has_perm

        qs = cls.objects.filter(pk=pk, company=company)
        if not has_perm(user, company, "messaging.add_announcement"):
            qs = qs.filter(receipts__user=user)
        found = qs.first()
        if found is None:
            raise NotFound()
        return found


class AnnouncementReceipt(models.Model):
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "user"], name="msg_ann_receipt_unique")
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="msg_ann_receipt_user")]
