"""/stats, /privacy, /help and /about end to end through the local Discord."""

from __future__ import annotations

import logging
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from bot.app import LegWeaknessBot
from bot.config import Settings
from bot.interactions.errors import SOMETHING_WENT_WRONG, with_disclaimer
from bot.moderation.stats import NEEDS_MANAGE_SERVER, NOT_IN_A_SERVER
from bot.moderation.stats_render import CHART_FILE, COUNTING_OFF, DATABASE_UNAVAILABLE, SERVER_OPTED_OUT
from bot.render.common import DISCLAIMER
from bot.render.limits import message_problems
from bot.storage.weeks import UsageKey, this_week, weeks_before
from local_discord import CommandUnavailable, LocalDiscord
from local_discord.world import Perm
from tests.e2e.checks import NO_PINGS
from tests.storage.stored import usage_rows

GUILD_CONTEXT = 0
SUB_COMMAND = 1


def assert_private_and_sendable(reply) -> None:
    assert reply.ephemeral and not reply.deferred
    for message in reply.messages:
        assert message.allowed_mentions == NO_PINGS
        assert message_problems(message.content, message.embeds) == []
    if reply.embeds:
        assert all(embed["footer"]["text"] == DISCLAIMER for embed in reply.embeds)
    else:
        assert reply.content.endswith(DISCLAIMER)


def text(reply) -> str:
    """Everything in the reply as sent, without wrapping."""
    parts = [reply.content]
    for embed in reply.embeds:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
    return "\n".join(parts)


async def seed(bot: LegWeaknessBot, rows: dict[tuple[str, str, str], list[int]], *, weeks_ago: int = 1) -> None:
    """Counts as the recorder would have written them: (command, cards, outcome) -> what each server added."""
    assert bot.database is not None
    week = weeks_before(this_week(), weeks_ago) if weeks_ago else this_week()
    counts = {
        UsageKey(week, f"server-{n}", command, cards, "-", outcome): count
        for (command, cards, outcome), per_server in rows.items()
        for n, count in enumerate(per_server)
    }
    await bot.database.add_counts(counts, current_week=this_week())


def registered(local: LocalDiscord, name: str) -> dict:
    command = local.commands.find(name, None)
    assert command is not None
    return command


async def test_stats_shows_rounded_counts_a_chart_and_nothing_rare(local: LocalDiscord, start_bot) -> None:
    async with start_bot() as bot:
        await seed(
            bot,
            {
                ("condition", "ms", "ok"): [4, 4, 4],  # 12, 8 beyond the busiest server
                ("condition", "gbs", "ok"): [2, 2, 2, 1],  # 7, 5 beyond it
                ("condition", "lems", "ok"): [1, 1, 1],  # too rare to show
                ("condition", "lupus", "ok"): [30],  # one server alone: never shown, however many
                ("condition", "_unmatched", "unknown"): [1] * 6,
                ("help", "-", "ok"): [2],  # too rare to show
            },
        )
        reply = await local.slash("stats", member="ada")
    assert_private_and_sendable(reply)
    shown = text(reply)
    assert "Multiple sclerosis (MS): about 10" in shown and "Guillain-Barré syndrome (GBS): about 5" in shown
    assert "*no matching card*: about 5" in shown and "_unmatched" not in shown
    # 55 in all, but /condition adds up only the cells that are shown (12 + 7 + 6).
    assert "`/condition`: about 25" in shown
    for hidden in ("LEMS", "Lambert", "lupus", "/help"):
        assert hidden not in shown
    assert "every server that uses this bot" in shown
    assert reply.embeds[0]["image"]["url"] == f"attachment://{CHART_FILE}"
    (chart,) = reply.message.attachments
    assert chart["filename"] == CHART_FILE and 0 < chart["size"] < 100_000
    local.assert_no_violations()


async def test_stats_counts_only_the_whole_weeks_asked_for(local: LocalDiscord, start_bot) -> None:
    async with start_bot() as bot:
        await seed(bot, {("condition", "mg", "ok"): [5] * 4}, weeks_ago=6)
        await seed(bot, {("compare", "gbs+ms", "ok"): [1] * 6}, weeks_ago=1)
        await seed(bot, {("search", "-", "ok"): [5] * 4}, weeks_ago=0)  # this week: shown once it is over
        month = await local.slash("stats", member="olivia")
        quarter = await local.slash("stats", member="olivia", weeks=12)
        last = await local.slash("stats", member="olivia", weeks=1)
    assert "Myasthenia gravis" not in text(month) and "`/compare`: about 5" in text(month)
    assert "Myasthenia gravis (MG): about 20" in text(quarter)
    assert last.embeds[0]["title"] == "Usage in the last full week" and "`/compare`: about 5" in text(last)
    for reply in (month, quarter, last):
        assert_private_and_sendable(reply)
        assert "`/search`" not in text(reply)


