"""Library services: folders and their grants, documents and versions (upload, new version, restore an old
one), check-out locks, share links with expiry and password, and the limits — file size, the company's
quota, the allowed types, and names without path tricks. The text of a version is extracted by a task and
indexed for search."""

import datetime
import hashlib
import mimetypes
import re
import secrets
import unicodedata

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from ronghe.core.transactions import service_transaction
from ronghe.org.addressing import labelled as labelled_specs
from ronghe.timeline.services import ATTACHMENT_TYPES, message_system

from . import access, search
from .models import Document, DocumentVersion, Folder, FolderGrant, Level, ShareLink

_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def safe_name(name: str, field: str = "name") -> str:
    """A file or folder name without path tricks: no directories (/ or \\), no . or .., no control or
    reserved characters, no device names; refused rather than silently changed when nothing sensible is left."""
    raw = unicodedata.normalize("NFC", name or "").strip()
    if "/" in raw or "\\" in raw or raw in (".", "..") or raw.startswith(".."):
        raise ValidationFailed(fields={field: [_("A name cannot contain / or \\ or be . or ..")]})
    cleaned = _BAD_CHARS.sub("", raw).strip().rstrip(".")
    if not cleaned:
        raise ValidationFailed(fields={field: [_("This field is required.")]})
    if cleaned.split(".")[0].lower() in _RESERVED:
        raise ValidationFailed(fields={field: [_("This name is reserved: choose another.")]})
    return cleaned[:200]


def _need(user, company, folder, level: int) -> int:
    have = access.level_on(user, company, folder)
    if have < level:
        if have == 0:
            raise NotFound()
        raise PermissionDenied()
    return have


# --- folders -----------------------------------------------------------------------------------------------------


def personal_root(*, company, user) -> Folder:
    """The user's own space (我的文档), created on first use."""
    root = Folder.objects.filter(company=company, owner=user, parent=None).first()
    if root is None:
        Folder.objects.bulk_create(
            [
                Folder(
                    company=company,
                    owner=user,
                    name=f"{_('My documents')} · {user.username}",
                    created_by=user,
                )
            ],
            ignore_conflicts=True,
        )
        root = Folder.objects.get(company=company, owner=user, parent=None)
    return root


@service_transaction
def folder_create(*, company, actor, name: str, parent: Folder | None = None, inherit: bool = True) -> Folder:
    """A folder in a folder one manages; a top-level company folder needs the library permission."""
    from ronghe.core.scoping import has_perm

    name = safe_name(name)
    if parent is None:
        if not has_perm(actor, company, "documents.add_folder"):
            raise PermissionDenied()
    else:
        _need(actor, company, parent, Level.MANAGE)
    if Folder.objects.filter(company=company, parent=parent, name=name).exists():
        raise ValidationFailed(fields={"name": [_("There is already a folder with this name here.")]})
    return Folder.objects.create(company=company, parent=parent, name=name, inherit=inherit, created_by=actor)


@service_transaction
def folder_update(*, folder: Folder, actor, name: str | None = None, inherit: bool | None = None) -> Folder:
    _need(actor, folder.company, folder, Level.MANAGE)
    if name is not None:
        folder.name = safe_name(name)
    if inherit is not None:
        folder.inherit = inherit
    folder.save()
    return folder


@service_transaction
def grants_set(*, folder: Folder, actor, grants: list[dict]) -> list[FolderGrant]:
    """Replace the folder's grants: [{"kind": "user"|"dept"|"role", "id": n, "level": 1|2|3}]."""
    _need(actor, folder.company, folder, Level.MANAGE)
    clean = []
    for i, g in enumerate(grants):
        level = g.get("level")
        if level not in Level.values:
            raise ValidationFailed(fields={f"grants.{i}.level": [_("Choose view, edit or manage.")]})
        clean.append({"kind": g.get("kind"), "id": g.get("id"), "level": level})
    labelled = labelled_specs(folder.company, [{"kind": g["kind"], "id": g["id"]} for g in clean], "grants")
    FolderGrant.objects.filter(folder=folder).delete()
    made = FolderGrant.objects.bulk_create(
        [
            FolderGrant(
                folder=folder, kind=g["kind"], target_id=g["id"], label=lab["label"], level=g["level"]
            )
            for g, lab in zip(clean, labelled, strict=True)
        ]
    )
    return made


@service_transaction
def folder_delete(*, folder: Folder, actor) -> None:
    _need(actor, folder.company, folder, Level.MANAGE)
    if folder.parent_id is None and folder.owner_id is not None:
        raise InvalidTransition(_("A personal space cannot be deleted."))
    if Document.objects.filter(folder__in=_subtree(folder)).exists():
        raise InvalidTransition(_("The folder is not empty."))
    folder.delete()


