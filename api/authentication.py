"""``Authorization: Bearer <key>`` for scripts; the browser's session for the documentation page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from accounts.audit import record_token_use
from api.tokens import find_token


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid Authorization header: expected “Bearer <token>”."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = find_token(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        record_token_use(token=token, request=request)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword
