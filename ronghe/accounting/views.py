"""Accounting pages: voucher list, keyboard-first voucher entry, voucher page and print (记账凭证 with
大写金额), trial balance, ledger, balance sheet, income statement, periods, chart of accounts."""

import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ronghe.core.errors import DomainError, ValidationFailed
from ronghe.core.scoping import has_perm, require_perm
from ronghe.partners.selectors import partner_list
from ronghe.web.forms import flash_service_errors, form_errors
from ronghe.web.listing import Column, Filter, render_list
from ronghe.web.pdf import export_response, pdf_response, table_pdf

from . import closing, reports, selectors, services
from .inputs import lines_from_input
from .models import Voucher
from .states import TRANSITIONS, PeriodState, VoucherState


def _month(value: str | None, default: datetime.date) -> tuple[int, int]:
    try:
        y, m = (value or "").split("-")
        y, m = int(y), int(m)
        if 1 <= m <= 12:
            return y, m
    except ValueError:
        pass
    return default.year, default.month


@login_required
def voucher_list(request):
    company = request.company
    periods = list(selectors.period_list(user=request.user, company=company)[:36])
    period = next((p for p in periods if str(p) == request.GET.get("period")), None)
    qs = selectors.voucher_list(
        user=request.user,
        company=company,
        period=period,
        state=request.GET.get("state", ""),
        word=request.GET.get("word", ""),
        q=request.GET.get("q", ""),
        kind=request.GET.get("kind", ""),
    )
    columns = [
        Column("date", _("Date"), sort="date", kind="date"),
        Column("display_number", _("Number"), sort="number", kind="link"),
        Column("summary", _("Summary")),
        Column("total_debit", _("Amount"), sort="total_debit", align="end", kind="money"),
        Column("attachments", _("Attachments"), align="end", css="rh-hide-sm"),
        Column("prepared_by", _("Prepared by"), css="rh-hide-sm"),
        Column("reviewed_by", _("Reviewed by"), css="rh-hide-sm"),
        Column("get_state_display", _("State"), sort="state"),
    ]
    actions = []
    if has_perm(request.user, company, "accounting.add_voucher"):
        actions.append({"label": _("New voucher"), "url": "/accounting/vouchers/new/", "icon": "plus-lg"})
    filters = [
        Filter("period", _("Period"), [(str(p), str(p)) for p in periods]),
        Filter("state", _("State"), list(VoucherState.choices)),
        Filter("kind", _("Type"), list(Voucher.Kind.choices)),
    ]
    return render_list(
        request,
        qs=qs,
        columns=columns,
        title=_("Vouchers"),
        filters=filters,
        actions=actions,
        export_name="vouchers",
        default_sort="-date",
        extra={
            "search_placeholder": _("Summary, account code or amount"),
            "bulk_post": has_perm(request.user, company, "accounting.post_voucher"),
        },
    )


def _form_context(request, company):
    accounts = [
        {"code": a.code, "name": a.full_name, "dims": a.required_dims, "cash": a.is_cash}
        for a in _with_full_names(company)
        if a.is_leaf and a.active
    ]
    partners = [
        {"id": p.pk, "label": f"{p.code} {p.name}"}
        for p in partner_list(user=request.user, company=company).order_by("code")[:1000]
    ]
    dims = {"partner": partners}
    if has_perm(request.user, company, "org.view_department"):
        from ronghe.org.selectors import department_list, employee_list

        dims["department"] = [
            {"id": d.pk, "label": d.name} for d in department_list(user=request.user, company=company)
        ]
        if has_perm(request.user, company, "org.view_employee"):
            dims["employee"] = [
                {"id": e.pk, "label": f"{e.number} {e.name}"}
                for e in employee_list(user=request.user, company=company)
            ]
    dims["project"] = [{"id": p.pk, "label": str(p)} for p in selectors.project_list(company=company)]
    words = services.WORDS[services.settings_for(company).words]
    templates = [
        {"name": t.name, "word": t.word, "lines": services.template_lines(t)}
        for t in selectors.template_list(user=request.user, company=company)
    ]
    return {"accounts": accounts, "dims": dims, "words": words, "templates": templates}


def _with_full_names(company):
    return list(reports.accounts_by_id(company).values())


