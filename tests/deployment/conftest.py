"""Start real processes of a deployment against the test database (PostgreSQL): gunicorn web processes and
`ronghe worker`s, each on its own loopback port / process, stopped (or killed) at the end of the test."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from ronghe.core.tests.test_sequence_concurrency import _database_url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Deployment:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.procs: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        self.env = dict(
            os.environ,
            DATABASE_URL=_database_url(),
            RONGHE_VAR_DIR=str(tmp / "var"),
            RONGHE_SECRET_KEY="deployment-test-secret-key-not-for-production-0123456789",
            RONGHE_ALLOWED_HOSTS="127.0.0.1,localhost",
            RONGHE_DEBUG="0",
            RONGHE_WORKER_BEAT_SECONDS="1",
            RONGHE_WORKER_DEAD_SECONDS="4",
            PYTHONUNBUFFERED="1",
        )
        (tmp / "var").mkdir(exist_ok=True)

    def _spawn(self, name, args, **env):
        log = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 — closed with the process
        p = subprocess.Popen(
            [sys.executable, "-m", "ronghe.config.cli", *args],
            env={**self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        p.name, p.logfile = name, log
        self.procs.append(p)
        return p

    def start_worker(self, n: int = 0, **env) -> subprocess.Popen:
        p = self._spawn(f"worker{n}", ["worker", "--interval", "0.2", "--no-scheduler"], **env)
        self.workers.append(p)
        return p

    def start(self, *, web: int = 2, workers: int = 2) -> list[str]:
        bases = []
        if web:  # the production static storage needs its manifest
            subprocess.run(
                [sys.executable, "-m", "ronghe.config.cli", "collectstatic", "--noinput", "-v0"],
                env=self.env,
                check=True,
                timeout=300,
            )
        for n in range(web):
            port = free_port()
            self._spawn(
                f"web{n}", ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4"]
            )
            bases.append(f"http://127.0.0.1:{port}")
        for n in range(workers):
            self.start_worker(n)
        deadline = time.monotonic() + 60
        for base in bases:
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/login/", timeout=5) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                assert time.monotonic() < deadline, self.logs()
                time.sleep(0.3)
        return bases

    def logs(self) -> str:
        out = []
        for p in self.procs:
            p.logfile.flush()
            text = (self.tmp / f"{p.name}.log").read_text(errors="replace")
            out.append(f"--- {p.name} (exit {p.poll()}) ---\n{text[-3000:]}")
        return "\n".join(out)

    def wait_for_tasks(self, timeout: float = 60) -> None:
        """Until no task is due or running (reminders due in hours stay queued)."""
        from django_tasks_db.models import DBTaskResult

        def busy():
            return DBTaskResult.objects.ready() | DBTaskResult.objects.running()

        deadline = time.monotonic() + timeout
        while busy().exists():
            assert time.monotonic() < deadline, (list(busy().values("task_path", "status")), self.logs())
            time.sleep(0.3)

    def assert_tasks_settled(self) -> None:
        from django_tasks_db.models import DBTaskResult

        self.wait_for_tasks()
        failed = list(DBTaskResult.objects.filter(status="FAILED").values("task_path", "traceback"))
        assert not failed, failed

    def check_integrity(self) -> None:
        r = subprocess.run(
            [sys.executable, "-m", "ronghe.config.cli", "check-integrity"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert r.returncode == 0, r.stdout + r.stderr

    def stop(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
            p.logfile.close()


@pytest.fixture
def deployment(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("several processes share a PostgreSQL server")
    d = Deployment(tmp_path)
    yield d
    d.stop()
    connection.close()  # the flush after a transactional test must not wait on our own idle session
