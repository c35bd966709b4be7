"""Accounting: chart of accounts, periods, vouchers and their lines, balances maintained on posting.

A voucher's lines balance (Σ debit = Σ credit): the services refuse anything else and the database checks
the voucher's totals again. Posting adds each line to `AccountBalance` (account × period × auxiliary
dimensions), so reports read a few hundred balance rows instead of millions of lines (DESIGN §7).
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.timeline.models import HasTimeline

from .states import PeriodState, VoucherState

MONEY = {"max_digits": 20, "decimal_places": 2}
ZERO = Decimal("0.00")
CASH_CODES = ("1001", "1002", "1012")  # 库存现金, 银行存款, 其他货币资金
CENT = Decimal("0.01")


def cents(value) -> Decimal:
    """An aggregated amount to the cent. SQLite sums decimals as binary floats (Django quantizes columns,
    not aggregates), so every Sum() over money passes through here: 0.1 + 0.2 is 0.30, not 0.30000000000000004."""
    return ZERO if value is None else Decimal(value).quantize(CENT)


class AccountCategory(models.TextChoices):
    ASSET = "asset", _("Assets")
    LIABILITY = "liability", _("Liabilities")
    EQUITY = "equity", _("Equity")
    COST = "cost", _("Costs")
    PROFIT_LOSS = "profit_loss", _("Profit and loss")


class Direction(models.TextChoices):
    DEBIT = "debit", _("Debit")
    CREDIT = "credit", _("Credit")


class Account(CompanyOwned):
    """会计科目. First-level codes from 小企业会计准则; sub-accounts extend the parent's code (1122.01 or
    112201). Vouchers post to leaf accounts only."""

    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent account"),
    )
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    category = models.CharField(_("category"), max_length=12, choices=AccountCategory.choices)
    direction = models.CharField(_("balance direction"), max_length=6, choices=Direction.choices)
    is_leaf = models.BooleanField(_("leaf account"), default=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    dim_partner = models.BooleanField(_("by partner"), default=False)
    dim_department = models.BooleanField(_("by department"), default=False)
    dim_employee = models.BooleanField(_("by employee"), default=False)
    dim_project = models.BooleanField(_("by project"), default=False)
    currency = models.ForeignKey(
        "core.Currency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("foreign currency"),
    )

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["company", "code"]
        constraints = [models.UniqueConstraint(fields=["company", "code"], name="accounting_account_code")]

    def __str__(self):
        return f"{self.code} {self.full_name}"

    @property
    def full_name(self) -> str:
        return getattr(self, "_full_name", None) or self.name

    @property
    def is_cash(self) -> bool:
        return self.code[:4] in CASH_CODES

    @property
    def required_dims(self) -> list[str]:
        return [d for d in ("partner", "department", "employee", "project") if getattr(self, f"dim_{d}")]


class Project(CompanyOwned):
    """A project for auxiliary accounting (辅助核算: 项目)."""

    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["company", "code"], name="accounting_project_code")]

    def __str__(self):
        return f"{self.code} {self.name}"


class TaxpayerType(models.TextChoices):
    GENERAL = "general", _("General VAT taxpayer")
    SMALL = "small", _("Small-scale VAT taxpayer")


class AccountingSettings(models.Model):
    """Per-company switches and the accounts automatic vouchers use (by code, editable in admin)."""

    class Words(models.TextChoices):
        SINGLE = "single", _("One general voucher word (记)")
        SPLIT = "split", _("Receipt / payment / transfer (收 / 付 / 转)")

    class StockVouchers(models.TextChoices):
        MOVE = "move", _("One voucher per stock move")
        DAY = "day", _("One voucher per day")
        OFF = "off", _("No stock vouchers")

    company = models.OneToOneField(
        "core.Company", on_delete=models.CASCADE, related_name="accounting_settings"
    )
    words = models.CharField(_("voucher words"), max_length=6, choices=Words.choices, default=Words.SINGLE)
    reviewer_must_differ = models.BooleanField(
        _("reviewer must not be the preparer"),
        default=True,
        help_text=_("Only a company administrator may switch this off; the change is logged."),
    )
    stock_vouchers = models.CharField(
        _("stock valuation vouchers"), max_length=4, choices=StockVouchers.choices, default=StockVouchers.MOVE
    )
    stock_account = models.CharField(_("stock account"), max_length=30, default="1405")
    goods_in_transit_account = models.CharField(
        _("goods received not invoiced"), max_length=30, default="1402"
    )
    cost_of_sales_account = models.CharField(_("cost of sales account"), max_length=30, default="5401")
    stock_loss_account = models.CharField(_("stock gains and losses account"), max_length=30, default="1901")
    production_account = models.CharField(_("production cost account"), max_length=30, default="4001")
    profit_account = models.CharField(_("current year profit account"), max_length=30, default="3103")
    retained_earnings_account = models.CharField(
        _("retained earnings account"), max_length=30, default="310403"
    )
    taxpayer_type = models.CharField(
        _("VAT taxpayer type"), max_length=12, choices=TaxpayerType.choices, default=TaxpayerType.GENERAL
    )
    receivable_account = models.CharField(_("receivables account"), max_length=30, default="1122")
    payable_account = models.CharField(_("payables account"), max_length=30, default="2202")
    advance_received_account = models.CharField(
        _("advances from customers account"), max_length=30, default="2203"
    )
    advance_paid_account = models.CharField(_("advances to suppliers account"), max_length=30, default="1123")
    revenue_account = models.CharField(_("default revenue account"), max_length=30, default="5001")
    output_vat_account = models.CharField(_("output VAT account"), max_length=30, default="22210102")
    input_vat_account = models.CharField(_("input VAT account"), max_length=30, default="22210101")
    fx_account = models.CharField(_("exchange differences account"), max_length=30, default="5603")
    write_off_account = models.CharField(_("small differences account"), max_length=30, default="5603")
    write_off_limit = models.DecimalField(
        _("small difference limit"),
        default=Decimal("1.00"),
        help_text=_("Open amounts up to this limit may be written off when a payment is allocated."),
        **MONEY,
    )

    class Meta:
        verbose_name = _("accounting settings")
        verbose_name_plural = _("accounting settings")

    def __str__(self):
        return str(self.company)


class Period(CompanyOwned):
    """An accounting month. Vouchers are numbered per period; a closed period accepts nothing."""

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    state = models.CharField(_("state"), max_length=6, choices=PeriodState.choices, default=PeriodState.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("accounting period")
        verbose_name_plural = _("accounting periods")
        ordering = ["company", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["company", "year", "month"], name="accounting_period_unique"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="accounting_period_month"),
        ]

    def __str__(self):
        return f"{self.year}-{self.month:02d}"

    @property
    def key(self) -> int:
        return self.year * 100 + self.month

    @property
    def is_open(self) -> bool:
        return self.state == PeriodState.OPEN


class Voucher(HasTimeline, CompanyOwned):
    """记账凭证. Number continuous per company, period and word (记-0001 …)."""

    class Kind(models.TextChoices):
        NORMAL = "normal", _("Normal")
        REVERSAL = "reversal", _("Red reversal")
        CLOSING = "closing", _("Profit and loss carried forward")
        STOCK = "stock", _("Stock valuation")
        OPENING = "opening", _("Opening balances")
        INVOICE = "invoice", _("Invoice")
        PAYMENT = "payment", _("Receipt or payment")
        FX = "fx", _("Exchange revaluation")

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="vouchers")
    word = models.CharField(_("voucher word"), max_length=2, default="记")
    number = models.PositiveIntegerField(_("number"))
    date = models.DateField(_("date"))
    attachments = models.PositiveSmallIntegerField(_("attached documents"), default=0)
    state = models.CharField(
        _("state"), max_length=10, choices=VoucherState.choices, default=VoucherState.DRAFT
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.NORMAL)
    red = models.BooleanField(_("red voucher"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    source = models.CharField(_("source document"), max_length=80, blank=True)
    reversal_of = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    total_debit = models.DecimalField(_("debit total"), default=ZERO, **MONEY)
    total_credit = models.DecimalField(_("credit total"), default=ZERO, **MONEY)
    prepared_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    reviewed_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    posted_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by"),
    )
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)

    timeline_tracked = ("state",)

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        ordering = ["company", "period", "word", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "period", "word", "number"], name="accounting_voucher_no"
            ),
            models.UniqueConstraint(
                fields=["company", "source"], condition=~Q(source=""), name="accounting_voucher_source"
            ),
            models.CheckConstraint(
                condition=Q(total_debit=F("total_credit")), name="accounting_voucher_balanced"
            ),
        ]
        indexes = [models.Index(fields=["company", "state"])]
        permissions = [
            ("review_voucher", "Can review vouchers"),
            ("post_voucher", "Can post vouchers"),
            ("close_period", "Can close and reopen periods"),
        ]

    def __str__(self):
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"{self.word}-{self.number:04d}"

    def get_absolute_url(self):
        return reverse("accounting:voucher-detail", args=[self.pk])


class VoucherLine(models.Model):
    """One 摘要 line: exactly one of debit / credit (negative on red vouchers)."""

    audit_exclude = True  # the voucher's own audit rows record its lines

    voucher = models.ForeignKey(Voucher, on_delete=models.CASCADE, related_name="lines")
    company = models.ForeignKey("core.Company", on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveSmallIntegerField(_("line"))
    summary = models.CharField(_("summary"), max_length=200)
    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="lines", verbose_name=_("account")
    )
    debit = models.DecimalField(_("debit"), default=ZERO, **MONEY)
    credit = models.DecimalField(_("credit"), default=ZERO, **MONEY)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    department = models.ForeignKey(
        "org.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employee"),
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("project")
    )
    currency = models.ForeignKey(
        "core.Currency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("currency"),
    )
    amount_currency = models.DecimalField(_("amount in currency"), null=True, blank=True, **MONEY)
    rate = models.DecimalField(_("exchange rate"), max_digits=18, decimal_places=8, null=True, blank=True)
    cashflow_item = models.CharField(_("cash-flow item"), max_length=4, blank=True)
    # copied from the voucher so that ledgers read lines by account and period without a join
    period = models.PositiveIntegerField(db_index=False)
    date = models.DateField()

    class Meta:
        verbose_name = _("voucher line")
        verbose_name_plural = _("voucher lines")
        ordering = ["voucher", "seq"]
        indexes = [models.Index(fields=["company", "account", "period"], name="accounting_line_acct_period")]
        constraints = [
            models.CheckConstraint(condition=Q(debit=0) | Q(credit=0), name="accounting_line_one_side"),
        ]

    @property
    def dim_key(self) -> str:
        return dim_key(self.partner_id, self.department_id, self.employee_id, self.project_id)


def dim_key(partner_id=None, department_id=None, employee_id=None, project_id=None) -> str:
    parts = [
        f"{p}{v}"
        for p, v in (("p", partner_id), ("d", department_id), ("e", employee_id), ("j", project_id))
        if v
    ]
    return ".".join(parts)


class AccountBalance(models.Model):
    """Posted turnover of a leaf account in a period (year*100+month; month 0 = opening balances of the
    year), per combination of auxiliary dimensions. Maintained on posting, in the posting transaction."""

    audit_exclude = True

    company = models.ForeignKey("core.Company", on_delete=models.PROTECT, related_name="+")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="balances")
    period = models.PositiveIntegerField()
    dim_key = models.CharField(max_length=80, default="", blank=True)
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, null=True, related_name="+")
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, null=True, related_name="+")
    employee = models.ForeignKey("org.Employee", on_delete=models.PROTECT, null=True, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, null=True, related_name="+")
    debit = models.DecimalField(default=ZERO, **MONEY)
    credit = models.DecimalField(default=ZERO, **MONEY)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["company", "period", "account", "dim_key"], name="accounting_balance_unique"
            )
        ]


class VoucherTemplate(CompanyOwned):
    """A frequent entry (常用凭证): word and lines with summary, account, side and an optional amount."""

    name = models.CharField(_("name"), max_length=100)
    word = models.CharField(_("voucher word"), max_length=2, default="记")
    lines = models.JSONField(_("lines"), default=list)

    class Meta:
        verbose_name = _("voucher template")
        verbose_name_plural = _("voucher templates")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["company", "name"], name="accounting_template_name")]

    def __str__(self):
        return self.name


# --- sub-ledgers: invoices, payments, allocations, bank ------------------------------------------------------

RATE = {"max_digits": 18, "decimal_places": 8}
QTY = {"max_digits": 20, "decimal_places": 4}
PRICE = {"max_digits": 20, "decimal_places": 6}


class FapiaoType(models.TextChoices):
    SPECIAL = "special", _("VAT special invoice (专票)")
    ORDINARY = "ordinary", _("VAT ordinary invoice (普票)")
    DIGITAL_SPECIAL = "e_special", _("Digital special invoice (数电专票)")
    DIGITAL_ORDINARY = "e_ordinary", _("Digital ordinary invoice (数电普票)")
    NONE = "none", _("No fapiao")


DEDUCTIBLE_FAPIAO = (FapiaoType.SPECIAL, FapiaoType.DIGITAL_SPECIAL)


class DocState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    POSTED = "posted", _("Posted")


class Invoice(HasTimeline, CompanyOwned):
    """Customer invoice (销售发票) or supplier bill (采购发票); a credit note (红字发票) is one with
    `is_refund`, stored with positive amounts and booked as a red voucher. Amounts are in the invoice's
    currency; `*_cny` in the company currency at `carrying_rate` (the rate of posting, then of the last
    month-end revaluation)."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Customer invoice")
        PURCHASE = "purchase", _("Supplier bill")

    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices)
    is_refund = models.BooleanField(_("credit note (红字)"), default=False)
    refund_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refunds",
        verbose_name=_("credits invoice"),
    )
    number = models.CharField(_("number"), max_length=30, blank=True)  # given on posting: gap-free
    state = models.CharField(_("state"), max_length=8, choices=DocState.choices, default=DocState.DRAFT)
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="invoices", verbose_name=_("partner")
    )
    date = models.DateField(_("date"))
    due_date = models.DateField(_("due date"))
    currency = models.ForeignKey("core.Currency", on_delete=models.PROTECT, verbose_name=_("currency"))
    rate = models.DecimalField(_("exchange rate"), default=Decimal(1), **RATE)
    carrying_rate = models.DecimalField(_("carrying rate"), default=Decimal(1), **RATE)
    price_includes_tax = models.BooleanField(_("prices include VAT (含税)"), default=True)
    fapiao_type = models.CharField(
        _("fapiao type"), max_length=10, choices=FapiaoType.choices, default=FapiaoType.SPECIAL
    )
    fapiao_code = models.CharField(_("fapiao code"), max_length=12, blank=True)
    fapiao_number = models.CharField(_("fapiao number"), max_length=20, blank=True)
    fapiao_date = models.DateField(_("fapiao date"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    source = models.CharField(_("source document"), max_length=80, blank=True)
    note = models.TextField(_("note"), blank=True)
    amount_untaxed = models.DecimalField(_("amount excl. VAT"), default=ZERO, **MONEY)
    amount_tax = models.DecimalField(_("VAT"), default=ZERO, **MONEY)
    amount_total = models.DecimalField(_("total"), default=ZERO, **MONEY)
    amount_total_cny = models.DecimalField(_("total (company currency)"), default=ZERO, **MONEY)
    amount_open = models.DecimalField(_("open amount"), default=ZERO, **MONEY)
    amount_open_cny = models.DecimalField(_("open amount (company currency)"), default=ZERO, **MONEY)
    voucher = models.ForeignKey(
        Voucher, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("voucher")
    )
    posted_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by"),
    )
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)

    timeline_tracked = ("state",)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "number"], condition=~Q(number=""), name="accounting_invoice_no"
            ),
            models.UniqueConstraint(
                fields=["company", "kind", "fapiao_code", "fapiao_number"],
                condition=~Q(fapiao_number=""),
                name="accounting_invoice_fapiao",
            ),
            models.CheckConstraint(
                condition=Q(amount_open__gte=0) & Q(amount_open__lte=F("amount_total")),
                name="accounting_invoice_open",
            ),
        ]
        indexes = [models.Index(fields=["company", "kind", "partner", "state"])]
        permissions = [("post_invoice", "Can post invoices")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("accounting:invoice-detail", args=[self.pk])

    @property
    def receivable(self) -> bool:
        """True when the open amount is owed to the company (invoice to a customer, credit from a
        supplier)."""
        return (self.kind == self.Kind.SALE) != self.is_refund

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return self.state == DocState.POSTED and self.amount_open > 0 and self.due_date < timezone.localdate()


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    seq = models.PositiveSmallIntegerField(_("line"))
    product = models.ForeignKey(
        "products.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
    )
    description = models.CharField(_("description"), max_length=200)
    quantity = models.DecimalField(_("quantity"), **QTY)
    unit_price = models.DecimalField(_("unit price"), **PRICE)
    discount_percent = models.DecimalField(_("discount %"), max_digits=5, decimal_places=2, default=ZERO)
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=4)
    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="+", verbose_name=_("account")
    )
    amount_untaxed = models.DecimalField(_("amount excl. VAT"), **MONEY)
    amount_tax = models.DecimalField(_("VAT"), **MONEY)
    amount_total = models.DecimalField(_("total"), **MONEY)
    source = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["invoice", "seq"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")


class BankAccount(CompanyOwned):
    """A bank or cash account the company pays from and into, booked on a leaf of 1001/1002/1012."""

    name = models.CharField(_("name"), max_length=80)
    bank_name = models.CharField(_("bank"), max_length=80, blank=True)
    account_number = models.CharField(_("account number"), max_length=40, blank=True)
    currency = models.ForeignKey("core.Currency", on_delete=models.PROTECT, verbose_name=_("currency"))
    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="+", verbose_name=_("GL account")
    )
    active = models.BooleanField(_("active"), default=True)
    reconcile_from = models.DateField(
        _("reconcile from"),
        null=True,
        blank=True,
        help_text=_("Book lines before this date count as cleared; the statement starts here."),
    )
    statement_opening = models.DecimalField(
        _("statement balance at the start"),
        default=ZERO,
        help_text=_("The bank's balance on the day before."),
        **MONEY,
    )

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")
        ordering = ["company", "name"]
        constraints = [models.UniqueConstraint(fields=["company", "name"], name="accounting_bank_name")]

    def __str__(self):
        return self.name


