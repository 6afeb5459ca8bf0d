"""What /search answers, decided without Discord (see bot.cards.replies for the pattern).

Results show our own text, with only the words that matched in bold; the query itself never comes back.
"""

from __future__ import annotations

from bot.cards.replies import Reply
from bot.search.index import SearchIndex
from bot.search.render import NO_RESULTS, NOTHING_TO_SEARCH, search_embed
from bot.storage.recorder import Outcome


def search_reply(index: SearchIndex, text: str) -> Reply:
    if index.parse(text).empty:
        return Reply(Outcome.INVALID, content=NOTHING_TO_SEARCH)
    hits = index.search(text)
    if not hits:
        return Reply(Outcome.UNKNOWN, content=NO_RESULTS)
    cards = tuple(dict.fromkeys(h.document.card for h in hits if h.document.card is not None))
    return Reply(Outcome.OK, cards, embeds=[search_embed(hits)])
