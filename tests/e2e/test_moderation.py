"""/card and /settings through the local Discord: permissions, mentions, preferences and their effects."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import pytest

import bot.app
from bot.config import Settings
from bot.interactions.cooldowns import PUBLIC_POSTS
from bot.interactions.errors import with_disclaimer
from bot.moderation.settings_render import BAD_NUMBER, NOT_ADDED_HERE
from bot.storage.settings import DEFAULTS
from local_discord import CommandUnavailable, LocalDiscord
from tests.e2e.polling import poll_until
from tests.storage.lock_holder import lock_held
from tests.storage.stored import usage_rows

GUILD_INSTALL, USER_INSTALL = 0, 1
GUILD_CONTEXT, BOT_DM, PRIVATE_CHANNEL = 0, 1, 2


def registered(local: LocalDiscord, name: str) -> dict:
    command = local.commands.find(name, None)
    assert command is not None
    return command


async def test_moderator_posts_a_card_that_pings_only_the_member_asked_for(online: LocalDiscord) -> None:
    sam = online.actor(member="sam").user
    reply = await online.slash("card", member="mo", condition="gbs", section="red_flags", mention="sam")
    assert not reply.ephemeral
    assert reply.content == f"<@{sam.id}>, this card may help with your question."
    assert reply.allowed_mentions == {"parse": [], "users": [int(sam.id)]}
    assert reply.embeds[0]["title"] == "When to get help: Guillain-Barré syndrome (GBS)"
    assert [m.embeds for m in online.messages_in("general")] == [reply.embeds]


async def test_card_without_mention_pings_no_one(online: LocalDiscord) -> None:
    reply = await online.slash("card", member="mo", condition="ms")
    assert reply.content == "" and reply.allowed_mentions == {"parse": [], "users": []}


async def test_card_unknown_condition_is_private(online: LocalDiscord) -> None:
    reply = await online.slash("card", member="mo", condition="not a condition")
    assert reply.ephemeral and reply.content.startswith("I don't have a card matching")
    assert online.messages_in("general") == []


async def test_members_without_manage_messages_are_refused(online: LocalDiscord) -> None:
    with pytest.raises(CommandUnavailable):  # Discord hides it: default_member_permissions
        await online.slash("card", member="sam", condition="ms")
    # Even if a server's admins override that in Integrations, the bot checks again itself.
    registered(online, "card")["default_member_permissions"] = None
    reply = await online.slash("card", member="sam", condition="ms")
    assert reply.ephemeral and reply.content == with_disclaimer(
        "You need the right server permissions to use that command here."
    )
    assert online.messages_in("general") == []


async def test_server_only_commands_refuse_a_dm_even_when_forged(online: LocalDiscord) -> None:
    for name, options in (("card", {"condition": "ms"}), ("settings", {})):
        with pytest.raises(CommandUnavailable):
            await online.slash(name, member="mo", dm=True, options=options)
        forged = registered(online, name)
        forged["contexts"], forged["dm_permission"], forged["default_member_permissions"] = None, True, None
        reply = await online.slash(name, member="mo", dm=True, options=options)
        assert reply.ephemeral and reply.content.startswith("That command only works inside a server.")


async def test_posting_publicly_has_a_per_user_cooldown(online: LocalDiscord) -> None:
    for _ in range(PUBLIC_POSTS):
        assert not (await online.slash("card", member="mo", condition="ms")).ephemeral
    refused = await online.slash("card", member="mo", condition="ms")
    assert refused.ephemeral and "Please wait" in refused.content
    private = await online.slash("condition", member="mo", name="gbs")
    shared = await private.click("Share here", member="mo")  # the same limit covers Share
    assert shared.ephemeral and "Please wait" in shared.content
    assert not (await online.slash("card", member="olivia", condition="ms")).ephemeral  # others are not limited


async def test_lookups_work_in_dms_and_user_installs_are_allowed(online: LocalDiscord) -> None:
    reply = await online.slash("condition", member="sam", dm=True, name="lupus")
    assert reply.embeds[0]["title"] == "Systemic lupus erythematosus (SLE)"
    condition = registered(online, "condition")
    assert set(condition["integration_types"]) == {GUILD_INSTALL, USER_INSTALL}
    assert set(condition["contexts"]) == {GUILD_CONTEXT, BOT_DM, PRIVATE_CHANNEL}
    for server_only in ("card", "settings"):
        assert registered(online, server_only)["integration_types"] == [GUILD_INSTALL]
        assert registered(online, server_only)["contexts"] == [GUILD_CONTEXT]


async def test_settings_show_and_need_manage_server(online: LocalDiscord) -> None:
    shown = await online.slash("settings", member="ada")
    assert shown.ephemeral and shown.embeds[0]["title"] == "Settings for this server"
    assert "Private" in shown.embeds[0]["fields"][0]["value"]
    with pytest.raises(CommandUnavailable):
        await online.slash("settings", member="mo")


async def test_public_lookups_and_a_local_emergency_number(online: LocalDiscord) -> None:
    saved = await online.slash("settings", member="ada", lookups="public", emergency_number=" 000 ")
    assert saved.embeds[0]["title"] == "Settings saved for this server"
    reply = await online.slash("condition", member="sam", name="gbs", section="red_flags")
    assert not reply.ephemeral  # public already: no Share button, only the other sections
    assert "Share here" not in [b["label"] for row in reply.components for b in row["components"]]
    assert reply.embeds[0]["fields"][0]["name"] == "🚨 Get emergency help now: call 000 if:"
    elsewhere = await online.slash("condition", member="sam", guild="support", name="gbs", section="red_flags")
    assert elsewhere.ephemeral and "911, 999 or 112" in elsewhere.embeds[0]["fields"][0]["name"]
    await online.slash("settings", member="ada", emergency_number="default")
    reply = await online.slash("condition", member="sam", name="gbs", section="red_flags")
    assert "911, 999 or 112" in reply.embeds[0]["fields"][0]["name"]


async def test_a_bad_emergency_number_is_refused_without_echo(online: LocalDiscord) -> None:
    reply = await online.slash("settings", member="ada", emergency_number="@everyone call me")
    assert reply.ephemeral and reply.content == with_disclaimer(BAD_NUMBER)
    assert "call me" not in reply.content


@pytest.mark.parametrize("typed", ["0", "1", "12345"])
async def test_a_number_that_is_no_emergency_number_is_refused_and_nothing_changes(
    online: LocalDiscord, typed: str
) -> None:
    await online.slash("settings", member="ada", emergency_number="000")
    reply = await online.slash("settings", member="ada", emergency_number=typed)
    assert reply.ephemeral and reply.content == with_disclaimer(BAD_NUMBER)
    card = await online.slash("condition", member="sam", name="gbs", section="red_flags")
    assert card.embeds[0]["fields"][0]["name"] == "🚨 Get emergency help now: call 000 if:"


async def test_a_spaced_out_emergency_number_is_shown_as_people_dial_it(online: LocalDiscord) -> None:
    saved = await online.slash("settings", member="ada", emergency_number="1 1 2")
    assert "`112`" in saved.embeds[0]["fields"][1]["value"]
    card = await online.slash("condition", member="sam", name="gbs", section="red_flags")
    assert card.embeds[0]["fields"][0]["name"] == "🚨 Get emergency help now: call 112 if:"


async def test_opting_out_stops_counting_for_that_server_only(
    local: LocalDiscord, start_bot, settings: Settings
) -> None:
    async with start_bot():
        await local.slash("settings", member="ada", usage_counting="off")
        for _ in range(3):
            await local.slash("condition", member="sam", name="ms")
        await local.slash("condition", member="sam", guild="support", name="gbs")
    rows = {(command, cards, count) for command, cards, _, _, count in usage_rows(settings.usage_db_path)}
    assert rows == {("condition", "gbs", 1)}  # the settings change itself was made after opting out


async def test_leaving_a_server_deletes_its_settings(local: LocalDiscord, start_bot, settings: Settings) -> None:
    async with start_bot() as bot:
        await local.slash("settings", member="ada", lookups="public")
        guild = local.actor(member="ada").guild
        assert bot.guild_settings.get(int(guild.id)).private_lookups is False
        await local.gateway.dispatch("GUILD_DELETE", {"id": guild.id})

        def forgotten() -> bool:  # the bot's own state: the local Discord has no event to wait on
            return bot.guild_settings.get(int(guild.id)) == DEFAULTS

        await poll_until(forgotten, "the server's settings to be forgotten", timeout=2.0, every=0.01)
    with sqlite3.connect(settings.usage_db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM guild_settings").fetchone() == (0,)


async def test_a_slow_save_is_deferred_then_answered(local: LocalDiscord, start_bot) -> None:
    async with start_bot() as bot:
        update = bot.guild_settings.update

        async def slow_update(*args, **kwargs):  # as behind a database locked by another process
            await asyncio.sleep(2.0)
            return await update(*args, **kwargs)

        bot.guild_settings.update = slow_update
        reply = await local.slash("settings", member="ada", lookups="public")
    assert reply.deferred and reply.ephemeral
    assert reply.embeds[0]["title"] == "Settings saved for this server"
    assert not [v for v in local.violations if v.code == 10062]


async def test_interactions_from_a_guild_the_bot_is_not_in_get_clean_answers(online: LocalDiscord) -> None:
    # A user-installed app receives interactions from servers it was never added to; simulate one by leaving.
    clinic = online.actor(member="pierre", guild="clinic").guild
    await online.gateway.dispatch("GUILD_DELETE", {"id": clinic.id})
    card = await online.slash("condition", member="pierre", guild="clinic", name="ms")
    assert card.embeds[0]["title"] == "Multiple sclerosis (MS)"
    assert (await card.click("Share here", member="pierre")).embeds == card.embeds
    which = await online.slash("which", member="pierre", guild="clinic")
    assert which.embeds and not which.content.startswith("Sorry")
    settings = await online.slash("settings", member="ada", guild="clinic", lookups="public")
    # Nothing is stored for a server the bot could never see remove it.
    assert settings.ephemeral and settings.content == with_disclaimer(NOT_ADDED_HERE)


async def test_settings_are_not_stored_for_a_server_the_bot_is_not_in(
    local: LocalDiscord, start_bot, settings: Settings
) -> None:
    async with start_bot():
        clinic = local.world.guild("clinic")
        await local.gateway.dispatch("GUILD_DELETE", {"id": clinic.id})
        reply = await local.slash("settings", member="ada", guild="clinic", usage_counting="off")
    assert reply.content == with_disclaimer(NOT_ADDED_HERE)
    assert settings_rows(settings) == 0


def settings_rows(settings: Settings) -> int:
    with sqlite3.connect(settings.usage_db_path) as conn:
        return conn.execute("SELECT COUNT(*) FROM guild_settings").fetchone()[0]


async def test_a_server_that_removed_the_bot_while_it_was_offline_loses_its_settings_at_the_next_start(
    local: LocalDiscord, start_bot, settings: Settings
) -> None:
    async with start_bot():
        await local.slash("settings", member="ada", guild="clinic", usage_counting="off")
        await local.slash("settings", member="ada", guild="study", lookups="public")
    assert settings_rows(settings) == 2
    local.world.guilds.remove(local.world.guild("clinic"))  # removed meanwhile: no GUILD_DELETE can reach the bot
    async with start_bot(expect_sync=False) as bot:
        await poll_until(lambda: settings_rows(settings) == 1, "the settings to be reconciled", timeout=5, every=0.02)
        assert not bot.guild_settings.get(
            int(local.world.guild("study").id)
        ).private_lookups  # the other server keeps its own


async def test_a_delete_refused_by_a_locked_database_is_retried(
    local: LocalDiscord, start_bot, settings: Settings, caplog: pytest.LogCaptureFixture, monkeypatch
) -> None:
    monkeypatch.setattr(bot.app, "HOUSEKEEPING_SECONDS", 0.05)
    async with start_bot():
        await local.slash("settings", member="ada", lookups="public")
        study = local.world.guild("study")
        with caplog.at_level(logging.WARNING):
            async with lock_held(settings.usage_db_path, "write"):
                await local.gateway.dispatch("GUILD_DELETE", {"id": study.id})
                await poll_until(
                    lambda: any("retrying" in r.getMessage() for r in caplog.records),
                    "the refused delete",
                    timeout=10,
                    every=0.02,
                )
                assert settings_rows(settings) == 1
        await poll_until(lambda: settings_rows(settings) == 0, "the delete to be retried", timeout=10, every=0.02)


async def test_card_names_autocomplete_like_every_other_condition_option(online: LocalDiscord) -> None:
    choices = await online.autocomplete("card", "condition", "guil", member="mo")
    assert choices[0] == {"name": "Guillain-Barré syndrome (GBS)", "value": "gbs"}
