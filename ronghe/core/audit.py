"""The append-only, hash-chained audit log (on for every business model, not opt-in).

Every create / change / delete of a model in a Ronghe app is captured by `install()`; services add
transitions and other events with `audit_log()`. Each row's hash covers its content and the previous
row's hash, so editing or deleting a past row breaks the chain and `ronghe audit verify` names the row.
"""

import atexit
import datetime
import decimal
import hashlib
import json
import logging
import threading
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_save
from django.utils import timezone

from . import context
from .models import AuditAction, AuditChainHead, AuditEntry

GENESIS = "0" * 64
logger = logging.getLogger(__name__)
IGNORED_FIELDS = {"updated_at", "password", "last_login", "key_hash"}
MASKED = "***"


def _json_value(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or ""
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_value(v) for v in value]
    return str(value)


def _canonical(entry: dict) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def compute_hash(
    *,
    prev_hash,
    seq,
    at,
    company_id,
    actor_id,
    actor_name,
    ip,
    action,
    model,
    object_id,
    object_repr,
    changes,
    context,
) -> str:
    payload = _canonical(
        {
            "seq": seq,
            "at": _json_value(at),
            "company_id": company_id,
            "actor_id": actor_id,
            "actor_name": actor_name,
            "ip": ip,
            "action": action,
            "model": model,
            "object_id": object_id,
            "object_repr": object_repr,
            "changes": changes,
            "context": context,
        }
    )
    return hashlib.sha256((prev_hash + payload).encode()).hexdigest()


def _entry_hash(e: AuditEntry, prev_hash: str) -> str:
    return compute_hash(
        prev_hash=prev_hash,
        seq=e.seq,
        at=e.at,
        company_id=e.company_id,
        actor_id=e.actor_id,
        actor_name=e.actor_name,
        ip=e.ip,
        action=e.action,
        model=e.model,
        object_id=e.object_id,
        object_repr=e.object_repr,
        changes=e.changes,
        context=e.context,
    )


def audit_log(
    *,
    action: str,
    obj=None,
    model: str = "",
    object_id="",
    object_repr: str = "",
    changes: dict | None = None,
    extra: dict | None = None,
    company_id=None,
    actor_id=None,
    actor_name=None,
) -> AuditEntry:
    """Write one audit row in the caller's transaction (a rolled-back change leaves no row).

    The row is sealed into the hash chain just after the transaction commits (`seal_pending`), in a short
    transaction of its own: the chain's lock is never held together with the business rows' locks.
    Inside a transaction the row waits in a buffer and all rows of the transaction are inserted with one
    statement just before it commits (`_flush_on_exit`); rows of a rolled-back savepoint are dropped.
    """
    ctx = context.current()
    if obj is not None:
        model = obj._meta.label_lower
        object_id = str(obj.pk)
        object_repr = str(obj)[:200]
        if company_id is None:
            company_id = getattr(obj, "company_id", None)
    if company_id is None:
        company_id = ctx.company_id
    entry = AuditEntry(
        at=timezone.now(),
        company_id=company_id,
        actor_id=ctx.user_id if actor_id is None else actor_id,
        actor_name=(ctx.user_name if actor_name is None else actor_name)[:150],
        ip=ctx.ip[:45],
        action=action,
        model=model,
        object_id=str(object_id)[:64],
        object_repr=(object_repr or "")[:200],
        changes=_json_value(changes or {}),
        context=_json_value({**ctx.extra, **(extra or {}), **({"via": ctx.via} if ctx.via else {})}),
    )
    connection = transaction.get_connection()
    if _in_business_transaction(connection):
        _buffer(connection).append(entry)
    else:
        entry.save(force_insert=True)
    _schedule_seal()
    return entry


# --- one INSERT per transaction ----------------------------------------------------------------------------
# The rows a transaction writes wait on its connection and go to the database in one bulk INSERT as the
# outermost atomic block (not counting a test case's own blocks) exits without error — inside the transaction,
# so they commit or roll back with the change they describe. A savepoint rolled back drops the rows written
# since it was taken.


def _buffer(connection) -> list:
    return connection.__dict__.setdefault("_ronghe_audit_rows", [])


def _marks(connection) -> list:
    return connection.__dict__.setdefault("_ronghe_audit_marks", [])


def _in_business_transaction(connection) -> bool:
    return connection.in_atomic_block and not all(b._from_testcase for b in connection.atomic_blocks)


def flush(connection=None) -> None:
    """Insert the buffered rows now (e.g. before a raw read of the log inside the transaction)."""
    connection = connection or transaction.get_connection()
    rows = _buffer(connection)
    if rows:
        batch = rows[:]
        rows.clear()
        AuditEntry.objects.bulk_create(batch, batch_size=500)


