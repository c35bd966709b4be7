"""Sales pages: quotation/order list, entry (the shared order-line editor), order page with the actions the
TRANSITIONS table allows, its deliveries, invoices and approval."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ronghe.accounting.models import Invoice
from ronghe.core.errors import DomainError, ValidationFailed
from ronghe.core.scoping import has_perm, require_perm
from ronghe.inventory.selectors import available_by_product, warehouse_list
from ronghe.partners.selectors import partner_list
from ronghe.products.selectors import product_list
from ronghe.web.forms import flash_service_errors, form_errors, parse_date
from ronghe.web.listing import Column, Filter, render_list
from ronghe.web.orderforms import lines_for_service, posted_lines

from . import selectors, services
from .states import TRANSITIONS, OrderState


@login_required
def order_list(request):
    company = request.company
    qs = selectors.order_list(
        user=request.user, company=company, state=request.GET.get("state", ""), q=request.GET.get("q", "")
    )
    columns = [
        Column("date", _("Date"), sort="date", kind="date"),
        Column("number", _("Number"), sort="number", kind="link"),
        Column("partner.name", _("Customer"), sort="partner__name"),
        Column("salesperson", _("Salesperson"), css="rh-hide-sm"),
        Column("amount_total", _("Total"), sort="amount_total", align="end", kind="money"),
        Column("get_approval_state_display", _("Approval"), css="rh-hide-sm"),
        Column("get_state_display", _("State"), sort="state"),
    ]
    actions = []
    if has_perm(request.user, company, "sales.add_salesorder"):
        actions.append({"label": _("New quotation"), "url": "/sales/orders/new/", "icon": "plus-lg"})
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=_("Quotations and orders"),
        filters=[Filter("state", _("State"), list(OrderState.choices))],
        actions=actions,
        export_name="sales-orders",
        default_sort="-date",
        extra={"search_placeholder": _("Number, customer or reference")},
    )


@login_required
def order_form(request, pk=None, *, on_create=None, initial_partner=None):
    """The quotation entry form. `on_create` (another module's page reusing it, e.g. a quotation from a CRM
    opportunity) creates the order instead of services.order_create, with the same keyword arguments."""
    company = request.company
    order = selectors.order_get_for_user(pk=pk, user=request.user, company=company) if pk else None
    require_perm(request.user, company, "sales.change_salesorder" if order else "sales.add_salesorder")
    if order is not None and order.state not in TRANSITIONS["edit"][0]:
        messages.error(request, _("Only quotations can be edited."))
        return redirect(order.get_absolute_url())
    warehouses = list(warehouse_list(company=company))
    products = {p.pk: p for p in product_list(user=request.user, company=company).order_by("code")[:2000]}
    available = available_by_product(company=company)
    post = {
        "date": timezone.localdate().isoformat(),
        "price_includes_tax": True,
        "partner": str(initial_partner or request.GET.get("partner", "")),
        "warehouse": str(warehouses[0].pk) if warehouses else "",
        "reference": "",
        "note": "",
        "date2": "",
    }
    lines, errors = [], {}
    if order is not None:
        post = {
            "date": order.date.isoformat(),
            "price_includes_tax": order.price_includes_tax,
            "partner": str(order.partner_id),
            "warehouse": str(order.warehouse_id),
            "reference": order.reference,
            "note": order.note,
            "date2": order.validity_date.isoformat() if order.validity_date else "",
        }
        lines = [
            {
                "product": x.product_id,
                "quantity": str(x.quantity.normalize()),
                "unit_price": str(x.unit_price.normalize()),
                "discount_percent": str(x.discount_percent.normalize()),
                "vat_rate": str(x.vat_rate.normalize()),
                "requested_date": x.requested_date.isoformat() if x.requested_date else "",
            }
            for x in selectors.order_lines(order)
        ]
    if request.method == "POST":
        post = {
            k: request.POST.get(k, "") for k in ("date", "partner", "warehouse", "reference", "note", "date2")
        }
        post["price_includes_tax"] = bool(request.POST.get("price_includes_tax"))
        lines = posted_lines(request)
        partner = (
            partner_list(user=request.user, company=company, active=None).filter(pk=post["partner"]).first()
            if post["partner"].isdigit()
            else None
        )
        warehouse = next((w for w in warehouses if str(w.pk) == post["warehouse"]), None)
        try:
            service_lines = lines_for_service(lines, products)
            if order is None:
                order = (on_create or services.order_create)(
                    company=company,
                    actor=request.user,
                    partner=partner,
                    warehouse=warehouse,
                    lines=service_lines,
                    date=parse_date(post["date"]),
                    validity_date=parse_date(post["date2"]),
                    price_includes_tax=post["price_includes_tax"],
                    reference=post["reference"],
                    note=post["note"],
                )
            else:
                order = services.order_update(
                    order=order,
                    actor=request.user,
                    lines=service_lines,
                    partner=partner,
                    date=parse_date(post["date"]) or order.date,
                    validity_date=parse_date(post["date2"]),
                    reference=post["reference"],
                    note=post["note"],
                )
            if request.POST.get("action") == "confirm":
                order = services.order_confirm(order=order, actor=request.user)
                _flash_confirm(request, order)
            else:
                messages.success(request, _("%(number)s saved.") % {"number": order.number})
            return redirect(order.get_absolute_url())
        except ValidationFailed as exc:
            errors = form_errors(exc)
        except DomainError as exc:
            errors = {"__all__": [str(exc.message)]}
    partners = (
        partner_list(user=request.user, company=company).filter(is_customer=True).order_by("code")[:2000]
    )
    return render(
        request,
        "web/order_form.html",
        {
            "title": _("Edit %(number)s") % {"number": order.number} if order else _("New quotation"),
            "back_url": "/sales/orders/",
            "back_label": _("Quotations and orders"),
            "partner_label": _("Customer"),
            "date2_label": _("Valid until"),
            "requested": True,
            "price_hint": _("Leave empty for the customer's price list"),
            "atp_url": "/sales/atp/",
            "can_change_warehouse": order is None,
            "partners": partners,
            "warehouses": warehouses,
            "post": post,
            "lines_json": lines,
            "errors_json": errors,
            "products_json": [
                {
                    "id": p.pk,
                    "code": p.code,
                    "name": p.name,
                    "price": str(p.sale_price),
                    "vat": str(p.vat_rate),
                    "available": str(available.get(p.pk, 0).normalize()) if p.type != "service" else "—",
                }
                for p in products.values()
            ],
        },
        status=422 if errors else 200,
    )


@login_required
def atp(request):
    """Available-to-promise for the lines being typed: ?warehouse=&product=&quantity=… (repeated, in line
    order) → {"dates": ["2026-12-03" | null, …]}; earlier lines take stock first, as the order would."""
    from django.http import JsonResponse

    from ronghe.inventory.selectors import availability_dates

    company = request.company
    require_perm(request.user, company, "sales.view_salesorder")
    warehouse = next(
        (w for w in warehouse_list(company=company) if str(w.pk) == request.GET.get("warehouse")), None
    )
    products = {
        p.pk: p
        for p in product_list(user=request.user, company=company, active=None).filter(
            pk__in=[x for x in request.GET.getlist("product") if x.isdigit()]
        )
    }
    demands, index = [], []
    pairs = zip(request.GET.getlist("product"), request.GET.getlist("quantity"), strict=False)
    for i, (pid, qty) in enumerate(pairs):
        product = products.get(int(pid)) if pid.isdigit() else None
        try:
            quantity = Decimal(qty or "0")
        except InvalidOperation:
            quantity = Decimal(0)
        if product is None or product.type == "service" or quantity <= 0:
            continue
        demands.append((product.pk, quantity))
        index.append(i)
    dates = [None] * len(request.GET.getlist("product"))
    today = timezone.localdate()
    for i, pid in enumerate(request.GET.getlist("product")):
        product = products.get(int(pid)) if pid.isdigit() else None
        if product is not None and product.type == "service":
            dates[i] = today.isoformat()
    found = availability_dates(company=company, demands=demands, warehouse=warehouse, today=today)
    for i, day in zip(index, found, strict=True):
        dates[i] = day.isoformat() if day else None
    return JsonResponse({"dates": dates})


def _flash_confirm(request, order):
    if order.state == OrderState.CONFIRMED:
        messages.success(
            request,
            _("%(number)s confirmed; the delivery is ready for the warehouse.") % {"number": order.number},
        )
    else:
        messages.info(
            request,
            _("%(number)s needs approval: %(reason)s")
            % {"number": order.number, "reason": order.approval_reason},
        )


@login_required
def order_detail(request, pk):
    company = request.company
    order = selectors.order_get_for_user(pk=pk, user=request.user, company=company)
    lines = selectors.order_lines(order)
    invoiced = services.invoiced_quantities(lines)
    dates = services.ship_dates(order, lines)
    for x in lines:
        x.qty_invoiced = invoiced.get(x.pk, 0)
        x.ship_date = dates.get(x.pk, "")
    can_change = has_perm(request.user, company, "sales.change_salesorder")
    allowed = {a for a, (states, _t) in TRANSITIONS.items() if order.state in states and can_change}
    if order.approval_state == "pending":
        allowed -= {"confirm", "edit"}
    can_invoice = order.state == OrderState.CONFIRMED and has_perm(
        request.user, company, "accounting.add_invoice"
    )
    invoices = list(
        Invoice.objects.filter(company=company, lines__source__in=[x.source for x in lines])
        .distinct()
        .order_by("date", "pk")
    )
    return render(
        request,
        "sales/order_detail.html",
        {
            "order": order,
            "lines": lines,
            "has_discount": any(x.discount_percent for x in lines),
            "allowed": allowed,
            "deliveries": list(services.deliveries(order)),
            "invoices": invoices,
            "can_invoice": can_invoice,
            "show_ship": order.state not in (OrderState.DONE, OrderState.CANCELLED),
            "can_return": order.state in (OrderState.CONFIRMED, OrderState.DONE)
            and can_change
            and any(x.qty_delivered for x in lines),
            "can_email": bool(settings.EMAIL_HOST) and can_change,
            "banks": _banks(request)
            if order.state in (OrderState.DRAFT, OrderState.SENT, OrderState.CONFIRMED)
            and has_perm(request.user, company, "accounting.add_payment")
            else [],
            "can_credit": any(x.qty_invoiced > x.qty_delivered for x in lines)
            and has_perm(request.user, company, "accounting.add_invoice"),
        },
    )


@login_required
@require_POST
def order_act(request, pk, action):
    company = request.company
    order = selectors.order_get_for_user(pk=pk, user=request.user, company=company)
    try:
        if action == "send":
            services.order_send(order=order, actor=request.user)
            messages.success(request, _("Saved."))
        elif action == "confirm":
            _flash_confirm(request, services.order_confirm(order=order, actor=request.user))
        elif action == "cancel":
            services.order_cancel(order=order, actor=request.user)
            messages.success(request, _("%(number)s cancelled.") % {"number": order.number})
        elif action == "invoice":
            inv = services.order_invoice(
                orders=[order],
                actor=request.user,
                basis=request.POST.get("basis", "delivered"),
                post=request.POST.get("post") == "1",
            )
            messages.success(request, _("Invoice created."))
            return redirect(inv.get_absolute_url())
        elif action == "return":
            quantities = {k[4:]: v for k, v in request.POST.items() if k.startswith("ret_") and v.strip()}
            returns = services.order_return(order=order, actor=request.user, quantities=quantities)
            messages.success(
                request,
                _("Return %(numbers)s created for the warehouse.")
                % {"numbers": ", ".join(t.number for t in returns)},
            )
        elif action == "down-payment":
            from ronghe.accounting.selectors import bank_account_list

            bank = (
                bank_account_list(user=request.user, company=company)
                .filter(pk=request.POST.get("bank_account") or 0)
                .first()
            )
            pay = services.order_down_payment(
                order=order, actor=request.user, amount=request.POST.get("amount"), bank_account=bank
            )
            messages.success(request, _("Down payment %(number)s received.") % {"number": pay.number})
        elif action == "email":
            from ronghe.messaging.services import email_queue

            name, content = order_document(company, order)
            email_queue(
                record=order,
                actor=request.user,
                to=[request.POST.get("to", "")],
                subject=f"{company.name} {name[:-4]}",
                body=request.POST.get("body", ""),
                attachments=[(name, content, "application/pdf")],
            )
            messages.success(
                request, _("E-mail queued: it is sent in the background and noted on the timeline.")
            )
        elif action == "credit":
            notes = services.order_credit(order=order, actor=request.user, post=True)
            messages.success(
                request,
                _("Credit note %(numbers)s posted.") % {"numbers": ", ".join(n.number for n in notes)},
            )
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(order.get_absolute_url())


def order_document(company, order) -> tuple[str, bytes]:
    """(file name, PDF) of the quotation or sales order."""
    from ronghe.accounting.reports import amount_in_words
    from ronghe.web.pdf import document_pdf
    from ronghe.web.templatetags.ronghe import money, percent, qty

    meta = [
        (_("Customer"), order.partner.name),
        (_("Number"), order.number),
        (_("Order date"), order.date),
        (_("Salesperson"), order.salesperson or ""),
    ]
    if order.validity_date:
        meta.append((_("Valid until"), order.validity_date))
    lines = selectors.order_lines(order)
    rows = [
        [
            x.seq,
            x.description,
            qty(x.quantity),
            qty(x.unit_price),
            qty(x.discount_percent) if x.discount_percent else "",
            percent(x.vat_rate),
            money(x.amount_total),
        ]
        for x in lines
    ]
    title = _("Quotation") if order.state in (OrderState.DRAFT, OrderState.SENT) else _("Sales order")
    content = document_pdf(
        company=company,
        title=title,
        meta=meta,
        header=[
            "#",
            _("Product"),
            _("Quantity"),
            _("Unit price"),
            _("Discount %"),
            _("VAT rate"),
            _("Total"),
        ],
        rows=rows,
        numeric={2, 3, 4, 5, 6},
        widths=[0.5, 5, 1.2, 1.4, 1, 1, 1.6],
        totals=[
            (_("Excl. VAT"), money(order.amount_untaxed)),
            (_("VAT"), money(order.amount_tax)),
            (_("Total"), f"{money(order.amount_total)}（{amount_in_words(order.amount_total)}）"),
        ],
        footer=order.note,
    )
    return f"{title}-{order.number}.pdf", content


@login_required
def order_pdf(request, pk):
    """报价单 / 销售订单 PDF with the letterhead; ?delivery=<id> prints that delivery's 出库单 (delivery note)."""
    from ronghe.web.pdf import document_pdf, pdf_response
    from ronghe.web.templatetags.ronghe import qty

    company = request.company
    order = selectors.order_get_for_user(pk=pk, user=request.user, company=company)
    meta = [
        (_("Customer"), order.partner.name),
        (_("Number"), order.number),
        (_("Order date"), order.date),
        (_("Salesperson"), order.salesperson or ""),
    ]
    if (request.GET.get("delivery") or "").isdigit():
        t = services.deliveries(order).get(pk=int(request.GET["delivery"]))
        shipped_by, received_by = _("Shipped by"), _("Received by (signature)")
        rows = [
            [m.product.code, m.product.name, qty(m.quantity), str(m.unit)]
            for m in t.moves.select_related("product", "unit")
        ]
        content = document_pdf(
            company=company,
            title=_("Delivery note"),
            meta=[*meta, (_("Delivery"), t.number), (_("Warehouse"), t.warehouse)],
            header=[_("Code"), _("Product"), _("Quantity"), _("Unit")],
            rows=rows,
            numeric={2},
            totals=[],
            widths=[1.5, 5, 1.5, 1],
            footer=f"{shipped_by}: ________　　{received_by}: ________",
        )
        return pdf_response(f"delivery-{t.number}", content)
    _name, content = order_document(company, order)
    return pdf_response(order.number, content)


