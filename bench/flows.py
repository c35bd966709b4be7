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
    raw = raw_rows(n)
    for row in rows:
        floor = raw["order to cash" if row["benchmark"].startswith("order") else "procure to pay"]
        row.update(
            raw_sql_p50_ms=floor["p50"],
            raw_sql_p95_ms=floor["p95"],
            raw_queries=floor["queries"],
            raw_flows_per_s=1000 / floor["p50"],
        )
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


# --- the raw-SQL floor: the same durable work, hand-written -------------------------------------------------
# Scratch tables shaped like the real ones (documents, lines, stock, ledger, number counters). One flow writes
# what the services' flow must write at the least — the documents and their lines, the stock rows (locked), the
# vouchers and their lines, the numbers — in the same five transactions, so that commits cost the same.

RAW_STEPS = 5


def _raw_tables(cur, vendor):
    pk = "INTEGER PRIMARY KEY AUTOINCREMENT" if vendor == "sqlite" else "BIGSERIAL PRIMARY KEY"
    for sql in (
        "CREATE TABLE IF NOT EXISTS bench_raw_counter (name VARCHAR(10) PRIMARY KEY, n INTEGER NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS bench_raw_doc (id {pk}, kind VARCHAR(4) NOT NULL, number VARCHAR(20) NOT NULL, "
        "partner_id INTEGER, origin_id INTEGER, state VARCHAR(10) NOT NULL, amount NUMERIC(18, 2) NOT NULL, "
        "amount_open NUMERIC(18, 2) NOT NULL, created_at TIMESTAMP NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS bench_raw_line (id {pk}, doc_id INTEGER NOT NULL, product_id INTEGER NOT NULL, "
        "quantity NUMERIC(18, 4) NOT NULL, price NUMERIC(18, 4) NOT NULL, amount NUMERIC(18, 2) NOT NULL, "
        "done NUMERIC(18, 4) NOT NULL)",
        "CREATE TABLE IF NOT EXISTS bench_raw_stock (product_id INTEGER PRIMARY KEY, quantity NUMERIC(18, 4) NOT NULL, "
        "reserved NUMERIC(18, 4) NOT NULL, value NUMERIC(18, 2) NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS bench_raw_ledger (id {pk}, voucher_id INTEGER NOT NULL, account VARCHAR(10) NOT NULL, "
        "partner_id INTEGER, debit NUMERIC(18, 2) NOT NULL, credit NUMERIC(18, 2) NOT NULL)",
    ):
        cur.execute(sql)
    cur.execute("DELETE FROM bench_raw_counter")
    cur.executemany(
        "INSERT INTO bench_raw_counter (name, n) VALUES (%s, 0)",
        [(k,) for k in ("SO", "OUT", "IN", "INV", "REC", "PO", "BILL", "PAY", "V")],
    )
    cur.execute("DELETE FROM bench_raw_stock")
    cur.executemany(
        "INSERT INTO bench_raw_stock (product_id, quantity, reserved, value) VALUES (%s, 1000000, 0, 100000000)",
        [(p,) for p in range(1, PRODUCTS + 1)],
    )


def _raw_doc(cur, kind, partner, amount, origin=None):
    from django.utils import timezone

    cur.execute("UPDATE bench_raw_counter SET n = n + 1 WHERE name = %s RETURNING n", [kind])
    n = cur.fetchone()[0]
    cur.execute(
        "INSERT INTO bench_raw_doc (kind, number, partner_id, origin_id, state, amount, amount_open, created_at) "
        "VALUES (%s, %s, %s, %s, 'draft', %s, %s, %s) RETURNING id",
        [kind, f"{kind}{n:08d}", partner, origin, amount, amount, timezone.now()],
    )
    return cur.fetchone()[0]


def _raw_lines(cur, doc, qty, price):
    values = ", ".join(["(%s, %s, %s, %s, %s, 0)"] * PRODUCTS)
    params = []
    for p in range(1, PRODUCTS + 1):
        params += [doc, p, qty, price, qty * price]
    cur.execute(
        f"INSERT INTO bench_raw_line (doc_id, product_id, quantity, price, amount, done) VALUES {values}",
        params,
    )


def _raw_voucher(cur, lines):
    voucher = _raw_doc(cur, "V", None, sum(d for _a, d, _c in lines))
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(lines))
    params = []
    for account, debit, credit in lines:
        params += [voucher, account, 1, debit, credit]
    cur.execute(
        f"INSERT INTO bench_raw_ledger (voucher_id, account, partner_id, debit, credit) VALUES {values}",
        params,
    )


