"""Shared pieces of the JSON API (DESIGN §8): auth, error format, pagination, Idempotency-Key.

Every app's api.py builds on these; the NinjaAPI itself is assembled in ronghe.config.api.
"""

import json
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import DataError, IntegrityError, transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from ninja.utils import check_csrf
from pydantic import create_model

from . import context
from .errors import DomainError
from .models import IdempotencyRecord
from .services import api_token_authenticate, user_active_company


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


def _company_for(request, user):
    wanted = request.headers.get("X-Company-Id")
    if wanted and wanted.isdigit():
        from .services import user_companies

        return user_companies(user).filter(pk=int(wanted)).first()
    return user_active_company(user)


def _enter(request, user, via):
    request.user = user
    request.company = _company_for(request, user)
    request._ronghe_ctx_token = context.set_for_request(
        context.actor_context_for_user(
            user,
            company_id=request.company.pk if request.company else None,
            ip=(request.META.get("REMOTE_ADDR") or "")[:45],
            via=via,
        )
    )
    return user


class TokenOrSessionAuth(HttpBearer):
    """`Authorization: Bearer <token>` for programs; the browser session (with CSRF) for the UI."""

    openapi_scheme = "bearer"

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = api_token_authenticate(header[7:].strip())
            return _enter(request, user, "api") if user else None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method not in {"GET", "HEAD", "OPTIONS"} and check_csrf(request) is not None:
                return None
            return _enter(request, user, "web")
        return None

    def authenticate(self, request, token):  # pragma: no cover - __call__ handles both paths
        return None


def error_response(status: int, code: str, message, fields: dict | None = None) -> JsonResponse:
    return JsonResponse(
        {
            "code": code,
            "message": str(message),
            "fields": {k: [str(m) for m in v] for k, v in (fields or {}).items()},
        },
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def install_error_handlers(api) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        return error_response(exc.http_status, exc.code, exc.message, exc.fields)

    @api.exception_handler(NinjaValidationError)
    def bad_input(request, exc: NinjaValidationError):
        fields: dict[str, list[str]] = {}
        for err in exc.errors:
            loc = [
                str(p) for p in err.get("loc", ()) if p not in {"body", "query", "path", "payload", "form"}
            ]
            fields.setdefault(".".join(loc) or "__all__", []).append(err.get("msg", "invalid"))
        return error_response(400, "core.bad_request", _("The request contains invalid data."), fields)

    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def out_of_range(request, exc):
        # an id or number beyond what the database column holds (e.g. 2**70): bad input, not a server error
        return error_response(
            400, "core.bad_request", _("A number or text in the request is out of the allowed range.")
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return error_response(
            401, "core.unauthenticated", _("Authentication required: log in or send a valid API token.")
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return error_response(exc.status_code, f"core.http_{exc.status_code}", exc.message)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error_response(404, "core.not_found", _("Not found."))

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request, exc):
        return error_response(404, "core.not_found", _("Not found."))

    @api.exception_handler(DjangoPermissionDenied)
    def forbidden(request, exc):
        return error_response(403, "core.permission_denied", _("You do not have permission to do this."))


# --- Pagination -------------------------------------------------------------------------------

MAX_LIMIT = 200
_page_models: dict[type, type] = {}


def page_of(item_schema: type) -> type:
    """Response schema `{items: [...], count, page, limit}` for a list endpoint."""
    if item_schema not in _page_models:
        _page_models[item_schema] = create_model(
            f"{item_schema.__name__.removesuffix('Out')}Page",
            __base__=Schema,
            items=(list[item_schema], ...),
            count=(int, ...),
            page=(int, ...),
            limit=(int, ...),
        )
    return _page_models[item_schema]


def paginate(qs, *, page: int = 1, limit: int = 50) -> dict[str, Any]:
    """Slice a queryset with an indexed offset. `count` is one COUNT(*) query."""
    limit = max(1, min(int(limit or 50), MAX_LIMIT))
    page = max(1, int(page or 1))
    count = qs.count()
    offset = (page - 1) * limit
    # past the end: nothing to fetch (and no OFFSET beyond the database's integer range)
    items = list(qs[offset : offset + limit]) if offset < count else []
    return {"items": items, "count": count, "page": page, "limit": limit}


# --- Idempotency-Key ----------------------------------------------------------------------------


class IdempotencyMiddleware:
    """A POST to /api/ with `Idempotency-Key` runs at most once per user and key: a retry gets the first
    successful answer again. The view and the stored answer commit together."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.headers.get("Idempotency-Key", "").strip()[:100]
        if request.method != "POST" or not key or not request.path.startswith("/api/"):
            return self.get_response(request)
        user = self._user(request)
        if user is None:
            return self.get_response(request)
        if (stored := self._replay(user, key, request.path)) is not None:
            return stored
        try:
            with transaction.atomic():
                response = self.get_response(request)
                if 200 <= response.status_code < 300 and not getattr(response, "streaming", False):
                    IdempotencyRecord.objects.create(
                        user=user,
                        key=key,
                        method="POST",
                        path=request.path[:255],
                        status=response.status_code,
                        body=response.content.decode("utf-8"),
                    )
        except IntegrityError:
            # A concurrent retry with the same key committed first: its answer stands, ours rolled back.
            stored = self._replay(user, key, request.path)
            if stored is None:
                raise
            return stored
        return response

    @staticmethod
    def _user(request):
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            return api_token_authenticate(header[7:].strip())
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None

    @staticmethod
    def _replay(user, key, path):
        rec = IdempotencyRecord.objects.filter(user=user, key=key).first()
        if rec is None:
            return None
        if rec.path != path:
            return error_response(
                422,
                "core.idempotency_key_reused",
                _("This Idempotency-Key was already used for another request."),
            )
        response = HttpResponse(rec.body, status=rec.status, content_type="application/json")
        response["Idempotent-Replayed"] = "true"
        return response


def json_body(response) -> Any:
    return json.loads(response.content)


def resolve(qs, pk, field: str):
    """The row `pk` of an already-scoped queryset, or ValidationFailed naming the field (unknown id)."""
    from .errors import ValidationFailed

    if pk is None:
        return None
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise ValidationFailed(fields={field: [_("Unknown value: %(value)s.") % {"value": pk}]})
    return obj


def require_company(request):
    from .errors import PermissionDenied

    if getattr(request, "company", None) is None:
        raise PermissionDenied(_("You are not a member of any active company."))
    return request.company


def resolve_in_lines(qs, rows: list[dict], *, key: str, into: str, prefix: str = "lines") -> list[dict]:
    """Payload lines with the id in `key` replaced by the object of the already-scoped `qs` under `into`, in one
    query; an unknown id is a field error "<prefix>.<i>.<key>". Values left None are dropped, so the service
    applies its defaults (e.g. the product's price)."""
    from .errors import ValidationFailed

    found = {o.pk: o for o in qs.filter(pk__in={r[key] for r in rows if r.get(key) is not None})}
    out = []
    for i, row in enumerate(rows):
        row = {k: v for k, v in row.items() if v is not None}
        pk = row.pop(key, None)
        if pk is not None:
            if pk not in found:
                raise ValidationFailed(
                    fields={f"{prefix}.{i}.{key}": [_("Unknown value: %(value)s.") % {"value": pk}]}
                )
            row[into] = found[pk]
        out.append(row)
    return out
