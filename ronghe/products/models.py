"""Products, their category tree, units for sale and purchase, barcode, prices, VAT rate and tracking."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.core.validators import validate_non_negative
from ronghe.timeline.models import HasTimeline


class ProductType(models.TextChoices):
    GOODS = "goods", _("Goods")  # stocked, counted in inventory
    SERVICE = "service", _("Service")  # never stocked
    CONSUMABLE = "consumable", _("Consumable")  # moved but not valued per piece


class Tracking(models.TextChoices):
    NONE = "none", _("Not tracked")
    LOT = "lot", _("By lot")
    SERIAL = "serial", _("By serial number")


class CostMethod(models.TextChoices):
    AVERAGE = "average", _("Moving weighted average")  # 移动加权平均 (default)
    FIFO = "fifo", _("First in, first out")  # 先进先出


class ProductCategory(CompanyOwned):
    name = models.CharField(_("name"), max_length=60)
    cost_method = models.CharField(
        _("costing method"), max_length=10, choices=CostMethod.choices, default=CostMethod.AVERAGE
    )
    code = models.CharField(_("code"), max_length=30, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )

    class Meta:
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")
        ordering = ["code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "parent", "name"], name="products_category_unique")
        ]

    def __str__(self):
        return self.name

    @property
    def full_name(self) -> str:
        names, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = node.parent
        return " / ".join(reversed(names))


class Product(HasTimeline, CompanyOwned):
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=150)
    spec = models.CharField(_("specification"), max_length=100, blank=True)
    category = models.ForeignKey(
        ProductCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("category"),
    )
    type = models.CharField(_("type"), max_length=12, choices=ProductType.choices, default=ProductType.GOODS)
    uom = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    sale_uom = models.ForeignKey(
        "core.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sales unit"),
    )
    purchase_uom = models.ForeignKey(
        "core.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("purchase unit"),
    )
    barcode = models.CharField(_("barcode"), max_length=50, blank=True)
    sale_price = models.DecimalField(
        _("sale price"),
        max_digits=18,
        decimal_places=4,
        default=Decimal("0"),
        validators=[validate_non_negative],
    )
    cost = models.DecimalField(
        _("cost"), max_digits=18, decimal_places=4, default=Decimal("0"), validators=[validate_non_negative]
    )
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=4, default=Decimal("0.13"))
    tracking = models.CharField(_("tracking"), max_length=10, choices=Tracking.choices, default=Tracking.NONE)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    scope_owner_field = "created_by"
    timeline_tracked = ("name", "sale_price", "cost", "vat_rate", "uom", "category", "tracking", "active")

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["company", "code"], name="products_product_unique_code"),
            models.UniqueConstraint(
                fields=["company", "barcode"],
                name="products_product_unique_barcode",
                condition=~Q(barcode=""),
            ),
            models.CheckConstraint(
                condition=Q(sale_price__gte=0) & Q(cost__gte=0), name="products_prices_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(vat_rate__gte=0) & Q(vat_rate__lt=1), name="products_vat_rate_range"
            ),
        ]
        indexes = [models.Index(fields=["company", "name"], name="products_company_name")]

    def __str__(self):
        return f"[{self.code}] {self.name}"

    def get_absolute_url(self):
        return reverse("products:product-detail", args=[self.pk])

    @property
    def vat_percent(self) -> str:
        return f"{(self.vat_rate * 100).normalize():f}%"
