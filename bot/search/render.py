"""Search results as an embed: each match with its card and section, a short snippet and how to open it. Pure.

Snippets are our own text; the words that matched are bolded there. The user's query itself never appears.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.render import limits
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, clip
from bot.search.documents import GLOSSARY_SECTION
from bot.search.index import MATCH_END, MATCH_START, Hit

SNIPPET_CHARS = 240  # before escaping; keeps six results far inside the 6000-character message limit
RESULTS_TITLE = "Search results"
RESULTS_INTRO = "The best matches in the cards and the glossary, best first. Open one with the command under it."
EXAMPLES = "`double vision`, `reflexes` or `plasma exchange`"
NO_RESULTS = "\n".join(
    [
        "Nothing in the cards or the glossary matches the words you typed. Some tips:",
        f"• Use one to three plain words, for example {EXAMPLES}.",
        "• Check the spelling, or try another word for the same thing (`numbness` or `tingling`).",
        "• Look up a medical term with `/glossary`, or open a whole card with `/condition`.",
    ]
)
NOTHING_TO_SEARCH = f"There were no words to search for in what you typed. Try plain words, for example {EXAMPLES}."


def search_embed(hits: Sequence[Hit]) -> discord.Embed:
    embed = discord.Embed(title=RESULTS_TITLE, description=RESULTS_INTRO, colour=NEUTRAL_COLOUR)
    for hit in hits:
        doc = hit.document
        name = f"{GLOSSARY_SECTION}: {doc.title}" if doc.card is None else f"{doc.title} · {doc.section}"
        value = f"{highlighted(hit.snippet)}\n`{doc.open_command}`"
        embed.add_field(name=clip(name, limits.FIELD_NAME), value=value, inline=False)
    embed.set_footer(text=DISCLAIMER)
    return embed


def highlighted(snippet: str) -> str:
    """The snippet on one line, clipped, markdown in our text escaped, and the matched words in bold."""
    text = clip(" ".join(snippet.split()), SNIPPET_CHARS)
    if text.count(MATCH_START) > text.count(MATCH_END):  # the clip cut a highlighted word
        text += MATCH_END
    text = discord.utils.escape_markdown(text)
    return text.replace(MATCH_START, "**").replace(MATCH_END, "**")
