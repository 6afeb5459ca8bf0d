from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.glossary.lookup import GlossaryLookup
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.matcher import CHOICE_NAME_MAX, MAX_CHOICES, normalize


@pytest.fixture(scope="module")
def glossary(kb: KnowledgeBase) -> GlossaryLookup:
    return GlossaryLookup(kb)


@pytest.mark.parametrize(
    ("typed", "term"),
    [
        ("myelin", "myelin"),
        ("MYELIN SHEATH", "myelin"),  # alias, any case
        ("CNS", "central nervous system"),
        ("anti ro", "anti-Ro/SSA"),  # punctuation folded
        ("myelinn", "myelin"),  # a clear typo
        ("areflex", "areflexia"),  # a unique prefix
    ],
)
def test_find_by_term_alias_prefix_or_typo(glossary: GlossaryLookup, typed: str, term: str) -> None:
    found = glossary.find(typed)
    assert found is not None and found.term == term


@pytest.mark.parametrize("typed", ["", "   ", "!!!", "zzqqxx", "mye"])  # "mye": myelin or myelitis?
def test_nothing_clear_is_not_guessed(glossary: GlossaryLookup, typed: str) -> None:
    assert glossary.find(typed) is None


def test_suggestions_come_from_the_same_matcher(glossary: GlossaryLookup) -> None:
    suggested = [t.term for t in glossary.suggest("mye", 3)]
    assert suggested[:2] == ["myelin", "myelitis"] and len(suggested) == 3
    assert glossary.choices("mye")[0] == ("myelin", "myelin")
    assert glossary.suggest("", 3) == []


def test_empty_box_lists_terms_alphabetically(glossary: GlossaryLookup, kb: KnowledgeBase) -> None:
    names = [name for name, _ in glossary.choices("")]
    assert len(names) == MAX_CHOICES
    assert names == sorted((t.term for t in kb.glossary), key=str.casefold)[:MAX_CHOICES]


def test_every_term_is_found_by_its_own_value(glossary: GlossaryLookup, kb: KnowledgeBase) -> None:
    for term in kb.glossary:
        assert glossary.find(term.term) == term  # the autocomplete value leads back to the term
        for alias in term.aliases:
            assert glossary.find(alias) == term


def test_cards_using_a_term_are_the_cards_that_list_it(glossary: GlossaryLookup, kb: KnowledgeBase) -> None:
    assert {"ms", "gbs", "cidp", "mogad"} <= set(glossary.cards_using(glossary.find("myelin")))
    for term in kb.glossary:
        names = {normalize(n) for n in (term.term, *term.aliases)}
        expected = [c.key for c in kb.conditions if names & {normalize(g) for g in c.glossary}]
        assert list(glossary.cards_using(term)) == expected
    assert glossary.cards_using(glossary.find("neurologist")) == ()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_bounded_choices_and_never_fails(glossary: GlossaryLookup, typed: str) -> None:
    choices = glossary.choices(typed)
    assert len(choices) <= MAX_CHOICES
    assert all(1 <= len(name) <= CHOICE_NAME_MAX and 1 <= len(value) <= 100 for name, value in choices)
    assert len(glossary.suggest(typed, 3)) <= 3
    glossary.find(typed)
