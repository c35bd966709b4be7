"""Sales order list: 100,000 sales orders (2 lines each) bulk-inserted over the bench partners, then the order
list API page by page as the company (administrator) and as one salesperson (own scope), each beside its raw
SQL floor (COUNT + the page of headers + their lines) measured in the same run on the same data."""

import datetime
import random
import statistics
import time
from decimal import Decimal

from inventory import _timeit  # noqa: F401  (bench/ is on sys.path)


def generate(company, owners, n: int) -> float:
    """Bulk-insert orders BSO0000000… until there are n; returns seconds spent (0 if already there)."""
    from django.db import connection, transaction

    from ronghe.inventory.models import Warehouse
    from ronghe.partners.models import Partner
    from ronghe.products.models import Product
    from ronghe.sales.models import SalesOrder, SalesOrderLine

    have = SalesOrder.objects.filter(company=company, number__startswith="BSO").count()
    if have >= n:
        return 0.0
    start = time.perf_counter()
    wh = Warehouse.objects.filter(company=company).order_by("pk").first()
    partners = list(
        Partner.objects.filter(company=company, is_customer=True, code__startswith="B")
        .order_by("pk")
        .values_list("pk", "owner_id")[:2000]
    ) or list(Partner.objects.filter(company=company, is_customer=True).values_list("pk", "owner_id"))
    products = list(Product.objects.filter(company=company).order_by("pk").values_list("pk", "name")[:200])
    today = datetime.date.today()
    rng = random.Random(7)
    states = ["draft", "sent", "confirmed", "confirmed", "done", "done", "done", "cancelled"]
    for chunk in range(have, n, 5000):
        size = min(5000, n - chunk)
        with transaction.atomic():
            orders = SalesOrder.objects.bulk_create(
                [
                    SalesOrder(
                        company=company,
                        number=f"BSO{i:07d}",
                        state=states[i % len(states)],
                        partner_id=partners[i % len(partners)][0],
                        salesperson=owners[i % len(owners)],
                        warehouse=wh,
                        date=today - datetime.timedelta(days=i % 730),
                        currency_id="CNY",
                        amount_untaxed=Decimal("2000.00"),
                        amount_tax=Decimal("260.00"),
                        amount_total=Decimal("2260.00"),
                    )
                    for i in range(chunk, chunk + size)
                ]
            )
            lines = []
            for o in orders:
                for seq in (1, 2):
                    pid, name = products[rng.randrange(len(products))]
                    lines.append(
                        SalesOrderLine(
                            order=o,
                            seq=seq,
                            product_id=pid,
                            description=name[:200],
                            quantity=Decimal("2"),
                            unit_price=Decimal("500"),
                            vat_rate=Decimal("0.13"),
                            amount_untaxed=Decimal("1000.00"),
                            amount_tax=Decimal("130.00"),
                            amount_total=Decimal("1130.00"),
                        )
                    )
            SalesOrderLine.objects.bulk_create(lines)
    with connection.cursor() as cur:
        cur.execute("ANALYZE sales_salesorder")
        cur.execute("ANALYZE sales_salesorderline")
    return time.perf_counter() - start


def run(company, n_orders: int, n_requests: int) -> list[dict]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ronghe.core.models import User
    from ronghe.core.services import api_token_create
    from ronghe.sales.models import SalesOrder

    settings.DEBUG = False
    owners = [User.objects.get(username=u) for u in ("wangfang", "liuyang")]
    spent = generate(company, owners, n_orders)
    if spent:
        print(
            f"generated {n_orders:,} sales orders (2 lines each) in {spent:.1f} s ({n_orders / spent:,.0f}/s)"
        )
    client = Client()
    rng = random.Random(3)
    rows = []
    for who, label in (("admin", "company scope"), ("wangfang", "own scope")):
        user = User.objects.get(username=who)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='bench')[1]}"}
        client.get("/api/v1/core/me", **headers)
        visible = SalesOrder.objects.filter(company=company)
        if who != "admin":
            visible = visible.filter(salesperson=user)
        pages = [rng.randint(1, min(200, visible.count() // 50)) for _ in range(n_requests)]
        times, counts = [], []
        for p in pages:
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                r = client.get(f"/api/v1/sales/orders?limit=50&page={p}", **headers)
                times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200 and len(r.json()["items"]) == 50, (r.status_code, r.content[:200])
            counts.append(len(ctx.captured_queries))
        own = "" if who == "admin" else f" AND o.salesperson_id = {user.pk}"
        base = f"FROM sales_salesorder o WHERE o.company_id = %s{own}"
        raw = []
        with connection.cursor() as cur:
            for p in pages:
                t = time.perf_counter()
                cur.execute(f"SELECT COUNT(*) {base}", [company.pk])
                cur.fetchall()
                cur.execute(
                    "SELECT o.*, pa.name, u.username FROM sales_salesorder o "
                    "JOIN partners_partner pa ON pa.id = o.partner_id JOIN core_user u ON u.id = o.salesperson_id "
                    f"WHERE o.company_id = %s{own} ORDER BY o.date DESC, o.id DESC LIMIT 50 OFFSET {(p - 1) * 50}",
                    [company.pk],
                )
                ids = [row[0] for row in cur.fetchall()]
                cur.execute(
                    "SELECT l.*, pr.code, pr.name FROM sales_salesorderline l JOIN products_product pr "
                    f"ON pr.id = l.product_id WHERE l.order_id IN ({','.join(map(str, ids))}) ORDER BY l.order_id, l.seq"
                )
                cur.fetchall()
                raw.append((time.perf_counter() - t) * 1000)
        rows.append(
            {
                "benchmark": f"sales order list API, {label}",
                "n": len(times),
                "p50_ms": statistics.median(times),
                "p95_ms": sorted(times)[max(0, round(0.95 * (len(times) - 1)))],
                "queries": max(counts),
                "raw_sql_p50_ms": statistics.median(raw),
                "raw_sql_p95_ms": sorted(raw)[max(0, round(0.95 * (len(raw) - 1)))],
            }
        )
    return rows
