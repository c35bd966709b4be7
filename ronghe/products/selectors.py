from django.db.models import Q

from ronghe.core.scoping import scope_queryset

from .models import Product, ProductCategory


def product_list(*, user, company, q: str = "", category=None, type: str = "", active: bool | None = True):
    qs = scope_queryset(Product.objects.all(), user=user, company=company, perm="products.view_product")
    if q:
        q = q.strip()
        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q) | Q(barcode=q) | Q(spec__icontains=q))
    if category:
        qs = qs.filter(category_id=category)
    if type:
        qs = qs.filter(type=type)
    if active is not None:
        qs = qs.filter(active=active)
    return qs.select_related("category", "uom", "sale_uom", "purchase_uom")


def product_get_for_user(*, pk: int, user, company) -> Product:
    return product_list(user=user, company=company, active=None).get(pk=pk)


def product_category_list(*, company):
    return ProductCategory.objects.filter(company=company).select_related("parent")
