"""Read what a list page shows and what its export holds, so tests can compare the two."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook


def listed(response) -> list:
    """The rows of the page the user sees."""
    assert response.status_code == 200, response.status_code
    return list(response.context["page_obj"].object_list)


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def export_table(response) -> list[list]:
    """An export as rows of cells, the header row first (JSON: its keys, then its values)."""
    assert response.status_code == 200, response.status_code
    body = content(response)
    kind = response["Content-Type"]
    if kind.startswith("text/csv"):
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    if kind.startswith("application/json"):
        records = json.loads(body)
        keys = list(records[0]) if records else []
        return [keys] + [[record[key] for key in keys] for record in records]
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    return [["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)]


def export_column(response, header: str) -> list:
    """One column of an export, found by its header (CSV/XLSX label or JSON key)."""
    header_row, *rows = export_table(response)
    index = header_row.index(header)
    return [row[index] for row in rows]
