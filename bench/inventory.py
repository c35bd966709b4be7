"""Inventory benchmarks: 10,000 products and 1,000,000 done moves (bulk inserts, consistent with quants,
valuation layers, value rows and month balances), then on-hand, the on-hand report, 收发存 for a month and
reserve-and-ship throughput, each beside its raw-SQL floor measured in the same run."""

import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

D = Decimal
START = date(2025, 12, 1)


def _timeit(fn, repeat=1):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def generate(company, n_products: int, moves_per_product: int) -> dict:
    """Idempotent: reuses the BENCH warehouse and products when they are already there."""
    from django.db import connection, transaction

    from ronghe.core.models import Unit
    from ronghe.inventory.models import (
        LocationUsage,
        ProductValue,
        Quant,
        StockMove,
        StockPeriodBalance,
        ValuationLayer,
        Warehouse,
    )
    from ronghe.inventory.services import virtual_location, warehouse_create
    from ronghe.products.models import Product, ProductCategory

    wh = Warehouse.objects.filter(company=company, code="BENCH").first()
    if wh is not None and StockMove.objects.filter(location_dest=wh.stock_location, origin="bench").exists():
        products = list(
            Product.objects.filter(company=company, code__startswith="BP").order_by("id")[:n_products]
        )
        return {"warehouse": wh, "products": products, "generated": False}
    t0 = time.perf_counter()
    with transaction.atomic():
        wh = wh or warehouse_create(company=company, actor=None, code="BENCH", name="基准测试仓")
        cat, _ = ProductCategory.objects.get_or_create(company=company, name="基准", parent=None)
        pcs = Unit.objects.get(code="pcs")
        rng = random.Random(42)
        Product.objects.bulk_create(
            [
                Product(
                    company=company,
                    code=f"BP{i:06d}",
                    name=f"基准商品{i:06d}",
                    category=cat,
                    uom=pcs,
                    cost=D(rng.randint(100, 50000)) / 100,
                    sale_price=D(1),
                    vat_rate=D("0.13"),
                )
                for i in range(n_products)
            ],
            batch_size=5000,
        )
    products = list(
        Product.objects.filter(company=company, code__startswith="BP").order_by("id")[:n_products]
    )
    stock = wh.stock_location
    sup = virtual_location(company, LocationUsage.SUPPLIER)
    cus = virtual_location(company, LocationUsage.CUSTOMER)
    now = time.strftime("%Y-%m-%d %H:%M:%S+00:00", time.gmtime())
    move_cols = (
        "company_id",
        "created_at",
        "updated_at",
        "reference",
        "product_id",
        "unit_id",
        "quantity",
        "product_qty",
        "location_src_id",
        "location_dest_id",
        "state",
        "date",
        "done_at",
        "price_unit",
        "value",
        "reserved_qty",
        "origin",
    )
    layer_cols = (
        "company_id",
        "product_id",
        "date",
        "quantity",
        "value",
        "unit_cost",
        "remaining_qty",
        "remaining_value",
        "created_at",
    )
    move_sql = f"INSERT INTO {StockMove._meta.db_table} ({', '.join(move_cols)}) VALUES ({', '.join(['%s'] * len(move_cols))})"
    layer_sql = f"INSERT INTO {ValuationLayer._meta.db_table} ({', '.join(layer_cols)}) VALUES ({', '.join(['%s'] * len(layer_cols))})"
    quants, values, periods = [], [], []
    kinds = ["in" if k % 5 in (0, 1, 2) else "out" for k in range(moves_per_product)]
    n_out = kinds.count("out")
    for chunk_start in range(0, len(products), 500):
        moves, layers = [], []
        for p in products[chunk_start : chunk_start + 500]:
            cost, ten = p.cost, D(10)
            value = (cost * ten).quantize(D("0.01"))
            receipts_seen = 0
            months: dict = {}
            for k, kind in enumerate(kinds):
                day = START + timedelta(days=(k * 3) % 360)
                if kind == "in":
                    receipts_seen += 1
                    remaining = ten if receipts_seen > n_out else D(0)
                    moves.append(
                        (
                            company.pk,
                            now,
                            now,
                            "BENCH",
                            p.pk,
                            p.uom_id,
                            ten,
                            ten,
                            sup.pk,
                            stock.pk,
                            "done",
                            day,
                            now,
                            cost,
                            value,
                            D(0),
                            "bench",
                        )
                    )
                    layers.append(
                        (
                            company.pk,
                            p.pk,
                            day,
                            ten,
                            value,
                            cost,
                            remaining,
                            value if remaining else D(0),
                            now,
                        )
                    )
                else:
                    moves.append(
                        (
                            company.pk,
                            now,
                            now,
                            "BENCH",
                            p.pk,
                            p.uom_id,
                            ten,
                            ten,
                            stock.pk,
                            cus.pk,
                            "done",
                            day,
                            now,
                            None,
                            -value,
                            D(0),
                            "bench",
                        )
                    )
                    layers.append((company.pk, p.pk, day, -ten, -value, cost, D(0), D(0), now))
                m = months.setdefault(day.year * 100 + day.month, [D(0)] * 4)
                if kind == "in":
                    m[0] += ten
                    m[1] += value
                else:
                    m[2] += ten
                    m[3] += value
            on_hand = ten * (moves_per_product - 2 * n_out)
            quants.append(Quant(company=company, product=p, location=stock, lot_key=0, quantity=on_hand))
            values.append(
                ProductValue(
                    company=company, product=p, quantity=on_hand, value=(cost * on_hand).quantize(D("0.01"))
                )
            )
            periods += [
                StockPeriodBalance(
                    company=company,
                    product=p,
                    period=k,
                    in_qty=v[0],
                    in_value=v[1],
                    out_qty=v[2],
                    out_value=v[3],
                )
                for k, v in months.items()
            ]
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(move_sql, moves)
            cur.executemany(layer_sql, layers)
    with transaction.atomic():
        Quant.objects.bulk_create(quants, batch_size=5000)
        ProductValue.objects.bulk_create(values, batch_size=5000)
        StockPeriodBalance.objects.bulk_create(periods, batch_size=5000)
    with connection.cursor() as cur:
        for table in (StockMove, ValuationLayer, Quant, ProductValue, StockPeriodBalance):
            cur.execute(f"ANALYZE {table._meta.db_table}")
    secs = time.perf_counter() - t0
    n = len(products) * moves_per_product
    print(
        f"generated {len(products):,} products and {n:,} done moves in {secs:.1f} s ({n / secs:,.0f} moves/s)"
    )
    return {"warehouse": wh, "products": products, "generated": True}


