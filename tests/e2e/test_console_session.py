"""Scripted console sessions against the real bot: each line typed as a person would, the output read back."""

from __future__ import annotations

import io
from pathlib import Path

from bot.local_mode.console import Console
from local_discord import LocalDiscord
from tests.e2e.test_info import seed


async def session(local: LocalDiscord, *lines: str, attachments: Path | None = None) -> str:
    out = io.StringIO()
    console = Console(local, out=out, attachments_dir=attachments)
    for line in lines:
        assert await console.handle(line), line  # no line ends the session, whatever it says
    return out.getvalue()


async def test_an_unknown_member_or_everyone_as_a_mention_is_one_clear_line(online: LocalDiscord) -> None:
    out = await session(
        online, "as mo", "/card gbs mention:@everyone", "/card gbs mention:nobody", "/card gbs mention:@sam"
    )
    assert out.count("mention takes one member of this server: olivia, mo, ada, sam.") == 2
    assert "--- #1 /card condition:gbs mention:@sam ---" in out  # the only reply: the refusals sent nothing
    assert "@sam, this card may help with your question." in out and "<@" not in out  # mentions as names
    assert "#2" not in out


async def test_apostrophes_are_letters_and_extra_words_stay_with_their_value(online: LocalDiscord) -> None:
    out = await session(
        online, "/condition Sjögren's", "/search don't feel my feet", "/condition multiple sclerosis symptoms"
    )
    assert "quote" not in out.lower()
    assert "--- #1 /condition name:Sjögren's ---" in out and "SJÖGREN'S DISEASE" in out
    assert "--- #2 /search query:don't feel my feet ---" in out
    assert "--- #3 /condition name:multiple sclerosis section:symptoms ---" in out
    assert "MULTIPLE SCLEROSIS (MS): SYMPTOMS" in out


async def test_slash_help_is_the_bot_and_colon_help_is_the_console(online: LocalDiscord) -> None:
    out = await session(online, "/help", ":help")
    assert "--- #1 /help ---\n(only you can see this)" in out  # the bot's own reply, numbered like any other
    assert "Console commands:" in out and "click #<n> <button label>" in out


async def test_click_presses_only_the_last_reply_unless_a_reply_is_named(online: LocalDiscord) -> None:
    out = await session(
        online,
        "/compare gbs ms",  # 1: private, with Share here
        "/glossary areflexia",  # 2: no Share here
        "click Share here",  # must not post #1's comparison publicly
        "click #1 Share here",
        "click #9 Share here",
    )
    assert "Reply #2 has no button called that." in out
    assert "[Share here] is on reply #1: type `click #1 Share here`." in out
    assert out.count("(posted in the channel for everyone)") == 1  # only once it was named
    assert "--- #3 [Share here] ---\n(posted in the channel for everyone)\nCOMPARE: GBS VS MS" in out
    assert "There is no reply #9 to act on (recent replies: #1 to #3)." in out
    assert len(online.messages_in("general")) == 1


async def test_refusals_name_discords_permissions_and_who_has_them(online: LocalDiscord) -> None:
    out = await session(online, "as mo", "/settings", "as ada", "/card gbs")
    assert "Discord offers /settings only to members with Manage Server; you are mo (Moderator)." in out
    assert "Try `as olivia` or `as ada`." in out
    assert "Discord offers /card only to members with Manage Messages; you are ada (Server Admin)." in out
    assert "32" not in out and "8192" not in out


async def test_menu_echoes_show_labels(online: LocalDiscord) -> None:
    out = await session(online, "/which", 'select "Reflexes" "reflexes: reduced or absent"', "select #1 other rash")
    assert "--- #2 <Reflexes, sensation, fatigability: Reflexes: reduced or absent> (updates #1) ---" in out
    assert "--- #3 <Other clues: skin rash> (updates #1) ---" in out
    assert "reduced_or_absent" not in out and "reflexes." not in out


async def test_the_stats_chart_is_saved_where_you_can_open_it(local: LocalDiscord, start_bot, tmp_path: Path) -> None:
    saved = tmp_path / "attachments"
    saved.mkdir()
    async with start_bot() as bot:
        await seed(bot, {("condition", "ms", "ok"): [4, 4, 4], ("condition", "gbs", "ok"): [3, 3, 3]})
        out = await session(local, "as ada", "/stats", attachments=saved)
    (chart,) = saved.iterdir()
    assert chart.read_bytes().startswith(b"\x89PNG")  # the very image the bot sent
    assert f"Attachment: {chart.name.split('-', 1)[1]} (" in out and f"saved to {chart} (open it to see it)" in out
    local.assert_no_violations()


async def test_words_after_a_named_value_stay_with_it(online: LocalDiscord) -> None:
    out = await session(online, "as ada", "/settings emergency_number:1 1 2", "/settings emergency_number:0")
    assert "--- #1 /settings emergency_number:1 1 2 ---" in out and "`112`" in out  # never lookups:1 ...
    assert "--- #2 /settings emergency_number:0 ---" in out and "That isn't an emergency number I know" in out
