"""The Django model permissions of the two Secretariat groups, declared in one place.

``sync_group_permissions`` runs after every ``migrate`` (see ``core.apps``), so the groups
always hold exactly what this table says: a permission added to a group by hand in the admin
is removed by the next migrate, and a model added here reaches every installation.
Administrators are superusers and need no permission rows.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from core import roles

# Models Secretariat staff work on: they may view, add and change them (never delete: a
# mistake is corrected, and history stays whole).
# Mandate and request statuses still move only through the services (see the admin forms).
WORKING_MODELS = {
    "commitments": [
        "owner",
        "owneralias",
        "workplan",
        "programarea",
        "resolution",
        "resolutiontext",
        "section",
        "mandate",
        "commitment",
        "indicator",
        "reportingperiod",
    ],
    "states": ["memberstate", "assistancerequest", "activity"],
}

# History and plumbing: read-only for everyone but administrators. Focal points are user
# accounts, and user management is the administrators' alone.
READ_ONLY_MODELS = {
    "commitments": [
        "mandateupdate",
        "resolutionimport",
        "progressreport",
        "mandatelink",
        "mandatepairreview",
        "mandateterm",
    ],
    "states": [
        "requestupdate",
        "attachment",
        "outgoingemail",
        "focalpoint",
        "requestcounter",
        "nationalimplementationreport",
    ],
    # Report files: who asked for which report (the file is downloaded from the report page);
    # the dashboard's figures: when they were counted.
    "reporting": ["snapshot", "reportfile", "dashboardfigures"],
    # Each run of a background task (email delivery): staff who retry the outbox see them.
    "django_tasks_database": ["dbtaskresult"],
}

GROUP_PERMISSIONS: dict[str, dict[str, dict[str, list[str]]]] = {
    roles.STAFF_GROUP: {"view_add_change": WORKING_MODELS, "view": READ_ONLY_MODELS},
    roles.VIEWER_GROUP: {
        "view": {
            app: WORKING_MODELS.get(app, []) + READ_ONLY_MODELS.get(app, [])
            for app in {*WORKING_MODELS, *READ_ONLY_MODELS}
        }
    },
}
ACTIONS = {"view_add_change": ("view", "add", "change"), "view": ("view",)}


def _codenames(grants: dict[str, dict[str, list[str]]]) -> Q:
    query = Q(pk__in=[])
    for grant, models in grants.items():
        for app_label, model_names in models.items():
            codenames = [f"{action}_{model}" for action in ACTIONS[grant] for model in model_names]
            query |= Q(content_type__app_label=app_label, codename__in=codenames)
    return query


def sync_group_permissions(using: str = "default") -> None:
    """Give each role group exactly the permissions of ``GROUP_PERMISSIONS``."""
    for group_name, grants in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=group_name)
        group.permissions.set(Permission.objects.using(using).filter(_codenames(grants)))
