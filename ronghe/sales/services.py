"""Sales services: quotation → order → delivery → invoice, through inventory's and accounting's services.

- Lines carry VAT per line (accounting's `tax.line_amounts`: 含税 or 不含税, rounded once per line).
- Confirming checks the discount against the company's limit and the customer's credit (open receivables +
  open orders + this order against the credit limit); either one sends the order to the approval engine
  instead, and the approval confirms it (`handlers.on_approval_decided`).
- Confirmation creates the delivery in inventory (reserving stock); each delivery move carries its order line
  (`sales.line:<id>`) so the delivered quantity follows the stock moves (`handlers.on_stock_move_done`).
- Invoicing by delivered or ordered quantity, several orders of one customer in one invoice; what a line has
  invoiced is read from the invoice lines that name it.
"""

import datetime
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.accounting.invoicing import credit_notes_for, invoice_create, invoice_post
from ronghe.accounting.models import DocState, Invoice, InvoiceLine
from ronghe.accounting.tax import priced_line
from ronghe.core.audit import audit_transition
from ronghe.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ronghe.core.events import publish
from ronghe.core.scoping import has_perm
from ronghe.core.services import sequence_next
from ronghe.core.transactions import service_transaction
from ronghe.inventory.models import Transfer, Warehouse
from ronghe.inventory.services import transfer_cancel, transfer_create

from .events import SalesOrderConfirmed
from .models import ZERO, SalesOrder, SalesOrderLine, SalesSettings
from .states import TRANSITIONS, ApprovalState, OrderState


def settings_for(company) -> SalesSettings:
    s, _created = SalesSettings.objects.get_or_create(company=company)
    return s


def _require(actor, company, perm):
    if actor is not None and not has_perm(actor, company, perm):
        raise PermissionDenied(_("You may not do this with sales orders."))


def _guard(order, action):
    allowed, _target = TRANSITIONS[action]
    if order.state not in allowed:
        raise InvalidTransition(
            _("Order %(number)s is %(state)s.") % {"number": order.number, "state": order.get_state_display()}
        )


def _clean_lines(company, lines: list[dict], included: bool, partner=None, on=None) -> list[SalesOrderLine]:
    errors: dict = {}
    if not lines:
        errors["lines"] = [_("Add at least one line.")]
    from .pricing import prices_for

    unpriced = [
        x["product"]
        for x in lines or []
        if x.get("product") is not None and x.get("unit_price") in (None, "")
    ]
    quantities = {}
    for x in lines or []:
        if x.get("product") is not None:
            try:
                quantities[x["product"].pk] = Decimal(str(x.get("quantity") or 0))
            except InvalidOperation:
                pass
    priced = (
        prices_for(
            company=company,
            partner=partner,
            products=unpriced,
            quantities=quantities,
            on=on or timezone.localdate(),
        )
        if unpriced
        else {}
    )
    out = []
    for i, data in enumerate(lines or []):
        p = f"lines.{i}."
        product = data.get("product")
        if product is None or product.company_id != company.pk:
            errors[p + "product"] = [_("Choose a product of this company.")]
        note = _("Entered by hand")
        if data.get("unit_price") in (None, "") and product is not None and product.pk in priced:
            data = {**data, "unit_price": priced[product.pk][0]}
            note = priced[product.pk][1]
        line = priced_line(
            data,
            p,
            errors,
            included=included,
            default_price=getattr(product, "sale_price", None),
            default_rate=getattr(product, "vat_rate", None),
        )
        if line is None:
            continue
        out.append(
            SalesOrderLine(
                seq=i + 1,
                product=product,
                description=(data.get("description") or product.name)[:200],
                quantity=line.quantity,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
                vat_rate=line.vat_rate,
                requested_date=data.get("requested_date"),
                price_note=str(note)[:200],
                amount_untaxed=line.amounts.untaxed,
                amount_tax=line.amounts.tax,
                amount_total=line.amounts.total,
            )
        )
    if errors:
        raise ValidationFailed(fields=errors)
    return out


def _totals(order, lines):
    order.amount_untaxed = sum((x.amount_untaxed for x in lines), ZERO)
    order.amount_tax = sum((x.amount_tax for x in lines), ZERO)
    order.amount_total = sum((x.amount_total for x in lines), ZERO)


