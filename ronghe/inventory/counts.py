"""Stock counts (盘点): count sheets, counted quantities (typed or from Excel), posting the differences as moves
to/from inventory loss — through the approval engine when their value exceeds the company's threshold."""

from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.core.audit import audit_transition
from ronghe.core.errors import InvalidTransition, ValidationFailed
from ronghe.core.services import clean_and_save, sequence_next
from ronghe.core.transactions import service_transaction

from .models import (
    InventorySettings,
    LocationUsage,
    Lot,
    ProductValue,
    Quant,
    StockCount,
    StockCountLine,
    Transfer,
)
from .services import transfer_create, transfer_validate, virtual_location


def settings_for(company) -> InventorySettings:
    return InventorySettings.objects.get_or_create(company=company)[0]


def _unit_cost(company, product) -> Decimal:
    pv = ProductValue.objects.filter(company=company, product=product).first()
    return pv.average_cost if pv and pv.quantity > 0 else product.cost


@service_transaction
def count_create(*, company, actor, warehouse, location=None, category=None, note: str = "") -> StockCount:
    """A count sheet listing every product and lot on hand in the location (and category) with its book
    quantity. Products found but not listed can be added with `count_line_add`."""
    location = location or warehouse.stock_location
    if (
        warehouse.company_id != company.pk
        or location.company_id != company.pk
        or location.usage != LocationUsage.INTERNAL
    ):
        raise ValidationFailed(fields={"location": [_("Choose an internal location of this company.")]})
    count = clean_and_save(
        StockCount(
            company=company,
            warehouse=warehouse,
            location=location,
            category=category,
            note=note,
            number=sequence_next(company=company, code="inventory.count"),
        ),
        actor=actor,
    )
    quants = Quant.objects.filter(location=location).exclude(quantity=0).select_related("product", "lot")
    if category is not None:
        quants = quants.filter(product__category=category)
    StockCountLine.objects.bulk_create(
        [
            StockCountLine(
                count=count,
                product=q.product,
                lot=q.lot,
                expected_qty=q.quantity,
                unit_cost=_unit_cost(company, q.product),
            )
            for q in quants.order_by("product__code")
        ]
    )
    return count


def _editable(count) -> StockCount:
    count = StockCount.objects.select_for_update().get(pk=count.pk)
    if count.state != StockCount.State.DRAFT:
        raise InvalidTransition(_("This count is %(state)s.") % {"state": count.get_state_display()})
    return count


@service_transaction
def count_line_add(*, count, actor, product, lot_name: str = "") -> StockCountLine:
    count = _editable(count)
    lot = None
    if lot_name:
        lot = Lot.objects.filter(
            company=count.company, product=product, name=lot_name.strip()
        ).first() or Lot.objects.create(
            company=count.company, product=product, name=lot_name.strip(), created_by=actor
        )
    q = Quant.objects.filter(location=count.location, product=product, lot_key=lot.pk if lot else 0).first()
    line, _created = StockCountLine.objects.get_or_create(
        count=count,
        product=product,
        lot=lot,
        defaults={
            "expected_qty": q.quantity if q else Decimal(0),
            "unit_cost": _unit_cost(count.company, product),
        },
    )
    return line


@service_transaction
def count_set(*, count, actor, quantities: dict) -> StockCount:
    """Enter counted quantities {line_id: quantity or ""}. Raises ValidationFailed naming bad lines."""
    count = _editable(count)
    lines = {ln.pk: ln for ln in count.lines.all()}
    errors = {}
    for key, raw in quantities.items():
        line = lines.get(int(key))
        if line is None:
            continue
        if raw in (None, ""):
            line.counted_qty = None
        else:
            try:
                value = Decimal(str(raw).replace(",", ""))
            except InvalidOperation:
                errors[f"lines.{key}"] = [_("Enter a number.")]
                continue
            if value < 0:
                errors[f"lines.{key}"] = [_("This value must not be negative.")]
                continue
            line.counted_qty = value
        line.save(update_fields=["counted_qty"])
    if errors:
        raise ValidationFailed(fields=errors)
    return count


@service_transaction
def count_import(*, count, actor, rows: list[dict]) -> int:
    """Counted quantities from a spreadsheet: rows of {"code", "lot", "counted"} (the header row removed).
    Every row is checked first; if any is wrong nothing is imported and the errors name the rows."""
    from ronghe.products.models import Product

    count = _editable(count)
    errors, plan = {}, []
    products = {
        p.code: p
        for p in Product.objects.filter(
            company=count.company, code__in=[str(r.get("code") or "").strip() for r in rows]
        )
    }
    for i, r in enumerate(rows, start=2):
        code = str(r.get("code") or "").strip()
        if not code and r.get("counted") in (None, ""):
            continue
        p = products.get(code)
        try:
            counted = Decimal(str(r.get("counted")).strip())
            if counted < 0:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            counted = None
        problems = []
        if p is None:
            problems.append(_("unknown product code “%(code)s”") % {"code": code})
        if counted is None:
            problems.append(_("the counted quantity is not a number ≥ 0"))
        if problems:
            errors[f"row {i}"] = problems
        else:
            plan.append((p, str(r.get("lot") or "").strip(), counted))
    if errors:
        raise ValidationFailed(_("Nothing was imported: correct these rows."), fields=errors)
    for p, lot, counted in plan:
        line = count_line_add(count=count, actor=actor, product=p, lot_name=lot)
        line.counted_qty = counted
        line.save(update_fields=["counted_qty"])
    return len(plan)


