from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import Section
from bot.search.documents import GLOSSARY_SECTION, Document, documents
from bot.search.index import MATCH_END, MATCH_START, MAX_RESULTS, PER_CARD, SearchIndex, fts_query
from bot.search.query import Term
from tests.typed_text import typed_text


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase):
    built = SearchIndex.build(kb)
    yield built
    built.close()


def titles(hits) -> list[str]:
    return [f"{h.document.title} · {h.document.section}" for h in hits]


def test_every_word_reaches_fts_as_a_quoted_string_with_its_alternatives() -> None:
    assert fts_query([Term("near"), Term("ms")], "AND") == '"near"* AND "ms"'
    assert fts_query([Term("double"), Term("vision")], "OR") == '"double"* OR "vision"*'
    assert fts_query([Term("feet", ("foot",))], "AND") == '("feet"* OR "foot"*)'


def test_every_card_section_and_glossary_entry_is_indexed(kb: KnowledgeBase, index: SearchIndex) -> None:
    docs = list(documents(kb))
    lists = sum(
        len(c.hallmarks) + len(c.criteria) + len(c.tests) + len(c.treatments) + len(c.cautions)
        + len(c.red_flags.emergency) + len(c.red_flags.today) + len(c.red_flags.soon)
        for c in kb.conditions
    )  # fmt: skip
    assert len(index) == len(docs) == 9 * len(kb) + lists + len(kb.glossary)  # 9 prose and facet parts per card
    for doc in docs:
        if doc.card is None:
            assert doc.section == GLOSSARY_SECTION and doc.open_command == f"/glossary {doc.title}"
        else:
            match = re.fullmatch(r"/condition (\S+) section:(\S+)", doc.open_command)
            assert match and match[1] == doc.card in kb.by_key and match[2] in Section._value2member_map_


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("double vision", "diplopia · Glossary"),  # a glossary alias is the best answer
        ("lupus treatment", "Systemic lupus erythematosus (SLE) · Main treatments"),
        ("What is the treatment for GBS?", "Guillain-Barré syndrome (GBS) · Main treatments"),
        ("myelin", "myelin · Glossary"),
    ],
)
def test_best_match_first(index: SearchIndex, query: str, expected_first: str) -> None:
    assert titles(index.search(query))[0] == expected_first


def test_matched_words_are_marked_in_our_own_text(index: SearchIndex) -> None:
    hits = index.search("double vision")
    assert any(f"{MATCH_START}double{MATCH_END} {MATCH_START}vision{MATCH_END}" in h.snippet.lower() for h in hits)
    stems = index.search("demyelin")  # a word's beginning finds the whole word
    assert any(f"{MATCH_START}demyelinating{MATCH_END}" in h.snippet for h in stems)
    accents = index.search("barre")  # Guillain-Barré, typed without its accent
    assert any(f"{MATCH_START}Barré{MATCH_END}" in h.snippet for h in accents)
    # "sjogren" is a name of the card itself (the Spanish one, "Sjögren"): it opens that card's sections, first.
    assert index.search("sjogren")[0].document.card == "sjogrens"


def test_all_words_first_then_any_word(index: SearchIndex) -> None:
    assert index.search("zzqqxx") == []
    assert index.search("breathing zzqqxx")  # no section has both, so sections with either are shown


def test_results_are_capped_and_spread_over_cards(index: SearchIndex) -> None:
    hits = index.search("weakness")
    assert len(hits) == MAX_RESULTS
    cards = [h.document.card for h in hits if h.document.card]
    assert all(cards.count(c) <= PER_CARD for c in cards)


def test_markers_in_content_cannot_unbalance_a_snippet() -> None:
    doc = Document("x", "X", "Summary", "/condition x section:overview", f"odd {MATCH_START}text{MATCH_END} here\x00")
    index = SearchIndex([doc])
    (hit,) = index.search("odd")
    assert hit.snippet == f"{MATCH_START}odd{MATCH_END}  text  here "
    index.close()


@settings(max_examples=400, deadline=None)
@given(typed_text())
def test_any_text_is_searched_safely(index: SearchIndex, query: str) -> None:
    hits = index.search(query)
    assert len(hits) <= MAX_RESULTS
    for hit in hits:
        assert hit.snippet.count(MATCH_START) == hit.snippet.count(MATCH_END)
        assert "\x00" not in hit.snippet