@login_required
def voucher_form(request, pk=None):
    company = request.company
    v = selectors.voucher_get_for_user(pk=pk, user=request.user, company=company) if pk else None
    require_perm(request.user, company, "accounting.change_voucher" if v else "accounting.add_voucher")
    if v is not None and v.state != VoucherState.DRAFT:
        messages.error(request, _("Only draft vouchers can be edited."))
        return redirect(v.get_absolute_url())
    errors, raw = {}, []
    data = {"date": timezone.localdate().isoformat(), "word": "", "attachments": 0, "note": ""}
    if v is not None:
        data = {"date": v.date.isoformat(), "word": v.word, "attachments": v.attachments, "note": v.note}
        raw = [
            {
                "summary": x.summary,
                "account": x.account.code,
                "debit": str(x.debit) if x.debit else "",
                "credit": str(x.credit) if x.credit else "",
                "partner": x.partner_id or "",
                "department": x.department_id or "",
                "employee": x.employee_id or "",
                "project": x.project_id or "",
            }
            for x in selectors.voucher_lines(v)
        ]
    if request.method == "POST":
        try:
            raw = json.loads(request.POST.get("lines_json") or "[]")
        except json.JSONDecodeError:
            raw = []
        raw = [
            r
            for r in raw
            if any(str(r.get(k) or "").strip() for k in ("summary", "account", "debit", "credit"))
        ]
        data = {k: request.POST.get(k, "") for k in ("date", "word", "attachments", "note")}
        try:
            day = datetime.date.fromisoformat(data["date"])
        except ValueError:
            day = None
        try:
            attachments = int(data["attachments"] or 0)
        except ValueError:
            attachments = -1
        try:
            lines = lines_from_input(user=request.user, company=company, raw=raw)
            if v is None:
                v = services.voucher_create(
                    company=company,
                    actor=request.user,
                    date=day,
                    word=data["word"] or None,
                    attachments=attachments,
                    note=data["note"],
                    lines=lines,
                )
            else:
                v = services.voucher_update(
                    voucher=v,
                    actor=request.user,
                    date=day,
                    word=data["word"] or None,
                    attachments=attachments,
                    note=data["note"],
                    lines=lines,
                )
            messages.success(request, _("Voucher %(number)s saved.") % {"number": v})
            if request.POST.get("action") == "new":
                return redirect("accounting:voucher-create")
            return redirect(v.get_absolute_url())
        except ValidationFailed as exc:
            errors = form_errors(exc)
        except DomainError as exc:
            errors = {
                "__all__": [str(exc.message)],
                **{k: [str(m) for m in msgs] for k, msgs in exc.fields.items()},
            }
    return render(
        request,
        "accounting/voucher_form.html",
        {"v": v, "data": data, "lines_json": raw, "errors_json": errors, **_form_context(request, company)},
        status=422 if errors else 200,
    )


@login_required
def voucher_detail(request, pk):
    company = request.company
    v = selectors.voucher_get_for_user(pk=pk, user=request.user, company=company)
    perms = {
        "edit": "accounting.change_voucher",
        "delete": "accounting.delete_voucher",
        "review": "accounting.review_voucher",
        "unreview": "accounting.review_voucher",
        "post": "accounting.post_voucher",
        "reverse": "accounting.add_voucher",
        "copy": "accounting.add_voucher",
    }
    allowed = {
        a
        for a, (states, _t) in TRANSITIONS.items()
        if v.state in states and has_perm(request.user, company, perms[a])
    }
    if v.kind == Voucher.Kind.REVERSAL or hasattr(v, "reversed_by"):
        allowed.discard("reverse")
    if v.kind in services.DOCUMENT_KINDS:  # changed through its invoice or payment
        allowed -= {"edit", "delete", "copy"}
    ctx = reports.voucher_for_print(v)
    return render(
        request,
        "accounting/voucher_detail.html",
        {**ctx, "allowed": allowed, "v": v, "document": _source_document(v)},
    )


