from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from ronghe.core.errors import NotFound, PermissionDenied


class DomainErrorPageMiddleware:
    """On pages, a row outside the user's scope (DoesNotExist / NotFound) answers 404; a missing right 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path.startswith("/api/"):
            return None
        if isinstance(exception, ObjectDoesNotExist | NotFound):
            raise Http404(str(exception))
        if isinstance(exception, PermissionDenied):
            raise DjangoPermissionDenied(str(exception))
        return None
