"""A condition card as Discord embeds: the card at a glance, or one section in full. Pure: no I/O, no Discord calls.

The whole card is the overview a reader needs first (plain summary, what is attacked, the comparable facts at a
glance, and when to get help); each section holds the depth (facet details, criteria, tests, treatments, cautions,
sources), so every card fits Discord's 6,000 characters however complete its content is.
"""

from __future__ import annotations

import discord

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import (
    CAUTIONS,
    FATIGABILITY,
    GLANCE,
    REFLEXES,
    SENSATION,
    WEAKNESS,
    Facet,
    Section,
)
from bot.knowledge.lookup import choice_label
from bot.knowledge.models import Condition, Statement
from bot.render.common import (
    CATEGORY_COLOURS,
    DISCLAIMER,
    RED_FLAG_COLOUR,
    add_packed_fields,
    bullets,
    emergency_heading,
    markdown_link,
)

DRAFT_NOTICE = "⚠️ **Draft card:** not yet checked statement by statement against its sources by a second contributor."
TODAY_HEADING = "Get medical help today if:"
SOON_HEADING = "See a doctor soon if:"
# The sections a whole card points to, in the order of its buttons.
DEEPER_SECTIONS = (Section.SYMPTOMS, Section.DIAGNOSIS, Section.TREATMENT, Section.SOURCES)


def card_embeds(
    condition: Condition,
    kb: KnowledgeBase,
    section: Section | None = None,
    *,
    emergency_number: str | None = None,
) -> list[discord.Embed]:
    """The card (or one section) as a main embed, plus the red-flag box where red flags are shown."""
    notice = [DRAFT_NOTICE] if condition.is_draft else []
    embeds: list[discord.Embed] = []
    if section is not Section.RED_FLAGS:
        title = choice_label(condition) + (f": {section.label}" if section else "")
        main = discord.Embed(title=title, colour=CATEGORY_COLOURS[condition.category])
        main.set_author(name=condition.category.label)
        summary = [condition.summary.text] if section in (None, Section.OVERVIEW) else []
        main.description = "\n\n".join(notice + summary) or None
        _SECTIONS[section](main, condition, kb)
        embeds.append(main)
    if section in (None, Section.RED_FLAGS):
        box = red_flag_embed(condition, emergency_number)
        if section is Section.RED_FLAGS:
            box.description = "\n\n".join(notice) or None
        embeds.append(box)
    embeds[-1].set_footer(text=f"{DISCLAIMER} {review_line(condition)}")
    return embeds


def review_line(condition: Condition) -> str:
    """When the card was drafted or reviewed: a draft never claims a review."""
    review = condition.review
    if review.reviewed_on is not None:
        return f"Card reviewed {review.reviewed_on.isoformat()}."
    return f"Draft card, drafted {review.drafted_on.isoformat()}."


def red_flag_embed(condition: Condition, emergency_number: str | None = None) -> discord.Embed:
    box = discord.Embed(title=f"When to get help: {choice_label(condition)}", colour=RED_FLAG_COLOUR)
    flags = condition.red_flags
    _add_list(box, f"🚨 {emergency_heading(emergency_number)}:", flags.emergency)
    _add_list(box, TODAY_HEADING, flags.today)
    _add_list(box, SOON_HEADING, flags.soon)
    return box


def _add_list(embed: discord.Embed, name: str, items: tuple[Statement, ...]) -> None:
    add_packed_fields(embed, name, bullets(item.text for item in items))


def _whole(embed: discord.Embed, c: Condition, kb: KnowledgeBase) -> None:
    embed.add_field(name="What the immune system attacks", value=c.attacks.text, inline=False)
    glance = [f"**{facet.label}:** {_labels(facet, c)}" for facet in GLANCE]
    embed.add_field(name="At a glance", value="\n".join(glance), inline=False)
    more = " · ".join(f"`/condition {c.key} section:{s.value}`" for s in DEEPER_SECTIONS)
    embed.add_field(name="More on this card", value=f"Use the buttons below, or {more}", inline=False)


def _overview(embed: discord.Embed, c: Condition, kb: KnowledgeBase) -> None:
    embed.add_field(name="What the immune system attacks", value=c.attacks.text, inline=False)
    onset = " / ".join(s.label for s in c.onset.speed)
    course = " / ".join(s.label for s in c.onset.course)
    embed.add_field(name="Onset and course", value=f"**{onset}**; {course}\n{c.onset.detail}", inline=False)
    embed.add_field(name="Clinical detail (for students)", value=c.clinical.text, inline=False)
    _related(embed, c, kb)


def _symptoms(embed: discord.Embed, c: Condition, kb: KnowledgeBase) -> None:
    for facet, inline in ((WEAKNESS, False), (REFLEXES, True), (SENSATION, True), (FATIGABILITY, True)):
        embed.add_field(name=facet.label, value=f"**{_labels(facet, c)}**\n{facet.text(c)}", inline=inline)
    _add_list(embed, "Other hallmarks", c.hallmarks)


def _diagnosis(embed: discord.Embed, c: Condition, kb: KnowledgeBase) -> None:
    _add_list(embed, "Criteria and guidelines", c.criteria)
    names = ", ".join(a.label for a in c.antibodies.typical) or "None typical"
    embed.add_field(name="Antibodies", value=f"**{names}**\n{c.antibodies.detail}", inline=False)
    _add_list(embed, "Key tests", c.tests)


def _treatment(embed: discord.Embed, c: Condition, kb: KnowledgeBase) -> None:
    _add_list(embed, "Main treatments", c.treatments)
    add_packed_fields(embed, f"⚠️ {CAUTIONS.label}", [f"• **{x.kind.label}:** {x.text}" for x in c.cautions])


def _sources(embed: discord.Embed, c: Condition, kb: KnowledgeBase) -> None:
    _related(embed, c, kb)
    lines = [f"{markdown_link(s.title, s.url)}, {s.publisher}, {s.year} ({s.kind.label})" for s in c.sources]
    add_packed_fields(embed, "Sources", lines)


def _related(embed: discord.Embed, c: Condition, kb: KnowledgeBase) -> None:
    # A related card always exists once content has loaded; a preview of a draft folder may lack one.
    present = [kb.by_key[k] for k in c.related if k in kb.by_key]
    if present:
        names = "\n".join(f"• {choice_label(r)}: `/compare {c.key} {r.key}`" for r in present)
        embed.add_field(name="Often confused with", value=names, inline=False)


def _labels(facet: Facet, c: Condition) -> str:
    return " / ".join(facet.labels(c)) or facet.none_label.capitalize()


def _nothing(embed: discord.Embed, c: Condition, kb: KnowledgeBase) -> None:
    """The red-flag section is the red-flag box alone."""


_SECTIONS = {
    None: _whole,
    Section.OVERVIEW: _overview,
    Section.SYMPTOMS: _symptoms,
    Section.DIAGNOSIS: _diagnosis,
    Section.TREATMENT: _treatment,
    Section.RED_FLAGS: _nothing,
    Section.SOURCES: _sources,
}
