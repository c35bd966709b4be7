"""CRM pages: the pipeline board (drag and drop between stages), leads (查重 on entry, conversion), the public
pool (claim), opportunities, follow-ups — all reading through the selectors (scope) and acting through the
services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Sum
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ronghe.core.errors import DomainError, ValidationFailed
from ronghe.core.scoping import has_perm, require_perm
from ronghe.core.selectors import user_list
from ronghe.partners.selectors import partner_list
from ronghe.web.forms import add_service_errors, flash_service_errors, parse_date
from ronghe.web.listing import Column, Filter, render_list

from . import selectors, services
from .errors import DuplicatesFound
from .forms import LeadForm
from .models import Stage
from .states import LEAD_TRANSITIONS, FollowUpKind, LeadStatus, OpportunityState

CARDS_PER_STAGE = 50


@login_required
def pipeline(request):
    """The kanban board of open opportunities by stage, with count, amount and weighted amount per stage."""
    company = request.company
    scope = request.GET.get("scope", "")
    flt = request.GET.get("filter", "")
    qs = selectors.opportunity_list(
        user=request.user, company=company, state=OpportunityState.OPEN, mine=scope == "mine", filter=flt
    )
    teams = list(selectors.team_list(company=company))
    team = services.team_of(request.user, company)
    if request.GET.get("team", "").isdigit():
        team = next((t for t in teams if t.pk == int(request.GET["team"])), None)
    stages = services.stages_for(company, team)
    totals = {
        row["stage_id"]: row
        for row in qs.order_by().values("stage_id").annotate(n=Count("pk"), amount=Sum("expected_amount"))
    }
    columns = []
    for st in stages:
        t = totals.get(st.pk, {})
        cards = list(qs.filter(stage=st).order_by("-expected_amount", "pk")[:CARDS_PER_STAGE])
        amount = t.get("amount") or 0
        columns.append(
            {
                "stage": st,
                "cards": cards,
                "count": t.get("n", 0),
                "amount": amount,
                "weighted": amount * st.probability / 100,
                "more": max(0, t.get("n", 0) - len(cards)),
            }
        )
    return render(
        request,
        "crm/pipeline.html",
        {
            "columns": columns,
            "scope": scope,
            "filter": flt,
            "teams": teams,
            "team": team,
            "team_q": f"&team={team.pk if team else 0}" if request.GET.get("team") else "",
            "forecast": selectors.forecast_by_month(user=request.user, company=company),
            "can_add": has_perm(request.user, company, "crm.add_opportunity"),
        },
    )


@login_required
@require_POST
def opportunity_move(request, pk):
    """The board's drop: JSON in, JSON out."""
    company = request.company
    try:
        opp = selectors.opportunity_get_for_user(pk=pk, user=request.user, company=company)
        stage = Stage.objects.get(company=company, pk=int(request.POST.get("stage") or 0))
        opp = services.opportunity_move(opportunity=opp, actor=request.user, stage=stage)
    except (Stage.DoesNotExist, ValueError):
        return JsonResponse({"ok": False, "message": str(_("Choose a stage of this pipeline."))}, status=422)
    except DomainError as exc:
        return JsonResponse({"ok": False, "message": str(exc.message)}, status=exc.http_status)
    return JsonResponse(
        {"ok": True, "stage": opp.stage_id, "state": opp.state, "probability": str(opp.probability)}
    )


@login_required
def opportunity_detail(request, pk):
    company = request.company
    opp = selectors.opportunity_get_for_user(pk=pk, user=request.user, company=company)
    return render(
        request,
        "crm/opportunity_detail.html",
        {
            "opp": opp,
            "stages": services.stages_for(company, opp.team),
            "followups": list(
                selectors.followup_list(user=request.user, company=company).filter(opportunity=opp)[:50]
            ),
            "orders": list(opp.orders.order_by("-pk")),
            "kinds": FollowUpKind.choices,
            "is_open": opp.state == OpportunityState.OPEN,
        },
    )


@login_required
@require_POST
def opportunity_act(request, pk, action):
    company = request.company
    opp = selectors.opportunity_get_for_user(pk=pk, user=request.user, company=company)
    try:
        if action == "win":
            services.opportunity_win(opportunity=opp, actor=request.user)
        elif action == "lose":
            services.opportunity_lose(
                opportunity=opp, actor=request.user, reason=request.POST.get("reason", "")
            )
        elif action == "move":
            stage = Stage.objects.filter(company=company, pk=request.POST.get("stage") or 0).first()
            if stage is None:
                raise ValidationFailed(fields={"stage": [_("Choose a stage of this pipeline.")]})
            services.opportunity_move(opportunity=opp, actor=request.user, stage=stage)
        messages.success(request, _("Saved."))
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(opp.get_absolute_url())


