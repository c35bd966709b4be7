"""Domain events (DESIGN §4): `publish(event)` and `subscribe(EventType, handler, *, after_commit)`.

In-transaction handlers run inside `publish()` — a failure rolls the whole change back.
After-commit handlers are enqueued as a database task in the same transaction (a transactional
outbox): a committed change never loses its follow-up, a rolled-back change never sends it.
"""

import dataclasses
import decimal
import typing
from collections import defaultdict
from collections.abc import Callable

from django.utils.module_loading import import_string


@dataclasses.dataclass(frozen=True)
class DomainEvent:
    """Base class. Subclasses are frozen dataclasses with JSON-friendly fields (ids, str, Decimal, date)."""

    def timeline_target(self) -> tuple[str, int] | None:
        """(model label, pk) of the record whose timeline tells this event, or None."""
        return None

    def describe(self) -> str:
        return type(self).__name__


_in_tx: dict[type, list[Callable]] = defaultdict(list)
_after: dict[type, list[str]] = defaultdict(list)
_all: list[Callable] = []


def _path(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def subscribe(event_type: type[DomainEvent], handler: Callable, *, after_commit: bool) -> None:
    """Register `handler(event)`. After-commit handlers must be importable module-level functions."""
    if after_commit:
        path = _path(handler)
        if path not in _after[event_type]:
            _after[event_type].append(path)
    elif handler not in _in_tx[event_type]:
        _in_tx[event_type].append(handler)


def subscribe_all(handler: Callable) -> None:
    """Register an in-transaction handler for every event (used by the timeline)."""
    if handler not in _all:
        _all.append(handler)


def event_to_payload(event: DomainEvent) -> dict:
    data = {}
    for f in dataclasses.fields(event):
        value = getattr(event, f.name)
        data[f.name] = (
            str(value)
            if isinstance(value, decimal.Decimal)
            else (value.isoformat() if hasattr(value, "isoformat") else value)
        )
    return {"type": f"{type(event).__module__}.{type(event).__qualname__}", "data": data}


def event_from_payload(payload: dict) -> DomainEvent:
    import datetime

    cls = import_string(payload["type"])
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for name, value in payload["data"].items():
        hint = hints.get(name)
        if value is not None and hint is decimal.Decimal:
            value = decimal.Decimal(value)
        elif value is not None and hint is datetime.date:
            value = datetime.date.fromisoformat(value)
        elif value is not None and hint is datetime.datetime:
            value = datetime.datetime.fromisoformat(value)
        kwargs[name] = value
    return cls(**kwargs)


def publish(event: DomainEvent) -> None:
    for handler in list(_all):
        handler(event)
    for handler in list(_in_tx.get(type(event), ())):
        handler(event)
    paths = _after.get(type(event), ())
    if paths:
        from .tasks import event_dispatch_task

        payload = event_to_payload(event)
        for path in paths:
            event_dispatch_task.enqueue(handler_path=path, payload=payload)
