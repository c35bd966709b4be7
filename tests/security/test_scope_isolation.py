"""Security suite (issue 8): inside one company, a user whose data scope is narrower than the record's — 刘洋, a
salesperson who sees his own customers and orders, and no accounting, stock or purchasing — opens every route
that takes a record id (discovered from the URL configuration and the OpenAPI document) with the ids of records
he must not see, and reads every list and Excel export of the modules he may use: he gets 404/403 or nothing.

Every id route must be classified in ROUTES (which records it shows) or in OPEN (why any member may see it), so
a new route cannot slip past this test unclassified."""

import io
import re

import pytest

from tests.security.test_forms_and_markup import EXEMPT, _routes

pytestmark = pytest.mark.django_db

ACTOR, PEER = "liuyang", "wangfang"

# route pattern (page routes as in the URL conf, API paths as in the OpenAPI document) → kind of record
ROUTES = {
    r"^partners/<int:pk>/": "partner",
    r"^/api/v1/partners/partners/\{partner_id\}": "partner",
    r"^timeline/<str:label>/<int:pk>/": "timeline",
    r"^/api/v1/timeline/\{model\}/\{record_id\}/": "timeline",
    r"^timeline/activity/<int:pk>/": "activity",
    r"^/api/v1/timeline/activities/\{activity_id\}": "activity",
    r"^timeline/attachment/<int:pk>/": "attachment",
    r"^approvals/requests/<int:pk>/": "approval",
    r"^/api/v1/approvals/requests/\{request_id\}": "approval",
    r"^approvals/deputies/<int:pk>/": "delegation",
    r"^messaging/<int:pk>/": "mail",
    r"^/api/v1/messaging/mail/\{mail_id\}": "mail",
    r"^messaging/announcements/<int:pk>/<str:action>/": "announcement",
    r"^/api/v1/messaging/announcements/\{ann_id\}/stats": "announcement",
    r"^documents/folders/<int:pk>/": "folder",
    r"^/api/v1/documents/folders/\{folder_id\}/": "folder",
    r"^documents/<int:pk>/": "document",
    r"^/api/v1/documents/\{doc_id\}": "document",
    r"^meetings/<int:pk>/": "meeting",
    r"^/api/v1/meetings/\{meeting_id\}": "meeting",
    r"^forms/requests/<int:pk>/": "form",
    r"^/api/v1/forms/requests/\{request_id\}": "form",
    r"^inventory/transfers/<int:pk>/": "transfer",
    r"^/api/v1/inventory/transfers/\{transfer_id\}": "transfer",
    r"^inventory/counts/<int:pk>/": "count",
    r"^/api/v1/inventory/counts/\{count_id\}": "count",
    r"^inventory/lots/<int:pk>/": "lot",
    r"^/api/v1/inventory/lots/\{lot_id\}/": "lot",
    r"^/api/v1/inventory/stock/\{product_id\}": "product_stock",
    r"^accounting/vouchers/<int:pk>/": "voucher",
    r"^/api/v1/accounting/vouchers/\{voucher_id\}": "voucher",
    r"^accounting/periods/<int:pk>/": "period",
    r"^accounting/invoices/<int:pk>/": "invoice",
    r"^/api/v1/accounting/invoices/\{invoice_id\}": "invoice",
    r"^accounting/payments/<int:pk>/": "payment",
    r"^/api/v1/accounting/payments/\{payment_id\}": "payment",
    r"^accounting/bank-accounts/<int:pk>/": "bank_account",
    r"^/api/v1/accounting/bank-accounts/\{bank_account_id\}/": "bank_account",
    r"^sales/orders/<int:pk>/": "sales_order",
    r"^/api/v1/sales/orders/\{order_id\}": "sales_order",
    r"^crm/opportunities/<int:pk>/": "opportunity",
    r"^crm/leads/<int:pk>/": "lead",
    r"^crm/teams/<int:pk>/": "team",
    r"^crm/pool/<int:pk>/": "partner",
    r"^purchasing/prices/<int:pk>/": "supplier_price",
    r"^purchasing/orders/<int:pk>/": "purchase_order",
    r"^/api/v1/purchasing/orders/\{order_id\}": "purchase_order",
    r"^settings/tokens/<int:pk>/": "token",
    r"^org/departments/<int:pk>/edit/": "department_edit",
    r"^org/employees/<int:pk>/edit/": "employee_edit",
    r"^partners/<int:pk>/(edit|archive|merge|bank-accounts|addresses)/": "partner",
    r"^products/<int:pk>/edit/": "product_edit",
}

