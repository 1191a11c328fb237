"""A user's own account: settings, password, second factors; password reset; the sign-in's
second step."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts import mfa, services, sso
from accounts.audit import Kind, record
from accounts.forms import AccountForm, CodeForm, QueuedPasswordResetForm
from states.outbox import language_for


def _next(request, default: str) -> str:
    """Where to go after a step: the ``next`` asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@require_http_methods(["GET", "POST"])
def account(request):
    user = request.user
    initial = {"email": user.email, "language": language_for(user, default="")}
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_account(user=user, **form.cleaned_data)
        messages.success(request, _("Your account is saved."))
        response = redirect("accounts:account")
        if form.cleaned_data["language"]:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                form.cleaned_data["language"],
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
    context = {
        "form": form,
        "has_second_factor": mfa.has_second_factor(user),
        "mfa_required": mfa.is_required(user),
        "token_count": user.api_tokens.filter(revoked_at__isnull=True).count(),
    }
    return render(request, "accounts/account.html", context, status=400 if form.errors else 200)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(Kind.PASSWORD_CHANGED, request=self.request, user=self.request.user, detail="account page")
        messages.success(self.request, _("Your password is changed."))
        return response

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@never_cache
@require_http_methods(["GET"])
def security(request):
    user = request.user
    context = {
        "totp_devices": mfa.totp_devices(user),
        "passkeys": mfa.passkeys(user),
        "recovery_codes_left": mfa.recovery_codes_left(user),
        "has_second_factor": mfa.has_second_factor(user),
        "mfa_required": mfa.is_required(user),
        "passkeys_enabled": settings.PASSKEYS_ENABLED,
        "next": _next(request, ""),
    }
    return render(request, "accounts/security.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def totp_setup(request):
    device = mfa.pending_totp(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.confirm_totp(request=request, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            messages.success(request, _("Your authenticator app is set up."))
            if codes:
                return _show_recovery_codes(request, codes)
            return redirect(_next(request, reverse("accounts:security")))
        form.add_error("code", _("That code is not right (or has expired): try the one your app shows now."))
    context = {
        "form": form,
        "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
        "secret": base64.b32encode(device.bin_key).decode(),
        "next": _next(request, ""),
    }
    return render(request, "accounts/totp_setup.html", context, status=400 if form.errors else 200)


def _show_recovery_codes(request, codes: list[str]):
    context = {"codes": codes, "next": _next(request, reverse("accounts:security"))}
    return render(request, "accounts/recovery_codes.html", context)


@never_cache
@require_POST
def recovery_codes(request):
    if not mfa.has_second_factor(request.user):
        messages.error(request, _("Set up an authenticator app or a passkey first: recovery codes stand in for one."))
        return redirect("accounts:security")
    return _show_recovery_codes(request, mfa.make_recovery_codes(request=request, user=request.user))


@require_POST
def totp_remove(request, pk: int):
    return _remove(request, get_object_or_404(TOTPDevice, user=request.user, confirmed=True, pk=pk))


@require_POST
def passkey_remove(request, pk: int):
    return _remove(request, get_object_or_404(WebAuthnCredential, user=request.user, confirmed=True, pk=pk))


def _remove(request, device):
    if not mfa.may_remove(request.user, device):
        messages.error(request, _("Your account must keep a second factor: add another before removing this one."))
    else:
        mfa.remove_device(request=request, device=device)
        messages.success(request, _("Second factor removed."))
    return redirect("accounts:security")


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of signing in."""
    # Looked at afresh: an administrator may have removed the device since sign-in.
    if request.user.is_verified() or not mfa.remember_second_factor(request):
        return redirect(_next(request, reverse("home")))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.verify(request=request, code=form.cleaned_data["code"]):
            return redirect(_next(request, reverse("home")))
        if mfa.must_wait(request.user):
            form.add_error("code", _("Too many wrong codes: wait a few seconds, then type the code your app shows."))
        else:
            form.add_error("code", _("That code is not right. Try the one your app shows now, or a recovery code."))
    context = {
        "form": form,
        "has_totp": mfa.totp_devices(request.user).exists(),
        "has_passkey": mfa.passkeys(request.user).exists(),
        "passkeys_enabled": settings.PASSKEYS_ENABLED,
        "next": _next(request, ""),
    }
    return render(request, "accounts/verify.html", context, status=400 if form.errors else 200)


# --- Password reset: Django's views, our templates, the email through the outbox. -------------


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(Kind.PASSWORD_CHANGED, request=self.request, user=form.user, detail="reset link")
        return response


password_reset = PasswordResetView.as_view()


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "hours": settings.PASSWORD_RESET_TIMEOUT // 3600}


password_reset_done = PasswordResetDoneView.as_view()
password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html"
)
password_change = PasswordChangeView.as_view()


# --- Single sign-on (OpenID Connect). -----------------------------------------------------------


@login_not_required
@require_http_methods(["GET"])
def oidc_login(request):
    return sso.begin(request, next_url=_next(request, ""))


@login_not_required
@require_http_methods(["GET"])
def oidc_callback(request):
    return sso.complete(request)
