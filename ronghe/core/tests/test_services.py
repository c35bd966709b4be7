import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from ronghe.core import events
from ronghe.core.audit import verify_chain
from ronghe.core.errors import NotFound, ValidationFailed
from ronghe.core.models import AuditEntry, CurrencyRate, LoginFailure, Sequence, Unit
from ronghe.core.services import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    company_create,
    currency_rate_get,
    login_failure_record,
    login_is_locked,
    sequence_next,
    sequence_next_value,
    sequence_register,
    unit_convert,
    user_switch_company,
)
from ronghe.core.testing import run_queued_tasks

pytestmark = pytest.mark.django_db


# --- sequences ------------------------------------------------------------------------------


def test_sequence_numbers_are_consecutive_per_company_and_period(demo_company, other_company):
    sequence_register("test.order", prefix="SO")
    nov = date(2026, 11, 3)
    assert sequence_next(company=demo_company, code="test.order", on=nov) == "SO2026110001"
    assert sequence_next(company=demo_company, code="test.order", on=nov) == "SO2026110002"
    assert sequence_next(company=demo_company, code="test.order", on=date(2026, 12, 1)) == "SO2026120001"
    assert sequence_next(company=other_company, code="test.order", on=nov) == "SO2026110001"


def test_sequence_number_given_back_when_the_transaction_rolls_back(demo_company):
    first = sequence_next_value(company=demo_company, code="test.rb", period="")
    with pytest.raises(RuntimeError), transaction.atomic():
        sequence_next_value(company=demo_company, code="test.rb", period="")
        raise RuntimeError("document refused")
    assert sequence_next_value(company=demo_company, code="test.rb", period="") == first + 1


def test_voucher_style_pattern(demo_company):
    sequence_register("test.voucher", prefix="记", pattern="{prefix}-{yyyy}-{mm}-{n:04d}")
    assert (
        sequence_next(company=demo_company, code="test.voucher", on=date(2026, 11, 30)) == "记-2026-11-0001"
    )


# --- units and currencies ----------------------------------------------------------------------


def test_unit_conversion_within_category():
    box, pcs, kg, g = (Unit.objects.get(code=c) for c in ("box", "pcs", "kg", "g"))
    assert unit_convert(quantity=Decimal("2"), from_unit=box, to_unit=pcs) == Decimal("24")
    assert unit_convert(quantity=Decimal("1500"), from_unit=g, to_unit=kg) == Decimal("1.5000")


def test_unit_conversion_refuses_other_category():
    with pytest.raises(ValidationFailed) as exc:
        unit_convert(
            quantity=Decimal("1"), from_unit=Unit.objects.get(code="kg"), to_unit=Unit.objects.get(code="pcs")
        )
    assert "unit" in exc.value.fields


def test_currency_rate_latest_on_or_before(demo_company):
    CurrencyRate.objects.create(
        company=demo_company, currency_id="USD", date=date(2026, 11, 1), rate=Decimal("7.10")
    )
    CurrencyRate.objects.create(
        company=demo_company, currency_id="USD", date=date(2026, 11, 20), rate=Decimal("7.20")
    )
    assert currency_rate_get(company=demo_company, currency="USD", on=date(2026, 11, 19)) == Decimal("7.10")
    assert currency_rate_get(company=demo_company, currency="USD", on=date(2026, 11, 27)) == Decimal("7.20")
    assert currency_rate_get(company=demo_company, currency="CNY", on=date(2026, 11, 27)) == 1
    with pytest.raises(NotFound):
        currency_rate_get(company=demo_company, currency="USD", on=date(2026, 10, 1))


# --- companies and memberships --------------------------------------------------------------


def test_company_with_wrong_uscc_is_refused_and_nothing_written(users):
    from ronghe.core.models import Company

    before = Company.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        company_create(actor=users["admin"], name="坏公司", uscc="91350100M000100Y44")
    assert "uscc" in exc.value.fields
    assert Company.objects.count() == before


def test_switch_company_only_to_own_company(users, other_company, demo_company):
    admin = users["admin"]
    with pytest.raises(NotFound):
        user_switch_company(user=admin, company_id=other_company.pk)
    assert user_switch_company(user=admin, company_id=demo_company.pk) == demo_company


