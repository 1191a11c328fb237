"""Migration operations the apps share."""

from django.contrib.postgres.operations import CreateExtension


class PostgresExtension(CreateExtension):
    """A PostgreSQL extension (unaccent, pg_trgm) that is a no-op elsewhere in both directions:
    Django's own ``CreateExtension`` skips other databases going forwards but, going backwards,
    asks ``pg_extension`` whatever the database, so unapplying it on SQLite failed."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
