"""Sign-in throttling that locks out the one guessing, not the official (django-axes hooks).

Failed logins are counted per username + client address (``AXES_LOCKOUT_PARAMETERS``). Two
things keep that count from locking out the real user:

- **The real client address.** Behind a reverse proxy every request comes from the proxy's
  address; with ``BEHIND_PROXY`` the address is read from ``X-Forwarded-For`` as the trusted
  proxy wrote it: the entry ``TRUSTED_PROXY_COUNT`` places from the right, which the proxies
  appended themselves. Entries further left are whatever the client sent and are never trusted
  (django-axes' guidance: take the client address from the proxy header only when it is set by
  the proxy and cannot be spoofed). Without ``BEHIND_PROXY`` the header is ignored.
- **Known browsers.** A ministry behind one NAT shares one address, so five wrong guesses by
  anyone there would lock every official of it out. A successful login leaves a signed,
  HTTP-only cookie naming the user (``KNOWN_DEVICE_COOKIE``, a year); an attempt for that
  username from a browser holding it is neither counted nor locked (``AXES_WHITELIST_CALLABLE``).
  The attacker, who has no such cookie, is locked out; the official's own browser is not. The
  cost: whoever holds the official's browser may guess that one account's password without
  limit, as the official can.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.shortcuts import render

KNOWN_DEVICE_COOKIE = "known_device"
KNOWN_DEVICE_SALT = "core.signin.known-device"
KNOWN_DEVICE_MAX_AGE = 365 * 24 * 60 * 60


def _address(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address (``AXES_CLIENT_IP_CALLABLE``, used only when ``BEHIND_PROXY``)."""
    remote = _address(request.META.get("REMOTE_ADDR"))
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    count = settings.TRUSTED_PROXY_COUNT
    if len(forwarded) >= count:
        return _address(forwarded[-count]) or remote
    return remote


def known_username(request) -> str | None:
    """The username this browser last signed in as, if its cookie is genuine and not expired."""
    return request.get_signed_cookie(
        KNOWN_DEVICE_COOKIE, default=None, salt=KNOWN_DEVICE_SALT, max_age=KNOWN_DEVICE_MAX_AGE
    )


def is_known_device(request, credentials: dict | None = None) -> bool:
    """``AXES_WHITELIST_CALLABLE``: this browser has signed in as this username before."""
    username = (credentials or {}).get("username")
    return bool(username) and request is not None and known_username(request) == username


class KnownDeviceMiddleware:
    """After a successful login, remember the browser (see the module docstring). Login is
    seen as the session's user changing during the request, whichever view signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        before = request.session.get(SESSION_KEY)
        response = self.get_response(request)
        after = request.session.get(SESSION_KEY)
        if after is not None and after != before and request.user.is_authenticated:
            response.set_signed_cookie(
                KNOWN_DEVICE_COOKIE,
                request.user.get_username(),
                salt=KNOWN_DEVICE_SALT,
                max_age=KNOWN_DEVICE_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: the lock-out page, saying how long the lock lasts."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME * 60))
    context = {"cooloff_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "registration/locked_out.html", context, status=429)
