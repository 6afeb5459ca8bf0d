"""Two or three conditions side by side, facet by facet, so the differences jump out. Pure."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import discord

from bot.knowledge.lookup import choice_label
from bot.knowledge.models import Condition
from bot.render import limits
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, join_fitting

NOT_SHARED_NOTE = (
    "Each row shows the same feature for every condition. "
    "A feature not listed for a condition is not a feature it shares."
)
SAME_MARK = " (same for all)"

Facet = Callable[[Condition, int], str]  # (condition, character budget) -> value


def _labels(values) -> str:
    return " / ".join(v.label for v in values)


FACETS: tuple[tuple[str, Facet], ...] = (
    ("What is attacked", lambda c, _: c.attacks),
    ("Where", lambda c, _: c.category.label),
    ("How fast it comes on", lambda c, _: _labels(c.onset.speed)),
    ("Course", lambda c, _: _labels(c.onset.course)),
    ("Leg weakness", lambda c, _: _labels(c.weakness.pattern)),
    ("Reflexes", lambda c, _: c.reflexes.pattern.label),
    ("Sensation", lambda c, _: c.sensation.involvement.label),
    ("Fatigability", lambda c, _: c.fatigability.pattern.label),
    ("Other clues", lambda c, budget: join_fitting([x.label for x in c.clues], budget, ", ") or "none listed"),
    ("Antibodies", lambda c, budget: join_fitting(c.antibodies.typical, budget, ", ") or "none typical"),
    ("Key tests", lambda c, budget: join_fitting(c.tests, budget)),
    ("Main treatments", lambda c, budget: join_fitting(c.treatments, budget)),
)


def compare_embeds(conditions: Sequence[Condition]) -> list[discord.Embed]:
    if not 2 <= len(conditions) <= 3:
        raise ValueError("compare takes two or three conditions")
    title = "Compare: " + " vs ".join(c.short_name for c in conditions)
    embed = discord.Embed(title=title, colour=NEUTRAL_COLOUR, description=_legend(conditions))
    # Each condition gets an equal share of a field's 1024 characters, less its "**name**: " prefix.
    budget = limits.FIELD_VALUE // len(conditions) - 20
    for name, facet in FACETS:
        values = [facet(c, budget) for c in conditions]
        if len(set(values)) == 1:
            embed.add_field(name=name + SAME_MARK, value=values[0], inline=False)
        else:
            lines = [f"**{c.short_name}**: {v}" for c, v in zip(conditions, values, strict=True)]
            embed.add_field(name=name, value="\n".join(lines), inline=False)
    cards = " · ".join(f"`/condition {c.key}`" for c in conditions)
    embed.add_field(name="Full cards", value=cards, inline=False)
    embed.set_footer(text=DISCLAIMER)
    return [embed]


def _legend(conditions: Sequence[Condition]) -> str:
    names = "\n".join(f"**{c.short_name}**: {choice_label(c)}" for c in conditions if c.short_name != c.name)
    return "\n\n".join(part for part in (names, NOT_SHARED_NOTE) if part)
