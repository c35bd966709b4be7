"""Library reads, always through the user's folder levels (access.levels): the folder tree one may see,
a folder's documents, a document, search results, and the attachments of records one may open."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from ronghe.core.errors import NotFound

from . import access, search
from .models import Document, Folder, Level, SearchEntry


def folder_tree(*, user, company) -> list[dict]:
    """The folders the user may see as a flat list in tree order: {"folder", "level", "depth"}; a folder the
    user may not see hides nothing below it that the user may see (it shows as a path step)."""
    levels = access.levels(user, company)
    folders = list(Folder.objects.filter(company=company).order_by("name", "pk"))
    by_parent: dict[int | None, list[Folder]] = {}
    for f in folders:
        by_parent.setdefault(f.parent_id, []).append(f)
    visible_or_above = set()
    parent_of = {f.pk: f.parent_id for f in folders}
    for fid in levels:
        p = fid
        while p is not None and p not in visible_or_above:
            visible_or_above.add(p)
            p = parent_of.get(p)
    out = []

    def walk(parent, depth):
        kids = by_parent.get(parent, [])
        kids.sort(
            key=lambda f: (f.owner_id is not None and f.owner_id != user.pk, f.owner_id is None, f.name)
        )
        for f in kids:
            if f.pk in visible_or_above:
                level = levels.get(f.pk, 0)
                out.append(
                    {
                        "folder": f,
                        "level": level,
                        "label": Level(level).label if level else "",
                        "depth": depth,
                    }
                )
                walk(f.pk, depth + 1)

    walk(None, 0)
    return out


def folder_get_for_user(*, pk, user, company) -> tuple[Folder, int]:
    folder = Folder.objects.filter(pk=pk, company=company).first()
    level = access.level_on(user, company, folder) if folder else 0
    if not level:
        raise NotFound()
    return folder, level


def documents_in(*, folder, q: str = "", tag: str = ""):
    qs = Document.objects.filter(folder=folder).select_related(
        "current", "checked_out_by", "current__created_by"
    )
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(description__icontains=q) | Q(tags__icontains=q))
    if tag:
        qs = qs.filter(tags__icontains=tag)
    return qs.order_by("name", "pk")


def document_get_for_user(*, pk, user, company) -> Document:
    doc = (
        Document.objects.filter(pk=pk, company=company)
        .select_related("folder", "current", "checked_out_by")
        .first()
    )
    if doc is None or not access.level_on(user, company, doc.folder):
        raise NotFound()
    return doc


def search_library(*, user, company, q: str, limit: int = 30, offset: int = 0) -> list[dict]:
    """Documents in folders the user may view and attachments of records the user may open that contain
    every word of q: [{"kind": "document"|"attachment", "obj", "record"}]."""
    from ronghe.timeline.selectors import record_get_for_user

    levels = access.levels(user, company)
    out = []
    fetch_offset = offset
    while len(out) < limit:
        ids = search.match_ids(
            company_id=company.pk,
            q=q,
            folder_ids=set(levels),
            attachments=True,
            limit=limit * 2,
            offset=fetch_offset,
        )
        if not ids:
            break
        fetch_offset += len(ids)
        entries = {
            e.pk: e
            for e in SearchEntry.objects.filter(pk__in=ids).select_related(
                "document__folder", "document__current", "attachment__content_type"
            )
        }
        for pk in ids:
            e = entries.get(pk)
            if e is None:
                continue
            if e.document_id:
                out.append({"kind": "document", "obj": e.document, "record": None})
            elif e.attachment_id:
                att = e.attachment
                try:
                    record = record_get_for_user(
                        label=att.content_type.model_class()._meta.label_lower,
                        pk=att.object_id,
                        user=user,
                        company=company,
                    )
                except NotFound:
                    continue
                out.append({"kind": "attachment", "obj": att, "record": record})
            if len(out) >= limit:
                break
    return out


def record_attachments(*, user, company, q: str = "", limit: int = 200):
    """The attachments of business records the user may open (the library's "Records" view), newest first:
    for each kind of record, only the records the user's scope allows."""
    from django.apps import apps

    from ronghe.core.errors import PermissionDenied
    from ronghe.core.scoping import scope_queryset
    from ronghe.timeline.models import Attachment, HasTimeline

    qs = Attachment.objects.filter(company=company)
    if q:
        qs = qs.filter(name__icontains=q)
    type_ids = set(qs.values_list("content_type_id", flat=True).distinct())
    allowed = Q(pk__in=[])
    for ct in ContentType.objects.filter(pk__in=type_ids):
        model = apps.get_model(ct.app_label, ct.model)
        if model is None or not issubclass(model, HasTimeline) or hasattr(model, "timeline_get_for_user"):
            continue  # mail, announcements, approvals and library documents have their own pages
        try:
            records = scope_queryset(
                model._default_manager.all(),
                user=user,
                company=company,
                perm=f"{ct.app_label}.view_{ct.model}",
            )
        except PermissionDenied:
            continue
        allowed |= Q(content_type=ct, object_id__in=records.values("pk"))
    return (
        qs.filter(allowed)
        .select_related("content_type", "uploaded_by")
        .order_by("-created_at", "-pk")[:limit]
    )