def _source_document(v: Voucher):
    """The document that generated the voucher: source "invoice:<id>", "payment:<id>", or the transfer of
    a stock voucher ("stock.transfer:<id>", "stock.move:<id>")."""
    from ronghe.inventory.models import Transfer

    from .models import Allocation, Invoice, Payment

    kind, _sep, pk = v.source.partition(":")
    if kind == "stock.transfer" and pk.isdigit():
        return Transfer.objects.filter(company=v.company_id, pk=int(pk)).first()
    if kind == "stock.move" and pk.isdigit():
        return Transfer.objects.filter(company=v.company_id, moves__pk=int(pk)).first()
    if kind == "invoice" and pk.isdigit():
        return Invoice.objects.filter(company=v.company_id, pk=int(pk)).first()
    if kind == "payment" and pk.isdigit():
        return Payment.objects.filter(company=v.company_id, pk=int(pk)).first()
    if v.kind in services.DOCUMENT_KINDS:
        a = Allocation.objects.filter(voucher=v).select_related("payment", "invoice").first()
        return a and (a.payment or a.invoice)
    return None


@login_required
def voucher_print(request, pk):
    v = selectors.voucher_get_for_user(pk=pk, user=request.user, company=request.company)
    ctx = reports.voucher_for_print(v)
    if request.GET.get("format") == "pdf":
        rows = [
            [
                x.summary,
                f"{x.account.code} {x.account._full_name}" + (f" / {x.partner}" if x.partner_id else ""),
                x.debit or None,
                x.credit or None,
            ]
            for x in ctx["lines"]
        ]
        rows.append([f"{_('Total')}: {ctx['total_words']}", "", v.total_debit, v.total_credit])
        people = (
            (_("Accounting supervisor"), ""),
            (_("Posted by"), v.posted_by or ""),
            (_("Reviewed by"), v.reviewed_by or ""),
            (_("Cashier"), ""),
            (_("Prepared by"), v.prepared_by or _("System")),
        )
        footer = "　　".join(f"{label}: {who}" for label, who in people)
        subtitle = f"{v.company} · {v.date.isoformat()} · {v} · " + _("%(n)s attached documents") % {
            "n": v.attachments
        }
        content = table_pdf(
            title=str(ctx["label"]),
            subtitle=subtitle,
            header=[str(_("Summary")), str(_("GL account")), str(_("Debit")), str(_("Credit"))],
            rows=rows,
            numeric={2, 3},
            bold_rows={len(rows) - 1},
            widths=[3, 4, 1.6, 1.6],
            footer=footer,
        )
        return pdf_response(f"voucher-{v.period}-{v}", content)
    blank = max(0, 5 - len(ctx["lines"]))
    return render(request, "accounting/voucher_print.html", {**ctx, "blank_rows": range(blank)})


@login_required
@require_POST
def voucher_act(request, pk, action):
    company = request.company
    v = selectors.voucher_get_for_user(pk=pk, user=request.user, company=company)
    try:
        if action == "review":
            services.voucher_review(voucher=v, actor=request.user)
        elif action == "unreview":
            services.voucher_unreview(voucher=v, actor=request.user)
        elif action == "post":
            services.voucher_post(voucher=v, actor=request.user)
        elif action == "delete":
            require_perm(request.user, company, "accounting.delete_voucher")
            services.voucher_delete(voucher=v, actor=request.user)
            messages.success(request, _("Voucher deleted; the numbers after it moved up."))
            return redirect("accounting:voucher-list")
        elif action in ("reverse", "copy"):
            require_perm(request.user, company, "accounting.add_voucher")
            fn = services.voucher_reverse if action == "reverse" else services.voucher_copy
            new = fn(voucher=v, actor=request.user)
            messages.success(request, _("Voucher %(number)s created.") % {"number": new})
            return redirect(new.get_absolute_url())
        messages.success(request, _("Saved."))
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(v.get_absolute_url())


@login_required
@require_POST
def voucher_post_all(request):
    """批量记账: every reviewed voucher of the chosen period (or all open periods)."""
    company = request.company
    qs = selectors.voucher_list(user=request.user, company=company, state=VoucherState.REVIEWED)
    if request.POST.get("period"):
        qs = qs.filter(
            period__year=int(request.POST["period"][:4]), period__month=int(request.POST["period"][5:7])
        )
    try:
        n = services.voucher_post_many(
            company=company, actor=request.user, vouchers=list(qs.values_list("pk", flat=True))
        )
        messages.success(request, _("%(n)s vouchers posted.") % {"n": n})
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(request.POST.get("next") or "accounting:voucher-list")


