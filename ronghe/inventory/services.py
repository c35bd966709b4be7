"""Inventory services: every change of stock. Quants and valuation change in the move's transaction.

Locks, always in this order: the transfer, then quants (ordered by pk), then the product's value row and
its FIFO layers. A move takes from exactly one quant (its product, source location and lot) and puts
into exactly one, so the moves alone explain every quant (`ronghe check-integrity` recomputes them).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.core import events
from ronghe.core.audit import audit_transition
from ronghe.core.errors import InvalidTransition, ValidationFailed
from ronghe.core.services import bulk_change, bulk_insert, clean_and_save, sequence_next, unit_convert
from ronghe.core.transactions import service_transaction
from ronghe.products.models import CostMethod, ProductType, Tracking

from .errors import InsufficientStockError, TrackingError
from .events import StockMoveDone, StockMovesDone
from .models import (
    Location,
    LocationUsage,
    Lot,
    ProductValue,
    Quant,
    StockMove,
    StockPeriodBalance,
    Transfer,
    ValuationLayer,
    Warehouse,
)
from .states import OPEN_MOVE, TRANSITIONS, MoveState, TransferState

CENT = Decimal("0.01")
ZERO = Decimal(0)
VIRTUAL = [
    ("supplier", "供应商", LocationUsage.SUPPLIER),
    ("customer", "客户", LocationUsage.CUSTOMER),
    ("inventory", "盘点盈亏", LocationUsage.INVENTORY),
    ("production", "生产", LocationUsage.PRODUCTION),
    ("transit", "在途", LocationUsage.TRANSIT),
]
SEQUENCE_OF = {
    Transfer.Kind.RECEIPT: "inventory.receipt",
    Transfer.Kind.DELIVERY: "inventory.delivery",
    Transfer.Kind.INTERNAL: "inventory.internal",
    Transfer.Kind.RETURN_IN: "inventory.return",
    Transfer.Kind.RETURN_OUT: "inventory.return",
}


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# --- locations and warehouses --------------------------------------------------------------------------


def virtual_location(company, usage: str) -> Location:
    """The company's supplier / customer / inventory-loss / production / transit location (made on demand)."""
    loc = Location.objects.filter(
        company=company, usage=usage, warehouse__isnull=True, parent__name="虚拟位置"
    ).first()
    if loc is None:
        ensure_virtual_locations(company)
        loc = Location.objects.get(
            company=company, usage=usage, warehouse__isnull=True, parent__name="虚拟位置"
        )
    return loc


@service_transaction
def ensure_virtual_locations(company) -> None:
    root, _ = Location.objects.get_or_create(
        company=company, full_name="虚拟位置", defaults={"name": "虚拟位置", "usage": LocationUsage.VIEW}
    )
    for _code, name, usage in VIRTUAL:
        Location.objects.get_or_create(
            company=company,
            full_name=f"虚拟位置/{name}",
            defaults={"name": name, "usage": usage, "parent": root},
        )


@service_transaction
def location_create(
    *,
    company,
    actor,
    name: str,
    parent: Location | None = None,
    usage: str = LocationUsage.INTERNAL,
    barcode: str = "",
) -> Location:
    name = (name or "").strip()
    if not name or "/" in name:
        raise ValidationFailed(fields={"name": [_("Enter a name without “/”.")]})
    if parent is not None and parent.company_id != company.pk:
        raise ValidationFailed(fields={"parent": [_("Choose a record of this company.")]})
    loc = Location(
        company=company,
        name=name,
        parent=parent,
        usage=usage,
        barcode=barcode,
        warehouse=parent.warehouse if parent else None,
        full_name=f"{parent.full_name}/{name}" if parent else name,
    )
    return clean_and_save(loc, actor=actor)


@service_transaction
def warehouse_create(
    *, company, actor, code: str, name: str, allow_negative: bool = False, address: str = ""
) -> Warehouse:
    """A warehouse with its view location (CODE) and stock location (CODE/库存)."""
    code = (code or "").strip().upper()
    if Warehouse.objects.filter(company=company, code=code).exists():
        raise ValidationFailed(fields={"code": [_("A warehouse with this code already exists.")]})
    wh = clean_and_save(
        Warehouse(
            company=company,
            code=code,
            name=(name or "").strip(),
            allow_negative=allow_negative,
            address=address,
        ),
        actor=actor,
    )
    view = location_create(company=company, actor=actor, name=code, usage=LocationUsage.VIEW)
    stock = location_create(company=company, actor=actor, name="库存", parent=view)
    Location.objects.filter(pk__in=[view.pk, stock.pk]).update(warehouse=wh)
    wh.view_location, wh.stock_location = view, stock
    wh.save(update_fields=["view_location", "stock_location", "updated_at"])
    ensure_virtual_locations(company)
    return wh


