"""Who may open the Secretariat's pages (dashboard, report, snapshots)."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from core import roles


def secretariat_required(view):
    """Staff, viewers and administrators only; a focal point's overview is its state's page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles.is_secretariat(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
