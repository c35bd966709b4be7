"""Security suite (issue 8): through the JSON API, with a real token of another company's administrator,
every GET path of the OpenAPI document that takes a record id answers 404 for the demo company's ids."""

import pytest

pytestmark = pytest.mark.django_db


def test_another_companys_token_reads_nothing_by_id(client, demo_company, other_company):
    from ronghe.core.models import User
    from ronghe.core.services import api_token_create

    schema = client.get("/api/v1/openapi.json").json()
    token = api_token_create(user=User.objects.get(username="other_boss"), name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    checked, leaks, statuses = 0, [], {}
    for path, ops in schema["paths"].items():
        if "get" not in ops:
            continue
        params = {p["name"]: p for p in ops["get"].get("parameters", []) if p.get("in") == "path"}
        if not params:
            continue
        for pk in (1, 2, 3):
            url = path
            for name, p in params.items():
                kind = p.get("schema", {}).get("type")
                url = url.replace("{" + name + "}", str(pk) if kind == "integer" else "sales.salesorder")
            r = client.get(url, **auth)
            checked += 1
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
            if r.status_code == 200 and not _empty(r):
                leaks.append(url)
    assert checked > 30 and statuses.get(404, 0) > 20
    assert leaks == []


def _empty(r) -> bool:
    """A list endpoint under an id (e.g. a folder's documents) may answer an empty page rather than 404."""
    try:
        data = r.json()
    except ValueError:
        return False
    return data in ([], {}) or (
        isinstance(data, dict) and data.get("items") == [] and data.get("count") in (0, None)
    )
