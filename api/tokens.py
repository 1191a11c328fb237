"""Making, finding and revoking API tokens: the one place that handles keys."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken

KEY_PREFIX = "cicte_"
PREFIX_LENGTH = 12
# How often a token's "last used" time is written: at most once a minute per token, so that a
# busy script does not turn every read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 10


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with its key, which is never available again."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name."), code="name_required")
    if ApiToken.objects.filter(user=user).active().select_for_update().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You already have %(count)d active tokens: revoke one first.") % {"count": MAX_ACTIVE_TOKENS},
            code="too_many_tokens",
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=key[:PREFIX_LENGTH], digest=_digest(key))
    return token, key


@transaction.atomic
def revoke_token(*, token: ApiToken, by) -> ApiToken:
    """Revoke ``token`` (its owner or an administrator); the row stays as the trace."""
    if token.user_id != by.pk and not by.is_superuser:
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def find_token(key: str) -> ApiToken | None:
    """The active token whose key is ``key``, its user active too; None for anything else."""
    if not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    token = ApiToken.objects.select_related("user").active().filter(prefix=key[:PREFIX_LENGTH]).first()
    if token is None or not token.user.is_active or not hmac.compare_digest(token.digest, _digest(key)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
