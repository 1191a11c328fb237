from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def sync_role_groups(sender=None, using="default", verbosity=1, **kwargs):
    """Give the role groups exactly their permissions, creating the permission rows first.
    Run after every migrate; tests call it after a flush that skipped post_migrate."""
    # post_migrate reaches the apps in INSTALLED_APPS order and "core" comes before
    # "commitments", "states" and "reporting", whose permission rows may not exist yet:
    # create them first.
    from django.contrib.auth.management import create_permissions

    from core.permissions import GROUP_PERMISSIONS, sync_group_permissions

    app_labels = {label for grants in GROUP_PERMISSIONS.values() for models in grants.values() for label in models}
    for label in sorted(app_labels):
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    sync_group_permissions(using=using)


class CoreConfig(AppConfig):
    """The ground floor: roles, shared choices, list/export helpers, the admin base. No models."""

    name = "core"

    def ready(self):
        post_migrate.connect(sync_role_groups, sender=self, dispatch_uid="core_sync_group_permissions")
