import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("states", "0008_requestupdate_happened_on_fill")]

    operations = [
        migrations.AlterField(
            model_name="requestupdate",
            name="happened_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="The day it happened, if not today.",
                verbose_name="happened on",
            ),
        ),
    ]