def read_excel(file) -> list[dict]:
    """Rows of an .xlsx count file: columns 商品编码/code, 批次/lot, 实盘数量/counted (first row = header)."""
    from ronghe.core.tabular import read_records

    names = {
        "商品编码": "code",
        "code": "code",
        "批次": "lot",
        "lot": "lot",
        "实盘数量": "counted",
        "counted": "counted",
    }
    return read_records(
        getattr(file, "name", "") or "count.xlsx", file.read(), names, required=("code", "counted")
    )


@service_transaction
def count_post(*, count, actor) -> StockCount:
    """Post the differences. Above the company threshold the count goes to approval first (the engine's
    ApprovalDecided posts or cancels it). Lines left empty are not counted (no change)."""
    count = _editable(count)
    counted = [ln for ln in count.lines.select_related("product") if ln.counted_qty is not None]
    if not counted:
        raise ValidationFailed(fields={"lines": [_("Enter at least one counted quantity.")]})
    count.difference_value = sum((abs(ln.difference_value) for ln in counted), Decimal(0))
    count.save(update_fields=["difference_value", "updated_at"])
    if count.difference_value > settings_for(count.company).count_approval_threshold:
        from ronghe.workflow.services import request_submit

        count.state = StockCount.State.SUBMITTED
        count.save(update_fields=["state", "updated_at"])
        audit_transition(count, action="submit", from_state="draft", to_state=count.state)
        request_submit(target=count, initiator=actor)
        return count
    return _apply(count, actor)


def _apply(count, actor) -> StockCount:
    """Move the differences between the counted quantities and the quantities on hand now."""
    loss = virtual_location(count.company, LocationUsage.INVENTORY)
    gains, losses = [], []
    for ln in count.lines.select_related("product", "lot").exclude(counted_qty=None):
        q = (
            Quant.objects.select_for_update()
            .filter(location=count.location, product=ln.product, lot_key=ln.lot_id or 0)
            .first()
        )
        diff = ln.counted_qty - (q.quantity if q else Decimal(0))
        if diff > 0:
            gains.append(
                {
                    "product": ln.product,
                    "quantity": diff,
                    "lot": ln.lot,
                    "price_unit": ln.unit_cost,
                    "location_src": loss,
                    "location_dest": count.location,
                }
            )
        elif diff < 0:
            losses.append(
                {
                    "product": ln.product,
                    "quantity": -diff,
                    "lot": ln.lot,
                    "location_src": count.location,
                    "location_dest": loss,
                }
            )
    transfer = None
    if gains or losses:
        transfer = transfer_create(
            company=count.company,
            actor=actor,
            kind=Transfer.Kind.INTERNAL,
            warehouse=count.warehouse,
            lines=gains + losses,
            origin=count.number,
            location_src=count.location,
            location_dest=count.location,
        )
        transfer_validate(transfer=transfer, actor=actor, date=count.date)
    old = count.state
    count.state = StockCount.State.DONE
    count.transfer = transfer
    count.save(update_fields=["state", "transfer", "updated_at"])
    audit_transition(count, action="post", from_state=old, to_state=count.state)
    return count


@service_transaction
def count_cancel(*, count, actor) -> StockCount:
    count = StockCount.objects.select_for_update().get(pk=count.pk)
    if count.state not in {StockCount.State.DRAFT}:
        raise InvalidTransition(_("This count is %(state)s.") % {"state": count.get_state_display()})
    count.state = StockCount.State.CANCELLED
    count.save(update_fields=["state", "updated_at"])
    return count


# --- approval --------------------------------------------------------------------------------------------


def on_approval_decided(event) -> None:
    if event.target_label != "inventory.stockcount":
        return
    count = StockCount.objects.select_for_update().get(pk=event.target_id)
    if event.decision == "approved":
        from ronghe.core.models import User

        approver = User.objects.filter(pk=count.created_by_id).first()
        _apply(count, approver)
    else:
        count.state = StockCount.State.DRAFT  # rejected: back to counting, to recount or cancel
        count.save(update_fields=["state", "updated_at"])


def on_approval_withdrawn(event) -> None:
    if event.target_label == "inventory.stockcount":
        StockCount.objects.filter(pk=event.target_id).update(
            state=StockCount.State.DRAFT, updated_at=timezone.now()
        )