@service_transaction
def lot_get_or_create(*, company, actor, product, name: str, expiry_date=None) -> Lot:
    name = (name or "").strip()
    if not name:
        raise TrackingError(fields={"lot": [_("Enter a lot or serial number.")]})
    lot = Lot.objects.filter(company=company, product=product, name=name).first()
    return lot or clean_and_save(
        Lot(company=company, product=product, name=name, expiry_date=expiry_date), actor=actor
    )


# --- quants ----------------------------------------------------------------------------------------------


def _quant_key(move, location):
    return {"product_id": move.product_id, "location_id": location.pk, "lot_key": move.lot_id or 0}


def _locked_quants(company_id, keys: dict) -> dict:
    """Lock the quants of `keys` {(product_id, location_id, lot_key): lot_id} in pk order — creating the
    missing ones first — so that concurrent moves never deadlock. Returns {key: Quant}."""

    def read():
        rows = Quant.objects.select_for_update().filter(
            _quant_q({"product_id": k[0], "location_id": k[1], "lot_key": k[2]} for k in keys)
        )
        return {(q.product_id, q.location_id, q.lot_key): q for q in rows.order_by("pk")}

    quants = read()
    missing = [k for k in keys if k not in quants]
    if missing:
        Quant.objects.bulk_create(
            [
                Quant(company_id=company_id, product_id=k[0], location_id=k[1], lot_key=k[2], lot_id=keys[k])
                for k in missing
            ],
            ignore_conflicts=True,
        )
        quants = read()
    return quants


def _allow_negative(location) -> bool:
    return bool(location.warehouse_id and location.warehouse.allow_negative)


def _is_stocked(product) -> bool:
    return product.type in {ProductType.GOODS, ProductType.CONSUMABLE}


# --- moves ------------------------------------------------------------------------------------------------


def _check_tracking(move) -> None:
    product = move.product
    touches_stock = move.location_src.is_internal or move.location_dest.is_internal
    if product.tracking == Tracking.NONE or not touches_stock:
        return
    if move.lot_id is None:
        raise TrackingError(
            _("%(product)s is tracked: give its lot or serial number.") % {"product": product}
        )
    if product.tracking == Tracking.SERIAL and move.product_qty != 1:
        raise TrackingError(
            _("A serial number is moved one piece at a time (%(product)s).") % {"product": product}
        )


@service_transaction
def move_create(
    *,
    company,
    actor,
    product,
    quantity,
    location_src,
    location_dest,
    unit=None,
    lot=None,
    price_unit=None,
    transfer=None,
    date=None,
    origin: str = "",
    partner=None,
    origin_move=None,
) -> StockMove:
    """A draft move. Quantity in `unit` (default: the product's), converted to the product's unit."""
    move = _new_move(
        company=company,
        product=product,
        quantity=quantity,
        location_src=location_src,
        location_dest=location_dest,
        unit=unit,
        lot=lot,
        price_unit=price_unit,
        transfer=transfer,
        date=date,
        origin=origin,
        partner=partner,
        origin_move=origin_move,
    )
    return bulk_insert([move], actor=actor)[0]


def _new_move(
    *,
    company,
    product,
    quantity,
    location_src,
    location_dest,
    unit=None,
    lot=None,
    price_unit=None,
    transfer=None,
    date=None,
    origin: str = "",
    partner=None,
    origin_move=None,
) -> StockMove:
    """A validated, unsaved move (the checks of move_create; the database is not asked)."""
    errors = {}
    quantity = Decimal(str(quantity))
    if quantity <= 0:
        errors["quantity"] = [_("The quantity must be greater than zero.")]
    if product.company_id != company.pk:
        errors["product"] = [_("Choose a record of this company.")]
    elif not _is_stocked(product):
        errors["product"] = [_("Services are not stocked.")]
    if location_src.pk == location_dest.pk:
        errors["location_dest"] = [_("Choose a different destination.")]
    if location_src.usage == LocationUsage.VIEW or location_dest.usage == LocationUsage.VIEW:
        errors["location_src"] = [_("A view location holds no stock; choose one inside it.")]
    if price_unit is not None and Decimal(str(price_unit)) < 0:
        errors["price_unit"] = [_("This value must not be negative.")]
    if errors:
        raise ValidationFailed(fields=errors)
    unit = unit or product.uom
    product_qty = unit_convert(quantity=quantity, from_unit=unit, to_unit=product.uom, round_result=False)
    move = StockMove(
        company=company,
        product=product,
        unit=unit,
        quantity=quantity,
        product_qty=product_qty,
        location_src=location_src,
        location_dest=location_dest,
        lot=lot,
        transfer=transfer,
        reference=transfer.number if transfer else origin,
        date=date or timezone.localdate(),
        price_unit=None if price_unit is None else Decimal(str(price_unit)),
        origin=origin,
        partner=partner,
        origin_move=origin_move,
    )
    try:  # sizes and choices; foreign keys are held objects, quantity > 0 was checked above
        move.clean_fields(exclude=[f.name for f in StockMove._meta.concrete_fields if f.is_relation])
    except DjangoValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc
    return move


