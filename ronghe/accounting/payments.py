"""Receipts and payments (收款/付款), their allocation to invoices, credit notes against invoices, and the
month-end exchange revaluation.

A receipt books 借 银行存款 / 贷 应收账款 (each allocated invoice, at the amount it carries) / 贷 预收账款 (what is
not allocated yet, a prepayment kept open) ± 财务费用—汇兑损益 (the realised exchange difference) and, when asked,
the small difference left on an invoice written off to 财务费用. A payment is the mirror image (应付账款 / 预付账款).
Allocating a prepayment later books 借 预收账款 / 贷 应收账款 (转账凭证). Every allocation locks the invoice row and
refuses more than its open amount.
"""

import calendar
import datetime
from decimal import Decimal

from django.db.models import Case, F, Sum, When
from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.core.audit import audit_transition
from ronghe.core.errors import InvalidTransition, ValidationFailed
from ronghe.core.services import sequence_next
from ronghe.core.transactions import service_transaction

from .invoicing import _require, dated_rate, to_cny, word_for
from .models import (
    ZERO,
    AccountBalance,
    Allocation,
    BankAccount,
    DocState,
    Invoice,
    Payment,
    Voucher,
    VoucherLine,
    cents,
)
from .services import leaves_for, settings_for, voucher_create, voucher_create_in_transaction
from .states import VoucherState
from .tax import number_or_error

SEQUENCES = {Payment.Kind.INBOUND: "accounting.receipt", Payment.Kind.OUTBOUND: "accounting.payment"}
CASHFLOW_DEFAULT = {Payment.Kind.INBOUND: "1", Payment.Kind.OUTBOUND: "3"}


def _signed(lines: list[tuple], sign: int) -> list[dict]:
    """(summary, account, signed amount (+ debit), extra) → voucher line dicts; `sign` −1 mirrors."""
    out = []
    for summary, account, amount, extra in lines:
        amount = amount * sign
        if not amount:
            continue
        if "amount_currency" in extra:  # foreign amounts carry the sign of the line's amount
            extra = {**extra, "amount_currency": abs(extra["amount_currency"])}
        out.append(
            {
                "summary": summary,
                "account": account,
                **({"debit": amount} if amount > 0 else {"credit": -amount}),
                **extra,
            }
        )
    return out


def _partner_code(s, inv: Invoice) -> str:
    return s.receivable_account if inv.kind == Invoice.Kind.SALE else s.payable_account


def _check_target(payment: Payment, inv: Invoice, p: str, errors: dict) -> None:
    if inv.company_id != payment.company_id or inv.partner_id != payment.partner_id:
        errors[p + "invoice"] = [_("Choose an invoice of this partner.")]
    elif inv.state != DocState.POSTED:
        errors[p + "invoice"] = [
            _("Invoice %(number)s is not posted.") % {"number": inv.number or _("draft")}
        ]
    elif inv.receivable != (payment.kind == Payment.Kind.INBOUND):
        errors[p + "invoice"] = [
            _("%(number)s is settled by a payment in the other direction.") % {"number": inv.number}
        ]
    elif inv.currency_id != payment.currency_id:
        errors[p + "invoice"] = [
            _("%(number)s is in %(currency)s: allocate a payment in the same currency.")
            % {"number": inv.number, "currency": inv.currency_id}
        ]


def _relief(inv: Invoice, amount: Decimal, write_off: Decimal) -> Decimal:
    """The company-currency amount an allocation takes off the invoice (its whole carrying value when it
    clears it, so nothing is left over from rounding)."""
    if amount + write_off == inv.amount_open:
        return inv.amount_open_cny
    return to_cny(amount + write_off, inv.carrying_rate)


def _apply(inv: Invoice, amount: Decimal, write_off: Decimal, relief: Decimal) -> None:
    inv.amount_open -= amount + write_off
    inv.amount_open_cny -= relief
    inv.save(update_fields=["amount_open", "amount_open_cny", "updated_at"])


