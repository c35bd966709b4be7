"""What higher modules plug into messaging without messaging importing them: the actions of mail aliases
(crm registers "new lead") and the lookups that recognise a sender's address (partners registers its
customers' and suppliers' addresses)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AliasHandler:
    key: str
    label: str  # lazily translated
    fn: Callable  # fn(*, alias, email: "inbound.Parsed", sender) -> a record with a timeline, or None


alias_handlers: dict[str, AliasHandler] = {}
sender_lookups: list[Callable] = []  # fn(*, company_id, address) -> record or None


def register_alias_handler(handler: AliasHandler) -> None:
    alias_handlers[handler.key] = handler


def register_sender_lookup(fn: Callable) -> None:
    if fn not in sender_lookups:
        sender_lookups.append(fn)


def find_sender(*, company_id, address: str):
    for fn in sender_lookups:
        found = fn(company_id=company_id, address=address)
        if found is not None:
            return found
    return None
