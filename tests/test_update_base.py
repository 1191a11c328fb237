"""The two history models (mandate updates, request updates) are one abstract base with its
fields, constraints and methods (core.models.UpdateBase), and their tables did not change."""

import pytest

from commitments.models import MandateUpdate
from core.models import UpdateBase
from states.models import RequestUpdate

SHARED = {"author_id", "created_at", "note", "audience", "old_status", "new_status"}


@pytest.mark.parametrize("model", [MandateUpdate, RequestUpdate])
def test_both_update_models_share_one_base_and_keep_their_columns(model):
    columns = {field.column for field in model._meta.concrete_fields}

    assert issubclass(model, UpdateBase)
    assert SHARED <= columns
    assert model._meta.ordering == ["-created_at", "-pk"]
    names = {constraint.name for constraint in model._meta.constraints}
    prefix = model._meta.db_table
    assert {f"{prefix}_audience_valid", f"{prefix}_old_status_valid", f"{prefix}_new_status_valid"} <= names


@pytest.mark.parametrize(("model", "kept"), [(MandateUpdate, "evidence_url"), (RequestUpdate, "request_version")])
def test_each_update_model_keeps_what_is_its_own(model, kept):
    assert kept in {field.column for field in model._meta.concrete_fields}
    assert model(new_status="completed", old_status="in_progress").changes_status
    assert not model(new_status="", old_status="in_progress").changes_status
