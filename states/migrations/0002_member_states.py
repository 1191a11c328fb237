"""The 35 OAS member states (states/data/oas_member_states.csv), with membership status."""

import csv
import datetime
import re
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "oas_member_states.csv"


def parse_membership(notes: str) -> tuple[str, datetime.date | None]:
    """The CSV's notes start with "status=active", "status=withdrawn_2023-11-19", …"""
    match = re.match(r"status=([a-z_]+?)(?:_(\d{4}-\d{2}-\d{2}))?(?:;|$)", notes)
    if not match:
        raise ValueError(f"No membership status in {notes!r}")
    status, date = match.groups()
    status = {"member_not_participating": "not_participating"}.get(status, status)
    return status, datetime.date.fromisoformat(date) if date else None


def load_states(apps, schema_editor):
    MemberState = apps.get_model("states", "MemberState")
    with CSV_PATH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            membership, ended_on = parse_membership(row["notes"])
            MemberState.objects.update_or_create(
                iso3=row["iso3"],
                defaults={
                    "iso2": row["iso2"],
                    "name_en": row["name_en"],
                    "name_es": row["name_es"],
                    "name_fr": row["name_fr"],
                    "name_pt": row["name_pt"],
                    "membership": membership,
                    "membership_ended_on": ended_on,
                    "notes": row["notes"],
                },
            )


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ("Secretariat staff", "Secretariat viewer"):
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("states", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(load_states, migrations.RunPython.noop),
        migrations.RunPython(create_role_groups, migrations.RunPython.noop),
    ]
