"""Inventory pages: transfers (scanner-friendly lines), stock on hand, 收发存 summary, move history."""

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ronghe.core.errors import DomainError, ValidationFailed
from ronghe.core.scoping import has_perm, require_perm
from ronghe.partners.selectors import partner_list
from ronghe.products.selectors import product_list
from ronghe.web.forms import flash_service_errors
from ronghe.web.listing import Column, Filter, render_list, xlsx_response

from . import selectors, services
from .models import Transfer
from .states import TRANSITIONS, TransferState

KIND_TITLES = {
    "receipt": _("Receipts"),
    "delivery": _("Deliveries"),
    "internal": _("Internal transfers"),
    "return_in": _("Customer returns"),
    "return_out": _("Returns to suppliers"),
    "": _("Transfers"),
}


@login_required
def transfer_list(request):
    kind = request.GET.get("kind", "")
    qs = selectors.transfer_list(
        user=request.user,
        company=request.company,
        kind=kind,
        state=request.GET.get("state", ""),
        q=request.GET.get("q", ""),
    )
    columns = [
        Column("number", _("Number"), sort="number", kind="link"),
        Column("get_kind_display", _("Type"), sort="kind"),
        Column("partner", _("Partner"), css="rh-hide-sm"),
        Column("warehouse", _("Warehouse"), sort="warehouse__code", css="rh-hide-sm"),
        Column("origin", _("Source document"), css="rh-hide-sm"),
        Column("scheduled_date", _("Scheduled date"), sort="scheduled_date", kind="date"),
        Column("get_state_display", _("State"), sort="state"),
    ]
    actions = []
    if has_perm(request.user, request.company, "inventory.add_transfer"):
        for k in ("receipt", "delivery", "internal"):
            actions.append(
                {
                    "label": Transfer.Kind(k).label,
                    "url": f"/inventory/transfers/new/?kind={k}",
                    "icon": "plus-lg",
                }
            )
    filters = [
        Filter("kind", _("Type"), list(Transfer.Kind.choices)),
        Filter("state", _("State"), list(TransferState.choices)),
    ]
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=KIND_TITLES.get(kind, KIND_TITLES[""]),
        filters=filters,
        actions=actions,
        export_name="transfers",
        default_sort="-id",
        extra={"search_placeholder": _("Number or source document"), "keep_params": ["kind"]},
    )


def _lines_from_post(request, company):
    try:
        raw = json.loads(request.POST.get("lines_json") or "[]")
    except json.JSONDecodeError:
        raw = []
    products = {
        p.pk: p
        for p in product_list(user=request.user, company=company).filter(
            pk__in=[r.get("product") for r in raw if str(r.get("product", "")).isdigit()]
        )
    }
    lines, errors = [], {}
    for i, r in enumerate(raw):
        p = products.get(int(r["product"])) if str(r.get("product", "")).isdigit() else None
        if p is None:
            errors[f"lines.{i}.product"] = [_("Choose a product.")]
            continue
        try:
            qty = Decimal(str(r.get("quantity") or "0"))
            price = Decimal(str(r["price_unit"])) if r.get("price_unit") not in (None, "") else None
        except InvalidOperation:
            errors[f"lines.{i}.quantity"] = [_("Enter a number.")]
            continue
        lines.append(
            {"product": p, "quantity": qty, "lot": (r.get("lot") or "").strip() or None, "price_unit": price}
        )
    return raw, lines, errors


