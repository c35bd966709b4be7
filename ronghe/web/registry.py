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


@dataclass
class Registry:
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
