"""Backups: one .tar.gz with the database and the uploaded files, and its restore.

- SQLite: a consistent copy through SQLite's online backup API (the database may be in use).
- PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore --clean --if-exists --single-transaction`.
- Uploads: the MEDIA_ROOT tree (file system storage; with S3 storage the bucket is backed up by its provider).
- manifest.json: version, database vendor, time, and the row count of every table — the restore checks the
  restored database against it and reports any difference.

Stop the web and worker processes before a restore; a backup can run while they work.
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1


def row_counts() -> dict[str, int]:
    tables = sorted(
        t for t in connection.introspection.table_names() if not t.startswith("sqlite_") and "_fts" not in t
    )
    counts = {}
    with connection.cursor() as cur:
        for t in tables:
            cur.execute(f'SELECT COUNT(*) FROM "{t}"')
            counts[t] = cur.fetchone()[0]
    return counts


def _pg_env_args() -> tuple[dict, list[str]]:
    s = connection.settings_dict
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    args = [
        "-h",
        s.get("HOST") or "127.0.0.1",
        "-p",
        str(s.get("PORT") or 5432),
        "-U",
        s.get("USER") or "postgres",
    ]
    return env, args


def backup(output: str | os.PathLike | None = None) -> Path:
    """Write the backup archive; returns its path (default: var/backups/ronghe-<time>.tar.gz)."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = Path(output) if output else Path(settings.VAR_DIR) / "backups" / f"ronghe-{stamp}.tar.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    manifest = {
        "format": FORMAT,
        "vendor": vendor,
        "created": datetime.datetime.now().astimezone().isoformat(),
        "rows": row_counts(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / ("database.sqlite3" if vendor == "sqlite" else "database.pgdump")
        if vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(db_file)
            with target:
                connection.connection.backup(target)
            target.close()
        elif vendor == "postgresql":
            env, args = _pg_env_args()
            subprocess.run(
                [
                    "pg_dump",
                    *args,
                    "--format=custom",
                    "--no-owner",
                    "-f",
                    str(db_file),
                    connection.settings_dict["NAME"],
                ],
                env=env,
                check=True,
                capture_output=True,
            )
        else:
            raise RuntimeError(f"backups of {vendor} are not supported")
        with tarfile.open(out, "w:gz") as tar:
            data = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, arcname=db_file.name)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                tar.add(media, arcname="media")
    return out


def _safe_members(tar: tarfile.TarFile):
    for m in tar.getmembers():
        name = Path(m.name)
        if name.is_absolute() or ".." in name.parts or m.issym() or m.islnk():
            raise RuntimeError(f"refusing a suspicious path in the archive: {m.name}")
        yield m


def restore(archive: str | os.PathLike) -> dict:
    """Replace the database and the uploads with the archive's. Returns {"tables": n, "differences": [...]}
    comparing the restored row counts with the manifest (empty when the copy is exact)."""
    vendor = connection.vendor
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(tmp, members=list(_safe_members(tar)))  # noqa: S202 - members checked above
        manifest = json.loads((Path(tmp) / "manifest.json").read_text())
        if manifest.get("vendor") != vendor:
            raise RuntimeError(f"this backup is of a {manifest.get('vendor')} database, this one is {vendor}")
        if vendor == "sqlite":
            source = sqlite3.connect(Path(tmp) / "database.sqlite3")
            connection.ensure_connection()
            with source:
                source.backup(connection.connection)
            source.close()
        else:
            env, args = _pg_env_args()
            name = connection.settings_dict["NAME"]
            connection.close()
            subprocess.run(
                [
                    "pg_restore",
                    *args,
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "-d",
                    name,
                    str(Path(tmp) / "database.pgdump"),
                ],
                env=env,
                check=True,
                capture_output=True,
            )
        media = Path(settings.MEDIA_ROOT)
        src = Path(tmp) / "media"
        if media.exists():
            shutil.rmtree(media)
        if src.exists():
            shutil.copytree(src, media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    now = row_counts()
    expected = manifest["rows"]
    differences = [
        f"{t}: {expected.get(t)} in the backup, {now.get(t)} restored"
        for t in sorted(set(expected) | set(now))
        if expected.get(t) != now.get(t)
    ]
    return {"tables": len(now), "differences": differences}