def _write_off_for(s, inv: Invoice, amount: Decimal, wanted: bool, p: str, errors: dict) -> Decimal:
    rest = inv.amount_open - amount
    if not wanted or rest <= 0:
        return ZERO
    if to_cny(rest, inv.carrying_rate) > s.write_off_limit:
        errors[p + "write_off"] = [
            _("%(rest)s left on %(number)s is more than the small-difference limit %(limit)s.")
            % {"rest": rest, "number": inv.number, "limit": s.write_off_limit}
        ]
        return ZERO
    return rest


@service_transaction
def payment_create(
    *,
    company,
    actor,
    kind: str,
    partner,
    date: datetime.date,
    bank_account: BankAccount,
    amount,
    rate=None,
    allocations: list[dict] | None = None,
    cashflow_item: str | None = None,
    reference: str = "",
    note: str = "",
) -> Payment:
    """A draft receipt/payment in the bank account's currency. `allocations`: [{"invoice", "amount",
    "write_off"?: bool}] applied when it is posted; the rest stays a prepayment."""
    _require(actor, company, "accounting.add_payment")
    errors: dict = {}
    if kind not in Payment.Kind.values:
        errors["kind"] = [_("Choose receipt or payment.")]
    if partner is None or partner.company_id != company.pk:
        errors["partner"] = [_("Choose a partner of this company.")]
    if bank_account is None or bank_account.company_id != company.pk or not bank_account.active:
        errors["bank_account"] = [_("Choose an active bank account of this company.")]
    if not isinstance(date, datetime.date):
        errors["date"] = [_("Enter a valid date.")]
    value = number_or_error(amount, "amount", errors)
    if value is not None and value <= 0:
        errors["amount"] = [_("Enter an amount above zero.")]
    elif value is not None and value != value.quantize(Decimal("0.01")):
        errors["amount"] = [_("Amounts have at most two decimal places.")]
    if errors:
        raise ValidationFailed(fields=errors)
    pay = Payment(
        company=company,
        created_by=actor,
        kind=kind,
        partner=partner,
        date=date,
        bank_account=bank_account,
        currency_id=bank_account.currency_id,
        amount=value,
        cashflow_item=(cashflow_item or CASHFLOW_DEFAULT[kind])[:4],
        reference=(reference or "")[:80],
        note=(note or "")[:200],
    )
    pay.rate = dated_rate(company, pay.currency_id, date, rate)
    pay.carrying_rate = pay.rate
    pay.plan = _plan(pay, allocations or [])
    pay.amount_unallocated = value
    pay.save()
    return pay


def _plan(pay: Payment, allocations: list[dict]) -> list[dict]:
    """Check the allocation plan of a draft (again, under locks, when posting)."""
    errors: dict = {}
    plan, total = [], ZERO
    ids = [getattr(a.get("invoice"), "pk", a.get("invoice")) for a in allocations]
    invoices = {i.pk: i for i in Invoice.objects.filter(pk__in=[x for x in ids if x])}
    for i, a in enumerate(allocations):
        p = f"allocations.{i}."
        inv = invoices.get(ids[i])
        if inv is None:
            errors[p + "invoice"] = [_("Choose an invoice.")]
            continue
        _check_target(pay, inv, p, errors)
        amount = number_or_error(a.get("amount"), p + "amount", errors)
        if amount is None or p + "invoice" in errors:
            continue
        if amount <= 0:
            errors[p + "amount"] = [_("Enter an amount above zero.")]
        elif amount > inv.amount_open:
            errors[p + "amount"] = [
                _("Allocating %(amount)s is more than the open %(open)s of %(number)s.")
                % {"amount": amount, "open": inv.amount_open, "number": inv.number}
            ]
        total += amount
        plan.append({"invoice": inv.pk, "amount": str(amount), "write_off": bool(a.get("write_off"))})
    if total > pay.amount:
        errors["allocations"] = [
            _("The allocations (%(total)s) exceed the amount %(amount)s.")
            % {"total": total, "amount": pay.amount}
        ]
    if errors:
        raise ValidationFailed(fields=errors)
    return plan


