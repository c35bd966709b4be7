"""A worker killed with SIGKILL in the middle of a task: the other worker takes the task over once the dead one
has stopped beating, runs it from the start (the killed transaction was rolled back by the database) and its
effect — here an e-mail leaving through a real SMTP server — happens exactly once."""

import os
import signal
import time

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from ronghe.core.tests.test_sequence_concurrency import _database_url
from ronghe.messaging.models import OutboundEmail
from ronghe.sales.models import SalesOrder

from .conftest import Deployment, free_port

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


class Capture:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.original_content or envelope.content)
        return "250 OK"


def wait(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_a_task_of_a_killed_worker_is_run_by_the_other_and_sends_once(
    demo_company, users, deployment: Deployment
):
    from ronghe.messaging import services

    smtp = Capture()
    port = free_port()
    controller = Controller(smtp, hostname="127.0.0.1", port=port)
    controller.start()
    deployment.env.update(RONGHE_EMAIL_HOST="127.0.0.1", RONGHE_EMAIL_PORT=str(port))
    try:
        order = SalesOrder.objects.filter(company=demo_company).first()
        with override_settings(EMAIL_HOST="127.0.0.1"):
            email = services.email_queue(
                record=order,
                actor=users["wangfang"],
                to="buyer@example.cn",
                subject="报价单",
                body="请查收。",
            )
        (task,) = DBTaskResult.objects.filter(task_path="ronghe.messaging.tasks.email_send_task")
        # the first worker will stop inside the task: its transaction waits for this row lock
        blocker = psycopg.connect(_database_url().replace("postgres://", "postgresql://"), autocommit=False)
        blocker.execute("SELECT id FROM messaging_outboundemail WHERE id = %s FOR UPDATE", [email.pk])
        first = deployment.start_worker(0)
        wait(lambda: DBTaskResult.objects.get(pk=task.pk).status == "RUNNING", 60, deployment.logs())
        (claimed_by,) = DBTaskResult.objects.get(pk=task.pk).worker_ids
        assert f"-{first.pid}-" in claimed_by
        second = deployment.start_worker(1)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        blocker.rollback()
        blocker.close()

        wait(lambda: OutboundEmail.objects.get(pk=email.pk).state == "sent", 90, deployment.logs())
        wait(lambda: DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL", 30, deployment.logs())
        done = DBTaskResult.objects.get(pk=task.pk)
        assert done.worker_ids[0] == claimed_by and f"-{second.pid}-" in done.worker_ids[-1]
        assert len(done.worker_ids) == 2
        sent = OutboundEmail.objects.get(pk=email.pk)
        assert sent.attempts == 1  # the killed attempt left nothing behind
        assert len(smtp.messages) == 1 and email.message_id.encode() in smtp.messages[0]
        time.sleep(2)  # a late duplicate would show now
        assert len(smtp.messages) == 1
        deployment.assert_tasks_settled()
    finally:
        controller.stop()
