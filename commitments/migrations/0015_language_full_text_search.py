from django.db import migrations

from core.migration_operations import PostgresExtension

# On PostgreSQL only (SQLite has neither; the model does not declare the column, so that no
# other page reads it): a text search configuration per language that ignores accents
# (unaccent, then the language's stemmer), and a stored vector of every language version of a
# mandate, each under its own language's configuration, with its GIN index. The site search
# (commitments.fulltext) reads the column and ranks by it. The column is generated: PostgreSQL
# keeps it up to date on every write, whatever writes.
LANGUAGES = {"en": "english", "es": "spanish", "fr": "french", "pt": "portuguese"}
COLUMN = "search_vector"
INDEX = "commitments_mandate_search_vector"


def _version(code: str) -> str:
    # The text in this language: the original when it is the mandate's language, else the version held.
    return f"CASE WHEN language = '{code}' THEN text ELSE COALESCE(translations ->> '{code}', '') END"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'cicte_%'")
        existing = {row[0] for row in cursor.fetchall()}
    for code, dictionary in {**LANGUAGES, "simple": "simple"}.items():
        name = f"cicte_{code}"
        if name not in existing:
            stem = "simple" if code == "simple" else f"{dictionary}_stem"
            schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{dictionary})")
            schema_editor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stem}"
            )
    vector = " || ".join(f"to_tsvector('cicte_{code}'::regconfig, {_version(code)})" for code in LANGUAGES)
    schema_editor.execute(
        f"ALTER TABLE commitments_mandate ADD COLUMN IF NOT EXISTS {COLUMN} tsvector GENERATED ALWAYS AS ({vector}) STORED"
    )
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON commitments_mandate USING gin ({COLUMN})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"ALTER TABLE commitments_mandate DROP COLUMN IF EXISTS {COLUMN}")
    for code in [*LANGUAGES, "simple"]:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS cicte_{code}")


class Migration(migrations.Migration):
    dependencies = [("commitments", "0014_mandate_pair_review")]

    operations = [
        # A no-op elsewhere than on PostgreSQL.
        PostgresExtension("unaccent"),
        migrations.RunPython(create, drop, elidable=False),
    ]
