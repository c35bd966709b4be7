"""Sales: quotations and sales orders (one document: draft → sent → confirmed → done), their lines with
delivered quantities maintained from the stock moves, and the company's sales settings."""

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


class SalesSettings(models.Model):
    company = models.OneToOneField("core.Company", on_delete=models.CASCADE, related_name="sales_settings")
    discount_limit = models.DecimalField(
        _("discount allowed without approval (%)"), max_digits=5, decimal_places=2, default=Decimal("10")
    )
    credit_control = models.BooleanField(_("credit control"), default=True)

    class Meta:
        verbose_name = _("sales settings")
        verbose_name_plural = _("sales settings")

    def __str__(self):
        return str(self.company)


class SalesOrder(HasTimeline, CompanyOwned):
    number = models.CharField(_("number"), max_length=30)
    state = models.CharField(_("state"), max_length=10, choices=OrderState.choices, default=OrderState.DRAFT)
    approval_state = models.CharField(
        _("approval"), max_length=10, choices=ApprovalState.choices, default=ApprovalState.NONE, blank=True
    )
    approval_reason = models.CharField(_("approval reason"), max_length=200, blank=True)
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="sales_orders", verbose_name=_("customer")
    )
    salesperson = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("salesperson"),
    )
    warehouse = models.ForeignKey(
        "inventory.Warehouse", on_delete=models.PROTECT, related_name="+", verbose_name=_("warehouse")
    )
    date = models.DateField(_("order date"))
    validity_date = models.DateField(_("valid until"), null=True, blank=True)
    price_includes_tax = models.BooleanField(_("prices include VAT (含税)"), default=True)
    currency = models.ForeignKey("core.Currency", on_delete=models.PROTECT, verbose_name=_("currency"))
    reference = models.CharField(_("customer reference"), max_length=80, blank=True)
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
    scope_owner_field = "salesperson"

    class Meta:
        verbose_name = _("sales order")
        verbose_name_plural = _("sales orders")
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["company", "number"], name="sales_order_no")]
        indexes = [
            models.Index(fields=["company", "partner", "state"]),
            # the list, newest first: a page is read from the index instead of sorting every order
            models.Index(fields=["company", "-date", "-id"], name="sales_order_list"),
            models.Index(fields=["company", "salesperson", "-date", "-id"], name="sales_order_list_own"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("sales:order-detail", args=[self.pk])


class SalesOrderLine(models.Model):
    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="lines")
    seq = models.PositiveSmallIntegerField(_("line"))
    product = models.ForeignKey(
        "products.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    description = models.CharField(_("description"), max_length=200)
    quantity = models.DecimalField(_("quantity"), **QTY)
    unit_price = models.DecimalField(_("unit price"), **PRICE)
    discount_percent = models.DecimalField(_("discount %"), max_digits=5, decimal_places=2, default=ZERO)
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=4)
    requested_date = models.DateField(_("requested date"), null=True, blank=True)
    price_note = models.CharField(_("where the price comes from"), max_length=200, blank=True)
    amount_untaxed = models.DecimalField(_("amount excl. VAT"), **MONEY)
    amount_tax = models.DecimalField(_("VAT"), **MONEY)
    amount_total = models.DecimalField(_("total"), **MONEY)
    qty_delivered = models.DecimalField(_("delivered"), default=Decimal(0), **QTY)

    class Meta:
        ordering = ["order", "seq"]
        verbose_name = _("sales order line")
        verbose_name_plural = _("sales order lines")
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="sales_line_qty_positive")]

    @property
    def source(self) -> str:
        return f"sales.line:{self.pk}"


class PriceList(CompanyOwned):
    """价格表: prices for one customer, or for a customer group (a partner tag), valid between two dates, with
    quantity breaks. The most specific list wins: the customer's own, then its groups', then the product's
    sales price."""

    name = models.CharField(_("name"), max_length=80)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("customer"),
    )
    tag = models.ForeignKey(
        "partners.PartnerTag",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("customer group"),
    )
    date_from = models.DateField(_("valid from"), null=True, blank=True)
    date_to = models.DateField(_("valid until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("price list")
        verbose_name_plural = _("price lists")
        ordering = ["company", "name"]

    def __str__(self):
        return self.name


class PriceListItem(models.Model):
    pricelist = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(
        "products.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("product")
    )
    min_quantity = models.DecimalField(_("from quantity"), default=Decimal(0), **QTY)
    price = models.DecimalField(_("unit price"), **PRICE)

    class Meta:
        verbose_name = _("price list item")
        verbose_name_plural = _("price list items")
        ordering = ["pricelist", "product", "min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["pricelist", "product", "min_quantity"], name="sales_price_break")
        ]
