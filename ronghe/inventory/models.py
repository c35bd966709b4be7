"""Inventory: warehouses, a location tree, double-entry moves, maintained quants, lots, valuation layers.

Every change of stock is a move from one location to another. Quants (on hand and reserved per product,
internal location and lot) are updated in the same transaction as the move, so on-hand reads are O(1).
Valuation is company-wide per product: each done move in or out of the company's stock carries its value,
and valuation layers keep what FIFO and the moving average need.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.timeline.models import HasTimeline

from .states import MoveState, TransferState

QTY = {"max_digits": 20, "decimal_places": 4}
MONEY = {"max_digits": 20, "decimal_places": 2}
COST = {"max_digits": 20, "decimal_places": 6}


class LocationUsage(models.TextChoices):
    INTERNAL = "internal", _("Internal")  # stock the company holds
    VIEW = "view", _("View")  # groups other locations, holds nothing itself
    SUPPLIER = "supplier", _("Supplier")
    CUSTOMER = "customer", _("Customer")
    INVENTORY = "inventory", _("Inventory loss")  # counts, scrap, opening balances
    PRODUCTION = "production", _("Production")
    TRANSIT = "transit", _("Transit")


class Location(CompanyOwned):
    name = models.CharField(_("name"), max_length=60)
    full_name = models.CharField(_("full name"), max_length=250, editable=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent location"),
    )
    usage = models.CharField(
        _("type"), max_length=12, choices=LocationUsage.choices, default=LocationUsage.INTERNAL
    )
    warehouse = models.ForeignKey(
        "inventory.Warehouse",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("warehouse"),
    )
    barcode = models.CharField(_("barcode"), max_length=50, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "full_name"], name="inventory_location_unique")
        ]

    def __str__(self):
        return self.full_name

    @property
    def is_internal(self) -> bool:
        return self.usage == LocationUsage.INTERNAL


class Warehouse(CompanyOwned):
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=60)
    view_location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("warehouse location"),
    )
    stock_location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("stock location"),
    )
    allow_negative = models.BooleanField(_("allow negative stock"), default=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("warehouse")
        verbose_name_plural = _("warehouses")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["company", "code"], name="inventory_warehouse_unique")]

    def __str__(self):
        return self.name


class Lot(CompanyOwned):
    """A lot or serial number of a tracked product."""

    product = models.ForeignKey(
        "products.Product", on_delete=models.PROTECT, related_name="lots", verbose_name=_("product")
    )
    name = models.CharField(_("lot / serial number"), max_length=60)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)

    class Meta:
        verbose_name = _("lot / serial number")
        verbose_name_plural = _("lots / serial numbers")
        ordering = ["product", "name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "product", "name"], name="inventory_lot_unique")
        ]

    def __str__(self):
        return self.name


class Quant(models.Model):
    """On hand and reserved quantity of a product in an internal location and lot (lot_key 0 = no lot)."""

    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    product = models.ForeignKey("products.Product", on_delete=models.PROTECT, related_name="quants")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="quants")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, null=True, blank=True, related_name="quants")
    lot_key = models.BigIntegerField(
        default=0
    )  # = lot_id or 0, so (product, location, lot) is unique everywhere
    quantity = models.DecimalField(_("on hand"), default=Decimal(0), **QTY)
    reserved = models.DecimalField(_("reserved"), default=Decimal(0), **QTY)
    in_date = models.DateTimeField(default=timezone.now)

    audit_exclude = True  # derived from moves, which are audited; check-integrity recomputes it

    class Meta:
        verbose_name = _("stock on hand")
        verbose_name_plural = _("stock on hand")
        constraints = [
            models.UniqueConstraint(fields=["product", "location", "lot_key"], name="inventory_quant_unique"),
            models.CheckConstraint(
                condition=Q(reserved__gte=0), name="inventory_quant_reserved_non_negative"
            ),
        ]
        indexes = [models.Index(fields=["company", "product"], name="inventory_quant_product")]

    @property
    def available(self) -> Decimal:
        return self.quantity - self.reserved


class Transfer(HasTimeline, CompanyOwned):
    """A receipt, delivery, internal transfer or return: moves that travel together."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        DELIVERY = "delivery", _("Delivery")
        INTERNAL = "internal", _("Internal transfer")
        RETURN_IN = "return_in", _("Customer return")
        RETURN_OUT = "return_out", _("Return to supplier")

    number = models.CharField(_("number"), max_length=30)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    warehouse = models.ForeignKey(
        Warehouse, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("warehouse")
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    location_src = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    location_dest = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=TransferState.choices, default=TransferState.DRAFT
    )
    scheduled_date = models.DateField(_("scheduled date"), default=timezone.localdate)
    date = models.DateField(_("date"), null=True, blank=True)  # the stock/accounting date when done
    origin = models.CharField(_("source document"), max_length=100, blank=True)
    backorder_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backorders",
        verbose_name=_("backorder of"),
    )
    return_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="returns",
        verbose_name=_("return of"),
    )
    note = models.TextField(_("note"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    timeline_tracked = ("state",)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["company", "number"], name="inventory_transfer_unique")
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("inventory:transfer-detail", args=[self.pk])


class StockMove(CompanyOwned):
    transfer = models.ForeignKey(
        Transfer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moves",
        verbose_name=_("transfer"),
    )
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    product = models.ForeignKey(
        "products.Product", on_delete=models.PROTECT, related_name="moves", verbose_name=_("product")
    )
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    quantity = models.DecimalField(_("quantity"), **QTY)  # in `unit`
    product_qty = models.DecimalField(_("quantity in product unit"), **QTY)  # in the product's unit
    location_src = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="moves_out", verbose_name=_("from")
    )
    location_dest = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="moves_in", verbose_name=_("to")
    )
    lot = models.ForeignKey(
        Lot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="moves",
        verbose_name=_("lot / serial number"),
    )
    state = models.CharField(_("state"), max_length=10, choices=MoveState.choices, default=MoveState.DRAFT)
    date = models.DateField(_("date"), default=timezone.localdate)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    price_unit = models.DecimalField(_("unit cost"), null=True, blank=True, **COST)  # for incoming moves
    value = models.DecimalField(_("value"), default=Decimal(0), **MONEY)  # >0 in, <0 out, 0 internal
    reserved_qty = models.DecimalField(_("reserved"), default=Decimal(0), **QTY)  # of its source quant
    origin = models.CharField(_("source document"), max_length=100, blank=True)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    origin_move = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("stock move")
        verbose_name_plural = _("stock moves")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="inventory_move_quantity_positive")
        ]
        indexes = [
            models.Index(fields=["company", "product", "state", "date"], name="inventory_move_product"),
            models.Index(fields=["company", "state", "date"], name="inventory_move_date"),
        ]

    def __str__(self):
        return f"{self.reference or self.pk} {self.product}"


