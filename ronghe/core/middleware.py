"""Request context: the user's language, the active company and the audit actor."""

import zoneinfo

from django.utils import timezone, translation

from . import context
from .services import user_active_company


def client_ip(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "")[:45]


class CompanyMiddleware:
    """Sets request.company (the user's active company) and the actor context for the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        request.company = user_active_company(user) if user is not None and user.is_authenticated else None
        if (
            user is not None
            and user.is_authenticated
            and user.language
            and not request.COOKIES.get("ronghe_language")
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        if user is not None and user.is_authenticated and user.time_zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        token = context.set_for_request(
            context.actor_context_for_user(
                user,
                company_id=request.company.pk if request.company else None,
                ip=client_ip(request),
                via="web",
            )
        )
        try:
            return self.get_response(request)
        finally:
            context.reset(token)