@login_required
def transfer_create(request):
    require_perm(request.user, request.company, "inventory.add_transfer")
    kind = request.POST.get("kind") or request.GET.get("kind", "receipt")
    if kind not in Transfer.Kind.values:
        kind = "receipt"
    warehouses = list(selectors.warehouse_list(company=request.company))
    errors, raw = {}, []
    if request.method == "POST":
        raw, lines, errors = _lines_from_post(request, request.company)
        wh = next((w for w in warehouses if str(w.pk) == request.POST.get("warehouse")), None)
        partner = (
            partner_list(user=request.user, company=request.company, active=None)
            .filter(pk=request.POST.get("partner") or 0)
            .first()
        )
        if not errors:
            try:
                with transaction.atomic():  # saved and validated together, or nothing
                    t = services.transfer_create(
                        company=request.company,
                        actor=request.user,
                        kind=kind,
                        warehouse=wh,
                        lines=lines,
                        partner=partner,
                        origin=request.POST.get("origin", ""),
                        note=request.POST.get("note", ""),
                        scheduled_date=date.fromisoformat(
                            request.POST.get("scheduled_date") or timezone.localdate().isoformat()
                        ),
                    )
                    if request.POST.get("action") == "validate":
                        services.transfer_validate(transfer=t, actor=request.user)
                messages.success(request, _("Saved."))
                return redirect(t.get_absolute_url())
            except (ValidationFailed, AttributeError) as exc:
                errors = getattr(exc, "fields", None) or {"__all__": [_("Choose a warehouse.")]}
            except DomainError as exc:
                errors = {"__all__": [str(exc.message)]}
    role = "supplier" if kind in {"receipt", "return_out"} else "customer"
    partners = partner_list(user=request.user, company=request.company, role=role).order_by("name")[:500]
    products = [
        {
            "id": p.pk,
            "code": p.code,
            "barcode": p.barcode,
            "name": p.name,
            "spec": p.spec,
            "unit": p.uom.name,
            "tracking": p.tracking,
            "cost": str(p.cost),
        }
        for p in product_list(user=request.user, company=request.company).exclude(type="service")
    ]
    return render(
        request,
        "inventory/transfer_form.html",
        {
            "kind": kind,
            "kind_label": Transfer.Kind(kind).label,
            "warehouses": warehouses,
            "partners": partners,
            "products_json": products,
            "lines_json": raw,
            "errors_json": errors,
            "post": request.POST,
            "today": timezone.localdate().isoformat(),
            "priced": kind in {"receipt", "return_in"},
        },
        status=422 if errors else 200,
    )


@login_required
def transfer_detail(request, pk):
    t = selectors.transfer_get_for_user(pk=pk, user=request.user, company=request.company)
    can = has_perm(request.user, request.company, "inventory.change_transfer")
    allowed = {a for a, (states, _target) in TRANSITIONS.items() if t.state in states} if can else set()
    if t.kind not in {"receipt", "delivery"}:
        allowed.discard("return")
    moves = list(
        t.moves.select_related("product", "unit", "lot", "location_src", "location_dest").order_by("pk")
    )
    return render(
        request,
        "inventory/transfer_detail.html",
        {
            "t": t,
            "moves": moves,
            "allowed": allowed,
            "backorders": t.backorders.all(),
            "returns": t.returns.all(),
        },
    )


@login_required
@require_POST
def transfer_act(request, pk, action):
    require_perm(request.user, request.company, "inventory.change_transfer")
    t = selectors.transfer_get_for_user(pk=pk, user=request.user, company=request.company)
    try:
        if action == "confirm":
            services.transfer_confirm(transfer=t, actor=request.user)
        elif action == "reserve":
            services.transfer_reserve(transfer=t, actor=request.user)
        elif action == "validate":
            quantities = {int(k[4:]): v for k, v in request.POST.items() if k.startswith("qty_") and v != ""}
            services.transfer_validate(
                transfer=t,
                actor=request.user,
                quantities=quantities or None,
                backorder=request.POST.get("backorder", "1") == "1",
            )
        elif action == "cancel":
            services.transfer_cancel(transfer=t, actor=request.user)
        elif action == "return":
            ret = services.return_create(transfer=t, actor=request.user)
            messages.success(request, _("Return created."))
            return redirect(ret.get_absolute_url())
        messages.success(request, _("Saved."))
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(t.get_absolute_url())


