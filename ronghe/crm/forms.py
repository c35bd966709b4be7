from django import forms
from django.utils.translation import gettext_lazy as _

from ronghe.web.forms import StyledFormMixin

from .models import Lead


class LeadForm(StyledFormMixin, forms.ModelForm):
    ignore_duplicates = forms.BooleanField(
        label=_("Create it anyway (I checked the possible duplicates)"), required=False
    )

    class Meta:
        model = Lead
        fields = [
            "company_name",
            "contact_name",
            "job_title",
            "phone",
            "email",
            "tax_id",
            "province",
            "city",
            "source",
            "score",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
