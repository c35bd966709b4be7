"""Purchasing services: purchase order → (approval above the company's amount) → receipt → supplier bill with
the three-way match → payment, through inventory's and accounting's services.

- Confirming an order above `approval_amount` sends it to the approval engine; approved, it confirms.
- Confirmation creates the receipt in inventory; each move names its order line (`purchasing.line:<id>`) and
  carries the net unit price, so the received quantity and the stock value follow the moves.
- Bills come from the orders (billing received quantities). Before a bill posts, its lines are matched against
  what was ordered and received: more billed than received, or a price off by more than the tolerance, blocks
  posting (accounting asks the guard registered here) until the match is approved.
"""

import datetime
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.accounting.invoicing import credit_notes_for, invoice_create, invoice_post
from ronghe.accounting.models import DocState, FapiaoType, Invoice, InvoiceLine
from ronghe.accounting.tax import priced_line
from ronghe.core.audit import audit_transition
from ronghe.core.errors import DomainError, InvalidTransition, PermissionDenied, ValidationFailed
from ronghe.core.scoping import has_perm
from ronghe.core.services import clean_and_save, sequence_next
from ronghe.core.transactions import service_transaction
from ronghe.inventory.models import Transfer, Warehouse
from ronghe.inventory.services import transfer_cancel, transfer_create

from .models import ZERO, BillMatch, PurchaseOrder, PurchaseOrderLine, PurchaseSettings, SupplierPrice
from .states import TRANSITIONS, ApprovalState, OrderState

PREFIX = "purchasing.line:"


class MatchError(DomainError):
    code = "purchasing.three_way_match"
    http_status = 409


def settings_for(company) -> PurchaseSettings:
    s, _created = PurchaseSettings.objects.get_or_create(company=company)
    return s


def _require(actor, company, perm):
    if actor is not None and not has_perm(actor, company, perm):
        raise PermissionDenied(_("You may not do this with purchase orders."))


def _guard(order, action):
    allowed, _target = TRANSITIONS[action]
    if order.state not in allowed:
        raise InvalidTransition(
            _("Order %(number)s is %(state)s.") % {"number": order.number, "state": order.get_state_display()}
        )


def _clean_lines(company, lines, included, *, partner=None, on=None) -> list[PurchaseOrderLine]:
    """Order lines from `lines`; a line without a price takes the supplier's price list price for its quantity
    (converted when the order is not 含税), else the product's cost. Each line remembers its lead time."""
    errors: dict = {}
    if not lines:
        errors["lines"] = [_("Add at least one line.")]
    listed = (
        supplier_prices(
            company, [x.get("product") for x in lines or [] if x.get("product")], on=on, partner=partner
        )
        if partner is not None
        else {}
    )
    out = []
    for i, data in enumerate(lines or []):
        p = f"lines.{i}."
        product = data.get("product")
        if product is None or product.company_id != company.pk:
            errors[p + "product"] = [_("Choose a product of this company.")]
        default_price, lead = getattr(product, "cost", None), None
        entry = _best(listed.get(getattr(product, "pk", None), []), _quantity_of(data))
        if entry is not None:
            default_price, lead = entry.price, entry.lead_days
            if not included:  # the list holds 含税 prices
                default_price = (entry.price / (1 + (product.vat_rate or 0))).quantize(Decimal("0.000001"))
        line = priced_line(
            data,
            p,
            errors,
            included=included,
            default_price=default_price,
            default_rate=getattr(product, "vat_rate", None),
        )
        if line is None:
            continue
        out.append(
            PurchaseOrderLine(
                seq=i + 1,
                product=product,
                description=(data.get("description") or product.name)[:200],
                quantity=line.quantity,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
                vat_rate=line.vat_rate,
                amount_untaxed=line.amounts.untaxed,
                amount_tax=line.amounts.tax,
                amount_total=line.amounts.total,
            )
        )
        out[-1].lead_days = lead
    if errors:
        raise ValidationFailed(fields=errors)
    return out


