from django.db import connection

from ronghe.core import scheduler
from ronghe.core.maintenance import db_optimize


def test_db_optimize_is_a_recurring_job_and_runs(db):
    assert scheduler.jobs["core.db_optimize"].path == "ronghe.core.maintenance.db_optimize"
    db_optimize()  # SQLite: PRAGMA optimize; PostgreSQL: nothing to do
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)