def _quant_q(keys) -> Q:
    q = Q(pk__in=[])
    for k in keys:
        q |= Q(**k)
    return q


def _reserve_all(moves) -> None:
    """Set aside what the source quants have available for the outgoing `moves` (one locking read, one
    update); each move becomes reserved, or waiting for what is missing. The caller saves the moves."""
    need = {}
    for m in moves:
        if not m.location_src.is_internal:
            continue
        if m.product_qty - m.reserved_qty > 0:
            need[m] = m.product_qty - m.reserved_qty
        else:
            m.state = MoveState.RESERVED
    if not need:
        return
    keys = {tuple(sorted(_quant_key(m, m.location_src).items())) for m in need}
    quants = {
        (q.product_id, q.location_id, q.lot_key): q
        for q in Quant.objects.select_for_update().filter(_quant_q(dict(k) for k in keys)).order_by("pk")
    }
    changed = {}
    for m, want in need.items():
        q = quants.get((m.product_id, m.location_src_id, m.lot_id or 0))
        take = max(min(want, q.quantity - q.reserved), ZERO) if q else ZERO
        if take > 0:
            q.reserved += take
            changed[q.pk] = q
            m.reserved_qty += take
        m.state = MoveState.RESERVED if m.reserved_qty >= m.product_qty else MoveState.WAITING
    Quant.objects.bulk_update(list(changed.values()), ["reserved"])


def _release(move) -> None:
    if move.reserved_qty > 0:
        Quant.objects.filter(**_quant_key(move, move.location_src)).update(
            reserved=F("reserved") - move.reserved_qty
        )
        move.reserved_qty = ZERO


class _Layers:
    """The open (remaining > 0) valuation layers of the batch's products, locked and consumed in memory in
    (date, id) order; new layers join the queue. `save()` writes what changed with two statements."""

    def __init__(self, company_id, product_ids):
        self.company_id = company_id
        self.open: dict[int, list] = {pid: [] for pid in product_ids}
        if product_ids:
            for layer in (
                ValuationLayer.objects.select_for_update()
                .filter(company_id=company_id, product_id__in=product_ids, remaining_qty__gt=0)
                .order_by("product_id", "date", "id")
            ):
                self.open[layer.product_id].append(layer)
        self.new: list = []
        self.changed: dict[int, ValuationLayer] = {}

    def add(self, layer) -> None:
        self.new.append(layer)
        if layer.remaining_qty > 0:
            queue = self.open.setdefault(layer.product_id, [])
            queue.append(layer)  # stable sort: a new layer goes after the existing ones of its date
            queue.sort(key=lambda x: x.date)

    def take(self, product_id, qty: Decimal):
        """Consume qty from the oldest layers. Returns (value taken, quantity not covered, last unit cost)."""
        remaining, value, last_cost = qty, ZERO, None
        for layer in self.open.get(product_id, []):
            if remaining <= 0:
                break
            if layer.remaining_qty <= 0:
                continue
            take = min(remaining, layer.remaining_qty)
            part = layer.remaining_value if take == layer.remaining_qty else money(take * layer.unit_cost)
            layer.remaining_qty -= take
            layer.remaining_value -= part
            if layer.pk:
                self.changed[layer.pk] = layer
            value += part
            remaining -= take
            last_cost = layer.unit_cost
        return value, remaining, last_cost

    def save(self) -> None:
        ValuationLayer.objects.bulk_update(list(self.changed.values()), ["remaining_qty", "remaining_value"])
        ValuationLayer.objects.bulk_create(self.new)


def _value_in(move, pv: ProductValue, layers: _Layers) -> Decimal:
    unit_cost = move.price_unit
    if unit_cost is None and move.origin_move_id and move.origin_move.product_qty:
        unit_cost = (
            abs(move.origin_move.value) / move.origin_move.product_qty
        )  # a return comes back at its cost
    if unit_cost is None:
        unit_cost = pv.average_cost if pv.quantity > 0 else move.product.cost
    value = money(move.product_qty * unit_cost)
    layers.add(
        ValuationLayer(
            company_id=move.company_id,
            product=move.product,
            move=move,
            date=move.date,
            quantity=move.product_qty,
            value=value,
            unit_cost=unit_cost,
            remaining_qty=move.product_qty,
            remaining_value=value,
        )
    )
    return value


