"""The engine's clock. Tests move it (`clock.set_now(...)`) to check deadlines and escalation."""

from django.utils import timezone

_fixed = None


def now():
    return _fixed or timezone.now()


def set_now(value) -> None:
    global _fixed
    _fixed = value