@login_required
def analysis_page(request):
    """Sales by customer, product, salesperson or month with gross margin (Excel and PDF too)."""
    from ronghe.web.pdf import export_response

    from .reports import GROUPS, sales_analysis

    company = request.company
    require_perm(request.user, company, "accounting.view_invoice")
    today = timezone.localdate()
    date_to = parse_date(request.GET.get("to")) or today
    date_from = parse_date(request.GET.get("from")) or date_to.replace(month=1, day=1)
    data = sales_analysis(
        company=company, group_by=request.GET.get("by", "customer"), date_from=date_from, date_to=date_to
    )
    labels = {
        "customer": _("Customer"),
        "product": _("Product"),
        "salesperson": _("Salesperson"),
        "month": _("Month"),
    }
    if request.GET.get("export"):
        header = [
            labels[data["group_by"]],
            _("Quantity"),
            _("Revenue excl. VAT"),
            _("Cost of sales"),
            _("Gross margin"),
            _("Margin %"),
        ]
        rows = [
            [g["key"], g["quantity"], g["revenue"], g["cost"], g["margin"], g["margin_pct"]]
            for g in data["rows"]
        ]
        t = data["totals"]
        rows.append([str(_("Total")), t["quantity"], t["revenue"], t["cost"], t["margin"], t["margin_pct"]])
        response = export_response(
            request,
            f"sales-{data['group_by']}-{date_from}-{date_to}",
            header,
            rows,
            title=_("Sales analysis"),
            subtitle=f"{company} · {date_from} — {date_to}",
            numeric={1, 2, 3, 4, 5},
            bold_rows={len(rows) - 1},
            widths=[4, 1.2, 1.6, 1.6, 1.6, 1],
        )
        if response is not None:
            return response
    return render(
        request,
        "sales/analysis.html",
        {
            **data,
            "groups": [(g, labels[g]) for g in GROUPS],
            "date_from": date_from,
            "date_to": date_to,
            "label": labels[data["group_by"]],
        },
    )


def _banks(request):
    from ronghe.accounting.selectors import bank_account_list

    return list(bank_account_list(user=request.user, company=request.company))
