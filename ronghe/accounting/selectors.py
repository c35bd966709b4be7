"""Accounting reads, scoped by company and data scope."""

from django.db.models import Count, OuterRef, Q, Subquery

from ronghe.core.scoping import require_perm, scope_queryset

from .models import Account, Period, Project, Voucher, VoucherLine, VoucherTemplate
from .states import PeriodState


def voucher_list(
    *,
    user,
    company,
    period: Period | None = None,
    state: str = "",
    word: str = "",
    q: str = "",
    kind: str = "",
):
    qs = scope_queryset(
        Voucher.objects.select_related("period", "prepared_by", "reviewed_by", "posted_by").annotate(
            summary=Subquery(
                VoucherLine.objects.filter(voucher=OuterRef("pk")).order_by("seq").values("summary")[:1]
            )
        ),
        user=user,
        company=company,
        perm="accounting.view_voucher",
    )
    if period is not None:
        qs = qs.filter(period=period)
    if state:
        qs = qs.filter(state=state)
    if word:
        qs = qs.filter(word=word)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        q = q.strip()
        cond = Q(lines__summary__icontains=q) | Q(note__icontains=q) | Q(lines__account__code__startswith=q)
        if q.replace(".", "").isdigit():
            cond |= Q(total_debit=q)
        qs = qs.filter(cond).distinct()
    return qs.order_by("-period__year", "-period__month", "word", "-number")


def voucher_get_for_user(*, pk, user, company) -> Voucher:
    return voucher_list(user=user, company=company).get(pk=pk)


def voucher_lines(voucher):
    return list(
        voucher.lines.select_related("account", "partner", "department", "employee", "project").order_by(
            "seq"
        )
    )


def account_list(*, user, company, leaf_only: bool = False, q: str = "", active: bool | None = True):
    require_perm(user, company, "accounting.view_account")
    qs = Account.objects.filter(company=company)
    if leaf_only:
        qs = qs.filter(is_leaf=True)
    if active is not None:
        qs = qs.filter(active=active)
    if q:
        qs = qs.filter(Q(code__startswith=q) | Q(name__icontains=q) | Q(name_en__icontains=q))
    return qs.order_by("code")


def period_list(*, user, company):
    require_perm(user, company, "accounting.view_voucher")
    return Period.objects.filter(company=company).select_related("closed_by").order_by("-year", "-month")


def open_periods(*, company):
    return Period.objects.filter(company=company, state=PeriodState.OPEN).order_by("year", "month")


def project_list(*, company):
    return Project.objects.filter(company=company, active=True).order_by("code")


def template_list(*, user, company):
    require_perm(user, company, "accounting.view_voucher")
    return VoucherTemplate.objects.filter(company=company).order_by("name")


def period_months(*, company) -> list[tuple[int, int]]:
    return list(Period.objects.filter(company=company).values_list("year", "month"))


def voucher_counts(*, company):
    """Vouchers per period and state (one query for the periods page)."""
    return (
        Voucher.objects.filter(company=company)
        .values("period", "state")
        .annotate(n=Count("id"))
        .order_by("period", "state")
    )


def vouchers_to_review(*, user, company):
    return Voucher.objects.filter(company=company, state="draft", period__state=PeriodState.OPEN).exclude(
        prepared_by=user
    )


# --- sub-ledgers ------------------------------------------------------------------------------------------


def invoice_list(
    *, user, company, kind: str = "", state: str = "", partner=None, q: str = "", open_only=False
):
    from .models import Invoice

    qs = scope_queryset(
        Invoice.objects.select_related("partner", "voucher__period"),
        user=user,
        company=company,
        perm="accounting.view_invoice",
    )
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if partner is not None:
        qs = qs.filter(partner=partner)
    if open_only:
        qs = qs.filter(state="posted", amount_open__gt=0)
    if q:
        q = q.strip()
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(partner__name__icontains=q)
            | Q(fapiao_number__icontains=q)
            | Q(reference__icontains=q)
        )
    return qs.order_by("-date", "-id")


def invoice_get_for_user(*, pk, user, company):
    return invoice_list(user=user, company=company).get(pk=pk)


def payment_list(*, user, company, kind: str = "", state: str = "", partner=None, q: str = ""):
    from .models import Payment

    qs = scope_queryset(
        Payment.objects.select_related("partner", "bank_account", "voucher__period"),
        user=user,
        company=company,
        perm="accounting.view_payment",
    )
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if partner is not None:
        qs = qs.filter(partner=partner)
    if q:
        q = q.strip()
        qs = qs.filter(Q(number__icontains=q) | Q(partner__name__icontains=q) | Q(reference__icontains=q))
    return qs.order_by("-date", "-id")


def payment_get_for_user(*, pk, user, company):
    return payment_list(user=user, company=company).get(pk=pk)


def bank_account_list(*, user, company, active: bool | None = True):
    from .models import BankAccount

    require_perm(user, company, "accounting.view_bankaccount")
    qs = BankAccount.objects.filter(company=company).select_related("account")
    return qs.filter(active=active) if active is not None else qs


def statement_lines(*, bank_account, matched: bool | None = None):
    qs = bank_account.statement_lines.select_related("matched_line__voucher__period").order_by("-date", "-id")
    if matched is not None:
        qs = qs.filter(matched_line__isnull=not matched)
    return qs