async def test_a_moderators_own_lookups_cannot_reveal_what_others_did(
    local: LocalDiscord, start_bot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The red-team's attack: add one's own lookups (in a DM, in one's own server) until a card appears."""
    week = this_week()
    async with start_bot() as bot:
        for _ in range(2):  # someone else, in another server
            await local.slash("condition", member="lucia", guild="support", name="lupus")
        for _ in range(10):  # the moderator, in a DM and in their own server
            await local.slash("condition", member="ada", dm=True, name="lupus")
            await local.slash("condition", member="ada", name="lupus")
        await bot.usage.flush()
        assert "lupus" not in text(await local.slash("stats", member="ada"))  # the week is not over
        next_week = weeks_before(week, -1)  # the week is over
        info = sys.modules[type(bot.get_cog("Info")).__module__]  # load_extension imports the cog afresh
        monkeypatch.setattr(info, "this_week", lambda: next_week)
        bot.usage._week = lambda: next_week
        reply = await local.slash("stats", member="ada", weeks=1)
    assert "lupus" not in text(reply) and "`/condition`" not in text(reply)  # still hidden: others did only 2
    assert usage_rows(settings.usage_db_path) == {
        ("condition", "sle", "-", "ok", 12),  # 2 + 10: the DM lookups were never counted
        ("stats", "-", "-", "ok", 2),
    }


async def test_stats_with_an_empty_database(online: LocalDiscord) -> None:
    reply = await online.slash("stats", member="ada")
    assert_private_and_sendable(reply)
    assert reply.embeds[0]["title"] == "Usage in the last 4 full weeks"
    assert "Nothing to show yet" in text(reply) and not reply.message.attachments
    assert COUNTING_OFF not in text(reply)


async def test_stats_says_when_counting_is_off(local: LocalDiscord, start_bot) -> None:
    async with start_bot(usage_log=False):
        reply = await local.slash("stats", member="ada")
    assert_private_and_sendable(reply)
    assert COUNTING_OFF in text(reply)


async def test_stats_says_when_this_server_opted_out_of_counting(online: LocalDiscord) -> None:
    await online.slash("settings", member="ada", usage_counting="off")
    reply = await online.slash("stats", member="ada")
    assert_private_and_sendable(reply)
    assert SERVER_OPTED_OUT in text(reply)
    elsewhere = await online.slash("stats", member="ada", guild="clinic")  # another server has not opted out
    assert SERVER_OPTED_OUT not in text(elsewhere)


async def test_stats_when_the_database_is_unavailable(local: LocalDiscord, start_bot, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be")
    async with start_bot(usage_db_path=blocker / "bot.sqlite3"):
        reply = await local.slash("stats", member="ada")
    assert_private_and_sendable(reply)
    assert reply.content == with_disclaimer(DATABASE_UNAVAILABLE)
    local.assert_no_violations()


async def test_stats_when_the_database_cannot_be_read(
    local: LocalDiscord, start_bot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def damaged(_first: str, _before: str) -> dict:
        raise sqlite3.DatabaseError("database disk image is malformed")

    async with start_bot() as bot:
        monkeypatch.setattr(bot.database, "weekly_counts", damaged)
        with caplog.at_level(logging.ERROR):
            reply = await local.slash("stats", member="ada")
    assert_private_and_sendable(reply)
    assert reply.content == with_disclaimer(DATABASE_UNAVAILABLE)
    assert "/stats failed with DatabaseError" in caplog.text


async def test_stats_is_offered_only_to_server_managers_and_refused_to_others(online: LocalDiscord) -> None:
    stats = registered(online, "stats")
    assert stats["default_member_permissions"] == str(Perm.MANAGE_GUILD)
    for member in ("sam", "mo"):  # a plain member, and a moderator who may manage messages but not the server
        with pytest.raises(CommandUnavailable):
            await online.slash("stats", member=member)
    # Even if a server's admins let everyone use it (Integrations settings), the bot checks again itself.
    stats["default_member_permissions"] = None
    for member in ("sam", "mo"):
        reply = await online.slash("stats", member=member)
        assert_private_and_sendable(reply)
        assert reply.content == with_disclaimer(NEEDS_MANAGE_SERVER)


async def test_stats_is_refused_in_dms_even_when_forged(online: LocalDiscord) -> None:
    stats = registered(online, "stats")
    assert stats["contexts"] == [GUILD_CONTEXT]
    with pytest.raises(CommandUnavailable):
        await online.slash("stats", member="ada", dm=True)
    stats["contexts"], stats["default_member_permissions"] = None, None
    reply = await online.slash("stats", member="ada", dm=True)
    assert_private_and_sendable(reply)
    assert reply.content == with_disclaimer(NOT_IN_A_SERVER)


async def test_stats_weeks_are_limited_to_1_to_12(online: LocalDiscord) -> None:
    (weeks,) = registered(online, "stats")["options"]
    assert (weeks["name"], weeks["min_value"], weeks["max_value"], weeks.get("required", False)) == (
        "weeks",
        1,
        12,
        False,
    )


@pytest.mark.parametrize("command", ["privacy", "help", "about"])
@pytest.mark.parametrize("where", [{"member": "sam"}, {"member": "lucia", "guild": "support"}, {"dm": True}])
async def test_info_commands_answer_privately_everywhere(online: LocalDiscord, command: str, where: dict) -> None:
    reply = await online.slash(command, **where)
    assert_private_and_sendable(reply)
    assert len(reply.embeds) == 1 and not reply.components


async def test_privacy_names_what_is_never_stored(online: LocalDiscord) -> None:
    shown = text(await online.slash("privacy"))
    for expected in ["user IDs, usernames, nicknames or roles", "keyed hash", "/stats", "USAGE_LOG=off"]:
        assert expected in shown


async def test_help_lists_every_registered_command_and_marks_the_moderator_ones(online: LocalDiscord) -> None:
    reply = await online.slash("help")
    lines = text(reply).splitlines()
    for command in [c for c in online.commands.listed(None) if c["type"] == 1]:  # slash commands, not Apps menus
        subcommands = [o for o in command["options"] if o["type"] == SUB_COMMAND]
        shown = [(f"{command['name']} {s['name']}", s["description"]) for s in subcommands]
        for name, description in shown or [(command["name"], command["description"])]:
            (line,) = [line for line in lines if line.startswith(f"`/{name}")]
            assert description in line
            assert ("(moderators)" in line) == (command["default_member_permissions"] is not None), line
    assert any(line.startswith("`/condition name:ms` ") for line in lines)
    assert any(line.startswith("`/stats weeks:4` ") for line in lines)


def parse_example(example: str) -> tuple[str, dict[str, object]]:
    """ "/compare first:gbs second:ms" -> ("compare", {"first": "gbs", "second": "ms"}); values may hold spaces."""
    path, options = [], {}
    words = example.removeprefix("/").split(" ")
    while words and ":" not in words[0]:
        path.append(words.pop(0))
    for match in re.finditer(r"(\w+):(.+?)(?= \w+:|$)", " ".join(words)):
        value = match.group(2)
        options[match.group(1)] = int(value) if value.isdigit() and match.group(1) != "emergency_number" else value
    return " ".join(path), options


async def test_every_example_in_help_works_as_written(online: LocalDiscord) -> None:
    examples = re.findall(r"^`(/[^`]+)`", text(await online.slash("help")), flags=re.MULTILINE)
    slash_commands = [c for c in online.commands.listed(None) if c["type"] == 1]  # not the Apps menu entry
    assert len(examples) >= len(slash_commands)  # a group has a line per subcommand
    for example in examples:
        if "<" in example:  # a command missing from the examples table: nothing to try
            continue
        command, options = parse_example(example)
        reply = await online.slash(command, member="olivia", options=options)  # the owner may use every command
        assert reply.messages, example
        for problem in [SOMETHING_WENT_WRONG, "I don't have", "couldn't read", "You need the right"]:
            assert problem not in reply.text(), example


async def test_about_shows_the_version_and_how_reviewed_the_cards_are(online: LocalDiscord, kb) -> None:
    reply = await online.slash("about")
    fields = {f["name"]: f["value"] for f in reply.embeds[0]["fields"]}
    assert fields["Version"][0].isdigit()
    if kb.last_reviewed is None:  # a draft is never described as reviewed
        assert "Content last reviewed" not in fields
    else:
        assert fields["Content last reviewed"] == kb.last_reviewed.isoformat()
    assert fields["Cards"].startswith(f"{len(kb)} cards: ")
    assert "open an issue in the bot's source repository" in fields["Found a mistake in a card?"]


async def test_each_use_is_counted_without_cards(local: LocalDiscord, start_bot, settings: Settings) -> None:
    async with start_bot():
        for command in ("privacy", "help", "about"):
            await local.slash(command)
        await local.slash("stats", member="ada")
        await local.slash("about", dm=True)
    rows = usage_rows(settings.usage_db_path)
    assert rows == {
        ("privacy", "-", "-", "ok", 1),
        ("help", "-", "-", "ok", 1),
        ("about", "-", "-", "ok", 1),  # not the one in a DM: only use inside a server is counted
        ("stats", "-", "-", "ok", 1),
    }