def _value_out(move, pv: ProductValue, layers: _Layers) -> Decimal:
    qty = move.product_qty
    method = move.product.category.cost_method if move.product.category_id else CostMethod.AVERAGE
    if method == CostMethod.FIFO:
        value, remaining, last_cost = layers.take(move.product_id, qty)
        if remaining > 0:  # negative stock allowed: value the rest at the last known cost
            value += money(remaining * (last_cost if last_cost is not None else move.product.cost))
    else:
        if pv.quantity > 0 and qty >= pv.quantity:
            value = pv.value + (money((qty - pv.quantity) * pv.average_cost) if qty > pv.quantity else ZERO)
        else:
            value = money(qty * (pv.average_cost if pv.quantity > 0 else move.product.cost))
        # consume incoming layers too, so FIFO remains correct if the category's method changes later
        layers.take(move.product_id, qty)
    layers.add(
        ValuationLayer(
            company_id=move.company_id,
            product=move.product,
            move=move,
            date=move.date,
            quantity=-qty,
            value=-value,
            unit_cost=value / qty,
        )
    )
    return -value


def _save_period_balances(company_id, deltas: dict) -> None:
    """Add {(product_id, period): [in_qty, in_value, out_qty, out_value]} to the months' balances (the
    products' value rows are locked, so no race here): one read, one update, one insert at most."""
    if not deltas:
        return
    existing = {
        (b.product_id, b.period): b
        for b in StockPeriodBalance.objects.filter(
            company_id=company_id,
            product_id__in={k[0] for k in deltas},
            period__in={k[1] for k in deltas},
        )
        if (b.product_id, b.period) in deltas
    }
    names = ("in_qty", "in_value", "out_qty", "out_value")
    update, create = [], []
    for key, d in deltas.items():
        b = existing.get(key)
        if b is None:
            create.append(
                StockPeriodBalance(
                    company_id=company_id,
                    product_id=key[0],
                    period=key[1],
                    **dict(zip(names, d, strict=True)),
                )
            )
        else:
            for name, x in zip(names, d, strict=True):
                setattr(b, name, F(name) + x)
            update.append(b)
    StockPeriodBalance.objects.bulk_update(update, list(names))
    StockPeriodBalance.objects.bulk_create(create)


def _locked_values(company_id, product_ids) -> dict:
    """The value rows of the products, locked in pk order (missing ones created first)."""

    def read():
        rows = ProductValue.objects.select_for_update().filter(
            company_id=company_id, product_id__in=product_ids
        )
        return {pv.product_id: pv for pv in rows.order_by("pk")}

    pvs = read()
    if len(pvs) < len(product_ids):
        ProductValue.objects.bulk_create(
            [ProductValue(company_id=company_id, product_id=pid) for pid in product_ids if pid not in pvs],
            ignore_conflicts=True,
        )
        pvs = read()
    return pvs


def _kind(src, dst) -> str:
    if src.is_internal and dst.is_internal:
        return "internal"
    return "out" if src.is_internal else ("in" if dst.is_internal else "external")


def _backdated_average(move) -> bool:
    method = move.product.category.cost_method if move.product.category_id else CostMethod.AVERAGE
    return (
        method == CostMethod.AVERAGE
        and move.product.type == ProductType.GOODS
        and _kind(move.location_src, move.location_dest) in {"in", "out"}
        and move.date < timezone.localdate()
    )