@service_transaction
def order_create(
    *,
    company,
    actor,
    partner,
    lines: list[dict],
    warehouse: Warehouse | None = None,
    date: datetime.date | None = None,
    validity_date: datetime.date | None = None,
    price_includes_tax: bool = True,
    salesperson=None,
    reference: str = "",
    note: str = "",
) -> SalesOrder:
    """A quotation. `lines`: [{"product", "quantity", "unit_price"? (the product's price), "discount_percent"?,
    "vat_rate"? (the product's), "description"?, "requested_date"?}]."""
    _require(actor, company, "sales.add_salesorder")
    errors = {}
    if partner is None or partner.company_id != company.pk:
        errors["partner"] = [_("Choose a customer of this company.")]
    if warehouse is None:
        warehouse = Warehouse.objects.filter(company=company).order_by("pk").first()
    if warehouse is None or warehouse.company_id != company.pk:
        errors["warehouse"] = [_("Choose a warehouse of this company.")]
    if errors:
        raise ValidationFailed(fields=errors)
    date = date or timezone.localdate()
    clean = _clean_lines(company, lines, price_includes_tax, partner=partner, on=date)
    order = SalesOrder(
        company=company,
        created_by=actor,
        number=sequence_next(company=company, code="sales.order", on=date),
        partner=partner,
        salesperson=salesperson or actor,
        warehouse=warehouse,
        date=date,
        validity_date=validity_date,
        price_includes_tax=price_includes_tax,
        currency_id=company.currency_id,
        reference=(reference or "")[:80],
        note=note or "",
    )
    _totals(order, clean)
    order.save()
    for x in clean:
        x.order = order
    SalesOrderLine.objects.bulk_create(clean)
    return order


def _lock(order) -> SalesOrder:
    return (
        SalesOrder.objects.select_for_update(of=("self",))
        .select_related("company", "partner", "warehouse")
        .get(pk=getattr(order, "pk", order))
    )


@service_transaction
def order_update(*, order, actor, lines: list[dict] | None = None, **fields) -> SalesOrder:
    """Change a quotation; a decided or pending approval no longer applies to the changed terms."""
    o = _lock(order)
    _require(actor, o.company, "sales.change_salesorder")
    _guard(o, "edit")
    if o.approval_state == ApprovalState.PENDING:
        raise InvalidTransition(_("Order %(number)s is awaiting approval.") % {"number": o.number})
    for name in (
        "partner",
        "date",
        "validity_date",
        "reference",
        "note",
        "price_includes_tax",
        "salesperson",
    ):
        if name in fields:
            setattr(o, name, fields[name])
    if lines is not None:
        clean = _clean_lines(o.company, lines, o.price_includes_tax, partner=o.partner, on=o.date)
        o.lines.all().delete()
        for x in clean:
            x.order = o
        SalesOrderLine.objects.bulk_create(clean)
        _totals(o, clean)
    o.approval_state, o.approval_reason = ApprovalState.NONE, ""
    o.save()
    return o


@service_transaction
def order_send(*, order, actor) -> SalesOrder:
    o = _lock(order)
    _require(actor, o.company, "sales.change_salesorder")
    _guard(o, "send")
    audit_transition(o, action="send", from_state=o.state, to_state=OrderState.SENT)
    o.state = OrderState.SENT
    o.save(update_fields=["state", "updated_at"])
    return o


# --- credit and discount control ----------------------------------------------------------------------------


def open_receivable(company, partner) -> Decimal:
    """What the customer owes on posted invoices (credit notes and unallocated receipts deducted)."""
    inv = Invoice.objects.filter(
        company=company, partner=partner, kind=Invoice.Kind.SALE, state=DocState.POSTED, amount_open__gt=0
    )
    owed = inv.filter(is_refund=False).aggregate(s=Sum("amount_open_cny"))["s"] or ZERO
    credits = inv.filter(is_refund=True).aggregate(s=Sum("amount_open_cny"))["s"] or ZERO
    from ronghe.accounting.models import Payment

    advances = (
        Payment.objects.filter(
            company=company, partner=partner, kind=Payment.Kind.INBOUND, state=DocState.POSTED
        ).aggregate(s=Sum("amount_unallocated_cny"))["s"]
        or ZERO
    )
    return owed - credits - advances


def uninvoiced_orders(company, partner, exclude=None) -> Decimal:
    """The not yet invoiced part of the customer's confirmed orders (价税合计, pro rata of the quantity)."""
    lines = SalesOrderLine.objects.filter(
        order__company=company, order__partner=partner, order__state=OrderState.CONFIRMED
    ).select_related("order")
    if exclude is not None:
        lines = lines.exclude(order=exclude)
    lines = list(lines)
    invoiced = invoiced_quantities(lines)
    total = ZERO
    for x in lines:
        rest = x.quantity - invoiced.get(x.pk, Decimal(0))
        if rest > 0:
            total += (x.amount_total * rest / x.quantity).quantize(Decimal("0.01"))
    return total