class Payment(HasTimeline, CompanyOwned):
    """收款 (inbound) or 付款 (outbound) with a partner through a bank account. What is not allocated to
    invoices stays open as a prepayment (预收/预付) until allocated later."""

    class Kind(models.TextChoices):
        INBOUND = "inbound", _("Incoming payment")
        OUTBOUND = "outbound", _("Outgoing payment")

    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=30, blank=True)  # given on posting: gap-free
    state = models.CharField(_("state"), max_length=8, choices=DocState.choices, default=DocState.DRAFT)
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="payments", verbose_name=_("partner")
    )
    date = models.DateField(_("date"))
    bank_account = models.ForeignKey(
        BankAccount, on_delete=models.PROTECT, related_name="payments", verbose_name=_("bank account")
    )
    currency = models.ForeignKey("core.Currency", on_delete=models.PROTECT, verbose_name=_("currency"))
    rate = models.DecimalField(_("exchange rate"), default=Decimal(1), **RATE)
    carrying_rate = models.DecimalField(_("carrying rate"), default=Decimal(1), **RATE)
    amount = models.DecimalField(_("amount"), **MONEY)
    amount_cny = models.DecimalField(_("amount (company currency)"), default=ZERO, **MONEY)
    amount_unallocated = models.DecimalField(_("unallocated"), default=ZERO, **MONEY)
    amount_unallocated_cny = models.DecimalField(_("unallocated (company currency)"), default=ZERO, **MONEY)
    cashflow_item = models.CharField(_("cash-flow item"), max_length=4, blank=True)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    plan = models.JSONField(_("allocation plan"), default=list, blank=True)
    voucher = models.ForeignKey(
        Voucher, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("voucher")
    )
    posted_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by"),
    )
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)

    timeline_tracked = ("state",)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "number"], condition=~Q(number=""), name="accounting_payment_no"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="accounting_payment_positive"),
            models.CheckConstraint(
                condition=Q(amount_unallocated__gte=0) & Q(amount_unallocated__lte=F("amount")),
                name="accounting_payment_unallocated",
            ),
        ]
        permissions = [("post_payment", "Can post receipts and payments")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("accounting:payment-detail", args=[self.pk])


class Allocation(models.Model):
    """Part of an invoice settled by a payment or by a credit note; `write_off` is the small difference
    booked to expense, `fx_difference` the realised exchange difference (positive = gain)."""

    company = models.ForeignKey("core.Company", on_delete=models.PROTECT, related_name="+")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="allocations")
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations"
    )
    credit_note = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="credit_allocations"
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), **MONEY)
    write_off = models.DecimalField(_("written off"), default=ZERO, **MONEY)
    fx_difference = models.DecimalField(_("exchange difference"), default=ZERO, **MONEY)
    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(payment__isnull=False) | Q(credit_note__isnull=False),
                name="accounting_alloc_from",
            ),
        ]


class BankStatementLine(CompanyOwned):
    """One line of an imported bank statement (amount signed: + money in, − money out), matched to the
    bank-account voucher line that books it."""

    bank_account = models.ForeignKey(BankAccount, on_delete=models.PROTECT, related_name="statement_lines")
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    counterparty = models.CharField(_("counterparty"), max_length=150, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    balance = models.DecimalField(_("balance"), null=True, blank=True, **MONEY)
    matched_line = models.OneToOneField(
        VoucherLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="statement_line"
    )
    fingerprint = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("bank statement line")
        verbose_name_plural = _("bank statement lines")
        ordering = ["bank_account", "date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bank_account", "fingerprint"], name="accounting_statement_once")
        ]