def _done_all(moves, *, actor) -> None:
    """Do confirmed moves together (the caller holds the transaction): quants, value, month balances,
    states — each with one statement for all the moves — and one StockMovesDone event."""
    if not moves:
        return
    if len(moves) > 1 and any(_backdated_average(m) for m in moves):
        for m in moves:  # each backdated move replays the layers after it: one at a time
            _done_all([m], actor=actor)
        return
    company_id = moves[0].company_id
    for m in moves:
        if m.state in {MoveState.DONE, MoveState.CANCELLED}:
            raise InvalidTransition()
        _check_tracking(m)
    keys = {}
    for m in moves:
        for loc in (m.location_src, m.location_dest):
            if loc.is_internal:
                keys[(m.product_id, loc.pk, m.lot_id or 0)] = m.lot_id
    quants = _locked_quants(company_id, keys) if keys else {}
    serials_in = set()
    for m in moves:
        src, dst = m.location_src, m.location_dest
        q_src = quants.get((m.product_id, src.pk, m.lot_id or 0)) if src.is_internal else None
        if q_src is not None:
            free = q_src.quantity - q_src.reserved + m.reserved_qty
            if m.product_qty > free and not _allow_negative(src):
                raise InsufficientStockError(
                    _("Not enough %(product)s in %(location)s: %(free)s available, %(need)s needed.")
                    % {
                        "product": m.product,
                        "location": src,
                        "free": free.normalize(),
                        "need": m.product_qty.normalize(),
                    }
                )
            q_src.quantity -= m.product_qty
            q_src.reserved -= m.reserved_qty
            m.reserved_qty = ZERO
        if dst.is_internal:
            q = quants[(m.product_id, dst.pk, m.lot_id or 0)]
            if m.product.tracking == Tracking.SERIAL and (
                m.lot_id in serials_in
                or Quant.objects.filter(
                    company_id=company_id, lot=m.lot, quantity__gt=0, location__usage=LocationUsage.INTERNAL
                )
                .exclude(pk=q_src.pk if q_src is not None else None)
                .exists()
            ):
                raise TrackingError(_("Serial number %(lot)s is already in stock.") % {"lot": m.lot})
            serials_in.add(m.lot_id)
            q.quantity += m.product_qty
    Quant.objects.bulk_update(list(quants.values()), ["quantity", "reserved"])

    valued = [
        m
        for m in moves
        if m.product.type == ProductType.GOODS and _kind(m.location_src, m.location_dest) in {"in", "out"}
    ]
    values = {m.pk: ZERO for m in moves}
    if valued:
        product_ids = sorted({m.product_id for m in valued})
        pvs = _locked_values(company_id, product_ids)
        outgoing = sorted({m.product_id for m in valued if m.location_src.is_internal})
        layers = _Layers(company_id, outgoing)
        deltas: dict = {}
        for m in valued:
            pv = pvs[m.product_id]
            incoming = m.location_dest.is_internal
            value = _value_in(m, pv, layers) if incoming else _value_out(m, pv, layers)
            pv.quantity += m.product_qty if incoming else -m.product_qty
            pv.value += value
            d = deltas.setdefault((m.product_id, m.date.year * 100 + m.date.month), [ZERO] * 4)
            if incoming:
                d[0] += m.product_qty
                d[1] += value
            else:
                d[2] += m.product_qty
                d[3] -= value
            values[m.pk] = value
        layers.save()
        ProductValue.objects.bulk_update(list(pvs.values()), ["quantity", "value"])
        _save_period_balances(company_id, deltas)
        if len(moves) == 1 and _backdated_average(moves[0]):
            from .revaluation import settle_backdated

            m = moves[0]
            m.value = values[m.pk]
            settle_backdated(m, layers.new[-1], pvs[m.product_id])
            values[m.pk] = m.value
    now = timezone.now()
    for m in moves:
        m.value = values[m.pk]
        m.state = MoveState.DONE
        m.done_at = now
    bulk_change(
        moves,
        ["quantity", "product_qty", "reserved_qty", "date", "value", "state", "done_at"],
        actor=actor,
    )
    events.publish(
        StockMovesDone(
            company_id=company_id,
            transfer_id=moves[0].transfer_id if len({m.transfer_id for m in moves}) == 1 else None,
            moves=tuple(
                StockMoveDone(
                    move_id=m.pk,
                    company_id=m.company_id,
                    product_id=m.product_id,
                    quantity=m.product_qty,
                    value=m.value,
                    kind=_kind(m.location_src, m.location_dest),
                    date=m.date,
                    location_src_usage=m.location_src.usage,
                    location_dest_usage=m.location_dest.usage,
                    reference=m.reference,
                    transfer_id=m.transfer_id,
                    origin=m.origin,
                    origin_move_id=m.origin_move_id,
                )
                for m in moves
            ),
        )
    )


# --- transfers ---------------------------------------------------------------------------------------------


def _default_locations(company, warehouse, kind):
    """(source, destination) of a transfer kind; only the virtual location the kind needs is looked up."""
    stock = warehouse.stock_location
    outside = {
        Transfer.Kind.RECEIPT: LocationUsage.SUPPLIER,
        Transfer.Kind.DELIVERY: LocationUsage.CUSTOMER,
        Transfer.Kind.RETURN_IN: LocationUsage.CUSTOMER,
        Transfer.Kind.RETURN_OUT: LocationUsage.SUPPLIER,
    }.get(kind)
    if outside is None:  # internal
        return stock, stock
    virtual = virtual_location(company, outside)
    incoming = kind in {Transfer.Kind.RECEIPT, Transfer.Kind.RETURN_IN}
    return (virtual, stock) if incoming else (stock, virtual)


