"""The migrations that give updates their ``happened_on`` keep every row and date each one on
the day it was written (in the site's time zone)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("commitments", "0007_scale_indexes"), ("states", "0006_scale_indexes")]
AFTER = [
    ("commitments", "0010_mandateupdate_happened_on_required"),
    ("states", "0009_requestupdate_happened_on_required"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_updates_keep_their_rows_and_happened_on_the_day_they_were_written():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    written = timezone.make_aware(datetime.datetime(2024, 3, 3, 23, 30))  # late evening in Washington
    resolution = old.get_model("commitments", "Resolution").objects.create(symbol="CICTE/RES. 1/24", body="CICTE")
    section = old.get_model("commitments", "Section").objects.create(resolution=resolution, position=1)
    mandate = old.get_model("commitments", "Mandate").objects.create(
        resolution=resolution,
        section=section,
        number="1",
        position=1,
        tree_position="0001",
        text="To act.",
        language="en",
    )
    MandateUpdate = old.get_model("commitments", "MandateUpdate")
    MandateUpdate.objects.create(mandate=mandate, note="Exercise planned.", audience="internal")
    MandateUpdate.objects.update(created_at=written)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    new = executor.loader.project_state(AFTER).apps
    [(note, happened_on)] = new.get_model("commitments", "MandateUpdate").objects.values_list("note", "happened_on")
    assert (note, happened_on) == ("Exercise planned.", datetime.date(2024, 3, 3))
