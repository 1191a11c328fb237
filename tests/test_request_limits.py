"""A body larger than any form of the site accepts is refused with 413 at once, before a byte
of it is read, whoever sends it."""

import pytest
from django.test import Client, override_settings

from core.middleware import max_body_bytes

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class _Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def _post_declaring(client: Client, path: str, length: int):
    return client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": _Unreadable()},
    )


def test_an_anonymous_300_mb_upload_is_refused_before_it_is_read():
    response = _post_declaring(Client(), "/requests/new/", 300 * MB)

    assert response.status_code == 413
    assert b"larger than this site accepts" in response.content


def test_a_focal_point_sending_more_than_the_limit_is_refused_too(focal_mx_client):
    response = _post_declaring(focal_mx_client, "/requests/REQ-2024-0001/documents/", max_body_bytes() + 1)

    assert response.status_code == 413


@override_settings(ATTACHMENT_MAX_BYTES=40 * MB)
def test_the_limit_follows_the_attachment_size_the_site_is_configured_for():
    assert max_body_bytes() == 41 * MB
    assert _post_declaring(Client(), "/requests/new/", 40 * MB).status_code != 413