def _install_flush_on_exit() -> None:
    from django.db.transaction import Atomic, get_connection

    if getattr(Atomic, "_ronghe_audit", False):
        return
    enter, exit_ = Atomic.__enter__, Atomic.__exit__

    def __enter__(self):
        enter(self)
        connection = get_connection(self.using)
        _marks(connection).append(len(_buffer(connection)))

    def __exit__(self, exc_type, exc_value, traceback):
        connection = get_connection(self.using)
        marks = _marks(connection)
        mark = marks.pop() if marks else 0
        rows = _buffer(connection)
        if exc_type is not None or connection.needs_rollback:
            del rows[mark:]
        elif rows and all(b._from_testcase for b in connection.atomic_blocks[:-1]):
            try:
                flush(connection)
            except Exception as exc:  # noqa: BLE001 — the block rolls back, then the error goes on
                exit_(self, type(exc), exc, exc.__traceback__)
                raise
        return exit_(self, exc_type, exc_value, traceback)

    Atomic.__enter__, Atomic.__exit__ = __enter__, __exit__
    Atomic._ronghe_audit = True


_SEAL_MARKER = "_ronghe_seal_scheduled"


def _schedule_seal() -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        seal_soon()
        return
    if any(getattr(entry[1], _SEAL_MARKER, False) for entry in connection.run_on_commit):
        return

    def seal():
        seal_soon()

    setattr(seal, _SEAL_MARKER, True)
    transaction.on_commit(seal, robust=True)


# Sealing is batched: a process seals right after a commit when its last seal is at least
# RONGHE_AUDIT_SEAL_INTERVAL seconds old; otherwise a timer seals what is pending when the interval is up (and
# at exit). Under load one short sealing transaction covers many business transactions; idle, a row waits
# at most the interval. 0 seals after every commit.
_seal_state = {"last": 0.0, "timer": None}
_seal_lock = threading.Lock()


def seal_soon() -> None:
    interval = float(getattr(settings, "RONGHE_AUDIT_SEAL_INTERVAL", 0))
    now = time.monotonic()
    wait = interval - (now - _seal_state["last"])
    if wait <= 0:
        _seal_state["last"] = now
        seal_pending()
        return
    with _seal_lock:
        if _seal_state["timer"] is None:
            timer = threading.Timer(wait, _seal_from_timer)
            timer.daemon = True
            _seal_state["timer"] = timer
            timer.start()


def _seal_from_timer() -> None:
    from django.db import connections

    try:
        _seal_state["last"] = time.monotonic()
        seal_pending()
    except Exception:  # noqa: BLE001 — the next commit or timer seals what is left
        logger.exception("sealing the audit log failed")
    finally:
        with _seal_lock:
            _seal_state["timer"] = None
        connections.close_all()  # this thread's connections


@atexit.register
def _seal_at_exit() -> None:
    timer = _seal_state["timer"]
    if timer is not None:
        timer.cancel()
        try:
            seal_pending()
        except Exception:  # noqa: BLE001 — nothing to report to at exit; the next start seals them
            pass


def seal_pending(limit: int = 10_000) -> int:
    """Chain every committed, unsealed row: the next seq, the previous hash and its own hash.

    Serialized by the lock on the chain head; idempotent. Returns how many rows were sealed."""
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            AuditChainHead.objects.bulk_create([AuditChainHead(pk=1)], ignore_conflicts=True)
            head = AuditChainHead.objects.select_for_update().get(pk=1)
        rows = list(AuditEntry.objects.filter(seq__isnull=True).order_by("id")[:limit])
        for e in rows:
            e.seq = head.last_seq + 1
            e.prev_hash = head.last_hash
            e.hash = _entry_hash(e, head.last_hash)
            head.last_seq, head.last_hash = e.seq, e.hash
        if rows:  # one UPDATE per batch instead of one per row
            AuditEntry.objects.bulk_update(rows, ["seq", "prev_hash", "hash"], batch_size=200)
            head.save(update_fields=["last_seq", "last_hash"])
    return len(rows)


def audit_transition(obj, *, action: str, from_state: str, to_state: str, extra: dict | None = None):
    return audit_log(
        action=AuditAction.TRANSITION,
        obj=obj,
        changes={"state": [from_state, to_state], "action": action},
        extra=extra,
    )


