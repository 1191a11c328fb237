"""Aliases that make "the Secretariat" alone (UN and OAS texts: "Encourages the Secretariat …",
"Encomendar a la Secretaría …") the General Secretariat's. Data only: staff may add more in the
admin; the importer reads aliases, so this teaches it without code."""

from django.db import migrations

ALIASES = {
    "en": ["Secretariat", "Secretariat of the United Nations", "United Nations Secretariat"],
    "es": ["Secretaría", "Secretaría de la Organización"],
    "fr": ["Secrétariat", "Secrétariat de l'Organisation"],
    "pt": ["Secretaria", "Secretariado", "Secretaria da Organização"],
}


def load(apps, schema_editor):
    Owner = apps.get_model("commitments", "Owner")
    OwnerAlias = apps.get_model("commitments", "OwnerAlias")
    owner = Owner.objects.filter(name_en="General Secretariat").first()
    if owner is None:
        return  # staff renamed or removed it: nothing to attach the aliases to
    for language, texts in ALIASES.items():
        for text in texts:
            OwnerAlias.objects.get_or_create(language=language, text=text, defaults={"owner": owner})


def unload(apps, schema_editor):
    OwnerAlias = apps.get_model("commitments", "OwnerAlias")
    for language, texts in ALIASES.items():
        OwnerAlias.objects.filter(language=language, text__in=texts, owner__name_en="General Secretariat").delete()


class Migration(migrations.Migration):
    dependencies = [("commitments", "0003_resolution_import_history")]

    operations = [migrations.RunPython(load, unload)]
