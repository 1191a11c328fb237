from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """A user's own account: password reset, second factor, single sign-on, the sign-in audit trail."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts import audit, mfa  # noqa: F401  (connect the sign-in receivers)
