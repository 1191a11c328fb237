"""Path converters that accept only what a real row could be named by, so that a hostile path
(a NUL byte, a 30-digit number, a thousand characters) is a 404 from the URL resolver before
any view runs a query. PostgreSQL refuses a NUL in a string parameter outright and SQLite
cannot hold an integer past 2**63 - 1; neither should turn a bad link into a server error.

Importing this module registers ``<id:…>``, ``<iso3:…>`` and ``<reference:…>``; each app's
``urls.py`` imports it before using them.
"""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    """A primary key: at most 18 ASCII digits, so always below 2**63 (a BigAutoField's range)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class Iso3Converter:
    """A member state's ISO 3166 alpha-3 code (``states_memberstate_iso3_format``), in any
    case: a link typed as ``/states/mex/`` still finds Mexico."""

    regex = "[A-Za-z]{3}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value) -> str:
        return str(value)


class ReferenceConverter:
    """A request reference, REQ-<year>-<number> (``states_assistancerequest_reference_format``,
    at most 20 characters)."""

    regex = "REQ-[0-9]{4}-[0-9]{4,11}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")
register_converter(Iso3Converter, "iso3")
register_converter(ReferenceConverter, "reference")
