"""An import counts the words' rarity again once it is saved, so that the similar-mandates panel
weighs a new resolution's words at once, not after the night's ``refresh_mandate_terms``."""

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from commitments.models import Mandate
from commitments.overlap import TOTAL, MandateTerm, refresh_term_frequencies
from tests import factories
from tests.commitments.test_lineage import SEED_TEXT, import_text, next_year

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def counted(term: str) -> int | None:
    return MandateTerm.objects.filter(term=term).values_list("documents", flat=True).first()


def test_an_import_counts_its_mandates_words_once_saved(staff, django_capture_on_commit_callbacks):
    factories.make_mandate(text="To map the ransomware payments made in cryptocurrency.")
    refresh_term_frequencies()
    assert counted(TOTAL) == 1
    with override_settings(TASKS=IMMEDIATE), django_capture_on_commit_callbacks(execute=True):
        import_text(SEED_TEXT, staff)
    assert counted(TOTAL) == Mandate.objects.count() > 1
    assert counted("antiterroriste") is None  # one mandate of the first year holds it: rare
    with override_settings(TASKS=IMMEDIATE), django_capture_on_commit_callbacks(execute=True):
        import_text(next_year(), staff)
    # The second year renews that paragraph: the word is now held by two mandates, weighed less.
    assert counted(TOTAL) == Mandate.objects.count()
    assert counted("antiterroriste") == 2
    assert counted("poesie") is None  # the new paragraph's own word: held by one mandate only


def test_the_count_is_queued_for_the_worker_after_the_import_commits(staff, django_capture_on_commit_callbacks):
    with override_settings(TASKS=DATABASE), django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_text(SEED_TEXT, staff)
    assert len(callbacks) >= 1
    queued = DBTaskResult.objects.filter(task_path="commitments.overlap.refresh_mandate_terms")
    assert queued.count() == 1
    assert not MandateTerm.objects.exists()  # counted by the worker, not in the import's request