class ValuationLayer(models.Model):
    """One valued movement in or out of the company's stock. FIFO consumes `remaining_*` of incoming layers."""

    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    product = models.ForeignKey("products.Product", on_delete=models.PROTECT, related_name="valuation_layers")
    move = models.ForeignKey(
        StockMove, on_delete=models.PROTECT, null=True, blank=True, related_name="layers"
    )
    date = models.DateField()
    quantity = models.DecimalField(**QTY)  # signed
    value = models.DecimalField(**MONEY)  # signed
    unit_cost = models.DecimalField(**COST)
    remaining_qty = models.DecimalField(default=Decimal(0), **QTY)
    remaining_value = models.DecimalField(default=Decimal(0), **MONEY)
    created_at = models.DateTimeField(default=timezone.now)

    audit_exclude = True  # the move it belongs to is audited

    class Meta:
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["company", "product", "date", "id"], name="inventory_layer_product"),
            models.Index(
                fields=["product", "remaining_qty"],
                name="inventory_layer_fifo",
                condition=Q(remaining_qty__gt=0),
            ),
        ]


class ProductValue(models.Model):
    """The company's maintained stock quantity and value of a product (moving average = value / quantity)."""

    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    product = models.ForeignKey("products.Product", on_delete=models.CASCADE, related_name="+")
    quantity = models.DecimalField(default=Decimal(0), **QTY)
    value = models.DecimalField(default=Decimal(0), **MONEY)

    audit_exclude = True

    class Meta:
        constraints = [models.UniqueConstraint(fields=["company", "product"], name="inventory_value_unique")]

    @property
    def average_cost(self) -> Decimal:
        return (self.value / self.quantity) if self.quantity else Decimal(0)


