"""Sales pages: quotation/order list, entry (the shared order-line editor), order page with the actions the
TRANSITIONS table allows, its deliveries, invoices and approval."""

import datetime

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
from ronghe.web.forms import flash_service_errors
from ronghe.web.listing import Column, Filter, render_list
from ronghe.web.orderforms import form_errors, lines_for_service, posted_lines

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


def _date(value):
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


@login_required
def order_form(request, pk=None):
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
        "partner": request.GET.get("partner", ""),
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
                order = services.order_create(
                    company=company,
                    actor=request.user,
                    partner=partner,
                    warehouse=warehouse,
                    lines=service_lines,
                    date=_date(post["date"]),
                    validity_date=_date(post["date2"]),
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
                    date=_date(post["date"]) or order.date,
                    validity_date=_date(post["date2"]),
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
    for x in lines:
        x.qty_invoiced = invoiced.get(x.pk, 0)
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
            "can_return": order.state in (OrderState.CONFIRMED, OrderState.DONE)
            and can_change
            and any(x.qty_delivered for x in lines),
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