def _quantity_of(data) -> Decimal:
    try:
        return Decimal(str(data.get("quantity") or 0))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def _expected(date, lines) -> datetime.date | None:
    """Order date + the longest lead time of its lines' price list entries (None when none has one)."""
    leads = [x.lead_days for x in lines if getattr(x, "lead_days", None) is not None]
    return date + datetime.timedelta(days=max(leads)) if leads else None


# --- supplier price lists -----------------------------------------------------------------------------------


def supplier_prices(company, products, *, on=None, partner=None) -> dict[int, list[SupplierPrice]]:
    """Product id → its valid price list entries on `on` (today), of `partner` or of every supplier (one query)."""
    on = on or timezone.localdate()
    ids = [getattr(x, "pk", x) for x in products]
    qs = SupplierPrice.objects.filter(company=company, product_id__in=ids, partner__active=True).filter(
        Q(date_from__isnull=True) | Q(date_from__lte=on), Q(date_to__isnull=True) | Q(date_to__gte=on)
    )
    if partner is not None:
        qs = qs.filter(partner=partner)
    out: dict[int, list] = {}
    for entry in qs.select_related("partner").order_by("product_id", "price", "-min_quantity", "pk"):
        out.setdefault(entry.product_id, []).append(entry)
    return out


def _best(entries, quantity: Decimal):
    """The lowest price among the entries whose minimum quantity the quantity reaches."""
    fitting = [e for e in entries if e.min_quantity <= quantity]
    return min(fitting, key=lambda e: (e.price, e.lead_days, e.pk)) if fitting else None


@service_transaction
def supplier_price_save(*, company, actor, data: dict, entry: SupplierPrice | None = None) -> SupplierPrice:
    """Create or change a price list entry. `data`: partner, product, price, min_quantity?, lead_days?,
    supplier_code?, date_from?, date_to?"""
    _require(actor, company, "purchasing.change_purchaseorder")
    entry = entry or SupplierPrice(company=company)
    if entry.pk and entry.company_id != company.pk:
        raise ValidationFailed(fields={"entry": [_("Choose a record of this company.")]})
    errors: dict = {}
    partner, product = (
        data.get("partner", entry.partner if entry.pk else None),
        data.get("product", entry.product if entry.pk else None),
    )
    if partner is None or partner.company_id != company.pk or not partner.is_supplier:
        errors["partner"] = [_("Choose a supplier of this company.")]
    if product is None or product.company_id != company.pk:
        errors["product"] = [_("Choose a product of this company.")]
    values = {}
    for name, default in (("price", None), ("min_quantity", Decimal(1))):
        raw = data.get(name, getattr(entry, name) if entry.pk else default)
        try:
            values[name] = Decimal(str(raw))
        except (InvalidOperation, ValueError, TypeError):
            errors[name] = [_("Enter a number.")]
            continue
        if values[name] < 0:
            errors[name] = [_("This value must not be negative.")]
    try:
        lead = int(data.get("lead_days", entry.lead_days if entry.pk else 0) or 0)
        if lead < 0:
            raise ValueError
    except (ValueError, TypeError):
        errors["lead_days"] = [_("Enter a whole number of days, 0 or more.")]
        lead = 0
    date_from = data.get("date_from", entry.date_from if entry.pk else None)
    date_to = data.get("date_to", entry.date_to if entry.pk else None)
    if date_from and date_to and date_to < date_from:
        errors["date_to"] = [_("The end date must not be before the start date.")]
    if errors:
        raise ValidationFailed(fields=errors)
    entry.partner, entry.product = partner, product
    entry.price, entry.min_quantity, entry.lead_days = values["price"], values["min_quantity"], lead
    entry.date_from, entry.date_to = date_from, date_to
    entry.supplier_code = (data.get("supplier_code", entry.supplier_code) or "").strip()[:60]
    return clean_and_save(entry, actor=actor)


