"""The order list APIs of sales and purchasing answer a page in a constant number of statements, however many
orders, lines and deliveries it holds (no statement per order), and still name each order's transfers."""

import pytest

from ronghe.core.services import api_token_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "ids_field", "model_path"),
    [
        ("/api/v1/sales/orders?limit=50", "delivery_ids", "ronghe.sales.models.SalesOrder"),
        ("/api/v1/purchasing/orders?limit=50", "receipt_ids", "ronghe.purchasing.models.PurchaseOrder"),
    ],
)
def test_a_page_of_orders_is_a_fixed_number_of_statements(
    client, users, demo_company, url, ids_field, model_path, django_assert_max_num_queries
):
    from django.utils.module_loading import import_string

    from ronghe.inventory.models import Transfer

    model = import_string(model_path)
    token = api_token_create(user=users["admin"], name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    client.get("/api/v1/core/me", **auth)  # the first use of a token is audited
    orders = list(model.objects.filter(company=demo_company))
    assert len(orders) >= 3  # the demo has enough orders for the test to mean something
    with django_assert_max_num_queries(10):  # auth 5, count, page, lines, products, transfers
        r = client.get(url, **auth)
    assert r.status_code == 200
    items = r.json()["items"]
    assert len(items) == min(50, len(orders))
    for item in items:
        number = item["number"]
        expected = list(
            Transfer.objects.filter(company=demo_company, origin=number)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        assert item[ids_field] == expected, number
        assert [x["seq"] for x in item["lines"]] == sorted(x["seq"] for x in item["lines"])
    assert any(item[ids_field] for item in items)
