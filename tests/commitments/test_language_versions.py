"""Every language version of a resolution attaches to the same mandates paragraph by paragraph;
the resolution page says which versions are held; a version whose paragraphs do not match the
original's is refused, naming the differences. (Readers seeing the text held in their language,
or the original with a note: tests/commitments/test_mandate_pages.py, tests/reporting/test_report.py.)"""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.importer import ResolutionImportError
from commitments.importer.owners import AliasTable
from commitments.importer.parse import parse_text
from commitments.importer.save import prefill_from_existing, save_parsed
from commitments.models import Mandate, ResolutionText
from tests.commitments.importer_helpers import DATA, SEED

pytestmark = pytest.mark.django_db
SPANISH = (DATA / "resolutions" / "cicte-doc-6-23-rev2.es.txt").read_text(encoding="utf-8")


def import_text(text, by):
    document = prefill_from_existing(parse_text(text, aliases=AliasTable.from_db()))
    return save_parsed(document, by=by, source_name="resolution.txt")


@pytest.fixture
def french_original(staff):
    return import_text(SEED.read_text(encoding="utf-8"), staff).resolution


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_resolution_page_names_the_versions_held(french_original, staff, viewer_client):
    import_text(SPANISH, staff)
    page = in_language(viewer_client, "en").get(french_original.get_absolute_url()).content.decode()
    held = page[page.index("Texts held") : page.index("Versions not held")]
    assert "French" in held and "Spanish" in held and "English" not in held
    assert "English, Portuguese" in page[page.index("Versions not held") :]


def test_a_version_missing_a_paragraph_is_refused_naming_it(french_original, staff):
    missing = SPANISH.replace(
        "\n3. Solicitar a la Secretaría del CICTE que apoye", "\nSolicitar a la Secretaría del CICTE que apoye", 1
    )
    with pytest.raises(ResolutionImportError) as refused:
        import_text(missing, staff)
    message = refused.value.messages[0]
    assert "does not match the original" in message
    assert "Not in this version: §1 ¶3" in message
    assert not ResolutionText.objects.filter(language="es").exists()
    assert not Mandate.objects.exclude(translations={}).exists()


def test_a_renumbered_version_is_refused_naming_both_numbers(french_original, staff):
    renumbered = SPANISH.replace("\n2. Adoptar nuevas medidas", "\n5. Adoptar nuevas medidas", 1)
    with pytest.raises(ResolutionImportError) as refused:
        import_text(renumbered, staff)
    message = refused.value.messages[0]
    assert "Not in this version: §2 ¶2." in message
    assert "Not in the original: §2 ¶5." in message
    assert not Mandate.objects.exclude(translations={}).exists()


def test_the_preview_of_a_mismatched_version_shows_the_mismatch_and_confirming_attaches_nothing(
    french_original, staff_client
):
    renumbered = SPANISH.replace("\n2. Adoptar nuevas medidas", "\n5. Adoptar nuevas medidas", 1)
    upload = SimpleUploadedFile("cicte-doc-6-23-rev2.es.txt", renumbered.encode(), content_type="text/plain")
    staff_client.post(reverse("commitments:import_upload"), {"file": upload, "language": ""})
    page = staff_client.get(reverse("commitments:import_preview")).content.decode()
    assert "Not in the original: §2 ¶5." in page
    assert "Not in this version: §2 ¶2." in page
