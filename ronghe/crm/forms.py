from django import forms
from django.utils.translation import gettext_lazy as _

from ronghe.core.selectors import user_list
from ronghe.web.forms import StyledFormMixin

from .models import Lead, SalesTeam


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
        help_texts = {"score": _("Leave empty for the computed score.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].required = False
        self.initial.pop("score", None)


class SalesTeamForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = SalesTeam
        fields = ["name", "leader", "members", "territory", "pool_days", "claim_limit"]
        help_texts = {
            "territory": _(
                "Big regions, provinces or cities, e.g. 华东, 北京市: leads without an owner from there go to this team."
            ),
            "pool_days": _("0 = never."),
        }

    def __init__(self, *args, company=None, **kwargs):
        super().__init__(*args, **kwargs)
        users = user_list(company=company)
        self.fields["leader"].queryset = users
        self.fields["members"].queryset = users
        self.fields["members"].widget.attrs["size"] = 8
