from django import forms
from django.utils.translation import gettext_lazy as _

from ronghe.core.selectors import user_list
from ronghe.web.forms import StyledFormMixin

from .models import Room

REPEAT = [
    ("", _("Does not repeat")),
    ("DAILY", _("Daily")),
    ("WEEKLY", _("Weekly")),
    ("MONTHLY", _("Monthly")),
]


class MeetingForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    start = forms.DateTimeField(
        label=_("Start"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    end = forms.DateTimeField(label=_("End"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    room = forms.ModelChoiceField(
        label=_("Room"), queryset=Room.objects.none(), required=False, empty_label=_("No room")
    )
    location = forms.CharField(label=_("Location or link"), max_length=200, required=False)
    repeat = forms.ChoiceField(label=_("Repeats"), choices=REPEAT, required=False)
    count = forms.IntegerField(label=_("Times"), min_value=1, max_value=366, required=False, initial=10)
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    users = forms.ModelMultipleChoiceField(label=_("Attendees"), queryset=None, required=False)
    contacts = forms.ModelMultipleChoiceField(label=_("Customer contacts"), queryset=None, required=False)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, company=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ronghe.partners.selectors import partner_list

        self.fields["room"].queryset = Room.objects.filter(company=company, active=True)
        self.fields["room"].label_from_instance = lambda r: (
            f"{r.name}（{r.capacity} 人{'，' + r.equipment if r.equipment else ''}）"
        )
        self.fields["users"].queryset = user_list(company=company)
        self.fields["users"].widget.attrs["size"] = 8
        self.fields["contacts"].queryset = partner_list(user=user, company=company).filter(
            parent__isnull=False
        )
        self.fields["contacts"].widget.attrs["size"] = 5

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        return data
