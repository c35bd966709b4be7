"""Product services."""

from django.utils.translation import gettext as _

from ronghe.core.errors import ValidationFailed
from ronghe.core.models import Unit
from ronghe.core.services import clean_and_save
from ronghe.core.transactions import service_transaction
from ronghe.core.vat import is_valid_vat_rate

from .models import Product, ProductCategory, ProductType, Tracking

PRODUCT_FIELDS = (
    "code",
    "name",
    "spec",
    "category",
    "type",
    "uom",
    "sale_uom",
    "purchase_uom",
    "barcode",
    "sale_price",
    "cost",
    "vat_rate",
    "tracking",
    "description",
    "active",
)


def _validate(p: Product, company) -> dict:
    errors: dict[str, list] = {}
    p.code = (p.code or "").strip()
    p.barcode = (p.barcode or "").strip()
    if p.category_id and p.category.company_id != company.pk:
        errors["category"] = [_("Choose a record of this company.")]
    for f in ("sale_uom", "purchase_uom"):
        unit: Unit | None = getattr(p, f)
        if unit is not None and p.uom_id and unit.category_id != p.uom.category_id:
            errors[f] = [
                _("Choose a unit of the same category as the product unit (%(unit)s).") % {"unit": p.uom.name}
            ]
    if p.vat_rate is not None and not is_valid_vat_rate(p.vat_rate):
        errors["vat_rate"] = [_("%(rate)s is not a VAT rate in force.") % {"rate": p.vat_rate}]
    if p.type == ProductType.SERVICE and p.tracking != Tracking.NONE:
        errors["tracking"] = [_("Services cannot be tracked by lot or serial number.")]
    if p.code and Product.objects.filter(company=company, code=p.code).exclude(pk=p.pk).exists():
        errors["code"] = [_("A product with this code already exists.")]
    if p.barcode and Product.objects.filter(company=company, barcode=p.barcode).exclude(pk=p.pk).exists():
        errors["barcode"] = [_("Another product already has this barcode.")]
    return errors


@service_transaction
def product_save(*, company, actor, data: dict, product: Product | None = None) -> Product:
    """Create (product=None) or update a product. Raises ValidationFailed (duplicate code or barcode,
    negative price, unit of another category, VAT rate not in force, tracked service)."""
    if product is not None:
        product = Product.objects.select_for_update().get(pk=product.pk, company=company)
    else:
        product = Product(company=company)
    for f in PRODUCT_FIELDS:
        if f in data:
            setattr(product, f, data[f])
    errors = _validate(product, company)
    if errors:
        raise ValidationFailed(fields=errors)
    return clean_and_save(product, actor=actor)


@service_transaction
def product_category_save(
    *, company, actor, name: str, parent=None, code: str = "", category: ProductCategory | None = None
) -> ProductCategory:
    cat = category or ProductCategory(company=company)
    cat.name, cat.parent, cat.code = (name or "").strip(), parent, code
    if parent is not None and parent.company_id != company.pk:
        raise ValidationFailed(fields={"parent": [_("Choose a record of this company.")]})
    node, seen = parent, set()
    while node is not None and cat.pk and node.pk not in seen:
        if node.pk == cat.pk:
            raise ValidationFailed(fields={"parent": [_("A category cannot be placed under itself.")]})
        seen.add(node.pk)
        node = node.parent
    return clean_and_save(cat, actor=actor)
