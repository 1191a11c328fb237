"""Import and export of member states, owners, mandates, requests and activities: an export
re-imported unchanged changes nothing, a malformed file writes nothing and says why per row,
spreadsheet formulas are defused on export, and statuses move only through the services."""

from pathlib import Path

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import Mandate, MandateUpdate, Owner, OwnerAlias
from commitments.resources import MandateResource, OwnerResource
from core.import_export_formats import CSV, JSON, XLSX
from states.models import Activity, AssistanceRequest, MemberState, RequestUpdate
from states.resources import ActivityResource, AssistanceRequestResource, MemberStateResource

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FORMATS = [CSV, XLSX, JSON]  # the order of IMPORT_EXPORT_FORMATS: the admin form's indices
RESOURCES = {
    "member_states": (MemberStateResource, MemberState),
    "owners": (OwnerResource, Owner),
    "mandates": (MandateResource, Mandate),
    "requests": (AssistanceRequestResource, AssistanceRequest),
    "activities": (ActivityResource, Activity),
}
# Tables a re-import or a refused import must leave exactly as they were.
WATCHED = [MemberState, Owner, OwnerAlias, Mandate, MandateUpdate, AssistanceRequest, RequestUpdate, Activity]


def snapshot() -> dict:
    """Every row of the watched tables, as stored."""
    return {model.__name__: sorted(map(repr, model.objects.values())) for model in WATCHED}


def export_file(resource_class, file_format) -> bytes | str:
    """What the admin's export would send (formula escaping included)."""
    return file_format().export_data(resource_class().export())


def import_file(resource_class, content, file_format, user, *, dry_run=False):
    dataset = file_format().create_dataset(content)
    return resource_class().import_data(dataset, dry_run=dry_run, user=user, file_name="test")


def row_errors(result) -> list[str]:
    messages = [str(error.error) for row in result.row_errors() for error in row[1]]
    for invalid in result.invalid_rows:
        messages += [f"{field}: {message}" for field, errors in invalid.error_dict.items() for message in errors]
    return messages


