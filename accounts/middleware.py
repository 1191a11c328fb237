"""The second step of signing in (after ``django_otp.middleware.OTPMiddleware``, which tells
whether this session passed a second factor).

- A user who has a second factor and has not passed it in this session is sent to
  ``accounts:verify`` from every page, the admin included.
- A user who must have one (``accounts.mfa.is_required``) and has none is sent to set one up.

While either step is due, ``request.second_factor_step`` names it, and the header shows no
menu (``templates/includes/header.html``).

The pages of each step, signing out and switching language stay open. The API answers 403
to such a session (a script signs in with a token, which only a verified session can make).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts import mfa
from states.outbox import language_for

ALWAYS_OPEN = {"logout", "login", "set_language", "healthz", "otp_webauthn:js-i18n-catalog"}
VERIFY_STEP = {
    "accounts:verify",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
}
ENROL_STEP = {
    "accounts:security",
    "accounts:totp_setup",
    "accounts:recovery_codes",
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if mfa.session_has_second_factor(request):
            step, pages = "accounts:verify", VERIFY_STEP
        elif mfa.is_required(user):
            step, pages = "accounts:security", ENROL_STEP
        else:
            return None
        # The header leaves out the menu and search while a step is due: their links would
        # only lead back here.
        request.second_factor_step = step
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if view_name in ALWAYS_OPEN or view_name in pages:
            return None
        return self._refuse(request, step)

    def _refuse(self, request, step: str):
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": _("Sign in with your second factor first.")}, status=403)
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


@receiver(user_logged_in, dispatch_uid="accounts.middleware.language_at_sign_in")
def _language_at_sign_in(sender, request, user, **kwargs):
    if request is not None:
        request.account_language = language_for(user, default="")


class AccountLanguageMiddleware:
    """At sign-in, the interface switches to the language the user chose on their account page
    (Django keeps the language in a cookie, which only a response can set)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = getattr(request, "account_language", "")
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE
            )
        return response