# id routes every member of the company may open, and why
OPEN = {
    r"^/api/v1/core/users/\{user_id\}": "the company's people directory",
    r"^org/departments/<int:pk>/$": "the organisation chart",
    r"^/api/v1/org/departments/\{dept_id\}": "the organisation chart",
    r"^org/employees/<int:pk>/$": "the people directory (contact card; pay is not on it)",
    r"^/api/v1/org/employees/\{emp_id\}": "the people directory (contact card; pay is not on it)",
    r"^products/<int:pk>/$": "the product catalogue",
    r"^/api/v1/products/products/\{product_id\}": "the product catalogue",
    r"^messaging/announcements/<int:pk>/$": "announcements reach their audience (checked in messaging tests)",
    r"^approvals/flows/": "flow definitions, by document type (not records)",
    r"^forms/new/|^forms/templates/": "form templates, by code (not records)",
    r"^documents/s/|^meetings/feed/|^crm/webform/": "public links with a secret token",
}


def _hidden(company, users) -> dict[str, list]:
    """Ids (or (label, id) for the timeline) of records 刘洋 must not see."""
    from django.db.models import Q

    from ronghe.accounting.models import BankAccount, Invoice, Payment, Period, Voucher
    from ronghe.core.models import ApiToken
    from ronghe.crm.models import Lead, Opportunity, SalesTeam
    from ronghe.documents.access import levels
    from ronghe.documents.models import Document, Folder
    from ronghe.inventory.models import Lot, StockCount, Transfer
    from ronghe.meetings.models import Meeting
    from ronghe.messaging.models import Announcement, Mail
    from ronghe.oaforms.models import FormRequest
    from ronghe.org.models import Department, Employee
    from ronghe.partners.models import Partner
    from ronghe.products.models import Product
    from ronghe.purchasing.models import PurchaseOrder, SupplierPrice
    from ronghe.sales.models import SalesOrder
    from ronghe.timeline.models import Activity, Attachment
    from ronghe.workflow.models import ApprovalRequest, Delegation

    me, peer = users[ACTOR], users[PEER]

    def ids(qs, n=3):
        return list(qs.order_by("pk").values_list("pk", flat=True)[:n])

    partners = ids(Partner.objects.filter(company=company, owner=peer, is_customer=True))
    orders = ids(SalesOrder.objects.filter(company=company, salesperson=peer))
    mine_level = levels(me, company)
    approvals = (
        ApprovalRequest.objects.filter(company=company).exclude(initiator=me).exclude(tasks__assignee=me)
    )
    return {
        "partner": partners,
        "sales_order": orders,
        "opportunity": ids(Opportunity.objects.filter(company=company, owner=peer)),
        "lead": ids(Lead.objects.filter(company=company, owner=peer)),
        "timeline": [("partners.partner", pk) for pk in partners]
        + [("sales.salesorder", pk) for pk in orders],
        "activity": ids(Activity.objects.filter(company=company, assignee=peer)),
        "attachment": ids(
            Attachment.objects.filter(
                Q(content_type__model="salesorder", object_id__in=orders)
                | Q(content_type__model="partner", object_id__in=partners)
            )
        ),
        "approval": ids(approvals),
        "delegation": ids(Delegation.objects.filter(company=company).exclude(user=me)),
        "mail": ids(Mail.objects.filter(company=company).exclude(boxes__user=me).exclude(sender=me)),
        "announcement": ids(Announcement.objects.filter(company=company).exclude(published_by=me)),
        "folder": ids(Folder.objects.filter(company=company).exclude(pk__in=list(mine_level))),
        "document": ids(Document.objects.filter(company=company).exclude(folder_id__in=list(mine_level))),
        "meeting": ids(
            Meeting.objects.filter(company=company).exclude(organizer=me).exclude(attendees__user=me)
        ),
        "form": ids(FormRequest.objects.filter(company=company).exclude(created_by=me)),
        "transfer": ids(Transfer.objects.filter(company=company)),
        "count": ids(StockCount.objects.filter(company=company)),
        "lot": ids(Lot.objects.filter(company=company)),
        "product_stock": ids(Product.objects.filter(company=company)),
        "voucher": ids(Voucher.objects.filter(company=company)),
        "period": ids(Period.objects.filter(company=company)),
        "invoice": ids(Invoice.objects.filter(company=company)),
        "payment": ids(Payment.objects.filter(company=company)),
        "bank_account": ids(BankAccount.objects.filter(company=company)),
        "team": ids(SalesTeam.objects.filter(company=company)),
        "supplier_price": ids(SupplierPrice.objects.filter(company=company)),
        "purchase_order": ids(PurchaseOrder.objects.filter(company=company)),
        "token": ids(ApiToken.objects.exclude(user=me)),
        "department_edit": ids(Department.objects.filter(company=company)),
        "employee_edit": ids(Employee.objects.filter(company=company).exclude(user=me)),
        "product_edit": ids(Product.objects.filter(company=company)),
    }