@service_transaction
def supplier_price_delete(*, entry: SupplierPrice, actor) -> None:
    _require(actor, entry.company, "purchasing.change_purchaseorder")
    entry.delete()


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
    expected_date: datetime.date | None = None,
    price_includes_tax: bool = True,
    reference: str = "",
    note: str = "",
) -> PurchaseOrder:
    """A draft purchase order. `lines`: [{"product", "quantity", "unit_price"? (the product's cost),
    "discount_percent"?, "vat_rate"?, "description"?}]."""
    _require(actor, company, "purchasing.add_purchaseorder")
    errors = {}
    if partner is None or partner.company_id != company.pk:
        errors["partner"] = [_("Choose a supplier of this company.")]
    if warehouse is None:
        warehouse = Warehouse.objects.filter(company=company).order_by("pk").first()
    if warehouse is None or warehouse.company_id != company.pk:
        errors["warehouse"] = [_("Choose a warehouse of this company.")]
    if errors:
        raise ValidationFailed(fields=errors)
    date = date or timezone.localdate()
    clean = _clean_lines(company, lines, price_includes_tax, partner=partner, on=date)
    expected_date = expected_date or _expected(date, clean)
    order = PurchaseOrder(
        company=company,
        created_by=actor,
        number=sequence_next(company=company, code="purchasing.order", on=date),
        partner=partner,
        buyer=actor,
        warehouse=warehouse,
        date=date,
        expected_date=expected_date,
        price_includes_tax=price_includes_tax,
        currency_id=company.currency_id,
        reference=(reference or "")[:80],
        note=note or "",
    )
    _totals(order, clean)
    order.save()
    for x in clean:
        x.order = order
    PurchaseOrderLine.objects.bulk_create(clean)
    return order


def _lock(order) -> PurchaseOrder:
    return (
        PurchaseOrder.objects.select_for_update(of=("self",))
        .select_related("company", "partner", "warehouse")
        .get(pk=getattr(order, "pk", order))
    )


@service_transaction
def order_update(*, order, actor, lines: list[dict] | None = None, **fields) -> PurchaseOrder:
    o = _lock(order)
    _require(actor, o.company, "purchasing.change_purchaseorder")
    _guard(o, "edit")
    if o.approval_state == ApprovalState.PENDING:
        raise InvalidTransition(_("Order %(number)s is awaiting approval.") % {"number": o.number})
    for name in ("partner", "date", "expected_date", "reference", "note"):
        if name in fields:
            setattr(o, name, fields[name])
    if lines is not None:
        clean = _clean_lines(o.company, lines, o.price_includes_tax, partner=o.partner, on=o.date)
        o.lines.all().delete()
        for x in clean:
            x.order = o
        PurchaseOrderLine.objects.bulk_create(clean)
        _totals(o, clean)
        o.expected_date = o.expected_date or _expected(o.date, clean)
    o.approval_state = ApprovalState.NONE
    o.save()
    return o


@service_transaction
def order_send(*, order, actor) -> PurchaseOrder:
    """The request for quotation (询价单) went to the supplier (printed or e-mailed): draft → RFQ sent. The
    buyer enters the prices the supplier answers with, then confirms."""
    o = _lock(order)
    _require(actor, o.company, "purchasing.change_purchaseorder")
    _guard(o, "send")
    if o.approval_state == ApprovalState.PENDING:
        raise InvalidTransition(_("Order %(number)s is awaiting approval.") % {"number": o.number})
    if o.state != OrderState.SENT:
        audit_transition(o, action="send", from_state=o.state, to_state=OrderState.SENT)
        o.state = OrderState.SENT
        o.save(update_fields=["state", "updated_at"])
    return o


@service_transaction
def order_copy(*, order, actor, partner) -> PurchaseOrder:
    """The same request for quotation to another supplier (to compare offers): a new draft with the same
    products and quantities, priced from that supplier's price list; linked to the same purchase requests."""
    _require(actor, order.company, "purchasing.add_purchaseorder")
    lines = [
        {"product": x.product, "quantity": x.quantity, "description": x.description}
        for x in order.lines.select_related("product")
    ]
    new = order_create(
        company=order.company,
        actor=actor,
        partner=partner,
        lines=lines,
        warehouse=order.warehouse,
        price_includes_tax=order.price_includes_tax,
        note=order.note,
    )
    new.requests.set(order.requests.all())
    return new


