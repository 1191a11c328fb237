from django.db import migrations

from core.migration_operations import PostgresExtension

# On PostgreSQL only (SQLite has no trigram index; the models do not declare them): the site
# search's indexes of the requests' and activities' words (reporting.search.JoinedText, the same
# expression character for character, or the planner does not use them). A word anywhere in a
# request's reference, title or description is then one index lookup over 250,000 requests, and
# PostgreSQL knows from the index's statistics whether it is rare (read the matches) or common
# (walk the newest first), where each was a scan of the whole table.
INDEXES = {
    "reporting_search_request_words": ("states_assistancerequest", ("reference", "title", "description")),
    "reporting_search_activity_words": ("states_activity", ("title", "place")),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, columns) in INDEXES.items():
        joined = " || ' ' || ".join(f"upper({column}::text)" for column in columns)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({joined}) gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_reportfile"), ("states", "0009_requestupdate_happened_on_required")]

    operations = [
        # A no-op elsewhere than on PostgreSQL.
        PostgresExtension("pg_trgm"),
        migrations.RunPython(create, drop, elidable=False),
    ]
