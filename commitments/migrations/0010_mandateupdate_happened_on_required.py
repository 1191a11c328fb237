import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("commitments", "0009_mandateupdate_happened_on_fill")]

    operations = [
        migrations.AlterField(
            model_name="mandateupdate",
            name="happened_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="The day it happened, if not today.",
                verbose_name="happened on",
            ),
        ),
    ]
