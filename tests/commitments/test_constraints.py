"""The database itself refuses bad commitments rows: every named constraint, tried with a row
that breaks it (``update()`` and ``create()`` skip Django's validation on purpose)."""

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from commitments.models import (
    Mandate,
    MandateLink,
    MandatePairReview,
    MandateUpdate,
    Owner,
    OwnerAlias,
    ProgramArea,
    Resolution,
    ResolutionImport,
    ResolutionText,
    Section,
    WorkPlan,
)
from tests import factories
from tests.commitments.workplan_constraints import WORKPLAN_BAD_ROWS

pytestmark = pytest.mark.django_db


def named_constraints(app_label: str) -> dict[str, models.BaseConstraint]:
    return {
        constraint.name: constraint
        for model in apps.get_app_config(app_label).get_models()
        for constraint in model._meta.constraints
    }


def assert_refused(name: str, write) -> None:
    """``write`` raises IntegrityError; a check constraint is named in the error (SQLite and
    PostgreSQL both name it; SQLite names only the columns of a unique one)."""
    app_label = name.split("_", 1)[0]
    constraint = named_constraints(app_label).get(name) if apps.is_installed(app_label) else None
    match = name if isinstance(constraint, models.CheckConstraint) else None
    with pytest.raises(IntegrityError, match=match), transaction.atomic():
        write()


def _alias_duplicate():
    owner = Owner.objects.create(name_en="Test body")
    OwnerAlias.objects.create(owner=owner, language="en", text="Test body")
    OwnerAlias.objects.create(owner=owner, language="en", text="Test body")


def _alias_language():
    OwnerAlias.objects.create(owner=Owner.objects.create(name_en="Test body"), language="xx", text="Body")


def _work_plan():
    return WorkPlan.objects.create(title="Work Plan 2031-2032", start_year=2031, end_year=2032)


def _work_plan_duplicate():
    _work_plan()
    WorkPlan.objects.create(title="Another", start_year=2031, end_year=2032)


def _work_plan_backwards():
    WorkPlan.objects.create(title="Backwards", start_year=2032, end_year=2031)


def _program_area_duplicate():
    plan = _work_plan()
    ProgramArea.objects.create(work_plan=plan, code="cyber", name_en="Cybersecurity")
    ProgramArea.objects.create(work_plan=plan, code="cyber", name_en="Cyber again")


def _resolution_language():
    Resolution.objects.filter(pk=factories.make_resolution().pk).update(original_language="xx")


def _resolution_text_duplicate():
    resolution = factories.make_resolution()
    ResolutionText.objects.create(resolution=resolution, language="es")
    ResolutionText.objects.create(resolution=resolution, language="es")


def _resolution_text_language():
    ResolutionText.objects.create(resolution=factories.make_resolution(), language="de")


def _resolution_import(**values):
    def write():
        fields = {"resolution": factories.make_resolution(), "language": "es", "mode": "created"}
        ResolutionImport.objects.create(**{**fields, **values})

    return write


def _section_duplicate():
    section = factories.make_section()
    Section.objects.create(resolution=section.resolution, position=section.position)


def _mandate_field(field, value):
    def write():
        Mandate.objects.filter(pk=factories.make_mandate().pk).update(**{field: value})

    return write


def _mandate_number_twice_in_section():
    first = factories.make_mandate(number="4")
    factories.make_mandate(first.section, number="4", position=2)


def _mandate_number_twice_in_parent():
    parent = factories.make_mandate(number="4")
    factories.make_mandate(parent.section, parent=parent, number="a", position=1)
    factories.make_mandate(parent.section, parent=parent, number="a", position=2)


def _update_field(field, value):
    def write():
        mandate = factories.make_mandate()
        MandateUpdate.objects.create(mandate=mandate, note="Note", **{field: value})

    return write


def _owner_name_twice():
    Owner.objects.create(name_en="Test body")
    Owner.objects.create(name_en="Test body")


def _symbol_twice():
    factories.make_resolution("CICTE/doc.99/30")
    factories.make_resolution("CICTE/doc.99/30")


def _link(kind="renews", itself=False, twice=False):
    def write():
        older = factories.make_mandate()
        newer = older if itself else factories.make_mandate()
        for _time in range(2 if twice else 1):
            MandateLink.objects.create(from_mandate=newer, to_mandate=older, kind=kind, confirmed_at=timezone.now())

    return write


def _pair_review(verdict="related", backwards=False, twice=False):
    def write():
        first, second = factories.make_mandate(), factories.make_mandate()
        first, second = (second, first) if backwards else (first, second)
        for _time in range(2 if twice else 1):
            MandatePairReview.objects.create(first=first, second=second, verdict=verdict, reviewed_at=timezone.now())

    return write


BAD_ROWS = {
    "commitments_mandatepairreview_verdict_valid": _pair_review(verdict="maybe"),
    "commitments_mandatepairreview_ordered": _pair_review(backwards=True),
    "commitments_mandatepairreview_unique_pair": _pair_review(twice=True),
    "commitments_mandatelink_kind_valid": _link(kind="copies"),
    "commitments_mandatelink_no_self": _link(itself=True),
    "commitments_mandatelink_unique_pair_kind": _link(twice=True),
    "commitments_owneralias_unique_text": _alias_duplicate,
    "commitments_owneralias_language_valid": _alias_language,
    "commitments_workplan_unique_period": _work_plan_duplicate,
    "commitments_workplan_end_after_start": _work_plan_backwards,
    "commitments_programarea_unique_code": _program_area_duplicate,
    "commitments_resolution_original_language_valid": _resolution_language,
    "commitments_resolutiontext_unique_language": _resolution_text_duplicate,
    "commitments_resolutiontext_language_valid": _resolution_text_language,
    "commitments_section_unique_position": _section_duplicate,
    "commitments_resolutionimport_language_valid": _resolution_import(language="xx"),
    "commitments_resolutionimport_mode_valid": _resolution_import(mode="deleted"),
    "commitments_mandate_kind_valid": _mandate_field("kind", "wish"),
    "commitments_mandate_status_valid": _mandate_field("status", "forgotten"),
    "commitments_mandate_language_valid": _mandate_field("language", "la"),
    "commitments_mandate_unique_number_in_section": _mandate_number_twice_in_section,
    "commitments_mandate_unique_number_in_parent": _mandate_number_twice_in_parent,
    "commitments_mandateupdate_audience_valid": _update_field("audience", "state"),
    "commitments_mandateupdate_old_status_valid": _update_field("old_status", "forgotten"),
    "commitments_mandateupdate_new_status_valid": _update_field("new_status", "forgotten"),
    **WORKPLAN_BAD_ROWS,
}
# Field-level uniqueness the issue names (no constraint name of their own).
UNIQUE_FIELDS = {"owner name": _owner_name_twice, "resolution symbol": _symbol_twice}


def test_every_named_constraint_of_commitments_has_a_bad_row_below():
    assert set(named_constraints("commitments")) == set(BAD_ROWS)


@pytest.mark.parametrize("name", [*BAD_ROWS, *UNIQUE_FIELDS])
def test_the_database_refuses_a_row_that_breaks_the_constraint(name):
    assert_refused(name, {**BAD_ROWS, **UNIQUE_FIELDS}[name])


def test_unnumbered_paragraphs_may_share_a_section():
    first = factories.make_mandate(number="")
    factories.make_mandate(first.section, number="", position=2)

    assert Mandate.objects.filter(section=first.section, number="").count() == 2
