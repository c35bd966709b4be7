"""One partner record for customers, suppliers and their contacts, shared by every module."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.core.validators import validate_non_negative, validate_phone
from ronghe.timeline.models import HasTimeline


class PartnerKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    INDIVIDUAL = "individual", _("Individual")


class PaymentTerm(CompanyOwned):
    name = models.CharField(_("name"), max_length=60)
    days = models.PositiveIntegerField(_("days"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("payment term")
        verbose_name_plural = _("payment terms")
        ordering = ["days", "name"]
        constraints = [models.UniqueConstraint(fields=["company", "name"], name="partners_term_unique")]

    def __str__(self):
        return self.name


class PartnerTag(CompanyOwned):
    name = models.CharField(_("name"), max_length=40)
    color = models.CharField(_("colour"), max_length=20, default="secondary")

    class Meta:
        verbose_name = _("partner tag")
        verbose_name_plural = _("partner tags")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["company", "name"], name="partners_tag_unique")]

    def __str__(self):
        return self.name


class Partner(HasTimeline, CompanyOwned):
    kind = models.CharField(
        _("kind"), max_length=12, choices=PartnerKind.choices, default=PartnerKind.ORGANISATION
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=150)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    is_customer = models.BooleanField(_("customer"), default=False)
    is_supplier = models.BooleanField(_("supplier"), default=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    job_title = models.CharField(_("job title"), max_length=60, blank=True)
    tax_id = models.CharField(
        _("tax id"), max_length=30, blank=True, help_text=_("Unified social credit code for organisations")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    mobile = models.CharField(_("mobile"), max_length=30, blank=True, validators=[validate_phone])
    phone_norm = models.CharField(max_length=30, blank=True, editable=False, db_index=True)
    name_key = models.CharField(max_length=150, blank=True, editable=False)  # 查重: partners.dedupe.name_key
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    province = models.CharField(_("province"), max_length=30, blank=True)
    city = models.CharField(_("city"), max_length=30, blank=True)
    district = models.CharField(_("district"), max_length=30, blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_partners",
        verbose_name=_("owner"),
    )
    payment_term = models.ForeignKey(
        PaymentTerm, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("payment term")
    )
    credit_limit = models.DecimalField(
        _("credit limit"),
        max_digits=16,
        decimal_places=2,
        default=Decimal("0"),
        validators=[validate_non_negative],
    )
    currency = models.ForeignKey(
        "core.Currency", on_delete=models.PROTECT, default="CNY", verbose_name=_("currency")
    )
    tags = models.ManyToManyField(PartnerTag, blank=True, verbose_name=_("tags"))
    note = models.TextField(_("note"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    scope_owner_field = "owner"
    timeline_tracked = (
        "name",
        "owner",
        "credit_limit",
        "payment_term",
        "is_customer",
        "is_supplier",
        "tax_id",
        "active",
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["-id"]
        permissions = [("merge_partner", "Merge duplicate partners")]
        constraints = [
            models.UniqueConstraint(fields=["company", "code"], name="partners_partner_unique_code"),
            models.CheckConstraint(
                condition=Q(credit_limit__gte=0), name="partners_credit_limit_non_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["company", "owner", "id"], name="partners_company_owner"),
            models.Index(fields=["company", "name"], name="partners_company_name"),
            models.Index(fields=["company", "tax_id"], name="partners_company_taxid"),
            models.Index(fields=["company", "name_key"], name="partners_company_namekey"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:partner-detail", args=[self.pk])

    @property
    def address(self) -> str:
        return "".join(p for p in (self.province, self.city, self.district, self.street) if p)


class AddressKind(models.TextChoices):
    BILLING = "billing", _("Billing address")
    SHIPPING = "shipping", _("Shipping address")
    OTHER = "other", _("Other address")


class PartnerAddress(models.Model):
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("partner")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=AddressKind.choices, default=AddressKind.SHIPPING
    )
    contact_name = models.CharField(_("contact"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    province = models.CharField(_("province"), max_length=30, blank=True)
    city = models.CharField(_("city"), max_length=30, blank=True)
    district = models.CharField(_("district"), max_length=30, blank=True)
    street = models.CharField(_("street address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self):
        return "".join(p for p in (self.province, self.city, self.district, self.street) if p)


class PartnerBankAccount(models.Model):
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="bank_accounts", verbose_name=_("partner")
    )
    bank_name = models.CharField(_("bank"), max_length=100)
    account_name = models.CharField(_("account name"), max_length=150)
    account_number = models.CharField(_("account number"), max_length=40)
    is_default = models.BooleanField(_("default"), default=False)

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")
        constraints = [
            models.UniqueConstraint(fields=["partner", "account_number"], name="partners_bank_unique"),
        ]

    def __str__(self):
        return f"{self.bank_name} {self.account_number}"
