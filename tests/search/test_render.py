from __future__ import annotations

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.render.common import DISCLAIMER
from bot.render.limits import message_problems
from bot.search.documents import Document
from bot.search.index import MATCH_END, MATCH_START, MAX_RESULTS, Hit, SearchIndex
from bot.search.render import SNIPPET_CHARS, highlighted, search_embed

S, E = MATCH_START, MATCH_END


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase):
    built = SearchIndex.build(kb)
    yield built
    built.close()


def test_matched_words_are_bold_and_our_markdown_is_escaped() -> None:
    assert highlighted(f"Droopy eyelids and {S}double{E} {S}vision{E}") == "Droopy eyelids and **double** **vision**"
    assert highlighted(f"a *b* _c_ `d` ~~e~~ |f| {S}x{E}") == r"a \*b\* \_c\_ \`d\` \~\~e\~\~ \|f\| **x**"
    assert highlighted("two\nlines") == "two lines"


def test_a_long_snippet_is_clipped_without_breaking_bold() -> None:
    text = highlighted("a" * (SNIPPET_CHARS - 5) + f" {S}highlighted{E} rest")
    assert text.endswith("…**") and text.count("**") == 2


def test_a_result_names_its_card_section_and_how_to_open_it(index: SearchIndex) -> None:
    embed = search_embed(index.search("lupus treatment")).to_dict()
    first = embed["fields"][0]
    assert first["name"] == "Systemic lupus erythematosus (SLE) · Main treatments"
    assert first["value"].endswith("\n`/condition sle section:treatment`")
    glossary = search_embed(index.search("diplopia")).to_dict()["fields"][0]
    assert glossary["name"] == "Glossary: diplopia" and glossary["value"].endswith("\n`/glossary diplopia`")
    assert embed["footer"]["text"] == DISCLAIMER


def test_the_longest_possible_results_still_fit() -> None:
    # Six hits with the longest title, section and command our content allows, and a snippet in which every
    # character needs escaping and every word is highlighted.
    doc = Document("k" * 32, "T" * 100, "S" * 40, "/condition " + "k" * 32 + " section:red_flags", "")
    snippet = f"{S}*{E}_" * 200
    embed = search_embed([Hit(doc, snippet)] * MAX_RESULTS).to_dict()
    assert message_problems(None, [embed]) == []


def test_searching_for_any_term_or_card_name_fits(kb: KnowledgeBase, index: SearchIndex) -> None:
    queries = [t.term for t in kb.glossary] + [c.name for c in kb.conditions]
    for query in queries:
        hits = index.search(query)
        assert hits, query
        assert message_problems(None, [search_embed(hits).to_dict()]) == [], query
