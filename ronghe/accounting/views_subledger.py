"""Sub-ledger pages: invoices and bills (list, entry with live totals, detail with allocations and credit
notes), receipts and payments (entry with the partner's open items, detail, prepayment allocation), bank
accounts (statement import, matching, 银行存款余额调节表), AR/AP aging, partner statement, cash-flow statement."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ronghe.core.errors import DomainError, ValidationFailed
from ronghe.core.scoping import has_perm, require_perm
from ronghe.partners.selectors import partner_list
from ronghe.products.selectors import product_list
from ronghe.web.forms import flash_service_errors, form_errors, parse_date
from ronghe.web.listing import Column, Filter, render_list
from ronghe.web.pdf import export_response

from . import bank, invoicing, payments, reports, selectors
from .models import DocState, FapiaoType, Invoice, Payment, VoucherLine
from .reports import CASH_FLOW_ITEMS
from .views import _statement

# --- invoices ----------------------------------------------------------------------------------------------


@login_required
def invoice_list(request):
    company = request.company
    kind = request.GET.get("kind", "")
    qs = selectors.invoice_list(
        user=request.user,
        company=company,
        kind=kind,
        state=request.GET.get("state", ""),
        q=request.GET.get("q", ""),
        open_only=request.GET.get("open") == "1",
    )
    columns = [
        Column("date", _("Date"), sort="date", kind="date"),
        Column("number", _("Number"), sort="number", kind="link", accessor=lambda i: i.number or _("Draft")),
        Column(
            "get_kind_display",
            _("Type"),
            accessor=lambda i: _("Credit note") if i.is_refund else i.get_kind_display(),
        ),
        Column("partner.name", _("Partner"), sort="partner__name"),
        Column("fapiao_number", _("Fapiao number"), css="rh-hide-sm"),
        Column("currency_id", _("Currency"), css="rh-hide-sm"),
        Column("amount_total", _("Total"), sort="amount_total", align="end", kind="money"),
        Column("amount_open", _("Open amount"), sort="amount_open", align="end", kind="money"),
        Column("due_date", _("Due date"), sort="due_date", kind="date", css="rh-hide-sm"),
        Column("get_state_display", _("State"), sort="state"),
    ]
    actions = []
    if has_perm(request.user, company, "accounting.add_invoice"):
        actions = [
            {
                "label": _("New customer invoice"),
                "url": "/accounting/invoices/new/?kind=sale",
                "icon": "plus-lg",
            },
            {
                "label": _("New supplier bill"),
                "url": "/accounting/invoices/new/?kind=purchase",
                "icon": "plus-lg",
            },
        ]
    filters = [
        Filter("kind", _("Type"), list(Invoice.Kind.choices)),
        Filter("state", _("State"), list(DocState.choices)),
        Filter("open", _("Open items"), [("1", _("Open items only"))]),
    ]
    title = {"sale": _("Customer invoices"), "purchase": _("Supplier bills")}.get(kind, _("Invoices"))
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=title,
        filters=filters,
        actions=actions,
        export_name="invoices",
        default_sort="-date",
        extra={"search_placeholder": _("Number, partner, fapiao or reference")},
    )


def _invoice_form_context(request, company, kind):
    partners = partner_list(user=request.user, company=company).order_by("code")
    partners = partners.filter(is_customer=True) if kind == "sale" else partners.filter(is_supplier=True)
    products = [
        {
            "id": p.pk,
            "code": p.code,
            "name": p.name,
            "price": str(p.sale_price if kind == "sale" else p.cost),
            "vat": str(p.vat_rate),
        }
        for p in product_list(user=request.user, company=company).order_by("code")[:2000]
    ]
    accounts = [
        {"code": a.code, "name": a.full_name}
        for a in selectors.account_list(user=request.user, company=company, leaf_only=True).order_by("code")
    ]
    return {
        "partners": partners[:2000],
        "products_json": products,
        "accounts_json": accounts,
        "fapiao_types": FapiaoType.choices,
        "kind": kind,
        "kind_label": Invoice.Kind(kind).label,
    }


def _invoice_lines(request, company, raw) -> list[dict]:
    ids = {int(r["product"]) for r in raw if str(r.get("product") or "").isdigit()}
    products = {
        p.pk: p for p in product_list(user=request.user, company=company, active=None).filter(pk__in=ids)
    }
    out = []
    for r in raw:
        pid = str(r.get("product") or "")
        out.append(
            {
                "product": products.get(int(pid)) if pid.isdigit() else None,
                "description": r.get("description") or "",
                "quantity": r.get("quantity"),
                "unit_price": r.get("unit_price"),
                "discount_percent": r.get("discount_percent") or "0",
                "vat_rate": r.get("vat_rate"),
                "account": (r.get("account") or "").split(" ")[0] or None,
            }
        )
    return out


@login_required
def invoice_form(request, pk=None):
    company = request.company
    inv = selectors.invoice_get_for_user(pk=pk, user=request.user, company=company) if pk else None
    require_perm(request.user, company, "accounting.change_invoice" if inv else "accounting.add_invoice")
    if inv is not None and inv.state != DocState.DRAFT:
        messages.error(request, _("Only draft invoices can be edited."))
        return redirect(inv.get_absolute_url())
    kind = inv.kind if inv else (request.GET.get("kind") or request.POST.get("kind") or "sale")
    if kind not in Invoice.Kind.values:
        kind = "sale"
    refund_of = None
    ref_id = request.GET.get("refund_of") or request.POST.get("refund_of")
    if inv is not None:
        refund_of = inv.refund_of
    elif ref_id and ref_id.isdigit():
        refund_of = selectors.invoice_get_for_user(pk=int(ref_id), user=request.user, company=company)
        kind = refund_of.kind
    today = timezone.localdate().isoformat()
    post = {
        "date": today,
        "price_includes_tax": "1",
        "fapiao_type": FapiaoType.DIGITAL_SPECIAL,
        "currency": company.currency_id,
    }
    lines, errors = [], {}
    if inv is not None:
        post = {
            "partner": str(inv.partner_id),
            "date": inv.date.isoformat(),
            "due_date": inv.due_date.isoformat(),
            "price_includes_tax": "1" if inv.price_includes_tax else "",
            "fapiao_type": inv.fapiao_type,
            "fapiao_code": inv.fapiao_code,
            "fapiao_number": inv.fapiao_number,
            "reference": inv.reference,
            "note": inv.note,
            "currency": inv.currency_id,
        }
        lines = [
            {
                "product": x.product_id or "",
                "description": x.description,
                "quantity": str(x.quantity.normalize()),
                "unit_price": str(x.unit_price.normalize()),
                "discount_percent": str(x.discount_percent.normalize()),
                "vat_rate": str(x.vat_rate.normalize()),
                "account": x.account.code,
            }
            for x in inv.lines.select_related("account")
        ]
    elif refund_of is not None:
        post.update(
            {
                "partner": str(refund_of.partner_id),
                "currency": refund_of.currency_id,
                "price_includes_tax": "1" if refund_of.price_includes_tax else "",
                "fapiao_type": refund_of.fapiao_type,
                "reference": refund_of.number,
            }
        )
        lines = [
            {
                "product": x.product_id or "",
                "description": x.description,
                "quantity": str(x.quantity.normalize()),
                "unit_price": str(x.unit_price.normalize()),
                "discount_percent": str(x.discount_percent.normalize()),
                "vat_rate": str(x.vat_rate.normalize()),
                "account": x.account.code,
            }
            for x in refund_of.lines.select_related("account")
        ]
    if request.method == "POST":
        post = {
            k: request.POST.get(k, "")
            for k in (
                "partner",
                "date",
                "due_date",
                "price_includes_tax",
                "fapiao_type",
                "fapiao_code",
                "fapiao_number",
                "reference",
                "note",
                "currency",
                "rate",
            )
        }
        try:
            lines = json.loads(request.POST.get("lines_json") or "[]")
        except json.JSONDecodeError:
            lines = []
        lines = [
            r
            for r in lines
            if any(str(r.get(k) or "").strip() for k in ("product", "description", "quantity"))
        ]
        partner = (
            partner_list(user=request.user, company=company, active=None).filter(pk=post["partner"]).first()
            if post["partner"].isdigit()
            else None
        )
        fields = {
            "partner": partner,
            "date": parse_date(post["date"]),
            "due_date": parse_date(post["due_date"]),
            "price_includes_tax": bool(post["price_includes_tax"]),
            "fapiao_type": post["fapiao_type"],
            "fapiao_code": post["fapiao_code"],
            "fapiao_number": post["fapiao_number"],
            "fapiao_date": None,
            "reference": post["reference"],
            "note": post["note"],
            "currency": post["currency"] or company.currency_id,
            "rate": post["rate"] or None,
        }
        try:
            if inv is None:
                inv = invoicing.invoice_create(
                    company=company,
                    actor=request.user,
                    kind=kind,
                    refund_of=refund_of,
                    lines=_invoice_lines(request, company, lines),
                    **fields,
                )
            else:
                inv = invoicing.invoice_update(
                    invoice=inv, actor=request.user, lines=_invoice_lines(request, company, lines), **fields
                )
            if request.POST.get("action") == "post":
                inv = invoicing.invoice_post(invoice=inv, actor=request.user)
                messages.success(
                    request, _("%(number)s posted; its voucher waits for review.") % {"number": inv.number}
                )
            else:
                messages.success(request, _("Draft saved."))
            return redirect(inv.get_absolute_url())
        except ValidationFailed as exc:
            errors = form_errors(exc)
        except DomainError as exc:
            errors = {"__all__": [str(exc.message)]}
    from ronghe.core.selectors import currency_list

    return render(
        request,
        "accounting/invoice_form.html",
        {
            "inv": inv,
            "post": post,
            "lines_json": lines,
            "errors_json": errors,
            "refund_of": refund_of,
            "currencies": currency_list(),
            **_invoice_form_context(request, company, kind),
        },
        status=422 if errors else 200,
    )


@login_required
def invoice_detail(request, pk):
    company = request.company
    inv = selectors.invoice_get_for_user(pk=pk, user=request.user, company=company)
    lines = list(inv.lines.select_related("product", "account"))
    allocations = list(invoicing.invoice_allocations(inv))
    credited = list(inv.credit_allocations.select_related("invoice"))
    can_post = has_perm(request.user, company, "accounting.post_invoice")
    credit_notes = []
    if inv.is_refund and inv.state == DocState.POSTED and inv.amount_open > 0:
        credit_notes = list(
            selectors.invoice_list(
                user=request.user, company=company, kind=inv.kind, partner=inv.partner, open_only=True
            ).filter(is_refund=False, currency=inv.currency_id)
        )
    return render(
        request,
        "accounting/invoice_detail.html",
        {
            "inv": inv,
            "lines": lines,
            "has_discount": any(x.discount_percent for x in lines),
            "allocations": allocations,
            "credited": credited,
            "can_edit": inv.state == DocState.DRAFT
            and has_perm(request.user, company, "accounting.change_invoice"),
            "can_post": inv.state == DocState.DRAFT and can_post,
            "can_credit": inv.state == DocState.POSTED
            and not inv.is_refund
            and has_perm(request.user, company, "accounting.add_invoice"),
            "can_pay": inv.state == DocState.POSTED
            and inv.amount_open > 0
            and not inv.is_refund
            and has_perm(request.user, company, "accounting.add_payment"),
            "settle_targets": credit_notes,
            "can_email": bool(settings.EMAIL_HOST) and inv.state == DocState.POSTED,
        },
    )


def invoice_document(company, inv) -> tuple[str, bytes]:
    """(file name, PDF) of an invoice or a supplier bill — what is e-mailed to the customer with it."""
    from ronghe.accounting.reports import amount_in_words
    from ronghe.web.pdf import document_pdf
    from ronghe.web.templatetags.ronghe import money, percent, qty

    lines = list(inv.lines.order_by("seq"))
    title = _("Credit note") if inv.is_refund else inv.get_kind_display()
    number = inv.number or _("Draft")
    meta = [
        (_("Customer") if inv.receivable else _("Supplier"), inv.partner.name),
        (_("Number"), number),
        (_("Date"), inv.date),
        (_("Due date"), inv.due_date),
    ]
    if inv.fapiao_number:
        meta.append((_("Fapiao"), f"{inv.fapiao_code} {inv.fapiao_number}".strip()))
    content = document_pdf(
        company=company,
        title=title,
        meta=meta,
        header=["#", _("Description"), _("Quantity"), _("Unit price"), _("VAT rate"), _("Total")],
        rows=[
            [
                x.seq,
                x.description,
                qty(x.quantity),
                qty(x.unit_price),
                percent(x.vat_rate),
                money(x.amount_total),
            ]
            for x in lines
        ],
        numeric={2, 3, 4, 5},
        widths=[0.5, 6, 1.2, 1.4, 1, 1.6],
        totals=[
            (_("Excl. VAT"), money(inv.amount_untaxed)),
            (_("VAT"), money(inv.amount_tax)),
            (_("Total"), f"{money(inv.amount_total)}（{amount_in_words(inv.amount_total)}）"),
            (_("Open amount"), money(inv.amount_open)),
        ],
        footer=getattr(inv, "note", "") or "",
    )
    return f"{title}-{number}.pdf", content


@login_required
def invoice_pdf(request, pk):
    from ronghe.web.pdf import pdf_response

    inv = selectors.invoice_get_for_user(pk=pk, user=request.user, company=request.company)
    name, content = invoice_document(request.company, inv)
    return pdf_response(name[:-4], content)


@login_required
@require_POST
def invoice_act(request, pk, action):
    company = request.company
    inv = selectors.invoice_get_for_user(pk=pk, user=request.user, company=company)
    try:
        if action == "post":
            inv = invoicing.invoice_post(invoice=inv, actor=request.user)
            messages.success(
                request, _("%(number)s posted; its voucher waits for review.") % {"number": inv.number}
            )
        elif action == "delete":
            invoicing.invoice_delete(invoice=inv, actor=request.user)
            messages.success(request, _("Draft deleted."))
            return redirect("accounting:invoice-list")
        elif action == "email":
            from ronghe.messaging.services import email_queue

            name, content = invoice_document(company, inv)
            email_queue(
                record=inv,
                actor=request.user,
                to=[request.POST.get("to", "")],
                subject=f"{company.name} {name[:-4]}",
                body=request.POST.get("body", ""),
                attachments=[(name, content, "application/pdf")],
            )
            messages.success(
                request, _("E-mail queued: it is sent in the background and noted on the timeline.")
            )
        elif action == "settle":
            target = selectors.invoice_get_for_user(
                pk=int(request.POST.get("invoice") or 0), user=request.user, company=company
            )
            payments.credit_allocate(
                credit_note=inv,
                invoice=target,
                actor=request.user,
                amount=request.POST.get("amount") or inv.amount_open,
            )
            messages.success(request, _("Saved."))
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    except (Invoice.DoesNotExist, ValueError):
        messages.error(request, _("Choose an invoice."))
    return redirect(inv.get_absolute_url())


# --- payments ----------------------------------------------------------------------------------------------


@login_required
def payment_list(request):
    company = request.company
    qs = selectors.payment_list(
        user=request.user,
        company=company,
        kind=request.GET.get("kind", ""),
        state=request.GET.get("state", ""),
        q=request.GET.get("q", ""),
    )
    columns = [
        Column("date", _("Date"), sort="date", kind="date"),
        Column("number", _("Number"), sort="number", kind="link", accessor=lambda p: p.number or _("Draft")),
        Column("get_kind_display", _("Type"), sort="kind"),
        Column("partner.name", _("Partner"), sort="partner__name"),
        Column("bank_account.name", _("Bank account"), css="rh-hide-sm"),
        Column("amount", _("Amount"), sort="amount", align="end", kind="money"),
        Column("amount_unallocated", _("Unallocated"), align="end", kind="money"),
        Column("reference", _("Reference no."), css="rh-hide-sm"),
        Column("get_state_display", _("State"), sort="state"),
    ]
    actions = []
    if has_perm(request.user, company, "accounting.add_payment"):
        actions = [
            {"label": _("New receipt"), "url": "/accounting/payments/new/?kind=inbound", "icon": "plus-lg"},
            {"label": _("New payment"), "url": "/accounting/payments/new/?kind=outbound", "icon": "plus-lg"},
        ]
    filters = [
        Filter("kind", _("Type"), list(Payment.Kind.choices)),
        Filter("state", _("State"), list(DocState.choices)),
    ]
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=_("Receipts and payments"),
        filters=filters,
        actions=actions,
        export_name="payments",
        default_sort="-date",
        extra={"search_placeholder": _("Number, partner or reference")},
    )


@login_required
def payment_form(request):
    company = request.company
    require_perm(request.user, company, "accounting.add_payment")
    kind = request.GET.get("kind") or request.POST.get("kind") or Payment.Kind.INBOUND
    if kind not in Payment.Kind.values:
        kind = Payment.Kind.INBOUND
    partners = partner_list(user=request.user, company=company).order_by("code")
    banks = list(selectors.bank_account_list(user=request.user, company=company))
    post = {
        "date": timezone.localdate().isoformat(),
        "partner": request.GET.get("partner", ""),
        "bank_account": str(banks[0].pk) if banks else "",
        "amount": "",
        "reference": "",
        "note": "",
        "cashflow_item": "",
    }
    wanted = {}
    if (request.GET.get("invoice") or "").isdigit():  # "register receipt" from an invoice: its open amount
        target = (
            selectors.invoice_list(user=request.user, company=company, open_only=True)
            .filter(pk=int(request.GET["invoice"]))
            .first()
        )
        if target is not None:
            wanted[str(target.pk)] = str(target.amount_open)
            post["amount"] = str(target.amount_open)
    errors = {}
    if request.method == "POST":
        post = {k: request.POST.get(k, "") for k in post}
        wanted = {}
        for key, value in request.POST.items():
            if key.startswith("alloc_") and value.strip():
                wanted[key[6:]] = value.strip()
        partner = partners.filter(pk=post["partner"]).first() if post["partner"].isdigit() else None
        bank_acct = next((b for b in banks if str(b.pk) == post["bank_account"]), None)
        open_qs = selectors.invoice_list(user=request.user, company=company, open_only=True)
        allocations = [
            {
                "invoice": open_qs.filter(pk=int(pk)).first() or pk,
                "amount": amount,
                "write_off": request.POST.get(f"wo_{pk}") == "1",
            }
            for pk, amount in wanted.items()
            if pk.isdigit()
        ]
        try:
            pay = payments.payment_create(
                company=company,
                actor=request.user,
                kind=kind,
                partner=partner,
                date=parse_date(post["date"]),
                bank_account=bank_acct,
                amount=post["amount"],
                allocations=allocations,
                cashflow_item=post["cashflow_item"] or None,
                reference=post["reference"],
                note=post["note"],
            )
            if request.POST.get("action") == "post":
                pay = payments.payment_post(payment=pay, actor=request.user)
                messages.success(
                    request, _("%(number)s posted; its voucher waits for review.") % {"number": pay.number}
                )
            else:
                messages.success(request, _("Draft saved."))
            return redirect(pay.get_absolute_url())
        except ValidationFailed as exc:
            errors = form_errors(exc)
        except DomainError as exc:
            errors = {"__all__": [str(exc.message)]}
    open_items = []
    if post["partner"].isdigit():
        want_receivable = kind == Payment.Kind.INBOUND
        open_items = [
            i
            for i in selectors.invoice_list(user=request.user, company=company, open_only=True)
            .filter(partner_id=int(post["partner"]))
            .order_by("due_date", "id")
            if i.receivable == want_receivable
        ]
    return render(
        request,
        "accounting/payment_form.html",
        {
            "kind": kind,
            "kind_label": Payment.Kind(kind).label,
            "partners": partners[:2000],
            "banks": banks,
            "post": post,
            "errors": errors,
            "general_errors": errors.get("__all__"),
            "open_items": open_items,
            "wanted": wanted,
            "cashflow_items": CASH_FLOW_ITEMS,
            "write_off_limit": payments.settings_for(company).write_off_limit,
        },
        status=422 if errors else 200,
    )


@login_required
def payment_detail(request, pk):
    company = request.company
    pay = selectors.payment_get_for_user(pk=pk, user=request.user, company=company)
    can_post = has_perm(request.user, company, "accounting.post_payment")
    targets = []
    if pay.state == DocState.POSTED and pay.amount_unallocated > 0 and can_post:
        targets = [
            i
            for i in selectors.invoice_list(
                user=request.user, company=company, partner=pay.partner, open_only=True
            ).filter(currency=pay.currency_id)
            if i.receivable == (pay.kind == Payment.Kind.INBOUND)
        ]
    return render(
        request,
        "accounting/payment_detail.html",
        {
            "pay": pay,
            "allocations": list(pay.allocations.select_related("invoice", "voucher__period")),
            "can_post": pay.state == DocState.DRAFT and can_post,
            "can_delete": pay.state == DocState.DRAFT
            and has_perm(request.user, company, "accounting.delete_payment"),
            "targets": targets,
        },
    )


@login_required
@require_POST
def payment_act(request, pk, action):
    company = request.company
    pay = selectors.payment_get_for_user(pk=pk, user=request.user, company=company)
    try:
        if action == "post":
            pay = payments.payment_post(payment=pay, actor=request.user)
            messages.success(
                request, _("%(number)s posted; its voucher waits for review.") % {"number": pay.number}
            )
        elif action == "delete":
            payments.payment_delete(payment=pay, actor=request.user)
            messages.success(request, _("Draft deleted."))
            return redirect("accounting:payment-list")
        elif action == "allocate":
            inv = selectors.invoice_get_for_user(
                pk=int(request.POST.get("invoice") or 0), user=request.user, company=company
            )
            payments.payment_allocate(
                payment=pay,
                invoice=inv,
                actor=request.user,
                amount=request.POST.get("amount"),
                write_off=request.POST.get("write_off") == "1",
            )
            messages.success(request, _("Saved."))
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    except (Invoice.DoesNotExist, ValueError):
        messages.error(request, _("Choose an invoice."))
    return redirect(pay.get_absolute_url())


# --- bank --------------------------------------------------------------------------------------------------


@login_required
def bank_accounts(request):
    company = request.company
    if request.method == "POST":
        try:
            acct = bank.bank_account_create(
                company=company,
                actor=request.user,
                name=request.POST.get("name", ""),
                account=request.POST.get("account", ""),
                currency=request.POST.get("currency") or None,
                bank_name=request.POST.get("bank_name", ""),
                account_number=request.POST.get("account_number", ""),
            )
            messages.success(request, _("Bank account %(name)s added.") % {"name": acct.name})
        except ValidationFailed as exc:
            flash_service_errors(request, exc)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect("accounting:bank-accounts")
    accounts = list(selectors.bank_account_list(user=request.user, company=company, active=None))
    cash_leaves = [
        a for a in selectors.account_list(user=request.user, company=company, leaf_only=True) if a.is_cash
    ]
    from ronghe.core.selectors import currency_list

    return render(
        request,
        "accounting/bank_accounts.html",
        {
            "accounts": accounts,
            "cash_leaves": cash_leaves,
            "currencies": currency_list(),
            "can_add": has_perm(request.user, company, "accounting.add_bankaccount"),
        },
    )


@login_required
def bank_account_detail(request, pk):
    company = request.company
    acct = selectors.bank_account_list(user=request.user, company=company, active=None).get(pk=pk)
    if request.method == "POST" and request.FILES.get("file"):
        f = request.FILES["file"]
        try:
            r = bank.statement_import(
                bank_account=acct, actor=request.user, filename=f.name, content=f.read()
            )
            messages.success(
                request,
                _("%(created)s lines imported, %(skipped)s already there, %(matched)s matched.") % r,
            )
        except ValidationFailed as exc:
            flash_service_errors(request, exc)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect("accounting:bank-account", pk=acct.pk)
    if request.method == "POST" and "reconcile_from" in request.POST:
        try:
            bank.reconciliation_start(
                bank_account=acct,
                actor=request.user,
                date=parse_date(request.POST.get("reconcile_from")),
                statement_opening=request.POST.get("statement_opening") or "0",
            )
            messages.success(request, _("Saved."))
        except ValidationFailed as exc:
            flash_service_errors(request, exc)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect("accounting:bank-account", pk=acct.pk)
    on = parse_date(request.GET.get("on")) or timezone.localdate()
    rec = bank.reconciliation(bank_account=acct, on=on)
    unmatched = list(selectors.statement_lines(bank_account=acct, matched=False)[:100])
    for line in unmatched:
        line.suggested = bank.suggestions(line=line, limit=3)
    matched = list(selectors.statement_lines(bank_account=acct, matched=True)[:50])
    if request.GET.get("export"):
        header = [str(_("Item")), str(_("Date")), str(_("Summary")), str(_("Amount"))]
        rows = [[str(_("Balance per books")), on, "", rec["book"]]]
        for label, items in (
            (_("Received by the bank, not yet by the company"), rec["bank_in"]),
            (_("Paid by the bank, not yet by the company"), rec["bank_out"]),
        ):
            rows += [[str(label), x.date, x.description or x.counterparty, x.amount] for x in items]
        rows.append([str(_("Adjusted balance per books")), on, "", rec["adjusted_book"]])
        rows.append([str(_("Balance per bank statement")), on, "", rec["bank"]])
        for label, items in (
            (_("Received by the company, not yet by the bank"), rec["book_in"]),
            (_("Paid by the company, not yet by the bank"), rec["book_out"]),
        ):
            rows += [[str(label), x.date, x.summary, x.debit - x.credit] for x in items]
        rows.append([str(_("Adjusted balance per bank")), on, "", rec["adjusted_bank"]])
        response = export_response(
            request,
            f"bank-reconciliation-{on.isoformat()}",
            header,
            rows,
            title=_("Bank reconciliation statement"),
            subtitle=f"{company} · {acct.name} {acct.account_number} · {on.isoformat()}",
            numeric={3},
            widths=[4, 1.2, 4, 1.6],
        )
        if response is not None:
            return response
    return render(
        request,
        "accounting/bank_account.html",
        {
            "acct": acct,
            "rec": rec,
            "on": on,
            "unmatched": unmatched,
            "matched": matched,
            "can_reconcile": has_perm(request.user, company, "accounting.change_bankaccount"),
        },
    )


@login_required
@require_POST
def statement_line_act(request, pk, line_pk, action):
    company = request.company
    acct = selectors.bank_account_list(user=request.user, company=company, active=None).get(pk=pk)
    try:
        line = selectors.statement_lines(bank_account=acct).get(pk=line_pk) if action != "auto" else None
        if action == "match":
            x = VoucherLine.objects.get(company=company, pk=int(request.POST.get("voucher_line") or 0))
            bank.statement_match(line=line, voucher_line=x, actor=request.user)
        elif action == "unmatch":
            bank.statement_unmatch(line=line, actor=request.user)
        elif action == "auto":
            n = bank.auto_match(bank_account=acct, actor=request.user)
            messages.success(request, _("%(n)s lines matched.") % {"n": n})
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    except (VoucherLine.DoesNotExist, ValueError):
        messages.error(request, _("Choose a voucher line."))
    except acct.statement_lines.model.DoesNotExist:
        messages.error(request, _("That statement line does not exist."))
    return redirect("accounting:bank-account", pk=acct.pk)


# --- reports -----------------------------------------------------------------------------------------------


@login_required
def aging_page(request):
    company = request.company
    require_perm(request.user, company, "accounting.view_invoice")
    kind = request.GET.get("kind") if request.GET.get("kind") in Invoice.Kind.values else Invoice.Kind.SALE
    on = parse_date(request.GET.get("on")) or timezone.localdate()
    data = reports.aging(company, kind=kind, on=on)
    buckets = [
        ("not_due", _("Not due")),
        ("d30", _("1–30 days")),
        ("d60", _("31–60 days")),
        ("d90", _("61–90 days")),
        ("older", _("Over 90 days")),
    ]
    if request.GET.get("export"):
        header = [_("Code"), _("Partner"), *[b for _k, b in buckets], _("Total"), _("Unallocated"), _("Net")]
        rows = [
            [
                r["partner"].code,
                r["partner"].name,
                *[r[k] for k, _b in buckets],
                r["total"],
                r["unapplied"],
                r["net"],
            ]
            for r in data["rows"]
        ]
        t = data["totals"]
        rows.append(["", str(_("Total")), *[t[k] for k, _b in buckets], t["total"], t["unapplied"], t["net"]])
        title = _("Receivables aging") if kind == Invoice.Kind.SALE else _("Payables aging")
        response = export_response(
            request,
            f"aging-{kind}-{on.isoformat()}",
            header,
            rows,
            title=title,
            subtitle=f"{company} · {on.isoformat()}",
            numeric=set(range(2, 10)),
            bold_rows={len(rows) - 1},
            widths=[1.2, 3.5, 1.3, 1.3, 1.3, 1.3, 1.3, 1.4, 1.4, 1.4],
            landscape=True,
        )
        if response is not None:
            return response
    return render(request, "accounting/aging.html", {**data, "kind": kind, "buckets": buckets})


@login_required
def partner_statement_page(request):
    company = request.company
    require_perm(request.user, company, "accounting.view_invoice")
    partners = partner_list(user=request.user, company=company, active=None).order_by("code")
    partner = (
        partners.filter(pk=request.GET.get("partner")).first()
        if (request.GET.get("partner") or "").isdigit()
        else None
    )
    today = timezone.localdate()
    end = parse_date(request.GET.get("end")) or today
    start = parse_date(request.GET.get("start")) or end.replace(day=1)
    data = reports.partner_statement(company, partner=partner, start=start, end=end) if partner else None
    if data and request.GET.get("export"):
        header = [
            _("Date"),
            _("Voucher"),
            _("Summary"),
            _("GL account"),
            _("Debit"),
            _("Credit"),
            _("Balance"),
        ]
        rows = [[None, "", str(_("Opening balance")), "", None, None, data["opening"]]]
        rows += [
            [
                r["line"].date,
                str(r["line"].voucher),
                r["line"].summary,
                r["line"].account.code,
                r["line"].debit,
                r["line"].credit,
                r["balance"],
            ]
            for r in data["rows"]
        ]
        rows.append(
            [
                None,
                "",
                str(_("Period total and closing balance")),
                "",
                data["debit"],
                data["credit"],
                data["closing"],
            ]
        )
        response = export_response(
            request,
            f"statement-{partner.code}-{end.isoformat()}",
            header,
            rows,
            title=_("Partner statement"),
            subtitle=f"{company} → {partner.name} · {start.isoformat()} — {end.isoformat()}",
            numeric={4, 5, 6},
            bold_rows={0, len(rows) - 1},
            widths=[1.2, 1, 4.5, 1.2, 1.5, 1.5, 1.5],
            footer=f"{_('Positive balance: the partner owes us.')}　　{_('Confirmed by (stamp)')}: ____________",
        )
        if response is not None:
            return response
    return render(
        request,
        "accounting/partner_statement.html",
        {
            "partners": partners[:2000],
            "partner": partner,
            "data": data,
            "start": start,
            "end": end,
            "company": company,
        },
    )


@login_required
def cash_flow_page(request):
    return _statement(
        request,
        "cash_flow",
        reports.cash_flow,
        [("month", _("This month")), ("year", _("Year to date"))],
        title=_("Cash-flow statement"),
    )