# --- reports ---------------------------------------------------------------------------------------------


def _month_options(company):
    today = timezone.localdate()
    keys = {(today.year, today.month)}
    for y, m in selectors.period_months(company=company):
        keys.add((y, m))
    return [f"{y}-{m:02d}" for y, m in sorted(keys, reverse=True)]


@login_required
def trial_balance_page(request):
    company = request.company
    require_perm(request.user, company, "accounting.view_voucher")
    today = timezone.localdate()
    end = _month(request.GET.get("end"), today)
    start = _month(request.GET.get("start"), datetime.date(end[0], 1, 1))
    level = request.GET.get("level") or ""
    rows, totals = reports.trial_balance(
        company,
        start=reports.key(*start),
        end=reports.key(*end),
        level=int(level) if level.isdigit() else None,
    )
    if request.GET.get("export"):
        header = [
            _("Code"),
            _("GL account"),
            _("Opening debit"),
            _("Opening credit"),
            _("Debit"),
            _("Credit"),
            _("Closing debit"),
            _("Closing credit"),
        ]
        data = [
            [r.account.code, r.account.full_name, *r.opening_dc, r.debit, r.credit, *r.closing_dc]
            for r in rows
        ]
        data.append(
            [
                "",
                str(_("Total")),
                totals["opening_debit"],
                totals["opening_credit"],
                totals["debit"],
                totals["credit"],
                totals["closing_debit"],
                totals["closing_credit"],
            ]
        )
        response = export_response(
            request,
            f"trial-balance-{start[0]}{start[1]:02d}-{end[0]}{end[1]:02d}",
            header,
            data,
            title=_("Trial balance"),
            subtitle=f"{company} · {start[0]}-{start[1]:02d} — {end[0]}-{end[1]:02d}",
            numeric=set(range(2, 8)),
            bold_rows={len(data) - 1},
            widths=[1.2, 3, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5],
            landscape=True,
        )
        if response is not None:
            return response
    return render(
        request,
        "accounting/trial_balance.html",
        {
            "rows": rows,
            "totals": totals,
            "months": _month_options(company),
            "level": level,
            "start": f"{start[0]}-{start[1]:02d}",
            "end": f"{end[0]}-{end[1]:02d}",
            "balanced": totals["closing_debit"] == totals["closing_credit"]
            and totals["debit"] == totals["credit"],
        },
    )


@login_required
def ledger_page(request):
    company = request.company
    require_perm(request.user, company, "accounting.view_voucher")
    today = timezone.localdate()
    accounts = _with_full_names(company)
    account = next((a for a in accounts if a.code == request.GET.get("account")), None)
    end = _month(request.GET.get("end"), today)
    start = _month(request.GET.get("start"), datetime.date(end[0], 1, 1))
    book = None
    if account is not None:
        book = reports.ledger(
            company,
            account=account,
            start=reports.key(*start),
            end=reports.key(*end),
            include_unposted=request.GET.get("unposted") == "1",
        )
        if request.GET.get("export"):
            header = [
                _("Date"),
                _("Number"),
                _("Summary"),
                _("GL account"),
                _("Debit"),
                _("Credit"),
                _("Balance"),
            ]
            data = [[None, "", str(_("Opening balance")), "", None, None, book["opening"]]]
            data += [
                [
                    r["line"].date,
                    str(r["line"].voucher),
                    r["line"].summary,
                    r["line"].account.code,
                    r["line"].debit,
                    r["line"].credit,
                    r["balance"],
                ]
                for r in book["rows"]
            ]
            data.append([None, "", str(_("Total")), "", book["debit"], book["credit"], book["closing"]])
            response = export_response(
                request,
                f"ledger-{account.code}",
                header,
                data,
                title=_("Ledger"),
                subtitle=f"{company} · {account.code} {account.full_name} · {start[0]}-{start[1]:02d} — "
                f"{end[0]}-{end[1]:02d} · {book['direction']}",
                numeric={4, 5, 6},
                bold_rows={0, len(data) - 1},
                widths=[1.2, 1, 4, 1.2, 1.5, 1.5, 1.5],
            )
            if response is not None:
                return response
    return render(
        request,
        "accounting/ledger.html",
        {
            "accounts": accounts,
            "account": account,
            "book": book,
            "months": _month_options(company),
            "start": f"{start[0]}-{start[1]:02d}",
            "end": f"{end[0]}-{end[1]:02d}",
            "unposted": request.GET.get("unposted") == "1",
        },
    )


