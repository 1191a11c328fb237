"""An export of 10,000 requests streams: the response starts before the rows are all read,
rows come from the database a chunk at a time, and the memory it takes stays far below what
holding every row would (issue 10: exports of a Secretariat's ten years)."""

import datetime
import tracemalloc

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from core.exports import CHUNK_SIZE
from states.models import AssistanceRequest, MemberState
from tests import factories

pytestmark = pytest.mark.django_db

ROWS = 10_000


@pytest.fixture
def ten_thousand_requests(staff):
    section = factories.make_section(factories.make_resolution("CICTE/doc.1/24"))
    mandate = factories.make_mandate(section, number="1", position=1)
    mexico = MemberState.objects.get(iso3="MEX")
    requests = AssistanceRequest.objects.bulk_create(
        (
            AssistanceRequest(
                reference=f"REQ-2024-{n:05d}",
                state=mexico,
                title=f"Request {n} on border management and information exchange",
                description="Assistance.",
                request_type=AssistanceRequest.Type.TECHNICAL,
                received_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 300),
                assigned_to=staff,
            )
            for n in range(1, ROWS + 1)
        ),
        batch_size=2000,
    )
    AssistanceRequest.mandates.through.objects.bulk_create(
        (AssistanceRequest.mandates.through(assistancerequest=r, mandate=mandate) for r in requests), batch_size=2000
    )
    return requests


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_of_10000_requests_streams_in_chunks(staff_client, ten_thousand_requests, fmt):
    with CaptureQueriesContext(connection) as captured:
        response = staff_client.get(f"/requests/export/{fmt}/")
        pieces = iter(response.streaming_content)
        first = next(pieces)
        before_the_rest = len(captured)
        rest = b"".join(pieces)
    assert isinstance(response, StreamingHttpResponse)
    assert first
    # Each further chunk of rows is read only as the download goes on.
    chunks = ROWS // CHUNK_SIZE
    assert len(captured) - before_the_rest >= chunks - 1
    body = (first + rest).decode("utf-8-sig")
    assert body.count("REQ-2024-") >= ROWS
    assert "CICTE/doc.1/24" in body


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_of_10000_requests_holds_a_chunk_in_memory_not_every_row(staff_client, ten_thousand_requests, fmt):
    response = staff_client.get(f"/requests/export/{fmt}/")
    size = 0
    tracemalloc.start()
    try:
        for piece in response.streaming_content:
            size += len(piece)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size > 2_000_000
    # Measured: one chunk of plain values peaks near 8 MB; the 10,000 rows as model instances
    # (the export before issue 10) near 21 MB, and grow with the rows.
    assert peak < 12_000_000, (peak, size)
