"""Password rules of our own, next to Django's (see ``AUTH_PASSWORD_VALIDATORS``).

Django's validators let through two kinds of password that an attacker tries first here: a
password of spaces (long enough, not in the common list, not numeric) and the organisation's
own names with a year or a counter (``cicte12345``, ``oea2024oea``). Every place that sets a
password (the admin's add-user and change-password forms, ``createsuperuser``,
``changepassword``, the password-change page) runs ``AUTH_PASSWORD_VALIDATORS``, so these rules
apply everywhere at once.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The organisation's names and acronyms in the four languages: the Organization of American
# States (OAS; OEA in Spanish, French and Portuguese), the Inter-American Committee against
# Terrorism (CICTE) and the Secretariat for Multidimensional Security (SMS; SSM).
ORGANISATION_WORDS = (
    "cicte",
    "oas",
    "oea",
    "oae",
    "sms",
    "ssm",
    "smsoas",
    "terrorism",
    "terrorismo",
    "terrorisme",
    "secretariat",
    "secretaria",
    "secretariado",
    "secretariats",
    "secrétariat",
)


class NotOnlyWhitespaceValidator:
    """Refuse a password made only of spaces, tabs or line breaks: the password fields keep
    whitespace (``strip=False``), so ten spaces pass the length rule."""

    def validate(self, password: str, user=None) -> None:
        if not password.strip():
            raise ValidationError(_("This password is only spaces."), code="password_only_whitespace")

    def get_help_text(self) -> str:
        return _("Your password can’t be only spaces.")


def _plain(text: str) -> str:
    """Lower case without accents, so that "Secrétariat" and "SECRETARIAT" read the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class OrganisationWordsValidator:
    """Refuse a password that is the organisation's words with digits or signs around them.

    What is left once the organisation's words, digits, spaces and punctuation are taken out
    must hold at least ``min_other_letters`` letters: ``cicte12345`` and ``oea2024oea`` leave
    nothing, ``Cicte-Lima-harbour-7`` leaves "limaharbour" and is accepted. ``words`` replaces
    the default list (``ORGANISATION_WORDS``).
    """

    def __init__(self, min_other_letters: int = 4, words: tuple[str, ...] | None = None):
        self.min_other_letters = min_other_letters
        words = sorted({_plain(w) for w in (words or ORGANISATION_WORDS)}, key=len, reverse=True)
        self._words = re.compile("|".join(re.escape(w) for w in words))

    def validate(self, password: str, user=None) -> None:
        plain = _plain(password)
        if not self._words.search(plain):
            return
        rest = [c for c in self._words.sub("", plain) if c.isalpha()]
        if len(rest) < self.min_other_letters:
            raise ValidationError(
                _("This password is mostly the organisation’s own names (such as CICTE or OAS) with digits."),
                code="password_organisation_words",
            )

    def get_help_text(self) -> str:
        return _("Your password can’t be the organisation’s names (CICTE, OAS, OEA…) with digits or signs.")
