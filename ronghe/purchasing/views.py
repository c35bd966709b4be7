"""Purchasing pages: purchase order list, entry (the shared order-line editor), order page with its receipts,
bills (posted through the three-way match) and approval."""

from decimal import Decimal

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
from ronghe.inventory.selectors import warehouse_list
from ronghe.partners.selectors import partner_list
from ronghe.products.selectors import product_list
from ronghe.web.forms import flash_service_errors, form_errors, parse_date
from ronghe.web.listing import Column, Filter, render_list
from ronghe.web.orderforms import lines_for_service, posted_lines

from . import selectors, services
from .models import BillMatch
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
        Column("partner.name", _("Supplier"), sort="partner__name"),
        Column("buyer", _("Buyer"), css="rh-hide-sm"),
        Column("expected_date", _("Expected date"), kind="date", css="rh-hide-sm"),
        Column("amount_total", _("Total"), sort="amount_total", align="end", kind="money"),
        Column("get_approval_state_display", _("Approval"), css="rh-hide-sm"),
        Column("get_state_display", _("State"), sort="state"),
    ]
    actions = []
    if has_perm(request.user, company, "purchasing.add_purchaseorder"):
        actions.append(
            {"label": _("New purchase order"), "url": "/purchasing/orders/new/", "icon": "plus-lg"}
        )
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=_("Purchase orders"),
        filters=[Filter("state", _("State"), list(OrderState.choices))],
        actions=actions,
        export_name="purchase-orders",
        default_sort="-date",
        extra={"search_placeholder": _("Number, supplier or reference")},
    )


