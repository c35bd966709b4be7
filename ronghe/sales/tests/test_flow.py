"""Quote to cash through the services, with stock, values, vouchers and receivables asserted at each step:
quotation with a large discount → approval by the sales manager → confirmed (delivery reserved) → partial
delivery → backorder delivered → invoice posted → partial receipt → full receipt."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.accounting.models import BankAccount, Voucher
from ronghe.accounting.payments import payment_create, payment_post
from ronghe.core.errors import InvalidTransition, ValidationFailed
from ronghe.inventory.models import Quant, Transfer, Warehouse
from ronghe.inventory.services import transfer_create, transfer_validate
from ronghe.inventory.tests.test_services import product
from ronghe.partners.models import Partner
from ronghe.sales import services
from ronghe.sales.models import SalesOrder
from ronghe.workflow.models import ApprovalTask
from ronghe.workflow.services import flow_save, task_approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(demo_company, users):
    co = demo_company
    wh = Warehouse.objects.filter(company=co).order_by("pk").first()
    p = product(co, cost="100")
    p.sale_price = D("226.00")
    p.save(update_fields=["sale_price"])
    r = transfer_create(
        company=co,
        actor=users["zhaolei"],
        kind=Transfer.Kind.RECEIPT,
        warehouse=wh,
        lines=[{"product": p, "quantity": 20, "price_unit": "100"}],
    )
    transfer_validate(transfer=r, actor=users["zhaolei"])
    customer = Partner.objects.create(
        company=co, code="SALE-C1", name="华南电子有限公司", is_customer=True, owner=users["wangfang"]
    )
    flow_save(
        company=co,
        actor=users["admin"],
        approvable_type="sales.order",
        name="销售订单审批",
        spec={
            "branches": [
                {
                    "name": "默认",
                    "conditions": [],
                    "nodes": [
                        {
                            "key": "mgr",
                            "name": "销售经理审批",
                            "kind": "approve",
                            "mode": "sequential",
                            "approvers": {"rule": "role", "role": "sales_manager"},
                        },
                    ],
                }
            ]
        },
    )
    return co, wh, p, customer


def on_hand(p, wh):
    return sum(q.quantity for q in Quant.objects.filter(product=p, location=wh.stock_location))


def test_quote_to_cash(shop, users):
    co, wh, p, customer = shop
    sales, manager, keeper, accountant, cashier = (
        users[u] for u in ("wangfang", "lina", "zhaolei", "sunli", "zhoumin")
    )
    order = services.order_create(
        company=co,
        actor=sales,
        partner=customer,
        lines=[{"product": p, "quantity": 10, "discount_percent": "15"}],
    )
    assert order.number.startswith("SO") and order.state == "draft"
    # 226 × 10 × 0.85 = 1,921.00 含税: 1,700.00 + 221.00
    assert (order.amount_untaxed, order.amount_tax, order.amount_total) == (
        D("1700.00"),
        D("221.00"),
        D("1921.00"),
    )

    order = services.order_confirm(order=order, actor=sales)
    assert (order.state, order.approval_state) == ("draft", "pending") and "15" in order.approval_reason
    assert not services.deliveries(order).exists()
    with pytest.raises(InvalidTransition):
        services.order_confirm(order=order, actor=sales)
    task = ApprovalTask.objects.get(
        request__approvable_type="sales.order", request__target_id=order.pk, assignee=manager, state="pending"
    )
    task_approve(task=task, actor=manager, comment="老客户，同意")
    order.refresh_from_db()
    assert (order.state, order.approval_state, order.confirmed_by) == ("confirmed", "approved", sales)
    delivery = services.deliveries(order).get()
    assert (delivery.kind, delivery.state, delivery.origin) == ("delivery", "reserved", order.number)
    reserved = sum(q.reserved for q in Quant.objects.filter(product=p, location=wh.stock_location))
    assert on_hand(p, wh) == 20 and reserved == 10

    move = delivery.moves.get()
    transfer_validate(transfer=delivery, actor=keeper, quantities={move.pk: 6})
    line = order.lines.get()
    assert line.qty_delivered == 6 and on_hand(p, wh) == 14
    stock_v = Voucher.objects.get(company=co, source=f"stock.move:{move.pk}")
    assert stock_v.total_debit == D("600.00")  # 6 × 100 to 主营业务成本
    backorder = Transfer.objects.get(backorder_of=delivery)
    transfer_validate(transfer=backorder, actor=keeper)
    line.refresh_from_db()
    assert line.qty_delivered == 10 and on_hand(p, wh) == 10

    inv = services.order_invoice(orders=[order], actor=accountant, post=True)
    assert (inv.state, inv.amount_total, inv.amount_open) == ("posted", D("1921.00"), D("1921.00"))
    assert [(x.account.code, x.debit, x.credit) for x in inv.voucher.lines.select_related("account")] == [
        ("1122", D("1921.00"), D("0")),
        ("5001", D("0"), D("1700.00")),
        ("22210102", D("0"), D("221.00")),
    ]
    order.refresh_from_db()
    assert order.state == "done"
    with pytest.raises(InvalidTransition):  # nothing left to invoice on a done order
        services.order_invoice(orders=[order], actor=accountant)
    assert services.open_receivable(co, customer) == D("1921.00")

    bank = BankAccount.objects.get(company=co, account__code="1002")
    for amount, left in (("1000.00", D("921.00")), ("921.00", D("0"))):
        pay = payment_create(
            company=co,
            actor=cashier,
            kind="inbound",
            partner=customer,
            date=timezone.localdate(),
            bank_account=bank,
            amount=amount,
            allocations=[{"invoice": inv, "amount": amount}],
        )
        payment_post(payment=pay, actor=cashier)
        inv.refresh_from_db()
        assert inv.amount_open == left
        assert services.open_receivable(co, customer) == left


def test_credit_limit_sends_the_order_to_approval_and_rejection_keeps_it_a_quotation(shop, users):
    co, wh, p, customer = shop
    sales, manager = users["wangfang"], users["lina"]
    customer.credit_limit = D("1000.00")
    customer.save(update_fields=["credit_limit"])
    order = services.order_create(
        company=co, actor=sales, partner=customer, lines=[{"product": p, "quantity": 5}]
    )
    assert order.amount_total == D("1130.00")
    order = services.order_confirm(order=order, actor=sales)
    assert order.approval_state == "pending" and "1000" in order.approval_reason
    from ronghe.workflow.services import task_reject

    task = ApprovalTask.objects.get(
        request__approvable_type="sales.order", request__target_id=order.pk, assignee=manager, state="pending"
    )
    task_reject(task=task, actor=manager, comment="超信用额度")
    order.refresh_from_db()
    assert (order.state, order.approval_state) == ("draft", "rejected")
    assert not services.deliveries(order).exists()
    # a smaller quotation within the limit confirms at once
    order = services.order_update(order=order, actor=sales, lines=[{"product": p, "quantity": 4}])
    order = services.order_confirm(order=order, actor=sales)
    assert order.state == "confirmed" and services.deliveries(order).get().moves.get().quantity == 4
    # the confirmed order now counts against the limit
    second = services.order_create(
        company=co, actor=sales, partner=customer, lines=[{"product": p, "quantity": 1}]
    )
    assert services.approval_reasons(second)


def test_bad_input_and_cancel(shop, users):
    co, wh, p, customer = shop
    sales = users["wangfang"]
    with pytest.raises(ValidationFailed) as e:
        services.order_create(
            company=co,
            actor=sales,
            partner=customer,
            lines=[{"product": p, "quantity": 0}, {"product": p, "quantity": 1, "discount_percent": 100}],
        )
    assert {"lines.0.quantity", "lines.1.discount_percent"} <= set(e.value.fields)
    assert not SalesOrder.objects.filter(partner=customer).exists()
    order = services.order_create(
        company=co, actor=sales, partner=customer, lines=[{"product": p, "quantity": 2}]
    )
    order = services.order_confirm(order=order, actor=sales)
    assert on_hand(p, wh) == 20
    services.order_cancel(order=order, actor=sales)
    order.refresh_from_db()
    assert order.state == "cancelled" and services.deliveries(order).get().state == "cancelled"


def test_customer_return_with_credit_note(shop, users):
    co, wh, p, customer = shop
    sales, keeper, accountant = users["wangfang"], users["zhaolei"], users["sunli"]
    order = services.order_confirm(
        order=services.order_create(
            company=co, actor=sales, partner=customer, lines=[{"product": p, "quantity": 5}]
        ),
        actor=sales,
    )
    transfer_validate(transfer=services.deliveries(order).get(), actor=keeper)
    inv = services.order_invoice(orders=[order], actor=accountant, post=True)
    assert inv.amount_total == D("1130.00") and on_hand(p, wh) == 15
    line = order.lines.get()
    with pytest.raises(ValidationFailed):
        services.order_return(order=order, actor=sales, quantities={line.pk: 6})
    (ret,) = services.order_return(order=order, actor=sales, quantities={line.pk: 2})
    assert ret.kind == "return_in"
    transfer_validate(transfer=ret, actor=keeper)
    line.refresh_from_db()
    assert line.qty_delivered == 3 and on_hand(p, wh) == 17
    ret_move = ret.moves.get()
    assert Voucher.objects.get(company=co, source=f"stock.move:{ret_move.pk}").total_debit == D("200.00")
    (note,) = services.order_credit(order=order, actor=accountant, post=True)
    assert (note.is_refund, note.refund_of, note.amount_total) == (True, inv, D("452.00"))
    assert [(x.account.code, x.debit, x.credit) for x in note.voucher.lines.select_related("account")] == [
        ("1122", D("-452.00"), D("0")),
        ("5001", D("0"), D("-400.00")),
        ("22210102", D("0"), D("-52.00")),
    ]
    inv.refresh_from_db()
    assert inv.amount_open == D("678.00") and services.open_receivable(co, customer) == D("678.00")
    assert services.invoiced_quantities([line])[line.pk] == 3
    with pytest.raises(ValidationFailed):  # credited already
        services.order_credit(order=order, actor=accountant)
    from ronghe.sales.reports import sales_analysis

    today = timezone.localdate()
    rows = sales_analysis(company=co, group_by="customer", date_from=today, date_to=today)["rows"]
    row = next(r for r in rows if r["key"] == customer.name)
    assert (row["quantity"], row["revenue"], row["cost"], row["margin"]) == (
        3,
        D("600.00"),
        D("300.00"),
        D("300.00"),
    )


def test_down_payment_is_deducted_from_the_final_invoice(shop, users):
    co, wh, p, customer = shop
    sales, keeper, accountant = users["wangfang"], users["zhaolei"], users["sunli"]
    bank = BankAccount.objects.get(company=co, account__code="1002")
    order = services.order_confirm(
        order=services.order_create(
            company=co, actor=sales, partner=customer, lines=[{"product": p, "quantity": 5}]
        ),
        actor=sales,
    )
    down = services.order_down_payment(order=order, actor=accountant, amount="500.00", bank_account=bank)
    assert [(x.account.code, x.debit, x.credit) for x in down.voucher.lines.select_related("account")] == [
        ("1002", D("500.00"), D("0")),
        ("2203", D("0"), D("500.00")),
    ]
    assert services.open_receivable(co, customer) == D(
        "-500.00"
    )  # an advance counts against the credit limit
    transfer_validate(transfer=services.deliveries(order).get(), actor=keeper)
    inv = services.order_invoice(orders=[order], actor=accountant, post=True)
    assert (inv.amount_total, inv.amount_open) == (D("1130.00"), D("630.00"))
    down.refresh_from_db()
    assert down.amount_unallocated == 0
    alloc = down.allocations.get()
    assert [(x.account.code, x.debit, x.credit) for x in alloc.voucher.lines.select_related("account")] == [
        ("2203", D("500.00"), D("0")),
        ("1122", D("0"), D("500.00")),
    ]
