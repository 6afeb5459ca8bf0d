"""A condition card as Discord embeds: the whole card, or one section of it. Pure: no I/O, no Discord calls."""

from __future__ import annotations

from enum import StrEnum

import discord

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import choice_label
from bot.knowledge.models import Condition
from bot.render.common import (
    CATEGORY_COLOURS,
    DISCLAIMER,
    RED_FLAG_COLOUR,
    add_packed_fields,
    bullets,
    emergency_heading,
    markdown_link,
)


class Section(StrEnum):
    OVERVIEW = "overview"
    SYMPTOMS = "symptoms"
    DIAGNOSIS = "diagnosis"
    TREATMENT = "treatment"
    RED_FLAGS = "red_flags"
    SOURCES = "sources"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


DRAFT_NOTICE = "⚠️ **Draft card:** not yet reviewed against its sources by a second contributor."


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
        summary = [condition.summary] if section in (None, Section.OVERVIEW) else []
        main.description = "\n\n".join(notice + summary) or None
        if section in (None, Section.OVERVIEW):
            _overview(main, condition, kb, full=section is Section.OVERVIEW)
        if section in (None, Section.SYMPTOMS):
            _symptoms(main, condition)
        if section in (None, Section.DIAGNOSIS):
            _diagnosis(main, condition)
        if section in (None, Section.TREATMENT):
            main.add_field(name="Main treatments", value="\n".join(bullets(condition.treatments)), inline=False)
        if section in (None, Section.SOURCES):
            _sources(main, condition, kb)
        embeds.append(main)
    if section in (None, Section.RED_FLAGS):
        box = red_flag_embed(condition, emergency_number)
        if section is Section.RED_FLAGS:
            box.description = "\n\n".join(notice) or None
        embeds.append(box)
    embeds[-1].set_footer(text=f"{DISCLAIMER} Card last reviewed {condition.last_reviewed.isoformat()}.")
    return embeds


def red_flag_embed(condition: Condition, emergency_number: str | None = None) -> discord.Embed:
    box = discord.Embed(title=f"When to get help: {choice_label(condition)}", colour=RED_FLAG_COLOUR)
    box.add_field(
        name=f"🚨 {emergency_heading(emergency_number)}:",
        value="\n".join(bullets(condition.red_flags.emergency)),
        inline=False,
    )
    box.add_field(name="See a doctor soon if:", value="\n".join(bullets(condition.red_flags.soon)), inline=False)
    return box


def _overview(embed: discord.Embed, c: Condition, kb: KnowledgeBase, *, full: bool) -> None:
    embed.add_field(name="What the immune system attacks", value=c.attacks, inline=False)
    onset = " / ".join(s.label for s in c.onset.speed)
    course = " / ".join(s.label for s in c.onset.course)
    embed.add_field(name="Onset and course", value=f"**{onset}**; {course}\n{c.onset.detail}", inline=False)
    embed.add_field(name="Clinical detail (for students)", value=c.clinical, inline=False)
    if full:
        _related(embed, c, kb)


def _symptoms(embed: discord.Embed, c: Condition) -> None:
    pattern = " / ".join(p.label for p in c.weakness.pattern)
    embed.add_field(name="Leg weakness", value=f"**{pattern}**\n{c.weakness.detail}", inline=False)
    embed.add_field(name="Reflexes", value=f"**{c.reflexes.pattern.label}**\n{c.reflexes.detail}", inline=True)
    embed.add_field(name="Sensation", value=f"**{c.sensation.involvement.label}**\n{c.sensation.detail}", inline=True)
    embed.add_field(
        name="Fatigability", value=f"**{c.fatigability.pattern.label}**\n{c.fatigability.detail}", inline=True
    )
    embed.add_field(name="Other hallmarks", value="\n".join(bullets(c.hallmarks)), inline=False)


def _diagnosis(embed: discord.Embed, c: Condition) -> None:
    names = ", ".join(c.antibodies.typical) if c.antibodies.typical else "None typical"
    embed.add_field(name="Antibodies", value=f"**{names}**\n{c.antibodies.detail}", inline=False)
    embed.add_field(name="Key tests", value="\n".join(bullets(c.tests)), inline=False)


def _related(embed: discord.Embed, c: Condition, kb: KnowledgeBase) -> None:
    if c.related:
        names = "\n".join(f"• {choice_label(kb.by_key[k])}: `/compare {c.key} {k}`" for k in c.related)
        embed.add_field(name="Often confused with", value=names, inline=False)


def _sources(embed: discord.Embed, c: Condition, kb: KnowledgeBase) -> None:
    _related(embed, c, kb)
    add_packed_fields(embed, "Sources", [f"{markdown_link(s.title, s.url)}, {s.publisher}" for s in c.sources])
