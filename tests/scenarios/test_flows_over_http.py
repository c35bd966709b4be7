"""Quote to cash and procure to pay driven through the JSON API only: every step is an HTTP call with a user's
token (setup included: partners, approval flows, stock), exactly as another program would integrate."""

import json
from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.core.services import api_token_create

pytestmark = pytest.mark.django_db

GM = {"rule": "role", "role": "general_manager"}


def spec(approvers):
    return {
        "branches": [
            {
                "name": "默认",
                "conditions": [],
                "nodes": [
                    {
                        "key": "n1",
                        "name": "审批",
                        "kind": "approve",
                        "mode": "sequential",
                        "approvers": approvers,
                    }
                ],
            }
        ]
    }


@pytest.fixture
def http(client, users):
    tokens = {}

    def call(user, method, url, data=None, status=None):
        if user not in tokens:
            tokens[user] = api_token_create(user=users[user], name="t")[1]
        kw = {"HTTP_AUTHORIZATION": f"Bearer {tokens[user]}"}
        if data is not None:
            kw.update(data=json.dumps(data, default=str), content_type="application/json")
        r = getattr(client, method)(f"/api/v1{url}", **kw)
        if status is not None:
            assert r.status_code == status, (url, r.status_code, r.content[:500])
        return r.json() if r.content else None

    return call


def approve(http, user, approvable_type, target_id):
    for task in http(user, "get", "/approvals/tasks", status=200):
        req = http(user, "get", f"/approvals/requests/{task['request_id']}", status=200)
        if req["approvable_type"] == approvable_type and req["target_id"] == target_id:
            return http(
                user, "post", f"/approvals/tasks/{task['id']}/approve", {"comment": "同意"}, status=200
            )
    raise AssertionError(f"no task for {approvable_type} {target_id}")