@login_required
def stock(request):
    require_perm(request.user, request.company, "inventory.view_stockmove")
    qs = selectors.stock_report(
        user=request.user,
        company=request.company,
        warehouse=request.GET.get("warehouse") or None,
        q=request.GET.get("q", ""),
        only_in_stock=request.GET.get("in_stock") == "1",
    )
    columns = [
        Column("code", _("Code"), sort="code"),
        Column("name", _("Name"), sort="name"),
        Column("spec", _("Specification"), css="rh-hide-sm"),
        Column("uom", _("Unit")),
        Column("on_hand", _("On hand"), sort="on_hand", align="end", kind="qty"),
        Column("reserved_qty", _("Reserved"), sort="reserved_qty", align="end", kind="qty", css="rh-hide-sm"),
        Column(
            "available",
            _("Available"),
            align="end",
            kind="qty",
            accessor=lambda p: p.on_hand - p.reserved_qty,
        ),
        Column(
            "avg",
            _("Unit cost"),
            align="end",
            kind="money",
            css="rh-hide-sm",
            accessor=lambda p: (p.stock_value / p.stock_qty) if p.stock_qty else None,
        ),
        Column("stock_value", _("Amount"), sort="stock_value", align="end", kind="money"),
    ]
    filters = [
        Filter(
            "warehouse",
            _("Warehouse"),
            [(w.pk, w.name) for w in selectors.warehouse_list(company=request.company)],
        ),
        Filter("in_stock", _("Stock"), [("1", _("In stock only"))]),
    ]
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=_("Stock on hand"),
        filters=filters,
        export_name="stock",
        default_sort="code",
        per_page=50,
        extra={"search_placeholder": _("Code or name")},
    )


@login_required
def summary(request):
    """收发存汇总 for a month (or any range): opening, in, out, closing in quantity and value."""
    require_perm(request.user, request.company, "inventory.view_stockmove")
    today = timezone.localdate()
    try:
        date_from = date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        date_from = today.replace(day=1)
    try:
        date_to = date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        date_to = today
    rows = selectors.stock_summary(
        company=request.company, date_from=date_from, date_to=date_to, q=request.GET.get("q", "")
    )
    keys = (
        "open_qty",
        "open_value",
        "in_qty",
        "in_value",
        "out_qty",
        "out_value",
        "close_qty",
        "close_value",
    )
    totals = {k: sum((r[k] for r in rows), Decimal(0)) for k in keys if k.endswith("value")}
    if request.GET.get("export") == "xlsx":
        return _summary_xlsx(rows, date_from, date_to)
    return render(
        request,
        "inventory/summary.html",
        {
            "rows": rows,
            "totals": totals,
            "date_from": date_from,
            "date_to": date_to,
            "q": request.GET.get("q", ""),
        },
    )


def _summary_xlsx(rows, date_from, date_to):
    header = [
        _("Code"),
        _("Name"),
        _("Specification"),
        _("Unit"),
        _("Opening quantity"),
        _("Opening value"),
        _("In quantity"),
        _("In value"),
        _("Out quantity"),
        _("Out value"),
        _("Closing quantity"),
        _("Closing value"),
    ]
    keys = (
        "code",
        "name",
        "spec",
        "unit",
        "open_qty",
        "open_value",
        "in_qty",
        "in_value",
        "out_qty",
        "out_value",
        "close_qty",
        "close_value",
    )
    return xlsx_response(f"stock-summary-{date_from}-{date_to}", header, ([r[k] for k in keys] for r in rows))


@login_required
def move_history(request):
    require_perm(request.user, request.company, "inventory.view_stockmove")
    qs = selectors.move_list(company=request.company).filter(state="done")
    if request.GET.get("q"):
        from django.db.models import Q

        q = request.GET["q"]
        qs = qs.filter(
            Q(product__code__icontains=q)
            | Q(product__name__icontains=q)
            | Q(reference__icontains=q)
            | Q(lot__name__icontains=q)
        )
    columns = [
        Column("date", _("Date"), sort="date", kind="date"),
        Column("reference", _("Reference"), sort="reference"),
        Column("product", _("Product"), sort="product__code"),
        Column("lot", _("Lot / serial number"), css="rh-hide-sm"),
        Column("location_src", _("From"), css="rh-hide-sm"),
        Column("location_dest", _("To"), css="rh-hide-sm"),
        Column("product_qty", _("Quantity"), sort="product_qty", align="end", kind="qty"),
        Column("value", _("Amount"), sort="value", align="end", kind="money"),
    ]
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=_("Stock moves"),
        export_name="stock-moves",
        default_sort="-id",
        per_page=50,
        extra={"search_placeholder": _("Product, reference or lot")},
    )