# --- events -----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ThingHappened(events.DomainEvent):
    thing_id: int
    amount: Decimal


seen_after_commit: list = []


def after_commit_handler(event):
    seen_after_commit.append(event)


def test_in_transaction_handler_failure_rolls_back_the_change(demo_company):
    def boom(event):
        raise RuntimeError("handler failed")

    events.subscribe(ThingHappened, boom, after_commit=False)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            Sequence.objects.create(company=demo_company, code="evt", period="")
            events.publish(ThingHappened(thing_id=1, amount=Decimal("1.50")))
        assert not Sequence.objects.filter(code="evt").exists()
    finally:
        events._in_tx[ThingHappened].remove(boom)


def test_after_commit_handler_is_queued_in_the_transaction_and_run_by_the_worker(demo_company):
    from django_tasks_db.models import DBTaskResult

    events.subscribe(ThingHappened, after_commit_handler, after_commit=True)
    seen_after_commit.clear()
    DBTaskResult.objects.all().delete()  # the demo queued deadline checks; this test watches its own
    with pytest.raises(RuntimeError), transaction.atomic():
        events.publish(ThingHappened(thing_id=1, amount=Decimal("9.99")))
        raise RuntimeError("rolled back")
    assert DBTaskResult.objects.count() == 0  # a rolled-back change never sends its follow-up
    events.publish(ThingHappened(thing_id=2, amount=Decimal("2.50")))
    assert DBTaskResult.objects.count() == 1
    assert seen_after_commit == []  # not run inline
    assert run_queued_tasks() == 1
    assert seen_after_commit == [ThingHappened(thing_id=2, amount=Decimal("2.50"))]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


# --- audit log ----------------------------------------------------------------------------------


def test_every_business_change_is_audited_with_before_and_after(demo_company, users):
    from ronghe.partners.models import Partner
    from ronghe.partners.services import partner_save

    start = AuditEntry.objects.order_by("-id").first().pk
    p = partner_save(
        company=demo_company, actor=users["wangfang"], data={"name": "审计测试有限公司", "is_customer": True}
    )
    partner_save(
        company=demo_company, actor=users["wangfang"], partner=p, data={"credit_limit": Decimal("8000")}
    )
    Partner.objects.get(pk=p.pk).delete()
    rows = list(
        AuditEntry.objects.filter(pk__gt=start, model="partners.partner", object_id=str(p.pk)).order_by("id")
    )
    assert [r.action for r in rows] == ["create", "update", "delete"]
    assert rows[1].changes["credit_limit"] == ["0.00", "8000"]
    assert verify_chain() == []


def test_tampering_with_an_audit_row_is_detected_and_named(demo_company, capsys):
    from django.core.management.base import CommandError

    victim = AuditEntry.objects.filter(seq__isnull=False).order_by("seq")[3]
    with connection.cursor() as cur:  # an attacker with database access edits history
        cur.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET actor_name = %s WHERE id = %s",
            ["someone-else", victim.pk],
        )
    problems = verify_chain()
    assert problems and f"seq={victim.seq} (id={victim.pk})" in problems[0]
    with pytest.raises(CommandError):
        call_command("audit", "verify")
    assert f"seq={victim.seq}" in capsys.readouterr().err


def test_deleting_an_audit_row_is_detected(demo_company):
    victim = AuditEntry.objects.filter(seq__isnull=False).order_by("seq")[5]
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [victim.pk])
    problems = verify_chain()
    assert any(f"expected seq={victim.seq}" in p for p in problems)


def test_deleting_the_last_rows_is_detected(demo_company):
    last = AuditEntry.objects.filter(seq__isnull=False).order_by("-seq").first()
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [last.pk])
    assert any("deleted" in p for p in verify_chain())


def test_permission_change_is_audited(demo_company):
    from django.contrib.auth.models import Permission

    from ronghe.core.models import Role

    role = Role.objects.get(company=demo_company, code="cashier")
    role.permissions.add(Permission.objects.get(codename="add_partner"))
    row = AuditEntry.objects.order_by("-id").first()
    assert row.action == "permission" and row.model == "core.role"
    assert row.changes["permissions"]["add"]