def run(company, user, n_products: int, moves_per_product: int, quick: bool) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ronghe.inventory import selectors

    data = generate(company, n_products, moves_per_product)
    wh, products = data["warehouse"], data["products"]
    stock = wh.stock_location.pk
    rng = random.Random(7)
    sample = [rng.choice(products) for _ in range(50 if quick else 200)]
    rows = []

    # 1. on hand of one product: quants vs the raw aggregate over its moves
    with CaptureQueriesContext(connection) as ctx:
        selectors.on_hand(company=company, product=sample[0], warehouse=wh)
    lat = [
        _timeit(lambda p=p: selectors.on_hand(company=company, product=p, warehouse=wh))[0] for p in sample
    ]
    raw_sql = (
        "SELECT SUM(CASE WHEN location_dest_id = %s THEN product_qty ELSE -product_qty END) FROM inventory_stockmove "
        "WHERE product_id = %s AND state = 'done' AND (location_src_id = %s OR location_dest_id = %s)"
    )
    with connection.cursor() as cur:
        raw = [
            _timeit(lambda p=p: (cur.execute(raw_sql, [stock, p.pk, stock, stock]), cur.fetchall()))[0]
            for p in sample
        ]
    rows.append(
        {
            "benchmark": "on hand, one product",
            "n": len(lat),
            "p50_ms": statistics.median(lat),
            "p95_ms": sorted(lat)[int(len(lat) * 0.95) - 1],
            "queries": len(ctx.captured_queries),
            "raw_sql_p50_ms": statistics.median(raw),
            "raw_sql_p95_ms": sorted(raw)[int(len(raw) * 0.95) - 1],
        }
    )

    # 2. the full on-hand report (every product of the warehouse)
    def report():
        return selectors.stock_report_rows(company=company, warehouse=wh, q="BP")

    lat = _timeit(report, repeat=3)
    full_sql = (
        "SELECT product_id, SUM(CASE WHEN location_dest_id = %s THEN product_qty ELSE -product_qty END) "
        "FROM inventory_stockmove WHERE company_id = %s AND state = 'done' "
        "AND (location_src_id = %s OR location_dest_id = %s) GROUP BY product_id"
    )
    with connection.cursor() as cur:
        raw = _timeit(
            lambda: (cur.execute(full_sql, [stock, company.pk, stock, stock]), cur.fetchall()), repeat=3
        )
    rows.append(
        {
            "benchmark": f"on-hand report, {len(products):,} products",
            "n": 3,
            "p50_ms": statistics.median(lat),
            "p95_ms": max(lat),
            "queries": 3,
            "raw_sql_p50_ms": statistics.median(raw),
            "raw_sql_p95_ms": max(raw),
        }
    )

    # 3. 收发存 for one month
    d1, d2 = date(2026, 6, 1), date(2026, 6, 30)
    ids = [p.pk for p in products]
    lat = _timeit(
        lambda: selectors.stock_summary(company=company, date_from=d1, date_to=d2, q="BP"), repeat=3
    )
    month_sql = (
        "SELECT product_id, SUM(CASE WHEN location_dest_id = %s THEN product_qty END), "
        "SUM(CASE WHEN location_dest_id = %s THEN value END), SUM(CASE WHEN location_src_id = %s THEN product_qty END), "
        "SUM(CASE WHEN location_src_id = %s THEN value END) FROM inventory_stockmove WHERE company_id = %s "
        "AND state = 'done' AND date BETWEEN %s AND %s GROUP BY product_id"
    )
    with connection.cursor() as cur:
        raw = _timeit(
            lambda: (
                cur.execute(month_sql, [stock, stock, stock, stock, company.pk, d1, d2]),
                cur.fetchall(),
            ),
            repeat=3,
        )
    del ids
    rows.append(
        {
            "benchmark": "收发存, one month",
            "n": 3,
            "p50_ms": statistics.median(lat),
            "p95_ms": max(lat),
            "queries": 3,
            "raw_sql_p50_ms": statistics.median(raw),
            "raw_sql_p95_ms": max(raw),
        }
    )

    # 4. reserve and ship through the services vs raw lock-check-decrement
    rows.append(_ship_rate(company, user, wh, products, 30 if quick else 200))
    return rows


