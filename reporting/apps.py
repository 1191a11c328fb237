from django.apps import AppConfig


class ReportingConfig(AppConfig):
    """The floor that joins both apps: dashboards, the implementation report, snapshots, the demo."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reporting"
