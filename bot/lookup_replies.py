"""What /glossary and /search answer, decided without Discord (see bot.replies for the pattern).

Neither reply repeats what the user typed: an unknown term gets suggestions from the glossary, and search results
show our own text, with only the words that matched in bold.
"""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.glossary_lookup import GlossaryLookup
from bot.render.glossary import glossary_embed, unknown_term_message
from bot.render.search import NO_RESULTS, NOTHING_TO_SEARCH, search_embed
from bot.replies import Reply
from bot.search.index import SearchIndex
from bot.usage.recorder import Outcome


def glossary_reply(kb: KnowledgeBase, glossary: GlossaryLookup, text: str) -> Reply:
    term = glossary.find(text)
    if term is None:
        return Reply(Outcome.UNKNOWN, content=unknown_term_message(glossary.suggest(text, 3)))
    keys = glossary.cards_using(term)
    return Reply(Outcome.OK, keys, embeds=[glossary_embed(term, [kb.by_key[k] for k in keys])])


def search_reply(index: SearchIndex, text: str) -> Reply:
    if index.parse(text).empty:
        return Reply(Outcome.INVALID, content=NOTHING_TO_SEARCH)
    hits = index.search(text)
    if not hits:
        return Reply(Outcome.UNKNOWN, content=NO_RESULTS)
    cards = tuple(dict.fromkeys(h.document.card for h in hits if h.document.card is not None))
    return Reply(Outcome.OK, cards, embeds=[search_embed(hits)])