@service_transaction
def payment_delete(*, payment, actor) -> None:
    pay = Payment.objects.select_for_update().get(pk=payment.pk)
    _require(actor, pay.company, "accounting.delete_payment")
    if pay.state != DocState.DRAFT:
        raise InvalidTransition(_("%(number)s is posted and cannot be deleted.") % {"number": pay.number})
    pay.delete()


@service_transaction
def payment_post(*, payment, actor) -> Payment:
    """Number the payment, allocate it as planned (invoices locked, open amounts re-checked) and generate the
    收/付 voucher (a draft for the accountant)."""
    pay = (
        Payment.objects.select_for_update(of=("self",))
        .select_related("company", "partner", "bank_account__account")
        .get(pk=payment.pk)
    )
    company = pay.company
    _require(actor, company, "accounting.post_payment")
    if pay.state != DocState.DRAFT:
        raise InvalidTransition(_("%(number)s is already posted.") % {"number": pay.number})
    s = settings_for(company)
    ids = [x["invoice"] for x in pay.plan]
    invoices = {i.pk: i for i in Invoice.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    errors: dict = {}
    staged = []
    for i, x in enumerate(pay.plan):
        p = f"allocations.{i}."
        inv = invoices.get(x["invoice"])
        if inv is None:
            errors[p + "invoice"] = [_("Choose an invoice.")]
            continue
        _check_target(pay, inv, p, errors)
        amount = Decimal(x["amount"])
        if amount > inv.amount_open:
            errors[p + "amount"] = [
                _("Allocating %(amount)s is more than the open %(open)s of %(number)s.")
                % {"amount": amount, "open": inv.amount_open, "number": inv.number}
            ]
            continue
        write_off = _write_off_for(s, inv, amount, x.get("write_off"), p, errors)
        staged.append((inv, amount, write_off))
    if errors:
        raise ValidationFailed(fields=errors)

    pay.number = sequence_next(company=company, code=SEQUENCES[pay.kind], on=pay.date)
    pay.amount_cny = to_cny(pay.amount, pay.rate)
    inbound = pay.kind == Payment.Kind.INBOUND
    codes = [
        s.advance_received_account if inbound else s.advance_paid_account,
        s.fx_account,
        s.write_off_account,
    ]
    codes += [_partner_code(s, inv) for inv, _a, _w in staged]
    acc = leaves_for(company, codes)
    fx = {}
    if pay.currency_id != company.currency_id:
        fx = {"currency": pay.currency_id, "rate": pay.rate}
    label = (_("Receipt %(number)s %(partner)s") if inbound else _("Payment %(number)s %(partner)s")) % {
        "number": pay.number,
        "partner": pay.partner.name,
    }
    partner = {"partner": pay.partner}
    rows = [
        (
            label,
            pay.bank_account.account,
            pay.amount_cny,
            {"cashflow_item": pay.cashflow_item, **({**fx, "amount_currency": pay.amount} if fx else {})},
        ),
    ]
    allocated_cny = ZERO
    allocations = []
    for inv, amount, write_off in staged:
        relief = _relief(inv, amount, write_off)
        paid_cny = to_cny(amount, pay.rate)
        wo_cny = relief - to_cny(amount, inv.carrying_rate) if write_off else ZERO
        summary = f"{label} {inv.number}"
        rows.append(
            (
                summary,
                acc[_partner_code(s, inv)],
                -relief,
                {**partner, **({**fx, "amount_currency": amount + write_off} if fx else {})},
            )
        )
        if write_off:
            rows.append(
                (
                    _("Small difference written off %(number)s") % {"number": inv.number},
                    acc[s.write_off_account],
                    wo_cny,
                    {},
                )
            )
        fx_diff = paid_cny + wo_cny - relief  # inbound: positive = gain
        allocated_cny += paid_cny
        allocations.append(
            Allocation(
                company=company,
                invoice=inv,
                payment=pay,
                date=pay.date,
                amount=amount,
                write_off=write_off,
                fx_difference=fx_diff if inbound else -fx_diff,
            )
        )
        _apply(inv, amount, write_off, relief)
    pay.amount_unallocated = pay.amount - sum((a.amount for a in allocations), ZERO)
    pay.amount_unallocated_cny = pay.amount_cny - allocated_cny
    if pay.amount_unallocated:
        advance = acc[s.advance_received_account if inbound else s.advance_paid_account]
        rows.append(
            (_("%(label)s prepayment") % {"label": label}, advance, -pay.amount_unallocated_cny, partner)
        )
    balance = sum((r[2] for r in rows), ZERO)
    if balance:
        rows.append(
            (_("Exchange difference %(number)s") % {"number": pay.number}, acc[s.fx_account], -balance, {})
        )
    voucher = voucher_create_in_transaction(
        company=company,
        actor=actor,
        date=pay.date,
        lines=_signed(rows, 1 if inbound else -1),
        word=word_for(company, "收" if inbound else "付"),
        attachments=1,
        kind=Voucher.Kind.PAYMENT,
        source=f"payment:{pay.pk}",
        source_is_unique=True,  # the payment is locked and still a draft: its voucher cannot exist yet
        note=pay.number,
    )
    for a in allocations:
        a.voucher = voucher
    Allocation.objects.bulk_create(allocations)
    pay.voucher = voucher
    audit_transition(pay, action="post", from_state=pay.state, to_state=DocState.POSTED)
    pay.state, pay.posted_by, pay.posted_at = DocState.POSTED, actor, timezone.now()
    pay.save()
    return pay


@service_transaction
def payment_allocate(
    *, payment, invoice, actor, amount, write_off: bool = False, date: datetime.date | None = None
) -> Allocation:
    """Allocate part of a posted payment's prepayment to an invoice: 借 预收账款 / 贷 应收账款 (mirror for
    payments), with the exchange difference between the two carrying values."""
    pay = (
        Payment.objects.select_for_update(of=("self",))
        .select_related("company", "partner")
        .get(pk=payment.pk)
    )
    inv = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.pk)
    company = pay.company
    _require(actor, company, "accounting.post_payment")
    s = settings_for(company)
    errors: dict = {}
    if pay.state != DocState.POSTED:
        errors["payment"] = [_("Post the payment first.")]
    _check_target(pay, inv, "", errors)
    value = number_or_error(amount, "amount", errors)
    if value is not None and not errors:
        if value <= 0:
            errors["amount"] = [_("Enter an amount above zero.")]
        elif value > pay.amount_unallocated:
            errors["amount"] = [
                _("Only %(open)s of %(number)s is unallocated.")
                % {"open": pay.amount_unallocated, "number": pay.number}
            ]
        elif value > inv.amount_open:
            errors["amount"] = [
                _("Allocating %(amount)s is more than the open %(open)s of %(number)s.")
                % {"amount": value, "open": inv.amount_open, "number": inv.number}
            ]
    wo = _write_off_for(s, inv, value, write_off, "", errors) if not errors else ZERO
    if errors:
        raise ValidationFailed(fields=errors)
    date = date or timezone.localdate()
    inbound = pay.kind == Payment.Kind.INBOUND
    adv_code = s.advance_received_account if inbound else s.advance_paid_account
    acc = leaves_for(company, [adv_code, _partner_code(s, inv), s.fx_account, s.write_off_account])
    from_prepayment = (
        pay.amount_unallocated_cny if value == pay.amount_unallocated else to_cny(value, pay.carrying_rate)
    )
    relief = _relief(inv, value, wo)
    wo_cny = relief - to_cny(value, inv.carrying_rate) if wo else ZERO
    label = _("Prepayment %(payment)s allocated to %(number)s") % {
        "payment": pay.number,
        "number": inv.number,
    }
    partner = {"partner": pay.partner}
    rows = [
        (label, acc[adv_code], from_prepayment, partner),
        (label, acc[_partner_code(s, inv)], -relief, partner),
    ]
    if wo:
        rows.append(
            (
                _("Small difference written off %(number)s") % {"number": inv.number},
                acc[s.write_off_account],
                wo_cny,
                {},
            )
        )
    balance = sum((r[2] for r in rows), ZERO)
    if balance:
        rows.append(
            (_("Exchange difference %(number)s") % {"number": inv.number}, acc[s.fx_account], -balance, {})
        )
    voucher = voucher_create(
        company=company,
        actor=actor,
        date=date,
        lines=_signed(rows, 1 if inbound else -1),
        word=word_for(company, "转"),
        kind=Voucher.Kind.PAYMENT,
        note=label[:200],
    )
    alloc = Allocation.objects.create(
        company=company,
        invoice=inv,
        payment=pay,
        date=date,
        amount=value,
        write_off=wo,
        fx_difference=-balance if inbound else balance,
        voucher=voucher,
    )
    _apply(inv, value, wo, relief)
    pay.amount_unallocated -= value
    pay.amount_unallocated_cny -= from_prepayment
    pay.save(update_fields=["amount_unallocated", "amount_unallocated_cny", "updated_at"])
    return alloc


