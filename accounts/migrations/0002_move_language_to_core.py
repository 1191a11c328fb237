# The language a user chose moves from accounts.AccountSettings down to core.UserPreferences,
# so that the floors below accounts (the outbox) can write to each user in it.

from django.db import migrations


def copy(source: tuple[str, str], target: tuple[str, str]):
    def run(apps, schema_editor):
        Source, Target = apps.get_model(*source), apps.get_model(*target)
        rows = Source.objects.values_list("user_id", "language")
        Target.objects.bulk_create(
            [Target(user_id=user, language=language) for user, language in rows], batch_size=1000
        )

    return run


ACCOUNTS, CORE = ("accounts", "AccountSettings"), ("core", "UserPreferences")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_sign_in_audit"),
        ("core", "0002_user_preferences"),
    ]

    operations = [migrations.RunPython(copy(ACCOUNTS, CORE), copy(CORE, ACCOUNTS))]
