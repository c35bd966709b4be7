from django import forms
from django.utils.translation import gettext_lazy as _

from ronghe.core.selectors import user_list
from ronghe.web.forms import HttpsURLField, StyledFormMixin

from .models import Partner, PartnerKind
from .selectors import partner_tag_list, payment_term_list


class PartnerForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "kind",
            "name",
            "short_name",
            "code",
            "is_customer",
            "is_supplier",
            "parent",
            "job_title",
            "tax_id",
            "phone",
            "mobile",
            "email",
            "website",
            "province",
            "city",
            "district",
            "street",
            "postcode",
            "owner",
            "payment_term",
            "credit_limit",
            "currency",
            "tags",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"website": HttpsURLField}

    ignore_duplicates = forms.BooleanField(
        label=_("Create it anyway (I checked the possible duplicates)"), required=False
    )

    def __init__(self, *args, company, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["ignore_duplicates"]
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Leave empty to number automatically.")
        self.fields["owner"].queryset = user_list(company=company)
        self.fields["payment_term"].queryset = payment_term_list(company=company)
        self.fields["tags"].queryset = partner_tag_list(company=company)
        self.fields["parent"].queryset = Partner.objects.filter(
            company=company, kind=PartnerKind.ORGANISATION, parent__isnull=True
        )
        self.fields["parent"].widget = forms.Select(
            attrs={"class": "form-select"}, choices=[("", "---------")]
        )
        if self.instance.parent_id:
            self.fields["parent"].widget.choices = [
                ("", "---------"),
                (self.instance.parent_id, str(self.instance.parent)),
            ]
