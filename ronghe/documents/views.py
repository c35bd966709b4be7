"""Library pages: the folder tree and a folder's documents (upload, new folder), folder permissions, a
document (preview, versions and restore, check-out, share links), search, the attachments of records, and
the public page of a share link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ronghe.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from ronghe.core.scoping import has_perm
from ronghe.org.addressing import options as recipient_options
from ronghe.web.forms import flash_service_errors

from . import selectors, services
from .models import Level, ShareLink

INLINE = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain"}


def _tree(request, current=None):
    return {
        "tree": selectors.folder_tree(user=request.user, company=request.company),
        "current": current,
        "can_add_root": has_perm(request.user, request.company, "documents.add_folder"),
    }


def _breadcrumb(folder):
    chain = []
    while folder is not None:
        chain.append(folder)
        folder = folder.parent
    return list(reversed(chain))


@login_required
def home(request):
    services.personal_root(company=request.company, user=request.user)
    return render(request, "documents/home.html", _tree(request))


@login_required
def folder(request, pk):
    company = request.company
    f, level = selectors.folder_get_for_user(pk=pk, user=request.user, company=company)
    q, tag = request.GET.get("q", ""), request.GET.get("tag", "")
    tree = _tree(request, f)
    children = [row for row in tree["tree"] if row["folder"].parent_id == f.pk]
    return render(
        request,
        "documents/folder.html",
        {
            **tree,
            "folder": f,
            "level": level,
            "children": children,
            "docs": list(selectors.documents_in(folder=f, q=q, tag=tag)[:500]),
            "q": q,
            "tag": tag,
            "breadcrumb": _breadcrumb(f),
            "can_edit": level >= Level.EDIT,
            "can_manage": level >= Level.MANAGE,
        },
    )


@login_required
@require_POST
def folder_act(request, pk, action):
    company = request.company
    f, _level = selectors.folder_get_for_user(pk=pk, user=request.user, company=company)
    try:
        if action == "upload":
            files = request.FILES.getlist("files")
            if not files:
                raise ValidationFailed(fields={"file": [_("Choose a file to upload.")]})
            for upload in files:
                services.document_upload(
                    folder=f,
                    actor=request.user,
                    file=upload,
                    description=request.POST.get("description", ""),
                    tags=request.POST.get("tags", ""),
                )
            messages.success(request, _("Uploaded: the text is indexed in the background."))
        elif action == "new-folder":
            sub = services.folder_create(
                company=company, actor=request.user, name=request.POST.get("name", ""), parent=f
            )
            return redirect(sub.get_absolute_url())
        elif action == "delete":
            parent = f.parent
            services.folder_delete(folder=f, actor=request.user)
            messages.success(request, _("Deleted."))
            return redirect(parent.get_absolute_url() if parent else "documents:home")
        else:
            raise Http404
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(f.get_absolute_url())


@login_required
@require_POST
def root_folder_create(request):
    try:
        f = services.folder_create(
            company=request.company, actor=request.user, name=request.POST.get("name", "")
        )
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
        return redirect("documents:home")
    return redirect(f.get_absolute_url())


@login_required
def folder_settings(request, pk):
    company = request.company
    f, level = selectors.folder_get_for_user(pk=pk, user=request.user, company=company)
    if level < Level.MANAGE:
        raise PermissionDenied()
    if request.method == "POST":
        kinds, levels = request.POST.getlist("grant"), request.POST.getlist("grant_level")
        grants = []
        for value, lv in zip(kinds, levels, strict=False):
            kind, _sep, target = value.partition(":")
            if target.isdigit() and lv.isdigit():
                grants.append({"kind": kind, "id": int(target), "level": int(lv)})
        try:
            services.folder_update(
                folder=f,
                actor=request.user,
                name=request.POST.get("name", f.name),
                inherit=bool(request.POST.get("inherit")),
            )
            services.grants_set(folder=f, actor=request.user, grants=grants)
        except ValidationFailed as exc:
            flash_service_errors(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(f.get_absolute_url())
    grants = [{"value": f"{g.kind}:{g.target_id}", "level": g.level} for g in f.grants.all()]
    return render(
        request,
        "documents/folder_settings.html",
        {
            **_tree(request, f),
            "folder": f,
            "breadcrumb": _breadcrumb(f),
            "options": recipient_options(company),
            "grants": grants,
            "levels": [{"value": v, "label": str(lab)} for v, lab in Level.choices],
        },
    )


@login_required
def document(request, pk):
    company = request.company
    doc = selectors.document_get_for_user(pk=pk, user=request.user, company=company)
    level = services.access.level_on(request.user, company, doc.folder)
    versions = list(doc.versions.select_related("created_by"))
    shares = (
        list(doc.shares.filter(revoked_at__isnull=True).order_by("-created_at"))
        if level >= Level.EDIT
        else []
    )
    new_share = request.session.pop("new_share", None)
    return render(
        request,
        "documents/document.html",
        {
            **_tree(request, doc.folder),
            "doc": doc,
            "level": level,
            "versions": versions,
            "shares": shares,
            "new_share": new_share,
            "breadcrumb": _breadcrumb(doc.folder),
            "previewable": doc.current and doc.current.mime in INLINE,
            "can_edit": level >= Level.EDIT,
            "can_manage": level >= Level.MANAGE,
            "locked_by_other": doc.checked_out_by_id and doc.checked_out_by_id != request.user.pk,
        },
    )


@login_required
def download(request, pk, number=None):
    doc = selectors.document_get_for_user(pk=pk, user=request.user, company=request.company)
    version = doc.versions.filter(number=number).first() if number else doc.current
    if version is None:
        raise NotFound()
    inline = request.GET.get("inline") == "1" and version.mime in INLINE
    name = doc.name if number is None else f"v{version.number}-{doc.name}"
    return FileResponse(
        version.file.open("rb"), as_attachment=not inline, filename=name, content_type=version.mime
    )


@login_required
@require_POST
def document_act(request, pk, action):
    doc = selectors.document_get_for_user(pk=pk, user=request.user, company=request.company)
    user = request.user
    try:
        if action == "checkout":
            services.document_checkout(document=doc, actor=user)
            messages.success(request, _("Checked out: others cannot upload versions until you check it in."))
        elif action == "checkin":
            services.document_checkin(document=doc, actor=user)
            messages.success(request, _("Checked in."))
        elif action == "version":
            f = request.FILES.get("file")
            if f is None:
                raise ValidationFailed(fields={"file": [_("Choose a file to upload.")]})
            v = services.version_upload(document=doc, actor=user, file=f, note=request.POST.get("note", ""))
            messages.success(request, _("Version %(n)s uploaded") % {"n": v.number})
        elif action == "restore":
            old = doc.versions.filter(number=request.POST.get("number") or 0).first()
            if old is None:
                raise NotFound()
            v = services.version_restore(document=doc, version=old, actor=user)
            messages.success(
                request,
                _("Version %(old)s restored as version %(new)s") % {"old": old.number, "new": v.number},
            )
        elif action == "update":
            services.document_update(
                document=doc,
                actor=user,
                data={k: request.POST.get(k, "") for k in ("name", "description", "tags")},
            )
            messages.success(request, _("Saved."))
        elif action == "share":
            link = services.share_create(
                document=doc,
                actor=user,
                days=request.POST.get("days") or 7,
                password=request.POST.get("password", ""),
            )
            request.session["new_share"] = request.build_absolute_uri(f"/documents/s/{link.token}/")
        elif action == "revoke":
            link = doc.shares.filter(pk=request.POST.get("link") or 0).first()
            if link is None:
                raise NotFound()
            services.share_revoke(link=link, actor=user)
            messages.success(request, _("The link no longer works."))
        elif action == "delete":
            folder = doc.folder
            services.document_delete(document=doc, actor=user)
            messages.success(request, _("Deleted."))
            return redirect(folder.get_absolute_url())
        else:
            raise Http404
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(doc.get_absolute_url())


def shared(request, token):
    """A share link: anyone with it, until it expires; a password when one was set."""
    link = ShareLink.objects.select_related("document").filter(token=token).first()
    error = ""
    if request.method == "POST" or (link is not None and not link.password):
        try:
            version = services.share_open(token=token, password=request.POST.get("password", ""))
        except NotFound:
            return render(request, "documents/shared.html", {"gone": True}, status=404)
        except PermissionDenied as exc:
            error = str(exc.message)
        else:
            return FileResponse(
                version.file.open("rb"),
                as_attachment=True,
                filename=link.document.name,
                content_type=version.mime,
            )
    if link is None:
        return render(request, "documents/shared.html", {"gone": True}, status=404)
    return render(
        request, "documents/shared.html", {"link": link, "error": error}, status=403 if error else 200
    )


@login_required
def search_page(request):
    q = request.GET.get("q", "").strip()
    results = selectors.search_library(user=request.user, company=request.company, q=q) if q else []
    terms = services.search._terms(q) if q else []
    for r in results:
        r["snippet"] = _snippet(r, terms)
    return render(request, "documents/search.html", {**_tree(request), "q": q, "results": results})


def _snippet(result, terms) -> str:
    if result["kind"] == "document":
        doc = result["obj"]
        text = (doc.current.text if doc.current else "") or doc.description
    else:
        entry = getattr(result["obj"], "search_entry", None)
        text = entry.body.replace(" ", "") if entry else ""
    for t in terms:
        i = text.lower().find(t)
        if i >= 0:
            start = max(0, i - 30)
            return ("…" if start else "") + text[start : i + 60].replace("\n", " ") + "…"
    return text[:90].replace("\n", " ")


@login_required
def records(request):
    q = request.GET.get("q", "")
    rows = [
        {"att": a, "record": a.record, "kind": a.content_type.model_class()._meta.verbose_name}
        for a in selectors.record_attachments(user=request.user, company=request.company, q=q)
    ]
    return render(request, "documents/records.html", {**_tree(request), "rows": rows, "q": q})