@service_transaction
def order_confirm(*, order, actor) -> PurchaseOrder:
    """Confirm (the order goes out): above the approval amount it first goes through the approval engine."""
    o = _lock(order)
    _require(actor, o.company, "purchasing.change_purchaseorder")
    _guard(o, "confirm")
    if o.approval_state == ApprovalState.PENDING:
        raise InvalidTransition(_("Order %(number)s is awaiting approval.") % {"number": o.number})
    if (
        o.amount_total > settings_for(o.company).approval_amount
        and o.approval_state != ApprovalState.APPROVED
    ):
        from ronghe.workflow.services import request_submit

        o.approval_state = ApprovalState.PENDING
        o.save(update_fields=["approval_state", "updated_at"])
        request_submit(target=o, initiator=actor)
        return o
    _confirm(o, actor)
    return o


def _confirm(o: PurchaseOrder, actor) -> None:
    lines = [x for x in o.lines.select_related("product__uom") if x.product.type != "service"]
    if lines:
        transfer_create(
            company=o.company,
            actor=actor,
            kind=Transfer.Kind.RECEIPT,
            warehouse=o.warehouse,
            partner=o.partner,
            origin=o.number,
            scheduled_date=o.expected_date,
            lines=[
                {"product": x.product, "quantity": x.quantity, "price_unit": x.net_price, "origin": x.source}
                for x in lines
            ],
        )
    audit_transition(o, action="confirm", from_state=o.state, to_state=OrderState.CONFIRMED)
    o.state, o.confirmed_by, o.confirmed_at = OrderState.CONFIRMED, actor, timezone.now()
    o.save(update_fields=["state", "confirmed_by", "confirmed_at", "updated_at"])


@service_transaction
def order_cancel(*, order, actor) -> PurchaseOrder:
    o = _lock(order)
    _require(actor, o.company, "purchasing.change_purchaseorder")
    _guard(o, "cancel")
    lines = list(o.lines.all())
    if any(x.qty_received for x in lines) or any(billed_quantities(lines).values()):
        raise InvalidTransition(
            _("Part of %(number)s is received or billed: return or credit it instead.") % {"number": o.number}
        )
    for t in receipts(o).exclude(state__in=["done", "cancelled"]):
        transfer_cancel(transfer=t, actor=actor)
    audit_transition(o, action="cancel", from_state=o.state, to_state=OrderState.CANCELLED)
    o.state = OrderState.CANCELLED
    o.save(update_fields=["state", "updated_at"])
    return o


def receipts(order):
    return Transfer.objects.filter(company=order.company_id, origin=order.number).order_by("pk")


# --- bills and the three-way match ----------------------------------------------------------------------------


def billed_quantities(lines, exclude_invoice=None, posted_only: bool = False) -> dict[int, Decimal]:
    sources = {x.source: x.pk for x in lines}
    qs = InvoiceLine.objects.filter(source__in=list(sources))
    if exclude_invoice is not None:
        qs = qs.exclude(invoice=exclude_invoice)
    if posted_only:
        qs = qs.filter(invoice__state=DocState.POSTED)
    out: dict[int, Decimal] = defaultdict(lambda: Decimal(0))
    for row in qs.values("source", "invoice__is_refund").annotate(q=Sum("quantity")):
        q = Decimal(row["q"] or 0)
        out[sources[row["source"]]] += -q if row["invoice__is_refund"] else q
    return out


@service_transaction
def order_return(*, order, actor, quantities: dict) -> list[Transfer]:
    """Return received goods to the supplier (退货): {order line id: quantity} → return transfers (one per
    receipt the goods came from) for the warehouse to ship. The received quantity drops when they leave."""
    from ronghe.inventory.services import return_order_lines

    o = _lock(order)
    _require(actor, o.company, "purchasing.change_purchaseorder")
    if o.state not in (OrderState.CONFIRMED, OrderState.DONE):
        raise InvalidTransition(_("Only confirmed orders take returns."))
    return return_order_lines(
        actor=actor,
        lines={x.pk: x for x in o.lines.all()},
        quantities=quantities,
        returnable=lambda x: x.qty_received,
    )


