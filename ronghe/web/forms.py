"""Shared form helpers: Bootstrap classes on widgets, and service errors shown on their fields."""

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _


class HttpsURLField(forms.URLField):
    """A URL field that assumes https:// when the user types a bare domain (Django 6's default)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


def style_form(form):
    errors = form._errors or {}  # never trigger validation from here (it would run before __init__ ends)
    for name, field in form.fields.items():
        w = field.widget
        if isinstance(w, forms.CheckboxInput):
            w.attrs.setdefault("class", "form-check-input")
        elif isinstance(w, forms.Select | forms.SelectMultiple):
            w.attrs.setdefault("class", "form-select")
        else:
            w.attrs.setdefault("class", "form-control")
        if isinstance(w, forms.Textarea):
            w.attrs.setdefault("rows", 3)
        if name in errors and "is-invalid" not in w.attrs["class"]:
            w.attrs["class"] += " is-invalid"
    return form


class StyledFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)

    def full_clean(self):
        super().full_clean()
        style_form(self)


def add_service_errors(form, exc) -> None:
    """Attach a ValidationFailed's field messages to the form (unknown fields become form errors)."""
    for field, messages in (exc.fields or {}).items():
        for m in messages:
            form.add_error(field if field in form.fields else None, m)
    if not exc.fields:
        form.add_error(None, str(exc.message))
    style_form(form)


def flash_service_errors(request, exc) -> None:
    """Show a ValidationFailed as page messages (for small inline forms and imports without a form object):
    its own message when it says something specific, then each field's messages; import rows ("row N")
    are named."""
    from django.contrib import messages

    from ronghe.core.errors import ValidationFailed

    if not exc.fields or exc.message is not ValidationFailed.default_message:
        messages.error(request, str(exc.message))
    for field, field_messages in (exc.fields or {}).items():
        for m in field_messages:
            if field.startswith("row "):
                m = _("Row %(n)s: %(problem)s") % {"n": field[4:], "problem": m}
            messages.error(request, m)


class LoginForm(StyledFormMixin, forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        from ronghe.core.middleware import client_ip
        from ronghe.core.services import login_failure_record, login_is_locked

        username = self.cleaned_data.get("username", "")
        password = self.cleaned_data.get("password", "")
        if not username or not password:
            return self.cleaned_data
        if login_is_locked(username=username):
            raise forms.ValidationError(
                _(
                    "Too many failed logins. The account is locked for a while; try again later or ask an administrator."
                ),
                code="locked",
            )
        self.user = authenticate(self.request, username=username, password=password)
        if self.user is None:
            login_failure_record(username=username, ip=client_ip(self.request))
            raise forms.ValidationError(_("Wrong username or password."), code="invalid_login")
        return self.cleaned_data


class ProfileForm(StyledFormMixin, forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=60, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=30, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    time_zone = forms.CharField(label=_("Time zone"), max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.fields["language"].choices = [("", _("Company default"))] + list(settings.LANGUAGES)


class TokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=60)


def form_errors(exc) -> dict:
    """A service's ValidationFailed as {field: [messages]} for a page, with "__all__" for its own message."""
    from ronghe.core.errors import ValidationFailed

    out = {k: [str(m) for m in msgs] for k, msgs in exc.fields.items()}
    if not out or str(exc.message) not in ("", str(ValidationFailed.default_message)):
        out["__all__"] = [str(exc.message)]
    return out


def parse_date(value):
    """An ISO date typed in a form or a query string, or None."""
    import datetime

    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


def parse_datetime_local(value):
    """A <input type="datetime-local"> value (2026-12-04T09:30) as an aware datetime in the current time
    zone, or None."""
    import datetime

    from django.utils import timezone

    try:
        dt = datetime.datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return timezone.make_aware(dt) if timezone.is_naive(dt) else dt