@login_required
def opportunity_list(request):
    company = request.company
    qs = selectors.opportunity_list(
        user=request.user,
        company=company,
        state=request.GET.get("state", ""),
        mine=request.GET.get("scope") == "mine",
        filter=request.GET.get("filter", ""),
        q=request.GET.get("q", ""),
    )
    columns = [
        Column("name", _("Opportunity"), sort="name", kind="link"),
        Column("partner.name", _("Customer"), sort="partner__name"),
        Column("stage.name", _("Stage")),
        Column("expected_amount", _("Expected amount"), sort="expected_amount", align="end", kind="money"),
        Column("probability", _("Probability (%)"), align="end", kind="qty", css="rh-hide-sm"),
        Column("close_date", _("Expected close date"), sort="close_date", kind="date"),
        Column("owner", _("Owner"), css="rh-hide-sm"),
        Column("get_state_display", _("State"), sort="state"),
    ]
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=_("Opportunities"),
        filters=[
            Filter("state", _("State"), list(OpportunityState.choices)),
            Filter("scope", _("Owner"), [("mine", _("Mine"))]),
            Filter(
                "filter", _("Show"), [("closing", _("Closing this month")), ("stale", _("Stale (30 days)"))]
            ),
        ],
        export_name="opportunities",
        default_sort="-id",
        extra={"search_placeholder": _("Opportunity or customer")},
    )


# --- leads ----------------------------------------------------------------------------------------------------


@login_required
def lead_list(request):
    company = request.company
    qs = selectors.lead_list(
        user=request.user, company=company, status=request.GET.get("status", ""), q=request.GET.get("q", "")
    )
    columns = [
        Column("number", _("Number"), sort="number", kind="link"),
        Column("company_name", _("Company name"), sort="company_name"),
        Column("contact_name", _("Contact")),
        Column("phone", _("Phone"), css="rh-hide-sm"),
        Column("get_source_display", _("Source"), css="rh-hide-sm"),
        Column("owner", _("Owner"), css="rh-hide-sm"),
        Column("score", _("Score"), sort="score", align="end"),
        Column("get_status_display", _("Status"), sort="status"),
    ]
    actions = []
    if has_perm(request.user, company, "crm.manage_customers"):
        actions.append({"label": _("Web form"), "url": "/crm/webform/", "icon": "code-slash"})
    if has_perm(request.user, company, "crm.add_lead"):
        actions.append({"label": _("Import"), "url": "/crm/leads/import/", "icon": "upload"})
        actions.append({"label": _("New lead"), "url": "/crm/leads/new/", "icon": "plus-lg"})
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=_("Leads"),
        filters=[Filter("status", _("Status"), list(LeadStatus.choices))],
        actions=actions,
        export_name="leads",
        default_sort="-id",
        extra={"search_placeholder": _("Company, contact, phone or e-mail")},
    )


@login_required
def lead_form(request):
    company = request.company
    require_perm(request.user, company, "crm.add_lead")
    form = LeadForm(request.POST or None)
    candidates = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "ignore_duplicates"}
        try:
            lead = services.lead_create(
                company=company,
                actor=request.user,
                data=data,
                ignore_duplicates=form.cleaned_data.get("ignore_duplicates", False),
            )
        except DuplicatesFound as exc:
            candidates = exc.candidates
            form.add_error(None, exc.message)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Lead %(number)s created.") % {"number": lead.number})
            return redirect(lead.get_absolute_url())
    return render(
        request,
        "crm/lead_form.html",
        {"form": form, "candidates": candidates},
        status=422 if form.errors else 200,
    )


