"""Updates carry the day the event happened (core.models.UpdateBase.happened_on): the column
arrives empty here, is filled in the next migration and required in the one after."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("commitments", "0007_scale_indexes")]

    operations = [
        migrations.AddField(
            model_name="mandateupdate",
            name="happened_on",
            field=models.DateField(null=True, verbose_name="happened on"),
        ),
    ]
