"""Exports: every format holds the rows the list shows, and spreadsheet formats defuse text a
spreadsheet would run as a formula."""

import datetime

import pytest
from django.test import override_settings

from commitments.models import Mandate
from commitments.views.mandates import MANDATE_COLUMNS
from core.exports import escape_formula
from tests import factories
from tests.listing_helpers import export_column, export_table, listed

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx", "json"]
DANGEROUS = ['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_a_spreadsheet_would_run_gets_a_leading_apostrophe(text):
    assert escape_formula(text) == "'" + text


@pytest.mark.parametrize("value", ["Canada", "a=b", "", 5, -5, datetime.date(2024, 1, 1)])
def test_harmless_values_are_left_alone(value):
    assert escape_formula(value) == value


@pytest.fixture
def mandates():
    section = factories.make_section(factories.make_resolution("CICTE/doc.7/24"))
    return [
        factories.make_mandate(section, text='=HYPERLINK("http://evil.example")', deadline=datetime.date(2024, 5, 1)),
        factories.make_mandate(section, text="To hold a regional exercise.", owners=["CICTE Secretariat"]),
        factories.make_mandate(section, text="To thank the host.", status=Mandate.Status.NO_ACTION_REQUIRED),
    ]


def _key(fmt: str, key: str, label: str) -> str:
    return key if fmt == "json" else label


@pytest.mark.parametrize("fmt", FORMATS)
def test_mandate_export_holds_the_rows_the_list_shows(viewer_client, mandates, fmt):
    query = {"status": Mandate.Status.NOT_STARTED, "sort": "-deadline"}

    shown = [mandate.pk for mandate in listed(viewer_client.get("/mandates/", query))]
    exported = export_column(viewer_client.get(f"/mandates/export/{fmt}/", query), _key(fmt, "id", "ID"))

    assert [int(value) for value in exported] == shown == [mandates[0].pk, mandates[1].pk]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_spreadsheet_exports_escape_formulas(viewer_client, mandates, fmt):
    texts = export_column(viewer_client.get(f"/mandates/export/{fmt}/"), "Text")

    assert '\'=HYPERLINK("http://evil.example")' in texts
    assert "To hold a regional exercise." in texts


def test_json_export_keeps_the_text_as_it_is(viewer_client, mandates):
    texts = export_column(viewer_client.get("/mandates/export/json/"), "text")

    assert '=HYPERLINK("http://evil.example")' in texts


def test_exports_name_owners_in_the_users_language_and_keep_dates_as_dates(viewer_client, mandates):
    # Headers are translated too, so columns are found by their place.
    keys = [column.key for column in MANDATE_COLUMNS]
    _header, *rows = export_table(viewer_client.get("/mandates/export/xlsx/", HTTP_ACCEPT_LANGUAGE="es"))

    assert "Secretaría del CICTE" in [row[keys.index("owners")] for row in rows]
    assert datetime.datetime(2024, 5, 1) in [row[keys.index("deadline")] for row in rows]


def test_json_export_gives_owners_as_a_list(viewer_client, mandates):
    owners = export_column(viewer_client.get("/mandates/export/json/"), "owners")

    assert ["CICTE Secretariat"] in owners


def test_export_is_a_dated_download(viewer_client, mandates):
    response = viewer_client.get("/mandates/export/csv/")

    assert response["Content-Disposition"].startswith('attachment; filename="mandates-')
    assert response["Content-Type"] == "text/csv; charset=utf-8"


@override_settings(PUBLIC_MANDATES=False)
def test_anonymous_exports_are_sent_to_log_in(client, mandates):
    assert client.get("/mandates/export/json/").status_code == 302
