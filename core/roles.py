"""Who a user is to the tracker: the one place that names the roles.

Roles are Django groups (created by a data migration) plus the focal-point link
(``states.FocalPoint``, reached through ``user.focal_point`` so that this module imports
no app). Every visibility rule (the ``visible_to`` QuerySet methods) asks these functions.
"""

from django.contrib.auth.models import AnonymousUser, User

STAFF_GROUP = "Secretariat staff"
VIEWER_GROUP = "Secretariat viewer"
ROLE_GROUPS = (STAFF_GROUP, VIEWER_GROUP)

UserLike = User | AnonymousUser


def _group_names(user: UserLike) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_cicte_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._cicte_group_names = cached
    return cached


def is_administrator(user: UserLike) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_secretariat_staff(user: UserLike) -> bool:
    """May read and work every mandate, request and activity."""
    return is_administrator(user) or (user.is_active and STAFF_GROUP in _group_names(user))


def is_secretariat(user: UserLike) -> bool:
    """May read everything (staff, viewers, administrators)."""
    return is_secretariat_staff(user) or (user.is_active and VIEWER_GROUP in _group_names(user))


def reader_without_role() -> User:
    """A signed-in reader with no role (not saved): reads what any account outside the
    Secretariat reads, for mail sent to an address no Secretariat account holds."""
    reader = User(is_active=True)
    reader._cicte_group_names = set()  # no groups, and nothing to look up for an unsaved user
    return reader


def focal_state_id(user: UserLike) -> int | None:
    """The member state a focal point speaks for, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    focal_point = getattr(user, "focal_point", None)
    return focal_point.state_id if focal_point is not None else None


def is_focal_point(user: UserLike) -> bool:
    return focal_state_id(user) is not None


def role_label(user: UserLike) -> str:
    if is_administrator(user):
        return "administrator"
    if is_secretariat_staff(user):
        return "staff"
    if is_secretariat(user):
        return "viewer"
    if is_focal_point(user):
        return "focal_point"
    return "anonymous" if not user.is_authenticated else "none"
