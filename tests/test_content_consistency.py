"""Cards that share a mechanism say the same thing the same way, so /compare, /which and /quiz contrast only what
really differs. Each rule below is a clinical fact about the group, checked against every card in it."""

from __future__ import annotations

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.vocab import Clue, Distribution, Fatigability, Reflexes, Sensation

MYOPATHIES = ("dermatomyositis", "polymyositis", "imnm", "ibm")
CNS_DEMYELINATING = ("ms", "nmosd", "mogad", "atm")
MONONEURITIS = ("sle", "sjogrens", "vasculitic-neuropathy")  # each can cause mononeuritis multiplex
SPARE_SENSATION = (*MYOPATHIES, "mg", "lems", "sps")  # muscle, nerve-muscle junction, and stiffness without weakness


def cards(kb: KnowledgeBase, keys: tuple[str, ...]):
    return [kb.by_key[k] for k in keys]


@pytest.mark.parametrize("key", SPARE_SENSATION)
def test_diseases_of_muscle_and_the_nerve_muscle_junction_spare_sensation(kb: KnowledgeBase, key: str) -> None:
    assert kb.by_key[key].sensation.involvement is Sensation.SPARED


def test_the_four_myopathies_share_their_exam_facets(kb: KnowledgeBase) -> None:
    group = cards(kb, MYOPATHIES)
    assert {c.reflexes.pattern for c in group} == {Reflexes.NORMAL}  # reduced only late, with severe weakness
    assert {c.fatigability.pattern for c in group} == {Fatigability.NOT_TYPICAL}
    assert all(Distribution.PROXIMAL in c.weakness.pattern for c in group)


def test_the_cns_demyelinating_diseases_share_an_upper_motor_neuron_cord_picture(kb: KnowledgeBase) -> None:
    for card in cards(kb, CNS_DEMYELINATING):
        assert Distribution.ASCENDING not in card.weakness.pattern, card.key  # that is how GBS presents
        assert Distribution.BOTH_LEGS in card.weakness.pattern, card.key
        assert card.sensation.involvement is Sensation.AFFECTED, card.key
        assert Clue.BLADDER_BOWEL in card.clues, card.key
        assert card.reflexes.pattern in (Reflexes.BRISK, Reflexes.VARIES), card.key
        if card.reflexes.pattern is Reflexes.VARIES:  # the only variation: spinal shock before brisk reflexes
            assert "spinal shock" in card.reflexes.detail and "brisk" in card.reflexes.detail, card.key


def test_the_diseases_that_cause_mononeuritis_multiplex_show_it_alike(kb: KnowledgeBase) -> None:
    group = cards(kb, MONONEURITIS)
    assert all(Distribution.PATCHY in c.weakness.pattern for c in group)
    assert all(c.sensation.involvement is Sensation.AFFECTED for c in group)
    flags = [{f.text for tier in (c.red_flags.today, c.red_flags.soon) for f in tier} for c in group]
    assert set.intersection(*flags), "the three cards word the mononeuritis warning differently"


def test_no_card_of_the_central_or_muscle_groups_calls_its_weakness_ascending(kb: KnowledgeBase) -> None:
    for card in kb.conditions:
        if Distribution.ASCENDING in card.weakness.pattern:
            assert card.category.value == "peripheral_nerves", card.key
