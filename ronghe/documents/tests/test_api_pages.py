"""The library over the API (token) and through the pages in Chinese."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ronghe.core.services import api_token_create
from ronghe.core.testing import run_queued_tasks
from ronghe.documents.models import Document, Folder

pytestmark = pytest.mark.django_db


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def test_library_over_the_api(client, users, demo_company):
    lina = auth(users["lina"])
    folders = client.get("/api/v1/documents/folders", **lina).json()
    contracts = next(f for f in folders if f["name"] == "销售合同")
    assert contracts["level"] == 2 and not any(f["name"] == "人事档案" for f in folders)
    r = client.post(
        f"/api/v1/documents/folders/{contracts['id']}/documents",
        {
            "file": SimpleUploadedFile(
                "华南框架合同.txt", "乙方承诺交货期不超过二十天".encode(), content_type="text/plain"
            ),
            "tags": "框架",
        },
        **lina,
    )
    assert r.status_code == 201, r.content
    doc_id = r.json()["id"]
    run_queued_tasks()
    r = client.get("/api/v1/documents/search?q=交货期", **lina)
    assert r.status_code == 200, r.content
    hits = r.json()
    assert any(h["id"] == doc_id for h in hits)
    r = client.post(
        f"/api/v1/documents/{doc_id}/versions",
        {
            "file": SimpleUploadedFile("v2.txt", "第二版".encode(), content_type="text/plain"),
            "note": "改交期",
        },
        **lina,
    )
    assert r.status_code == 201 and r.json()["number"] == 2
    assert client.post(f"/api/v1/documents/{doc_id}/versions/1/restore", **lina).json()["number"] == 3
    share = client.post(
        f"/api/v1/documents/{doc_id}/shares", {"days": 2}, content_type="application/json", **lina
    ).json()
    assert "/documents/s/" in share["url"]
    hr = next(
        f
        for f in client.get("/api/v1/documents/folders", **auth(users["wuxia"])).json()
        if f["name"] == "人事档案"
    )
    assert client.get(f"/api/v1/documents/folders/{hr['id']}/documents", **lina).status_code == 404
    assert client.get(f"/api/v1/documents/{doc_id}", **auth(users["wuxia"])).status_code == 404


def test_library_pages(client, users, demo_company):
    client.force_login(users["wangfang"])
    home = client.get("/documents/").content.decode()
    assert "公司制度" in home and "个人空间" in home and "人事档案" not in home
    folder = Folder.objects.get(company=demo_company, name="销售合同")
    page = client.get(folder.get_absolute_url()).content.decode()
    assert "天丰年度框架协议.txt" in page and "上传文件" in page
    r = client.post(
        f"/documents/folders/{folder.pk}/upload/",
        {
            "files": [
                SimpleUploadedFile("华东合同.txt", "付款方式：月结三十天".encode(), content_type="text/plain")
            ]
        },
    )
    assert r.status_code == 302
    doc = Document.objects.get(folder=folder, name="华东合同.txt")
    detail = client.get(doc.get_absolute_url()).content.decode()
    assert "版本" in detail and "签出" in detail and "分享链接" in detail
    run_queued_tasks()
    found = client.get("/documents/search/?q=月结").content.decode()
    assert "华东合同.txt" in found
    assert (
        client.get(Folder.objects.get(company=demo_company, name="人事档案").get_absolute_url()).status_code
        == 404
    )
    assert client.get("/documents/records/").status_code == 200
    rules = Folder.objects.get(company=demo_company, name="公司制度")
    assert client.get(f"/documents/folders/{rules.pk}/settings/").status_code in (403, 404)
    client.force_login(users["admin"])
    page = client.get(f"/documents/folders/{rules.pk}/settings/").content.decode()
    assert "谁可以访问" in page and "dept:" in page  # the grant to 总经办 is listed for editing
