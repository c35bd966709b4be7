"""Two approvers of an 或签 (any-one) node approve at the same moment, from two processes, on PostgreSQL:
exactly one decision counts for each request."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from ronghe.core.tests.test_sequence_concurrency import _database_url

WORKER = r"""
import os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "ronghe.config.settings"
import django
django.setup()
from ronghe.core.errors import DomainError
from ronghe.core.models import User
from ronghe.workflow import services
from ronghe.workflow.models import ApprovalTask

user = User.objects.get(username=sys.argv[1])
ids = [int(x) for x in sys.argv[2].split(",")]
start_at = float(sys.argv[3])
while time.time() < start_at:
    time.sleep(0.002)
ok = refused = 0
for req_id in ids:
    task = ApprovalTask.objects.get(request_id=req_id, assignee=user)
    try:
        services.task_approve(task=task, actor=user, comment="")
        ok += 1
    except DomainError:
        refused += 1
print(ok, refused)
"""


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_processes_approving_an_any_node_decide_once(demo_company, users):
    if connection.vendor != "postgresql":
        pytest.skip("two processes need a shared server database")
    from ronghe.oaforms.services import form_request_create_and_submit, template_save
    from ronghe.workflow.models import ApprovalLog, ApprovalRequest, ApprovalTask, LogAction
    from ronghe.workflow.selectors import request_for_target
    from ronghe.workflow.services import flow_save

    t = template_save(
        company=demo_company,
        actor=None,
        code="race",
        name="race",
        fields=[{"key": "subject", "label": "s", "type": "text"}],
    )
    flow_save(
        company=demo_company,
        actor=None,
        approvable_type=t.approvable_type,
        name="race",
        spec={
            "branches": [
                {
                    "name": "默认",
                    "conditions": [],
                    "nodes": [
                        {
                            "key": "n",
                            "name": "或签",
                            "kind": "approve",
                            "mode": "any",
                            "approvers": {"rule": "users", "users": [users["lina"].pk, users["sunli"].pk]},
                        }
                    ],
                }
            ]
        },
    )
    ids = []
    for i in range(30):
        fr = form_request_create_and_submit(
            company=demo_company, actor=users["wangfang"], template=t, raw={"subject": f"r{i}"}
        )
        ids.append(request_for_target(fr).pk)
    env = dict(os.environ, DATABASE_URL=_database_url())
    start_at = f"{time.time() + 3:.3f}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, who, ",".join(map(str, ids)), start_at],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("lina", "sunli")
    ]
    outcomes = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        outcomes.append(tuple(int(x) for x in out.split()))
    assert sum(ok for ok, _r in outcomes) == len(ids)  # each request approved by exactly one of them
    for req in ApprovalRequest.objects.filter(pk__in=ids):
        assert req.state == "approved"
        assert ApprovalTask.objects.filter(request=req, state="approved").count() == 1
        assert ApprovalTask.objects.filter(request=req, state="cancelled").count() == 1
        assert ApprovalLog.objects.filter(request=req, action=LogAction.FINISHED).count() == 1