class InventorySettings(models.Model):
    """Per-company inventory settings."""

    company = models.OneToOneField(
        "core.Company", on_delete=models.CASCADE, related_name="inventory_settings"
    )
    count_approval_threshold = models.DecimalField(
        _("approve stock counts whose difference exceeds (value)"), default=Decimal("5000"), **MONEY
    )

    class Backdate(models.TextChoices):
        ADJUST = "adjust", _("Post the cost difference as an adjustment today")
        RECOST = "recost", _("Re-cost the later deliveries (bounded window)")

    backdate_policy = models.CharField(
        _("when a move is dated in the past"),
        max_length=10,
        choices=Backdate.choices,
        default=Backdate.ADJUST,
    )

    class Meta:
        verbose_name = _("inventory settings")
        verbose_name_plural = _("inventory settings")


class StockCount(HasTimeline, CompanyOwned):
    """A count sheet (盘点单) for one location, optionally one product category."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Counting")  # quantities are being entered
        SUBMITTED = "submitted", _("In approval")  # the difference is large: waiting for approval
        DONE = "done", _("Posted")  # differences moved to/from inventory loss
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("number"), max_length=30)
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, verbose_name=_("warehouse"))
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="+", verbose_name=_("location")
    )
    category = models.ForeignKey(
        "products.ProductCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("category"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    date = models.DateField(_("date"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)
    difference_value = models.DecimalField(_("difference value"), default=Decimal(0), **MONEY)
    transfer = models.ForeignKey(
        Transfer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adjustment"),
    )

    timeline_tracked = ("state",)

    class Meta:
        verbose_name = _("stock count")
        verbose_name_plural = _("stock counts")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["company", "number"], name="inventory_count_unique")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("inventory:count-detail", args=[self.pk])

    @classmethod
    def timeline_get_for_user(cls, *, pk, user, company):
        from ronghe.core.errors import NotFound
        from ronghe.core.scoping import has_perm

        if not has_perm(user, company, "inventory.view_transfer"):
            raise NotFound()
        count = cls.objects.filter(pk=pk, company=company).first()
        if count is None:
            raise NotFound()
        return count


class StockCountLine(models.Model):
    count = models.ForeignKey(StockCount, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "products.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    lot = models.ForeignKey(
        Lot, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("lot / serial number")
    )
    expected_qty = models.DecimalField(_("book quantity"), default=Decimal(0), **QTY)
    counted_qty = models.DecimalField(_("counted quantity"), null=True, blank=True, **QTY)
    unit_cost = models.DecimalField(_("unit cost"), default=Decimal(0), **COST)

    audit_exclude = True  # the count and its posting are audited

    class Meta:
        ordering = ["product__code", "lot__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["count", "product", "lot"], name="inventory_countline_unique")
        ]

    @property
    def difference(self) -> Decimal | None:
        return None if self.counted_qty is None else self.counted_qty - self.expected_qty

    @property
    def difference_value(self) -> Decimal:
        d = self.difference
        return (d * self.unit_cost).quantize(Decimal("0.01")) if d else Decimal(0)


class StockPeriodBalance(models.Model):
    """In and out of one product in one month (YYYYMM), maintained on every valued move: the 收发存 report
    reads these rows (opening = today's totals − the movements from that month on), not the moves."""

    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    product = models.ForeignKey("products.Product", on_delete=models.CASCADE, related_name="+")
    period = models.PositiveIntegerField()  # e.g. 202611
    in_qty = models.DecimalField(default=Decimal(0), **QTY)
    in_value = models.DecimalField(default=Decimal(0), **MONEY)
    out_qty = models.DecimalField(default=Decimal(0), **QTY)
    out_value = models.DecimalField(default=Decimal(0), **MONEY)

    audit_exclude = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["company", "product", "period"], name="inventory_period_unique")
        ]
        indexes = [models.Index(fields=["company", "period", "product"], name="inventory_period_company")]


class ReorderRule(CompanyOwned):
    """Keep a product between min and max in a warehouse: below min, suggest ordering up to max."""

    product = models.ForeignKey(
        "products.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("product")
    )
    warehouse = models.ForeignKey(
        Warehouse, on_delete=models.CASCADE, related_name="reorder_rules", verbose_name=_("warehouse")
    )
    min_qty = models.DecimalField(_("minimum"), **QTY)
    max_qty = models.DecimalField(_("maximum"), **QTY)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reorder rule")
        verbose_name_plural = _("reorder rules")
        constraints = [
            models.UniqueConstraint(fields=["product", "warehouse"], name="inventory_reorder_unique"),
            models.CheckConstraint(
                condition=Q(min_qty__gte=0) & Q(max_qty__gte=models.F("min_qty")),
                name="inventory_reorder_min_max",
            ),
        ]