def _statement(request, template, build, columns, title=""):
    company = request.company
    require_perm(request.user, company, "accounting.view_voucher")
    y, m = _month(request.GET.get("month"), timezone.localdate())
    data = build(company, year=y, month=m)
    if request.GET.get("export"):
        header = [_("Item"), _("Line"), *[label for _k, label in columns]]
        rows = [[r["name"], r["line"], *[r[k] for k, _l in columns]] for r in data["rows"]]
        response = export_response(
            request,
            f"{template}-{y}{m:02d}",
            header,
            rows,
            title=title,
            subtitle=f"{company} · {y}-{m:02d} · {_('Unit: yuan')}",
            numeric={1, *range(2, 2 + len(columns))},
            bold_rows={i for i, r in enumerate(data["rows"]) if r.get("total")},
            widths=[6, 0.8, *[2] * len(columns)],
        )
        if response is not None:
            return response
    return render(
        request,
        f"accounting/{template}.html",
        {
            **data,
            "columns": columns,
            "month": f"{y}-{m:02d}",
            "months": _month_options(company),
            "company": company,
        },
    )


@login_required
def balance_sheet_page(request):
    return _statement(
        request,
        "balance_sheet",
        reports.balance_sheet,
        [("closing", _("Closing balance")), ("opening", _("Balance at start of year"))],
        title=_("Balance sheet"),
    )


@login_required
def income_statement_page(request):
    return _statement(
        request,
        "income_statement",
        reports.income_statement,
        [("month", _("This month")), ("year", _("Year to date"))],
        title=_("Income statement"),
    )


# --- periods and accounts ----------------------------------------------------------------------------------


@login_required
def periods_page(request):
    company = request.company
    periods = list(selectors.period_list(user=request.user, company=company))
    counts = {}
    for row in selectors.voucher_counts(company=company):
        counts.setdefault(row["period"], []).append((row["state"], row["n"]))
    open_ = [p for p in periods if p.state == PeriodState.OPEN]
    closed = [p for p in periods if p.state == PeriodState.CLOSED]
    return render(
        request,
        "accounting/periods.html",
        {
            "periods": periods,
            "counts": counts,
            "closable": min(open_, key=lambda p: p.key) if open_ else None,
            "reopenable": max(closed, key=lambda p: p.key) if closed else None,
            "can_close": has_perm(request.user, company, "accounting.close_period"),
            "can_revalue": has_perm(request.user, company, "accounting.post_invoice"),
        },
    )


