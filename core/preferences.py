"""What a user chooses for themselves (today: the language of the pages and of every email to
them), kept on the ground floor so that every app that writes to a user can read it.

The account page writes it (``accounts.services.update_account``); which language a user
finally gets mail in (this choice, else a focal point's state language, else the site's
default) is decided once, in ``states.outbox.language_for``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import Language


class UserPreferences(models.Model):
    """A user's own choices on their account page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences", verbose_name=_("user")
    )
    # The interface after sign-in and every email to this user (blank: no choice made).
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)

    class Meta:
        verbose_name = _("user preferences")
        verbose_name_plural = _("user preferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=[*Language.values, ""]), name="core_userpreferences_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


def chosen_language(user) -> str:
    """The language ``user`` chose for themselves, or ``""``. Reads the reverse one-to-one, so
    that a caller listing many users can ``select_related("preferences")`` once."""
    try:
        return user.preferences.language
    except UserPreferences.DoesNotExist:
        return ""


def choose_language(*, user, language: str) -> None:
    UserPreferences.objects.update_or_create(user=user, defaults={"language": language})
