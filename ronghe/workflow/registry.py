"""Approvable registry: any model becomes approvable by registering here from its AppConfig.ready().

The engine knows nothing else of the document: it asks the registration for the flow key of an instance,
the values conditions may use, a title and one-line summary for the inbox, and the fields an admin may
use in conditions. What happens on approval or rejection is the document's own reaction to the
`ApprovalDecided` event (workflow.events).
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ConditionField:
    name: str
    label: object
    kind: str = "text"  # text | number | amount | select | department | user | date
    choices: tuple = ()


@dataclass(frozen=True)
class Approvable:
    model_label: str  # "oaforms.formrequest"
    type_key: Callable  # (obj) -> "oaforms:leave"; flows are defined per type key
    values: Callable  # (obj) -> {field: value} for conditions
    title: Callable  # (obj) -> str, the inbox title
    summary: Callable  # (obj) -> str, one line under the title
    types: Callable  # (company) -> [(type_key, label)] for the flow editor
    fields: Callable  # (company, type_key) -> [ConditionField]
    extra: dict = field(default_factory=dict)


_registry: dict[str, Approvable] = {}


def register_approvable(approvable: Approvable) -> None:
    _registry[approvable.model_label] = approvable


def approvable_for(obj) -> Approvable:
    label = obj._meta.label_lower
    if label not in _registry:
        raise LookupError(f"{label} is not registered as approvable")
    return _registry[label]


def all_approvables() -> list[Approvable]:
    return list(_registry.values())


def type_choices(company) -> list[tuple[str, str]]:
    return [choice for a in _registry.values() for choice in a.types(company)]


def fields_for(company, type_key: str) -> list[ConditionField]:
    for a in _registry.values():
        if any(k == type_key for k, _label in a.types(company)):
            return list(a.fields(company, type_key))
    return []