@service_transaction
def transfer_create(
    *,
    company,
    actor,
    kind: str,
    warehouse,
    lines: list[dict],
    partner=None,
    origin: str = "",
    scheduled_date=None,
    location_src=None,
    location_dest=None,
    note: str = "",
    confirm: bool = True,
) -> Transfer:
    """A transfer with its moves. `lines`: [{"product", "quantity", "unit"?, "lot"? (Lot or name),
    "price_unit"?, "location_src"?, "location_dest"?, "origin"? (the line of the source document)}].
    Confirmed (and reserved) unless confirm=False."""
    if kind not in Transfer.Kind.values:
        raise ValidationFailed(fields={"kind": [_("Choose a valid transfer type.")]})
    if warehouse.company_id != company.pk:
        raise ValidationFailed(fields={"warehouse": [_("Choose a record of this company.")]})
    if not lines:
        raise ValidationFailed(fields={"lines": [_("Add at least one line.")]})
    src, dst = _default_locations(company, warehouse, kind)
    src, dst = location_src or src, location_dest or dst
    t = Transfer(
        company=company,
        kind=kind,
        warehouse=warehouse,
        partner=partner,
        origin=origin,
        note=note,
        location_src=src,
        location_dest=dst,
        scheduled_date=scheduled_date or timezone.localdate(),
        number=sequence_next(company=company, code=SEQUENCE_OF[kind]),
    )
    clean_and_save(t, actor=actor)
    moves = []
    for i, line in enumerate(lines):
        lot = line.get("lot")
        if isinstance(lot, str):
            lot = (
                lot_get_or_create(company=company, actor=actor, product=line["product"], name=lot)
                if lot.strip()
                else None
            )
        try:
            m = _new_move(
                company=company,
                transfer=t,
                product=line["product"],
                quantity=line["quantity"],
                unit=line.get("unit"),
                lot=lot,
                price_unit=line.get("price_unit"),
                partner=partner,
                location_src=line.get("location_src") or src,
                location_dest=line.get("location_dest") or dst,
                origin=line.get("origin") or origin,
                origin_move=line.get("origin_move"),
            )
        except ValidationFailed as exc:
            raise ValidationFailed(fields={f"lines.{i}.{k}": v for k, v in exc.fields.items()})
        moves.append(m)
    bulk_insert(moves, actor=actor)
    if confirm:  # the new transfer is ours alone until commit: no lock, no re-read
        _confirm(t, moves, actor=actor)
    return t


def _lock_transfer(transfer) -> Transfer:
    # only the transfer row, and FOR NO KEY UPDATE: concurrent inserts that reference the transfer or its
    # warehouse (deferred foreign-key checks at commit) must not wait on it — that ordered W before Q here
    # and Q before W in a concurrent create, a deadlock
    return (
        Transfer.objects.select_for_update(of=("self",), no_key=True)
        .select_related("warehouse")
        .get(pk=transfer.pk)
    )


def _guard(t, action):
    allowed, _target = TRANSITIONS[action]
    if t.state not in allowed:
        raise InvalidTransition(_("This transfer is %(state)s.") % {"state": t.get_state_display()})


def _moves(t):
    return list(
        t.moves.select_related(
            "product__category", "product__uom", "location_src__warehouse", "location_dest__warehouse", "lot"
        ).order_by("pk")
    )


def _refresh_state(t, moves=None) -> None:
    """The transfer's state from its moves' (`moves`: all the transfer's moves, when the caller has them)."""
    if _set_state(t, moves):
        t.save(update_fields=["state", "updated_at"])


def _set_state(t, moves=None) -> bool:
    states = {m.state for m in (t.moves.all() if moves is None else moves)} - {MoveState.CANCELLED}
    new = (
        TransferState.DONE
        if states == {MoveState.DONE}
        else TransferState.RESERVED
        if states == {MoveState.RESERVED}
        else TransferState.CANCELLED
        if not states
        else TransferState.WAITING
    )
    if new == t.state:
        return False
    audit_transition(t, action="refresh", from_state=t.state, to_state=new)
    t.state = new
    return True


def _confirm(t, moves, actor=None) -> None:
    """Draft → waiting for the locked (or new) transfer `t`; outgoing moves reserve what is available."""
    _guard(t, "confirm")
    for m in moves:
        # nothing to reserve from a supplier or customer; outgoing moves wait for what is missing
        m.state = MoveState.WAITING if m.location_src.is_internal else MoveState.RESERVED
    _reserve_all(moves)
    bulk_change(moves, ["state", "reserved_qty"], actor=actor)
    if _set_state(t, moves):
        t.save(update_fields=["state", "updated_at"])


@service_transaction
def transfer_confirm(*, transfer, actor) -> Transfer:
    """Draft → waiting; outgoing moves reserve what is available (ready when everything is)."""
    t = _lock_transfer(transfer)
    _confirm(t, _moves(t), actor=actor)
    return t