def approval_reasons(order, lines=None) -> list[str]:
    s = settings_for(order.company)
    lines = lines if lines is not None else list(order.lines.all())
    reasons = []
    top = max((x.discount_percent for x in lines), default=ZERO)
    if top > s.discount_limit:
        reasons.append(
            _("Discount %(discount)s%% is above the %(limit)s%% allowed.")
            % {"discount": format(top.normalize(), "f"), "limit": format(s.discount_limit.normalize(), "f")}
        )
    limit = order.partner.credit_limit or ZERO
    if s.credit_control and limit > 0:
        exposure = open_receivable(order.company, order.partner) + uninvoiced_orders(
            order.company, order.partner, exclude=order
        )
        if exposure + order.amount_total > limit:
            reasons.append(
                _(
                    "Open receivables and orders %(exposure)s plus this order %(total)s exceed the credit limit %(limit)s."
                )
                % {"exposure": exposure, "total": order.amount_total, "limit": limit}
            )
    return reasons


@service_transaction
def order_confirm(*, order, actor) -> SalesOrder:
    """Confirm: within the discount limit and the credit limit (or approved), create the delivery and reserve
    stock. Otherwise the order goes to the approval engine and stays a quotation until it is decided."""
    o = _lock(order)
    _require(actor, o.company, "sales.change_salesorder")
    _guard(o, "confirm")
    if o.approval_state == ApprovalState.PENDING:
        raise InvalidTransition(_("Order %(number)s is awaiting approval.") % {"number": o.number})
    lines = list(o.lines.select_related("product__uom"))
    reasons = approval_reasons(o, lines)
    if reasons and o.approval_state != ApprovalState.APPROVED:
        from ronghe.workflow.services import request_submit

        o.approval_state, o.approval_reason = ApprovalState.PENDING, " ".join(reasons)[:200]
        o.save(update_fields=["approval_state", "approval_reason", "updated_at"])
        request_submit(target=o, initiator=actor)
        return o
    _confirm(o, lines, actor)
    return o


def _confirm(o: SalesOrder, lines, actor) -> None:
    stocked = [x for x in lines if x.product.type != "service"]
    if stocked:
        transfer_create(
            company=o.company,
            actor=actor,
            kind=Transfer.Kind.DELIVERY,
            warehouse=o.warehouse,
            partner=o.partner,
            origin=o.number,
            scheduled_date=min((x.requested_date for x in stocked if x.requested_date), default=None),
            lines=[{"product": x.product, "quantity": x.quantity, "origin": x.source} for x in stocked],
        )
    audit_transition(o, action="confirm", from_state=o.state, to_state=OrderState.CONFIRMED)
    o.state, o.confirmed_by, o.confirmed_at = OrderState.CONFIRMED, actor, timezone.now()
    o.save(update_fields=["state", "confirmed_by", "confirmed_at", "updated_at"])
    publish(
        SalesOrderConfirmed(
            order_id=o.pk, company_id=o.company_id, partner_id=o.partner_id, amount_total=o.amount_total
        )
    )


@service_transaction
def order_cancel(*, order, actor) -> SalesOrder:
    """Cancel a quotation, or an order nothing of which is delivered or invoiced (its delivery is cancelled)."""
    o = _lock(order)
    _require(actor, o.company, "sales.change_salesorder")
    _guard(o, "cancel")
    lines = list(o.lines.all())
    if any(x.qty_delivered for x in lines) or any(invoiced_quantities(lines).values()):
        raise InvalidTransition(
            _("Part of %(number)s is delivered or invoiced: return or credit it instead.")
            % {"number": o.number}
        )
    for t in deliveries(o).exclude(state__in=["done", "cancelled"]):
        transfer_cancel(transfer=t, actor=actor)
    audit_transition(o, action="cancel", from_state=o.state, to_state=OrderState.CANCELLED)
    o.state = OrderState.CANCELLED
    o.save(update_fields=["state", "updated_at"])
    return o


def deliveries(order):
    return Transfer.objects.filter(company=order.company_id, origin=order.number).order_by("pk")


# --- invoicing ----------------------------------------------------------------------------------------------


