"""A URL configuration with no URLs at all, for the 500 page test (tests/test_error_pages.py):
the page must not reverse any URL, since a broken URL configuration may be why it is shown."""

urlpatterns = []
