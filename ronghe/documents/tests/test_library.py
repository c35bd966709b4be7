"""The library: folder permissions (inheritance, a folder that stops inheriting, no grant = no access),
versions and restore, check-out, share links, limits and names, Chinese full-text search inside PDF, DOCX,
XLSX and TXT (on both databases), results that respect permissions, the records view."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ronghe.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from ronghe.core.testing import run_queued_tasks
from ronghe.documents import access, selectors, services
from ronghe.documents.models import Document, Level, ShareLink
from ronghe.org.models import Department

pytestmark = pytest.mark.django_db


def txt(name, text):
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def docx(name, text):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.split("\n"))
        z.writestr("word/document.xml", f'<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>')
    return SimpleUploadedFile(
        name,
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def xlsx(name, rows):
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(
        name, buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def pdf(name, text):
    """A PDF whose text layer pypdf can read (a TrueType CJK font with a ToUnicode map)."""
    import glob

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = [
        f
        for f in glob.glob("/usr/share/fonts/**/*.tt[fc]", recursive=True)
        if "CJK" in f or "Droid" in f or "wqy" in f.lower()
    ]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    if fonts and fonts[0].endswith(".ttf"):
        pdfmetrics.registerFont(TTFont("cjk", fonts[0]))
        c.setFont("cjk", 12)
    else:
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        c.setFont("STSong-Light", 12)
    c.drawString(72, 760, text)
    c.save()
    return SimpleUploadedFile(name, buf.getvalue(), content_type="application/pdf")


@pytest.fixture
def lib(demo_company, users):
    co = demo_company
    admin = users["admin"]
    depts = {d.code: d for d in Department.objects.filter(company=co)}
    top = services.folder_create(company=co, actor=admin, name="测试库")
    services.grants_set(
        folder=top, actor=admin, grants=[{"kind": "dept", "id": depts["SALES"].pk, "level": Level.EDIT}]
    )
    sub = services.folder_create(company=co, actor=admin, name="报价", parent=top)
    closed = services.folder_create(company=co, actor=admin, name="机密", parent=top, inherit=False)
    services.grants_set(
        folder=closed, actor=admin, grants=[{"kind": "user", "id": users["lina"].pk, "level": Level.MANAGE}]
    )
    return co, top, sub, closed


def test_permissions_inherit_down_the_tree_and_stop_where_a_folder_does_not_inherit(lib, users):
    co, top, sub, closed = lib
    wf, lina, sunli = users["wangfang"], users["lina"], users["sunli"]
    levels = access.levels(wf, co)  # 王芳 is in 华东销售组, below 销售部
    assert levels[top.pk] == Level.EDIT and levels[sub.pk] == Level.EDIT
    assert closed.pk not in levels  # it does not inherit, and she has no grant of her own there
    assert access.levels(lina, co)[closed.pk] == Level.MANAGE
    assert top.pk not in access.levels(sunli, co)  # 财务 has no grant: denied
    with pytest.raises(NotFound):
        selectors.folder_get_for_user(pk=top.pk, user=sunli, company=co)
    with pytest.raises(NotFound):
        services.document_upload(folder=closed, actor=wf, file=txt("a.txt", "x"))
    with pytest.raises(PermissionDenied):  # edit is not manage
        services.folder_create(company=co, actor=wf, name="子目录", parent=top)
    with pytest.raises(PermissionDenied):
        services.folder_create(company=co, actor=wf, name="顶层")
    doc = services.document_upload(folder=closed, actor=lina, file=txt("底价.txt", "最低价"))
    with pytest.raises(NotFound):
        selectors.document_get_for_user(pk=doc.pk, user=wf, company=co)
    # a personal space is its owner's alone until shared
    mine = services.personal_root(company=co, user=wf)
    assert access.levels(wf, co)[mine.pk] == Level.MANAGE and mine.pk not in access.levels(
        users["liuyang"], co
    )
    tree = [row["folder"] for row in selectors.folder_tree(user=wf, company=co)]
    assert top in tree and sub in tree and closed not in tree and mine in tree


def test_versions_restore_checkout_and_share_links(lib, users, client):
    co, top, sub, _closed = lib
    wf, ly = users["wangfang"], users["liuyang"]
    doc = services.document_upload(folder=sub, actor=wf, file=txt("报价说明.txt", "第一版"), tags="报价,2026")
    assert doc.current.number == 1 and doc.tag_list == ["报价", "2026"]
    with pytest.raises(ValidationFailed):  # same name: upload a new version instead
        services.document_upload(folder=sub, actor=wf, file=txt("报价说明.txt", "again"))
    v2 = services.version_upload(document=doc, actor=wf, file=txt("报价说明.txt", "第二版"), note="改价格")
    assert v2.number == 2 and Document.objects.get(pk=doc.pk).current == v2
    services.document_checkout(document=doc, actor=ly)
    with pytest.raises(InvalidTransition):  # checked out by 刘洋
        services.version_upload(document=doc, actor=wf, file=txt("x.txt", "第三版"))
    with pytest.raises(PermissionDenied):  # only he (or a manager) releases it
        services.document_checkin(document=doc, actor=wf)
    services.document_checkin(document=doc, actor=ly)
    v1 = doc.versions.get(number=1)
    v3 = services.version_restore(document=doc, version=v1, actor=wf)
    assert v3.number == 3 and v3.sha256 == v1.sha256 and doc.versions.count() == 3
    with v3.file.open("rb") as fh:
        assert fh.read().decode() == "第一版"
    link = services.share_create(document=doc, actor=wf, days=3, password="8888")
    assert client.get(f"/documents/s/{link.token}/").status_code == 200  # asks for the password
    assert client.post(f"/documents/s/{link.token}/", {"password": "0000"}).status_code == 403
    r = client.post(f"/documents/s/{link.token}/", {"password": "8888"})
    assert r.status_code == 200 and b"".join(r.streaming_content).decode() == "第一版"
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.post(f"/documents/s/{link.token}/", {"password": "8888"}).status_code == 404
    open_link = services.share_create(document=doc, actor=wf, days=1)
    assert client.get(f"/documents/s/{open_link.token}/").status_code == 200
    services.share_revoke(link=open_link, actor=wf)
    assert client.get(f"/documents/s/{open_link.token}/").status_code == 404
    with pytest.raises(ValidationFailed):
        services.share_create(document=doc, actor=wf, days=365)


def test_limits_names_types_size_and_quota(lib, users, settings):
    co, top, sub, _closed = lib
    wf = users["wangfang"]
    for bad in ("../../etc/passwd", "a/b.txt", "..", "CON.txt"):
        with pytest.raises(ValidationFailed):
            services.document_upload(folder=sub, actor=wf, file=txt("ok.txt", "x"), name=bad)
    with pytest.raises(ValidationFailed) as e:
        services.document_upload(
            folder=sub, actor=wf, file=SimpleUploadedFile("run.exe", b"MZ", content_type="application/pdf")
        )
    assert "file" in e.value.fields  # the name gives it away even when the browser says PDF
    settings.RONGHE_DOCUMENT_MAX_BYTES = 10
    with pytest.raises(ValidationFailed):
        services.document_upload(folder=sub, actor=wf, file=txt("big.txt", "x" * 11))
    settings.RONGHE_DOCUMENT_MAX_BYTES = 1024
    from django.db.models import Sum

    from ronghe.documents.models import DocumentVersion

    used = DocumentVersion.objects.filter(document__company=co).aggregate(s=Sum("size"))["s"] or 0
    settings.RONGHE_DOCUMENT_QUOTA_BYTES = used + 5
    with pytest.raises(ValidationFailed) as e:
        services.document_upload(folder=sub, actor=wf, file=txt("over.txt", "123456"))
    assert "full" in str(e.value.fields["file"]) or "已满" in str(e.value.fields["file"])
    assert services.document_upload(folder=sub, actor=wf, file=txt("fits.txt", "12345"))


def test_chinese_full_text_search_inside_files_respects_permissions(lib, users):
    co, top, sub, closed = lib
    wf, lina, sunli = users["wangfang"], users["lina"], users["sunli"]
    services.document_upload(
        folder=sub, actor=wf, file=docx("华东项目.docx", "本采购合同由甲乙双方签订\n交货期三十天")
    )
    services.document_upload(
        folder=sub, actor=wf, file=xlsx("价格表.xlsx", [["型号", "单价"], ["工控机", 5800]])
    )
    services.document_upload(folder=sub, actor=wf, file=txt("会议记录.txt", "讨论了框架协议的付款条件"))
    services.document_upload(folder=sub, actor=wf, file=pdf("技术协议.pdf", "技术协议 验收标准 质保两年"))
    services.document_upload(folder=closed, actor=lina, file=txt("机密合同.txt", "这是一份保密合同"))
    run_queued_tasks()  # the text is extracted by the worker

    def names(user, q):
        return [r["obj"].name for r in selectors.search_library(user=user, company=co, q=q)]

    assert "华东项目.docx" in names(wf, "合同")  # 合同 finds 采购合同, inside a Word file
    assert "机密合同.txt" not in names(wf, "合同")  # in a folder she may not see
    assert "机密合同.txt" in names(lina, "合同")
    assert names(wf, "工控机") == ["价格表.xlsx"]  # inside an Excel sheet
    assert "会议记录.txt" in names(wf, "付款条件")
    both = names(wf, "合同 交货期")  # every word must match
    assert "华东项目.docx" in both and "会议记录.txt" not in both and "价格表.xlsx" not in both
    assert "技术协议.pdf" in names(wf, "验收标准")  # inside a PDF
    assert "华东项目.docx" not in names(sunli, "合同") and "机密合同.txt" not in names(sunli, "合同")
    assert names(wf, "不存在的词语") == []


def test_record_attachments_are_in_the_library_and_found_by_search(demo_company, users):
    from ronghe.partners.models import Partner
    from ronghe.timeline.services import attachment_add

    co = demo_company
    wf, ly = users["wangfang"], users["liuyang"]
    customer = Partner.objects.filter(company=co, owner=wf, is_customer=True, parent=None).first()
    att = attachment_add(
        record=customer, actor=wf, file=txt("营业执照说明.txt", "统一社会信用代码与经营范围")
    )
    assert services.index_new_attachments() >= 1
    assert att in selectors.record_attachments(user=wf, company=co)
    assert att not in selectors.record_attachments(user=ly, company=co)  # not his customer
    hits = selectors.search_library(user=wf, company=co, q="经营范围")
    assert [(h["kind"], h["obj"], h["record"]) for h in hits] == [("attachment", att, customer)]
    assert selectors.search_library(user=ly, company=co, q="经营范围") == []
