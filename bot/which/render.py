"""The /which explorer as embeds and components. Pure: no I/O, no Discord calls.

The red-flag box always comes first, above the results. The components carry the choices in their custom_ids
(see bot.which.menus), so the message rebuilds itself from any one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord

from bot.knowledge.lookup import choice_label
from bot.knowledge.models import Condition
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, RED_FLAG_COLOUR, bullets, emergency_heading, join_fitting
from bot.which.menus import CLEAR, OPTIONS_BY_MENU, Choices, Menu, Option
from bot.which.ranking import Match, Ranking

PLACEHOLDERS: dict[Menu, str] = {
    Menu.SPEED: "How fast it came on",
    Menu.WHERE: "Where the weakness is",
    Menu.EXAM: "Reflexes, sensation, fatigability",
    Menu.CLUES: "Other clues",
}
CLEAR_LABEL = "Clear"
TITLE = "Which condition? A study tool"
INTRO = (
    "Pick the features of a textbook case to see which reference cards list them. This is a study tool, not a "
    "symptom checker: it cannot tell what anyone has."
)
LEGEND = (
    "Cards are ranked by how many of your choices they match exactly. A card that says *varies* for a feature "
    "matches any choice for it, but ranks below an exact match. Every choice must match; two picks for the same "
    "finding (say, two reflex patterns) are alternatives."
)
START = "Pick from the menus below to narrow the list."
NO_MATCH = "No card matches every choice. Change or clear one of them."
CLOSEST = "Closest, each missing one choice:"
OWN_RED_FLAGS = "Each condition's own list: `/condition <name>` with section *Red flags*."
MAX_DETAILED = 5  # results shown with their matched features; the rest are listed by name
# Per-line budgets keep five detailed results, the box and the legend inside 6000 characters whatever is chosen.
MATCHED_BUDGET = 400
OTHER_BUDGET = 200
LIST_BUDGET = 600


def menu_label(option: Option) -> str:
    """The exam menu mixes three findings, so its options say which one they are."""
    return option.text if option.menu is Menu.EXAM else option.label


def which_embeds(
    ranking: Ranking,
    choices: Choices,
    conditions: Sequence[Condition],
    signs: Sequence[str],
    *,
    emergency_number: str | None = None,
) -> list[discord.Embed]:
    """The red-flag box, then the results for these choices."""
    return [red_flag_box(signs, emergency_number), _results(ranking, choices, conditions)]


def red_flag_box(signs: Sequence[str], emergency_number: str | None = None) -> discord.Embed:
    lines = [*bullets(signs), "", OWN_RED_FLAGS] if signs else [OWN_RED_FLAGS]
    return discord.Embed(
        title=f"🚨 {emergency_heading(emergency_number)}:", description="\n".join(lines), colour=RED_FLAG_COLOUR
    )


def _results(ranking: Ranking, choices: Choices, conditions: Sequence[Condition]) -> discord.Embed:
    picked = "**Your choices:** " + "; ".join(o.text for o in choices.picked) if choices.picked else START
    embed = discord.Embed(title=TITLE, colour=NEUTRAL_COLOUR, description="\n\n".join((INTRO, picked, LEGEND)))
    if not choices.picked:
        names = [c.short_name for c in conditions]
        embed.add_field(name=f"All {len(names)} cards", value=join_fitting(names, LIST_BUDGET, " · "), inline=False)
    elif ranking.matches:
        _list(embed, ranking.matches, more="Also matching")
    else:
        embed.add_field(name="No match", value=NO_MATCH + (f" {CLOSEST}" if ranking.closest else ""), inline=False)
        if ranking.closest:
            _list(embed, ranking.closest, more="Also close")
    embed.set_footer(text=DISCLAIMER)
    return embed


def _list(embed: discord.Embed, matches: Sequence[Match], *, more: str) -> None:
    for n, match in enumerate(matches[:MAX_DETAILED], start=1):
        embed.add_field(name=f"{n}. {choice_label(match.condition)}", value=_detail(match), inline=False)
    rest = matches[MAX_DETAILED:]
    if rest:
        names = [f"{m.condition.short_name} `{m.condition.key}`" for m in rest]
        embed.add_field(name=f"{more} ({len(rest)})", value=join_fitting(names, LIST_BUDGET, " · "), inline=False)
    if len(matches) >= 2:
        a, b = (m.condition.key for m in matches[:2])
        embed.add_field(name="Compare top matches", value=f"`/compare {a} {b}`", inline=False)


def _detail(match: Match) -> str:
    lines = []
    if match.matched:
        lines.append("Matches: " + join_fitting(match.matched, MATCHED_BUDGET, " · "))
    if match.varies:
        lines.append("Varies on this card: " + join_fitting(match.varies, OTHER_BUDGET, ", "))
    if match.missed:
        lines.append("Not listed on this card: " + join_fitting(match.missed, OTHER_BUDGET, " · "))
    lines.append(f"`/condition {match.condition.key}`")
    return "\n".join(lines)


def which_items(choices: Choices) -> list[discord.ui.Item[Any]]:
    """The four menus (current choices pre-selected) and the Clear button, one per row."""
    items: list[discord.ui.Item[Any]] = []
    for row, menu in enumerate(Menu):
        chosen = set(choices.in_menu(menu))
        options = [
            discord.SelectOption(label=menu_label(o), value=o.value, default=o in chosen) for o in OPTIONS_BY_MENU[menu]
        ]
        items.append(
            discord.ui.Select(
                custom_id=choices.custom_id(menu),
                placeholder=PLACEHOLDERS[menu],
                min_values=0,  # so a menu can be emptied again
                max_values=menu.max_values,
                options=options,
                row=row,
            )
        )
    items.append(
        discord.ui.Button(
            label=CLEAR_LABEL,
            style=discord.ButtonStyle.secondary,
            custom_id=choices.custom_id(CLEAR),
            disabled=not choices.picked,
            row=len(Menu),
        )
    )
    return items
