import re
from collections import Counter
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from ronghe.accounting.models import BankAccount
from ronghe.accounting.payments import payment_create, payment_post
from ronghe.inventory.models import Transfer, Warehouse
from ronghe.inventory.services import transfer_create, transfer_validate
from ronghe.inventory.tests.test_services import product
from ronghe.partners.models import Partner
from ronghe.sales import services

pytestmark = pytest.mark.django_db


def _kind(sql):
    s = sql.strip()
    m = re.match(r'(SELECT|INSERT INTO|UPDATE|DELETE FROM|SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\s*', s)
    verb = m.group(1) if m else s[:20]
    if verb.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
        return verb
    t = re.search(r'(?:FROM|INTO|UPDATE)\s+"(\w+)"', s)
    return f"{verb} {t.group(1) if t else '?'}"


def test_profile(demo_company, users):
    co = demo_company
    u = {k: users[v] for k, v in (("sales", "wangfang"), ("keeper", "zhaolei"), ("acc", "sunli"), ("cash", "zhoumin"))}
    wh = Warehouse.objects.filter(company=co).order_by("pk").first()
    bank = BankAccount.objects.get(company=co, account__code="1002")
    customer = Partner.objects.create(company=co, code="Q-C", name="计数客户", is_customer=True, owner=u["sales"])
    items = [product(co, cost="10") for _ in range(5)]
    t = transfer_create(company=co, actor=u["keeper"], kind=Transfer.Kind.RECEIPT, warehouse=wh,
                        lines=[{"product": p, "quantity": 1000, "price_unit": "10"} for p in items])
    transfer_validate(transfer=t, actor=u["keeper"])
    out = []
    for rnd in range(2):
        steps = {}
        def step(name, fn):
            with CaptureQueriesContext(connection) as ctx:
                r = fn()
            steps[name] = [q["sql"] for q in ctx.captured_queries]
            return r
        order = step("create", lambda: services.order_create(company=co, actor=u["sales"], partner=customer, warehouse=wh,
                     lines=[{"product": p, "quantity": 1, "unit_price": "11.30"} for p in items]))
        order = step("confirm", lambda: services.order_confirm(order=order, actor=u["sales"]))
        step("deliver", lambda: transfer_validate(transfer=services.deliveries(order).get(), actor=u["keeper"]))
        inv = step("invoice", lambda: services.order_invoice(orders=[order], actor=u["acc"], post=True))
        pay = step("paycreate", lambda: payment_create(company=co, actor=u["cash"], kind="inbound", partner=customer,
                   date=timezone.localdate(), bank_account=bank, amount=inv.amount_total,
                   allocations=[{"invoice": inv, "amount": inv.amount_total}]))
        step("paypost", lambda: payment_post(payment=pay, actor=u["cash"]))
    total = 0
    with open("/tmp/profile.txt", "w") as f:
        for name, qs in steps.items():
            total += len(qs)
            f.write(f"== {name}: {len(qs)}\n")
            for k, c in Counter(_kind(q) for q in qs).most_common():
                f.write(f"   {c:3d} {k}\n")
        f.write(f"TOTAL {total}\n")
        for name, qs in steps.items():
            f.write(f"\n######## {name}\n")
            for q in qs:
                f.write(q[:300] + "\n")