@service_transaction
def order_credit(*, order, actor, post: bool = False, date=None) -> list[Invoice]:
    """Supplier credit notes (红字发票 from the supplier) for what was billed beyond what is now received
    (goods returned to the supplier), one per bill the quantities came from."""
    o = _lock(order)
    _require(actor, o.company, "accounting.add_invoice")
    if o.state not in (OrderState.CONFIRMED, OrderState.DONE):
        raise InvalidTransition(_("Only confirmed orders can be credited."))
    lines = list(o.lines.select_related("product"))
    billed = billed_quantities(lines, posted_only=True)
    items = [
        {
            "source": x.source,
            "product": x.product,
            "description": f"{o.number} {x.description}"[:200],
            "quantity": billed.get(x.pk, Decimal(0)) - x.qty_received,
        }
        for x in lines
        if x.product.type != "service" and billed.get(x.pk, Decimal(0)) > x.qty_received
    ]
    return credit_notes_for(
        company=o.company,
        actor=actor,
        partner=o.partner,
        kind=Invoice.Kind.PURCHASE,
        items=items,
        reference=o.number,
        source=f"purchasing.order:{o.pk}",
        date=date,
        post=post,
    )


@service_transaction
def order_bill(
    *,
    orders,
    actor,
    date=None,
    fapiao_type: str = FapiaoType.SPECIAL,
    fapiao_number: str = "",
    prices: dict | None = None,
    quantities: dict | None = None,
) -> Invoice:
    """A draft supplier bill for what the orders (of one supplier) received and was not billed yet. `prices`/
    `quantities` {order line id: value} record what the supplier actually billed when it differs."""
    orders = [_lock(o) for o in sorted(orders, key=lambda o: o.pk)]
    if not orders:
        raise ValidationFailed(fields={"orders": [_("Choose at least one order.")]})
    partner = orders[0].partner
    for o in orders:
        _guard(o, "bill")
        if o.partner_id != partner.pk:
            raise ValidationFailed(fields={"orders": [_("Bill the orders of one supplier at a time.")]})
    lines = list(
        PurchaseOrderLine.objects.filter(order__in=orders)
        .select_related("order", "product")
        .order_by("order", "seq")
    )
    billed = billed_quantities(lines)
    prices, quantities = prices or {}, quantities or {}
    rows = []
    for x in lines:
        base = x.qty_received if x.product.type != "service" else x.quantity
        qty = Decimal(str(quantities.get(x.pk, base - billed.get(x.pk, Decimal(0)))))
        if qty > 0:
            rows.append(
                {
                    "product": x.product,
                    "description": f"{x.order.number} {x.description}"[:200],
                    "quantity": qty,
                    "unit_price": prices.get(x.pk, x.unit_price),
                    "discount_percent": x.discount_percent,
                    "vat_rate": x.vat_rate,
                    "source": x.source,
                }
            )
    if not rows:
        raise ValidationFailed(
            fields={"orders": [_("Nothing to bill: no received quantity is left to bill.")]}
        )
    return invoice_create(
        company=orders[0].company,
        actor=actor,
        kind=Invoice.Kind.PURCHASE,
        partner=partner,
        date=date or timezone.localdate(),
        lines=rows,
        price_includes_tax=orders[0].price_includes_tax,
        fapiao_type=fapiao_type,
        fapiao_number=fapiao_number,
        reference=", ".join(o.number for o in orders)[:80],
        source=f"purchasing.order:{orders[0].pk}",
    )


def _fmt(value: Decimal) -> str:
    return format(Decimal(value).quantize(Decimal("0.0001")).normalize(), "f")