@pytest.fixture
def peer_records(demo_company, users):
    """Records of kinds the demo has none of yet: a token, a deputy, an attachment and a stock count of others."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from ronghe.core.services import api_token_create
    from ronghe.inventory.counts import count_create
    from ronghe.inventory.models import Warehouse
    from ronghe.sales.models import SalesOrder
    from ronghe.timeline.services import attachment_add
    from ronghe.workflow.services import delegation_save

    peer = users[PEER]
    api_token_create(user=peer, name="peer")
    today = datetime.date.today()
    delegation_save(company=demo_company, actor=peer, deputy=users["lina"], start_date=today, end_date=today)
    order = SalesOrder.objects.filter(company=demo_company, salesperson=peer).order_by("pk").first()
    attachment_add(
        record=order, actor=peer, file=SimpleUploadedFile("合同.txt", "王芳的合同".encode(), "text/plain")
    )
    count_create(
        company=demo_company,
        actor=users["zhaolei"],
        warehouse=Warehouse.objects.filter(company=demo_company).first(),
    )


def _api_routes(client):
    schema = client.get("/api/v1/openapi.json").json()
    return [p for p, ops in schema["paths"].items() if "get" in ops and "{" in p]


def _classify(route):
    for pattern, kind in ROUTES.items():
        if re.match(pattern, route):
            return kind
    for pattern in OPEN:
        if re.match(pattern, route):
            return None
    raise AssertionError(f"unclassified id route {route}: add it to ROUTES or OPEN")


def _fill(route, value):
    """A concrete URL: the first id (or model label + id) is the hidden record, any further id is 1."""
    label, pk = value if isinstance(value, tuple) else ("x", value)
    url = route
    if route.startswith("/api/"):
        url = url.replace("{model}", label)
        url = re.sub(r"\{[a-z_]+\}", str(pk), url, count=1)
        return re.sub(r"\{[a-z_]+\}", "1", url)
    url = url.replace("<str:label>", label)
    url = re.sub(r"<int:[^>]+>", str(pk), url, count=1)
    url = re.sub(r"<int:[^>]+>", "1", url)
    return "/" + re.sub(r"<(?:str:|slug:)?[^>]+>", "x", url).replace("\\Z", "")


def _shows_nothing(r) -> bool:
    if r.status_code in (302, 400, 403, 404, 405, 422):  # refused, or an error about the request itself
        return True
    if r.status_code != 200:
        return False
    try:
        data = r.json()
    except ValueError:
        return False
    return data in ([], {}) or (isinstance(data, dict) and data.get("items") == [])


def test_a_narrower_scope_opens_no_hidden_record_by_id(client, demo_company, users, peer_records):
    from ronghe.core.services import api_token_create

    hidden = _hidden(demo_company, users)
    token = api_token_create(user=users[ACTOR], name="scope")[1]
    client.force_login(users[ACTOR])
    page_routes = sorted(
        r for r in set(_routes()) if "<int:" in r and not any(re.match(e, r) for e in EXEMPT)
    )
    routes = page_routes + _api_routes(client)
    leaks, checked, kinds = [], 0, set()
    for route in routes:
        kind = _classify(route)
        if kind is None:
            continue
        kinds.add(kind)
        for value in hidden[kind][:2]:
            url = _fill(route, value)
            r = (
                client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
                if url.startswith("/api/")
                else client.get(url)
            )
            checked += 1
            if not _shows_nothing(r):
                leaks.append(f"{url} → {r.status_code}")
    empty = sorted(k for k in kinds if not hidden[k])
    assert not empty, f"no hidden demo records of kind {empty}: the test would check nothing there"
    assert checked > 150
    assert leaks == []


def test_lists_and_exports_of_a_narrower_scope_hold_only_what_it_may_see(client, demo_company, users):
    from openpyxl import load_workbook

    from ronghe.core.services import api_token_create
    from ronghe.partners.models import Partner
    from ronghe.sales.models import SalesOrder

    hidden = _hidden(demo_company, users)
    token = api_token_create(user=users[ACTOR], name="scope")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    hidden_partners = set(Partner.objects.filter(pk__in=hidden["partner"]).values_list("name", flat=True))
    hidden_orders = set(
        SalesOrder.objects.filter(pk__in=hidden["sales_order"]).values_list("number", flat=True)
    )
    assert hidden_partners and hidden_orders
    lists = {
        "/api/v1/partners/partners?limit=200": ("partner", "id"),
        "/api/v1/sales/orders?limit=200": ("sales_order", "id"),
        "/api/v1/crm/opportunities?limit=200": ("opportunity", "id"),
        "/api/v1/crm/leads?limit=200": ("lead", "id"),
        "/api/v1/approvals/requests?limit=200": ("approval", "id"),
        "/api/v1/messaging/mail?folder=inbox&limit=200": ("mail", "mail.id"),
        "/api/v1/messaging/mail?folder=sent&limit=200": ("mail", "mail.id"),
    }
    for url, (kind, key) in lists.items():
        r = client.get(url, **auth)
        assert r.status_code == 200, (url, r.status_code)
        data = r.json()
        items = data["items"] if isinstance(data, dict) else data
        seen = {item[key] if "." not in key else item["mail"]["id"] for item in items}
        assert not seen & set(hidden[kind]), (url, seen & set(hidden[kind]))
    for url in ("/api/v1/accounting/vouchers", "/api/v1/inventory/transfers", "/api/v1/purchasing/orders"):
        r = client.get(url, **auth)
        assert r.status_code in (403, 404), (url, r.status_code)

    client.force_login(users[ACTOR])
    for url, hidden_texts in {
        "/partners/?export=xlsx": hidden_partners,
        "/sales/orders/?export=xlsx": hidden_orders,
    }.items():
        r = client.get(url)
        assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats"), url
        sheet = load_workbook(io.BytesIO(r.content)).active
        cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
        assert sheet.max_row > 1, f"{url}: 刘洋's own records are missing from the export"
        assert not cells & hidden_texts, (url, cells & hidden_texts)
    for url in (
        "/accounting/vouchers/?export=xlsx",
        "/inventory/transfers/?export=xlsx",
        "/purchasing/orders/?export=xlsx",
    ):
        assert client.get(url).status_code in (403, 404), url
