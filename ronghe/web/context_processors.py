"""What every page's shell needs: navigation allowed for the user, companies, unread notifications."""

from django.urls import NoReverseMatch, reverse

from ronghe.core.scoping import has_perm, is_company_admin
from ronghe.core.services import user_companies
from ronghe.timeline.selectors import notification_unread_count

from .registry import SECTIONS, registry


def nav_for(request):
    user, company = request.user, getattr(request, "company", None)
    sections = []
    path = request.path
    for key, label, icon in SECTIONS:
        items = []
        for m in registry.menu:
            if m.section != key:
                continue
            if m.admin_only and not is_company_admin(user, company):
                continue
            if m.perm and not has_perm(user, company, m.perm):
                continue
            try:
                url = reverse(m.url_name)
            except NoReverseMatch:
                continue
            full = url + (("?" + m.query) if m.query else "")
            items.append(
                {
                    "label": m.label,
                    "url": full,
                    "icon": m.icon,
                    "active": path.startswith(url) and url != "/",
                    "badge": m.badge(request) if m.badge else 0,
                }
            )
        if items:
            sections.append(
                {
                    "key": key,
                    "label": label,
                    "icon": icon,
                    "items": items,
                    "open": any(i["active"] for i in items),
                }
            )
    return sections


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(request, "company", None):
        return {}
    return {
        "nav_sections": nav_for(request),
        "my_companies": list(user_companies(user)),
        "unread_count": notification_unread_count(user=user),
        "is_company_admin": is_company_admin(user, request.company),
    }
