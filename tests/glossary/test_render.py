from __future__ import annotations

import pytest

from bot.glossary.lookup import GlossaryLookup
from bot.glossary.render import (
    CARDS_HEADING,
    NO_CARDS,
    TERM_HINT,
    UNKNOWN_TERM,
    glossary_embed,
    other_names,
    unknown_term_message,
)
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.glossary import GlossaryTerm
from bot.render import limits
from bot.render.common import DISCLAIMER
from bot.render.limits import message_problems


@pytest.fixture(scope="module")
def glossary(kb: KnowledgeBase) -> GlossaryLookup:
    return GlossaryLookup(kb)


def render(term: GlossaryTerm, kb: KnowledgeBase, glossary: GlossaryLookup) -> dict:
    return glossary_embed(term, [kb.by_key[k] for k in glossary.cards_using(term)]).to_dict()


def test_every_glossary_term_fits_and_carries_the_disclaimer(kb: KnowledgeBase, glossary: GlossaryLookup) -> None:
    assert len(kb.glossary) >= 50
    for term in kb.glossary:
        embed = render(term, kb, glossary)
        assert message_problems(None, [embed]) == [], term.term
        assert embed["footer"]["text"] == DISCLAIMER
        caution = [f"⚠️ **Caution:** {term.caution}"] if term.caution else []
        assert embed["title"] == term.term and embed["description"] == "\n\n".join([*caution, term.plain])
        clinical = [f["value"] for f in embed["fields"] if f["name"].startswith("Clinical note")]
        assert clinical == ([term.clinical] if term.clinical else [])


def test_cards_that_use_the_term_link_to_them(kb: KnowledgeBase, glossary: GlossaryLookup) -> None:
    embed = render(glossary.find("IVIG"), kb, glossary)
    lines = "\n".join(f["value"] for f in embed["fields"] if f["name"].startswith(CARDS_HEADING)).splitlines()
    assert len(lines) == len(glossary.cards_using(glossary.find("IVIG"))) >= 10
    assert "• Guillain-Barré syndrome (GBS): `/condition gbs`" in lines
    assert all(len(f["value"]) <= limits.FIELD_VALUE for f in embed["fields"])


def test_a_term_no_card_lists_says_so(kb: KnowledgeBase, glossary: GlossaryLookup) -> None:
    embed = render(glossary.find("neurologist"), kb, glossary)
    assert {"name": CARDS_HEADING, "value": NO_CARDS, "inline": False} in embed["fields"]


def test_plurals_are_not_shown_as_other_names() -> None:
    term = GlossaryTerm(
        term="B cell", aliases=("B cells", "B lymphocyte", "B lymphocytes", "antibodies"), plain="x" * 20
    )
    assert other_names(term) == ["B lymphocyte", "antibodies"]
    assert other_names(GlossaryTerm(term="antibody", aliases=("antibodies",), plain="x" * 20)) == []


def test_unknown_term_offers_terms_or_a_hint(kb: KnowledgeBase, glossary: GlossaryLookup) -> None:
    message = unknown_term_message(glossary.suggest("mye", 3))
    assert message.startswith(UNKNOWN_TERM) and "• **myelin**: `/glossary myelin`" in message
    assert unknown_term_message([]) == f"{UNKNOWN_TERM}\n{TERM_HINT}"
