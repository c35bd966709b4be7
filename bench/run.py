"""Ronghe benchmarks. Prints a table and writes bench/results/<date>-<db>.json.

    make bench                                  # SQLite file var/bench.sqlite3 (never your real database)
    make bench DATABASE_URL=postgres://...      # a throw-away PostgreSQL database
    make bench BENCH_ARGS=--quick               # small sizes: checks every benchmark still runs (CI)

Each figure stands beside its raw-SQL floor measured in the same run on the same data.
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django():
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ronghe.config.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def ensure_partners(company, owners, n: int) -> float:
    """Bulk-insert partners until the company has n; returns seconds spent (0 if already there)."""
    from ronghe.partners.models import Partner

    have = Partner.objects.filter(company=company, code__startswith="B").count()
    if have >= n:
        return 0.0
    start = time.perf_counter()
    batch = []
    provinces = ["上海市", "北京市", "广东省", "浙江省", "江苏省", "四川省"]
    for i in range(have, n):
        batch.append(
            Partner(
                company=company,
                code=f"B{i:07d}",
                name=f"基准客户{i:07d}有限公司",
                is_customer=True,
                owner=owners[i % len(owners)],
                province=provinces[i % 6],
                mobile=f"139{i:08d}",
                phone_norm=f"139{i:08d}",
            )
        )
        if len(batch) == 5000:
            Partner.objects.bulk_create(batch)
            batch = []
    if batch:
        Partner.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cur:  # fresh planner statistics, as autovacuum would give in production
        cur.execute("ANALYZE partners_partner")
    return time.perf_counter() - start


def time_requests(client, urls, headers):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    latencies, queries = [], []
    for url in urls:
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            r = client.get(url, **headers)
            latencies.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code, r.content[:200])
        queries.append(len(ctx.captured_queries))
    return latencies, queries


def time_raw(sql_pairs):
    from django.db import connection

    latencies = []
    with connection.cursor() as cur:
        for count_sql, page_sql, params in sql_pairs:
            t = time.perf_counter()
            cur.execute(count_sql, params)
            cur.fetchall()
            cur.execute(page_sql, params)
            cur.fetchall()
            latencies.append((time.perf_counter() - t) * 1000)
    return latencies


def prepare_database() -> None:
    """Tables, the database cache table, and the demo company (idempotent: it also brings the roles and
    flows of new modules to an older bench database)."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("demo", verbosity=0)


