"""The same scenarios over the gateway and over HTTP, compared answer by answer.

Each scenario runs twice on one local Discord: first against the gateway bot, then against the HTTP bot (the
interactions POSTed, signed, to its endpoint), each with a fresh database. What the person sees must be the same in
both (content, embeds, components, visibility, mentions, attachments, suggestions); so must every request body the
bot sent, except where HTTP mode has to take another route (an answer with files is a deferral and an edit); and so
must the usage counts each mode wrote.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.app import LegWeaknessBot
from bot.config import Settings
from bot.gateway import build_bot
from bot.knowledge.base import KnowledgeBase
from bot.quiz import ids as quiz_ids
from bot.quiz.render import NEXT_LABEL
from local_discord import LocalDiscord
from local_discord.components import walk_components
from local_discord.replies import Reply
from tests.e2e.http_replica import http_replica
from tests.e2e.test_info import seed
from tests.storage.stored import usage_rows

MODES = ("gateway", "http")
QUIZ_SEED = 0x5EED5EED5EED  # a fixed quiz in both modes, so their buttons' custom_ids are the same
SELECT = 3  # component type
Scenario = Callable[[LocalDiscord, LegWeaknessBot], Awaitable[list[Reply]]]


def first_menu(reply: Reply) -> tuple[str, str]:
    """The first select menu's custom_id and its first option's value."""
    menu = next(c for _, c in walk_components(reply.components) if c.get("type") == SELECT)
    return menu["custom_id"], menu["options"][0]["value"]


async def condition_sections_and_share(local: LocalDiscord, _bot: LegWeaknessBot) -> list[Reply]:
    card = await local.slash("condition", name="ms")
    section = await local.slash("condition", name="gbs", section="treatment")
    opened = await card.click("Symptoms")
    shared = await card.click("Share here")
    return [card, section, opened, shared]


async def compare(local: LocalDiscord, _bot: LegWeaknessBot) -> list[Reply]:
    return [await local.slash("compare", first="gbs", second="ms", third="mg")]


async def which_menus(local: LocalDiscord, _bot: LegWeaknessBot) -> list[Reply]:
    start = await local.slash("which")
    menu, value = first_menu(start)
    picked = await start.select(menu, [value])
    return [start, picked, await start.click("Clear")]


async def quiz_start_answer_next(local: LocalDiscord, _bot: LegWeaknessBot) -> list[Reply]:
    start = await local.slash("quiz", member="olivia", questions=2)
    answers = [await start.click(letter, member=who) for letter, who in (("A", "mo"), ("B", "sam"), ("A", "mo"))]
    moved = await start.click(NEXT_LABEL, member="sam")
    return [start, *answers, moved]


async def glossary_and_search(local: LocalDiscord, _bot: LegWeaknessBot) -> list[Reply]:
    return [
        await local.slash("glossary", term="areflexia"),
        await local.slash("search", query="plasma exchange"),
        await local.slash("search", query="I can't feel my feet"),
    ]


async def card_with_mention(local: LocalDiscord, _bot: LegWeaknessBot) -> list[Reply]:
    card = await local.slash("card", member="mo", condition="gbs", section="red_flags", mention="sam")
    return [card, await card.click("Symptoms", member="sam")]


async def settings_then_public_lookups(local: LocalDiscord, _bot: LegWeaknessBot) -> list[Reply]:
    changed = await local.slash("settings", member="ada", lookups="public", emergency_number="000")
    return [changed, await local.slash("condition", name="lupus"), await local.slash("settings", member="ada")]


async def stats_with_a_chart(local: LocalDiscord, bot: LegWeaknessBot) -> list[Reply]:
    await seed(bot, {("condition", "ms", "ok"): [4, 4, 4], ("condition", "gbs", "ok"): [2, 2, 2, 1]})
    return [await local.slash("stats", member="ada")]


async def errors_and_unknown_names(local: LocalDiscord, _bot: LegWeaknessBot) -> list[Reply]:
    return [
        await local.slash("condition", name="gbss"),  # did you mean
        await local.slash("condition", name="als"),  # recognised, not covered
        await local.slash("compare", first="ms", second="nothing like it"),
        await local.slash("settings", member="ada", emergency_number="call me"),  # not a phone number
        await local.slash("compare", first="ms", second="ms"),
        await local.slash("quiz", topic="bones"),
    ]


async def dms_and_info(local: LocalDiscord, _bot: LegWeaknessBot) -> list[Reply]:
    return [
        await local.slash("condition", dm=True, name="mg"),
        await local.slash("help"),
        await local.slash("privacy"),
        await local.slash("about"),
    ]


async def autocomplete(local: LocalDiscord, _bot: LegWeaknessBot) -> list[Reply]:
    replies = []
    for command, option, typed in (("condition", "name", "guil"), ("compare", "second", "m"), ("quiz", "topic", "mu")):
        await local.autocomplete(command, option, typed)
        replies.append(list(local.state.replies.values())[-1])
    return replies


SCENARIOS: list[Scenario] = [
    condition_sections_and_share,
    compare,
    which_menus,
    quiz_start_answer_next,
    glossary_and_search,
    card_with_mention,
    settings_then_public_lookups,
    stats_with_a_chart,
    errors_and_unknown_names,
    dms_and_info,
    autocomplete,
]


def seen(reply: Reply) -> dict[str, Any]:
    """What the person sees of a reply, whichever way it was delivered."""
    return {
        "label": reply.label,
        "failed": reply.failed,
        "content": reply.content,
        "embeds": reply.embeds,
        "components": reply.components,
        "ephemeral": reply.ephemeral,
        "allowed_mentions": reply.allowed_mentions,
        "attachments": [(a["filename"], a["size"]) for a in reply.message.attachments] if reply.message else [],
        "choices": reply.choices,
        "followups": [(m.content, m.embeds) for m in reply.followups],
    }


@asynccontextmanager
async def online_in(
    mode: str, local: LocalDiscord, settings: Settings, kb: KnowledgeBase, folder: Path
) -> AsyncIterator[LegWeaknessBot]:
    folder.mkdir()
    settings = dataclasses.replace(settings, usage_db_path=folder / "bot.sqlite3")
    if mode == "gateway":
        bot = build_bot(settings, kb)
        async with local.run_bot(bot):
            yield bot
        return
    async with http_replica(local, settings, kb) as (http_bot, _url):
        yield http_bot
    local.use_gateway_for_interactions()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
async def test_gateway_and_http_modes_answer_alike(
    scenario: Scenario,
    local: LocalDiscord,
    settings: Settings,
    kb: KnowledgeBase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(quiz_ids, "new_seed", lambda: QUIZ_SEED)  # read when the cog loads
    replies: dict[str, list[Reply]] = {}
    counted: dict[str, set[tuple[str, str, str, str, int]]] = {}
    for mode in MODES:
        delivered = len(local.endpoints.deliveries)
        async with online_in(mode, local, settings, kb, tmp_path / mode) as bot:
            replies[mode] = await scenario(local, bot)
        counted[mode] = usage_rows(tmp_path / mode / "bot.sqlite3")  # written at shutdown
        over_http = local.endpoints.deliveries[delivered:]
        if mode == "http":  # every interaction went to the endpoint, and each answer was taken
            assert len(over_http) == len(replies[mode]) and all(d.accepted for d in over_http)
        else:
            assert over_http == []
    for gateway, http in zip(replies["gateway"], replies["http"], strict=True):
        for aspect, value in seen(gateway).items():
            assert seen(http)[aspect] == value, (gateway.label, aspect)
        if not (gateway.message and gateway.message.attachments):
            assert http.bodies == gateway.bodies, gateway.label
            assert http.response_type == gateway.response_type, gateway.label
        else:  # files: HTTP mode defers with the same visibility, then edits the message in
            assert http.deferred and http.ephemeral == gateway.ephemeral
    assert counted["http"] == counted["gateway"]  # each interaction counted once, the same way
    local.assert_no_violations()
