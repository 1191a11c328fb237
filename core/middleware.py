"""Login required everywhere, except the pages that opt out.

Django 5.1+ ships ``LoginRequiredMiddleware``; views opt out with ``@login_not_required``.
The public mandate pages opt out and then check ``settings.PUBLIC_MANDATES`` themselves.

Below it, the guards against hostile or unlucky requests: an oversized body, a NUL byte, a
database that is restarting.
"""

import logging
import sys

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired
from django.core.exceptions import BadRequest
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.translation import gettext as _


class LoginRequiredMiddleware(_DjangoLoginRequired):
    def process_view(self, request, view_func, view_args, view_kwargs):
        # The admin, the language switcher and the API (which answers 401, not a redirect
        # to a login page a script cannot use) handle their own access.
        if request.path_info.startswith(("/admin/", "/i18n/", "/static/", "/api/")):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


# --- Hostile requests: refused before any view, any session or any query runs. -----------------

logger = logging.getLogger(__name__)

# Multipart boundaries, headers and the form's other fields around the largest file a form accepts.
BODY_MARGIN_BYTES = 1024 * 1024
# Seconds a browser or a script is asked to wait before trying again while the database is away.
DATABASE_RETRY_AFTER_SECONDS = 5


def max_body_bytes() -> int:
    """The largest body any form of the site needs: one attachment, a resolution to import or
    the admin's import files (all under DATA_UPLOAD_MAX_MEMORY_SIZE), plus a margin. The proxy
    in front (nginx ``client_max_body_size``) should refuse anything larger too (README)."""
    largest = max(
        settings.ATTACHMENT_MAX_BYTES,
        getattr(settings, "RESOLUTION_UPLOAD_MAX_BYTES", 0),
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0,
    )
    return largest + BODY_MARGIN_BYTES


def _plain_page(status: int, title: str, message: str) -> HttpResponse:
    """A page that needs neither the database nor a template (either may be what failed)."""
    body = (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
        f"<body><h1>{escape(title)}</h1><p>{escape(message)}</p></body></html>"
    )
    response = HttpResponse(body, status=status)
    # Answered outside the security middleware: the page carries its own (it has no assets).
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class RefuseOversizedBodyMiddleware:
    """First in the chain: a body whose declared ``Content-Length`` is over ``max_body_bytes()``
    is refused with 413 before a byte of it is read, whoever sends it (an anonymous visitor's
    300 MB upload used to be read in full before the redirect to the login page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _plain_page(400, _("Bad request"), _("The request's length is not a number."))
        limit = max_body_bytes()
        if declared > limit:
            logger.warning("Refused a %s-byte body for %s (limit %s)", declared, request.path, limit)
            return _plain_page(
                413,
                _("Too large"),
                _("What you sent is larger than this site accepts (%(limit)s MB at most).")
                % {"limit": limit // (1024 * 1024)},
            )
        return self.get_response(request)


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


def _mark_lost_database(sender, request=None, **kwargs):
    """Django turns an exception into a 500 response at whichever layer it is raised (a view, a
    middleware reading the session, a template), so no middleware sees the exception itself;
    this receiver, called while it is being handled, marks the request instead."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, OperationalError | InterfaceError):
        request.database_unavailable = True


class DatabaseUnavailableMiddleware:
    """While the database restarts (or its connection is lost), answer 503 with ``Retry-After``
    instead of a bare 500, so that browsers, proxies and scripts know to try again shortly."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_mark_lost_database, dispatch_uid="core.database_unavailable")

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "database_unavailable", False):
            logger.error("Database unavailable while answering %s %s", request.method, request.path)
            response = _plain_page(
                503,
                _("Service briefly unavailable"),
                _("The tracker cannot reach its database just now. Please try again in a few seconds."),
            )
            response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response

    def process_exception(self, request, exception):
        # A view's own error: answered here directly, so the test client and error reports see a 503.
        if isinstance(exception, OperationalError | InterfaceError):
            request.database_unavailable = True
            return HttpResponse(status=503)
        return None


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
