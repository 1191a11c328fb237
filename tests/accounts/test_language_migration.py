"""The migrations that move a user's language from the accounts app down to core keep every
user's choice, both ways."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0001_sign_in_audit"), ("core", "0001_submission_tokens")]
AFTER = [("accounts", "0003_delete_accountsettings"), ("core", "0002_user_preferences")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_users_chosen_language_survives_the_move_to_core_and_back():
    old = migrate(BEFORE)
    carmen = get_user_model().objects.create(username="carmen-migrated")
    old.get_model("accounts", "AccountSettings").objects.create(user_id=carmen.pk, language="es")

    new = migrate(AFTER)
    moved = new.get_model("core", "UserPreferences").objects.filter(user_id=carmen.pk)
    assert list(moved.values_list("language", flat=True)) == ["es"]

    old = migrate(BEFORE)
    back = old.get_model("accounts", "AccountSettings").objects.filter(user_id=carmen.pk)
    assert list(back.values_list("language", flat=True)) == ["es"]
    migrate(AFTER)
