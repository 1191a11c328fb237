"""The sign-in audit trail: one append-only ``SignInEvent`` per sign-in, failure, lock-out,
token use and second-factor change.

Sign-ins, failures and lock-outs are recorded from Django's and django-axes' signals: they are
the one hook every way of signing in goes through (the login page, the admin's, single
sign-on), so a new login view cannot forget the trail. Everything else is recorded by the code
that does it (``accounts.mfa``, the API's token authentication).
"""

from __future__ import annotations

import ipaddress

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver

from accounts.models import SignInEvent
from core.signin import client_ip

Kind = SignInEvent.Kind
# A script reading the API many times a minute leaves one row a minute per token, as its
# "last used" time does.
TOKEN_USE_RESOLUTION_SECONDS = 60


def _address(request) -> str | None:
    """The client's address as django-axes counts it (the proxy's view only behind one)."""
    if request is None:
        return None
    if settings.BEHIND_PROXY:
        return client_ip(request)
    try:
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "").strip()))
    except ValueError:
        return None


def record(kind: str, *, request=None, user=None, username: str = "", detail: str = "") -> SignInEvent:
    """Append one event; ``username`` defaults to the user's."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    return SignInEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or (user.get_username() if user is not None else ""))[:150],
        ip_address=_address(request),
        user_agent=agent[:300],
        detail=detail[:200],
    )


def record_token_use(*, token, request) -> None:
    """An API request signed with ``token``: at most one row a minute per token (a shared cache
    keeps the count across app servers when CACHE_URL is set)."""
    if cache.add(f"accounts:token-used:{token.prefix}", 1, timeout=TOKEN_USE_RESOLUTION_SECONDS):
        record(Kind.TOKEN_USED, request=request, user=token.user, detail=f"{token.name} ({token.prefix}…)")


def _how(user) -> str:
    backend = getattr(user, "backend", "") or ""
    return "single sign-on" if getattr(user, "_signed_in_by_sso", False) else backend.rsplit(".", 1)[-1]


@receiver(user_logged_in, dispatch_uid="accounts.audit.signed_in")
def _signed_in(sender, request, user, **kwargs):
    record(Kind.SIGNED_IN, request=request, user=user, detail=_how(user))


@receiver(user_logged_out, dispatch_uid="accounts.audit.signed_out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.SIGNED_OUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="accounts.audit.sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    record(Kind.SIGN_IN_FAILED, request=request, username=str(credentials.get("username") or ""))


@receiver(user_locked_out, dispatch_uid="accounts.audit.locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(Kind.LOCKED_OUT, request=request, username=str(username or ""))
