"""The UI shell's registries: each app adds its menu entries and dashboard cards from AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# DESIGN §9: 办公 OA · 客户 CRM · 业务 ERP · 财务 · 人事 · 报表 (+ settings)
SECTIONS = [
    ("oa", _("Office"), "briefcase"),
    ("crm", _("Customers"), "people"),
    ("erp", _("Operations"), "box-seam"),
    ("finance", _("Finance"), "cash-coin"),
    ("hr", _("People"), "person-badge"),
    ("reports", _("Reports"), "bar-chart"),
    ("settings", _("Settings"), "gear"),
]


@dataclass(frozen=True)
class MenuItem:
    section: str
    label: object
    url_name: str
    icon: str = "dot"
    perm: str | None = None  # "app.codename"; None = any member
    admin_only: bool = False
    order: int = 50
    query: str = ""
    badge: Callable | None = None  # (request) -> int shown beside the entry (e.g. approvals waiting)


@dataclass(frozen=True)
class DashboardCard:
    key: str
    order: int
    fn: Callable  # fn(request) -> dict | None: {"title", "value", "link", "icon", "hint"}
    perm: str | None = None


@dataclass(frozen=True)
class SearchProvider:
    key: str
    label: object
    fn: Callable  # fn(request, q) -> (list of {"title", "subtitle", "url"}, more_url)
    perm: str | None = None


@dataclass(frozen=True)
class RecordPanel:
    """A section other modules add to a record's page (e.g. a customer's orders and invoices on the partner
    page): fn(request, obj) -> {"title", "columns", "rows": [[cells]], "link"?, "summary"?} or None; a panel
    with its own layout returns {"title", "html"} (rendered by the module's own template, escaped there)."""

    key: str
    model_label: str  # "partners.partner"
    order: int
    fn: Callable
    perm: str | None = None


@dataclass
class Registry:
    panels: list[RecordPanel] = field(default_factory=list)
    menu: list[MenuItem] = field(default_factory=list)
    cards: list[DashboardCard] = field(default_factory=list)
    search: list[SearchProvider] = field(default_factory=list)


registry = Registry()


def register_menu(item: MenuItem) -> None:
    if item not in registry.menu:
        registry.menu.append(item)
        registry.menu.sort(key=lambda m: m.order)


def register_dashboard_card(card: DashboardCard) -> None:
    if all(c.key != card.key for c in registry.cards):
        registry.cards.append(card)
        registry.cards.sort(key=lambda c: c.order)


def register_search(provider: SearchProvider) -> None:
    if all(p.key != provider.key for p in registry.search):
        registry.search.append(provider)


def register_panel(panel: RecordPanel) -> None:
    if all(p.key != panel.key for p in registry.panels):
        registry.panels.append(panel)
        registry.panels.sort(key=lambda p: p.order)


def panels_for(request, obj) -> list[dict]:
    """The registered panels of a record the user may see, rendered to data."""
    from ronghe.core.scoping import has_perm

    label = obj._meta.label_lower
    out = []
    for p in registry.panels:
        if p.model_label != label or (p.perm and not has_perm(request.user, request.company, p.perm)):
            continue
        data = p.fn(request, obj)
        if data:
            out.append(data)
    return out