@service_transaction
def transfer_reserve(*, transfer, actor) -> Transfer:
    """Try again to reserve what is missing (e.g. after a receipt)."""
    t = _lock_transfer(transfer)
    _guard(t, "reserve")
    moves = [m for m in _moves(t) if m.state in OPEN_MOVE]
    _reserve_all(moves)
    bulk_change(moves, ["state", "reserved_qty"], actor=actor)
    _refresh_state(t)
    return t


@service_transaction
def transfer_validate(
    *, transfer, actor, quantities: dict | None = None, backorder: bool = True, date=None
) -> Transfer:
    """Do the transfer. `quantities` {move_id: done quantity in the move's unit} allows partial processing:
    what is left goes to a backorder (or is cancelled with backorder=False). Without `quantities` every
    move is done in full. Raises InsufficientStockError (nothing is done then), TrackingError."""
    t = _lock_transfer(transfer)
    _guard(t, "validate")
    moves = _moves(t)
    if t.state == TransferState.DRAFT:
        _confirm(t, moves, actor=actor)
    rest, doing = [], []
    for m in moves:
        if m.state not in OPEN_MOVE:
            continue
        done_qty = (
            Decimal(str(quantities.get(m.pk, quantities.get(str(m.pk), m.quantity))))
            if quantities
            else m.quantity
        )
        if done_qty < 0:
            raise ValidationFailed(fields={f"moves.{m.pk}": [_("This value must not be negative.")]})
        if done_qty == 0:
            rest.append((m, m.quantity))
            continue
        if done_qty < m.quantity:
            rest.append((m, m.quantity - done_qty))
            ratio = done_qty / m.quantity
            m.quantity = done_qty
            m.product_qty = m.product_qty * ratio
            if m.reserved_qty > m.product_qty:  # give back what the smaller move no longer needs
                Quant.objects.filter(**_quant_key(m, m.location_src)).update(
                    reserved=F("reserved") - (m.reserved_qty - m.product_qty)
                )
                m.reserved_qty = m.product_qty
        m.date = date or timezone.localdate()
        doing.append(m)
    _done_all(doing, actor=actor)
    if rest:
        if backorder:
            bo = Transfer.objects.create(
                company=t.company,
                created_by=actor,
                kind=t.kind,
                warehouse=t.warehouse,
                partner=t.partner,
                origin=t.origin,
                location_src=t.location_src,
                location_dest=t.location_dest,
                backorder_of=t,
                scheduled_date=t.scheduled_date,
                number=sequence_next(company=t.company, code=SEQUENCE_OF[t.kind]),
                state=TransferState.DRAFT,
            )
        for m, left in rest:
            if m.state == MoveState.DONE:  # partly done: the rest is a new move
                new = StockMove.objects.create(
                    company=m.company,
                    created_by=actor,
                    transfer=bo if backorder else t,
                    reference=m.reference,
                    product=m.product,
                    unit=m.unit,
                    quantity=left,
                    product_qty=unit_convert(
                        quantity=left, from_unit=m.unit, to_unit=m.product.uom, round_result=False
                    ),
                    location_src=m.location_src,
                    location_dest=m.location_dest,
                    lot=m.lot,
                    price_unit=m.price_unit,
                    origin=m.origin,
                    partner=m.partner,
                    origin_move=m.origin_move,
                    state=MoveState.DRAFT,
                )
                if not backorder:
                    new.state = MoveState.CANCELLED
                    new.save(update_fields=["state"])
            elif backorder:
                _release(m)
                m.transfer, m.state, m.reference = bo, MoveState.DRAFT, bo.number
                m.save()
            else:
                _release(m)
                m.state = MoveState.CANCELLED
                m.save()
        if backorder:
            transfer_confirm(transfer=bo, actor=actor)
    t.date = date or timezone.localdate()
    t.done_at = timezone.now()
    t.done_by = actor
    _set_state(t, None if rest else moves)  # moves left behind went to the backorder or were cancelled
    t.save(update_fields=["date", "done_at", "done_by", "state", "updated_at"])
    return t


@service_transaction
def transfer_cancel(*, transfer, actor) -> Transfer:
    """Cancel what is not done; reservations are released."""
    t = _lock_transfer(transfer)
    _guard(t, "cancel")
    for m in _moves(t):
        if m.state != MoveState.DONE:
            if m.reserved_qty:
                _release(m)
            m.state = MoveState.CANCELLED
            m.save(update_fields=["reserved_qty", "state", "updated_at"])
    _refresh_state(t)
    return t


