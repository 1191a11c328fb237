"""Spreadsheet formulas written with the full-width (＝＋－＠) or small (﹦﹢﹣﹫) forms of the
signs are defused like their ASCII twins, in list exports, the admin's formats and the report,
and a defused cell re-imports as the original text."""

import io

import pytest
from openpyxl import load_workbook

from commitments.models import Owner
from commitments.resources import OwnerResource
from core.exports import escape_formula
from core.import_export_formats import CSV, XLSX
from reporting.report_xlsx import escape_formula as report_escape_formula
from tests import factories
from tests.listing_helpers import export_column

WIDE_AND_SMALL = ["＝HYPERLINK(1)", "﹦1+1", "＋1+2", "﹢1+2", "－2+3", "﹣2+3", "＠SUM(A1)", "﹫SUM(A1)"]


@pytest.mark.parametrize("text", WIDE_AND_SMALL)
def test_a_full_width_or_small_formula_sign_gets_a_leading_apostrophe_everywhere(text):
    assert escape_formula(text) == "'" + text
    assert report_escape_formula(text) == "'" + text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.django_db
def test_a_viewer_exporting_mandates_gets_full_width_formulas_as_plain_text(viewer_client, fmt):
    section = factories.make_section(factories.make_resolution("CICTE/doc.7/24"))
    factories.make_mandate(section, text='＝HYPERLINK("http://evil.example")')

    texts = export_column(viewer_client.get(f"/mandates/export/{fmt}/"), "Text")

    assert '\'＝HYPERLINK("http://evil.example")' in texts


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", [CSV, XLSX], ids=lambda f: f.__name__)
def test_an_administrator_re_importing_a_defused_small_form_cell_gets_the_original_text(file_format):
    Owner.objects.create(name_en="﹫Regional bodies", abbreviation="＋RB")
    exported = file_format().export_data(OwnerResource().export())
    if file_format is CSV:
        assert "'﹫Regional bodies" in exported and "'＋RB" in exported
    else:
        cells = [cell for row in load_workbook(io.BytesIO(exported)).active.iter_rows(values_only=True) for cell in row]
        assert "'﹫Regional bodies" in cells

    dataset = file_format().create_dataset(exported)
    result = OwnerResource().import_data(dataset, dry_run=False, file_name="test")

    assert not result.has_errors()
    assert Owner.objects.filter(name_en="﹫Regional bodies", abbreviation="＋RB").count() == 1