def verify_chain() -> list[str]:
    """Recompute the chain. Returns a list of problems, each naming the row (empty = intact)."""
    problems: list[str] = []
    prev_hash = GENESIS
    expected_seq = 1
    last = None
    stale = AuditEntry.objects.filter(seq__isnull=True, at__lt=timezone.now() - datetime.timedelta(minutes=1))
    if stale.exists():
        first = stale.order_by("id").first()
        problems.append(f"{stale.count()} rows were never sealed into the chain (first id={first.pk})")
    for e in AuditEntry.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=2000):
        if e.seq != expected_seq:
            problems.append(f"rows missing before seq={e.seq} (id={e.pk}): expected seq={expected_seq}")
        if e.prev_hash != prev_hash:
            problems.append(f"seq={e.seq} (id={e.pk}): link to the previous row is broken")
        if _entry_hash(e, e.prev_hash) != e.hash:
            problems.append(f"seq={e.seq} (id={e.pk}): content does not match its hash (row was edited)")
        prev_hash = e.hash
        expected_seq = e.seq + 1
        last = e
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and last and (head.last_seq != last.seq or head.last_hash != last.hash):
        problems.append(f"rows after seq={last.seq} were deleted (chain head is at seq={head.last_seq})")
    if head and last is None and head.last_seq:
        problems.append("all audit rows were deleted")
    return problems


# --- Automatic capture of model changes -----------------------------------------------------

_RONGHE_PREFIX = "ronghe."
_change_listeners: list = []


def add_change_listener(fn) -> None:
    """fn(instance, created: bool, diff: {field: [old, new]}) runs after an audited save (timeline history)."""
    if fn not in _change_listeners:
        _change_listeners.append(fn)


def is_audited(model) -> bool:
    return (
        model.__module__.startswith(_RONGHE_PREFIX)
        and not getattr(model, "audit_exclude", False)
        and not model._meta.abstract
    )


def _snapshot(instance) -> dict:
    data = {}
    for f in instance._meta.concrete_fields:
        if f.name in IGNORED_FIELDS:
            continue
        value = getattr(instance, f.attname)
        data[f.name] = _json_value(value)
    return data


def _loaded(sender, instance, **kwargs):
    """Remember the values a row was loaded with, so that an update needs no extra read for its "before"."""
    values = instance.__dict__
    instance._audit_loaded = {
        f.attname: values[f.attname] for f in sender._meta.concrete_fields if f.attname in values
    }


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    instance._audit_before = None
    if instance.pk is not None and not instance._state.adding:
        loaded = instance.__dict__.get("_audit_loaded")
        if loaded is not None and len(loaded) == len(sender._meta.concrete_fields):
            instance._audit_before = {
                f.name: _json_value(loaded[f.attname])
                for f in sender._meta.concrete_fields
                if f.name not in IGNORED_FIELDS
            }
        else:  # loaded with deferred fields, or built by hand: read the row
            old = sender._base_manager.filter(pk=instance.pk).first()
            instance._audit_before = _snapshot(old) if old else None


def _post_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or not is_audited(sender):
        return
    after = _snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        audit_log(
            action=AuditAction.CREATE,
            obj=instance,
            changes={k: [None, v] for k, v in after.items() if v not in (None, "")},
        )
        diff = {}
        created = True
    else:
        diff = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        if diff:
            audit_log(action=AuditAction.UPDATE, obj=instance, changes=diff)
    for listener in _change_listeners:
        listener(instance, created, diff)
    _loaded(sender, instance)  # the saved values are the next save's "before"


def saved_in_bulk(objs, *, created: bool) -> None:
    """Audit rows and change listeners for instances written by bulk_create / bulk_update, as save() has them
    (an update is compared with the values the instance was loaded with)."""
    for obj in objs:
        sender = type(obj)
        if not created:
            _pre_save(sender, obj)
        _post_save(sender, obj, created=created)


def _post_delete(sender, instance, **kwargs):
    if not is_audited(sender):
        return
    audit_log(
        action=AuditAction.DELETE,
        obj=instance,
        changes={k: [v, None] for k, v in _snapshot(instance).items()},
    )


def _m2m_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or not is_audited(type(instance)):
        return
    field_name = next(
        (f.name for f in type(instance)._meta.many_to_many if f.remote_field.through is sender), "m2m"
    )
    is_permission = field_name in {"permissions", "roles"}
    names = []
    if pk_set:
        names = [str(o) for o in model._base_manager.filter(pk__in=pk_set)][:50]
    audit_log(
        action=AuditAction.PERMISSION if is_permission else AuditAction.UPDATE,
        obj=instance,
        changes={field_name: {action.replace("post_", ""): names}},
    )


def install() -> None:
    """Connect capture to every audited model (called once from CoreConfig.ready)."""
    _install_flush_on_exit()
    for model in apps.get_models():
        if not is_audited(model):
            continue
        uid = f"ronghe-audit-{model._meta.label_lower}"
        post_init.connect(_loaded, sender=model, dispatch_uid=uid + "-init")
        pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_post_save, sender=model, dispatch_uid=uid + "-post")
        post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + "-del")
        for f in model._meta.many_to_many:
            through = f.remote_field.through
            if isinstance(through, type) and issubclass(through, models.Model):
                m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=uid + "-m2m-" + f.name)
