from django.db import migrations

# On PostgreSQL only (SQLite cannot build it; the models do not declare it): the full-text index
# of the mandate texts held in other languages, so that a search finds a word of any language
# version (commitments.filters.search_mandates). The expression of TRANSLATIONS_VECTOR there,
# character for character, or the planner does not use it.
INDEX = "commitments_mandate_translations_fts"
DEFINITION = (
    "commitments_mandate USING gin (to_tsvector('simple'::regconfig, "
    "COALESCE((translations ->> 'en'), '') || ' ' || COALESCE((translations ->> 'es'), '') || ' ' || "
    "COALESCE((translations ->> 'fr'), '') || ' ' || COALESCE((translations ->> 'pt'), '')))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {DEFINITION}")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("commitments", "0010_mandateupdate_happened_on_required")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
