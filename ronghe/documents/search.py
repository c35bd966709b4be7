"""One full-text search over the library and the attachments of records, behind one interface on both
databases: SQLite FTS5 (an external-content table kept in step by triggers) and PostgreSQL (a generated
tsvector column with a GIN index). Text is segmented by jieba before it is stored and before it is
searched, so both indexes see space-separated words; every query word must match.

Results respect permissions: documents only in folders the user may view, attachments only of records the
user may open."""

from django.db import connection
from django.utils import timezone

from .extract import segment
from .models import SearchEntry


def index_text(title: str, *texts: str) -> tuple[str, str]:
    return " ".join(segment(title)), " ".join(" ".join(segment(t)) for t in texts if t)


def index_document(document) -> SearchEntry:
    """(Re)write the entry of a document: name, description, tags and the current version's text."""
    version = document.current
    title, body = index_text(
        document.name, document.description, document.tags, version.text if version else ""
    )
    entry, _created = SearchEntry.objects.update_or_create(
        document=document,
        defaults={
            "company_id": document.company_id,
            "folder_id_cache": document.folder_id,
            "title": title,
            "body": body,
            "updated_at": timezone.now(),
        },
    )
    return entry


def index_attachment(attachment, text: str) -> SearchEntry:
    title, body = index_text(attachment.name, text)
    entry, _created = SearchEntry.objects.update_or_create(
        attachment=attachment,
        defaults={
            "company_id": attachment.company_id,
            "title": title,
            "body": body,
            "updated_at": timezone.now(),
        },
    )
    return entry


def _terms(q: str) -> list[str]:
    seen = []
    for w in segment(q):
        if w not in seen:
            seen.append(w)
    return seen[:12]


def match_ids(
    *, company_id: int, q: str, folder_ids=None, attachments: bool = True, limit: int = 50, offset: int = 0
):
    """Entry ids matching every word of q, best first. folder_ids: the folders whose documents may be returned
    (None: all); attachments: include record attachments (checked per record by the caller)."""
    terms = _terms(q)
    if not terms:
        return []
    where, params = ["e.company_id = %s"], [company_id]
    scope = []
    if folder_ids is not None:
        ids = sorted(folder_ids)
        if ids:
            scope.append(f"e.folder_id_cache IN ({', '.join(['%s'] * len(ids))})")
            params += ids
    else:
        scope.append("e.document_id IS NOT NULL")
    if attachments:
        scope.append("e.attachment_id IS NOT NULL")
    if not scope:
        return []
    where.append("(" + " OR ".join(scope) + ")")
    table = SearchEntry._meta.db_table
    if connection.vendor == "postgresql":
        query = " ".join(terms)  # plainto_tsquery: every word must match, no operators to escape
        # The GIN index finds the matches first (MATERIALIZED keeps the planner from starting at the folder
        # index and testing every document of a big folder), then the scope and the rank apply to them.
        sql = (
            f"WITH m AS MATERIALIZED (SELECT e.id, e.company_id, e.folder_id_cache, e.document_id, e.attachment_id, "
            f"ts_rank(e.tsv, plainto_tsquery('simple', %s)) AS rank FROM {table} e "
            f"WHERE e.tsv @@ plainto_tsquery('simple', %s)) "
            f"SELECT e.id FROM m e WHERE {' AND '.join(where)} ORDER BY e.rank DESC, e.id DESC LIMIT %s OFFSET %s"
        )
        args = [query, query, *params, limit, offset]
    else:
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        # CROSS JOIN fixes the order in SQLite: the full-text match first, then each hit's row by its key. Left
        # to the planner, statistics taken while the table was small (sqlite_stat1) made it walk the folder
        # index and probe the index per document: 12 s instead of 20 ms over 100,000 documents.
        sql = (
            f"SELECT e.id FROM {table}_fts f CROSS JOIN {table} e ON e.id = f.rowid "
            f"WHERE {table}_fts MATCH %s AND {' AND '.join(where)} ORDER BY bm25({table}_fts), e.id DESC LIMIT %s OFFSET %s"
        )
        args = [match, *params, limit, offset]
    with connection.cursor() as cur:
        cur.execute(sql, args)
        return [r[0] for r in cur.fetchall()]


SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE documents_searchentry_fts USING fts5(title, body, content='documents_searchentry', "
    "content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER documents_searchentry_ai AFTER INSERT ON documents_searchentry BEGIN "
    "INSERT INTO documents_searchentry_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER documents_searchentry_ad AFTER DELETE ON documents_searchentry BEGIN "
    "INSERT INTO documents_searchentry_fts(documents_searchentry_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER documents_searchentry_au AFTER UPDATE ON documents_searchentry BEGIN "
    "INSERT INTO documents_searchentry_fts(documents_searchentry_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO documents_searchentry_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS documents_searchentry_au",
    "DROP TRIGGER IF EXISTS documents_searchentry_ad",
    "DROP TRIGGER IF EXISTS documents_searchentry_ai",
    "DROP TABLE IF EXISTS documents_searchentry_fts",
]
POSTGRES_SETUP = [
    "ALTER TABLE documents_searchentry ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED",
    "CREATE INDEX documents_searchentry_tsv ON documents_searchentry USING gin (tsv)",
]
POSTGRES_TEARDOWN = [
    "DROP INDEX IF EXISTS documents_searchentry_tsv",
    "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS tsv",
]


def setup_index(apps, schema_editor):
    for sql in POSTGRES_SETUP if schema_editor.connection.vendor == "postgresql" else SQLITE_SETUP:
        schema_editor.execute(sql)


def teardown_index(apps, schema_editor):
    for sql in POSTGRES_TEARDOWN if schema_editor.connection.vendor == "postgresql" else SQLITE_TEARDOWN:
        schema_editor.execute(sql)
