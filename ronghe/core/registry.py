"""Registries that let lower layers offer hooks which higher layers fill in from their AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    fn: Callable  # fn(company, stdout) -> None, idempotent


@dataclass(frozen=True)
class IntegrityCheck:
    name: str
    fn: Callable  # fn() -> list[str] problems


demo_steps: list[DemoStep] = []
integrity_checks: list[IntegrityCheck] = []


def register_demo(order: int, name: str, fn: Callable) -> None:
    if not any(s.name == name for s in demo_steps):
        demo_steps.append(DemoStep(order, name, fn))
        demo_steps.sort(key=lambda s: s.order)


def register_integrity_check(name: str, fn: Callable) -> None:
    if not any(c.name == name for c in integrity_checks):
        integrity_checks.append(IntegrityCheck(name, fn))
