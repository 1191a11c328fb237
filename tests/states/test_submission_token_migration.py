"""The request form's old token column is dropped only after its tokens moved to the one
once-per-form table (core.SubmissionToken): a form drawn before the upgrade and posted again
after it still finds its request instead of filing a second one."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.submissions import once
from states.models import AssistanceRequest
from tests import factories

BEFORE = [("states", "0011_request_words_search_index")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_request_filed_before_the_upgrade_answers_its_retried_form_after_it(focal_mx):
    request = factories.make_request("MEX", by=focal_mx, title="Port security workshop")
    token = uuid.uuid4()
    old = migrate(BEFORE)
    old.get_model("states", "AssistanceRequest").objects.filter(pk=request.pk).update(submission_token=token)

    migrate(latest())

    found, created = once(token, by=focal_mx, make=lambda: pytest.fail("the old form filed a second request"))
    assert (found.pk, created) == (request.pk, False)
    assert AssistanceRequest.objects.count() == 1

    # And back: the column gets its token again.
    old = migrate(BEFORE)
    tokens = old.get_model("states", "AssistanceRequest").objects.values_list("submission_token", flat=True)
    assert list(tokens) == [token]
    migrate(latest())
