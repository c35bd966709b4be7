"""Shell pages: login, logout, password, dashboard, company switch, settings, API tokens, notifications,
audit log."""

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ronghe.core import selectors as core_selectors
from ronghe.core import services as core_services
from ronghe.core.errors import DomainError, NotFound
from ronghe.core.models import ApiToken, AuditAction
from ronghe.core.scoping import has_perm, is_company_admin
from ronghe.timeline import selectors as tl_selectors
from ronghe.timeline import services as tl_services

from .forms import LoginForm, ProfileForm, TokenForm, add_service_errors, style_form
from .listing import Column, Filter, render_list
from .registry import registry


def login_view(request):
    if request.user.is_authenticated:
        return redirect("web:home")
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        core_services.login_success_record(user=form.user)
        if form.user.language:
            translation.activate(form.user.language)
        nxt = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
            nxt = reverse("web:home")
        response = HttpResponseRedirect(nxt)
        response.delete_cookie("ronghe_language")
        return response
    return render(request, "web/login.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("web:login")


@login_required
def home(request):
    if request.company is None:
        return render(request, "web/no_company.html")
    cards = []
    for card in registry.cards:
        if card.perm and not has_perm(request.user, request.company, card.perm):
            continue
        data = card.fn(request)
        if data:
            cards.append(data)
    return render(
        request,
        "web/home.html",
        {
            "cards": cards,
            "activities": tl_selectors.my_open_activities(user=request.user, company=request.company),
            "activity_counts": tl_selectors.my_activity_counts(user=request.user, company=request.company),
            "notifications": tl_selectors.notification_list(user=request.user, limit=6),
        },
    )


@login_required
@require_POST
def switch_company(request):
    try:
        core_services.user_switch_company(user=request.user, company_id=int(request.POST.get("company", 0)))
    except (DomainError, ValueError):
        messages.error(request, _("You are not a member of that company."))
    return redirect("web:home")


@require_POST
def set_language(request):
    """Switch the UI language; a logged-in user's choice is saved on their profile."""
    lang = request.POST.get("language", "")
    from django.conf import settings

    if lang not in dict(settings.LANGUAGES):
        lang = settings.LANGUAGE_CODE
    if request.user.is_authenticated:
        core_services.user_profile_update(user=request.user, data={"language": lang})
    nxt = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        nxt = "/"
    response = HttpResponseRedirect(nxt)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, lang, max_age=365 * 24 * 3600, samesite="Lax")
    translation.activate(lang)
    return response


@login_required
def profile(request):
    u = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "display_name": u.display_name,
            "email": u.email,
            "phone": u.phone,
            "language": u.language,
            "time_zone": u.time_zone,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            core_services.user_profile_update(user=u, data=form.cleaned_data)
            messages.success(request, _("Your profile was saved."))
            response = redirect("web:profile")
            if form.cleaned_data.get("language"):
                from django.conf import settings

                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME, form.cleaned_data["language"], samesite="Lax"
                )
            return response
        except DomainError as exc:
            add_service_errors(form, exc)
    return render(request, "web/profile.html", {"form": form})


@login_required
def password_change(request):
    form = style_form(PasswordChangeForm(request.user, request.POST or None))
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        from ronghe.core.audit import audit_log

        audit_log(action=AuditAction.UPDATE, obj=user, changes={"password": ["***", "***"]})
        messages.success(request, _("Your password was changed."))
        return redirect("web:profile")
    return render(request, "web/password_change.html", {"form": style_form(form)})


@login_required
def api_tokens(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = core_services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "web/api_tokens.html", {"form": form, "tokens": tokens, "secret": secret})


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise NotFound()
    core_services.api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("web:api-tokens")


@login_required
def notifications(request):
    items = tl_selectors.notification_list(user=request.user, limit=100)
    return render(request, "web/notifications.html", {"items": items})


@login_required
@require_POST
def notifications_read(request):
    ids = request.POST.getlist("id")
    tl_services.notification_mark_read(user=request.user, ids=[int(i) for i in ids if i.isdigit()] or None)
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return redirect(request.POST.get("next") or "web:notifications")


@login_required
def audit_log(request):
    if not is_company_admin(request.user, request.company):
        raise NotFound()
    qs = core_selectors.audit_list(
        user=request.user,
        company=request.company,
        model=request.GET.get("model", ""),
        object_id=request.GET.get("object_id", ""),
        actor=request.GET.get("q", ""),
        action=request.GET.get("action", ""),
    )
    columns = [
        Column("seq", "#", sort="seq", align="end"),
        Column("at", _("Time"), sort="at", kind="datetime"),
        Column("actor_name", _("User")),
        Column("ip", _("IP address")),
        Column("get_action_display", _("Action")),
        Column("model", _("Record type")),
        Column("object_repr", _("Record")),
        Column("changes", _("Changes"), kind="changes"),
        Column("context", _("Context"), kind="json"),
    ]
    filters = [Filter("action", _("Action"), list(AuditAction.choices))]
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=_("Audit log"),
        filters=filters,
        default_sort="-id",
        export_name="audit",
        extra={"search_placeholder": _("Search by user")},
    )


@login_required
def search(request):
    """Global search: each app's provider searches through its own selectors (scopes apply)."""
    q = request.GET.get("q", "").strip()
    groups = []
    if q:
        for p in registry.search:
            if p.perm and not has_perm(request.user, request.company, p.perm):
                continue
            results, more = p.fn(request, q)
            if results:
                groups.append({"label": p.label, "results": results, "more": more})
    return render(request, "web/search.html", {"q": q, "search_q": q, "groups": groups, "title": _("Search")})