# --- stock counts ---------------------------------------------------------------------------------------


@login_required
def count_list(request):
    from .models import StockCount

    require_perm(request.user, request.company, "inventory.view_transfer")
    qs = StockCount.objects.filter(company=request.company).select_related(
        "warehouse", "location", "category"
    )
    columns = [
        Column("number", _("Number"), sort="number", kind="link"),
        Column("warehouse", _("Warehouse")),
        Column("location", _("Location"), css="rh-hide-sm"),
        Column("category", _("Category"), css="rh-hide-sm"),
        Column("date", _("Date"), sort="date", kind="date"),
        Column("difference_value", _("Difference value"), align="end", kind="money"),
        Column("get_state_display", _("State"), sort="state"),
    ]
    actions = []
    if has_perm(request.user, request.company, "inventory.add_transfer"):
        actions.append({"label": _("New stock count"), "url": "/inventory/counts/new/", "icon": "plus-lg"})
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=_("Stock counts"),
        actions=actions,
        export_name="stock-counts",
        default_sort="-id",
    )


@login_required
def count_create(request):
    from ronghe.products.selectors import product_category_list

    from . import counts

    require_perm(request.user, request.company, "inventory.add_transfer")
    warehouses = list(selectors.warehouse_list(company=request.company))
    if request.method == "POST":
        wh = next((w for w in warehouses if str(w.pk) == request.POST.get("warehouse")), None)
        category = (
            product_category_list(company=request.company)
            .filter(pk=request.POST.get("category") or 0)
            .first()
        )
        if wh is not None:
            c = counts.count_create(
                company=request.company,
                actor=request.user,
                warehouse=wh,
                category=category,
                note=request.POST.get("note", ""),
            )
            return redirect(c.get_absolute_url())
        messages.error(request, _("Choose a warehouse."))
    return render(
        request,
        "inventory/count_create.html",
        {"warehouses": warehouses, "categories": product_category_list(company=request.company)},
    )


@login_required
def count_detail(request, pk):
    from .counts import settings_for
    from .models import StockCount

    require_perm(request.user, request.company, "inventory.view_transfer")
    c = StockCount.objects.select_related("warehouse", "location", "category", "transfer").get(
        pk=pk, company=request.company
    )
    lines = list(c.lines.select_related("product__uom", "lot"))
    from ronghe.workflow.selectors import request_for_target

    return render(
        request,
        "inventory/count_detail.html",
        {
            "c": c,
            "lines": lines,
            "editable": c.state == "draft"
            and has_perm(request.user, request.company, "inventory.change_transfer"),
            "threshold": settings_for(request.company).count_approval_threshold,
            "approval": request_for_target(c),
            "errors": {},
        },
    )


@login_required
@require_POST
def count_act(request, pk, action):
    from . import counts
    from .models import StockCount

    require_perm(request.user, request.company, "inventory.change_transfer")
    c = StockCount.objects.get(pk=pk, company=request.company)
    try:
        if action in {"save", "post"}:
            counts.count_set(
                count=c,
                actor=request.user,
                quantities={k[8:]: v for k, v in request.POST.items() if k.startswith("counted_")},
            )
        if action == "post":
            c = counts.count_post(count=c, actor=request.user)
            messages.success(request, _("Sent for approval.") if c.state == "submitted" else _("Posted."))
        elif action == "save":
            messages.success(request, _("Saved."))
        elif action == "add":
            p = (
                product_list(user=request.user, company=request.company)
                .filter(code=request.POST.get("code", "").strip())
                .first()
            )
            if p is None:
                raise ValidationFailed(
                    fields={
                        "code": [_("No product with code %(code)s.") % {"code": request.POST.get("code")}]
                    }
                )
            counts.count_line_add(
                count=c, actor=request.user, product=p, lot_name=request.POST.get("lot", "")
            )
        elif action == "import":
            f = request.FILES.get("file")
            if f is None:
                raise ValidationFailed(fields={"file": [_("Choose a file to upload.")]})
            n = counts.count_import(count=c, actor=request.user, rows=counts.read_excel(f))
            messages.success(request, _("%(n)d rows imported.") % {"n": n})
        elif action == "cancel":
            counts.count_cancel(count=c, actor=request.user)
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(c.get_absolute_url())


