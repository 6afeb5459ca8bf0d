"""Search relevance as a table: what people type, in their own words, and what must come first."""

from __future__ import annotations

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.vocab import Clue, Sensation
from bot.search.index import SearchIndex


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase):
    built = SearchIndex.build(kb)
    yield built
    built.close()


def first(index: SearchIndex, query: str) -> tuple[str | None, str, str]:
    hit = index.search(query)[0].document
    return hit.card, hit.title, hit.section


@pytest.mark.parametrize(
    ("query", "card", "section"),
    [
        ("What is the treatment for GBS?", "gbs", "Main treatments"),
        ("lupus treatment", "sle", "Main treatments"),
        ("what makes myasthenia worse", "mg", "Cautions"),
        ("symptoms of sps", "sps", "Other hallmarks"),
        ("gbs antibodies", "gbs", "Antibodies"),
        ("what are the reflexes like in lems", "lems", "Reflexes"),
    ],
)
def test_a_question_about_a_named_condition_lands_on_the_section_that_answers_it(
    index: SearchIndex, query: str, card: str, section: str
) -> None:
    assert first(index, query)[0::2] == (card, section)


@pytest.mark.parametrize(
    ("query", "term"),
    [("double vision", "diplopia"), ("I keep seeing double", "diplopia"), ("myelin", "myelin")],
)
def test_a_word_the_glossary_defines_comes_first(index: SearchIndex, query: str, term: str) -> None:
    assert first(index, query)[:2] == (None, term)


def test_a_query_naming_only_a_condition_lists_that_condition(index: SearchIndex) -> None:
    hits = index.search("gbs")
    assert hits and {h.document.card for h in hits} == {"gbs"}
    assert hits[0].document.section == "Summary"


def test_a_treatment_ranks_the_cards_where_it_is_first_line_above_passing_mentions(
    kb: KnowledgeBase, index: SearchIndex
) -> None:
    cards = [h.document for h in index.search("plasma exchange") if h.document.card]
    assert (cards[0].card, cards[0].section) == ("gbs", "Main treatments")


def test_i_cant_feel_my_feet_finds_where_sensation_is_affected(kb: KnowledgeBase, index: SearchIndex) -> None:
    card, _, section = first(index, "I can't feel my feet")
    assert section == "Sensation" and kb.by_key[card].sensation.involvement is Sensation.AFFECTED


def test_legs_weak_and_cannot_pee_points_at_the_spinal_cord_diseases(kb: KnowledgeBase, index: SearchIndex) -> None:
    card, _, _ = first(index, "my legs are weak and I can't pee")
    assert Clue.BLADDER_BOWEL in kb.by_key[card].clues


def test_stopping_baclofen_suddenly_finds_the_warning(index: SearchIndex) -> None:
    hits = index.search("stop baclofen suddenly")
    assert any("suddenly" in h.snippet.lower() or "withdrawal" in h.snippet.lower() for h in hits[:2])
