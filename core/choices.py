"""Choices shared by both apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """The four official languages of the OAS: the interface and resolution texts."""

    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    FRENCH = "fr", _("French")
    PORTUGUESE = "pt", _("Portuguese")


class Audience(models.TextChoices):
    """Who may read an update or an attachment."""

    INTERNAL = "internal", _("Secretariat only")
    STATE = "state", _("The requesting state")
    PUBLIC = "public", _("Public")


def check_in_choices(field: str, choices: type[models.TextChoices], name: str) -> models.CheckConstraint:
    """A named CheckConstraint that makes the database refuse a value outside ``choices``."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)
