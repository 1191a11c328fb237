"""A user's links to an external identity provider, and the sign-in audit trail (a user's own
preferences are on the ground floor: ``core.preferences``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import check_in_choices


class ExternalIdentity(models.Model):
    """A user as an OpenID Connect provider knows them: the provider's ``iss`` and ``sub``.

    Never matched by email: an address at the provider proves nothing about who owns the local
    account of the same address. An administrator links an existing user by adding a row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities", verbose_name=_("user")
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="accounts_externalidentity_unique_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.issuer}"


class SignInKind(models.TextChoices):
    """What a ``SignInEvent`` records (``SignInEvent.Kind``: defined outside it so that its
    ``Meta`` can name it in a constraint)."""

    SIGNED_IN = "signed_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    LOCKED_OUT = "locked_out", _("Locked out")
    SIGNED_OUT = "signed_out", _("Signed out")
    TOKEN_USED = "token_used", _("API token used")
    SECOND_FACTOR_PASSED = "mfa_passed", _("Second factor passed")
    SECOND_FACTOR_FAILED = "mfa_failed", _("Second factor failed")
    DEVICE_ADDED = "mfa_added", _("Second factor added")
    DEVICE_REMOVED = "mfa_removed", _("Second factor removed")
    RECOVERY_CODES_MADE = "recovery_codes_made", _("Recovery codes made")
    RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
    PASSWORD_RESET_ASKED = "reset_asked", _("Password reset asked for")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    SSO_FAILED = "sso_failed", _("Single sign-on failed")


class SignInEvent(models.Model):
    """One sign-in, failure, lock-out, token use or second-factor change. Append-only: written
    by ``accounts.audit.record`` and never changed; the admin shows it read-only."""

    Kind = SignInKind

    at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # As typed or known at the time: kept when the user is deleted, and for unknown usernames.
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")
        constraints = [check_in_choices("kind", SignInKind, "accounts_signinevent_kind_valid")]
        indexes = [
            # The admin's list, newest first, and one user's history in it.
            models.Index(fields=["-at"], name="accounts_signinevent_at"),
            models.Index(fields=["user", "-at"], name="accounts_signinevent_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username} ({self.at:%Y-%m-%d %H:%M})"
