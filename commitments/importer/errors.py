"""The one error the importer raises: a clear message, a code, and nothing written."""

from django.core.exceptions import ValidationError


class ResolutionImportError(ValidationError):
    """A file or text the importer cannot turn into a resolution.

    Codes: ``empty``, ``binary``, ``corrupt``, ``unsupported_type``, ``encrypted``, ``no_text``,
    ``too_large``, ``too_long``, ``too_many_pages``, ``too_many_paragraphs``,
    ``no_operative_paragraphs``, ``unknown_language``, ``no_symbol``, ``changed_meanwhile``,
    ``version_mismatch``.
    """
