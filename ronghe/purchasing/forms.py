from django import forms

from ronghe.partners.selectors import partner_list
from ronghe.products.selectors import product_list
from ronghe.web.forms import StyledFormMixin

from .models import SupplierPrice


class SupplierPriceForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = SupplierPrice
        fields = [
            "partner",
            "product",
            "supplier_code",
            "min_quantity",
            "price",
            "lead_days",
            "date_from",
            "date_to",
        ]
        widgets = {
            "date_from": forms.DateInput(attrs={"type": "date"}),
            "date_to": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, company, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partner_list(user=user, company=company).filter(is_supplier=True)
        self.fields["product"].queryset = product_list(user=user, company=company).exclude(type="service")