def invoiced_quantities(lines) -> dict[int, Decimal]:
    """Order line id → quantity on invoices that are not deleted (credit notes deducted)."""
    sources = {x.source: x.pk for x in lines}
    out: dict[int, Decimal] = defaultdict(lambda: Decimal(0))
    for row in (
        InvoiceLine.objects.filter(source__in=list(sources))
        .values("source", "invoice__is_refund")
        .annotate(q=Sum("quantity"))
    ):
        q = Decimal(row["q"] or 0)
        out[sources[row["source"]]] += -q if row["invoice__is_refund"] else q
    return out


@service_transaction
def order_invoice(*, orders, actor, basis: str = "delivered", post: bool = False, date=None) -> Invoice:
    """One customer invoice for what the orders (of one customer) have delivered (or ordered) and not invoiced
    yet. Posted at once with post=True."""
    orders = [_lock(o) for o in sorted(orders, key=lambda o: o.pk)]
    if not orders:
        raise ValidationFailed(fields={"orders": [_("Choose at least one order.")]})
    company, partner = orders[0].company, orders[0].partner
    for o in orders:
        _guard(o, "invoice")
        if o.partner_id != partner.pk:
            raise ValidationFailed(fields={"orders": [_("Invoice the orders of one customer at a time.")]})
    if len({o.price_includes_tax for o in orders}) > 1:
        raise ValidationFailed(fields={"orders": [_("The orders mix prices with and without VAT.")]})
    lines = list(
        SalesOrderLine.objects.filter(order__in=orders)
        .select_related("order", "product")
        .order_by("order", "seq")
    )
    invoiced = invoiced_quantities(lines)
    rows = []
    for x in lines:
        base = x.qty_delivered if basis == "delivered" and x.product.type != "service" else x.quantity
        qty = base - invoiced.get(x.pk, Decimal(0))
        if qty > 0:
            rows.append(
                {
                    "product": x.product,
                    "description": f"{x.order.number} {x.description}"[:200],
                    "quantity": qty,
                    "unit_price": x.unit_price,
                    "discount_percent": x.discount_percent,
                    "vat_rate": x.vat_rate,
                    "source": x.source,
                }
            )
    if not rows:
        raise ValidationFailed(
            fields={"orders": [_("Nothing to invoice: no delivered quantity is left to invoice.")]}
        )
    inv = invoice_create(
        company=company,
        actor=actor,
        kind=Invoice.Kind.SALE,
        partner=partner,
        date=date or timezone.localdate(),
        lines=rows,
        price_includes_tax=orders[0].price_includes_tax,
        reference=", ".join(o.number for o in orders)[:80],
        source=f"sales.order:{orders[0].pk}",
    )
    if post:
        inv = invoice_post(invoice=inv, actor=actor)
        if not inv.is_refund and deduct_down_payments(inv, orders, actor):
            inv.refresh_from_db()
    for o in orders:
        refresh_done(o)
    return inv


def refresh_done(order, lines=None) -> None:
    """A confirmed order whose lines are delivered and invoiced in full becomes done."""
    if order.state != OrderState.CONFIRMED:
        return
    lines = lines if lines is not None else list(order.lines.select_related("product"))
    if any(x.product.type != "service" and x.qty_delivered < x.quantity for x in lines):
        return  # not all delivered: no need to look at the invoices
    invoiced = invoiced_quantities(lines)
    if all(
        (x.product.type == "service" or x.qty_delivered >= x.quantity) and invoiced.get(x.pk, 0) >= x.quantity
        for x in lines
    ):
        audit_transition(order, action="done", from_state=order.state, to_state=OrderState.DONE)
        order.state = OrderState.DONE
        order.save(update_fields=["state", "updated_at"])


# --- customer returns (退货) and credit notes -------------------------------------------------------------


@service_transaction
def order_return(*, order, actor, quantities: dict) -> list[Transfer]:
    """Customer return of delivered goods: {order line id: quantity} → return transfers (one per delivery it
    came from) for the warehouse to receive. The delivered quantity drops when they are received."""
    o = _lock(order)
    _require(actor, o.company, "sales.change_salesorder")
    if o.state not in (OrderState.CONFIRMED, OrderState.DONE):
        raise InvalidTransition(_("Only confirmed orders take returns."))
    from ronghe.inventory.services import return_order_lines

    return return_order_lines(
        actor=actor,
        lines={x.pk: x for x in o.lines.all()},
        quantities=quantities,
        returnable=lambda x: x.qty_delivered,
    )


