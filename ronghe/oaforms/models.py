"""OA request forms (审批单): templates are data (a field list in JSON); requests hold the filled values."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.timeline.models import HasTimeline


class FormTemplate(CompanyOwned):
    """A request form. `fields` is a list of field definitions (see fields.py); admins edit it in the UI."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60, blank=True)
    category = models.CharField(_("category"), max_length=30, blank=True)
    icon = models.CharField(_("icon"), max_length=30, default="file-earmark-text")
    description = models.CharField(_("description"), max_length=200, blank=True)
    fields = models.JSONField(_("fields"), default=list)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    scope_owner_field = "created_by"

    class Meta:
        verbose_name = _("form template")
        verbose_name_plural = _("form templates")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["company", "code"], name="oaforms_template_unique_code")
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        from django.utils import translation

        if self.name_en and (translation.get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    @property
    def approvable_type(self) -> str:
        return f"oaforms:{self.code}"


class FormState(models.TextChoices):
    DRAFT = "draft", _("Draft")  # being filled in; only the initiator sees it
    SUBMITTED = "submitted", _("In approval")  # locked while approvers decide
    RETURNED = "returned", _("Returned")  # editable again; resubmit or withdraw
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class FormRequest(HasTimeline, CompanyOwned):
    template = models.ForeignKey(
        FormTemplate, on_delete=models.PROTECT, related_name="requests", verbose_name=_("form")
    )
    title = models.CharField(_("title"), max_length=200)
    data = models.JSONField(_("content"), default=dict)
    state = models.CharField(_("state"), max_length=10, choices=FormState.choices, default=FormState.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    scope_owner_field = "created_by"
    timeline_tracked = ("state",)

    class Meta:
        verbose_name = _("request form")
        verbose_name_plural = _("request forms")
        ordering = ["-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("oaforms:request-detail", args=[self.pk])

    @classmethod
    def timeline_get_for_user(cls, *, pk, user, company):
        from .selectors import form_request_get_for_user

        return form_request_get_for_user(pk=pk, user=user, company=company)
