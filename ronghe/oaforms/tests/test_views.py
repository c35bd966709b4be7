"""Request form pages and approval pages through the UI: errors on fields and table cells, drafts, submit,
decisions, bulk approve, visibility, and the admin editors."""

import json

import pytest

from conftest import login
from ronghe.oaforms.models import FormRequest, FormTemplate
from ronghe.workflow.models import ApprovalRequest, ApprovalTask, Flow

pytestmark = pytest.mark.django_db


def post_form(client, url, data, action="submit", chosen=None, **extra):
    return client.post(
        url,
        {"data_json": json.dumps(data), "chosen_json": json.dumps(chosen or {}), "action": action},
        **extra,
    )


def test_expense_form_reports_cell_errors_and_writes_nothing(client, users):
    login(client, users["liuyang"])
    before = FormRequest.objects.count()
    r = post_form(
        client,
        "/forms/new/expense/",
        {
            "reason": "差旅",
            "items": [
                {"category": "travel", "date": "2026-11-20", "amount": "abc"},
                {"category": "", "date": "", "amount": "10"},
            ],
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert r.status_code == 422
    errors = r.context["errors_json"]
    assert errors["items.0.amount"] == ["请输入数字。"] and "items.1.category" in errors
    assert FormRequest.objects.count() == before


def test_draft_then_submit(client, users):
    login(client, users["liuyang"])
    data = {"reason": "客户招待", "items": [{"category": "meal", "date": "2026-11-20", "amount": "680"}]}
    r = post_form(client, "/forms/new/expense/", data, action="save")
    fr = FormRequest.objects.filter(created_by=users["liuyang"]).order_by("-id").first()
    assert r.status_code == 302 and fr.state == "draft" and fr.data["items_amount_total"] == "680.00"
    assert client.get(f"/forms/requests/{fr.pk}/").status_code == 200
    r = post_form(client, f"/forms/requests/{fr.pk}/edit/", data)
    fr.refresh_from_db()
    req = ApprovalRequest.objects.get(target_id=fr.pk, approvable_type="oaforms:expense")
    assert fr.state == "submitted" and r["Location"] == req.get_absolute_url()
    assert client.get(f"/forms/requests/{fr.pk}/edit/").status_code == 302  # locked in approval


def test_attachment_uploaded_with_the_form(client, users, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    login(client, users["zhoumin"])
    r = client.post(
        "/forms/new/seal/",
        {
            "data_json": json.dumps(
                {"seal_type": "contract", "document": "采购合同", "copies": "2", "purpose": "签约"}
            ),
            "chosen_json": "{}",
            "action": "submit",
            "file__files": SimpleUploadedFile(
                "合同.pdf", b"%PDF-1.4 contract", content_type="application/pdf"
            ),
        },
    )
    assert r.status_code == 302
    fr = (
        FormRequest.objects.filter(created_by=users["zhoumin"], template__code="seal").order_by("-id").first()
    )
    assert len(fr.data["files"]) == 1 and fr.timeline_attachments.get().name == "合同.pdf"


def test_request_page_visibility_and_decision(client, users):
    req = ApprovalRequest.objects.get(approvable_type="oaforms:leave", initiator=users["wangfang"])
    login(client, users["liuyang"])
    assert client.get(req.get_absolute_url()).status_code == 404  # not a participant
    login(client, users["lina"])
    page = client.get(req.get_absolute_url()).content.decode()
    assert 'id="decide"' in page and "请假类型" in page
    r = client.post(f"/approvals/requests/{req.pk}/reject/", {"comment": ""}, follow=True)
    assert "请填写驳回原因" in r.content.decode()
    client.post(f"/approvals/requests/{req.pk}/approve/", {"comment": "同意"})
    assert ApprovalTask.objects.get(request=req, assignee=users["lina"]).state == "approved"
    login(client, users["wuxia"])  # the HR copy
    assert client.get(req.get_absolute_url()).status_code == 200


def test_bulk_approve_only_my_tasks(client, users):
    mine = list(ApprovalTask.objects.filter(assignee=users["lina"], state="pending"))
    others = list(ApprovalTask.objects.filter(state="pending").exclude(assignee=users["lina"]))
    login(client, users["lina"])
    client.post("/approvals/bulk-approve/", {"task": [t.pk for t in mine + others]})
    assert all(ApprovalTask.objects.get(pk=t.pk).state == "approved" for t in mine)
    assert all(ApprovalTask.objects.get(pk=t.pk).state == "pending" for t in others)


def test_inbox_filters(client, users):
    login(client, users["lina"])
    r = client.get("/approvals/?tab=todo&type=oaforms:expense")
    assert [row["req"].approvable_type for row in r.context["rows"]] == ["oaforms:expense"]
    r = client.get("/approvals/?tab=todo&q=请假", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="inbox-list")
    assert r.content.decode().lstrip().startswith('<div id="inbox-list">')


def test_admin_edits_a_flow_and_a_template(client, users, demo_company):
    login(client, users["admin"])
    spec = Flow.objects.get(company=demo_company, approvable_type="oaforms:trip").current_version.spec
    spec["branches"][-1]["nodes"].append(
        {
            "key": "fin",
            "name": "财务",
            "kind": "approve",
            "mode": "any",
            "approvers": {"rule": "role", "role": "accountant"},
        }
    )
    r = client.post("/approvals/flows/oaforms:trip/", {"name": "出差", "spec": json.dumps(spec)})
    assert r.status_code == 302
    assert Flow.objects.get(company=demo_company, approvable_type="oaforms:trip").current_version.number == 2
    r = client.post("/approvals/flows/oaforms:trip/", {"name": "出差", "spec": json.dumps({"branches": []})})
    assert r.status_code == 200 and "流程至少需要一个分支" in r.content.decode()
    r = client.post(
        "/approvals/flows/oaforms:trip/preview/",
        {"spec": json.dumps(spec), "initiator": users["wangfang"].pk},
    )
    assert "李娜" in r.content.decode() and "孙丽" in r.content.decode()
    fields = [{"key": "what", "label": "事项", "type": "text", "required": True}]
    r = client.post(
        "/forms/templates/new/",
        {"code": "visit", "name": "来访登记", "fields_json": json.dumps(fields), "active": "on"},
    )
    assert (
        r.status_code == 302 and FormTemplate.objects.get(company=demo_company, code="visit").fields == fields
    )
    r = client.post("/forms/templates/new/", {"code": "bad", "name": "坏", "fields_json": "[]"})
    assert r.status_code == 422
    login(client, users["lina"])
    assert client.get("/approvals/flows/").status_code == 404
    assert client.get("/forms/templates/").status_code == 404


def test_deputies_page(client, users):
    login(client, users["lina"])
    r = client.post(
        "/approvals/deputies/",
        {"deputy": users["zhangwei"].pk, "start_date": "2026-12-01", "end_date": "2026-11-30"},
        follow=True,
    )
    assert "结束日期早于开始日期" in r.content.decode()
    client.post(
        "/approvals/deputies/",
        {"deputy": users["zhangwei"].pk, "start_date": "2026-12-01", "end_date": "2026-12-10"},
    )
    assert users["lina"].delegations.count() == 1


def test_demo_has_pending_requests_in_several_inboxes(users, demo_company):
    holders = set(
        ApprovalTask.objects.filter(company=demo_company, state="pending").values_list(
            "assignee__username", flat=True
        )
    )
    assert {"lina", "zhangwei", "sunli"} <= holders
