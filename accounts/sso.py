"""Single sign-on through OpenID Connect (authlib's Django client), on when ``OIDC_ISSUER`` is set.

The provider is found from its discovery document (``<issuer>/.well-known/openid-configuration``);
authlib checks the ID token's signature against the provider's published keys, its issuer,
audience, expiry and the nonce of this browser's attempt. A person signing in for the first
time becomes a user with no role: an administrator grants one (a group, or a focal point).
"""

from __future__ import annotations

import logging

from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from joserfc.errors import JoseError
from requests import RequestException

from accounts.audit import Kind, record
from accounts.models import ExternalIdentity

logger = logging.getLogger(__name__)
NEXT_SESSION_KEY = "accounts_sso_next"


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER)


def _client():
    # Made per sign-in (it is cheap) so that the settings in force are the ones used.
    oauth = OAuth()
    return oauth.register(
        name="oidc",
        client_id=settings.OIDC_CLIENT_ID,
        client_secret=settings.OIDC_CLIENT_SECRET,
        server_metadata_url=settings.OIDC_ISSUER.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": settings.OIDC_SCOPES, "timeout": settings.OIDC_TIMEOUT_SECONDS},
    )


def begin(request, *, next_url: str):
    if not enabled():
        raise Http404
    request.session[NEXT_SESSION_KEY] = next_url
    try:
        return _client().authorize_redirect(request, settings.SITE_URL.rstrip("/") + reverse("accounts:oidc_callback"))
    except (OAuthError, RequestException, ValueError) as error:
        return _failed(request, error)


def complete(request):
    if not enabled():
        raise Http404
    try:
        claims = _client().authorize_access_token(request).get("userinfo") or {}
        issuer, subject = claims["iss"], claims["sub"]
    except (OAuthError, JoseError, RequestException, ValueError, KeyError) as error:
        return _failed(request, error)
    user = user_for(issuer=issuer, subject=subject, claims=claims)
    if not user.is_active:
        return _failed(request, "inactive user", user=user)
    user._signed_in_by_sso = True
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(request.session.pop(NEXT_SESSION_KEY, "") or reverse("home"))


def _failed(request, error, *, user=None):
    logger.warning("Single sign-on failed: %s", error)
    record(Kind.SSO_FAILED, request=request, user=user, detail=str(error)[:200])
    return render(request, "accounts/sso_failed.html", status=400)


def user_for(*, issuer: str, subject: str, claims: dict):
    """The user this identity is linked to, or a new one with no role and no password."""
    link = ExternalIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if link is not None:
        return link.user
    User = get_user_model()
    email = claims.get("email", "") if claims.get("email_verified", True) else ""
    wanted = str(claims.get("preferred_username") or email.split("@")[0] or f"sso-{subject}")[:140]
    for attempt in range(1, 100):
        username = wanted if attempt == 1 else f"{wanted}-{attempt}"
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    username=username,
                    email=email,
                    first_name=str(claims.get("given_name", ""))[:150],
                    last_name=str(claims.get("family_name", ""))[:150],
                )
                ExternalIdentity.objects.create(user=user, issuer=issuer, subject=subject)
                return user
        except IntegrityError:
            link = ExternalIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
            if link is not None:  # a second tab finished first
                return link.user
    raise ValueError("no free username")
