"""Importing a symbol again: in the same language it updates in place and keeps the work done;
in another language it attaches that text as a translation. Nothing is ever duplicated."""

import pytest

from commitments import services
from commitments.importer import import_resolution_file
from commitments.importer.owners import AliasTable
from commitments.importer.parse import parse_text
from commitments.importer.save import prefill_from_existing, save_parsed
from commitments.models import Mandate, MandateUpdate, Owner, Resolution, ResolutionImport, Section
from tests import factories
from tests.commitments.importer_helpers import DATA, SEED

pytestmark = pytest.mark.django_db
SEED_TEXT = SEED.read_text(encoding="utf-8")


def import_text(text, by, name="resolution.txt"):
    document = prefill_from_existing(parse_text(text, aliases=AliasTable.from_db()))
    return save_parsed(document, by=by, source_name=name)


def mandate(section, number, parent=None):
    query = Mandate.objects.filter(section__position=section, number=number)
    return query.get(parent__number=parent) if parent else query.get(parent=None)


def test_importing_the_same_text_twice_changes_and_duplicates_nothing(staff):
    import_resolution_file(SEED, by=staff)
    before = list(Mandate.objects.order_by("pk").values_list("pk", "text", "tree_position"))

    report = import_resolution_file(SEED, by=staff)

    assert report.mode == "updated"
    assert (report.added, report.removed, report.changed) == ([], [], [])
    assert Resolution.objects.count() == 1 and Section.objects.count() == 4
    assert list(Mandate.objects.order_by("pk").values_list("pk", "text", "tree_position")) == before
    assert ResolutionImport.objects.filter(resolution=report.resolution).count() == 2


def test_a_revised_text_updates_in_place_and_keeps_statuses_updates_and_request_links(staff):
    import_resolution_file(SEED, by=staff)
    kept = mandate(1, "3")
    services.change_mandate_status(mandate=kept, new_status=Mandate.Status.IN_PROGRESS, by=staff, note="Started.")
    request = factories.make_request("MEX", by=staff, mandates=[kept])
    linked_gone = mandate(2, "4")
    factories.make_request("CHL", by=staff, mandates=[linked_gone])
    head, tail = SEED_TEXT.split("4. De demander au SSM, par l'intermédiaire du CICTE")
    revised = (head + tail[tail.index("Mesures d’encouragement") :]).replace(  # §2 ¶4 goes
        "De demander au Secrétariat du CICTE de soutenir", "De prier le Secrétariat du CICTE de soutenir"
    )
    revised = revised.replace(
        "\n\nPromotion de la cybersécurité", "\n\n6. De noter les progrès.\n\nPromotion de la cybersécurité"
    )

    report = import_text(revised, staff)

    assert report.mode == "updated"
    assert report.changed == ["§1 ¶3 (text)"]
    assert report.added == ["§1 ¶6"]
    assert report.removed == ["§2 ¶4"]
    kept.refresh_from_db()
    assert kept.text.startswith("De prier le Secrétariat du CICTE")
    assert kept.status == Mandate.Status.IN_PROGRESS
    assert list(request.mandates.all()) == [kept]
    notes = list(MandateUpdate.objects.filter(mandate=kept).values_list("note", flat=True))
    assert "Started." in notes and any(note.startswith("Text changed by the import") for note in notes)
    linked_gone.refresh_from_db()  # still there, because a request points at it…
    assert linked_gone.status == Mandate.Status.SUPERSEDED  # …but marked as no longer in force
    assert Mandate.objects.filter(resolution=report.resolution).count() == 20
    assert Resolution.objects.count() == 1


def test_a_paragraph_that_left_the_text_and_has_no_history_is_deleted(staff):
    import_resolution_file(SEED, by=staff)
    shorter = SEED_TEXT.replace("\n5. De remercier le gouvernement du Mexique d'avoir organisé", "\nDe remercier", 1)

    report = import_text(shorter, staff)

    assert "§1 ¶5" in report.removed and "§1 ¶–" in report.added
    assert not Mandate.objects.filter(section__position=1, number="5").exists()


def test_owners_staff_corrected_are_kept_when_the_same_text_comes_again(staff):
    import_resolution_file(SEED, by=staff)
    first = mandate(1, "1")
    first.owners.set([Owner.objects.get(name_en="CICTE")])

    report = import_resolution_file(SEED, by=staff)

    assert report.changed == []
    assert list(first.owners.values_list("name_en", flat=True)) == ["CICTE"]


def test_the_same_symbol_in_another_language_attaches_its_text_to_the_existing_mandates(staff):
    import_resolution_file(SEED, by=staff)
    count = Mandate.objects.count()

    report = import_resolution_file(DATA / "resolutions" / "cicte-doc-6-23-rev2.es.txt", by=staff)

    assert report.mode == "translation"
    assert report.unmatched == [] and len(report.changed) == count
    assert Mandate.objects.count() == count and Resolution.objects.count() == 1
    three = mandate(1, "3")
    assert three.language == "fr" and three.text.startswith("De demander au Secrétariat du CICTE")
    assert three.translations["es"].startswith("Solicitar a la Secretaría del CICTE")
    assert three.text_in("es")[0].startswith("Solicitar")
    assert mandate(3, "iii", parent="1").translations["es"].startswith("Promover la implementación")
    assert Section.objects.get(position=2).title_in("es") == "Promoción de la ciberseguridad"
    assert set(report.resolution.texts.values_list("language", flat=True)) == {"fr", "es"}
    assert report.resolution.title.startswith("Projets de paragraphes")  # the header stays the first text's
