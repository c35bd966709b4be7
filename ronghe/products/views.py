from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from ronghe.core.errors import ValidationFailed
from ronghe.core.scoping import has_perm, require_perm
from ronghe.web.forms import add_service_errors
from ronghe.web.listing import Column, Filter, render_list

from . import selectors, services
from .forms import ProductForm
from .models import ProductType

COLUMNS = [
    Column("code", _("Code"), sort="code", kind="link"),
    Column("name", _("Name"), sort="name", kind="link"),
    Column("spec", _("Specification"), css="rh-hide-sm"),
    Column("category", _("Category"), sort="category__name", css="rh-hide-sm"),
    Column("get_type_display", _("Type"), sort="type", css="rh-hide-sm"),
    Column("uom", _("Unit")),
    Column("sale_price", _("Sale price"), sort="sale_price", align="end", kind="money"),
    Column("cost", _("Cost"), sort="cost", align="end", kind="money", css="rh-hide-sm"),
    Column("vat_percent", _("VAT rate"), align="end", css="rh-hide-sm"),
    Column("barcode", _("Barcode"), css="rh-hide-sm"),
]


@login_required
def product_list(request):
    qs = selectors.product_list(
        user=request.user,
        company=request.company,
        q=request.GET.get("q", ""),
        category=request.GET.get("category") or None,
        type=request.GET.get("type", ""),
        active=request.GET.get("active", "1") != "0",
    )
    filters = [
        Filter(
            "category",
            _("Category"),
            [(c.pk, c.full_name) for c in selectors.product_category_list(company=request.company)],
        ),
        Filter("type", _("Type"), list(ProductType.choices)),
        Filter("active", _("Status"), [("1", _("Active")), ("0", _("Archived"))]),
    ]
    actions = []
    if has_perm(request.user, request.company, "products.add_product"):
        actions.append({"label": _("New"), "url": "/products/new/", "icon": "plus-lg"})
    return render_list(
        request,
        qs=qs,
        columns=COLUMNS,
        title=_("Products"),
        filters=filters,
        export_name="products",
        actions=actions,
        default_sort="code",
        extra={"search_placeholder": _("Code, name, specification or barcode")},
    )


@login_required
def product_detail(request, pk):
    product = selectors.product_get_for_user(pk=pk, user=request.user, company=request.company)
    return render(
        request,
        "products/product_detail.html",
        {
            "product": product,
            "can_change": has_perm(request.user, request.company, "products.change_product"),
        },
    )


def _edit(request, product=None):
    require_perm(
        request.user, request.company, "products.change_product" if product else "products.add_product"
    )
    form = ProductForm(request.POST or None, instance=product, company=request.company)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.product_save(
                company=request.company, actor=request.user, data=form.cleaned_data, product=product
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())
    title = _("Edit %(name)s") % {"name": product} if product else _("New product")
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": title,
            "back_url": product.get_absolute_url() if product else "/products/",
            "back_label": product or _("Products"),
            "wide_fields": ["description"],
        },
        status=422 if form.errors else 200,
    )


@login_required
def product_create(request):
    return _edit(request)


@login_required
def product_edit(request, pk):
    return _edit(request, selectors.product_get_for_user(pk=pk, user=request.user, company=request.company))
