from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import partner_list


def customers_card(request):
    qs = partner_list(user=request.user, company=request.company, role="customer")
    counts = qs.aggregate(total=Count("id"))
    suppliers = partner_list(user=request.user, company=request.company, role="supplier").count()
    return {
        "title": _("Customers"),
        "value": counts["total"],
        "icon": "people",
        "link": reverse("partners:partner-list") + "?role=customer",
        "hint": _("%(n)d suppliers") % {"n": suppliers},
    }


def region_chart(request):
    """Customers per province, for the dashboard chart (ECharts)."""
    rows = (
        partner_list(user=request.user, company=request.company, role="customer")
        .exclude(province="")
        .values("province")
        .annotate(n=Count("id"))
        .order_by("-n")[:8]
    )
    data = [{"name": r["province"], "value": r["n"]} for r in rows]
    if not data:
        return None
    return {"chart": "bar", "title": _("Customers by province"), "data": data, "icon": "geo-alt"}


def search(request, q):
    from .selectors import partner_list

    qs = partner_list(user=request.user, company=request.company, q=q).order_by("-id")[:8]
    results = [
        {
            "title": p.name,
            "subtitle": " · ".join(x for x in (p.code, p.city, p.mobile or p.phone) if x),
            "url": p.get_absolute_url(),
        }
        for p in qs
    ]
    return results, reverse("partners:partner-list") + "?" + urlencode({"q": q})