@service_transaction
def return_create(*, transfer, actor, quantities: dict | None = None) -> Transfer:
    """A return of a done transfer (all, or {move_id: quantity}): opposite direction, valued at the cost the
    goods left or arrived with."""
    t = _lock_transfer(transfer)
    _guard(t, "return")
    kind = {
        Transfer.Kind.DELIVERY: Transfer.Kind.RETURN_IN,
        Transfer.Kind.RECEIPT: Transfer.Kind.RETURN_OUT,
    }.get(t.kind)
    if kind is None:
        raise InvalidTransition(_("Only receipts and deliveries can be returned."))
    lines = []
    for m in _moves(t):
        if m.state != MoveState.DONE:
            continue
        qty = Decimal(str(quantities.get(m.pk, quantities.get(str(m.pk), 0)))) if quantities else m.quantity
        if qty <= 0:
            continue
        returned = sum(
            r.quantity for r in StockMove.objects.filter(origin_move=m).exclude(state=MoveState.CANCELLED)
        )
        if qty > m.quantity - returned:
            raise ValidationFailed(
                fields={
                    f"moves.{m.pk}": [
                        _("At most %(n)s can still be returned.") % {"n": (m.quantity - returned).normalize()}
                    ]
                }
            )
        lines.append(
            {
                "product": m.product,
                "quantity": qty,
                "unit": m.unit,
                "lot": m.lot,
                "origin_move": m,
                "location_src": m.location_dest,
                "location_dest": m.location_src,
                "price_unit": abs(m.value) / m.product_qty
                if m.value and kind == Transfer.Kind.RETURN_IN
                else None,
            }
        )
    if not lines:
        raise ValidationFailed(fields={"moves": [_("Choose what to return.")]})
    ret = transfer_create(
        company=t.company,
        actor=actor,
        kind=kind,
        warehouse=t.warehouse,
        lines=lines,
        partner=t.partner,
        origin=t.number,
        location_src=t.location_dest,
        location_dest=t.location_src,
    )
    ret.return_of = t
    ret.save(update_fields=["return_of"])
    return ret


@service_transaction
def return_by_origin(*, actor, quantities: dict[str, Decimal]) -> list[Transfer]:
    """Return goods of source-document lines: {origin (e.g. "sales.line:12"): quantity} → return transfers,
    one per done transfer the quantities came from (latest first). The caller checks the quantities against
    its own (delivered or received); a quantity no done move covers is refused."""
    from collections import defaultdict

    by_transfer: dict[int, dict] = defaultdict(dict)
    moves = StockMove.objects.filter(origin__in=list(quantities), state=MoveState.DONE).order_by("-pk")
    returned: dict[int, Decimal] = defaultdict(Decimal)
    for r in StockMove.objects.filter(origin_move__in=moves).exclude(state=MoveState.CANCELLED):
        returned[r.origin_move_id] += r.quantity
    left = {origin: Decimal(str(q)) for origin, q in quantities.items() if Decimal(str(q)) > 0}
    for m in moves:
        need = left.get(m.origin, ZERO)
        take = min(need, m.quantity - returned[m.pk])
        if take > 0:
            by_transfer[m.transfer_id][m.pk] = take
            left[m.origin] = need - take
    short = {origin: q for origin, q in left.items() if q > 0}
    if short:
        raise ValidationFailed(
            fields={origin: [_("At most what was moved can be returned.")] for origin in short}
        )
    if not by_transfer:
        raise ValidationFailed(fields={"lines": [_("Choose what to return.")]})
    return [
        return_create(transfer=Transfer.objects.get(pk=tid), actor=actor, quantities=qty_by_move)
        for tid, qty_by_move in sorted(by_transfer.items())
    ]


def return_order_lines(*, actor, lines: dict, quantities: dict, returnable) -> list[Transfer]:
    """Return goods of a sales or purchase order: `lines` {line id: line with .source}, `quantities` {line id:
    quantity} as typed, `returnable(line)` the most that may go back (delivered / received). Checks each
    quantity (errors named lines.<id>), then return_by_origin."""
    wanted: dict[str, Decimal] = {}
    errors = {}
    for key, value in quantities.items():
        line = lines.get(int(key))
        try:
            qty = Decimal(str(value or 0))
        except InvalidOperation:
            errors[f"lines.{key}"] = [_("Enter a number.")]
            continue
        if line is None:
            errors[f"lines.{key}"] = [_("Choose a line of this order.")]
            continue
        if qty <= 0:
            continue
        limit = returnable(line)
        if qty > limit:
            errors[f"lines.{key}"] = [
                _("At most %(n)s can be returned.") % {"n": format(limit.normalize(), "f")}
            ]
            continue
        wanted[line.source] = qty
    if errors:
        raise ValidationFailed(fields=errors)
    if not wanted:
        raise ValidationFailed(fields={"lines": [_("Choose what to return.")]})
    return return_by_origin(actor=actor, quantities=wanted)
