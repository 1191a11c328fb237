"""Every existing update happened on the day it was written (in the site's time zone): one
UPDATE, whatever the number of rows."""

from django.db import migrations
from django.db.models.functions import TruncDate


def fill(apps, schema_editor):
    apps.get_model("states", "RequestUpdate").objects.filter(happened_on__isnull=True).update(
        happened_on=TruncDate("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [("states", "0007_requestupdate_happened_on")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