@pytest.mark.parametrize("file_format", FORMATS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("name", RESOURCES)
def test_an_export_re_imported_unchanged_changes_nothing(name, file_format, populated, administrator):
    resource_class, model = RESOURCES[name]
    content = export_file(resource_class, file_format)
    before = snapshot()

    result = import_file(resource_class, content, file_format, administrator)

    assert row_errors(result) == []
    assert result.totals["new"] == result.totals["update"] == result.totals["delete"] == 0
    assert result.totals["skip"] == model.objects.count() > 0
    assert snapshot() == before


def _admin_import(client, model, content, file_format):
    """Upload, preview, and confirm if the preview allows it; return (preview, confirmation)."""
    url_name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    upload = SimpleUploadedFile(f"upload.{file_format().get_extension()}", _bytes(content))
    preview = client.post(reverse(f"{url_name}_import"), {"import_file": upload, "format": FORMATS.index(file_format)})
    assert preview.status_code == 200
    confirm_form = preview.context.get("confirm_form")
    if confirm_form is None:
        return preview, None
    return preview, client.post(reverse(f"{url_name}_process_import"), confirm_form.initial)


def _bytes(content) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


@pytest.mark.parametrize("name", RESOURCES)
def test_the_admin_previews_a_re_imported_export_as_unchanged_and_confirms_it(name, populated, administrator_client):
    resource_class, model = RESOURCES[name]
    url_name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    export_page = administrator_client.get(reverse(f"{url_name}_export"))
    form = export_page.context["form"]
    choices = {field: "on" for field, bound in form.fields.items() if bound.__class__.__name__ == "BooleanField"}
    exported = administrator_client.post(reverse(f"{url_name}_export"), {"format": 0, "resource": 0, **choices})
    assert exported.status_code == 200
    before = snapshot()

    preview, confirmation = _admin_import(administrator_client, model, exported.content, CSV)

    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == model.objects.count() and result.totals["update"] == 0
    assert confirmation.status_code == 302
    assert snapshot() == before


@pytest.mark.parametrize("name", RESOURCES)
def test_a_malformed_file_shows_row_errors_and_writes_nothing(name, populated, administrator):
    resource_class, _model = RESOURCES[name]
    content = (SAMPLES / f"{name}_malformed.csv").read_text()
    before = snapshot()

    result = import_file(resource_class, content, CSV, administrator)

    bad_rows = len(tablib.Dataset().load(content, format="csv")) - 1
    assert len(result.invalid_rows) + len(result.row_errors()) >= bad_rows - (name == "mandates")
    assert snapshot() == before


@pytest.mark.parametrize("name", RESOURCES)
def test_the_admin_shows_a_malformed_files_errors_and_offers_no_confirmation(name, populated, administrator_client):
    _resource_class, model = RESOURCES[name]
    before = snapshot()

    preview, confirmation = _admin_import(
        administrator_client, model, (SAMPLES / f"{name}_malformed.csv").read_text(), CSV
    )

    assert confirmation is None
    assert preview.context["result"].has_validation_errors() or preview.context["result"].has_errors()
    assert b"Line number" in preview.content or b"Row" in preview.content
    assert snapshot() == before


EXPECTED_ERRORS = {
    "member_states": [
        "states_memberstate_iso3_format",
        "Value 'expelled' is not a valid choice",
        "membership_ended_on: Value could not be parsed",
    ],
    "owners": ["“xx:RSS” is not an alias", "valid email", "Already an alias of another owner"],
    "mandates": [
        "Unknown owner: “Unknown Body”",
        "Unknown status “forgotten”",
        "Transition not allowed: “In progress” → “No action required”",
        "No resolution with symbol “CICTE/doc.99/99”",
    ],
    "requests": [
        "No member state with iso3 “ZZZ”",
        "Unknown mandate: “CICTE/doc.7/31 · §1 ¶77”",
        "Unknown status “lost”",
        "Transition not allowed: “Received” → “Closed”",
        "No request with reference “REQ-2031-9999”",
    ],
    "activities": [
        "A number of participants cannot be negative.",
        "The end date is before the start date.",
        "No assistance request with reference “REQ-2031-9999”",
        "No member state with iso3 “XXX”",
        "Value 'party' is not a valid choice",
    ],
}


@pytest.mark.parametrize("name", RESOURCES)
def test_each_row_error_says_what_is_wrong_in_words(name, populated, administrator):
    resource_class, _model = RESOURCES[name]

    result = import_file(resource_class, (SAMPLES / f"{name}_malformed.csv").read_text(), CSV, administrator)

    messages = " ".join(row_errors(result))
    for expected in EXPECTED_ERRORS[name]:
        assert expected in messages


def test_exported_cells_that_start_a_formula_are_defused(populated):
    Owner.objects.create(name_en='=HYPERLINK("http://evil.example","click")', abbreviation="+1+1")
    Owner.objects.create(name_en="@SUM(A1)", abbreviation="-2+3")

    exported = export_file(OwnerResource, CSV)

    assert """'=HYPERLINK(""http://evil.example"",""click"")""" in exported
    assert "'+1+1" in exported and "'@SUM(A1)" in exported and "'-2+3" in exported


@pytest.mark.parametrize("file_format", [CSV, XLSX], ids=lambda f: f.__name__)
def test_a_defused_cell_re_imports_as_the_original_text(file_format, populated, administrator):
    Owner.objects.create(name_en="- Regional bodies", abbreviation="=RB")
    before = snapshot()

    result = import_file(OwnerResource, export_file(OwnerResource, file_format), file_format, administrator)

    assert not result.has_errors() and result.totals["update"] == 0
    assert snapshot() == before


def test_owner_aliases_are_exported_and_imported_as_one_column(populated, administrator):
    exported = export_file(OwnerResource, CSV)
    assert "fr:Secrétariat du CICTE" in exported and "es:Secretaría del CICTE" in exported

    content = (
        "name_en,name_es,name_fr,name_pt,abbreviation,is_member_states,notify_email,aliases\n"
        "Regional Security System,,,,RSS,False,,en:RSS|en:Regional Security System|es:Sistema de Seguridad Regional\n"
    )
    result = import_file(OwnerResource, content, CSV, administrator)

    assert row_errors(result) == []
    owner = Owner.objects.get(name_en="Regional Security System")
    assert sorted(owner.aliases.values_list("language", "text")) == [
        ("en", "RSS"),
        ("en", "Regional Security System"),
        ("es", "Sistema de Seguridad Regional"),
    ]
    # Re-imported with one alias fewer: the alias goes.
    import_file(OwnerResource, content.replace("|en:Regional Security System", ""), CSV, administrator)
    assert owner.aliases.count() == 2


def test_a_changed_status_cell_moves_the_mandate_through_the_service(populated, administrator):
    mandate = populated[Mandate]
    dataset = MandateResource().export(queryset=Mandate.objects.filter(pk=mandate.pk))
    dataset[0] = tuple(
        "completed" if header == "status" else value for header, value in zip(dataset.headers, dataset[0])
    )

    result = MandateResource().import_data(dataset, user=administrator, file_name="report.csv")

    assert row_errors(result) == [] and result.totals["update"] == 1
    mandate.refresh_from_db()
    assert mandate.status == "completed"
    update = mandate.updates.first()
    assert (update.old_status, update.new_status, update.author) == ("in_progress", "completed", administrator)
    assert "report.csv" in update.note


def test_new_requests_get_their_reference_from_the_service(populated, administrator):
    content = (
        "reference,state,title,description,mandates,request_type,channel,received_on,priority,status\n"
        ",CHL,Cyber drill,National exercise.,CICTE/doc.7/31 · §1 ¶4,capacity_building,letter,2031-05-02,high,accepted\n"
    )

    result = import_file(AssistanceRequestResource, content, CSV, administrator)

    assert row_errors(result) == []
    request = AssistanceRequest.objects.get(title="Cyber drill")
    assert request.reference == "REQ-2031-0001"
    assert list(request.mandates.all()) == [populated[Mandate]]
    assert [entry.new_status for entry in request.updates.order_by("pk")] == ["received", "accepted"]


def test_a_state_that_left_cannot_file_a_request_by_import_either(populated, administrator):
    content = (
        "reference,state,title,description,request_type,channel,received_on,priority\n"
        ",NIC,Training,Course.,capacity_building,letter,2031-05-02,normal\n"
    )

    result = import_file(AssistanceRequestResource, content, CSV, administrator)

    assert "cannot file new requests" in " ".join(row_errors(result))
    assert not AssistanceRequest.objects.filter(state__iso3="NIC").exists()


def test_secretariat_staff_may_export_but_not_import(populated, staff_client):
    assert staff_client.get(reverse("admin:states_memberstate_export")).status_code == 200
    assert staff_client.get(reverse("admin:states_memberstate_import")).status_code == 403


def test_the_export_page_needs_no_inline_script_or_style(populated, administrator_client):
    page = administrator_client.get(reverse("admin:states_memberstate_export"))

    assert page.status_code == 200
    assert b"onchange=" not in page.content and b'style="' not in page.content
    assert b"js/admin_export.js" in page.content


def test_unnumbered_paragraphs_of_a_section_round_trip_by_their_position(populated, administrator):
    section = populated[Mandate].section
    for position in (7, 8):
        Mandate.objects.create(
            resolution=section.resolution,
            section=section,
            number="",
            position=position,
            tree_position=f"{position:04d}",
            text=f"Welcomes report {position}.",
            language="en",
        )
    content = export_file(MandateResource, CSV)

    result = import_file(
        MandateResource, content.replace("Welcomes report 8.", "Welcomes the report."), CSV, administrator
    )

    assert row_errors(result) == [] and result.totals["update"] == 1
    assert Mandate.objects.get(section=section, position=8).text == "Welcomes the report."
    assert Mandate.objects.get(section=section, position=7).text == "Welcomes report 7."