@service_transaction
def credit_allocate(*, credit_note, invoice, actor, amount) -> Allocation:
    """Settle an invoice with a posted credit note of the same partner (both sit on the same AR/AP account, so
    only an exchange difference needs a voucher)."""
    note = Invoice.objects.select_for_update(of=("self",)).select_related("company").get(pk=credit_note.pk)
    inv = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.pk)
    company = note.company
    _require(actor, company, "accounting.post_invoice")
    errors: dict = {}
    if not note.is_refund or note.state != DocState.POSTED:
        errors["credit_note"] = [_("Choose a posted credit note.")]
    elif (
        inv.is_refund
        or inv.state != DocState.POSTED
        or inv.kind != note.kind
        or inv.partner_id != note.partner_id
        or inv.currency_id != note.currency_id
    ):
        errors["invoice"] = [_("Choose a posted invoice of the same partner, type and currency.")]
    value = Decimal(str(amount))
    if not errors:
        if value <= 0 or value > note.amount_open:
            errors["amount"] = [_("Only %(open)s of the credit note is open.") % {"open": note.amount_open}]
        elif value > inv.amount_open:
            errors["amount"] = [
                _("Allocating %(amount)s is more than the open %(open)s of %(number)s.")
                % {"amount": value, "open": inv.amount_open, "number": inv.number}
            ]
    if errors:
        raise ValidationFailed(fields=errors)
    relief_inv = _relief(inv, value, ZERO)
    relief_note = _relief(note, value, ZERO)
    diff = relief_inv - relief_note  # receivable: the invoice carried more than the credit → loss
    voucher = None
    if diff:
        s = settings_for(company)
        code = _partner_code(s, inv)
        acc = leaves_for(company, [code, s.fx_account])
        label = _("Exchange difference %(number)s") % {"number": inv.number}
        sign = 1 if inv.receivable else -1
        rows = [
            (label, acc[code], -diff, {"partner": inv.partner}),
            (label, acc[s.fx_account], diff, {}),
        ]
        voucher = voucher_create(
            company=company,
            actor=actor,
            date=note.date,
            lines=_signed(rows, sign),
            word=word_for(company, "转"),
            kind=Voucher.Kind.FX,
            note=label,
        )
    alloc = Allocation.objects.create(
        company=company,
        invoice=inv,
        credit_note=note,
        date=note.date,
        amount=value,
        fx_difference=-diff,
        voucher=voucher,
    )
    _apply(inv, value, ZERO, relief_inv)
    _apply(note, value, ZERO, relief_note)
    return alloc


