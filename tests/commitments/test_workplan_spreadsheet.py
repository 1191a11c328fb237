"""A work plan drafted in a spreadsheet: commitments and indicators import keyed on work plan +
code, with row errors in words; an export re-imported unchanged changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.resources import mandate_key
from commitments.workplan import Commitment, Indicator, ReportingPeriod
from commitments.workplan_resources import CommitmentResource, IndicatorResource
from core.import_export_formats import CSV, JSON, XLSX
from tests import factories
from tests.commitments.workplan_helpers import make_commitment, make_indicator

pytestmark = pytest.mark.django_db

FORMATS = [CSV, XLSX, JSON]
PLAN = "CICTE Work Plan 2023-2024"


def snapshot() -> dict:
    return {
        model.__name__: sorted(map(repr, model.objects.values()))
        for model in (Commitment, Commitment.mandates.through, Indicator, ReportingPeriod)
    }


def export(resource_class, file_format):
    return file_format().export_data(resource_class().export())


def run_import(resource_class, content, file_format, user, *, dry_run=False):
    dataset = file_format().create_dataset(content)
    return resource_class().import_data(dataset, dry_run=dry_run, user=user, file_name="plan")


def errors(result) -> str:
    messages = [str(error.error) for row in result.row_errors() for error in row[1]]
    for invalid in result.invalid_rows:
        messages += [f"{field}: {m}" for field, found in invalid.error_dict.items() for m in found]
    return " ".join(messages)


@pytest.fixture
def drafted(staff):
    commitment = make_commitment(code="CYB-1", responsible=staff, description="=SUM(A1) is not a formula")
    commitment.mandates.add(factories.make_mandate())
    indicator = make_indicator(commitment, code="CYB-1.a", target=Decimal("12.50"))
    ReportingPeriod.objects.filter(indicator=indicator, code="2024-H1").update(target=5)
    make_indicator(commitment, code="CYB-1.b", measurement="reported", unit="percentage", target=80, frequency="yearly")
    return commitment


@pytest.mark.parametrize("file_format", FORMATS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("resource_class", [CommitmentResource, IndicatorResource], ids=lambda r: r.__name__)
def test_an_export_re_imported_unchanged_changes_nothing(drafted, administrator, resource_class, file_format):
    content = export(resource_class, file_format)
    before = snapshot()

    result = run_import(resource_class, content, file_format, administrator)

    assert errors(result) == ""
    assert result.totals["new"] == result.totals["update"] == 0
    assert result.totals["skip"] > 0
    assert snapshot() == before


def test_indicator_period_targets_are_one_column(drafted):
    exported = export(IndicatorResource, CSV)

    assert "2024-H1=5" in exported
    assert PLAN in exported


def test_a_drafted_plan_imports_commitments_then_indicators_with_their_schedule(administrator, staff):
    first, second = factories.make_mandate(), factories.make_mandate()
    commitments = (
        "work_plan,code,program_area,title,description,mandates,responsible,starts_on,ends_on,status\n"
        f"{PLAN},CBRN-1,cbrn,Model 1540 action plans,,{mandate_key(first)}|{mandate_key(second)},staff,"
        "2023-07-01,2024-06-30,planned\n"
    )
    indicators = (
        "work_plan,commitment,code,name,unit,measurement,frequency,baseline,target,by_gender,period_targets\n"
        f"{PLAN},CBRN-1,CBRN-1.a,States reached,member_states,states_reached,quarterly,0,6,0,2023-Q3=1|2024-Q2=2\n"
    )

    assert errors(run_import(CommitmentResource, commitments, CSV, administrator)) == ""
    assert errors(run_import(IndicatorResource, indicators, CSV, administrator)) == ""

    commitment = Commitment.objects.get(code="CBRN-1")
    assert set(commitment.mandates.all()) == {first, second}
    assert commitment.responsible == staff
    targets = dict(Indicator.objects.get(code="CBRN-1.a").periods.values_list("code", "target"))
    assert targets == {"2023-Q3": 1, "2023-Q4": None, "2024-Q1": None, "2024-Q2": 2}


def test_changing_a_target_in_the_spreadsheet_updates_only_that(drafted, administrator):
    content = export(IndicatorResource, CSV).replace("2024-H1=5", "2024-H1=7")

    result = run_import(IndicatorResource, content, CSV, administrator)

    assert errors(result) == "" and result.totals["update"] == 1
    assert ReportingPeriod.objects.get(indicator__code="CYB-1.a", code="2024-H1").target == 7


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (f"{PLAN},X-1,no-such-area,T,,{{mandate}},,2023-07-01,2024-06-30,planned", "No program area"),
        (f"{PLAN},X-1,cbrn,T,,,,2023-07-01,2024-06-30,planned", "at least one mandate"),
        (f"{PLAN},X-1,cbrn,T,,CICTE/doc.1/99 · §1 ¶4,,2023-07-01,2024-06-30,planned", "Unknown mandate"),
        (f"{PLAN},X-1,cbrn,T,,{{mandate}},,2023-07-01,2026-06-30,planned", "within the work plan"),
        (f"{PLAN},X-1,cbrn,T,,{{mandate}},,2023-07-01,2024-06-30,forgotten", "not a valid choice"),
        ("Work Plan 1999,X-1,cbrn,T,,{mandate},,2023-07-01,2024-06-30,planned", "No work plan"),
    ],
)
def test_a_bad_commitment_row_is_a_row_error_in_words_and_nothing_is_written(administrator, row, message):
    header = "work_plan,code,program_area,title,description,mandates,responsible,starts_on,ends_on,status\n"
    content = header + row.replace("{mandate}", mandate_key(factories.make_mandate())) + "\n"
    before = snapshot()

    result = run_import(CommitmentResource, content, CSV, administrator)

    assert message in errors(result)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (f"{PLAN},CYB-1,N,States,percentage,states_reached,yearly,0,5,0,", "is measured in"),
        (f"{PLAN},CYB-1,N,Trained,participants,participants,yearly,0,5,1,2023=x", "not a period target"),
        (f"{PLAN},CYB-1,N,Trained,participants,participants,yearly,0,5,1,2031=4", "No reporting period 2031"),
        (f"{PLAN},NOPE,N,Trained,count,activity_count,yearly,0,5,0,", "No commitment"),
    ],
)
def test_a_bad_indicator_row_is_a_row_error_in_words_and_nothing_is_written(drafted, administrator, row, message):
    header = "work_plan,commitment,code,name,unit,measurement,frequency,baseline,target,by_gender,period_targets\n"
    before = snapshot()

    result = run_import(IndicatorResource, header + row + "\n", CSV, administrator)

    assert message in errors(result)
    assert snapshot() == before


def test_the_admin_previews_a_re_imported_export_and_confirms_it_unchanged(drafted, administrator_client):
    exported = administrator_client.post(
        reverse("admin:commitments_commitment_export"),
        {"format": 0, "resource": 0, **_all_fields(administrator_client)},
    )
    assert exported.status_code == 200
    before = snapshot()
    upload = SimpleUploadedFile("plan.csv", exported.content)

    preview = administrator_client.post(
        reverse("admin:commitments_commitment_import"), {"import_file": upload, "format": 0}
    )

    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == 1
    confirmed = administrator_client.post(
        reverse("admin:commitments_commitment_process_import"), preview.context["confirm_form"].initial
    )
    assert confirmed.status_code == 302
    assert snapshot() == before


def test_the_admin_preview_shows_row_errors_and_offers_no_confirmation(administrator_client):
    content = (
        "work_plan,code,program_area,title,description,mandates,responsible,starts_on,ends_on,status\n"
        f"{PLAN},X-1,no-such-area,T,,,,2023-07-01,2024-06-30,planned\n"
    )

    preview = administrator_client.post(
        reverse("admin:commitments_commitment_import"),
        {"import_file": SimpleUploadedFile("plan.csv", content.encode()), "format": 0},
    )

    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is None
    assert "No program area" in preview.content.decode()
    assert not Commitment.objects.exists()


def _all_fields(client) -> dict:
    form = client.get(reverse("admin:commitments_commitment_export")).context["form"]
    return {name: "on" for name, field in form.fields.items() if field.__class__.__name__ == "BooleanField"}


def test_commitment_dates_are_exported_as_iso_dates(drafted):
    assert datetime.date(2023, 7, 1).isoformat() in export(CommitmentResource, CSV)
