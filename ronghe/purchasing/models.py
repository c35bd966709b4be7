"""Purchasing: purchase orders (approved above an amount before they go out), their lines with received
quantities maintained from the stock moves, and the three-way match of supplier bills (ordered, received,
billed) whose mismatches wait for approval before the bill may post."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.timeline.models import HasTimeline

from .states import ApprovalState, OrderState

MONEY = {"max_digits": 20, "decimal_places": 2}
QTY = {"max_digits": 20, "decimal_places": 4}
PRICE = {"max_digits": 20, "decimal_places": 6}
ZERO = Decimal("0.00")


class PurchaseSettings(models.Model):
    company = models.OneToOneField("core.Company", on_delete=models.CASCADE, related_name="purchase_settings")
    approval_amount = models.DecimalField(
        _("orders above this total need approval"), default=Decimal("50000.00"), **MONEY
    )
    price_tolerance = models.DecimalField(
        _("price tolerance (%)"), max_digits=5, decimal_places=2, default=Decimal("2")
    )
    quantity_tolerance = models.DecimalField(
        _("quantity tolerance (%)"), max_digits=5, decimal_places=2, default=Decimal("0")
    )

    class Meta:
        verbose_name = _("purchasing settings")
        verbose_name_plural = _("purchasing settings")

    def __str__(self):
        return str(self.company)


class PurchaseOrder(HasTimeline, CompanyOwned):
    number = models.CharField(_("number"), max_length=30)
    state = models.CharField(_("state"), max_length=10, choices=OrderState.choices, default=OrderState.DRAFT)
    approval_state = models.CharField(
        _("approval"), max_length=10, choices=ApprovalState.choices, default=ApprovalState.NONE, blank=True
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        related_name="purchase_orders",
        verbose_name=_("supplier"),
    )
    buyer = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buyer"),
    )
    warehouse = models.ForeignKey(
        "inventory.Warehouse", on_delete=models.PROTECT, related_name="+", verbose_name=_("warehouse")
    )
    date = models.DateField(_("order date"))
    expected_date = models.DateField(_("expected date"), null=True, blank=True)
    price_includes_tax = models.BooleanField(_("prices include VAT (含税)"), default=True)
    currency = models.ForeignKey("core.Currency", on_delete=models.PROTECT, verbose_name=_("currency"))
    reference = models.CharField(_("supplier reference"), max_length=80, blank=True)
    requests = models.ManyToManyField(
        "oaforms.FormRequest", blank=True, related_name="purchase_orders", verbose_name=_("purchase requests")
    )
    note = models.TextField(_("note"), blank=True)
    amount_untaxed = models.DecimalField(_("amount excl. VAT"), default=ZERO, **MONEY)
    amount_tax = models.DecimalField(_("VAT"), default=ZERO, **MONEY)
    amount_total = models.DecimalField(_("total"), default=ZERO, **MONEY)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    timeline_tracked = ("state", "approval_state")
    scope_owner_field = "buyer"

    class Meta:
        verbose_name = _("purchase order")
        verbose_name_plural = _("purchase orders")
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["company", "number"], name="purchasing_order_no")]
        indexes = [
            models.Index(fields=["company", "partner", "state"]),
            # the list, newest first: a page is read from the index instead of sorting every order
            models.Index(fields=["company", "-date", "-id"], name="purchasing_order_list"),
            models.Index(fields=["company", "buyer", "-date", "-id"], name="purchasing_order_list_own"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("purchasing:order-detail", args=[self.pk])


class PurchaseOrderLine(models.Model):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    seq = models.PositiveSmallIntegerField(_("line"))
    product = models.ForeignKey(
        "products.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    description = models.CharField(_("description"), max_length=200)
    quantity = models.DecimalField(_("quantity"), **QTY)
    unit_price = models.DecimalField(_("unit price"), **PRICE)
    discount_percent = models.DecimalField(_("discount %"), max_digits=5, decimal_places=2, default=ZERO)
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=4)
    amount_untaxed = models.DecimalField(_("amount excl. VAT"), **MONEY)
    amount_tax = models.DecimalField(_("VAT"), **MONEY)
    amount_total = models.DecimalField(_("total"), **MONEY)
    qty_received = models.DecimalField(_("received"), default=Decimal(0), **QTY)

    class Meta:
        ordering = ["order", "seq"]
        verbose_name = _("purchase order line")
        verbose_name_plural = _("purchase order lines")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="purchasing_line_qty_positive")
        ]

    @property
    def source(self) -> str:
        return f"purchasing.line:{self.pk}"

    @property
    def net_price(self) -> Decimal:
        """The unit price excluding VAT and after discount (what the stock is valued at)."""
        return (self.amount_untaxed / self.quantity).quantize(Decimal("0.000001"))


class SupplierPrice(CompanyOwned):
    """A supplier's price for a product (供应商价目表): from a minimum quantity, within optional validity dates,
    with the supplier's lead time. A new order line takes the best price of its supplier for its quantity; a
    purchase request goes to the supplier with the lowest valid price."""

    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.CASCADE,
        related_name="supplier_prices",
        verbose_name=_("supplier"),
    )
    product = models.ForeignKey(
        "products.Product",
        on_delete=models.CASCADE,
        related_name="supplier_prices",
        verbose_name=_("product"),
    )
    supplier_code = models.CharField(_("supplier's product code"), max_length=60, blank=True)
    min_quantity = models.DecimalField(_("from quantity"), default=Decimal(1), **QTY)
    price = models.DecimalField(_("unit price (incl. VAT)"), **PRICE)
    lead_days = models.PositiveIntegerField(_("lead time (days)"), default=0)
    date_from = models.DateField(_("valid from"), null=True, blank=True)
    date_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("supplier price")
        verbose_name_plural = _("supplier prices")
        ordering = ["product", "partner", "min_quantity"]
        indexes = [models.Index(fields=["company", "product"], name="purchasing_supplier_price")]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="purchasing_supplier_price_positive"),
            models.CheckConstraint(condition=Q(min_quantity__gte=0), name="purchasing_supplier_min_qty"),
        ]

    def __str__(self):
        return f"{self.partner} · {self.product} ≥ {self.min_quantity.normalize()}: {self.price.normalize()}"

    def get_absolute_url(self):
        return reverse("purchasing:price-edit", args=[self.pk])


class BillMatch(HasTimeline, CompanyOwned):
    """The three-way match of a supplier bill that differs from its orders and receipts beyond tolerance:
    approved, the bill may post."""

    invoice = models.OneToOneField(
        "accounting.Invoice", on_delete=models.CASCADE, related_name="purchase_match", verbose_name=_("bill")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ApprovalState.choices, default=ApprovalState.PENDING
    )
    differences = models.JSONField(_("differences"), default=list)

    timeline_tracked = ("state",)

    class Meta:
        verbose_name = _("three-way match")
        verbose_name_plural = _("three-way matches")

    def __str__(self):
        return str(self.invoice)

    def get_absolute_url(self):
        return self.invoice.get_absolute_url()
