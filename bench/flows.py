"""Order-to-cash and procure-to-pay flows: N flows of 5 lines each through the services and through the HTTP
API, with SQL statements counted per flow (every statement: audit, timeline, stock and ledger included).

order to cash: create quotation → confirm (delivery reserved) → deliver → invoice + post → receipt + post
procure to pay: create PO → confirm (receipt expected) → receive → bill + post (three-way match) → payment
"""

import json
import statistics
import time
from decimal import Decimal

from inventory import _timeit  # noqa: F401  (bench/ is on sys.path; keeps the modules side by side)

PRODUCTS = 5


def _setup(company, keeper):
    from ronghe.core.models import Unit
    from ronghe.inventory.models import Transfer, Warehouse
    from ronghe.inventory.services import transfer_create, transfer_validate
    from ronghe.partners.models import Partner
    from ronghe.products.models import Product, ProductCategory
    from ronghe.products.services import product_save

    wh = Warehouse.objects.filter(company=company).order_by("pk").first()
    products = list(Product.objects.filter(company=company, code__startswith="FLOW-").order_by("code"))
    if len(products) < PRODUCTS:
        cat = ProductCategory.objects.filter(company=company).first()
        for i in range(len(products), PRODUCTS):
            products.append(
                product_save(
                    company=company,
                    actor=None,
                    data={
                        "code": f"FLOW-{i}",
                        "name": f"流程基准商品{i}",
                        "uom": Unit.objects.get(code="pcs"),
                        "category": cat,
                        "type": "goods",
                        "tracking": "none",
                        "cost": Decimal("100"),
                        "sale_price": Decimal("226"),
                        "vat_rate": Decimal("0.13"),
                    },
                )
            )
    from ronghe.core.models import User as U

    customer, _c = Partner.objects.update_or_create(
        company=company,
        code="FLOW-C",
        defaults={"name": "流程基准客户", "is_customer": True, "owner": U.objects.get(username="wangfang")},
    )
    supplier, _s = Partner.objects.get_or_create(
        company=company, code="FLOW-S", defaults={"name": "流程基准供应商", "is_supplier": True}
    )
    t = transfer_create(
        company=company,
        actor=keeper,
        kind=Transfer.Kind.RECEIPT,
        warehouse=wh,
        lines=[{"product": p, "quantity": 100_000, "price_unit": "100"} for p in products],
    )
    transfer_validate(transfer=t, actor=keeper)
    return wh, products, customer, supplier


def o2c_services(company, users, wh, products, customer, bank):
    from django.utils import timezone

    from ronghe.accounting.payments import payment_create, payment_post
    from ronghe.inventory.services import transfer_validate
    from ronghe.sales import services

    order = services.order_create(
        company=company,
        actor=users["sales"],
        partner=customer,
        warehouse=wh,
        lines=[{"product": p, "quantity": 2} for p in products],
    )
    order = services.order_confirm(order=order, actor=users["sales"])
    transfer_validate(transfer=services.deliveries(order).get(), actor=users["keeper"])
    inv = services.order_invoice(orders=[order], actor=users["accountant"], post=True)
    pay = payment_create(
        company=company,
        actor=users["cashier"],
        kind="inbound",
        partner=customer,
        date=timezone.localdate(),
        bank_account=bank,
        amount=inv.amount_total,
        allocations=[{"invoice": inv, "amount": inv.amount_total}],
    )
    payment_post(payment=pay, actor=users["cashier"])


def p2p_services(company, users, wh, products, supplier, bank):
    from django.utils import timezone

    from ronghe.accounting.payments import payment_create, payment_post
    from ronghe.inventory.services import transfer_validate
    from ronghe.purchasing import services

    po = services.order_create(
        company=company,
        actor=users["buyer"],
        partner=supplier,
        warehouse=wh,
        lines=[{"product": p, "quantity": 2} for p in products],
    )
    po = services.order_confirm(order=po, actor=users["buyer"])
    transfer_validate(transfer=services.receipts(po).get(), actor=users["keeper"])
    bill = services.bill_post(
        invoice=services.order_bill(orders=[po], actor=users["accountant"]), actor=users["accountant"]
    )
    pay = payment_create(
        company=company,
        actor=users["cashier"],
        kind="outbound",
        partner=supplier,
        date=timezone.localdate(),
        bank_account=bank,
        amount=bill.amount_total,
        allocations=[{"invoice": bill, "amount": bill.amount_total}],
    )
    payment_post(payment=pay, actor=users["cashier"])


