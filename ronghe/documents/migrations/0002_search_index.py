"""The full-text index of the search entries: SQLite FTS5 (external content, kept by triggers) or a
PostgreSQL generated tsvector column with a GIN index (see documents/search.py)."""

from django.db import migrations

from ronghe.documents.search import setup_index, teardown_index


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(setup_index, teardown_index)]