# --- login protection and tokens -----------------------------------------------------------------


def test_login_locks_after_repeated_failures(settings):
    settings.RONGHE_LOGIN_MAX_FAILURES = 3
    for _i in range(2):
        login_failure_record(username="wangfang", ip="10.0.0.1")
    assert not login_is_locked(username="wangfang")
    login_failure_record(username="wangfang", ip="10.0.0.1")
    assert login_is_locked(username="WangFang")
    assert AuditEntry.objects.filter(action="login_failed", actor_name="wangfang").count() == 3
    assert LoginFailure.objects.count() == 3


def test_api_token_is_stored_hashed_and_can_be_revoked(users):
    token, secret = api_token_create(user=users["wangfang"], name="script")
    assert secret not in token.key_hash and secret.startswith("rh_")
    assert api_token_authenticate(secret) == users["wangfang"]
    assert api_token_authenticate(secret + "x") is None
    api_token_revoke(token=token, actor=users["wangfang"])
    assert api_token_authenticate(secret) is None


def test_rows_are_sealed_into_the_chain_after_commit(demo_company, users, django_capture_on_commit_callbacks):
    from ronghe.core.audit import seal_pending
    from ronghe.partners.services import partner_save

    with django_capture_on_commit_callbacks(execute=True):
        p = partner_save(
            company=demo_company, actor=users["lina"], data={"name": "封存测试有限公司", "is_customer": True}
        )
    row = AuditEntry.objects.get(model="partners.partner", object_id=str(p.pk), action="create")
    assert row.seq is not None and len(row.hash) == 64  # sealed by the on-commit callback
    assert seal_pending() == 0 and verify_chain() == []


def test_seals_are_batched_within_the_interval(
    demo_company, users, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """A commit right after a seal leaves its rows to a timer (one seal covers many transactions); once the
    interval is up the next commit seals everything pending."""
    import time

    from ronghe.core import audit
    from ronghe.partners.services import partner_save

    armed = []

    class FakeTimer:
        def __init__(self, delay, fn):
            armed.append((delay, fn))
            self.daemon = False

        def start(self):
            pass

    settings.RONGHE_AUDIT_SEAL_INTERVAL = 30
    monkeypatch.setattr(audit.threading, "Timer", FakeTimer)
    monkeypatch.setitem(audit._seal_state, "last", time.monotonic())
    monkeypatch.setitem(audit._seal_state, "timer", None)

    def save(name):
        with django_capture_on_commit_callbacks(execute=True):
            p = partner_save(
                company=demo_company, actor=users["lina"], data={"name": name, "is_customer": True}
            )
        transaction.get_connection().run_on_commit.clear()  # "committed": the next save schedules its own seal
        return AuditEntry.objects.get(model="partners.partner", object_id=str(p.pk), action="create")

    first = save("批量封存甲有限公司")
    second = save("批量封存乙有限公司")
    assert first.seq is None and second.seq is None  # waiting for the timer
    assert len(armed) == 1 and 0 < armed[0][0] <= 30 and armed[0][1] is audit._seal_from_timer
    monkeypatch.setitem(audit._seal_state, "timer", None)
    monkeypatch.setitem(audit._seal_state, "last", time.monotonic() - 31)  # the interval is up
    save("批量封存丙有限公司")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.seq is not None and second.seq == first.seq + 1
    assert AuditEntry.objects.filter(seq__isnull=True).count() == 0 and verify_chain() == []


def test_rolled_back_change_leaves_no_audit_row(demo_company, users):
    from ronghe.partners.services import partner_save

    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        partner_save(
            company=demo_company, actor=users["lina"], data={"name": "回滚有限公司", "is_customer": True}
        )
        raise RuntimeError
    assert AuditEntry.objects.count() == before


def test_unsealed_rows_older_than_a_minute_are_reported(demo_company):
    from datetime import timedelta

    from django.utils import timezone

    AuditEntry.objects.create(at=timezone.now() - timedelta(minutes=5), action="update", model="x")
    assert any("never sealed" in p for p in verify_chain())