def test_order_to_cash_and_procure_to_pay_over_http(http):
    today = timezone.localdate().isoformat()
    http(
        "admin",
        "put",
        "/approvals/flows/sales.order",
        {"name": "销售订单审批", "spec": spec({"rule": "role", "role": "sales_manager"})},
        status=200,
    )
    http(
        "admin",
        "put",
        "/approvals/flows/purchasing.order",
        {"name": "采购审批", "spec": spec(GM)},
        status=200,
    )
    http(
        "admin",
        "put",
        "/approvals/flows/purchasing.billmatch",
        {"name": "差异审批", "spec": spec(GM)},
        status=200,
    )
    product = http(
        "chenjing",
        "post",
        "/products/products",
        {
            "code": "HTTP-001",
            "name": "接口测试商品",
            "uom": "pcs",
            "type": "goods",
            "cost": "100",
            "sale_price": "226",
            "vat_rate": "0.13",
        },
        status=201,
    )
    supplier = http(
        "chenjing", "post", "/partners/partners", {"name": "接口供应商", "is_supplier": True}, status=201
    )
    customer = http(
        "wangfang", "post", "/partners/partners", {"name": "接口客户", "is_customer": True}, status=201
    )

    # procure to pay: 600 × 113 含税 = 67,800 > 50,000 → the general manager approves
    po = http(
        "chenjing",
        "post",
        "/purchasing/orders",
        {"partner_id": supplier["id"], "lines": [{"product_id": product["id"], "quantity": "600"}]},
        status=201,
    )
    po = http("chenjing", "post", f"/purchasing/orders/{po['id']}/confirm", status=200)
    assert (po["state"], po["approval_state"], po["receipt_ids"]) == ("draft", "pending", [])
    approve(http, "zhangwei", "purchasing.order", po["id"])
    po = http("chenjing", "get", f"/purchasing/orders/{po['id']}", status=200)
    assert po["state"] == "confirmed" and len(po["receipt_ids"]) == 1
    receipt = http("zhaolei", "get", f"/inventory/transfers/{po['receipt_ids'][0]}", status=200)
    http(
        "zhaolei",
        "post",
        f"/inventory/transfers/{receipt['id']}/validate",
        {"quantities": {receipt["moves"][0]["id"]: "400"}},
        status=200,
    )
    assert D(http("zhaolei", "get", f"/inventory/stock/{product['id']}", status=200)["on_hand"]) == 400
    line_id = po["lines"][0]["id"]
    bill = http(
        "sunli", "post", f"/purchasing/orders/{po['id']}/bill", {"prices": {line_id: "116"}}, status=201
    )
    bill = http("sunli", "post", f"/purchasing/bills/{bill['id']}/post", status=200)
    assert (bill["state"], bill["match_state"]) == ("draft", "pending")  # price beyond tolerance: blocked
    approve(http, "zhangwei", "purchasing.billmatch", bill["match_id"])
    bill = http("sunli", "get", f"/accounting/invoices/{bill['id']}", status=200)
    assert (bill["state"], bill["amount_total"]) == ("posted", "46400.00")
    bank = next(
        b for b in http("zhoumin", "get", "/accounting/bank-accounts", status=200) if b["account"] == "1002"
    )
    pay = http(
        "zhoumin",
        "post",
        "/accounting/payments",
        {
            "kind": "outbound",
            "partner_id": supplier["id"],
            "date": today,
            "bank_account_id": bank["id"],
            "amount": "46400.00",
            "allocations": [{"invoice_id": bill["id"], "amount": "46400.00"}],
        },
        status=201,
    )
    http("zhoumin", "post", f"/accounting/payments/{pay['id']}/post", status=200)
    assert http("sunli", "get", f"/accounting/invoices/{bill['id']}", status=200)["amount_open"] == "0.00"
    # 50 go back to the supplier; its red credit note is at the billed 116, not the ordered 113
    (ret,) = http(
        "chenjing",
        "post",
        f"/purchasing/orders/{po['id']}/return",
        {"quantities": {line_id: "50"}},
        status=201,
    )
    assert ret["kind"] == "return_out"
    http("zhaolei", "post", f"/inventory/transfers/{ret['id']}/validate", {}, status=200)
    assert D(http("zhaolei", "get", f"/inventory/stock/{product['id']}", status=200)["on_hand"]) == 350
    (note,) = http("sunli", "post", f"/purchasing/orders/{po['id']}/credit", {"post": True}, status=201)
    assert (note["state"], note["amount_total"]) == ("posted", "5800.00")

    # order to cash: 15 % discount → the sales manager approves
    so = http(
        "wangfang",
        "post",
        "/sales/orders",
        {
            "partner_id": customer["id"],
            "lines": [{"product_id": product["id"], "quantity": "10", "discount_percent": "15"}],
        },
        status=201,
    )
    assert so["amount_total"] == "1921.00"
    so = http("wangfang", "post", f"/sales/orders/{so['id']}/confirm", status=200)
    assert so["approval_state"] == "pending"
    approve(http, "lina", "sales.order", so["id"])
    so = http("wangfang", "get", f"/sales/orders/{so['id']}", status=200)
    assert so["state"] == "confirmed" and len(so["delivery_ids"]) == 1
    delivery = http("zhaolei", "get", f"/inventory/transfers/{so['delivery_ids'][0]}", status=200)
    http(
        "zhaolei",
        "post",
        f"/inventory/transfers/{delivery['id']}/validate",
        {"quantities": {delivery["moves"][0]["id"]: "6"}},
        status=200,
    )
    backorders = [
        t
        for t in http("zhaolei", "get", f"/inventory/transfers?q={so['number']}", status=200)["items"]
        if t["state"] == "reserved"
    ]
    http("zhaolei", "post", f"/inventory/transfers/{backorders[0]['id']}/validate", {}, status=200)
    so = http("sunli", "get", f"/sales/orders/{so['id']}", status=200)
    assert so["lines"][0]["qty_delivered"] == "10.0000"
    inv = http("sunli", "post", f"/sales/orders/{so['id']}/invoice", {"post": True}, status=201)
    assert (inv["state"], inv["amount_total"]) == ("posted", "1921.00")
    for amount, left in (("1000.00", "921.00"), ("921.00", "0.00")):
        pay = http(
            "zhoumin",
            "post",
            "/accounting/payments",
            {
                "kind": "inbound",
                "partner_id": customer["id"],
                "date": today,
                "bank_account_id": bank["id"],
                "amount": amount,
                "allocations": [{"invoice_id": inv["id"], "amount": amount}],
            },
            status=201,
        )
        http("zhoumin", "post", f"/accounting/payments/{pay['id']}/post", status=200)
        assert http("sunli", "get", f"/accounting/invoices/{inv['id']}", status=200)["amount_open"] == left
    assert http("wangfang", "get", f"/sales/orders/{so['id']}", status=200)["state"] == "done"
    assert D(http("zhaolei", "get", f"/inventory/stock/{product['id']}", status=200)["on_hand"]) == 340