@login_required
def lead_detail(request, pk):
    company = request.company
    lead = selectors.lead_get_for_user(pk=pk, user=request.user, company=company)
    found = services.duplicates(
        company,
        name=lead.company_name,
        contact=lead.contact_name,
        phone=lead.phone,
        email=lead.email,
        tax_id=lead.tax_id,
        exclude_lead=lead,
    )
    allowed = {a for a, (states, _t) in LEAD_TRANSITIONS.items() if lead.status in states}
    return render(
        request,
        "crm/lead_detail.html",
        {
            "lead": lead,
            "allowed": allowed,
            "candidates": [c for c in found["partners"] if c.obj.parent_id is None][:5],
            "followups": list(selectors.followup_list(user=request.user, company=company, lead=lead)[:50]),
            "kinds": FollowUpKind.choices,
            "can_assign": lead.status not in (LeadStatus.CONVERTED, LeadStatus.DISQUALIFIED)
            and has_perm(request.user, company, "crm.manage_customers"),
            "can_take": lead.owner_id is None
            and lead.status not in (LeadStatus.CONVERTED, LeadStatus.DISQUALIFIED)
            and has_perm(request.user, company, "crm.add_lead"),
            "assignees": user_list(company=company)
            if has_perm(request.user, company, "crm.manage_customers")
            else [],
        },
    )


@login_required
@require_POST
def lead_act(request, pk, action):
    company = request.company
    lead = selectors.lead_get_for_user(pk=pk, user=request.user, company=company)
    try:
        if action == "convert":
            partner = None
            if request.POST.get("partner"):
                partner = partner_list(user=request.user, company=company, active=None).filter(
                    pk=request.POST["partner"]
                ).first() or _pool_partner(request, request.POST["partner"])
            opp = services.lead_convert(
                lead=lead,
                actor=request.user,
                partner=partner,
                opportunity_name=request.POST.get("opportunity_name", ""),
                expected_amount=request.POST.get("expected_amount") or 0,
                close_date=parse_date(request.POST.get("close_date")),
            )
            messages.success(request, _("Converted: customer, contact and opportunity created."))
            return redirect(opp.get_absolute_url())
        if action == "assign":
            owner = user_list(company=company).filter(pk=_int_or_none(request.POST.get("owner"))).first()
            services.lead_assign(lead=lead, actor=request.user, owner=owner)
            messages.success(request, _("Saved."))
            return redirect(lead.get_absolute_url() if _can_see(request, lead) else "crm:lead-list")
        services.lead_set_status(
            lead=lead, actor=request.user, action=action, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("Saved."))
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(lead.get_absolute_url())


def _int_or_none(value):
    return int(value) if str(value or "").isdigit() else None


def _can_see(request, lead) -> bool:
    return selectors.lead_list(user=request.user, company=request.company).filter(pk=lead.pk).exists()


def _pool_partner(request, pk):
    return selectors.pool_list(user=request.user, company=request.company).filter(pk=pk).first()


# --- follow-ups, the pool, the customer panel -------------------------------------------------------------


@login_required
@require_POST
def followup_create(request):
    """The follow-up form of a customer, lead or opportunity page."""
    company = request.company
    partner = lead = opp = None
    back = request.POST.get("next") or "/"
    try:
        if request.POST.get("opportunity"):
            opp = selectors.opportunity_get_for_user(
                pk=request.POST["opportunity"], user=request.user, company=company
            )
        if request.POST.get("lead"):
            lead = selectors.lead_get_for_user(pk=request.POST["lead"], user=request.user, company=company)
        if request.POST.get("partner"):
            partner = (
                partner_list(user=request.user, company=company).filter(pk=request.POST["partner"]).first()
            )
            if partner is None:
                raise ValidationFailed(fields={"partner": [_("Choose a customer or a lead.")]})
        services.followup_log(
            actor=request.user,
            note=request.POST.get("note", ""),
            kind=request.POST.get("kind", FollowUpKind.CALL),
            partner=partner,
            lead=lead,
            opportunity=opp,
            next_date=parse_date(request.POST.get("next_date")),
        )
        messages.success(request, _("Follow-up logged."))
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(back if back.startswith("/") else "/")


@login_required
def pool(request):
    company = request.company
    qs = selectors.pool_list(user=request.user, company=company, q=request.GET.get("q", ""))
    held = services.held_count(request.user, company)
    limit = services.claim_limit(request.user, company)
    return render(
        request,
        "crm/pool.html",
        {
            "rows": list(qs[:200]),
            "total": qs.count(),
            "held": held,
            "limit": limit,
            "q": request.GET.get("q", ""),
        },
    )


@login_required
@require_POST
def pool_act(request, pk, action):
    company = request.company
    try:
        if action == "claim":
            partner = selectors.pool_list(user=request.user, company=company).get(pk=pk)
            services.pool_claim(partner=partner, actor=request.user)
            messages.success(request, _("%(customer)s is now yours.") % {"customer": partner.name})
            return redirect(partner.get_absolute_url())
        partner = partner_list(user=request.user, company=company).get(pk=pk)
        services.pool_release(partner=partner, actor=request.user, note=request.POST.get("note", ""))
        messages.success(
            request, _("%(customer)s went back to the public pool.") % {"customer": partner.name}
        )
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect("/crm/pool/")


