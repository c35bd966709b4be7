"""The document library: folders as a tree (company space, and a personal space per user) with view / edit /
manage grants to users, departments and roles, inherited down the tree unless a folder stops inheriting;
documents with versions, check-out, tags and share links; one search index over documents and the
attachments of business records (see search.py)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.timeline.models import HasTimeline


class Level(models.IntegerChoices):
    VIEW = 1, _("View")
    EDIT = 2, _("Edit")
    MANAGE = 3, _("Manage")


class Folder(CompanyOwned):
    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent folder"),
    )
    owner = models.ForeignKey(  # set on the root of a personal space (我的文档)
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    inherit = models.BooleanField(_("inherit the parent's permissions"), default=True)

    class Meta:
        verbose_name = _("folder")
        verbose_name_plural = _("folders")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["company", "parent", "name"], name="doc_folder_unique_name"),
            models.UniqueConstraint(
                fields=["company", "owner"],
                condition=models.Q(parent__isnull=True, owner__isnull=False),
                name="doc_personal_root",
            ),
        ]

    def __str__(self):
        return self.display

    @property
    def display(self) -> str:
        """A personal space reads "<user>'s documents" in the reader's language; other folders their name."""
        if self.owner_id and self.parent_id is None:
            from django.utils.translation import gettext

            return gettext("%(user)s's documents") % {"user": self.owner}
        return self.name

    def get_absolute_url(self):
        return reverse("documents:folder", args=[self.pk])


class FolderGrant(models.Model):
    """A permission on a folder (and, by inheritance, below it) for a user, a department (and its
    sub-departments) or a role."""

    folder = models.ForeignKey(Folder, on_delete=models.CASCADE, related_name="grants")
    kind = models.CharField(
        _("to"), max_length=4, choices=[("user", _("User")), ("dept", _("Department")), ("role", _("Role"))]
    )
    target_id = models.PositiveBigIntegerField()
    label = models.CharField(max_length=120, blank=True)
    level = models.PositiveSmallIntegerField(_("permission"), choices=Level.choices, default=Level.VIEW)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["folder", "kind", "target_id"], name="doc_grant_unique")
        ]


class Document(HasTimeline, CompanyOwned):
    folder = models.ForeignKey(
        Folder, on_delete=models.CASCADE, related_name="documents", verbose_name=_("folder")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    tags = models.CharField(_("tags"), max_length=300, blank=True)  # comma separated
    current = models.ForeignKey(
        "DocumentVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )
    checked_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked out by"),
    )
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)

    timeline_tracked = ("name", "folder", "checked_out_by")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["folder", "name"], name="doc_document_unique_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("documents:document", args=[self.pk])

    @classmethod
    def timeline_get_for_user(cls, *, pk, user, company):
        from .selectors import document_get_for_user

        return document_get_for_user(pk=pk, user=user, company=company)

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


def _version_path(instance, filename):
    return f"documents/{instance.document.company_id}/{timezone.now():%Y/%m}/{filename}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=_version_path, max_length=300)
    size = models.PositiveBigIntegerField(_("size"))
    mime = models.CharField(_("type"), max_length=100)
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    text = models.TextField(blank=True)  # extracted by the background task
    text_state = models.CharField(max_length=8, default="pending")  # pending / done / none / failed

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="doc_version_unique")]


class ShareLink(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="shares")
    token = models.CharField(max_length=43, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    password = models.CharField(max_length=128, blank=True)  # hashed (make_password); empty: none
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]


class SearchEntry(models.Model):
    """One searchable thing: a document (its folder decides who finds it) or a record's attachment (its
    record decides). `body` holds the words already segmented (jieba) and separated by spaces; the database's
    full-text index (SQLite FTS5 / PostgreSQL tsvector) is built on title + body by the migration."""

    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, null=True, blank=True, related_name="search_entry"
    )
    attachment = models.OneToOneField(
        "timeline.Attachment", on_delete=models.CASCADE, null=True, blank=True, related_name="search_entry"
    )
    folder_id_cache = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    title = models.TextField()
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["company", "folder_id_cache"], name="doc_search_folder")]
