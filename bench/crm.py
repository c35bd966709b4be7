"""CRM: the customer page (360: profile, contacts, CRM section, orders, invoices, payments…) of a customer
with 1,000 orders, and the pipeline board with 5,000 open opportunities — page times through the Django test
client as the salesperson and the sales manager, with the SQL statements per page. Rows are bulk-inserted
(not through the services) so that the data is quick to make."""

import statistics
import time
from decimal import Decimal

from inventory import _timeit  # noqa: F401  (bench/ is on sys.path)


def _customer(company, owner):
    from ronghe.partners.dedupe import name_key
    from ronghe.partners.models import Partner

    p, _c = Partner.objects.get_or_create(
        company=company,
        code="CRM-360",
        defaults={
            "name": "基准360客户有限公司",
            "name_key": name_key("基准360客户有限公司"),
            "is_customer": True,
            "owner": owner,
        },
    )
    return p


def _orders(company, customer, owner, n):
    import datetime

    from ronghe.inventory.models import Warehouse
    from ronghe.sales.models import SalesOrder

    have = SalesOrder.objects.filter(company=company, partner=customer).count()
    if have >= n:
        return
    wh = Warehouse.objects.filter(company=company).order_by("pk").first()
    today = datetime.date.today()
    SalesOrder.objects.bulk_create(
        [
            SalesOrder(
                company=company,
                number=f"BENCH360-{i:06d}",
                state="confirmed" if i % 3 else "done",
                partner=customer,
                salesperson=owner,
                warehouse=wh,
                date=today - datetime.timedelta(days=i % 365),
                currency_id="CNY",
                amount_untaxed=Decimal("1000.00"),
                amount_tax=Decimal("130.00"),
                amount_total=Decimal("1130.00"),
            )
            for i in range(have, n)
        ],
        batch_size=1000,
    )


def _opportunities(company, owners, customer, n):
    from ronghe.crm import services
    from ronghe.crm.models import Opportunity

    have = Opportunity.objects.filter(company=company, name__startswith="BENCH-").count()
    if have >= n:
        return
    team = services.team_of(owners[0], company)
    stages = [s for s in services.stages_for(company, team) if not s.is_won]
    Opportunity.objects.bulk_create(
        [
            Opportunity(
                company=company,
                name=f"BENCH-{i:06d}",
                partner=customer,
                owner=owners[i % len(owners)],
                team=team,
                stage=stages[i % len(stages)],
                probability=stages[i % len(stages)].probability,
                expected_amount=Decimal(1000 + i % 50 * 100),
            )
            for i in range(have, n)
        ],
        batch_size=1000,
    )


def _page(client, url, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, counts = [], []
    client.get(url)  # warm
    for _ in range(n):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert r.status_code == 200, (url, r.status_code)
        counts.append(len(ctx.captured_queries))
    return times, counts


def run(company, quick: bool) -> list[dict]:
    from django.conf import settings
    from django.test import Client

    from ronghe.core.models import User

    settings.DEBUG = False
    wangfang, lina, liuyang = (User.objects.get(username=u) for u in ("wangfang", "lina", "liuyang"))
    customer = _customer(company, wangfang)
    orders = 100 if quick else 1000
    opps = 500 if quick else 5000
    _orders(company, customer, wangfang, orders)
    _opportunities(company, [wangfang, liuyang], customer, opps)
    n = 5 if quick else 20
    rows = []
    client = Client()
    client.force_login(wangfang)
    times, counts = _page(client, customer.get_absolute_url(), n)
    rows.append(_row(f"customer 360 page ({orders} orders)", times, counts, _raw(_raw_360, n, customer)))
    client.force_login(lina)
    times, counts = _page(client, "/crm/pipeline/", n)
    rows.append(
        _row(f"pipeline board ({opps} open opportunities)", times, counts, _raw(_raw_board, n, company))
    )
    return rows


def _raw(fn, n, arg):
    from django.db import connection

    times = []
    with connection.cursor() as cur:
        fn(cur, arg)
        for _ in range(n):
            start = time.perf_counter()
            fn(cur, arg)
            times.append((time.perf_counter() - start) * 1000)
    return times


def _raw_360(cur, partner):
    """What the customer page reads, at the least: the customer, its contacts, its orders (count, sum, the latest
    ten), invoices, payments, open opportunities, follow-ups and the latest timeline messages."""
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(partner).pk
    for sql, params in (
        ("SELECT * FROM partners_partner WHERE id = %s", [partner.pk]),
        ("SELECT * FROM partners_partner WHERE parent_id = %s ORDER BY id", [partner.pk]),
        ("SELECT COUNT(*), SUM(amount_total) FROM sales_salesorder WHERE partner_id = %s", [partner.pk]),
        (
            "SELECT id, number, date, state, amount_total FROM sales_salesorder WHERE partner_id = %s "
            "ORDER BY date DESC, id DESC LIMIT 10",
            [partner.pk],
        ),
        (
            "SELECT id, number, date, state, amount_total FROM accounting_invoice WHERE partner_id = %s "
            "ORDER BY date DESC, id DESC LIMIT 10",
            [partner.pk],
        ),
        (
            "SELECT id, number, date, state, amount FROM accounting_payment WHERE partner_id = %s "
            "ORDER BY date DESC, id DESC LIMIT 10",
            [partner.pk],
        ),
        ("SELECT * FROM crm_opportunity WHERE partner_id = %s AND state = 'open' LIMIT 10", [partner.pk]),
        ("SELECT * FROM crm_followup WHERE partner_id = %s ORDER BY at DESC LIMIT 10", [partner.pk]),
        (
            "SELECT * FROM timeline_message WHERE content_type_id = %s AND object_id = %s "
            "ORDER BY created_at DESC LIMIT 20",
            [ct, partner.pk],
        ),
    ):
        cur.execute(sql, params)
        cur.fetchall()


def _raw_board(cur, company):
    """The board at the least: count and sum per stage, and the first 50 cards of each stage with their names."""
    cur.execute(
        "SELECT stage_id, COUNT(*), SUM(expected_amount) FROM crm_opportunity WHERE company_id = %s "
        "AND state = 'open' GROUP BY stage_id",
        [company.pk],
    )
    for (stage,) in [(r[0],) for r in cur.fetchall()]:
        cur.execute(
            "SELECT o.id, o.name, o.expected_amount, o.probability, p.name, u.username FROM crm_opportunity o "
            "JOIN partners_partner p ON p.id = o.partner_id JOIN core_user u ON u.id = o.owner_id "
            "WHERE o.company_id = %s AND o.state = 'open' AND o.stage_id = %s "
            "ORDER BY o.expected_amount DESC, o.id LIMIT 50",
            [company.pk, stage],
        )
        cur.fetchall()


def _row(label, times, counts, raw=None):
    row = {
        "benchmark": label,
        "n": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": sorted(times)[max(0, round(0.95 * (len(times) - 1)))],
        "queries": max(counts),
    }
    if raw:
        row["raw_sql_p50_ms"] = statistics.median(raw)
        row["raw_sql_p95_ms"] = sorted(raw)[max(0, round(0.95 * (len(raw) - 1)))]
    return row
