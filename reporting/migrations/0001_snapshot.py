import json

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def adopt_snapshots_of_the_cicte_app(apps, schema_editor):
    """Snapshots used to live in the project package (table ``cicte_snapshot``); an installation
    that has them keeps them. The old table is left in place, untouched, for whoever wants to
    check the copy and drop it."""
    connection = schema_editor.connection
    if "cicte_snapshot" not in connection.introspection.table_names():
        return
    Snapshot = apps.get_model("reporting", "Snapshot")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, taken_on, mandate_statuses, request_statuses, created_by_id, created_at"
            " FROM cicte_snapshot ORDER BY id"
        )
        rows = cursor.fetchall()
    for name, taken_on, mandates, requests, created_by_id, created_at in rows:
        snapshot = Snapshot.objects.create(
            name=name,
            taken_on=taken_on,
            mandate_statuses=json.loads(mandates) if isinstance(mandates, str) else mandates,
            request_statuses=json.loads(requests) if isinstance(requests, str) else requests,
            created_by_id=created_by_id,
        )
        # auto_now_add ignores a given value: set the original time in a second step.
        Snapshot.objects.filter(pk=snapshot.pk).update(created_at=created_at)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Snapshot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("taken_on", models.DateField(verbose_name="as of")),
                ("mandate_statuses", models.JSONField(default=dict, editable=False)),
                ("request_statuses", models.JSONField(default=dict, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "snapshot",
                "verbose_name_plural": "snapshots",
                "ordering": ["-taken_on", "-pk"],
                "constraints": [models.UniqueConstraint(fields=("name",), name="reporting_snapshot_unique_name")],
            },
        ),
        migrations.RunPython(adopt_snapshots_of_the_cicte_app, migrations.RunPython.noop, elidable=True),
    ]
