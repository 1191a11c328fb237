"""Overlap hints weigh words by rarity: what most mandates say ("request", "member states",
"Secretariat") makes two mandates no more alike; a rare word they share ("ransomware") does.
The counts are refreshed by ``manage.py refresh_mandate_terms``."""

import pytest
from django.core.management import call_command

from commitments.models import Mandate
from commitments.overlap import MandateTerm, similar_mandates
from tests import factories

pytestmark = pytest.mark.django_db

COMMON = "To request the General Secretariat and the member states to report to the Committee on"
SUBJECTS = (
    "aviation security", "border controls", "port facilities", "customs cooperation", "sport events",
    "tourism", "maritime trade", "document fraud", "extremism", "critical infrastructure", "legislation",
    "youth programmes", "gender equality", "financial intelligence", "forensic laboratories",
)  # fmt: skip


def mandate_in(body: str, text: str) -> Mandate:
    return factories.make_mandate(factories.make_section(factories.make_resolution(body=body)), text=text)


@pytest.fixture
def corpus():
    """Fifteen mandates saying the same formula about different subjects, and two pairs: one
    sharing only the formula (more than half their words), one sharing rare words in different
    sentences."""
    for subject in SUBJECTS:
        mandate_in("CICTE", f"{COMMON} {subject}.")
    mandates = {
        "formula": mandate_in("CICTE", f"{COMMON} chemical weapons stockpiles."),
        "formula_too": mandate_in("General Assembly", f"{COMMON} wildlife trafficking routes."),
        "rare": mandate_in("CICTE", "To map the ransomware payments made in cryptocurrency."),
        "rare_too": mandate_in(
            "General Assembly", "Member states are urged to trace ransomware payments in cryptocurrency."
        ),
    }
    call_command("refresh_mandate_terms", verbosity=0)
    return mandates


def test_two_mandates_sharing_only_the_words_most_mandates_hold_are_not_similar(corpus):
    found = [each.mandate for each in similar_mandates(corpus["formula"], Mandate.objects.all())]
    assert corpus["formula_too"] not in found


def test_two_mandates_sharing_rare_words_are_similar_though_worded_apart(corpus):
    found = similar_mandates(corpus["rare"], Mandate.objects.all())
    assert [each.mandate for each in found][:1] == [corpus["rare_too"]]


def test_the_count_knows_how_many_mandates_hold_each_word(corpus):
    counts = dict(MandateTerm.objects.values_list("term", "documents"))
    assert counts[""] == Mandate.objects.count() == 19
    assert counts["secretariat"] == 17
    assert counts["ransomware"] == 2
    assert "stockpiles" not in counts  # held by one mandate only: as rare as a word can be


def test_before_any_count_the_words_and_letters_in_common_score_a_pair(db):
    mandate = mandate_in("CICTE", "To develop incident severity schemes among national response teams.")
    copy = mandate_in("General Assembly", "To develop incident severity schemes among the national response teams.")
    assert not MandateTerm.objects.exists()
    found = similar_mandates(mandate, Mandate.objects.all())
    assert [(each.mandate, each.score) for each in found] == [(copy, 1.0)]
