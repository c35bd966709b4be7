"""The one list component every list page uses: search, filters, sort, pagination, Excel export.

A view passes a queryset that already went through its selector (so data scopes apply to the page,
to the export and to search alike) plus a column definition.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Column:
    key: str  # attribute path on the row, e.g. "owner.display_name"
    label: object
    sort: str | None = None  # ORM ordering field; None = not sortable
    align: str = "start"  # "end" for numbers
    kind: str = "text"  # text | money | qty | bool | date | badge | link
    accessor: Callable | None = None
    css: str = ""


@dataclass(frozen=True)
class Filter:
    name: str
    label: object
    choices: list  # [(value, label)]


def value_of(row, col: Column):
    if col.accessor:
        return col.accessor(row)
    value = row
    for part in col.key.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
        if callable(value) and not hasattr(value, "all"):
            value = value()
    return value


def _query(request, **changes) -> str:
    params = request.GET.copy()
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = v
    return urlencode([(k, v) for k, vals in params.lists() for v in vals])


def apply_sort(request, qs, columns, default: str, then: tuple = ("-pk",)):
    """The ?sort= column if allowed, else `default`; `then` breaks ties (e.g. ("partner__name", "pk"))."""
    sort = request.GET.get("sort", "")
    allowed = {c.sort for c in columns if c.sort}
    key = sort.lstrip("-")
    if key in allowed:
        return qs.order_by(sort, "-pk" if sort.startswith("-") else "pk"), sort
    return qs.order_by(default, *then), default


def paginate_qs(request, qs, *, per_page: int = 25):
    """A page of `qs` for hand-made list pages, with `prev_url`/`next_url` keeping the other parameters."""
    page = Paginator(qs, per_page).get_page(request.GET.get("page"))
    page.prev_url = "?" + _query(request, page=page.previous_page_number()) if page.has_previous() else ""
    page.next_url = "?" + _query(request, page=page.next_page_number()) if page.has_next() else ""
    return page


def render_list(
    request,
    *,
    qs,
    columns: list[Column],
    title,
    template="web/list.html",
    default_sort="-id",
    then_sort: tuple = ("-pk",),
    filters: list[Filter] | None = None,
    export_name: str = "export",
    actions=None,
    per_page=25,
    extra: dict | None = None,
):
    """Render a list page (or its table partial for htmx), or the Excel export when ?export=xlsx."""
    qs, sort = apply_sort(request, qs, columns, default_sort, then_sort)
    if request.GET.get("export") == "xlsx":
        return export_xlsx(qs, columns, export_name)
    try:
        per_page = min(max(int(request.GET.get("per_page", per_page)), 10), 200)
    except ValueError:
        pass
    paginator = Paginator(qs, per_page)
    page = paginator.get_page(request.GET.get("page"))
    headers = []
    for c in columns:
        next_sort = None
        if c.sort:
            next_sort = f"-{c.sort}" if sort == c.sort else c.sort
        headers.append(
            {
                "col": c,
                "active": sort.lstrip("-") == c.sort if c.sort else False,
                "desc": sort.startswith("-"),
                "url": "?" + _query(request, sort=next_sort, page=None) if c.sort else "",
            }
        )
    rows = [{"obj": obj, "cells": [(c, value_of(obj, c)) for c in columns]} for obj in page.object_list]
    context = {
        "title": title,
        "headers": headers,
        "rows": rows,
        "page": page,
        "paginator": paginator,
        "q": request.GET.get("q", ""),
        "filters": filters or [],
        "actions": actions or [],
        "current": {f.name: request.GET.get(f.name, "") for f in (filters or [])},
        "export_url": "?" + _query(request, export="xlsx", page=None),
        "page_url": lambda n: "?" + _query(request, page=n),
        "prev_url": "?" + _query(request, page=page.previous_page_number()) if page.has_previous() else "",
        "next_url": "?" + _query(request, page=page.next_page_number()) if page.has_next() else "",
        **(extra or {}),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "list-table":
        return render(request, "web/partials/_list_table.html", context)
    return render(request, template, context)


def _cell(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, Decimal | int | float | datetime.date) or value is None:
        return value
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "all"):
        return _inert(", ".join(str(v) for v in value.all()))
    return _inert(str(value))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    """A cell text that Excel or WPS would run as a formula (=, +, -, @, tab, CR first) is kept as text: a
    leading apostrophe (CSV/formula injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def xlsx_response(name: str, header: list, rows) -> HttpResponse:
    """An .xlsx download of `rows` (iterables of cell values) under a header row: every export uses it."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=str(name)[:31])
    ws.append([_inert(str(h)) for h in header])
    for row in rows:
        ws.append([_cell(v) for v in row])
    buf = BytesIO()
    wb.save(buf)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response


def export_xlsx(qs, columns: list[Column], name: str, limit: int = 100_000) -> HttpResponse:
    """Stream the (scoped) queryset into an .xlsx file with the same columns as the page."""
    rows = ([value_of(obj, c) for c in columns] for obj in qs[:limit].iterator(chunk_size=2000))
    return xlsx_response(name, [c.label for c in columns], rows)