# --- replenishment and opening balances ---------------------------------------------------------------


@login_required
def replenishment_page(request):
    from . import replenish

    require_perm(request.user, request.company, "inventory.view_stockmove")
    warehouses = list(selectors.warehouse_list(company=request.company))
    if request.method == "POST":
        require_perm(request.user, request.company, "inventory.change_transfer")
        p = (
            product_list(user=request.user, company=request.company)
            .filter(code=request.POST.get("code", "").strip())
            .first()
        )
        wh = next((w for w in warehouses if str(w.pk) == request.POST.get("warehouse")), None)
        try:
            if p is None or wh is None:
                raise ValidationFailed(fields={"code": [_("Choose a product and a warehouse.")]})
            replenish.reorder_rule_save(
                company=request.company,
                actor=request.user,
                product=p,
                warehouse=wh,
                min_qty=request.POST.get("min_qty") or 0,
                max_qty=request.POST.get("max_qty") or 0,
            )
            messages.success(request, _("Saved."))
        except (ValidationFailed, InvalidOperation) as exc:
            if isinstance(exc, ValidationFailed):
                flash_service_errors(request, exc)
            else:
                messages.error(request, _("Enter a number."))
        return redirect("inventory:replenishment")
    rows = replenish.replenishment(company=request.company)
    return render(request, "inventory/replenishment.html", {"rows": rows, "warehouses": warehouses})


@login_required
def opening_import_page(request):
    from . import replenish

    require_perm(request.user, request.company, "inventory.add_transfer")
    warehouses = list(selectors.warehouse_list(company=request.company))
    errors = {}
    if request.method == "POST":
        wh = next((w for w in warehouses if str(w.pk) == request.POST.get("warehouse")), None)
        f = request.FILES.get("file")
        try:
            if wh is None or f is None:
                raise ValidationFailed(fields={"file": [_("Choose a warehouse and a file.")]})
            t = replenish.opening_import(
                company=request.company,
                actor=request.user,
                warehouse=wh,
                rows=replenish.read_opening_excel(f),
            )
            messages.success(request, _("Opening balances imported."))
            return redirect(t.get_absolute_url())
        except ValidationFailed as exc:
            errors = exc.fields or {"file": [str(exc.message)]}
    return render(
        request,
        "inventory/opening_import.html",
        {"warehouses": warehouses, "errors": errors},
        status=422 if errors else 200,
    )


@login_required
def lot_trace_page(request, pk):
    from .models import Lot

    require_perm(request.user, request.company, "inventory.view_stockmove")
    lot = Lot.objects.select_related("product").get(pk=pk, company=request.company)
    return render(request, "inventory/lot_trace.html", selectors.lot_trace(company=request.company, lot=lot))


@login_required
def lot_search(request):
    from .models import Lot

    require_perm(request.user, request.company, "inventory.view_stockmove")
    q = request.GET.get("q", "").strip()
    lots = (
        Lot.objects.filter(company=request.company, name__icontains=q).select_related("product")[:50]
        if q
        else []
    )
    if len(lots) == 1:
        return redirect("inventory:lot-trace", pk=lots[0].pk)
    return render(request, "inventory/lot_search.html", {"lots": lots, "q": q})


@login_required
def stock_age_page(request):
    require_perm(request.user, request.company, "inventory.view_stockmove")
    rows = selectors.stock_age(company=request.company, q=request.GET.get("q", ""))
    if request.GET.get("export") == "xlsx":
        header = [
            _("Code"),
            _("Name"),
            _("Oldest receipt"),
            *[b[1] for b in selectors.AGE_BUCKETS],
            _("Quantity"),
            _("Amount"),
        ]
        return xlsx_response(
            "stock-age",
            header,
            (
                [r["code"], r["name"], r["oldest"], *r["buckets"], r["total_qty"], r["total_value"]]
                for r in rows
            ),
        )
    return render(
        request,
        "inventory/stock_age.html",
        {"rows": rows, "buckets": [b[1] for b in selectors.AGE_BUCKETS], "q": request.GET.get("q", "")},
    )
