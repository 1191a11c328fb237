"""Sessions that end after a period of inactivity without a database write on every request.

``SESSION_SAVE_EVERY_REQUEST`` gave that timeout by saving (and committing) the session on
every page, a write and five small queries each time (issue 10). Instead the session store
remembers the expiry it read, and the middleware saves the session again only when that expiry
was set more than ``SESSION_REFRESH_SECONDS`` ago: a session still ends after
``SESSION_COOKIE_AGE`` of inactivity, give or take that much.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    """The database session store (``SESSION_ENGINE = "core.sessions"``), which also keeps the
    expiry of the row it loaded."""

    stored_expiry: datetime.datetime | None = None

    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        self.stored_expiry = session.expire_date if session is not None else None
        return session


class SessionRefreshMiddleware:
    """Placed after (inside) Django's SessionMiddleware: marks a signed-in user's session
    modified, so that the session middleware saves it with a new expiry, when the expiry it was
    loaded with is older than ``SESSION_REFRESH_SECONDS``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        stored = getattr(getattr(request, "session", None), "stored_expiry", None)
        if stored is not None and user is not None and user.is_authenticated:
            fresh = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
            if fresh - stored >= datetime.timedelta(seconds=settings.SESSION_REFRESH_SECONDS):
                request.session.modified = True
        return response