def _subtree(folder) -> list[int]:
    ids, frontier = [folder.pk], [folder.pk]
    while frontier:
        frontier = list(Folder.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return ids


# --- documents and versions ----------------------------------------------------------------------------------------


def _check_file(company, file, name: str) -> tuple[str, int, str]:
    size = getattr(file, "size", None) or 0
    if size <= 0:
        raise ValidationFailed(fields={"file": [_("The file is empty.")]})
    limit = settings.RONGHE_DOCUMENT_MAX_BYTES
    if size > limit:
        raise ValidationFailed(
            fields={"file": [_("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}]}
        )
    guessed = mimetypes.guess_type(name)[0] or ""
    mime = guessed or getattr(file, "content_type", "") or "application/octet-stream"
    if mime not in ATTACHMENT_TYPES or (
        getattr(file, "content_type", "") and guessed and guessed not in ATTACHMENT_TYPES
    ):
        raise ValidationFailed(
            fields={"file": [_("Files of type %(type)s are not accepted.") % {"type": mime}]}
        )
    used = DocumentVersion.objects.filter(document__company=company).aggregate(s=Sum("size"))["s"] or 0
    quota = settings.RONGHE_DOCUMENT_QUOTA_BYTES
    if used + size > quota:
        raise ValidationFailed(
            fields={
                "file": [
                    _("The company's library is full (%(used)s of %(quota)s MB used).")
                    % {"used": used // (1024 * 1024), "quota": quota // (1024 * 1024)}
                ]
            }
        )
    return name, size, mime


def _add_version(document: Document, actor, file, note: str = "", name: str | None = None) -> DocumentVersion:
    name = name or document.name
    _name, size, mime = _check_file(document.company, file, name)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = DocumentVersion(
        document=document,
        number=last + 1,
        size=size,
        mime=mime,
        sha256=digest.hexdigest(),
        note=note[:200],
        created_by=actor,
    )
    version.file.save(name, file, save=False)
    version.save()
    document.current = version
    document.save(update_fields=["current", "updated_at"])
    search.index_document(document)
    from .tasks import extract_text_task

    extract_text_task.enqueue(version_id=version.pk)
    return version


@service_transaction
def document_upload(
    *, folder: Folder, actor, file, name: str = "", description: str = "", tags: str = ""
) -> Document:
    """A new document in a folder one may edit, as version 1."""
    company = folder.company
    _need(actor, company, folder, Level.EDIT)
    name = safe_name(name or getattr(file, "name", ""), "file")
    if Document.objects.filter(folder=folder, name=name).exists():
        raise ValidationFailed(
            fields={
                "file": [
                    _("%(name)s is already in this folder: upload a new version of it.") % {"name": name}
                ]
            }
        )
    doc = Document.objects.create(
        company=company,
        folder=folder,
        name=name,
        description=(description or "").strip(),
        tags=_tags(tags),
        created_by=actor,
    )
    _add_version(doc, actor, file, name=name)
    return doc


def _tags(tags) -> str:
    if isinstance(tags, str):
        tags = re.split(r"[,，、;；]", tags)
    return ",".join(dict.fromkeys(t.strip()[:30] for t in tags or [] if t.strip()))[:300]


def _lock_doc(document, actor, level) -> Document:
    doc = Document.objects.select_for_update().select_related("company", "folder").get(pk=document.pk)
    _need(actor, doc.company, doc.folder, level)
    return doc


def _not_locked_by_other(doc, actor):
    if doc.checked_out_by_id and doc.checked_out_by_id != actor.pk:
        raise InvalidTransition(
            _("%(name)s is checked out by %(user)s since %(when)s.")
            % {
                "name": doc.name,
                "user": doc.checked_out_by,
                "when": timezone.localtime(doc.checked_out_at).strftime("%Y-%m-%d %H:%M"),
            }
        )


@service_transaction
def version_upload(*, document: Document, actor, file, note: str = "") -> DocumentVersion:
    """A new version (the previous ones stay); refused while someone else has it checked out."""
    doc = _lock_doc(document, actor, Level.EDIT)
    _not_locked_by_other(doc, actor)
    version = _add_version(doc, actor, file, note=note)
    message_system(record=doc, text=_("Version %(n)s uploaded") % {"n": version.number}, author=actor)
    return version


@service_transaction
def version_restore(*, document: Document, version: DocumentVersion, actor) -> DocumentVersion:
    """Make an old version current again — as a new version with the same file, so nothing is lost."""
    from django.core.files.base import ContentFile

    doc = _lock_doc(document, actor, Level.EDIT)
    _not_locked_by_other(doc, actor)
    if version.document_id != doc.pk:
        raise NotFound()
    with version.file.open("rb") as fh:
        content = ContentFile(fh.read(), name=doc.name)
    content.content_type = version.mime
    new = _add_version(doc, actor, content, note=_("restored from version %(n)s") % {"n": version.number})
    message_system(
        record=doc,
        text=_("Version %(old)s restored as version %(new)s") % {"old": version.number, "new": new.number},
        author=actor,
    )
    return new


@service_transaction
def document_update(*, document: Document, actor, data: dict) -> Document:
    doc = _lock_doc(document, actor, Level.EDIT)
    _not_locked_by_other(doc, actor)
    if "name" in data:
        name = safe_name(data["name"])
        if name != doc.name and Document.objects.filter(folder=doc.folder, name=name).exists():
            raise ValidationFailed(fields={"name": [_("There is already a document with this name here.")]})
        doc.name = name
    if "description" in data:
        doc.description = (data["description"] or "").strip()
    if "tags" in data:
        doc.tags = _tags(data["tags"])
    if "folder" in data and data["folder"] is not None and data["folder"].pk != doc.folder_id:
        _need(actor, doc.company, data["folder"], Level.EDIT)
        doc.folder = data["folder"]
    doc.save()
    search.index_document(doc)
    return doc


@service_transaction
def document_checkout(*, document: Document, actor) -> Document:
    """签出: others cannot upload versions until it is checked in (or a manager releases it)."""
    doc = _lock_doc(document, actor, Level.EDIT)
    _not_locked_by_other(doc, actor)
    doc.checked_out_by, doc.checked_out_at = actor, timezone.now()
    doc.save(update_fields=["checked_out_by", "checked_out_at", "updated_at"])
    return doc


@service_transaction
def document_checkin(*, document: Document, actor) -> Document:
    doc = _lock_doc(document, actor, Level.EDIT)
    if doc.checked_out_by_id is None:
        return doc
    if doc.checked_out_by_id != actor.pk and access.level_on(actor, doc.company, doc.folder) < Level.MANAGE:
        raise PermissionDenied(
            _("Only %(user)s or a manager of the folder can release it.") % {"user": doc.checked_out_by}
        )
    doc.checked_out_by, doc.checked_out_at = None, None
    doc.save(update_fields=["checked_out_by", "checked_out_at", "updated_at"])
    return doc


@service_transaction
def document_delete(*, document: Document, actor) -> None:
    doc = _lock_doc(document, actor, Level.MANAGE)
    for v in doc.versions.all():
        v.file.delete(save=False)
    doc.delete()


# --- share links -----------------------------------------------------------------------------------------------------


@service_transaction
def share_create(*, document: Document, actor, days: int = 7, password: str = "") -> ShareLink:
    """A link anyone can open until it expires (1–90 days), optionally with a password."""
    doc = _lock_doc(document, actor, Level.EDIT)
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= 90:
        raise ValidationFailed(fields={"days": [_("Between 1 and 90 days.")]})
    link = ShareLink.objects.create(
        document=doc,
        token=secrets.token_urlsafe(32),
        expires_at=timezone.now() + datetime.timedelta(days=days),
        password=make_password(password) if password else "",
        created_by=actor,
    )
    message_system(
        record=doc, text=_("Share link created, valid for %(days)s days") % {"days": days}, author=actor
    )
    return link


@service_transaction
def share_revoke(*, link: ShareLink, actor) -> None:
    _lock_doc(link.document, actor, Level.EDIT)
    ShareLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def share_open(*, token: str, password: str = "") -> DocumentVersion:
    """The current version behind a share link, or NotFound (unknown, revoked, expired) / PermissionDenied
    (wrong password). Counts the download."""
    link = ShareLink.objects.select_related("document__current").filter(token=token).first()
    if link is None or link.revoked_at or link.expires_at <= timezone.now() or link.document.current is None:
        raise NotFound()
    if link.password and not check_password(password or "", link.password):
        raise PermissionDenied(_("Wrong password."))
    ShareLink.objects.filter(pk=link.pk).update(downloads=link.downloads + 1)
    return link.document.current


# --- text extraction and attachments' index ------------------------------------------------------------------------


def version_extract(*, version_id: int) -> str:
    """The task's body: read the version's text, store it, re-index its document. Idempotent."""
    from .extract import text_of

    version = DocumentVersion.objects.select_related("document").filter(pk=version_id).first()
    if version is None or version.text_state == "done":
        return "skipped"
    try:
        with version.file.open("rb") as fh:
            text = text_of(fh.read(), version.mime, version.document.name)
        state = "done" if text.strip() else "none"
    except Exception:  # noqa: BLE001 - an unreadable file stays findable by its name
        text, state = "", "failed"
    DocumentVersion.objects.filter(pk=version.pk).update(text=text, text_state=state)
    doc = Document.objects.select_related("current").get(pk=version.document_id)
    if doc.current_id == version.pk:
        search.index_document(doc)
    return state


def index_new_attachments(limit: int = 200) -> int:
    """Recurring job: attachments of records not yet in the search index get their text read and indexed."""
    from ronghe.timeline.models import Attachment

    from .extract import text_of

    n = 0
    for att in Attachment.objects.filter(search_entry__isnull=True).order_by("pk")[:limit]:
        try:
            with att.file.open("rb") as fh:
                text = text_of(fh.read(), att.mime, att.name)
        except Exception:  # noqa: BLE001
            text = ""
        search.index_attachment(att, text)
        n += 1
    return n
