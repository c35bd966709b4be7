"""Customer invoices and supplier bills (the AR/AP sub-ledger): lines with VAT computed per line (`tax.py`),
发票 type/code/number (booked once), foreign currency at the dated rate, and the voucher posting generates:

    sale       借 应收账款 (partner) 价税合计 / 贷 主营业务收入 不含税 / 贷 应交税费—应交增值税(销项税额)
    purchase   借 在途物资 or the line's account 不含税 / 借 应交税费—应交增值税(进项税额) (专票 only) /
               贷 应付账款 (partner) 价税合计

A credit note (红字发票) carries positive amounts and books the same voucher in red (negative amounts on the
same sides, DESIGN §7); posted against its invoice it settles that invoice's open amount first. The voucher is
a draft prepared by the poster: the accountant reviews and posts it like any other (审核 ≠ 制单).
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.core.audit import audit_transition
from ronghe.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from ronghe.core.scoping import has_perm
from ronghe.core.services import currency_rate_get, sequence_next
from ronghe.core.transactions import service_transaction

from .models import (
    DEDUCTIBLE_FAPIAO,
    ZERO,
    Account,
    Allocation,
    DocState,
    FapiaoType,
    Invoice,
    InvoiceLine,
    TaxpayerType,
    Voucher,
)
from .services import leaves_for, settings_for, voucher_create_in_transaction
from .tax import priced_line

CENT = Decimal("0.01")

SEQUENCES = {
    (Invoice.Kind.SALE, False): "accounting.invoice",
    (Invoice.Kind.PURCHASE, False): "accounting.bill",
    (Invoice.Kind.SALE, True): "accounting.invoice_refund",
    (Invoice.Kind.PURCHASE, True): "accounting.bill_refund",
}


def to_cny(amount: Decimal, rate: Decimal) -> Decimal:
    return (Decimal(amount) * Decimal(rate)).quantize(CENT, rounding=ROUND_HALF_UP)


def dated_rate(company, currency, on: datetime.date, rate=None, field: str = "rate") -> Decimal:
    """The rate given, or the company's rate of `currency` on `on`; a missing rate is a field error."""
    code = getattr(currency, "code", currency)
    if code == company.currency_id:
        return Decimal(1)
    if rate not in (None, ""):
        try:
            value = Decimal(str(rate))
        except InvalidOperation:
            value = Decimal(0)
        if value <= 0:
            raise ValidationFailed(fields={field: [_("Enter a positive exchange rate.")]})
        return value
    try:
        return currency_rate_get(company=company, currency=code, on=on)
    except NotFound as e:
        raise ValidationFailed(str(e), fields={field: [str(e)]}) from e


def word_for(company, kind: str) -> str:
    """The voucher word of a generated voucher: 收/付/转 when the company uses them, else 记."""
    from .models import AccountingSettings

    if settings_for(company).words == AccountingSettings.Words.SINGLE:
        return "记"
    return kind


def _clean(
    company, *, kind, partner, lines, date, is_refund, refund_of, fapiao_type, fapiao_number, currency
):
    s = settings_for(company)
    errors: dict = {}
    if kind not in Invoice.Kind.values:
        errors["kind"] = [_("Choose customer invoice or supplier bill.")]
    if partner is None or partner.company_id != company.pk:
        errors["partner"] = [_("Choose a partner of this company.")]
    if not isinstance(date, datetime.date):
        errors["date"] = [_("Enter a valid date.")]
    if fapiao_type not in FapiaoType.values:
        errors["fapiao_type"] = [_("Choose a fapiao type.")]
    if refund_of is not None:
        if (
            refund_of.company_id != company.pk
            or refund_of.kind != kind
            or refund_of.is_refund
            or refund_of.state != DocState.POSTED
        ):
            errors["refund_of"] = [_("A credit note credits a posted invoice of the same type.")]
        elif partner is not None and refund_of.partner_id != partner.pk:
            errors["refund_of"] = [_("The credited invoice belongs to another partner.")]
        elif refund_of.currency_id != getattr(currency, "code", currency):
            errors["refund_of"] = [_("The credited invoice is in another currency.")]
    if not lines:
        errors["lines"] = [_("An invoice has at least one line.")]
    default_code = s.revenue_account if kind == Invoice.Kind.SALE else s.goods_in_transit_account
    codes = {x["account"] for x in lines if isinstance(x.get("account"), str)}
    accounts = {a.code: a for a in Account.objects.filter(company=company, code__in=codes)}
    try:
        default_account = leaves_for(company, [default_code])[default_code]
    except ValidationFailed:
        default_account = None
    out = []
    for i, data in enumerate(lines or []):
        p = f"lines.{i}."
        product = data.get("product")
        if product is not None and product.company_id != company.pk:
            errors[p + "product"] = [_("Choose a record of this company.")]
        description = (data.get("description") or (product.name if product is not None else "")).strip()
        if not description:
            errors[p + "description"] = [_("Describe the line or choose a product.")]
        account = data.get("account") or default_account
        if isinstance(account, str):
            account = accounts.get(account.strip())
        if account is None or account.company_id != company.pk:
            errors[p + "account"] = [_("Choose an account.")]
        elif not account.is_leaf or not account.active:
            errors[p + "account"] = [
                _("%(account)s has sub-accounts: post to one of them.") % {"account": account}
            ]
        priced = priced_line(data, p, errors, included=data["_included"])
        if priced is None:
            continue
        out.append(
            InvoiceLine(
                seq=i + 1,
                product=product,
                description=description[:200],
                quantity=priced.quantity,
                unit_price=priced.unit_price,
                discount_percent=priced.discount_percent,
                vat_rate=priced.vat_rate,
                account=account,
                amount_untaxed=priced.amounts.untaxed,
                amount_tax=priced.amounts.tax,
                amount_total=priced.amounts.total,
                source=(data.get("source") or "")[:80],
            )
        )
    if errors:
        raise ValidationFailed(fields=errors)
    return out


