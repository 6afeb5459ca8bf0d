"""Two or three conditions side by side, facet by facet, so the differences jump out. Pure."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.knowledge.facets import COMPARED, Facet, statements
from bot.knowledge.lookup import choice_label
from bot.knowledge.models import Condition
from bot.render import limits
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, clip, join_fitting

NOT_SHARED_NOTE = (
    "Each row shows the same feature for every condition. "
    "A feature not listed for a condition is not a feature it shares."
)
SAME_MARK = " (same for all)"


def row_value(facet: Facet, card: Condition, budget: int) -> str:
    """One card's cell in a facet's row: its controlled labels, else its statements, within the budget."""
    if facet.vocabulary is not None:
        return join_fitting(facet.labels(card), budget, ", ") or facet.none_label
    items = statements(card, facet)
    if items:
        return join_fitting([s.text for s in items], budget)
    return clip(facet.text(card), budget)


def compare_embeds(conditions: Sequence[Condition]) -> list[discord.Embed]:
    """The comparison, with list rows (tests, treatments, cautions) trimmed as far as the message needs."""
    if not 2 <= len(conditions) <= 3:
        raise ValueError("compare takes two or three conditions")
    # Each condition gets an equal share of a field's 1024 characters, less its "**name**: " prefix.
    widest = limits.FIELD_VALUE // len(conditions) - 20
    for budget in (widest, widest * 3 // 4, widest // 2, widest // 3):
        embed = _comparison(conditions, budget)
        if len(embed) <= limits.EMBEDS_TOTAL:
            break
    return [embed]


def _comparison(conditions: Sequence[Condition], budget: int) -> discord.Embed:
    title = "Compare: " + " vs ".join(c.short_name for c in conditions)
    embed = discord.Embed(title=title, colour=NEUTRAL_COLOUR, description=_legend(conditions))
    for facet in COMPARED:
        values = [row_value(facet, c, budget) for c in conditions]
        if len(set(values)) == 1:
            embed.add_field(name=facet.label + SAME_MARK, value=values[0], inline=False)
        else:
            lines = [f"**{c.short_name}**: {v}" for c, v in zip(conditions, values, strict=True)]
            embed.add_field(name=facet.label, value="\n".join(lines), inline=False)
    cards = " · ".join(f"`/condition {c.key}`" for c in conditions)
    embed.add_field(name="Full cards", value=cards, inline=False)
    embed.set_footer(text=DISCLAIMER)
    return embed


def _legend(conditions: Sequence[Condition]) -> str:
    names = "\n".join(f"**{c.short_name}**: {choice_label(c)}" for c in conditions if c.short_name != c.name)
    return "\n\n".join(part for part in (names, NOT_SHARED_NOTE) if part)
