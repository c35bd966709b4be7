"""Who is acting, from where, in which company: set per request / task, read by the audit log and services."""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class ActorContext:
    user_id: int | None = None
    user_name: str = ""
    company_id: int | None = None
    ip: str = ""
    via: str = ""  # "web", "api", "task", "cli"
    extra: dict = field(default_factory=dict)  # e.g. {"approval": "AR-2026-0001"}


_current: contextvars.ContextVar[ActorContext] = contextvars.ContextVar(
    "ronghe_actor",
    default=ActorContext(),  # noqa: B039 - frozen dataclass, never mutated
)


def current() -> ActorContext:
    return _current.get()


@contextmanager
def acting(**changes):
    """Run a block with parts of the context replaced: `with acting(user_id=..., via="task"):`."""
    extra = changes.pop("extra", None)
    ctx = replace(current(), **changes)
    if extra:
        ctx = replace(ctx, extra={**ctx.extra, **extra})
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


def set_for_request(ctx: ActorContext):
    return _current.set(ctx)


def reset(token) -> None:
    _current.reset(token)


def actor_context_for_user(user, *, company_id=None, ip="", via="web") -> ActorContext:
    if user is None or not getattr(user, "is_authenticated", False):
        return ActorContext(ip=ip, via=via, company_id=company_id)
    return ActorContext(user_id=user.pk, user_name=user.get_username(), company_id=company_id, ip=ip, via=via)