def _ship_rate(company, user, wh, products, n: int) -> dict:
    """Deliveries of 1 unit through the services (create, reserve, validate: quants, value, layers, month
    balance, audit, events) against the bare lock-check-decrement of a stock row in a scratch table."""
    from django.db import connection, transaction

    from ronghe.inventory.models import Quant, Transfer
    from ronghe.inventory.services import transfer_confirm, transfer_create, transfer_validate

    p = (
        Quant.objects.filter(location=wh.stock_location, product__tracking="none")
        .order_by("-quantity")
        .first()
        .product
    )

    receipt = transfer_create(  # enough on hand for both rounds below, whatever the generator left
        company=company,
        actor=user,
        kind=Transfer.Kind.RECEIPT,
        warehouse=wh,
        lines=[{"product": p, "quantity": 2 * n, "price_unit": "100"}],
    )
    transfer_validate(transfer=receipt, actor=user)

    def new_delivery(confirm=True):
        return transfer_create(
            company=company,
            actor=user,
            kind=Transfer.Kind.DELIVERY,
            warehouse=wh,
            lines=[{"product": p, "quantity": 1}],
            confirm=confirm,
        )

    # a) the whole document: number, transfer, move, reservation, shipment
    t = time.perf_counter()
    for _ in range(n):
        transfer_validate(transfer=new_delivery(), actor=user)
    create_rate = n / (time.perf_counter() - t)
    # b) reserving and shipping deliveries that exist (made by sales orders, say): confirm + validate
    drafts = [new_delivery(confirm=False) for _ in range(n)]
    t = time.perf_counter()
    for d in drafts:
        transfer_confirm(transfer=d, actor=user)
        transfer_validate(transfer=d, actor=user)
    service_rate = n / (time.perf_counter() - t)
    lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS bench_stock (id integer PRIMARY KEY, quantity numeric(20, 4), "
            "reserved numeric(20, 4))"
        )
        cur.execute("DELETE FROM bench_stock")
        cur.execute("INSERT INTO bench_stock VALUES (1, %s, 0)", [n * 2])
    t = time.perf_counter()
    for _ in range(n):
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"SELECT quantity, reserved FROM bench_stock WHERE id = 1{lock}")
            qty, reserved = cur.fetchone()
            if qty - reserved >= 1:
                cur.execute("UPDATE bench_stock SET quantity = quantity - 1 WHERE id = 1")
    raw_rate = n / (time.perf_counter() - t)
    return {
        "benchmark": "reserve + ship 1-unit delivery (ms each)",
        "n": n,
        "p50_ms": 1000 / service_rate,
        "p95_ms": float("nan"),
        "queries": 0,
        "raw_sql_p50_ms": 1000 / raw_rate,
        "raw_sql_p95_ms": float("nan"),
        "service_per_s": service_rate,
        "raw_per_s": raw_rate,
        "ratio": service_rate / raw_rate,
        "create_reserve_ship_ms": 1000 / create_rate,
        "create_reserve_ship_per_s": create_rate,
    }
