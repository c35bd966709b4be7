"""Library endpoints: folders (tree with the caller's level, create, grants), documents (list, upload, new
version, restore, check-out/in, share link), and search inside files."""

from datetime import datetime

from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from ronghe.core.apikit import require_company

from . import selectors, services
from .models import Level

router = Router(tags=["documents"])


class FolderOut(Schema):
    id: int
    name: str
    parent_id: int | None
    owner_id: int | None
    inherit: bool
    level: int
    depth: int


class FolderIn(Schema):
    name: str
    parent_id: int | None = None
    inherit: bool = True


class GrantIn(Schema):
    kind: str  # user, dept, role
    id: int
    level: int  # 1 view, 2 edit, 3 manage


class VersionOut(Schema):
    number: int
    size: int
    mime: str
    sha256: str
    note: str
    created_by_id: int | None
    created_at: datetime
    text_state: str


class DocumentOut(Schema):
    id: int
    folder_id: int
    name: str
    description: str
    tags: list[str]
    current: VersionOut | None
    checked_out_by_id: int | None
    checked_out_at: datetime | None

    @staticmethod
    def resolve_tags(obj):
        return obj.tag_list


class DocumentDetailOut(DocumentOut):
    versions: list[VersionOut]

    @staticmethod
    def resolve_versions(obj):
        return list(obj.versions.all())


class ShareIn(Schema):
    days: int = 7
    password: str = ""


class ShareOut(Schema):
    url: str
    expires_at: datetime


class HitOut(Schema):
    kind: str
    id: int
    name: str
    url: str


def _folder(request, pk):
    return selectors.folder_get_for_user(pk=pk, user=request.user, company=require_company(request))[0]


def _doc(request, pk):
    return selectors.document_get_for_user(pk=pk, user=request.user, company=require_company(request))


@router.get(
    "/folders", response=list[FolderOut], summary="The folders I may see, in tree order, with my level"
)
def folder_list(request):
    rows = selectors.folder_tree(user=request.user, company=require_company(request))
    return [
        {
            "id": r["folder"].pk,
            "name": r["folder"].name,
            "parent_id": r["folder"].parent_id,
            "owner_id": r["folder"].owner_id,
            "inherit": r["folder"].inherit,
            "level": r["level"],
            "depth": r["depth"],
        }
        for r in rows
    ]


@router.post("/folders", response={201: FolderOut})
def folder_create(request, payload: FolderIn):
    company = require_company(request)
    parent = _folder(request, payload.parent_id) if payload.parent_id else None
    f = services.folder_create(
        company=company, actor=request.user, name=payload.name, parent=parent, inherit=payload.inherit
    )
    return Status(
        201,
        {
            "id": f.pk,
            "name": f.name,
            "parent_id": f.parent_id,
            "owner_id": f.owner_id,
            "inherit": f.inherit,
            "level": Level.MANAGE,
            "depth": 0,
        },
    )


@router.put(
    "/folders/{folder_id}/grants", response={204: None}, summary="Replace the folder's grants (managers)"
)
def folder_grants(request, folder_id: int, payload: list[GrantIn]):
    services.grants_set(
        folder=_folder(request, folder_id), actor=request.user, grants=[g.dict() for g in payload]
    )
    return Status(204, None)


@router.get("/folders/{folder_id}/documents", response=list[DocumentOut])
def document_list(request, folder_id: int, q: str = "", tag: str = ""):
    return list(selectors.documents_in(folder=_folder(request, folder_id), q=q, tag=tag)[:1000])


@router.post(
    "/folders/{folder_id}/documents",
    response={201: DocumentDetailOut},
    summary="Upload a document (version 1)",
)
def document_upload(
    request,
    folder_id: int,
    file: UploadedFile = File(...),  # noqa: B008
    description: str = Form(""),
    tags: str = Form(""),  # noqa: B008
):
    doc = services.document_upload(
        folder=_folder(request, folder_id), actor=request.user, file=file, description=description, tags=tags
    )
    return Status(201, doc)


@router.get(
    "/search",
    response=list[HitOut],
    summary="Words in names, descriptions and inside files (PDF, DOCX, XLSX, TXT)",
)
def search(request, q: str, limit: int = 30):
    hits = selectors.search_library(
        user=request.user, company=require_company(request), q=q, limit=min(limit, 100)
    )
    out = []
    for h in hits:
        if h["kind"] == "document":
            out.append(
                {
                    "kind": "document",
                    "id": h["obj"].pk,
                    "name": h["obj"].name,
                    "url": h["obj"].get_absolute_url(),
                }
            )
        else:
            out.append(
                {
                    "kind": "attachment",
                    "id": h["obj"].pk,
                    "name": h["obj"].name,
                    "url": f"/timeline/attachment/{h['obj'].pk}/",
                }
            )
    return out


@router.get("/{doc_id}", response=DocumentDetailOut)
def document_get(request, doc_id: int):
    return _doc(request, doc_id)


@router.post("/{doc_id}/versions", response={201: VersionOut}, summary="Upload a new version")
def version_upload(request, doc_id: int, file: UploadedFile = File(...), note: str = Form("")):  # noqa: B008
    return Status(
        201, services.version_upload(document=_doc(request, doc_id), actor=request.user, file=file, note=note)
    )


@router.post(
    "/{doc_id}/versions/{number}/restore", response={201: VersionOut}, summary="Make an old version current"
)
def version_restore(request, doc_id: int, number: int):
    from ronghe.core.errors import NotFound

    doc = _doc(request, doc_id)
    old = doc.versions.filter(number=number).first()
    if old is None:
        raise NotFound()
    return Status(201, services.version_restore(document=doc, version=old, actor=request.user))


@router.post("/{doc_id}/checkout", response=DocumentOut)
def checkout(request, doc_id: int):
    return services.document_checkout(document=_doc(request, doc_id), actor=request.user)


@router.post("/{doc_id}/checkin", response=DocumentOut)
def checkin(request, doc_id: int):
    return services.document_checkin(document=_doc(request, doc_id), actor=request.user)


@router.post(
    "/{doc_id}/shares", response={201: ShareOut}, summary="A share link with expiry and optional password"
)
def share(request, doc_id: int, payload: ShareIn):
    link = services.share_create(
        document=_doc(request, doc_id), actor=request.user, days=payload.days, password=payload.password
    )
    return Status(
        201, {"url": request.build_absolute_uri(f"/documents/s/{link.token}/"), "expires_at": link.expires_at}
    )
