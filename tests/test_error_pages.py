"""Error pages (400, 403, 404, 500) with DEBUG off: in the site's layout and the reader's
language, under the same Content Security Policy as every page, and revealing nothing of what
failed. The 500 page renders with no request, no database and no URLs."""

import re

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.template import loader
from django.test import Client, override_settings
from django.urls import path

from cicte.urls import urlpatterns as site_urlpatterns
from tests import factories

pytestmark = pytest.mark.django_db

SECRET = "Internal note 42 of REQ-2024-0007"


def _bad_request(request):
    raise SuspiciousOperation(SECRET)


def _forbidden(request):
    raise PermissionDenied(SECRET)


def _not_found(request):
    raise Http404(SECRET)


def _crash(request):
    raise RuntimeError(SECRET)


# This module is the URL configuration of the tests below: the site's URLs plus four that fail.
urlpatterns = [
    path("fail/400/", _bad_request),
    path("fail/403/", _forbidden),
    path("fail/404/", _not_found),
    path("fail/500/", _crash),
    *site_urlpatterns,
]

FAILING = override_settings(ROOT_URLCONF=__name__, DEBUG=False)
TITLES = {400: "Bad request", 403: "Forbidden", 404: "Page not found", 500: "Server error"}


@pytest.fixture
def client(focal_mx):
    client = Client(raise_request_exception=False)
    client.force_login(focal_mx)
    return client


@FAILING
@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_an_error_page_is_in_the_sites_layout_under_its_csp_and_reveals_nothing(client, status):
    page = client.get("/mandates/")

    response = client.get(f"/fail/{status}/")

    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{TITLES[status]}</h1>" in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert "/static/css/site.css" in html or "css/site." in html
    assert SECRET not in html and "Traceback" not in html and "RuntimeError" not in html
    assert response["Content-Security-Policy"] == page["Content-Security-Policy"]


@FAILING
@pytest.mark.parametrize(("status", "title"), [(404, "Página no encontrada"), (500, "Error del servidor")])
def test_an_error_page_is_in_the_readers_language(client, status, title):
    response = client.get(f"/fail/{status}/", headers={"accept-language": "es"})

    html = response.content.decode()
    assert '<html lang="es">' in html
    assert f"<h1>{title}</h1>" in html


def test_another_states_request_answers_the_same_404_page_as_a_missing_one(focal_cl_client, staff):
    mexican = factories.make_request("MEX", by=staff, title="Mexican cyber workshop")

    hidden = focal_cl_client.get(f"/requests/{mexican.reference}/")
    missing = focal_cl_client.get("/requests/REQ-1999-9999/")

    assert hidden.status_code == missing.status_code == 404
    assert "<h1>Page not found</h1>" in hidden.content.decode()
    # The same page, but for the address the reader typed (the language switcher returns there).
    assert _page(hidden, mexican.reference) == _page(missing, "REQ-1999-9999")
    assert "Mexican cyber workshop" not in hidden.content.decode()


def _page(response, reference: str) -> str:
    html = response.content.decode().replace(reference, "REFERENCE")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_form_sent_without_its_security_check_gets_the_403_page_in_the_layout(focal_mx):
    client = Client(enforce_csrf_checks=True)
    client.force_login(focal_mx)

    response = client.post("/i18n/setlang/", {"language": "es"})

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Forbidden</h1>" in html and 'class="site-header"' in html
    assert "CSRF cookie not set" not in html  # the reason stays in the log


@override_settings(ROOT_URLCONF="tests.test_error_pages_no_urls")
def test_the_500_page_renders_without_a_request_a_query_or_a_url(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()

    assert "<h1>Server error</h1>" in html and 'class="site-header"' in html
