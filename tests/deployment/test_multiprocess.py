"""A small production deployment on PostgreSQL: 2 web processes (gunicorn) and 2 task workers on loopback ports,
8 concurrent clients through the HTTP API — orders for the same scarce product, vouchers in the same period,
approvals of the same 或签 node, claims from the public pool. Afterwards nothing is oversold, no number is
duplicated or missing, the ledger balances, each approval was decided once, nobody holds more customers than
the limit, `ronghe check-integrity` is clean and no request got a 5xx."""

import collections
import json
import random
import threading
import time
import urllib.error
import urllib.request
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from .conftest import Deployment

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

SCARCE_STOCK = 20
ORDERS_PER_CLIENT, ORDER_QTY = 3, 2  # 8 × 3 × 2 = 48 wanted of 20
VOUCHERS_PER_CLIENT = 4
PURCHASE_ORDERS = 8
POOL_CUSTOMERS, CLAIM_LIMIT = 16, 3  # 4 salespeople × 3 = 12 claimable
CLIENTS = 8


class Api:
    """One client: a user's token and one of the web processes."""

    def __init__(self, base, tokens, log):
        self.base, self.tokens, self.log = base, tokens, log

    def __call__(self, user, method, path, data=None):
        body = json.dumps(data, default=str).encode() if data is not None else None
        req = urllib.request.Request(
            f"{self.base}/api/v1{path}",
            data=body,
            method=method,
            headers={"Authorization": f"Bearer {self.tokens[user]}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                status, content = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, content = e.code, e.read()
        self.log.append((method, path, status, content[:300] if status >= 500 else b""))
        return status, (json.loads(content) if content else None)


def _setup(company, users):
    """Stock, customers, the 或签 flow and its purchase orders, the pool and its salespeople; tokens."""
    from ronghe.core.models import Role, Unit, User
    from ronghe.core.services import api_token_create, membership_set
    from ronghe.crm.models import SalesTeam
    from ronghe.inventory.models import Transfer, Warehouse
    from ronghe.inventory.services import transfer_create, transfer_validate
    from ronghe.partners.models import Partner
    from ronghe.products.services import product_save
    from ronghe.purchasing import services as purchasing
    from ronghe.workflow.services import flow_save

    wh = Warehouse.objects.filter(company=company).order_by("pk").first()
    product = product_save(
        company=company,
        actor=None,
        data={
            "code": "SCARCE-1",
            "name": "紧俏商品",
            "uom": Unit.objects.get(code="pcs"),
            "type": "goods",
            "tracking": "none",
            "cost": Decimal("100"),
            "sale_price": Decimal("200"),
            "vat_rate": Decimal("0.13"),
        },
    )
    t = transfer_create(
        company=company,
        actor=users["zhaolei"],
        kind=Transfer.Kind.RECEIPT,
        warehouse=wh,
        lines=[{"product": product, "quantity": SCARCE_STOCK, "price_unit": "100"}],
    )
    transfer_validate(transfer=t, actor=users["zhaolei"])
    customer = Partner.objects.create(
        company=company, code="RUSH-C", name="抢购客户", is_customer=True, owner=users["wangfang"]
    )
    supplier = Partner.objects.create(company=company, code="RUSH-S", name="并发供应商", is_supplier=True)

    approvers = [users[u] for u in ("zhangwei", "lina", "sunli", "zhoumin")]
    node = {"key": "n1", "name": "任一审批", "kind": "approve", "mode": "any"}
    node["approvers"] = {"rule": "users", "users": [u.pk for u in approvers]}
    spec = {"branches": [{"name": "默认", "conditions": [], "nodes": [node]}]}
    flow_save(
        company=company, actor=users["admin"], approvable_type="purchasing.order", name="或签", spec=spec
    )
    pos = []
    for _i in range(PURCHASE_ORDERS):
        po = purchasing.order_create(
            company=company,
            actor=users["chenjing"],
            partner=supplier,
            warehouse=wh,
            lines=[{"product": product, "quantity": 1000, "price_unit": Decimal("100")}],
        )
        po = purchasing.order_confirm(order=po, actor=users["chenjing"])
        assert po.approval_state == "pending", po.approval_state
        pos.append(po.pk)

    seller = Role.objects.get(company=company, code="salesperson")
    rushers = []
    for i in range(4):
        u = User.objects.create_user(username=f"rush{i}", password="Ronghe@2026-rush", first_name=f"抢{i}")
        membership_set(company=company, user=u, roles=[seller])
        rushers.append(u)
    team = SalesTeam.objects.create(
        company=company, name="抢客组", leader=rushers[0], claim_limit=CLAIM_LIMIT, pool_days=0
    )
    team.members.set(rushers)
    pool = [
        Partner.objects.create(
            company=company, code=f"POOL-{i:02d}", name=f"公海客户{i:02d}", is_customer=True
        )
        for i in range(POOL_CUSTOMERS)
    ]
    tokens = {
        u.username: api_token_create(user=u, name="deploy")[1]
        for u in [*users.values(), *rushers]
        if u.username in {"wangfang", "zhaolei", "zhoumin", "sunli", "zhangwei", "lina", "chenjing"}
        or u in rushers
    }
    return product, customer, pos, [p.pk for p in pool], [u.username for u in rushers], tokens, approvers


def _client(n, api, product, customer, requests, pool, rushers, approvers, results, barrier):
    rng = random.Random(n)
    today = timezone.localdate().isoformat()
    barrier.wait(timeout=300)
    # scarce stock: quotation → confirm (reserves what is left) → the warehouse ships it
    for _i in range(ORDERS_PER_CLIENT):
        s, so = api(
            "wangfang",
            "POST",
            "/sales/orders",
            {"partner_id": customer, "lines": [{"product_id": product, "quantity": str(ORDER_QTY)}]},
        )
        assert s == 201, so
        s, so = api("wangfang", "POST", f"/sales/orders/{so['id']}/confirm")
        results["confirm"][s] += 1
        if s == 200:
            for d in so["delivery_ids"]:
                s, _t = api("zhaolei", "POST", f"/inventory/transfers/{d}/validate", {})
                results["ship"][s] += 1
    barrier.wait(timeout=300)
    # vouchers in the same period: 周敏 prepares, 孙丽 reviews and posts
    for i in range(VOUCHERS_PER_CLIENT):
        amount = f"{rng.randint(1, 999)}.{i}0"
        s, v = api(
            "zhoumin",
            "POST",
            "/accounting/vouchers",
            {
                "date": today,
                "lines": [
                    {"summary": f"并发{n}-{i}", "account": "5602", "debit": amount},
                    {"summary": f"并发{n}-{i}", "account": "1001", "credit": amount},
                ],
            },
        )
        assert s == 201, v
        results["voucher_ids"].append(v["id"])
        s, _v = api("sunli", "POST", f"/accounting/vouchers/{v['id']}/review")
        assert s == 200, _v
        s, _v = api("sunli", "POST", f"/accounting/vouchers/{v['id']}/post")
        assert s == 200, _v
    # the same 或签 node: every client approves every order it still sees, as one of the four approvers
    barrier.wait(timeout=300)
    me = approvers[n % len(approvers)]
    s, tasks = api(me, "GET", "/approvals/tasks")
    assert s == 200, tasks
    ours = [t for t in tasks if t["request_id"] in requests]
    for task in rng.sample(ours, len(ours)):
        s, _r = api(me, "POST", f"/approvals/tasks/{task['id']}/approve", {"comment": f"客户端{n}"})
        results["approve"][s] += 1
        if s == 200:
            results["approved_requests"].append(task["request_id"])
    # the pool: each salesperson works in two clients at once
    barrier.wait(timeout=300)
    seller = rushers[n % len(rushers)]
    for pid in rng.sample(pool, len(pool)):
        s, _p = api(seller, "POST", f"/crm/pool/{pid}/claim")
        results["claim"][s] += 1
        if s == 200:
            results["claimed"].append((pid, seller))


def test_two_web_two_workers_eight_clients(demo_company, users, deployment: Deployment):
    from ronghe.accounting.models import Voucher, VoucherLine
    from ronghe.core.models import WorkerBeat
    from ronghe.crm.models import OwnershipChange
    from ronghe.inventory.models import Quant, StockMove, Transfer
    from ronghe.partners.models import Partner
    from ronghe.purchasing.models import PurchaseOrder
    from ronghe.sales.models import SalesOrder
    from ronghe.workflow.models import ApprovalRequest, ApprovalTask

    product, customer, pos, pool, rushers, tokens, approvers = _setup(demo_company, users)
    approver_names = [u.username for u in approvers]
    from ronghe.workflow.models import ApprovalRequest as AR

    request_ids = set(
        AR.objects.filter(approvable_type="purchasing.order", target_id__in=pos).values_list("pk", flat=True)
    )
    assert len(request_ids) == PURCHASE_ORDERS
    webs = deployment.start(web=2, workers=2)
    log: list = []
    results = collections.defaultdict(collections.Counter)
    barrier = threading.Barrier(CLIENTS)
    for key in ("voucher_ids", "approved_requests", "claimed"):
        results[key] = []
    errors = []

    def run(n):
        try:
            _client(
                n,
                Api(webs[n % len(webs)], tokens, log),
                product.pk,
                customer.pk,
                request_ids,
                pool,
                rushers,
                approver_names,
                results,
                barrier,
            )
        except Exception as exc:  # noqa: BLE001 — reported below with the client's number
            errors.append((n, repr(exc)))
            barrier.abort()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(CLIENTS)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    elapsed = time.monotonic() - start
    print(
        f"{len(log)} requests from {CLIENTS} clients in {elapsed:.1f} s; statuses {collections.Counter(s for *_x, s, _c in log)}"
    )
    kinds = collections.Counter(
        (method, "/".join(x for x in path.split("/") if not x.isdigit()), status)
        for method, path, status, _c in log
    )
    print(sorted(kinds.items()))
    assert not errors, errors
    assert not [entry for entry in log if entry[2] >= 500], "5xx responses"
    assert len(log) > 300

    # no oversold stock: what shipped is what was there at most; no quant below zero anywhere
    shipped = sum(
        m.quantity
        for m in StockMove.objects.filter(
            product=product, state="done", transfer__kind=Transfer.Kind.DELIVERY
        )
    )
    assert 0 < shipped <= SCARCE_STOCK
    on_hand = sum(q.quantity for q in Quant.objects.filter(product=product))
    assert on_hand == SCARCE_STOCK - shipped >= 0
    assert not Quant.objects.filter(company=demo_company, quantity__lt=0).exists()
    # every unit went out, each through one accepted shipment; the rest was refused (409), not lost
    assert shipped == SCARCE_STOCK and results["ship"][200] * ORDER_QTY == SCARCE_STOCK
    assert results["ship"][409] > 0

    # numbers: unique, and vouchers of the period consecutive from 1 without a gap
    so_numbers = list(SalesOrder.objects.filter(company=demo_company).values_list("number", flat=True))
    assert len(so_numbers) == len(set(so_numbers))
    transfer_numbers = list(Transfer.objects.filter(company=demo_company).values_list("number", flat=True))
    assert len(transfer_numbers) == len(set(transfer_numbers))
    ours = Voucher.objects.filter(pk__in=results["voucher_ids"])
    assert ours.count() == CLIENTS * VOUCHERS_PER_CLIENT and all(v.state == "posted" for v in ours)
    period = ours.first().period_id
    per_word = collections.defaultdict(list)
    for word, number in Voucher.objects.filter(company=demo_company, period_id=period).values_list(
        "word", "number"
    ):
        per_word[word].append(number)
    for word, numbers in per_word.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), (word, sorted(numbers))

    # the ledger balances, voucher by voucher and in all
    with connection.cursor() as cur:
        cur.execute(
            "SELECT voucher_id FROM accounting_voucherline l JOIN accounting_voucher v ON v.id = l.voucher_id "
            "WHERE v.company_id = %s GROUP BY voucher_id HAVING SUM(l.debit) <> SUM(l.credit)",
            [demo_company.pk],
        )
        assert cur.fetchall() == []
    lines = VoucherLine.objects.filter(voucher__company=demo_company, voucher__state="posted")
    assert sum(x.debit for x in lines) == sum(x.credit for x in lines)

    # each 或签 decided once: one approving answer per order, one approved task, the order confirmed once
    requests = {
        r.target_id: r
        for r in ApprovalRequest.objects.filter(approvable_type="purchasing.order", target_id__in=pos)
    }
    assert sorted(results["approved_requests"]) == sorted(r.pk for r in requests.values())
    assert results["approve"][200] == PURCHASE_ORDERS and results["approve"][409] > 0
    for po in PurchaseOrder.objects.filter(pk__in=pos):
        assert (po.state, po.approval_state) == ("confirmed", "approved")
        assert requests[po.pk].state == "approved"
        assert ApprovalTask.objects.filter(request=requests[po.pk], state="approved").count() == 1
        assert Transfer.objects.filter(company=demo_company, origin=po.number).count() == 1

    # the pool: every claim once, nobody above the limit, what is left stays in the pool
    claimed = results["claimed"]
    assert len(claimed) == len({pid for pid, _s in claimed}) == 4 * CLAIM_LIMIT
    for name in rushers:
        assert Partner.objects.filter(owner__username=name, is_customer=True).count() == CLAIM_LIMIT
    assert Partner.objects.filter(pk__in=pool, owner=None).count() == POOL_CUSTOMERS - 4 * CLAIM_LIMIT
    assert OwnershipChange.objects.filter(partner_id__in=pool, reason="claim").count() == 4 * CLAIM_LIMIT

    # both workers are alive and beating; nothing they ran failed
    assert WorkerBeat.objects.count() >= 2
    deployment.assert_tasks_settled()
    deployment.check_integrity()
