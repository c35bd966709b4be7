"""Database upkeep run by the workers as a recurring job (core.scheduler)."""

from django.db import connection


def db_optimize() -> None:
    """SQLite: `PRAGMA optimize` — refresh the planner's statistics of the tables that changed much since they
    were last taken (stale statistics can turn a 20 ms query into seconds). PostgreSQL's autovacuum does this
    by itself."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA optimize")
