from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import product_list


def products_card(request):
    qs = product_list(user=request.user, company=request.company)
    return {
        "title": _("Products"),
        "value": qs.count(),
        "icon": "box-seam",
        "link": reverse("products:product-list"),
        "hint": _("active products"),
    }


def search(request, q):
    qs = product_list(user=request.user, company=request.company, q=q).order_by("code")[:8]
    results = [
        {
            "title": p.name,
            "subtitle": " · ".join(x for x in (p.code, p.spec) if x),
            "url": p.get_absolute_url(),
        }
        for p in qs
    ]
    return results, reverse("products:product-list") + "?" + urlencode({"q": q})
