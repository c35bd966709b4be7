"""Approvals through the HTTP API: submit a leave, decide it, and the refusals (409/404) that change nothing."""

import json

import pytest

from ronghe.core.services import api_token_create
from ronghe.workflow.models import ApprovalLog, ApprovalRequest, ApprovalTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, users):
    def call(user, method, url, data=None):
        _t, secret = api_token_create(user=users[user], name="t")
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        if data is not None:
            kwargs.update(data=json.dumps(data), content_type="application/json")
        return getattr(client, method)(f"/api/v1{url}", **kwargs)

    return call


LEAVE = {
    "template": "leave",
    "data": {
        "leave_type": "annual",
        "reason": "回家",
        "period": {"start": "2026-12-07", "start_half": "am", "end": "2026-12-08", "end_half": "pm"},
    },
}


def test_submit_leave_and_approve(api, users):
    r = api("wangfang", "post", "/forms/requests", LEAVE)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["state"] == "submitted" and body["data"]["period"]["days"] == "2"
    req_id = body["approval_request_id"]
    tasks = api("lina", "get", "/approvals/tasks").json()
    task = next(t for t in tasks if t["request_id"] == req_id)
    detail = api("lina", "get", f"/approvals/requests/{req_id}").json()
    assert "approve" in detail["actions"] and detail["values"]["period_days"] == "2"
    r = api("lina", "post", f"/approvals/tasks/{task['id']}/approve", {"comment": "同意"})
    assert r.status_code == 200 and r.json()["state"] == "approved"  # default branch: head, then CC to HR
    assert api("wangfang", "get", f"/forms/requests/{body['id']}").json()["state"] == "approved"


def test_bad_form_values_name_the_field(api):
    from ronghe.oaforms.models import FormRequest

    api("wangfang", "get", "/forms/templates")
    before = (FormRequest.objects.count(), ApprovalRequest.objects.count())
    bad = {
        "template": "leave",
        "data": {"leave_type": "holiday", "period": {"start": "2026-12-08", "end": "2026-12-07"}},
    }
    r = api("wangfang", "post", "/forms/requests", bad)
    assert r.status_code == 422
    fields = r.json()["fields"]
    assert {"leave_type", "period", "reason"} <= set(fields)
    assert (FormRequest.objects.count(), ApprovalRequest.objects.count()) == before


def test_refusals_are_409_and_404_and_change_nothing(api, users):
    req_id = api("wangfang", "post", "/forms/requests", LEAVE).json()["approval_request_id"]
    task = ApprovalTask.objects.get(request_id=req_id, state="pending")
    log_before = ApprovalLog.objects.filter(request_id=req_id).count()
    # someone else's task: 404
    r = api("sunli", "post", f"/approvals/tasks/{task.pk}/approve", {"comment": ""})
    assert r.status_code == 404 and r.json()["code"] == "core.not_found"
    # a request the caller takes no part in: 404
    assert api("sunli", "get", f"/approvals/requests/{req_id}").status_code == 404
    # reject without a comment: 422
    r = api("lina", "post", f"/approvals/tasks/{task.pk}/reject", {"comment": ""})
    assert r.status_code == 422 and "comment" in r.json()["fields"]
    assert ApprovalLog.objects.filter(request_id=req_id).count() == log_before
    # approve, then approve again: 409
    assert api("lina", "post", f"/approvals/tasks/{task.pk}/approve", {}).status_code == 200
    r = api("lina", "post", f"/approvals/tasks/{task.pk}/approve", {})
    assert r.status_code == 409 and r.json()["code"] == "core.invalid_transition"
    # withdrawing a finished request: 409
    assert api("wangfang", "post", f"/approvals/requests/{req_id}/withdraw", {}).status_code == 409


def test_acting_on_a_withdrawn_request_is_409(api):
    req_id = api("wangfang", "post", "/forms/requests", LEAVE).json()["approval_request_id"]
    task = ApprovalTask.objects.get(request_id=req_id, state="pending")
    assert api("wangfang", "post", f"/approvals/requests/{req_id}/withdraw", {}).status_code == 200
    r = api("lina", "post", f"/approvals/tasks/{task.pk}/approve", {})
    assert r.status_code == 409


def test_inbox_tabs_and_flows(api):
    api("wangfang", "post", "/forms/requests", LEAVE)
    todo = api("lina", "get", "/approvals/requests?tab=todo").json()
    assert todo["count"] >= 1 and all(r["state"] == "submitted" for r in todo["items"])
    mine = api("wangfang", "get", "/approvals/requests?tab=mine").json()
    assert mine["count"] >= 2  # the demo leave + this one
    flows = api("admin", "get", "/approvals/flows").json()
    assert {f["approvable_type"] for f in flows} >= {"oaforms:leave", "oaforms:expense"}
    preview = api(
        "admin",
        "post",
        "/approvals/flows/oaforms:leave/preview",
        {"initiator_id": None, "values": {"period_days": "5"}},
    ).json()
    assert preview["branch"] == "超过3天"
    assert (
        api("wangfang", "put", "/approvals/flows/oaforms:leave", {"name": "x", "spec": {}}).status_code == 404
    )


def test_templates_endpoint(api):
    codes = [t["code"] for t in api("wangfang", "get", "/forms/templates").json()]
    assert codes[:6] == ["leave", "expense", "trip", "seal", "purchase_request", "general"]
