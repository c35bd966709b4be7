"""`ronghe backup` and `ronghe restore`: database and uploads round-trip on SQLite and PostgreSQL — the
restored copy has the same row counts as when it was taken, the files are back, check-integrity is clean."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from ronghe.core.backup import backup, restore, row_counts

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_then_restore_gives_back_the_database_and_the_files(demo_company, users, settings, tmp_path):
    from ronghe.partners.models import Partner
    from ronghe.timeline.models import Attachment
    from ronghe.timeline.services import attachment_add

    settings.MEDIA_ROOT = tmp_path / "media"
    customer = Partner.objects.filter(company=demo_company, is_customer=True, parent=None).first()
    att = attachment_add(
        record=customer,
        actor=users["lina"],
        file=SimpleUploadedFile("合同扫描件.txt", "盖章页".encode(), content_type="text/plain"),
    )
    path = att.file.path
    before = row_counts()
    archive = backup(tmp_path / "backup.tar.gz")
    assert archive.exists() and archive.stat().st_size > 0

    # life goes on after the backup: a new customer, a file lost, another deleted
    Partner.objects.create(company=demo_company, code="AFTER", name="备份之后的客户", is_customer=True)
    Attachment.objects.filter(pk=att.pk).delete()
    import os

    os.remove(path)
    assert row_counts() != before

    result = restore(archive)
    assert result["differences"] == [] and result["tables"] == len(before)
    assert row_counts() == before
    assert not Partner.objects.filter(code="AFTER").exists()
    restored = Attachment.objects.get(pk=att.pk)
    with restored.file.open("rb") as fh:
        assert fh.read().decode() == "盖章页"
    call_command("check_integrity")  # raises CommandError on any problem


def test_restore_refuses_an_archive_of_another_database_or_with_path_tricks(db, tmp_path):
    import io
    import json
    import tarfile

    bad = tmp_path / "bad.tar.gz"
    with tarfile.open(bad, "w:gz") as tar:
        data = json.dumps({"format": 1, "vendor": "oracle", "rows": {}}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(RuntimeError, match="oracle"):
        restore(bad)
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../../etc/cron.d/x")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(RuntimeError, match="suspicious"):
        restore(evil)
