"""Second factors (django-otp): an authenticator app (TOTP), single-use recovery codes, and
passkeys (django-otp-webauthn, registered and checked by that library's views and script).

Who must have one: whoever reads the Secretariat's internal material or reaches the admin,
when ``MFA_REQUIRED`` is on (``is_required``). Everyone else may add one, and once they have,
it is asked for at every sign-in like anyone's (``accounts.middleware``).

No cryptography here: codes are made and checked by django-otp's devices, which also throttle
guesses (each failure doubles the wait before the next try) and delete a recovery code when it
is used.
"""

from __future__ import annotations

import re

import django_otp
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.audit import Kind, record
from core import roles

RECOVERY_CODE_COUNT = 10
# Whether the signed-in user has a second factor, kept in the session from sign-in on so that
# the second-step check costs no query on every page (``remember_second_factor``).
HAS_FACTOR_SESSION_KEY = "accounts_has_second_factor"
RECOVERY_DEVICE_NAME = "recovery codes"
TOTP_CODE = re.compile(r"^\d{6}$")


def is_required(user) -> bool:
    """Secretariat staff, viewers and administrators, and anyone who may open the admin."""
    if not settings.MFA_REQUIRED or not user.is_authenticated:
        return False
    return roles.is_secretariat(user) or user.is_staff


def has_second_factor(user) -> bool:
    """An authenticator app or a passkey (recovery codes alone are a fallback, not a factor)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def remember_second_factor(request, user=None) -> bool:
    """Look again whether the user has a second factor, and keep the answer in the session:
    at sign-in, and whenever one is added or removed here or may have been in the admin."""
    has = has_second_factor(user or request.user)
    request.session[HAS_FACTOR_SESSION_KEY] = has
    return has


@receiver(user_logged_in, dispatch_uid="accounts.mfa.remember_at_sign_in")
def _remember_at_sign_in(sender, request, user, **kwargs):
    # The one hook every way of signing in goes through (login page, admin, single sign-on).
    if request is not None and hasattr(request, "session"):
        remember_second_factor(request, user)


def session_has_second_factor(request) -> bool:
    has = request.session.get(HAS_FACTOR_SESSION_KEY)
    return remember_second_factor(request) if has is None else has


def totp_devices(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")


def passkeys(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk")


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def pending_totp(*, user) -> TOTPDevice:
    """The authenticator being set up: its secret stays the same until it is confirmed, so the
    QR code scanned a minute ago still matches after a reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def confirm_totp(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm ``device`` with a code from the app; return fresh recovery codes when the user
    had none (shown once), ``[]`` when they had some, ``None`` when the code is wrong."""
    if not device.verify_token(code.strip()):
        record(Kind.SECOND_FACTOR_FAILED, request=request, user=device.user, detail="authenticator set-up")
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    record(Kind.DEVICE_ADDED, request=request, user=device.user, detail="authenticator app")
    django_otp.login(request, device)
    remember_second_factor(request)
    if recovery_codes_left(device.user):
        return []
    return make_recovery_codes(request=request, user=device.user)


@transaction.atomic
def make_recovery_codes(*, request, user) -> list[str]:
    """Replace the user's recovery codes with ``RECOVERY_CODE_COUNT`` new ones (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    record(Kind.RECOVERY_CODES_MADE, request=request, user=user)
    return codes


def verify(*, request, code: str) -> bool:
    """Check a code typed at sign-in: six digits against the authenticator, anything else
    against the recovery codes (a used one is deleted). Marks the session verified."""
    user = request.user
    code = code.strip().replace(" ", "")
    is_totp = bool(TOTP_CODE.match(code))
    devices = totp_devices(user) if is_totp else StaticDevice.objects.filter(user=user, confirmed=True)
    what = "authenticator app" if is_totp else "recovery code"
    for device in devices:
        if django_otp.verify_token(user, device.persistent_id, code) is not None:
            django_otp.login(request, device)
            kind = Kind.SECOND_FACTOR_PASSED if is_totp else Kind.RECOVERY_CODE_USED
            record(kind, request=request, user=user, detail=what)
            return True
    record(Kind.SECOND_FACTOR_FAILED, request=request, user=user, detail=what)
    return False


def must_wait(user) -> bool:
    """After wrong codes a device refuses every code for a while (even a right one): say so."""
    devices = [*totp_devices(user), *StaticDevice.objects.filter(user=user, confirmed=True)]
    return any(not device.verify_is_allowed()[0] for device in devices)


def may_remove(user, device) -> bool:
    """A user who must have a second factor keeps at least one."""
    if not is_required(user):
        return True
    others = [d for d in [*totp_devices(user), *passkeys(user)] if d.persistent_id != device.persistent_id]
    return bool(others)


@transaction.atomic
def remove_device(*, request, device) -> None:
    record(Kind.DEVICE_REMOVED, request=request, user=device.user, detail=_describe(device))
    device.delete()
    if not has_second_factor(request.user):
        # Recovery codes only stand in for a factor the user has: they go with the last one.
        StaticDevice.objects.filter(user=request.user).delete()
    remember_second_factor(request)


def _describe(device) -> str:
    if isinstance(device, WebAuthnCredential):
        return f"passkey {device.name}".strip()
    return "authenticator app"
