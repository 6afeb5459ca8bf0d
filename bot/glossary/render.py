"""A glossary entry as an embed, and the "did you mean" answer for a term we don't have. Pure."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.knowledge.glossary import GlossaryTerm
from bot.knowledge.lookup import choice_label
from bot.knowledge.matcher import normalize
from bot.knowledge.models import Condition
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, add_packed_fields, did_you_mean, markdown_link

GLOSSARY_AUTHOR = "Glossary"
CARDS_HEADING = "Cards that use this term"
NO_CARDS = "No card lists this term. To find where it is mentioned, try `/search`."
UNKNOWN_TERM = "I don't have a glossary entry matching a term you typed."
TERM_HINT = (
    "Start typing a term and pick one from the list, or look through every card and the glossary with `/search`."
)


def glossary_embed(term: GlossaryTerm, cards: Sequence[Condition]) -> discord.Embed:
    # A safety note comes before the definition: it is the one thing a reader must not miss.
    caution = [f"⚠️ **Caution:** {term.caution}"] if term.caution else []
    embed = discord.Embed(title=term.term, description="\n\n".join([*caution, term.plain]), colour=NEUTRAL_COLOUR)
    embed.set_author(name=GLOSSARY_AUTHOR)
    others = other_names(term)
    if others:
        embed.add_field(name="Also called", value=", ".join(others), inline=False)
    if term.clinical:
        embed.add_field(name="Clinical note (for students)", value=term.clinical, inline=False)
    if cards:
        add_packed_fields(embed, CARDS_HEADING, [f"• {choice_label(c)}: `/condition {c.key}`" for c in cards])
    else:
        embed.add_field(name=CARDS_HEADING, value=NO_CARDS, inline=False)
    if term.sources:
        lines = [f"{markdown_link(s.title, s.url)}, {s.publisher}" for s in term.sources]
        embed.add_field(name="Sources", value="\n".join(lines), inline=False)
    embed.set_footer(text=DISCLAIMER)
    return embed


def other_names(term: GlossaryTerm) -> list[str]:
    """The aliases worth showing: plurals of a name already shown ("B cells" beside "B cell") add nothing."""
    shown = [term.term]
    for alias in term.aliases:
        if not any(_is_plural(alias, name) for name in shown):
            shown.append(alias)
    return shown[1:]


def unknown_term_message(suggestions: Sequence[GlossaryTerm]) -> str:
    return did_you_mean(UNKNOWN_TERM, [f"**{t.term}**: `/glossary {t.term}`" for t in suggestions], TERM_HINT)


def _is_plural(word: str, of: str) -> bool:
    w, base = normalize(word), normalize(of)
    return w in {base + "s", base + "es", base[:-1] + "ies"} if base else False