def customer_panel(request, partner):
    """The CRM section of the customer page (web.registry.RecordPanel): owner, last follow-up, open
    opportunities, the follow-up form and the owner history."""
    from django.template.loader import render_to_string

    if not partner.is_customer or partner.parent_id:
        return None
    company = request.company
    opps = list(
        selectors.opportunity_list(user=request.user, company=company)
        .filter(partner=partner)
        .order_by("-pk")[:10]
    )
    profile = getattr(partner, "crm_profile", None)
    html = render_to_string(
        "crm/partials/_customer_panel.html",
        {
            "partner": partner,
            "opps": opps,
            "profile": profile,
            "followups": list(
                selectors.followup_list(user=request.user, company=company, partner=partner)[:5]
            ),
            "history": selectors.owner_history(partner)[:5],
            "kinds": FollowUpKind.choices,
            "mine": partner.owner_id == request.user.pk,
            "in_pool": partner.owner_id is None,
        },
        request=request,
    )
    return {"title": _("Sales follow-up"), "html": html}


# --- the public web form ------------------------------------------------------------------------------------


@csrf_exempt
@require_POST
def webform(request, key):
    """The endpoint a company's website form posts to (no login; CSRF-exempt because the form lives on another
    site): a thank-you page, or a redirect to the site's own ?next= page on the same host it came from."""
    from django.http import HttpResponse

    ip = (request.META.get("REMOTE_ADDR") or "")[:45]
    try:
        services.webform_submit(key=key, data=request.POST, ip=ip)
    except services.SpamRefused as exc:
        return HttpResponse(str(exc.message), status=429, content_type="text/plain; charset=utf-8")
    except ValidationFailed as exc:
        return HttpResponse(
            "; ".join(m for msgs in exc.fields.values() for m in msgs) or str(exc.message),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(
        str(_("Thank you: we will contact you soon.")), content_type="text/plain; charset=utf-8"
    )


@login_required
def webform_snippet(request):
    """The HTML to paste on the company's website."""
    require_perm(request.user, request.company, "crm.manage_customers")
    s = services.crm_settings(request.company)
    url = request.build_absolute_uri(f"/crm/webform/{s.webform_key}/")
    return render(request, "crm/webform.html", {"settings": s, "url": url})


@login_required
def lead_import(request):
    """Upload → preview (per-row errors and possible duplicates) → import."""
    import json

    from django.core import signing

    company = request.company
    require_perm(request.user, company, "crm.add_lead")
    rows = None
    if request.method == "POST" and request.FILES.get("file"):
        f = request.FILES["file"]
        try:
            rows = services.leads_import_preview(
                company=company, actor=request.user, filename=f.name, content=f.read()
            )
        except ValidationFailed as exc:
            flash_service_errors(request, exc)
    elif request.method == "POST" and request.POST.get("rows"):
        try:
            rows = json.loads(signing.loads(request.POST["rows"], salt="crm.lead-import"))
            made = services.leads_import(
                company=company,
                actor=request.user,
                rows=rows,
                include_duplicates=bool(request.POST.get("include_duplicates")),
            )
        except signing.BadSignature:
            messages.error(request, _("The preview expired: upload the file again."))
            return redirect("/crm/leads/import/")
        except ValidationFailed as exc:
            flash_service_errors(request, exc)
        else:
            messages.success(request, _("%(n)s leads imported.") % {"n": len(made)})
            return redirect("/crm/leads/")
    signed = signing.dumps(json.dumps(rows, ensure_ascii=False), salt="crm.lead-import") if rows else ""
    return render(
        request,
        "crm/lead_import.html",
        {
            "rows": rows,
            "signed": signed,
            "ok": sum(1 for r in rows or [] if not r["errors"] and not r["duplicates"]),
            "dups": sum(1 for r in rows or [] if not r["errors"] and r["duplicates"]),
            "bad": sum(1 for r in rows or [] if r["errors"]),
        },
    )


@login_required
def reports_page(request):
    """Funnel, conversion by source, win rate and cycle time, follow-up activity — charts with the numbers
    beside them; ?export=xlsx&table=funnel|sources|winrate|activity exports one table."""
    import json

    from ronghe.web.pdf import export_response

    from . import reports

    company = request.company
    require_perm(request.user, company, "crm.view_opportunity")
    funnel = reports.funnel(user=request.user, company=company)
    sources = reports.conversion_by_source(user=request.user, company=company)
    winrate = reports.win_rate_by_salesperson(user=request.user, company=company)
    activity = reports.followups_per_week(user=request.user, company=company)
    tables = {
        "funnel": (
            [_("Stage"), _("Opportunities"), _("Expected amount"), _("Weighted")],
            [[r["stage"], r["count"], r["amount"], r["weighted"]] for r in funnel],
        ),
        "sources": (
            [_("Source"), _("Leads"), _("Converted"), _("Disqualified"), _("Conversion rate (%)")],
            [[r["source"], r["total"], r["converted"], r["disqualified"], r["rate"]] for r in sources],
        ),
        "winrate": (
            [
                _("Salesperson"),
                _("Won"),
                _("Lost"),
                _("Win rate (%)"),
                _("Average days to win"),
                _("Won amount"),
            ],
            [
                [r["salesperson"], r["won"], r["lost"], r["rate"], r["cycle_days"], r["won_amount"]]
                for r in winrate
            ],
        ),
        "activity": (
            [_("Salesperson"), *[w.isoformat() for w in activity["weeks"]], _("Total")],
            [[r["salesperson"], *r["counts"], r["total"]] for r in activity["rows"]],
        ),
    }
    table = request.GET.get("table", "funnel")
    if table in tables:
        header, rows = tables[table]
        exported = export_response(request, f"crm-{table}", header, rows, title=str(_("CRM reports")))
        if exported is not None:
            return exported
    charts = {
        "funnel": json.dumps([{"name": r["stage"], "value": r["count"]} for r in funnel], ensure_ascii=False),
        "sources": json.dumps(
            [{"name": r["source"], "value": float(r["rate"])} for r in sources], ensure_ascii=False
        ),
        "winrate": json.dumps(
            [{"name": r["salesperson"], "value": float(r["rate"])} for r in winrate], ensure_ascii=False
        ),
        "activity": json.dumps(
            [{"name": r["salesperson"], "value": r["total"]} for r in activity["rows"]], ensure_ascii=False
        ),
    }
    titles = [
        ("funnel", _("Funnel by stage")),
        ("sources", _("Conversion by lead source")),
        ("winrate", _("Win rate and cycle time by salesperson")),
        ("activity", _("Follow-ups per salesperson per week")),
    ]
    from decimal import Decimal

    from ronghe.web.templatetags.ronghe import money

    shown = {
        k: (
            h,
            [
                [money(c) if isinstance(c, Decimal) and c.as_tuple().exponent == -2 else c for c in r]
                for r in rows
            ],
        )
        for k, (h, rows) in tables.items()
    }
    return render(request, "crm/reports.html", {"tables": shown, "charts": charts, "titles": titles})


def approvals_panel(request, partner):
    """Customer 360: the approval requests of the customer's documents the user can see (discounts and credit
    of its sales orders, its purchase orders, the customer record itself)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from ronghe.core.errors import PermissionDenied
    from ronghe.partners.models import Partner
    from ronghe.workflow.models import ApprovalRequest

    if partner.parent_id:
        return None
    company = request.company
    cond = Q(target_type=ContentType.objects.get_for_model(Partner), target_id=partner.pk)
    from ronghe.purchasing import selectors as purchasing_selectors
    from ronghe.purchasing.models import PurchaseOrder
    from ronghe.sales import selectors as sales_selectors
    from ronghe.sales.models import SalesOrder

    for order_list, model in (
        (sales_selectors.order_list, SalesOrder),
        (purchasing_selectors.order_list, PurchaseOrder),
    ):
        try:
            ids = list(
                order_list(user=request.user, company=company, partner=partner)
                .order_by("-pk")
                .values_list("pk", flat=True)[:1000]
            )
        except PermissionDenied:
            continue
        if ids:
            cond |= Q(target_type=ContentType.objects.get_for_model(model), target_id__in=ids)
    reqs = list(
        ApprovalRequest.objects.filter(company=company).filter(cond).order_by("-submitted_at", "-pk")[:10]
    )
    if not reqs:
        return None
    return {
        "title": _("Approvals"),
        "columns": [_("Number"), _("Title"), _("Submitted"), _("State")],
        "rows": [
            [r.number, r.title, f"{timezone.localtime(r.submitted_at):%Y-%m-%d}", r.get_state_display()]
            for r in reqs
        ],
        "urls": [r.get_absolute_url() for r in reqs],
    }


@login_required
def opportunity_quote_form(request, pk):
    """A quotation for the opportunity's customer on the usual quotation form; it is linked to the opportunity,
    whose confirmation wins it."""
    from ronghe.sales.views import order_form

    opp = selectors.opportunity_get_for_user(pk=pk, user=request.user, company=request.company)
    if opp.state != OpportunityState.OPEN:
        messages.error(request, _("This opportunity is %(state)s.") % {"state": opp.get_state_display()})
        return redirect(opp.get_absolute_url())

    def create(*, company, actor, partner, lines, **fields):
        return services.opportunity_quote(opportunity=opp, actor=actor, lines=lines, **fields)

    return order_form(request, on_create=create, initial_partner=opp.partner_id)


# --- settings: sales teams and their pipelines -------------------------------------------------------------------


@login_required
def team_list(request):
    company = request.company
    require_perm(request.user, company, "crm.view_salesteam")
    teams = list(selectors.team_list(company=company))
    default = services.stages_for(company, None)
    return render(
        request,
        "crm/team_list.html",
        {
            "teams": teams,
            "default_stages": default,
            "can_change": has_perm(request.user, company, "crm.change_salesteam"),
            "can_add": has_perm(request.user, company, "crm.add_salesteam"),
        },
    )


def _stage_rows(post) -> list[dict]:
    ids, names = post.getlist("stage_id"), post.getlist("stage_name")
    probs, won = post.getlist("stage_probability"), post.get("stage_won", "")
    return [
        {
            "id": ids[i] if i < len(ids) else None,
            "name": names[i],
            "probability": probs[i] if i < len(probs) else "",
            "is_won": str(i) == won,
        }
        for i in range(len(names))
    ]


@login_required
def team_form(request, pk=None):
    """A team (or, at /crm/teams/default/, only the company's pipeline): leader, members, territory, pool rules
    and its stages, in order, with probabilities and the won stage."""
    from .forms import SalesTeamForm

    company = request.company
    team = selectors.team_list(company=company).get(pk=pk) if pk else None
    company_pipeline = request.resolver_match.url_name == "team-default"
    require_perm(
        request.user, company, "crm.change_salesteam" if team or company_pipeline else "crm.add_salesteam"
    )
    form = None if company_pipeline else SalesTeamForm(request.POST or None, instance=team, company=company)
    stages = services.stages_for(company, team)
    rows = [{"id": s.pk, "name": s.name, "probability": s.probability, "is_won": s.is_won} for s in stages]
    stage_errors = []
    if request.method == "POST":
        rows = _stage_rows(request.POST)
        if form is None or form.is_valid():
            try:
                with transaction.atomic():
                    if form is not None:
                        data = dict(form.cleaned_data)
                        data["members"] = list(data["members"])
                        team = services.team_save(company=company, actor=request.user, data=data, team=team)
                    services.stages_save(company=company, actor=request.user, team=team, rows=rows)
            except ValidationFailed as exc:
                fields = exc.fields or {}
                stage_errors = [str(m) for k, v in fields.items() if k.startswith("stages") for m in v]
                rest = {k: v for k, v in fields.items() if not k.startswith("stages")}
                if form is not None and (rest or not fields):
                    add_service_errors(form, ValidationFailed(exc.message, fields=rest))
                elif not fields:
                    stage_errors = [str(exc.message)]
            else:
                messages.success(request, _("Saved."))
                return redirect("crm:team-list")
    if company_pipeline:
        title = _("Company pipeline")
    else:
        title = _("Edit sales team") if team else _("New sales team")
    return render(
        request,
        "crm/team_form.html",
        {
            "form": form,
            "title": title,
            "rows_data": [
                {
                    "key": i,
                    "id": r["id"],
                    "name": r["name"],
                    "probability": _num(r["probability"]),
                }
                for i, r in enumerate(rows)
            ],
            "won_index": next((i for i, r in enumerate(rows) if r["is_won"]), -1),
            "stage_errors": stage_errors,
            "inherits": team is not None and stages and stages[0].team_id is None,
        },
        status=422 if (form is not None and form.errors) or stage_errors else 200,
    )


def _num(value) -> str:
    from decimal import Decimal, InvalidOperation

    try:
        return format(Decimal(str(value)).normalize(), "f")
    except (InvalidOperation, ValueError):
        return "" if value is None else str(value)
