from django.apps import AppConfig
from django.db.backends.signals import connection_created


def register_fold(sender, connection, **kwargs):
    """SQLite: the accent- and case-folding function the searches compare texts with
    (``commitments.fulltext.Folded``); PostgreSQL searches with its own full-text configurations."""
    if connection.vendor == "sqlite":
        from commitments.fulltext import FOLD_FUNCTION, fold

        connection.connection.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)


class CommitmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "commitments"

    def ready(self):
        connection_created.connect(register_fold, dispatch_uid="commitments_register_fold")
