from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API: the same rows, rules and services as the pages, for other systems."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API"

    def ready(self):
        from api import schema  # noqa: F401  (registers the token scheme with drf-spectacular)
