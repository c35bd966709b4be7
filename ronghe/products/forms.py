from django import forms

from ronghe.core.models import Unit
from ronghe.core.vat import vat_rate_choices
from ronghe.web.forms import StyledFormMixin

from .models import Product
from .selectors import product_category_list


class ProductForm(StyledFormMixin, forms.ModelForm):
    vat_rate = forms.TypedChoiceField(coerce=str, choices=())

    class Meta:
        model = Product
        fields = [
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
        ]

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vat_rate"].choices = vat_rate_choices()
        self.fields["vat_rate"].label = Product._meta.get_field("vat_rate").verbose_name
        if self.instance.pk:
            self.initial["vat_rate"] = str(
                self.instance.vat_rate.quantize(__import__("decimal").Decimal("0.0001"))
            )
        self.fields["category"].queryset = product_category_list(company=company)
        units = Unit.objects.filter(active=True).select_related("category")
        for f in ("uom", "sale_uom", "purchase_uom"):
            self.fields[f].queryset = units
        self.fields["code"].widget.attrs["autofocus"] = True
        style = self.fields["vat_rate"].widget.attrs
        style["class"] = "form-select"

    def clean_vat_rate(self):
        from decimal import Decimal

        return Decimal(self.cleaned_data["vat_rate"])