def _fapiao_taken(company, kind, code, number, exclude=None):
    if not number:
        return None
    qs = Invoice.objects.filter(company=company, kind=kind, fapiao_code=code or "", fapiao_number=number)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.first()


def _fill(inv: Invoice, *, lines, data: dict) -> list[InvoiceLine]:
    company = inv.company
    for line in lines:
        line["_included"] = inv.price_includes_tax
    clean = _clean(
        company,
        kind=inv.kind,
        partner=inv.partner,
        lines=lines,
        date=inv.date,
        is_refund=inv.is_refund,
        refund_of=inv.refund_of,
        fapiao_type=inv.fapiao_type,
        fapiao_number=inv.fapiao_number,
        currency=inv.currency_id,
    )
    taken = _fapiao_taken(company, inv.kind, inv.fapiao_code, inv.fapiao_number, exclude=inv.pk)
    if taken is not None:
        raise ValidationFailed(
            fields={
                "fapiao_number": [
                    _("Fapiao %(number)s is already booked on %(invoice)s.")
                    % {"number": inv.fapiao_number, "invoice": taken.number or _("a draft")}
                ]
            }
        )
    inv.rate = dated_rate(company, inv.currency_id, inv.date, data.get("rate"))
    inv.carrying_rate = inv.rate
    if not inv.due_date:
        term = getattr(inv.partner, "payment_term", None)
        inv.due_date = inv.date + datetime.timedelta(days=term.days if term else 0)
    elif inv.due_date < inv.date:
        raise ValidationFailed(fields={"due_date": [_("The due date is before the invoice date.")]})
    inv.amount_untaxed = sum((x.amount_untaxed for x in clean), ZERO)
    inv.amount_tax = sum((x.amount_tax for x in clean), ZERO)
    inv.amount_total = sum((x.amount_total for x in clean), ZERO)
    return clean


def _require(actor, company, perm: str) -> None:
    if actor is not None and not has_perm(actor, company, perm):
        raise PermissionDenied(_("You may not do this with invoices."))


@service_transaction
def invoice_create(
    *,
    company,
    actor,
    kind: str,
    partner,
    date: datetime.date,
    lines: list[dict],
    due_date: datetime.date | None = None,
    currency=None,
    rate=None,
    price_includes_tax: bool = True,
    fapiao_type: str = FapiaoType.SPECIAL,
    fapiao_code: str = "",
    fapiao_number: str = "",
    fapiao_date: datetime.date | None = None,
    reference: str = "",
    note: str = "",
    source: str = "",
    refund_of=None,
    is_refund: bool = False,
) -> Invoice:
    """A draft invoice (numbered when posted). `lines`: [{"product"?, "description"?, "quantity",
    "unit_price", "discount_percent"?, "vat_rate", "account"? (Account or code), "source"?}]."""
    _require(actor, company, "accounting.add_invoice")
    if partner is not None and currency is None:
        currency = partner.currency_id or company.currency_id
    inv = Invoice(
        company=company,
        created_by=actor,
        kind=kind,
        is_refund=bool(is_refund or refund_of is not None),
        refund_of=refund_of,
        partner=partner,
        date=date,
        due_date=due_date,
        currency_id=getattr(currency, "code", currency) or company.currency_id,
        price_includes_tax=price_includes_tax,
        fapiao_type=fapiao_type,
        fapiao_code=(fapiao_code or "").strip(),
        fapiao_number=(fapiao_number or "").strip(),
        fapiao_date=fapiao_date,
        reference=(reference or "")[:80],
        note=note or "",
        source=(source or "")[:80],
    )
    clean = _fill(inv, lines=[dict(x) for x in lines or []], data={"rate": rate})
    inv.amount_open = inv.amount_total
    inv.save()
    for x in clean:
        x.invoice = inv
    InvoiceLine.objects.bulk_create(clean)
    return inv


