"""The admin's import/export formats, with the tracker's own spreadsheet-formula escaping.

django-import-export only strips a leading "=" on export, which both leaves "+", "-" and "@"
live and alters the data. These formats prefix an apostrophe instead (``core.exports``), and
``TrackerResource`` removes exactly that apostrophe on import, so an exported file re-imported
unchanged changes nothing. JSON is not a spreadsheet: it is exported as is.
"""

from import_export.formats import base_formats

from core.exports import FORMULA_PREFIXES, escape_formula


def unescape_formula(value):
    """Undo ``escape_formula`` for a cell read back from an exported file."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


class _EscapingFormat:
    def _escape_formulae(self, dataset):
        escaped = [[escape_formula(cell) for cell in row] for row in dataset]
        del dataset[:]
        for row in escaped:
            dataset.append(row)


class CSV(_EscapingFormat, base_formats.CSV):
    pass


class XLSX(_EscapingFormat, base_formats.XLSX):
    pass


class JSON(base_formats.JSON):
    def export_data(self, dataset, **kwargs):
        return dataset.export(self.get_title(), **kwargs)
