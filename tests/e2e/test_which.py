"""/which end to end through the local Discord: every menu choice, Clear, restarts, forged ids, preferences, usage."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from bot.config import Settings
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import choice_label
from bot.which.menus import OPTIONS, Choices, Menu, Option
from bot.which.ranking import rank, shared_emergency_signs
from bot.which.render import CLEAR_LABEL, MAX_DETAILED, NO_MATCH, PLACEHOLDERS, START
from cogs.which import STALE
from local_discord import LocalDiscord
from local_discord.replies import CHANNEL_MESSAGE, UPDATE_MESSAGE
from tests.e2e.checks import assert_sendable
from tests.e2e.test_conditions import view_timers
from tests.storage.stored import usage_rows

SPEED, WHERE, EXAM, CLUES = (PLACEHOLDERS[m] for m in Menu)


def assert_shows(reply, kb: KnowledgeBase, choices: Choices) -> None:
    """The box first, then the cards rank() gives for these choices, by name, in order."""
    box, results = reply.embeds
    assert box["title"].startswith("🚨 Get emergency help now: call your local emergency number")
    for sign in shared_emergency_signs(kb.conditions):
        assert sign in box["description"]
    ranking = rank(kb.conditions, choices)
    shown = (ranking.matches or ranking.closest) if choices.picked else ()  # no choice yet: names only
    detailed = [f["name"] for f in results["fields"] if f["name"][0].isdigit()]
    assert detailed == [f"{n}. {choice_label(m.condition)}" for n, m in enumerate(shown[:MAX_DETAILED], 1)]
    if not ranking.matches:
        assert results["fields"][0]["value"].startswith(NO_MATCH)
    assert results["footer"]["text"].startswith("Educational only, not medical advice.")
    assert_sendable(reply)


def menu_of(option: Option) -> str:
    return PLACEHOLDERS[option.menu]


async def test_which_starts_private_with_the_red_flag_box_above_every_card(online: LocalDiscord, kb) -> None:
    reply = await online.slash("which")
    assert reply.ephemeral and reply.response_type == CHANNEL_MESSAGE
    assert_shows(reply, kb, Choices())
    assert START in reply.embeds[1]["description"]
    text = reply.text()
    for placeholder in PLACEHOLDERS.values():
        assert f"<{placeholder}:" in text
    assert f"[{CLEAR_LABEL}] (disabled)" in text


@pytest.mark.parametrize("option", OPTIONS, ids=lambda o: f"{o.menu.name.lower()}-{o.value}")
async def test_every_single_choice_narrows_the_message_in_place(online: LocalDiscord, kb, option: Option) -> None:
    start = await online.slash("which")
    picked = await start.select(menu_of(option), [option.value])
    assert picked.response_type == UPDATE_MESSAGE and picked.message is start.message
    assert_shows(picked, kb, Choices((option,)))
    assert f"**Your choices:** {option.text}" in picked.embeds[1]["description"]
    assert "%" not in picked.text()


async def test_choices_combine_and_clear_resets(online: LocalDiscord, kb) -> None:
    reply = await online.slash("which")
    steps = [
        (SPEED, ["hours_to_days"]),
        (EXAM, ["reflexes.reduced_or_absent", "sensation.affected"]),
        (CLUES, ["breathing", "face_weakness"]),
        (WHERE, ["ascending"]),
        (SPEED, ["comes_and_goes"]),  # replaces the speed choice
        (CLUES, []),  # empties that menu
    ]
    choices = Choices()
    for menu, values in steps:
        reply = await reply.select(menu, values)
        control = next(m for m in Menu if PLACEHOLDERS[m] == menu)
        chosen = [o for o in OPTIONS if o.menu is control and o.value in values]
        choices = choices.with_menu(control, chosen)
        assert_shows(reply, kb, choices)
    assert "Course: comes and goes" in reply.embeds[1]["description"]
    cleared = await reply.click(CLEAR_LABEL)
    assert cleared.response_type == UPDATE_MESSAGE
    assert_shows(cleared, kb, Choices())
    assert START in cleared.embeds[1]["description"]


async def test_a_combination_no_card_has_shows_the_closest(online: LocalDiscord, kb) -> None:
    reply = await online.slash("which")
    every_clue = [o.value for o in OPTIONS if o.menu is Menu.CLUES]
    picked = await reply.select(CLUES, every_clue)
    assert_shows(picked, kb, Choices(tuple(o for o in OPTIONS if o.menu is Menu.CLUES)))


async def test_compare_hint_names_the_top_two(online: LocalDiscord, kb) -> None:
    reply = await (await online.slash("which")).select(WHERE, ["proximal"])
    first, second, *_ = rank(kb.conditions, Choices(tuple(o for o in OPTIONS if o.value == "proximal"))).top()
    hint = next(f for f in reply.embeds[1]["fields"] if f["name"] == "Compare top matches")
    assert hint["value"] == f"`/compare {first} {second}`"
    compared = await online.slash("compare", first=first, second=second)  # the hint is a working command
    assert compared.embeds[0]["title"].startswith("Compare: ")


async def test_menus_keep_working_after_a_restart(local: LocalDiscord, start_bot, kb) -> None:
    async with start_bot():
        reply = await (await local.slash("which")).select(SPEED, ["days_to_weeks"])
    async with start_bot(expect_sync=False):  # nothing carried over in memory: the state is in the custom_ids
        reply = await reply.select(EXAM, ["reflexes.reduced_or_absent"])
        expected = Choices(tuple(o for o in OPTIONS if o.value in {"days_to_weeks", "reflexes.reduced_or_absent"}))
        assert_shows(reply, kb, expected)
        cleared = await reply.click(CLEAR_LABEL)
        assert_shows(cleared, kb, Choices())
    local.assert_no_violations()


def forge(reply, row: int, **changes) -> str:
    """Change a component of a sent message the way a modified client could, and return its custom_id."""
    component = reply.message.components[row]["components"][0]
    component.update(changes)
    return component["custom_id"]


@pytest.mark.parametrize(
    ("row", "changes", "values"),
    [
        (0, {"custom_id": "which:s:z..."}, ["hours_to_days"]),  # an option letter that does not exist
        (0, {"custom_id": "which:s:hd..."}, ["hours_to_days"]),  # two answers to a pick-one menu
        (3, {"custom_id": "which:c:...rv"}, ["rash"]),  # not in the one order the bot writes
        (0, {"custom_id": "which:x:..."}, ["hours_to_days"]),  # a menu posing as the Clear button
        (0, {"custom_id": "which:anything at all"}, ["hours_to_days"]),
        (3, {"options": [{"label": "mention", "value": "@everyone"}]}, ["@everyone"]),  # a value never offered
        (0, {"max_values": 2}, ["hours_to_days", "days_to_weeks"]),  # two answers to a pick-one menu
    ],
)
async def test_forged_or_stale_menus_get_a_clean_private_answer(online: LocalDiscord, row, changes, values) -> None:
    reply = await online.slash("which")
    before = copy.deepcopy(reply.embeds)
    custom_id = forge(reply, row, **changes)
    answer = await reply.select(custom_id, values)
    assert answer.response_type == CHANNEL_MESSAGE and answer.ephemeral
    assert answer.content.startswith(STALE) and "@everyone" not in answer.content
    assert reply.embeds == before  # the message itself is untouched
    assert_sendable(answer)


async def test_a_forged_clear_button_gets_a_clean_private_answer(online: LocalDiscord) -> None:
    reply = await (await online.slash("which")).select(SPEED, ["hours_to_days"])
    button = reply.message.components[4]["components"][0]
    button["custom_id"] = "which:s:h..."  # a button posing as a menu
    answer = await reply.click(button["custom_id"])
    assert answer.ephemeral and answer.content.startswith(STALE)


async def test_which_stays_private_in_a_public_lookups_server_and_shows_its_emergency_number(
    online: LocalDiscord, kb
) -> None:
    await online.slash("settings", member="ada", lookups="public", emergency_number="000")
    reply = await online.slash("which")
    assert reply.ephemeral  # what someone picks is close to their symptoms: never shown in the channel
    assert reply.embeds[0]["title"] == "🚨 Get emergency help now: call 000 if:"
    picked = await reply.select(SPEED, ["weeks_to_months"])
    assert picked.ephemeral and picked.embeds[0]["title"] == "🚨 Get emergency help now: call 000 if:"
    assert online.messages_in("general") == []
    assert_sendable(picked)


async def test_which_works_in_a_dm(online: LocalDiscord, kb) -> None:
    reply = await online.slash("which", dm=True)
    picked = await reply.select(WHERE, ["both_legs"])
    assert_shows(picked, kb, Choices(tuple(o for o in OPTIONS if o.menu is Menu.WHERE and o.value == "both_legs")))


async def test_replies_leave_no_view_timers_behind(local: LocalDiscord, start_bot) -> None:
    async with start_bot():
        reply = await local.slash("which")
        reply = await reply.select(SPEED, ["hours_to_days"])
        assert view_timers() == 0
        assert (await reply.click(CLEAR_LABEL)).response_type == UPDATE_MESSAGE


async def test_usage_is_counted_with_the_top_matches_only(
    local: LocalDiscord, start_bot, settings: Settings, kb: KnowledgeBase
) -> None:
    hours = Choices(tuple(o for o in OPTIONS if o.value == "hours_to_days"))
    async with start_bot():
        reply = await local.slash("which")
        reply = await reply.select(SPEED, ["hours_to_days"])
        await reply.select(CLUES, [o.value for o in OPTIONS if o.menu is Menu.CLUES])  # no card has them all
        forged = forge(reply, 0, custom_id="which:s:z...")
        await reply.select(forged, ["hours_to_days"])
    rows = usage_rows(settings.usage_db_path)
    assert rows == {
        ("which", "-", "-", "ok", 1),
        ("which", "+".join(sorted(rank(kb.conditions, hours).top())), "-", "ok", 1),
        ("which", "-", "-", "unknown", 1),
        ("which", "-", "-", "invalid", 1),
    }
    raw = b"".join(p.read_bytes() for p in Path(settings.usage_db_path).parent.glob("bot.sqlite3*"))
    actor = local.actor()
    # No one's identity, and not what they picked: only the cards it led to.
    for secret in [actor.user.id, actor.user.username, actor.guild.id, actor.channel.id, "hours_to_days", "breathing"]:
        assert str(secret).encode() not in raw
