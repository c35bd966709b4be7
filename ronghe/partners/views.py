"""Partner pages. Thin: parse, call selectors/services, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ronghe.core.errors import DomainError, ValidationFailed
from ronghe.core.scoping import has_perm, require_perm
from ronghe.core.selectors import user_list
from ronghe.web.forms import add_service_errors, flash_service_errors
from ronghe.web.listing import Column, Filter, render_list
from ronghe.web.registry import panels_for

from . import selectors, services
from .forms import PartnerForm
from .models import AddressKind, PartnerKind

ROLE_TITLES = {
    "customer": _("Customers"),
    "supplier": _("Suppliers"),
    "contact": _("Contacts"),
    "": _("Partners"),
}


def _columns(role):
    cols = [
        Column("code", _("Code"), sort="code", kind="link"),
        Column("name", _("Name"), sort="name", kind="link"),
    ]
    if role == "contact":
        cols += [Column("parent", _("Organisation")), Column("job_title", _("Job title"))]
    else:
        cols += [Column("get_kind_display", _("Kind"), css="rh-hide-sm")]
    cols += [
        Column("mobile", _("Mobile"), accessor=lambda p: p.mobile or p.phone),
        Column("email", _("E-mail"), css="rh-hide-sm"),
        Column(
            "city",
            _("City"),
            sort="city",
            css="rh-hide-sm",
            accessor=lambda p: " ".join(x for x in (p.province, p.city) if x),
        ),
        Column("owner", _("Owner"), sort="owner__username", css="rh-hide-sm"),
    ]
    if role != "contact":
        cols.append(Column("credit_limit", _("Credit limit"), sort="credit_limit", align="end", kind="money"))
    return cols


def _list(request, role):
    title = ROLE_TITLES.get(role, ROLE_TITLES[""])
    qs = selectors.partner_list(
        user=request.user,
        company=request.company,
        q=request.GET.get("q", ""),
        role=role,
        owner=request.GET.get("owner") or None,
        tag=request.GET.get("tag") or None,
        active=request.GET.get("active", "1") != "0",
    )
    filters = [
        Filter(
            "owner", _("Owner"), [(u.pk, u.get_display_name()) for u in user_list(company=request.company)]
        ),
        Filter(
            "tag", _("Tag"), [(t.pk, t.name) for t in selectors.partner_tag_list(company=request.company)]
        ),
        Filter("active", _("Status"), [("1", _("Active")), ("0", _("Archived"))]),
    ]
    actions = []
    if has_perm(request.user, request.company, "partners.add_partner"):
        url = "/partners/new/" + (f"?role={role}" if role else "")
        actions.append({"label": _("New"), "url": url, "icon": "plus-lg"})
    return render_list(
        request,
        qs=qs,
        columns=_columns(role),
        title=title,
        filters=filters,
        export_name={"customer": "customers", "supplier": "suppliers", "contact": "contacts"}.get(
            role, "partners"
        ),
        actions=actions,
        default_sort="-id",
        extra={"search_placeholder": _("Name, code, phone, e-mail or tax id")},
    )


@login_required
def partner_list(request):
    return _list(request, request.GET.get("role", ""))


@login_required
def supplier_list(request):
    return _list(request, "supplier")


@login_required
def contact_list(request):
    return _list(request, "contact")


@login_required
def partner_detail(request, pk):
    partner = selectors.partner_get_for_user(pk=pk, user=request.user, company=request.company)
    contacts = (
        selectors.partner_list(user=request.user, company=request.company, parent=partner.pk)
        if not partner.parent_id
        else []
    )
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "contacts": contacts,
            "address_kinds": AddressKind.choices,
            "can_change": has_perm(request.user, request.company, "partners.change_partner"),
            "panels": panels_for(request, partner),
            "merge_candidates": _merge_candidates(request, partner),
        },
    )


def _merge_candidates(request, partner):
    """Partners that may be the same as this one (查重), for those who may merge them."""
    if partner.parent_id or not has_perm(request.user, request.company, "partners.merge_partner"):
        return []
    from .dedupe import find

    return find(
        selectors.partner_list(user=request.user, company=request.company)
        .filter(parent__isnull=True)
        .exclude(pk=partner.pk)
        .select_related("owner"),
        name=partner.name,
        phone=partner.mobile or partner.phone,
        email=partner.email,
        tax_id=partner.tax_id,
        limit=5,
    )


@login_required
@require_POST
def partner_merge(request, pk):
    """Merge the chosen duplicate into this partner (every linked record moves; the duplicate is archived)."""
    partner = selectors.partner_get_for_user(pk=pk, user=request.user, company=request.company)
    loser = (
        selectors.partner_list(user=request.user, company=request.company, active=None)
        .filter(pk=request.POST.get("loser") or 0)
        .first()
    )
    try:
        if loser is None:
            raise ValidationFailed(fields={"loser": [_("Choose a record of this company.")]})
        services.partner_merge(winner=partner, loser=loser, actor=request.user)
        messages.success(request, _("%(loser)s was merged into this partner.") % {"loser": loser.name})
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(partner.get_absolute_url())


def _duplicate_lines(company, data) -> list[str]:
    """查重 before a new partner is saved: one line per candidate, with its owner and why it matched."""
    from .dedupe import find
    from .models import Partner

    found = find(
        Partner.objects.filter(company=company, parent__isnull=True).select_related("owner"),
        name=data.get("name", ""),
        phone=data.get("mobile") or data.get("phone") or "",
        email=data.get("email", ""),
        tax_id=data.get("tax_id", ""),
        limit=5,
    )
    if not found:
        return []
    lines = [str(_("Possible duplicates: tick “Create it anyway” if this is really a new one."))]
    for c in found:
        lines.append(
            f"{c.obj.code} {c.obj.name} · {_('Owner')}: {c.obj.owner or '—'} · {', '.join(str(r) for r in c.reasons)}"
        )
    return lines


def _edit(request, partner=None):
    perm = "partners.change_partner" if partner else "partners.add_partner"
    require_perm(request.user, request.company, perm)
    initial = {}
    if partner is None:
        role = request.GET.get("role", "customer")
        initial = {
            "is_customer": role in {"customer", ""},
            "is_supplier": role == "supplier",
            "owner": request.user.pk,
            "currency": request.company.currency_id,
        }
        if request.GET.get("parent"):
            initial.update(
                {"parent": request.GET["parent"], "kind": PartnerKind.INDIVIDUAL, "is_customer": False}
            )
    form = PartnerForm(
        request.POST or None, instance=partner, initial=initial, company=request.company, user=request.user
    )
    if partner is None and request.GET.get("parent"):
        parent = selectors.partner_get_for_user(
            pk=request.GET["parent"], user=request.user, company=request.company
        )
        form.fields["parent"].widget.choices = [("", "---------"), (parent.pk, str(parent))]
    if (
        request.method == "POST"
        and form.is_valid()
        and partner is None
        and not form.cleaned_data.get("ignore_duplicates")
    ):
        for line in _duplicate_lines(request.company, form.cleaned_data):
            form.add_error(None, line)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("tags", "ignore_duplicates")}
        try:
            saved = services.partner_save(
                company=request.company,
                actor=request.user,
                data=data,
                partner=partner,
                tags=list(form.cleaned_data.get("tags") or []),
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())
    title = _("Edit %(name)s") % {"name": partner} if partner else _("New partner")
    back = partner.get_absolute_url() if partner else "/partners/?role=customer"
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": title,
            "back_url": back,
            "back_label": partner or _("Customers"),
            "wide_fields": ["note", "street"],
        },
        status=422 if form.errors else 200,
    )


@login_required
def partner_create(request):
    return _edit(request)


@login_required
def partner_edit(request, pk):
    partner = selectors.partner_get_for_user(pk=pk, user=request.user, company=request.company)
    return _edit(request, partner)


@login_required
@require_POST
def partner_archive(request, pk):
    require_perm(request.user, request.company, "partners.change_partner")
    partner = selectors.partner_get_for_user(pk=pk, user=request.user, company=request.company)
    services.partner_archive(partner=partner, actor=request.user, active=request.POST.get("active") == "1")
    messages.success(request, _("Saved."))
    return redirect(partner.get_absolute_url())


@login_required
@require_POST
def bank_account_add(request, pk):
    require_perm(request.user, request.company, "partners.change_partner")
    partner = selectors.partner_get_for_user(pk=pk, user=request.user, company=request.company)
    try:
        services.partner_bank_account_add(
            partner=partner,
            actor=request.user,
            bank_name=request.POST.get("bank_name", ""),
            account_name=request.POST.get("account_name", ""),
            account_number=request.POST.get("account_number", ""),
            is_default=request.POST.get("is_default") == "on",
        )
        messages.success(request, _("Saved."))
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    return redirect(partner.get_absolute_url() + "#bank-accounts")


@login_required
@require_POST
def address_add(request, pk):
    require_perm(request.user, request.company, "partners.change_partner")
    partner = selectors.partner_get_for_user(pk=pk, user=request.user, company=request.company)
    try:
        services.partner_address_add(partner=partner, actor=request.user, data=request.POST.dict())
        messages.success(request, _("Saved."))
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    return redirect(partner.get_absolute_url() + "#addresses")
