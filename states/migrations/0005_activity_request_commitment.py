"""Activities and requests name the Work Plan commitment they deliver."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0006_workplan_commitments"),
        ("states", "0004_national_implementation_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="commitment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="activities",
                to="commitments.commitment",
                verbose_name="Work Plan commitment",
            ),
        ),
        migrations.AddField(
            model_name="assistancerequest",
            name="commitment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="requests",
                to="commitments.commitment",
                verbose_name="Work Plan commitment",
            ),
        ),
    ]
