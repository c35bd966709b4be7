"""The UI shell: login and lockout, language, company switch, pages for each role, field errors in place."""

import pytest

from conftest import login
from ronghe.core.models import AuditEntry
from ronghe.partners.models import Partner

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/partners/?role=customer",
    "/partners/suppliers/",
    "/partners/contacts/",
    "/products/",
    "/org/departments/",
    "/org/employees/",
    "/settings/profile/",
    "/settings/password/",
    "/settings/tokens/",
    "/settings/audit/",
    "/notifications/",
    "/search/?q=上海",
    "/partners/new/",
    "/products/new/",
    "/org/departments/new/",
    "/org/employees/new/",
]


@pytest.mark.parametrize("url", PAGES)
def test_admin_sees_every_page(client, users, url):
    login(client, users["admin"])
    r = client.get(url)
    assert r.status_code == 200, url


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_is_sent_to_login(client, url):
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith("/login/")


def test_salesperson_menu_and_forbidden_pages(client, users):
    login(client, users["wangfang"])
    home = client.get("/").content.decode()
    assert (
        "/partners/?role=customer" in home
        and "/org/employees/" not in home
        and "/settings/audit/" not in home
    )
    assert client.get("/settings/audit/").status_code == 404
    assert client.get("/products/new/").status_code == 403
    assert client.get("/org/employees/").status_code == 403


