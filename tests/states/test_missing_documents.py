"""A database restored without its private storage: each document whose file is gone answers
410 Gone saying so (and the administrators find the missing path in the log); the request page
and every document still on disk work as before."""

import logging

import pytest

from states import services
from tests import factories
from tests.states.fixtures import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_documents(private_files, focal_mx):
    request = factories.make_request("MEX", by=focal_mx)
    lost = services.add_attachment(request=request, by=focal_mx, upload=pdf("note-verbale.pdf"))
    kept = services.add_attachment(request=request, by=focal_mx, upload=pdf("agenda.pdf"))
    (private_files / lost.file.name).unlink()
    return request, lost, kept


def test_a_focal_point_opening_a_document_whose_file_is_gone_is_told_so(focal_mx_client, two_documents, caplog):
    request, lost, kept = two_documents

    with caplog.at_level(logging.ERROR, logger="states.attachments"):
        response = focal_mx_client.get(f"/attachments/{lost.pk}/")

    assert response.status_code == 410
    assert "note-verbale.pdf" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert any(lost.file.name in record.getMessage() for record in caplog.records)
    # The request page and the documents still on disk work as before.
    assert focal_mx_client.get(f"/attachments/{kept.pk}/").status_code == 200
    assert focal_mx_client.get(request.get_absolute_url()).status_code == 200
