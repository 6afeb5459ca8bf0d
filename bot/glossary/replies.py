"""What /glossary answers, decided without Discord (see bot.cards.replies for the pattern).

An unknown term gets suggestions from the glossary, never the user's own words back.
"""

from __future__ import annotations

from bot.cards.replies import Reply
from bot.glossary.lookup import GlossaryLookup
from bot.glossary.render import glossary_embed, unknown_term_message
from bot.knowledge.base import KnowledgeBase
from bot.storage.recorder import Outcome


def glossary_reply(kb: KnowledgeBase, glossary: GlossaryLookup, text: str) -> Reply:
    term = glossary.find(text)
    if term is None:
        return Reply(Outcome.UNKNOWN, content=unknown_term_message(glossary.suggest(text, 3)))
    keys = glossary.cards_using(term)
    return Reply(Outcome.OK, keys, embeds=[glossary_embed(term, [kb.by_key[k] for k in keys])])