def test_login_page_and_lockout(client, settings):
    settings.RONGHE_LOGIN_MAX_FAILURES = 3
    for _i in range(3):
        r = client.post("/login/", {"username": "wangfang", "password": "wrong"})
        assert r.status_code == 200
    r = client.post(
        "/login/", {"username": "wangfang", "password": "Ronghe@2026"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "登录失败次数过多" in r.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="login_failed").count() == 3


def test_login_success_is_audited_and_redirects(client):
    r = client.post(
        "/login/?next=/products/", {"username": "zhangwei", "password": "Ronghe@2026", "next": "/products/"}
    )
    assert r.status_code == 302 and r["Location"] == "/products/"
    assert AuditEntry.objects.filter(action="login", actor_name="zhangwei").exists()


def test_open_redirect_refused(client):
    r = client.post(
        "/login/", {"username": "zhangwei", "password": "Ronghe@2026", "next": "https://evil.example/"}
    )
    assert r["Location"] == "/"


def test_chinese_by_default_and_english_after_switching(client, users):
    login(client, users["admin"])
    assert "工作台" in client.get("/").content.decode()
    r = client.post("/language/", {"language": "en", "next": "/"})
    assert r.status_code == 302
    page = client.get("/").content.decode()
    assert "Dashboard" in page and "工作台" not in page
    users["admin"].refresh_from_db()
    assert users["admin"].language == "en"


def test_company_switcher(client, users, other_company):
    from ronghe.core.services import membership_set

    membership_set(company=other_company, user=users["admin"], is_admin=True)
    login(client, users["admin"])
    assert "另一家贸易有限公司" in client.get("/").content.decode()
    client.post("/company/switch/", {"company": other_company.pk})
    assert client.get("/partners/?role=customer").content.decode().count("/partners/") < 20  # empty company
    users["admin"].refresh_from_db()
    assert users["admin"].active_company == other_company


def test_partner_form_shows_errors_on_the_field_and_writes_nothing(client, users):
    login(client, users["wangfang"])
    before = Partner.objects.count()
    r = client.post(
        "/partners/new/?role=customer",
        {
            "kind": "organisation",
            "name": "表单测试有限公司",
            "is_customer": "on",
            "tax_id": "91350100M000100Y44",
            "email": "not-an-email",
            "credit_limit": "-5",
            "currency": "CNY",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert r.status_code == 422
    html = r.content.decode()
    assert "输入一个有效的 Email 地址。" in html
    assert Partner.objects.count() == before
    r = client.post(
        "/partners/new/?role=customer",
        {
            "kind": "organisation",
            "name": "表单测试有限公司",
            "is_customer": "on",
            "tax_id": "91350100M000100Y44",
            "credit_limit": "100",
            "currency": "CNY",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert (
        r.status_code == 422
        and "统一社会信用代码" in r.content.decode()
        and "is-invalid" in r.content.decode()
    )
    assert Partner.objects.count() == before
    r = client.post(
        "/partners/new/?role=customer",
        {
            "kind": "organisation",
            "name": "表单测试有限公司",
            "is_customer": "on",
            "tax_id": "91350100M000100Y43",
            "credit_limit": "100",
            "currency": "CNY",
            "owner": users["wangfang"].pk,
        },
    )
    assert r.status_code == 302
    created = Partner.objects.get(name="表单测试有限公司")
    assert created.owner == users["wangfang"] and created.code.startswith("P")


def test_product_form_negative_price(client, users):
    login(client, users["chenjing"])
    r = client.post(
        "/products/new/",
        {
            "code": "F-1",
            "name": "负价商品",
            "type": "goods",
            "uom": 1,
            "sale_price": "-3",
            "cost": "0",
            "vat_rate": "0.1300",
            "tracking": "none",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert r.status_code == 422 and "不能为负数" in r.content.decode()


def test_list_search_sort_and_pagination(client, users):
    login(client, users["admin"])
    r = client.get("/products/?sort=-sale_price&per_page=10")
    rows = r.context["rows"]
    prices = [row["obj"].sale_price for row in rows]
    assert prices == sorted(prices, reverse=True) and len(rows) == 10
    assert r.context["paginator"].count == 100
    r = client.get("/products/?q=交换机")
    assert all("交换机" in row["obj"].name for row in r.context["rows"]) and r.context["rows"]
    r = client.get("/products/?q=交换机", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="list-table")
    assert r.content.decode().lstrip().startswith('<div id="list-table">')


def test_dashboard_query_count(client, users, django_assert_max_num_queries):
    login(client, users["wangfang"])
    client.get("/")
    # a fixed number per card and per menu badge (approvals, unread mail), whatever the data
    with django_assert_max_num_queries(27):
        assert client.get("/").status_code == 200


def test_partner_list_query_count_does_not_grow_with_rows(client, users, django_assert_max_num_queries):
    login(client, users["admin"])
    with django_assert_max_num_queries(20):
        client.get("/partners/?role=customer&per_page=100")


def test_api_token_page_creates_and_revokes(client, users):
    login(client, users["wangfang"])
    r = client.post("/settings/tokens/", {"name": "ERP 对接"})
    assert 'id="new-token">rh_' in r.content.decode()
    token = users["wangfang"].api_tokens.get()
    client.post(f"/settings/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_history_link_for_admins_shows_who_changed_a_price(client, users, demo_company):
    from decimal import Decimal

    from ronghe.products.models import Product
    from ronghe.products.services import product_save

    product = Product.objects.filter(company=demo_company).first()
    client.force_login(users["chenjing"])
    assert (
        "/settings/audit/?model=products.product"
        not in client.get(f"/products/{product.pk}/").content.decode()
    )
    product_save(
        company=demo_company, actor=users["chenjing"], product=product, data={"sale_price": Decimal("999.99")}
    )
    login(client, users["admin"])
    page = client.get(f"/products/{product.pk}/").content.decode()
    url = f"/settings/audit/?model=products.product&amp;object_id={product.pk}"
    assert url in page
    r = client.get(f"/settings/audit/?model=products.product&object_id={product.pk}&field=sale_price")
    rows = [row["obj"] for row in r.context["rows"]]
    assert all("sale_price" in e.changes for e in rows) and len(rows) == 2  # created, then changed
    latest = rows[0]
    assert latest.action == "update" and latest.changes["sale_price"][1] == "999.99"
    assert latest.actor_name == "chenjing"


def test_inline_bank_account_form_reports_errors(client, users):
    p = Partner.objects.filter(owner=users["wangfang"], is_customer=True).first()
    login(client, users["wangfang"])
    r = client.post(
        f"/partners/{p.pk}/bank-accounts/",
        {"bank_name": "工行", "account_number": "12ab"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert "银行账号只能包含数字。" in r.content.decode()
    r = client.post(
        f"/partners/{p.pk}/bank-accounts/",
        {"bank_name": "工行", "account_number": "6222 0000 1111"},
        follow=True,
    )
    assert p.bank_accounts.filter(account_number="622200001111").exists()


def test_excel_exports_keep_formulas_inert(client, users, demo_company):
    """A partner named like a formula is exported as text, not as something Excel would run."""
    import io

    from openpyxl import load_workbook

    from ronghe.partners.models import Partner

    Partner.objects.create(
        company=demo_company, code="XSS-1", name='=HYPERLINK("http://evil.example","点我")', is_customer=True
    )
    Partner.objects.create(company=demo_company, code="XSS-2", name="@SUM(1+1)", is_customer=True)
    Partner.objects.create(company=demo_company, code="XSS-3", name="-2+3", is_customer=True)
    login(client, users["zhangwei"])
    r = client.get("/partners/?export=xlsx&q=XSS")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    names = [v for v in values if "HYPERLINK" in v or "SUM" in v or v.endswith("2+3")]
    expected = ['\'=HYPERLINK("http://evil.example","点我")', "'@SUM(1+1)", "'-2+3"]
    assert sorted(names) == sorted(expected)
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)
