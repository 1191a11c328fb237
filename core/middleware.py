"""Login required everywhere, except the pages that opt out.

Django 5.1+ ships ``LoginRequiredMiddleware``; views opt out with ``@login_not_required``.
The public mandate pages opt out and then check ``settings.PUBLIC_MANDATES`` themselves.

Below it, the guards against hostile or unlucky requests.
"""

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired
from django.core.exceptions import BadRequest
from django.http import Http404
from django.utils.cache import patch_cache_control


class LoginRequiredMiddleware(_DjangoLoginRequired):
    def process_view(self, request, view_func, view_args, view_kwargs):
        # The admin and the language switcher handle their own access.
        if request.path_info.startswith(("/admin/", "/i18n/", "/static/")):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


# --- Hostile requests: refused before any view, any session or any query runs. -----------------


class RefuseNulMiddleware:
    """A NUL character in the path (404: no page has one) or in a query parameter (400) is
    refused before any view runs: PostgreSQL refuses NUL in text outright, so such a value
    could only ever end in a server error. Forms already refuse it in posted fields. Raised as
    Django's own exceptions, so the answer is the site's usual error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Every answer to a signed-in reader (pages, exports, reports, documents, the admin, the
    API with a token) is marked ``Cache-Control: private, no-store``: it holds what only that
    reader may see, and a shared cache (a proxy, a CDN) must never keep it for the next one.
    One place for the whole site rather than a decorator per view, so a new page cannot
    forget it. Static files are served before this runs (WhiteNoise) and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META
        static = request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/"))
        if signed_in and not static:
            patch_cache_control(response, private=True, no_store=True)
        return response
