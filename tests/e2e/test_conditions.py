"""/condition, /compare, autocomplete and the Share button, end to end through the local Discord."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cards.render import DEEPER_SECTIONS
from bot.config import Settings
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import Section
from local_discord import LocalDiscord
from tests.e2e.checks import NO_PINGS, assert_sendable
from tests.storage.stored import usage_rows


@pytest.mark.parametrize("section", [None, *Section], ids=lambda s: s or "whole")
async def test_condition_card_is_private_with_a_share_button(online: LocalDiscord, section: Section | None) -> None:
    options = {"name": "ms"} if section is None else {"name": "ms", "section": section.value}
    reply = await online.slash("condition", options=options)
    assert reply.ephemeral and not reply.deferred
    assert reply.embeds[0]["title"].startswith("Multiple sclerosis (MS)") or section is Section.RED_FLAGS
    assert reply.embeds[-1]["footer"]["text"].startswith("Educational only, not medical advice.")
    assert "[Share here]" in reply.text()
    assert_sendable(reply)


async def test_every_card_answers_through_discord(online: LocalDiscord, kb: KnowledgeBase) -> None:
    for condition in kb.conditions:
        reply = await online.slash("condition", name=condition.name)
        assert reply.embeds[0]["title"].startswith(condition.name), condition.key
        assert_sendable(reply)


@pytest.mark.parametrize("typed", ["Guillain–Barré", "guillain barre", "GBS", "Miller Fisher syndrome"])
async def test_names_people_type_land_on_the_card(online: LocalDiscord, typed: str) -> None:
    reply = await online.slash("condition", name=typed)
    assert reply.embeds[0]["title"] == "Guillain-Barré syndrome (GBS)"


async def test_unknown_name_gets_private_suggestions_without_echo(online: LocalDiscord) -> None:
    reply = await online.slash("condition", name="@everyone mulitple sklerosis")
    assert reply.ephemeral and not reply.embeds and not reply.components
    assert "Did you mean" in reply.content and "`/condition ms`" in reply.content
    assert "@everyone" not in reply.content and "sklerosis" not in reply.content
    assert reply.content.endswith("-# Educational only, not medical advice. Talk to a doctor about your own "
                                  "health. In an emergency, call your local emergency number.")  # fmt: skip
    assert_sendable(reply)


async def test_compare_two_and_three(online: LocalDiscord) -> None:
    two = await online.slash("compare", first="gbs", second="ms")
    assert two.ephemeral and two.embeds[0]["title"] == "Compare: GBS vs MS"
    reflexes = next(f for f in two.embeds[0]["fields"] if f["name"] == "Reflexes")
    assert reflexes["value"] == "**GBS**: reduced or absent\n**MS**: brisk"
    three = await online.slash("compare", first="mg", second="lems", third="gbs")
    assert three.embeds[0]["title"] == "Compare: MG vs LEMS vs GBS"
    assert "[Share here]" in three.text()
    for reply in (two, three):
        assert_sendable(reply)


async def test_compare_the_same_condition_twice_is_explained(online: LocalDiscord) -> None:
    reply = await online.slash("compare", first="gbs", second="Guillain-Barre syndrome")
    assert reply.ephemeral and not reply.embeds
    assert "more than once, so there is nothing to compare" in reply.content


async def test_compare_with_an_unknown_name(online: LocalDiscord) -> None:
    reply = await online.slash("compare", first="gbs", second="zzzzzz")
    assert reply.ephemeral and reply.content.startswith("I don't have a card matching a name you typed.")


@pytest.mark.parametrize(
    ("command", "option", "others"),
    [
        ("condition", "name", {}),
        ("compare", "first", {}),
        ("compare", "second", {"first": "gbs"}),
        ("compare", "third", {"first": "gbs", "second": "ms"}),
    ],
)
async def test_autocomplete_offers_the_best_match_first(online: LocalDiscord, command, option, others) -> None:
    choices = await online.autocomplete(command, option, "guil", options=others)
    assert choices[0] == {"name": "Guillain-Barré syndrome (GBS)", "value": "gbs"}
    everything = await online.autocomplete(command, option, "", options=others)
    assert 1 <= len(everything) <= 25 and all(1 <= len(c["name"]) <= 100 for c in everything)


async def test_share_posts_the_same_card_publicly(online: LocalDiscord) -> None:
    private = await online.slash("condition", name="gbs", section="red_flags")
    shared = await private.click("Share here")
    assert not shared.ephemeral
    assert shared.embeds == private.embeds
    (public,) = online.messages_in("general")
    assert public.embeds == private.embeds and public.allowed_mentions == NO_PINGS
    assert "Share here" not in button_labels(public)  # the public copy has no Share button of its own
    assert button_labels(public) == [s.label for s in DEEPER_SECTIONS]  # but anyone can open a section


def button_labels(message) -> list[str]:
    return [b["label"] for row in message.components for b in row["components"]]


async def test_a_section_button_opens_that_section_privately_with_its_own_buttons(online: LocalDiscord) -> None:
    card = await online.slash("condition", name="gbs")
    assert button_labels(card) == ["Share here", "Symptoms", "Diagnosis", "Treatment", "Sources"]
    treatment = await card.click("Treatment")
    expected = await online.slash("condition", name="gbs", section="treatment")
    assert treatment.ephemeral and treatment.embeds == expected.embeds
    assert button_labels(treatment) == ["Share here", "Symptoms", "Diagnosis", "Sources"]
    shared = await treatment.click("Share here")
    assert not shared.ephemeral and shared.embeds == expected.embeds


async def test_a_section_button_on_a_public_card_answers_only_the_person_who_clicked(online: LocalDiscord) -> None:
    await online.slash("settings", member="ada", lookups="public")
    card = await online.slash("condition", member="sam", name="ms")
    assert not card.ephemeral and "Share here" not in button_labels(card)
    diagnosis = await card.click("Diagnosis", member="mo")
    assert diagnosis.ephemeral and diagnosis.embeds[0]["title"].endswith(": Diagnosis")
    assert len(online.messages_in("general")) == 1  # nothing new in the channel


async def test_buttons_still_work_after_a_restart(local: LocalDiscord, start_bot) -> None:
    async with start_bot():
        private = await local.slash("compare", first="mg", second="lems")
    async with start_bot(expect_sync=False):  # like a new process: nothing carried over in memory
        shared = await private.click("Share here")
    assert shared.embeds == private.embeds and not shared.ephemeral
    assert local.commands.sync_count == 1  # the command set did not change, so the restart did not re-sync
    local.assert_no_violations()


async def test_usage_counts_hold_no_identifier_or_typed_text(
    local: LocalDiscord, start_bot, settings: Settings
) -> None:
    typed = "my secret symptom question"
    async with start_bot():
        await local.slash("condition", name="ms")
        await local.slash("condition", name=typed)
        await local.slash("compare", first="ms", second="gbs")
        await (await local.slash("condition", name="gbs", section="symptoms")).click("Share here")
    # Closing the bot flushed the counts.
    rows = usage_rows(settings.usage_db_path)
    assert rows == {
        ("condition", "ms", "-", "ok", 1),
        ("condition", "_unmatched", "-", "unknown", 1),
        ("compare", "gbs+ms", "-", "ok", 1),
        ("condition", "gbs", "symptoms", "ok", 1),
        ("share", "gbs", "-", "ok", 1),
    }
    raw = b"".join(p.read_bytes() for p in Path(settings.usage_db_path).parent.glob("bot.sqlite3*"))
    actor = local.actor()
    for secret in [typed, actor.user.id, actor.user.username, actor.guild.id, actor.channel.id]:
        assert str(secret).encode() not in raw


async def test_usage_off_writes_no_counts(local: LocalDiscord, start_bot, settings: Settings) -> None:
    async with start_bot(usage_log=False):
        await local.slash("condition", name="ms")
    assert usage_rows(settings.usage_db_path) == set()


def view_timers() -> int:
    """discord.py's per-view timeout tasks that are still waiting."""
    return sum("timeout_task" in t.get_coro().__qualname__ for t in asyncio.all_tasks() if not t.done())


async def test_replies_leave_no_view_timers_behind(local: LocalDiscord, start_bot) -> None:
    async with start_bot():
        for name in ("ms", "gbs", "mg", "sle", "lems"):
            reply = await local.slash("condition", name=name)
        # Otherwise discord.py keeps every ephemeral reply's view, and a timer, for 15 minutes.
        assert view_timers() == 0
        assert not (await reply.click("Share here")).ephemeral  # clicks still arrive, by custom_id


async def test_a_cause_of_leg_weakness_the_bot_does_not_cover_is_said_plainly(online: LocalDiscord) -> None:
    for typed in ("als", "stroke", "diabetic neuropathy"):
        reply = await online.slash("condition", name=typed)
        assert reply.ephemeral and not reply.embeds and not reply.components
        assert "covers only immune-mediated (autoimmune) causes of leg weakness" in reply.content
        assert "Did you mean" not in reply.content  # never a card for another disease
    stroke = await online.slash("condition", name="stroke")
    assert "🚨 **Call your local emergency number (such as 911, 999 or 112) now if:**" in stroke.content