# --- month-end exchange revaluation --------------------------------------------------------------------------


@service_transaction
def fx_revalue(*, company, actor, year: int, month: int) -> Voucher | None:
    """期末汇兑损益: open foreign-currency invoices and foreign bank accounts revalued at the month-end rate;
    the differences go to 财务费用—汇兑损益 in one voucher. Prepayments (预收/预付) are non-monetary and keep their
    rate. Returns None when nothing changed."""
    _require(actor, company, "accounting.post_invoice")
    if not (1 <= month <= 12 and 1900 <= year <= 9999):
        raise ValidationFailed(fields={"month": [_("Enter a month from 1 to 12 of a valid year.")]})
    end = datetime.date(year, month, calendar.monthrange(year, month)[1])
    source = f"fx:{year:04d}-{month:02d}"
    if Voucher.objects.filter(company=company, source=source).exists():
        raise InvalidTransition(
            _("%(year)s-%(month)02d is already revalued.") % {"year": year, "month": month}
        )
    s = settings_for(company)
    label = _("Exchange revaluation %(year)s-%(month)02d") % {"year": year, "month": month}
    rows = []
    rates: dict[str, Decimal] = {}

    def rate(code):
        if code not in rates:
            rates[code] = dated_rate(company, code, end)
        return rates[code]

    invoices = list(
        Invoice.objects.select_for_update()
        .filter(company=company, state=DocState.POSTED, amount_open__gt=0, date__lte=end)
        .exclude(currency_id=company.currency_id)
        .select_related("partner")
        .order_by("pk")
    )
    codes = {s.fx_account, s.receivable_account, s.payable_account}
    acc = leaves_for(company, codes)
    total = ZERO
    for inv in invoices:
        new = to_cny(inv.amount_open, rate(inv.currency_id))
        delta = new - inv.amount_open_cny
        if delta:  # the partner account's signed balance moves by delta (receivable) or −delta (payable)
            rows.append(
                (
                    f"{label} {inv.number}",
                    acc[_partner_code(s, inv)],
                    delta if inv.receivable else -delta,
                    {"partner": inv.partner},
                )
            )
            total += rows[-1][2]
        inv.amount_open_cny, inv.carrying_rate = new, rate(inv.currency_id)
        inv.save(update_fields=["amount_open_cny", "carrying_rate", "updated_at"])
    for bank in (
        BankAccount.objects.filter(company=company)
        .exclude(currency_id=company.currency_id)
        .select_related("account")
    ):
        lines = VoucherLine.objects.filter(
            account=bank.account, voucher__state=VoucherState.POSTED, date__lte=end
        )
        fc = lines.aggregate(
            s=Sum(Case(When(debit=0, then=-F("amount_currency")), default=F("amount_currency")))
        )["s"]
        if fc is None:
            continue
        cny = AccountBalance.objects.filter(account=bank.account, period__lte=year * 100 + month).aggregate(
            d=Sum("debit"), c=Sum("credit")
        )
        delta = to_cny(cents(fc), rate(bank.currency_id)) - (cents(cny["d"]) - cents(cny["c"]))
        if delta:
            rows.append((f"{label} {bank.name}", bank.account, delta, {}))
            total += delta
    if total:
        rows.append((label, acc[s.fx_account], -total, {}))
    lines = _signed(rows, 1)
    if not lines:
        return None
    return voucher_create(
        company=company,
        actor=actor,
        date=end,
        lines=lines,
        word=word_for(company, "转"),
        kind=Voucher.Kind.FX,
        source=source,
        note=label,
    )


def open_items(company, *, partner=None, kind: str | None = None):
    qs = Invoice.objects.filter(company=company, state=DocState.POSTED, amount_open__gt=0)
    if partner is not None:
        qs = qs.filter(partner=partner)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def unallocated_payments(company, *, partner=None):
    qs = Payment.objects.filter(company=company, state=DocState.POSTED, amount_unallocated__gt=0)
    return qs.filter(partner=partner) if partner is not None else qs