def match_differences(invoice, lines=None) -> list[dict]:
    """Bill lines that differ from their order lines beyond tolerance: billed more than received, or a net
    unit price off by more than the price tolerance."""
    lines = lines if lines is not None else list(invoice.lines.all())
    ids = [int(x.source[len(PREFIX) :]) for x in lines if x.source.startswith(PREFIX)]
    if not ids or invoice.is_refund:
        return []
    s = settings_for(invoice.company)
    po_lines = {
        x.pk: x for x in PurchaseOrderLine.objects.filter(pk__in=ids).select_related("order", "product")
    }
    billed_before = billed_quantities(po_lines.values(), exclude_invoice=invoice, posted_only=True)
    out = []
    for bl in lines:
        if not bl.source.startswith(PREFIX):
            continue
        pl = po_lines.get(int(bl.source[len(PREFIX) :]))
        if pl is None:
            continue
        received = pl.qty_received if pl.product.type != "service" else pl.quantity
        billed = billed_before.get(pl.pk, Decimal(0)) + bl.quantity
        allowed = received * (1 + s.quantity_tolerance / 100)
        issues = []
        if billed > allowed:
            issues.append(
                _("billed %(billed)s, received %(received)s")
                % {"billed": _fmt(billed), "received": _fmt(received)}
            )
        po_price, bill_price = pl.net_price, bl.amount_untaxed / bl.quantity
        if po_price and abs(bill_price - po_price) / po_price * 100 > s.price_tolerance:
            issues.append(
                _("net price %(bill)s, ordered at %(po)s") % {"bill": _fmt(bill_price), "po": _fmt(po_price)}
            )
        if issues:
            out.append(
                {
                    "order": pl.order.number,
                    "line": pl.pk,
                    "product": str(pl.product),
                    "ordered": _fmt(pl.quantity),
                    "received": _fmt(received),
                    "billed": _fmt(billed),
                    "order_price": str(po_price.quantize(Decimal("0.0001"))),
                    "bill_price": str(bill_price.quantize(Decimal("0.0001"))),
                    "issues": "; ".join(issues),
                }
            )
    return out


def post_guard(invoice, lines) -> None:
    """Registered with accounting: a bill that fails the three-way match posts only once the match is
    approved."""
    if invoice.kind != Invoice.Kind.PURCHASE:
        return
    differences = match_differences(invoice, lines)
    if not differences:
        return
    match = BillMatch.objects.filter(invoice=invoice).first()
    if match is not None and match.state == ApprovalState.APPROVED:
        return
    raise MatchError(
        _("Bill differs from its orders and receipts (%(issues)s): it needs the three-way-match approval.")
        % {"issues": "; ".join(f"{d['product']}: {d['issues']}" for d in differences)},
        fields={"lines": [d["issues"] for d in differences]},
    )


@service_transaction
def bill_post(*, invoice, actor) -> Invoice | BillMatch:
    """Post a supplier bill; one that fails the three-way match goes to approval instead (returns the
    BillMatch) and posts when approved."""
    inv = Invoice.objects.select_for_update(of=("self",)).select_related("company").get(pk=invoice.pk)
    if inv.state != DocState.DRAFT:
        raise InvalidTransition(_("Invoice %(number)s is already posted.") % {"number": inv.number})
    differences = match_differences(inv)
    match = BillMatch.objects.select_for_update().filter(invoice=inv).first()
    if differences and (match is None or match.state != ApprovalState.APPROVED):
        if match is not None and match.state == ApprovalState.PENDING:
            raise InvalidTransition(_("The three-way match of this bill is awaiting approval."))
        if match is None:
            match = BillMatch.objects.create(company=inv.company, created_by=actor, invoice=inv)
        match.state, match.differences = ApprovalState.PENDING, differences
        match.save(update_fields=["state", "differences", "updated_at"])
        from ronghe.workflow.services import request_submit

        request_submit(target=match, initiator=actor)
        return match
    inv = invoice_post(invoice=inv, actor=actor)
    for o in PurchaseOrder.objects.filter(lines__pk__in=_po_line_ids(inv)).distinct():
        refresh_done(o)
    return inv


def _po_line_ids(inv) -> list[int]:
    return [
        int(s[len(PREFIX) :])
        for s in inv.lines.filter(source__startswith=PREFIX).values_list("source", flat=True)
        if s[len(PREFIX) :].isdigit()
    ]


def refresh_done(order, lines=None) -> None:
    """A confirmed order whose lines are received and billed (posted) in full becomes done."""
    if order.state != OrderState.CONFIRMED:
        return
    lines = lines if lines is not None else list(order.lines.select_related("product"))
    if any(x.product.type != "service" and x.qty_received < x.quantity for x in lines):
        return
    billed = billed_quantities(lines, posted_only=True)
    if all(
        (x.product.type == "service" or x.qty_received >= x.quantity) and billed.get(x.pk, 0) >= x.quantity
        for x in lines
    ):
        audit_transition(order, action="done", from_state=order.state, to_state=OrderState.DONE)
        order.state = OrderState.DONE
        order.save(update_fields=["state", "updated_at"])


