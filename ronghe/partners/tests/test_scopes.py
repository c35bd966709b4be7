"""Done-when 4: a salesperson with scope "own" cannot reach another salesperson's customer by any path."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from conftest import login
from ronghe.core.services import api_token_create
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(demo_company, users):
    """A customer of liuyang's with a distinctive name, and one of wangfang's."""
    mine = Partner.objects.filter(company=demo_company, owner=users["wangfang"], is_customer=True).first()
    other = Partner.objects.filter(company=demo_company, owner=users["liuyang"], is_customer=True).first()
    other.name = "刘洋专属客户有限公司"
    other.save()
    return mine, other


def test_detail_page_404_for_other_salespersons_customer(client, users, theirs):
    mine, other = theirs
    login(client, users["wangfang"])
    assert client.get(f"/partners/{mine.pk}/").status_code == 200
    assert client.get(f"/partners/{other.pk}/").status_code == 404
    assert client.get(f"/partners/{other.pk}/edit/").status_code == 404


def test_api_404_for_other_salespersons_customer(client, users, theirs):
    mine, other = theirs
    _token, secret = api_token_create(user=users["wangfang"], name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get(f"/api/v1/partners/partners/{mine.pk}", **auth).status_code == 200
    r = client.get(f"/api/v1/partners/partners/{other.pk}", **auth)
    assert r.status_code == 404 and r.json()["code"] == "core.not_found"
    r = client.patch(
        f"/api/v1/partners/partners/{other.pk}", data={"name": "x"}, content_type="application/json", **auth
    )
    assert r.status_code == 404
    ids = {p["id"] for p in client.get("/api/v1/partners/partners?limit=200", **auth).json()["items"]}
    assert mine.pk in ids and other.pk not in ids
    r = client.get(f"/api/v1/timeline/partners.partner/{other.pk}/messages", **auth)
    assert r.status_code == 404


def test_list_and_search_do_not_show_other_salespersons_customer(client, users, theirs):
    mine, other = theirs
    login(client, users["wangfang"])
    page = client.get("/partners/?role=customer&per_page=200").content.decode()
    assert mine.name in page and other.name not in page
    page = client.get("/partners/?q=刘洋专属").content.decode()
    assert other.name not in page
    page = client.get("/search/?q=刘洋专属").content.decode()
    assert other.name not in page
    api = client.get("/api/v1/partners/partners?q=刘洋专属").json()
    assert api["count"] == 0


def test_excel_export_does_not_contain_other_salespersons_customer(client, users, theirs):
    mine, other = theirs
    login(client, users["wangfang"])
    r = client.get("/partners/?role=customer&export=xlsx")
    assert r.status_code == 200
    names = {
        row[1] for row in load_workbook(BytesIO(r.content)).active.iter_rows(min_row=2, values_only=True)
    }
    assert mine.name in names and other.name not in names
    assert all(p.owner_id == users["wangfang"].pk for p in Partner.objects.filter(name__in=names))


def test_sales_manager_sees_the_team_and_general_manager_everything(client, users, theirs):
    _mine, other = theirs
    login(client, users["lina"])  # head of 销售部, scope = own department and below
    assert client.get(f"/partners/{other.pk}/").status_code == 200
    login(client, users["zhangwei"])  # company scope
    assert client.get(f"/partners/{other.pk}/").status_code == 200


def test_department_scope_excludes_other_departments(client, users, theirs, demo_company):
    from ronghe.core.models import Role, Scope

    _mine, other = theirs
    role = Role.objects.get(company=demo_company, code="salesperson")
    role.default_scope = Scope.DEPARTMENT
    role.save()
    login(client, users["wangfang"])  # 华东销售组; liuyang is in 华南销售组
    assert client.get(f"/partners/{other.pk}/").status_code == 404


@pytest.mark.parametrize(
    "who,status",
    [
        ("anonymous", 302),
        ("other_company", 404),
        ("out_of_scope", 404),
        ("no_permission", 403),
        ("owner", 200),
        ("admin", 200),
    ],
)
def test_partner_detail_permission_matrix(client, users, theirs, other_company, who, status):
    from ronghe.core.models import User

    _mine, other = theirs
    user = {
        "anonymous": None,
        "other_company": User.objects.get(username="other_boss"),
        "out_of_scope": users["wangfang"],
        "no_permission": users["wuxia"],
        "owner": users["liuyang"],
        "admin": users["admin"],
    }[who]
    if user:
        login(client, user)
    assert client.get(f"/partners/{other.pk}/").status_code == status


@pytest.mark.parametrize(
    "who,status",
    [
        ("anonymous", 401),
        ("other_company", 404),
        ("out_of_scope", 404),
        ("no_permission", 403),
        ("owner", 200),
    ],
)
def test_partner_api_permission_matrix(client, users, theirs, other_company, who, status):
    from ronghe.core.models import User

    _mine, other = theirs
    user = {
        "anonymous": None,
        "other_company": User.objects.get(username="other_boss"),
        "out_of_scope": users["wangfang"],
        "no_permission": users["wuxia"],
        "owner": users["liuyang"],
    }[who]
    headers = {}
    if user:
        _t, secret = api_token_create(user=user, name="t")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    r = client.get(f"/api/v1/partners/partners/{other.pk}", **headers)
    assert r.status_code == status
    if status >= 400:
        body = r.json()
        assert set(body) == {"code", "message", "fields"}