@login_required
@require_POST
def period_act(request, pk, action):
    company = request.company
    period = selectors.period_list(user=request.user, company=company).get(pk=pk)
    try:
        if action == "close":
            closing.period_close(company=company, period=period, actor=request.user)
            messages.success(request, _("Period %(period)s closed.") % {"period": period})
        elif action == "revalue":
            from .payments import fx_revalue

            v = fx_revalue(company=company, actor=request.user, year=period.year, month=period.month)
            if v is None:
                messages.info(request, _("Nothing in foreign currency to revalue."))
            else:
                messages.success(request, _("Voucher %(number)s created.") % {"number": v})
                return redirect(v.get_absolute_url())
        elif action == "reopen":
            closing.period_reopen(
                company=company, period=period, actor=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Period %(period)s reopened.") % {"period": period})
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect("accounting:periods")


@login_required
def accounts_page(request):
    company = request.company
    require_perm(request.user, company, "accounting.view_account")
    if request.method == "POST":
        require_perm(request.user, company, "accounting.add_account")
        parent = (
            selectors.account_list(user=request.user, company=company, active=None)
            .filter(code=request.POST.get("parent", ""))
            .first()
        )
        try:
            a = services.account_create(
                company=company,
                actor=request.user,
                parent=parent,
                code=request.POST.get("code", ""),
                name=request.POST.get("name", ""),
                name_en=request.POST.get("name_en", ""),
                dims=request.POST.getlist("dims"),
            )
            messages.success(request, _("Account %(account)s added.") % {"account": a})
        except ValidationFailed as exc:
            flash_service_errors(request, exc)
        return redirect(request.get_full_path())
    q = request.GET.get("q", "").strip()
    accounts = [a for a in _with_full_names(company) if not q or a.code.startswith(q) or q in a.full_name]
    return render(
        request,
        "accounting/accounts.html",
        {"accounts": accounts, "q": q, "can_add": has_perm(request.user, company, "accounting.add_account")},
    )


@login_required
def general_ledger_page(request):
    """总账: an account's year by month (本月合计, 本年累计, balance)."""
    company = request.company
    require_perm(request.user, company, "accounting.view_voucher")
    today = timezone.localdate()
    accounts = _with_full_names(company)
    account = next((a for a in accounts if a.code == request.GET.get("account")), None)
    end = _month(request.GET.get("end"), today)
    book = (
        reports.general_ledger(company, account=account, year=end[0], end_month=end[1]) if account else None
    )
    if book and request.GET.get("export"):
        header = [_("Month"), _("Summary"), _("Debit"), _("Credit"), _("Balance")]
        rows = [["", str(_("Opening balance of the year")), None, None, book["opening"]]]
        for m in book["months"]:
            rows.append(
                [f"{end[0]}-{m['month']:02d}", str(_("Month total")), m["debit"], m["credit"], m["balance"]]
            )
            rows.append(
                [
                    f"{end[0]}-{m['month']:02d}",
                    str(_("Year to date")),
                    m["ytd_debit"],
                    m["ytd_credit"],
                    m["balance"],
                ]
            )
        response = export_response(
            request,
            f"general-ledger-{account.code}-{end[0]}",
            header,
            rows,
            title=_("General ledger"),
            subtitle=f"{company} · {account.code} {account.full_name} · {end[0]} · {book['direction']}",
            numeric={2, 3, 4},
            widths=[1.2, 3, 2, 2, 2],
        )
        if response is not None:
            return response
    return render(
        request,
        "accounting/general_ledger.html",
        {
            "accounts": accounts,
            "account": account,
            "book": book,
            "months": _month_options(company),
            "end": f"{end[0]}-{end[1]:02d}",
            "year": end[0],
        },
    )


@login_required
def journal_page(request):
    """序时账: every posted line of the months in date and voucher order."""
    company = request.company
    require_perm(request.user, company, "accounting.view_voucher")
    today = timezone.localdate()
    end = _month(request.GET.get("end"), today)
    start = _month(request.GET.get("start"), datetime.date(end[0], end[1], 1))
    lines = reports.journal(company, start=reports.key(*start), end=reports.key(*end))
    if request.GET.get("export"):
        header = [_("Date"), _("Number"), _("Summary"), _("Code"), _("GL account"), _("Debit"), _("Credit")]
        accounts = reports.accounts_by_id(company)
        rows = [
            [
                x.date,
                str(x.voucher),
                x.summary,
                x.account.code,
                accounts[x.account_id].full_name,
                x.debit or None,
                x.credit or None,
            ]
            for x in lines
        ]
        response = export_response(
            request,
            f"journal-{start[0]}{start[1]:02d}-{end[0]}{end[1]:02d}",
            header,
            rows,
            title=_("Journal"),
            subtitle=f"{company} · {start[0]}-{start[1]:02d} — {end[0]}-{end[1]:02d}",
            numeric={5, 6},
            widths=[1.2, 1, 3.5, 1.2, 3, 1.5, 1.5],
            landscape=True,
        )
        if response is not None:
            return response
    from django.core.paginator import Paginator

    page = Paginator(lines, 200).get_page(request.GET.get("page"))
    return render(
        request,
        "accounting/journal.html",
        {
            "page": page,
            "months": _month_options(company),
            "start": f"{start[0]}-{start[1]:02d}",
            "end": f"{end[0]}-{end[1]:02d}",
        },
    )