# --- purchase requests (采购申请) → purchase orders ----------------------------------------------------------------


def last_purchase(company, product_ids) -> dict[int, tuple]:
    """Product id → (supplier, unit price, lead time in days or None) of its latest confirmed purchase order
    line: the supplier and price a new order starts from; the lead time from order date to the first receipt."""
    from ronghe.inventory.models import StockMove

    out = {}
    for line in (
        PurchaseOrderLine.objects.filter(
            order__company=company, product_id__in=list(product_ids), order__state__in=["confirmed", "done"]
        )
        .select_related("order__partner")
        .order_by("product_id", "-order__date", "-pk")
    ):
        if line.product_id in out:
            continue
        first = (
            StockMove.objects.filter(origin=line.source, state="done")
            .order_by("date")
            .values_list("date", flat=True)
            .first()
        )
        lead = (first - line.order.date).days if first else None
        out[line.product_id] = (line.order.partner, line.unit_price, lead)
    return out


@service_transaction
def orders_from_requests(*, company, actor, requests, default_supplier=None) -> list[PurchaseOrder]:
    """Turn approved 采购申请 into draft purchase orders, one per supplier: each item goes to the supplier it was
    last bought from (at that price; the request's estimate otherwise), or to `default_supplier`. A request is
    turned into orders once."""
    from ronghe.oaforms.models import FormRequest, FormState
    from ronghe.products.models import Product

    _require(actor, company, "purchasing.add_purchaseorder")
    reqs = list(
        FormRequest.objects.select_for_update().filter(
            pk__in=[getattr(r, "pk", r) for r in requests], company=company
        )
    )
    errors = {}
    for r in reqs:
        if r.template.code != "purchase_request" or r.state != FormState.APPROVED:
            errors[f"requests.{r.pk}"] = [_("Only approved purchase requests can be ordered.")]
        elif r.purchase_orders.exclude(state=OrderState.CANCELLED).exists():
            errors[f"requests.{r.pk}"] = [_("This purchase request is already ordered.")]
    if not reqs:
        errors["requests"] = [_("Choose at least one purchase request.")]
    if errors:
        raise ValidationFailed(fields=errors)
    items = [(r, item) for r in reqs for item in (r.data.get("items") or [])]
    products = {
        p.pk: p for p in Product.objects.filter(company=company, pk__in=[i.get("product") for _r, i in items])
    }
    history = last_purchase(company, products)
    listed = supplier_prices(company, products)
    by_supplier: dict[int, dict] = {}
    for r, item in items:
        product = products.get(item.get("product"))
        if product is None:
            continue
        entry = _best(listed.get(product.pk, []), _quantity_of(item))
        if entry is not None:  # the cheapest valid offer; its price is taken when the order line is made
            supplier, price = entry.partner, None
        else:
            supplier, price, _lead = history.get(product.pk, (default_supplier, item.get("price"), None))
        if supplier is None:
            raise ValidationFailed(
                fields={
                    "default_supplier": [
                        _("%(product)s was never bought: choose a supplier.") % {"product": product}
                    ]
                }
            )
        group = by_supplier.setdefault(
            supplier.pk, {"supplier": supplier, "lines": [], "requests": set(), "needed": []}
        )
        line = {"product": product, "quantity": item.get("quantity")}
        if price not in (None, ""):
            line["unit_price"] = price
        group["lines"].append(line)
        group["requests"].add(r.pk)
        if r.data.get("needed_by"):
            group["needed"].append(str(r.data["needed_by"]))
    orders = []
    for group in by_supplier.values():
        needed = min(group["needed"]) if group["needed"] else None
        po = order_create(
            company=company,
            actor=actor,
            partner=group["supplier"],
            lines=group["lines"],
            expected_date=datetime.date.fromisoformat(needed) if needed else None,
        )
        po.requests.set(group["requests"])
        orders.append(po)
    return orders
