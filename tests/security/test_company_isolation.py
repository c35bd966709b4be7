"""Security suite (issue 8): a user of another company — its administrator, who may do everything in their
own company — opens every page route that takes a record id, with the ids of the demo company's records:
each answers 404 (or refuses), never the record. Routes are discovered from the URL configuration."""

import re

import pytest

from tests.security.test_forms_and_markup import EXEMPT, _routes

pytestmark = pytest.mark.django_db

# Routes whose int parameter is not a record of a company (public pages, the caller's own settings).
NOT_RECORDS = (r"^documents/s/", r"^meetings/feed/")


def test_another_companys_administrator_gets_nothing_by_id(client, demo_company, other_company):
    from ronghe.core.models import User

    client.force_login(User.objects.get(username="other_boss"))
    routes = sorted(
        r for r in set(_routes()) if "<int:" in r and not any(re.match(e, r) for e in EXEMPT + NOT_RECORDS)
    )
    leaks, checked, statuses = [], 0, {}
    for route in routes:
        for pk in (1, 2, 3):
            url = re.sub(r"<int:[^>]+>", str(pk), route)
            url = "/" + re.sub(r"<(?:str:|slug:)?[^>]+>", "x", url).replace("\\Z", "")
            r = client.get(url)
            checked += 1
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
            if r.status_code == 200:
                leaks.append(url)
    assert checked > 100 and statuses.get(404, 0) > 50  # the ids were real routes, answered 404
    assert leaks == []