@login_required
def order_form(request, pk=None):
    company = request.company
    order = selectors.order_get_for_user(pk=pk, user=request.user, company=company) if pk else None
    require_perm(
        request.user, company, "purchasing.change_purchaseorder" if order else "purchasing.add_purchaseorder"
    )
    if order is not None and order.state not in TRANSITIONS["edit"][0]:
        messages.error(request, _("Only draft orders can be edited."))
        return redirect(order.get_absolute_url())
    warehouses = list(warehouse_list(company=company))
    products = {p.pk: p for p in product_list(user=request.user, company=company).order_by("code")[:2000]}
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
            "date2": order.expected_date.isoformat() if order.expected_date else "",
        }
        lines = [
            {
                "product": x.product_id,
                "quantity": str(x.quantity.normalize()),
                "unit_price": str(x.unit_price.normalize()),
                "discount_percent": str(x.discount_percent.normalize()),
                "vat_rate": str(x.vat_rate.normalize()),
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
                    date=parse_date(post["date"]),
                    expected_date=parse_date(post["date2"]),
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
                    expected_date=parse_date(post["date2"]),
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
        partner_list(user=request.user, company=company).filter(is_supplier=True).order_by("code")[:2000]
    )
    return render(
        request,
        "web/order_form.html",
        {
            "title": _("Edit %(number)s") % {"number": order.number} if order else _("New purchase order"),
            "back_url": "/purchasing/orders/",
            "back_label": _("Purchase orders"),
            "partner_label": _("Supplier"),
            "date2_label": _("Expected date"),
            "requested": False,
            "price_hint": _("Leave empty for the product's cost"),
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
                    "price": str(p.cost),
                    "vat": str(p.vat_rate),
                    "available": "—",
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
            _("%(number)s confirmed; the receipt is expected in the warehouse.") % {"number": order.number},
        )
    else:
        messages.info(
            request,
            _("%(number)s is above the approval amount and waits for approval.") % {"number": order.number},
        )


@login_required
def order_detail(request, pk):
    company = request.company
    order = selectors.order_get_for_user(pk=pk, user=request.user, company=company)
    lines = selectors.order_lines(order)
    billed = services.billed_quantities(lines)
    posted = services.billed_quantities(lines, posted_only=True)
    for x in lines:
        x.qty_billed = billed.get(x.pk, 0)
        x.qty_billed_posted = posted.get(x.pk, 0)
    can_change = has_perm(request.user, company, "purchasing.change_purchaseorder")
    allowed = {a for a, (states, _t) in TRANSITIONS.items() if order.state in states and can_change}
    if order.approval_state == "pending":
        allowed -= {"confirm", "edit", "send"}
    bills = list(
        Invoice.objects.filter(company=company, lines__source__in=[x.source for x in lines])
        .distinct()
        .order_by("date", "pk")
    )
    matches = {m.invoice_id: m for m in BillMatch.objects.filter(invoice__in=bills)}
    for b in bills:
        b.match = matches.get(b.pk)
    return render(
        request,
        "purchasing/order_detail.html",
        {
            "order": order,
            "lines": lines,
            "allowed": allowed,
            "receipts": list(services.receipts(order)),
            "bills": bills,
            "can_bill": order.state == OrderState.CONFIRMED
            and has_perm(request.user, company, "accounting.add_invoice"),
            "can_post": has_perm(request.user, company, "accounting.post_invoice"),
            "can_email": bool(settings.EMAIL_HOST) and can_change and order.state != OrderState.CANCELLED,
            "is_rfq": _is_rfq(order),
            "can_return": order.state in (OrderState.CONFIRMED, OrderState.DONE)
            and can_change
            and any(x.qty_received > 0 for x in lines),
            "can_credit": has_perm(request.user, company, "accounting.add_invoice")
            and order.state in (OrderState.CONFIRMED, OrderState.DONE)
            and any(x.qty_billed_posted > x.qty_received for x in lines),
            "suppliers": list(
                partner_list(user=request.user, company=company)
                .filter(is_supplier=True)
                .exclude(pk=order.partner_id)
                .order_by("name")[:500]
            )
            if "send" in allowed
            else [],
        },
    )


@login_required
@require_POST
def order_act(request, pk, action):
    company = request.company
    order = selectors.order_get_for_user(pk=pk, user=request.user, company=company)
    try:
        if action == "confirm":
            _flash_confirm(request, services.order_confirm(order=order, actor=request.user))
        elif action == "send":
            services.order_send(order=order, actor=request.user)
            messages.success(
                request, _("%(number)s marked as sent to the supplier.") % {"number": order.number}
            )
        elif action == "copy":
            supplier = (
                partner_list(user=request.user, company=company, active=None)
                .filter(is_supplier=True, pk=request.POST.get("partner") or 0)
                .first()
            )
            if supplier is None:
                raise ValidationFailed(fields={"partner": [_("Choose a supplier of this company.")]})
            new = services.order_copy(order=order, actor=request.user, partner=supplier)
            messages.success(
                request,
                _("Request for quotation %(number)s created for %(supplier)s.")
                % {"number": new.number, "supplier": supplier.name},
            )
            return redirect(new.get_absolute_url())
        elif action == "cancel":
            services.order_cancel(order=order, actor=request.user)
            messages.success(request, _("%(number)s cancelled.") % {"number": order.number})
        elif action == "bill":
            prices = {int(k[6:]): v for k, v in request.POST.items() if k.startswith("price_") and v.strip()}
            inv = services.order_bill(
                orders=[order],
                actor=request.user,
                prices=prices,
                fapiao_number=request.POST.get("fapiao_number", ""),
            )
            messages.success(
                request, _("Draft bill created: check it against the supplier's fapiao, then post it.")
            )
            return redirect(inv.get_absolute_url())
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
            if order.state in (OrderState.DRAFT, OrderState.SENT):
                services.order_send(order=order, actor=request.user)
            messages.success(
                request, _("E-mail queued: it is sent in the background and noted on the timeline.")
            )
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
        elif action == "post-bill":
            bill = Invoice.objects.get(company=company, pk=int(request.POST.get("invoice") or 0))
            result = services.bill_post(invoice=bill, actor=request.user)
            if isinstance(result, BillMatch):
                messages.warning(
                    request, _("The bill differs from the order or the receipts; it waits for approval.")
                )
            else:
                messages.success(request, _("%(number)s posted.") % {"number": result.number})
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    except (Invoice.DoesNotExist, ValueError):
        messages.error(request, _("Choose an invoice."))
    return redirect(order.get_absolute_url())


def _is_rfq(order) -> bool:
    """A draft or sent order is a request for quotation (询价单) — until it goes to approval as an order."""
    return order.state in (OrderState.DRAFT, OrderState.SENT) and order.approval_state in ("", "rejected")


def order_document(company, order) -> tuple[str, bytes]:
    """(file name, PDF) of the purchase order, with the letterhead, for the supplier."""
    from ronghe.accounting.reports import amount_in_words
    from ronghe.web.pdf import document_pdf
    from ronghe.web.templatetags.ronghe import money, percent, qty

    meta = [
        (_("Supplier"), order.partner.name),
        (_("Number"), order.number),
        (_("Order date"), order.date),
        (_("Buyer"), order.buyer or ""),
        (_("Expected date"), order.expected_date or ""),
        (_("Deliver to"), order.warehouse),
    ]
    rows = [
        [x.seq, x.description, qty(x.quantity), qty(x.unit_price), percent(x.vat_rate), money(x.amount_total)]
        for x in selectors.order_lines(order)
    ]
    title = _("Request for quotation") if _is_rfq(order) else _("Purchase order")
    content = document_pdf(
        company=company,
        title=title,
        meta=meta,
        header=["#", _("Product"), _("Quantity"), _("Unit price"), _("VAT rate"), _("Total")],
        rows=rows,
        numeric={2, 3, 4, 5},
        widths=[0.5, 5, 1.2, 1.4, 1, 1.6],
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
    """采购订单 PDF with the letterhead, for the supplier."""
    from ronghe.web.pdf import pdf_response

    order = selectors.order_get_for_user(pk=pk, user=request.user, company=request.company)
    _name, content = order_document(request.company, order)
    return pdf_response(order.number, content)


def _report_dates(request):
    today = timezone.localdate()
    date_to = parse_date(request.GET.get("to")) or today
    return parse_date(request.GET.get("from")) or date_to.replace(month=1, day=1), date_to


@login_required
def analysis_page(request):
    from ronghe.web.pdf import export_response

    from .reports import GROUPS, purchase_analysis

    company = request.company
    require_perm(request.user, company, "purchasing.view_purchaseorder")
    date_from, date_to = _report_dates(request)
    data = purchase_analysis(
        company=company, group_by=request.GET.get("by", "supplier"), date_from=date_from, date_to=date_to
    )
    labels = {"supplier": _("Supplier"), "product": _("Product"), "month": _("Month")}
    if request.GET.get("export"):
        header = [labels[data["group_by"]], _("Quantity"), _("Excl. VAT"), _("Total")]
        rows = [[g["key"], g["quantity"], g["untaxed"], g["total"]] for g in data["rows"]]
        t = data["totals"]
        rows.append([str(_("Total")), t["quantity"], t["untaxed"], t["total"]])
        response = export_response(
            request,
            f"purchases-{data['group_by']}-{date_from}-{date_to}",
            header,
            rows,
            title=_("Purchase analysis"),
            subtitle=f"{company} · {date_from} — {date_to}",
            numeric={1, 2, 3},
            bold_rows={len(rows) - 1},
            widths=[4, 1.2, 1.6, 1.6],
        )
        if response is not None:
            return response
    return render(
        request,
        "purchasing/analysis.html",
        {
            **data,
            "groups": [(g, labels[g]) for g in GROUPS],
            "date_from": date_from,
            "date_to": date_to,
            "label": labels[data["group_by"]],
        },
    )


@login_required
def expected_page(request):
    from .reports import expected_receipts

    company = request.company
    require_perm(request.user, company, "purchasing.view_purchaseorder")
    today = timezone.localdate()
    return render(
        request, "purchasing/expected.html", {"days": expected_receipts(company=company), "today": today}
    )


@login_required
def requests_page(request):
    """Approved 采购申请 not ordered yet: choose some, and they become draft orders grouped by supplier."""
    from ronghe.oaforms.models import FormRequest

    company = request.company
    require_perm(request.user, company, "purchasing.add_purchaseorder")
    if request.method == "POST":
        ids = [int(x) for x in request.POST.getlist("request") if x.isdigit()]
        supplier = (
            partner_list(user=request.user, company=company, active=None)
            .filter(pk=request.POST.get("supplier"))
            .first()
            if (request.POST.get("supplier") or "").isdigit()
            else None
        )
        try:
            orders = services.orders_from_requests(
                company=company, actor=request.user, requests=ids, default_supplier=supplier
            )
            messages.success(
                request,
                _("Draft orders %(numbers)s created.") % {"numbers": ", ".join(o.number for o in orders)},
            )
            return redirect("purchasing:order-list")
        except ValidationFailed as exc:
            flash_service_errors(request, exc)
        except DomainError as exc:
            messages.error(request, str(exc.message))
    pending = list(
        FormRequest.objects.filter(company=company, template__code="purchase_request", state="approved")
        .exclude(purchase_orders__state__in=["draft", "sent", "confirmed", "done"])
        .select_related("created_by")
        .order_by("-submitted_at", "-pk")[:200]
    )
    from ronghe.products.models import Product

    names = {
        p.pk: str(p)
        for p in Product.objects.filter(
            company=company, pk__in={i.get("product") for r in pending for i in (r.data.get("items") or [])}
        )
    }
    for r in pending:
        r.items = [
            (names.get(i.get("product"), "?"), i.get("quantity"), i.get("price"))
            for i in r.data.get("items") or []
        ]
    suppliers = (
        partner_list(user=request.user, company=company).filter(is_supplier=True).order_by("code")[:2000]
    )
    return render(request, "purchasing/requests.html", {"pending": pending, "suppliers": suppliers})


def _price_text(entry) -> str:
    """A unit price with two decimals, more only when it has them (2,107.40 / 0.1250 → 0.125)."""
    from ronghe.web.templatetags.ronghe import money, qty

    return money(entry.price) if entry.price == entry.price.quantize(Decimal("0.01")) else qty(entry.price)


@login_required
def price_list(request):
    """Supplier price lists (供应商价目表): who sells what at which price from which quantity, lead time."""
    company = request.company
    qs = selectors.supplier_price_list(user=request.user, company=company, q=request.GET.get("q", ""))
    can_change = has_perm(request.user, company, "purchasing.change_purchaseorder")
    columns = [
        Column("product.code", _("Code"), sort="product__code"),
        Column("product.name", _("Product"), sort="product__name", kind="link" if can_change else "text"),
        Column("partner.name", _("Supplier"), sort="partner__name"),
        Column("supplier_code", _("Supplier's code"), css="rh-hide-sm"),
        Column("min_quantity", _("From quantity"), align="end", kind="qty"),
        Column("price", _("Unit price (incl. VAT)"), sort="price", align="end", accessor=_price_text),
        Column("lead_days", _("Lead time (days)"), align="end"),
        Column("date_from", _("Valid from"), kind="date", css="rh-hide-sm"),
        Column("date_to", _("Valid until"), kind="date", css="rh-hide-sm"),
    ]
    actions = []
    if can_change:
        actions.append({"label": _("New price"), "url": "/purchasing/prices/new/", "icon": "plus-lg"})
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=_("Supplier prices"),
        actions=actions,
        export_name="supplier-prices",
        default_sort="product__code",
        then_sort=("partner__name", "min_quantity", "pk"),
        extra={"search_placeholder": _("Product, supplier or supplier's code")},
    )


@login_required
def price_form(request, pk=None):
    from ronghe.core.scoping import require_perm
    from ronghe.web.forms import add_service_errors

    from .forms import SupplierPriceForm

    company = request.company
    require_perm(request.user, company, "purchasing.change_purchaseorder")
    entry = selectors.supplier_price_list(user=request.user, company=company).get(pk=pk) if pk else None
    form = SupplierPriceForm(request.POST or None, instance=entry, company=company, user=request.user)
    if request.method == "POST" and request.POST.get("delete") and entry is not None:
        services.supplier_price_delete(entry=entry, actor=request.user)
        messages.success(request, _("Deleted."))
        return redirect("/purchasing/prices/")
    if request.method == "POST" and form.is_valid():
        try:
            services.supplier_price_save(
                company=company, actor=request.user, data=dict(form.cleaned_data), entry=entry
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("/purchasing/prices/")
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": _("Edit supplier price") if entry else _("New supplier price"),
            "back_url": "/purchasing/prices/",
            "back_label": _("Supplier prices"),
        },
        status=422 if form.errors else 200,
    )