def raw_flow(vendor, *, selling: bool):
    """One order-to-cash (selling) or procure-to-pay flow in raw SQL, in five transactions."""
    from django.db import connection, transaction

    lock = " FOR UPDATE" if vendor != "sqlite" else ""  # SQLite: BEGIN IMMEDIATE already holds the write lock
    qty, price = Decimal(2), Decimal(200)
    total = qty * price * PRODUCTS
    order_kind, move_kind, bill_kind, pay_kind = (
        ("SO", "OUT", "INV", "REC") if selling else ("PO", "IN", "BILL", "PAY")
    )
    sign = -1 if selling else 1
    with connection.cursor() as cur:
        with transaction.atomic():  # create
            order = _raw_doc(cur, order_kind, 1, total)
            _raw_lines(cur, order, qty, price)
        with transaction.atomic():  # confirm: the delivery / receipt, stock reserved
            cur.execute("UPDATE bench_raw_doc SET state = 'confirmed' WHERE id = %s", [order])
            move = _raw_doc(cur, move_kind, 1, total, origin=order)
            _raw_lines(cur, move, qty, price)
            cur.execute(
                f"SELECT product_id, quantity FROM bench_raw_stock WHERE product_id <= %s{lock}", [PRODUCTS]
            )
            cur.fetchall()
            if selling:
                cur.execute(
                    "UPDATE bench_raw_stock SET reserved = reserved + %s WHERE product_id <= %s",
                    [qty, PRODUCTS],
                )
        with transaction.atomic():  # deliver / receive: stock and its value move, a stock voucher
            cur.execute(
                f"SELECT product_id, quantity FROM bench_raw_stock WHERE product_id <= %s{lock}", [PRODUCTS]
            )
            cur.fetchall()
            cur.execute(
                "UPDATE bench_raw_stock SET quantity = quantity + %s, reserved = reserved - %s, value = value + %s "
                "WHERE product_id <= %s",
                [sign * qty, qty if selling else 0, sign * qty * 100, PRODUCTS],
            )
            cur.execute("UPDATE bench_raw_doc SET state = 'done' WHERE id = %s", [move])
            cur.execute("UPDATE bench_raw_line SET done = quantity WHERE doc_id IN (%s, %s)", [order, move])
            cost = qty * 100 * PRODUCTS
            _raw_voucher(
                cur,
                [("6401", cost, 0), ("1405", 0, cost)] if selling else [("1405", cost, 0), ("1403", 0, cost)],
            )
        with transaction.atomic():  # invoice / bill, posted
            bill = _raw_doc(cur, bill_kind, 1, total, origin=order)
            _raw_lines(cur, bill, qty, price)
            tax = (total * Decimal("0.13")).quantize(Decimal("0.01"))
            if selling:
                _raw_voucher(cur, [("1122", total + tax, 0), ("5001", 0, total), ("22210106", 0, tax)])
            else:
                _raw_voucher(cur, [("1403", total, 0), ("22210101", tax, 0), ("2202", 0, total + tax)])
            cur.execute("UPDATE bench_raw_doc SET state = 'posted' WHERE id = %s", [bill])
        with transaction.atomic():  # payment, allocated, posted
            pay = _raw_doc(cur, pay_kind, 1, total, origin=bill)
            cur.execute("UPDATE bench_raw_doc SET amount_open = 0 WHERE id IN (%s, %s)", [bill, pay])
            _raw_voucher(
                cur,
                [("1002", total, 0), ("1122", 0, total)]
                if selling
                else [("2202", total, 0), ("1002", 0, total)],
            )
            cur.execute("UPDATE bench_raw_doc SET state = 'done' WHERE id = %s", [order])


def raw_rows(n: int) -> dict[str, dict]:
    from django.db import connection

    with connection.cursor() as cur:
        _raw_tables(cur, connection.vendor)
    out = {}
    for label, selling in (("order to cash", True), ("procure to pay", False)):
        raw_flow(connection.vendor, selling=selling)  # warm
        times, counts = _measure(lambda s=selling: raw_flow(connection.vendor, selling=s), n)
        out[label] = {
            "p50": statistics.median(times),
            "p95": sorted(times)[max(0, round(0.95 * (len(times) - 1)))],
            "queries": statistics.median(counts),
        }
    return out
