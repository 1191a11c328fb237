"""Updates carry the day the event happened (core.models.UpdateBase.happened_on): the column
arrives empty here, is filled in the next migration and required in the one after."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("states", "0006_scale_indexes")]

    operations = [
        migrations.AddField(
            model_name="requestupdate",
            name="happened_on",
            field=models.DateField(null=True, verbose_name="happened on"),
        ),
    ]