@service_transaction
def order_credit(*, order, actor, post: bool = False, date=None) -> list[Invoice]:
    """Credit notes (红字发票) for what was invoiced beyond what is now delivered (returned goods), one per
    invoice the quantities came from."""
    o = _lock(order)
    if o.state not in (OrderState.CONFIRMED, OrderState.DONE):
        raise InvalidTransition(_("Only confirmed orders can be credited."))
    lines = list(o.lines.select_related("product"))
    invoiced = invoiced_quantities(lines)
    items = [
        {
            "source": x.source,
            "product": x.product,
            "description": f"{o.number} {x.description}"[:200],
            "quantity": invoiced.get(x.pk, Decimal(0)) - x.qty_delivered,
        }
        for x in lines
        if x.product.type != "service" and invoiced.get(x.pk, Decimal(0)) > x.qty_delivered
    ]
    return credit_notes_for(
        company=o.company,
        actor=actor,
        partner=o.partner,
        kind=Invoice.Kind.SALE,
        items=items,
        reference=o.number,
        source=f"sales.order:{o.pk}",
        date=date,
        post=post,
    )


# --- available to promise -------------------------------------------------------------------------------------


def ship_dates(order, lines=None) -> dict[int, datetime.date | None]:
    """Order line id → the date its open quantity can ship (available-to-promise): today when on hand and free
    or already reserved for it, the expected receipt date that covers it, or None when nothing covers it."""
    from ronghe.inventory.models import StockMove
    from ronghe.inventory.selectors import availability_dates

    lines = lines if lines is not None else selectors_lines(order)
    today = timezone.localdate()
    reserved = {}
    if order.state == OrderState.CONFIRMED:
        for origin, r in (
            StockMove.objects.filter(origin__in=[x.source for x in lines], state__in=["waiting", "reserved"])
            .values("origin")
            .annotate(r=Sum("reserved_qty"))
            .values_list("origin", "r")
        ):
            reserved[origin] = r or Decimal(0)
    out, demands, keys = {}, [], []
    for x in lines:
        if x.product.type == "service" or order.state in (OrderState.DONE, OrderState.CANCELLED):
            continue
        open_qty = x.quantity - x.qty_delivered - reserved.get(x.source, Decimal(0))
        if open_qty <= 0:
            out[x.pk] = today
        else:
            demands.append((x.product_id, open_qty))
            keys.append(x.pk)
    for pk, day in zip(
        keys,
        availability_dates(company=order.company, demands=demands, warehouse=order.warehouse, today=today),
        strict=True,
    ):
        out[pk] = day
    return out


def selectors_lines(order):
    return list(order.lines.select_related("product").order_by("seq"))


# --- down payments (预收款) -------------------------------------------------------------------------------------


@service_transaction
def order_down_payment(*, order, actor, amount, bank_account, date=None):
    """A down payment received for the order: a posted receipt kept as 预收账款 (advance from the customer),
    referencing the order, and deducted from the order's invoices when they post."""
    from ronghe.accounting.payments import payment_create, payment_post

    o = _lock(order)
    if o.state not in (OrderState.DRAFT, OrderState.SENT, OrderState.CONFIRMED):
        raise InvalidTransition(_("Order %(number)s takes no more down payments.") % {"number": o.number})
    pay = payment_create(
        company=o.company,
        actor=actor,
        kind="inbound",
        partner=o.partner,
        date=date or timezone.localdate(),
        bank_account=bank_account,
        amount=amount,
        reference=o.number,
        note=_("Down payment for %(number)s") % {"number": o.number},
    )
    return payment_post(payment=pay, actor=actor)


def deduct_down_payments(invoice, orders, actor) -> list:
    """Allocate the orders' unallocated down payments (receipts referencing them) to a posted invoice."""
    from ronghe.accounting.models import Payment
    from ronghe.accounting.payments import payment_allocate

    allocations = []
    for pay in Payment.objects.filter(
        company=invoice.company_id,
        partner=invoice.partner_id,
        kind="inbound",
        state="posted",
        amount_unallocated__gt=0,
        reference__in=[o.number for o in orders],
        currency=invoice.currency_id,
    ).order_by("date", "pk"):
        invoice.refresh_from_db(fields=["amount_open", "amount_open_cny"])
        if invoice.amount_open <= 0:
            break
        amount = min(pay.amount_unallocated, invoice.amount_open)
        allocations.append(
            payment_allocate(payment=pay, invoice=invoice, actor=actor, amount=amount, date=invoice.date)
        )
    return allocations
