"""Helpers of the national implementation report tests: mandates addressed to member states,
private storage for report documents, and an entry recorded through the service."""

from __future__ import annotations

import pytest
from django.core.files.storage import FileSystemStorage

from states.implementation import NationalImplementationReport
from states.implementation_services import record_implementation_report
from states.models import MemberState
from tests import factories
from tests.states.fixtures import pdf

Status = NationalImplementationReport.Status


def addressed_mandate(**fields):
    """A mandate that asks member states to act."""
    fields.setdefault("text", "Member states are urged to adopt national cybersecurity strategies.")
    return factories.make_mandate(owners=["Member States"], **fields)


def use_report_storage(monkeypatch, location) -> None:
    field = NationalImplementationReport._meta.get_field("document")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=location))


@pytest.fixture
def report_files(tmp_path, monkeypatch):
    """Report documents written under a temporary folder instead of var/private."""
    location = tmp_path / "reports"
    use_report_storage(monkeypatch, location)
    return location


def report(iso3: str, mandate, *, by, status: str = Status.IN_PROGRESS, **fields) -> NationalImplementationReport:
    fields.setdefault("narrative", f"{iso3} drafted its national strategy.")
    return record_implementation_report(
        state=MemberState.objects.get(iso3=iso3), mandate=mandate, by=by, status=status, **fields
    )


def pdf_report(iso3: str, mandate, *, by, **fields) -> NationalImplementationReport:
    """An entry with a PDF (callers use the ``report_files`` fixture)."""
    return report(iso3, mandate, by=by, document=pdf("national-strategy.pdf"), **fields)
