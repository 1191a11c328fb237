from django import template
from django.conf import settings
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def sso_provider_name() -> str:
    """The single sign-on button's provider, or "" when single sign-on is off."""
    if not settings.OIDC_ISSUER:
        return ""
    return settings.OIDC_PROVIDER_NAME or _("your organization's sign-in")