def _lock(invoice) -> Invoice:
    return (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("company", "partner")
        .get(pk=getattr(invoice, "pk", invoice))
    )


@service_transaction
def invoice_update(*, invoice, actor, lines: list[dict] | None = None, **fields) -> Invoice:
    """Change a draft: header fields and, when given, all lines."""
    inv = _lock(invoice)
    _require(actor, inv.company, "accounting.change_invoice")
    if inv.state != DocState.DRAFT:
        raise InvalidTransition(
            _("Invoice %(number)s is posted: issue a credit note instead.") % {"number": inv}
        )
    rate = fields.pop("rate", None)
    for name in (
        "partner",
        "date",
        "due_date",
        "price_includes_tax",
        "fapiao_type",
        "fapiao_code",
        "fapiao_number",
        "fapiao_date",
        "reference",
        "note",
    ):
        if name in fields:
            setattr(inv, name, fields[name])
    if "currency" in fields:
        inv.currency_id = getattr(fields["currency"], "code", fields["currency"])
    if lines is None:
        lines = [
            {
                k: getattr(x, k)
                for k in (
                    "product",
                    "description",
                    "quantity",
                    "unit_price",
                    "discount_percent",
                    "vat_rate",
                    "account",
                    "source",
                )
            }
            for x in inv.lines.select_related("product", "account")
        ]
    clean = _fill(inv, lines=[dict(x) for x in lines], data={"rate": rate})
    inv.amount_open = inv.amount_total
    inv.save()
    inv.lines.all().delete()
    for x in clean:
        x.invoice = inv
    InvoiceLine.objects.bulk_create(clean)
    return inv


@service_transaction
def invoice_delete(*, invoice, actor) -> None:
    inv = _lock(invoice)
    _require(actor, inv.company, "accounting.delete_invoice")
    if inv.state != DocState.DRAFT:
        raise InvalidTransition(
            _("Invoice %(number)s is posted: issue a credit note instead.") % {"number": inv}
        )
    inv.delete()


def voucher_lines_for(inv: Invoice, lines: list[InvoiceLine]) -> list[dict]:
    """The lines of the invoice's voucher, in the company currency (foreign amounts kept on the AR/AP line)."""
    s = settings_for(inv.company)
    sale = inv.kind == Invoice.Kind.SALE
    deductible = not sale and inv.fapiao_type in DEDUCTIBLE_FAPIAO and s.taxpayer_type == TaxpayerType.GENERAL
    partner_code = s.receivable_account if sale else s.payable_account
    vat_code = s.output_vat_account if sale else s.input_vat_account
    acc = leaves_for(inv.company, [partner_code, vat_code])
    sign = -1 if inv.is_refund else 1
    label = (_("Invoice %(number)s %(partner)s") if sale else _("Bill %(number)s %(partner)s")) % {
        "number": inv.number,
        "partner": inv.partner.name,
    }
    if inv.is_refund:
        label = _("Credit note %(number)s %(partner)s") % {"number": inv.number, "partner": inv.partner.name}
    by_account: dict[int, list] = {}
    for x in lines:
        amount = x.amount_untaxed if (sale or deductible) else x.amount_total
        key = x.account_id
        by_account.setdefault(key, [x.account, ZERO])[1] += to_cny(amount, inv.rate)
    tax_cny = to_cny(inv.amount_tax, inv.rate) if (sale or deductible) else ZERO
    side_doc, side_other = ("debit", "credit") if sale else ("credit", "debit")
    out = [
        {"summary": label, "account": account, side_other: sign * amount}
        for account, amount in by_account.values()
        if amount
    ]
    if tax_cny:
        out.append({"summary": label, "account": acc[vat_code], side_other: sign * tax_cny})
    total_cny = sum((sign * a for _acc, a in by_account.values()), ZERO) + sign * tax_cny
    fx = {}
    if inv.currency_id != inv.company.currency_id:
        fx = {"currency": inv.currency_id, "amount_currency": sign * inv.amount_total, "rate": inv.rate}
    out.insert(
        0,
        {"summary": label, "account": acc[partner_code], side_doc: total_cny, "partner": inv.partner, **fx},
    )
    return out


# Checks other modules add before an invoice may post (e.g. purchasing's three-way match): fn(invoice, lines)
# raises a DomainError to refuse. Registered from AppConfig.ready(); accounting imports none of them.
_post_guards: list = []


def register_post_guard(fn) -> None:
    if fn not in _post_guards:
        _post_guards.append(fn)


