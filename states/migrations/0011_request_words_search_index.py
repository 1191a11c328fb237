from django.db import migrations

# On PostgreSQL only (SQLite has no such index; the model does not declare it): the request
# list's text search (states.filters.search_requests, through RequestWords: the same expression
# character for character, or the planner does not use it). All the words of a search are one
# lookup in this index, where a substring match of each read all 250,000 requests.
INDEX = "states_request_words_fts"
EXPRESSION = (
    "to_tsvector('simple'::regconfig, "
    "regexp_replace(reference || ' ' || title || ' ' || description, '[^[:alnum:]]+', ' ', 'g'))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON states_assistancerequest USING gin (({EXPRESSION}))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("states", "0010_outgoing_email_sent_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