def o2c_http(client, tokens, wh, products, customer, bank):
    from django.utils import timezone

    def call(user, method, url, data=None):
        kw = {"HTTP_AUTHORIZATION": f"Bearer {tokens[user]}"}
        if data is not None:
            kw.update(data=json.dumps(data, default=str), content_type="application/json")
        r = getattr(client, method)(f"/api/v1{url}", **kw)
        assert r.status_code < 300, (url, r.status_code, r.content[:300])
        return r.json()

    order = call(
        "sales",
        "post",
        "/sales/orders",
        {
            "partner_id": customer.pk,
            "warehouse_id": wh.pk,
            "lines": [{"product_id": p.pk, "quantity": "2"} for p in products],
        },
    )
    order = call("sales", "post", f"/sales/orders/{order['id']}/confirm")
    call("keeper", "post", f"/inventory/transfers/{order['delivery_ids'][0]}/validate", {})
    inv = call("accountant", "post", f"/sales/orders/{order['id']}/invoice", {"post": True})
    pay = call(
        "cashier",
        "post",
        "/accounting/payments",
        {
            "kind": "inbound",
            "partner_id": customer.pk,
            "date": timezone.localdate().isoformat(),
            "bank_account_id": bank.pk,
            "amount": inv["amount_total"],
            "allocations": [{"invoice_id": inv["id"], "amount": inv["amount_total"]}],
        },
    )
    call("cashier", "post", f"/accounting/payments/{pay['id']}/post")


def _measure(fn, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, counts = [], []
    for _ in range(n):
        connection.queries_log.clear()  # the log keeps 9,000 entries: a full log would count nothing
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        counts.append(len(ctx.captured_queries))
    return times, counts


def run(company, n: int, quick: bool) -> list[dict]:
    from django.conf import settings
    from django.test import Client

    from ronghe.accounting.models import BankAccount
    from ronghe.core.models import User
    from ronghe.core.services import api_token_create

    settings.DEBUG = False
    names = {
        "sales": "wangfang",
        "keeper": "zhaolei",
        "accountant": "sunli",
        "cashier": "zhoumin",
        "buyer": "chenjing",
    }
    users = {k: User.objects.get(username=v) for k, v in names.items()}
    wh, products, customer, supplier = _setup(company, users["keeper"])
    bank = BankAccount.objects.get(company=company, account__code="1002")
    rows = []
    o2c_services(company, users, wh, products, customer, bank)  # warm up
    times, counts = _measure(lambda: o2c_services(company, users, wh, products, customer, bank), n)
    rows.append(_row("order to cash, services (5 lines)", times, counts))
    times, counts = _measure(lambda: p2p_services(company, users, wh, products, supplier, bank), n)
    rows.append(_row("procure to pay, services (5 lines)", times, counts))
    client = Client()
    tokens = {k: api_token_create(user=u, name="bench")[1] for k, u in users.items()}
    o2c_http(client, tokens, wh, products, customer, bank)
    times, counts = _measure(lambda: o2c_http(client, tokens, wh, products, customer, bank), max(3, n // 2))
    rows.append(_row("order to cash, HTTP API (5 lines)", times, counts))
    return rows


def _row(label, times, counts):
    return {
        "benchmark": label,
        "n": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": sorted(times)[max(0, round(0.95 * (len(times) - 1)))],
        "queries": max(counts),
        "queries_p50": statistics.median(counts),
        "flows_per_s": 1000 / statistics.median(times),
    }