@service_transaction
def invoice_post(*, invoice, actor) -> Invoice:
    """Number the invoice, generate its voucher (a draft for the accountant to review), open it in the
    sub-ledger; a credit note then settles its invoice's open amount."""
    inv = _lock(invoice)
    _require(actor, inv.company, "accounting.post_invoice")
    if inv.state != DocState.DRAFT:
        raise InvalidTransition(_("Invoice %(number)s is already posted.") % {"number": inv})
    lines = list(inv.lines.select_related("account"))
    if not lines or inv.amount_total <= 0:
        raise ValidationFailed(fields={"lines": [_("An invoice has at least one line with an amount.")]})
    for guard in _post_guards:
        guard(inv, lines)
    refund_of = None
    if inv.refund_of_id:
        refund_of = _lock(inv.refund_of_id)
        credited = (
            Invoice.objects.filter(refund_of=refund_of, state=DocState.POSTED).aggregate(
                s=Sum("amount_total")
            )["s"]
            or ZERO
        )
        if credited + inv.amount_total > refund_of.amount_total:
            raise ValidationFailed(
                fields={
                    "lines": [
                        _("Credit notes would exceed the %(total)s of invoice %(number)s.")
                        % {"total": refund_of.amount_total, "number": refund_of}
                    ]
                }
            )
    inv.number = sequence_next(company=inv.company, code=SEQUENCES[(inv.kind, inv.is_refund)], on=inv.date)
    voucher = voucher_create_in_transaction(
        company=inv.company,
        actor=actor,
        date=inv.date,
        lines=voucher_lines_for(inv, lines),
        word=word_for(inv.company, "转"),
        attachments=1,
        kind=Voucher.Kind.INVOICE,
        red=inv.is_refund,
        source=f"invoice:{inv.pk}",
        source_is_unique=True,  # the invoice is locked and still a draft: its voucher cannot exist yet
        note=inv.number,
    )
    partner_line = min(voucher.written_lines, key=lambda x: x.seq)
    inv.amount_total_cny = abs(partner_line.debit or partner_line.credit)
    inv.amount_open, inv.amount_open_cny = inv.amount_total, inv.amount_total_cny
    inv.voucher = voucher
    audit_transition(inv, action="post", from_state=inv.state, to_state=DocState.POSTED)
    inv.state, inv.posted_by, inv.posted_at = DocState.POSTED, actor, timezone.now()
    inv.save()
    if refund_of is not None and refund_of.amount_open > 0:
        from .payments import credit_allocate

        credit_allocate(
            credit_note=inv,
            invoice=refund_of,
            actor=actor,
            amount=min(inv.amount_open, refund_of.amount_open),
        )
        inv.refresh_from_db()
    return inv


@service_transaction
def credit_notes_for(
    *,
    company,
    actor,
    partner,
    kind: str,
    items: list[dict],
    reference: str,
    source: str,
    date=None,
    post=False,
) -> list[Invoice]:
    """Credit notes (红字发票) for `items` [{"source", "product", "description", "quantity"}] of a source
    document: each item is credited against the latest posted invoice of its source line — at that invoice
    line's price, discount, VAT rate and account, on its 含税 basis — one credit note per invoice."""
    per_invoice: dict[int, list] = {}
    originals: dict[int, Invoice] = {}
    for item in items:
        last = (
            InvoiceLine.objects.filter(
                source=item["source"],
                invoice__is_refund=False,
                invoice__state=DocState.POSTED,
                invoice__kind=kind,
            )
            .select_related("invoice", "account")
            .order_by("-invoice__date", "-invoice_id")
            .first()
        )
        if last is None:
            continue
        originals[last.invoice_id] = last.invoice
        per_invoice.setdefault(last.invoice_id, []).append(
            {
                **item,
                "unit_price": last.unit_price,
                "discount_percent": last.discount_percent,
                "vat_rate": last.vat_rate,
                "account": last.account,
            }
        )
    if not per_invoice:
        raise ValidationFailed(fields={"lines": [_("Nothing to credit: no returned quantity is invoiced.")]})
    notes = []
    for invoice_id, rows in sorted(per_invoice.items()):
        original = originals[invoice_id]
        note = invoice_create(
            company=company,
            actor=actor,
            kind=kind,
            partner=partner,
            date=date or timezone.localdate(),
            lines=rows,
            price_includes_tax=original.price_includes_tax,
            refund_of=original,
            reference=reference,
            source=source,
            fapiao_type=original.fapiao_type,
        )
        notes.append(invoice_post(invoice=note, actor=actor) if post else note)
    return notes


def invoice_allocations(inv: Invoice):
    return (
        Allocation.objects.filter(invoice=inv).select_related("payment", "credit_note").order_by("date", "id")
    )