def bench_partner_list(n_partners: int, n_requests: int) -> list[dict]:
    import random

    from django.test import Client

    from ronghe.core.demo import demo_company
    from ronghe.core.models import User
    from ronghe.core.services import api_token_create

    prepare_database()
    company = demo_company()
    sales = [User.objects.get(username=u) for u in ("wangfang", "liuyang")]
    gen = ensure_partners(company, sales, n_partners)
    if gen:
        print(f"generated {n_partners:,} partners in {gen:.1f} s ({n_partners / gen:,.0f}/s)")
    client = Client()
    rows = []
    rng = random.Random(1)
    for who, label in [("admin", "company scope"), ("wangfang", "own scope")]:
        _t, secret = api_token_create(user=User.objects.get(username=who), name="bench")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        client.get("/api/v1/core/me", **headers)  # warm: first token use is audited
        total_pages = max(1, n_partners // 50 // (1 if who == "admin" else 2))
        pages = [rng.randint(1, min(total_pages, 200)) for _ in range(n_requests)]
        urls = [f"/api/v1/partners/partners?limit=50&page={p}" for p in pages]
        lat, qs = time_requests(client, urls, headers)
        owner_filter = "" if who == "admin" else f" AND owner_id = {User.objects.get(username=who).pk}"
        base = f"FROM partners_partner WHERE company_id = %s AND active = %s{owner_filter}"
        raw = time_raw(
            [
                (
                    f"SELECT COUNT(*) {base}",
                    f"SELECT * {base} ORDER BY id DESC LIMIT 50 OFFSET {(p - 1) * 50}",
                    [company.pk, True],
                )
                for p in pages
            ]
        )
        rows.append(
            {
                "benchmark": f"partner list API, {label}",
                "n": len(lat),
                "p50_ms": statistics.median(lat),
                "p95_ms": percentile(lat, 95),
                "queries": max(qs),
                "raw_sql_p50_ms": statistics.median(raw),
                "raw_sql_p95_ms": percentile(raw, 95),
            }
        )
        search = [
            f"/api/v1/partners/partners?limit=50&q=基准客户{rng.randint(0, n_partners - 1):07d}"
            for _ in range(max(5, n_requests // 4))
        ]
        lat, qs = time_requests(client, search, headers)
        rows.append(
            {
                "benchmark": f"partner search API, {label}",
                "n": len(lat),
                "p50_ms": statistics.median(lat),
                "p95_ms": percentile(lat, 95),
                "queries": max(qs),
            }
        )
    return rows


def bench_inventory(n_products: int, moves_per_product: int, quick: bool) -> list[dict]:

    from ronghe.core.demo import demo_company
    from ronghe.core.models import User

    sys.path.insert(0, str(ROOT / "bench"))
    import inventory

    prepare_database()
    return inventory.run(
        demo_company(), User.objects.get(username="admin"), n_products, moves_per_product, quick
    )


def bench_accounting(n_lines: int, quick: bool) -> list[dict]:

    from ronghe.core.models import User

    sys.path.insert(0, str(ROOT / "bench"))
    import accounting

    prepare_database()
    return accounting.run(
        User.objects.get(username="admin"), User.objects.get(username="sunli"), n_lines, quick
    )


def bench_flows(n: int, quick: bool) -> list[dict]:

    from ronghe.core.demo import demo_company

    sys.path.insert(0, str(ROOT / "bench"))
    import flows

    prepare_database()
    return flows.run(demo_company(), n, quick)


def bench_crm(quick: bool) -> list[dict]:

    from ronghe.core.demo import demo_company

    sys.path.insert(0, str(ROOT / "bench"))
    import crm

    prepare_database()
    return crm.run(demo_company(), quick)


def bench_sales(n_orders: int, n_requests: int) -> list[dict]:
    from ronghe.core.demo import demo_company

    sys.path.insert(0, str(ROOT / "bench"))
    import sales

    prepare_database()
    return sales.run(demo_company(), n_orders, n_requests)


def bench_oa(quick: bool) -> list[dict]:
    from ronghe.core.demo import demo_company

    sys.path.insert(0, str(ROOT / "bench"))
    import oa

    prepare_database()
    return oa.run(demo_company(), quick)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (CI): 2,000 partners, 20 requests")
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--moves-per-product", type=int, default=100)
    parser.add_argument("--journal-lines", type=int, default=1_000_000)
    parser.add_argument("--flows", type=int, default=50, help="order-to-cash / procure-to-pay flows")
    parser.add_argument("--orders", type=int, default=100_000, help="sales orders for the order list API")
    parser.add_argument(
        "--only", choices=["partners", "sales", "inventory", "accounting", "flows", "crm", "oa"], default=None
    )
    args = parser.parse_args()
    if args.quick:
        args.partners, args.requests, args.products, args.journal_lines = 2_000, 20, 200, 20_000
        args.flows, args.orders = 5, 2_000
    setup_django()
    from django.db import connection

    rows = []
    if args.only in (None, "partners"):
        rows += bench_partner_list(args.partners, args.requests)
    if args.only in (None, "sales"):
        rows += bench_sales(args.orders, args.requests)
    if args.only in (None, "inventory"):
        rows += bench_inventory(args.products, args.moves_per_product, args.quick)
    if args.only in (None, "accounting"):
        rows += bench_accounting(args.journal_lines, args.quick)
    if args.only in (None, "flows"):
        rows += bench_flows(args.flows, args.quick)
    if args.only in (None, "crm"):
        rows += bench_crm(args.quick)
    if args.only in (None, "oa"):
        rows += bench_oa(args.quick)
    db = connection.vendor
    print(f"\nRonghe benchmarks — {db}, {date.today()}")
    print(
        f"{'benchmark':42} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'queries':>8} {'SQL p50':>9} {'SQL p95':>9}"
    )
    for r in rows:
        print(
            f"{r['benchmark']:42} {r['n']:>5} {r['p50_ms']:>9.2f} {r['p95_ms']:>9.2f} {r['queries']:>8} "
            f"{r.get('raw_sql_p50_ms', float('nan')):>9.2f} {r.get('raw_sql_p95_ms', float('nan')):>9.2f}"
        )
        if "ratio" in r:
            print(
                f"{'':42} services {r['service_per_s']:.0f}/s, raw SQL {r['raw_per_s']:.0f}/s: "
                f"{r['ratio'] * 100:.1f}% of the raw rate"
            )
        if "flows_per_s" in r:
            print(
                f"{'':42} {r['flows_per_s']:.1f} flows/s, {r['queries_p50']:.0f} SQL statements per flow (max {r['queries']})"
            )
        if "raw_flows_per_s" in r:
            print(
                f"{'':42} raw SQL floor: {r['raw_flows_per_s']:.1f} flows/s, {r['raw_queries']:.0f} statements "
                f"(same writes on scratch tables, same 5 transactions)"
            )
        if "speedup" in r:
            print(
                f"{'':42} maintained balances: {r['speedup']:.1f}× faster than the raw aggregate over the lines"
            )
        if "full_ms" in r:
            print(
                f"{'':42} prepared + reviewed + posted: {r['full_ms']:.2f} ms, {r['full_per_s']:.0f}/s, "
                f"{r['full_ratio'] * 100:.1f}% of the raw rate"
            )
        if "create_reserve_ship_ms" in r:
            print(
                f"{'':42} with the document made too (number, transfer, move): "
                f"{r['create_reserve_ship_ms']:.2f} ms, {r['create_reserve_ship_per_s']:.0f}/s"
            )
    suffix = (f"-{args.only}" if args.only else "") + ("-quick" if args.quick else "")
    out = ROOT / "bench" / "results" / f"{date.today()}-{db}{suffix}.json"  # --only runs keep the full one
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"db": db, "partners": args.partners, "date": str(date.today()), "results": rows},
            indent=2,
            ensure_ascii=False,
        )
    )
    print(f"\nwritten {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
