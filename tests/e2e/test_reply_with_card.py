"""Apps > "Reply with a card" end to end: a moderator answers a member's message with a card, for everyone."""

from __future__ import annotations

import logging

import pytest

from bot.moderation.reply_card import CANNOT_POST, GONE, MENU_NAME, NOT_A_MODERATOR, PICK, POSTED, STALE
from bot.render.limits import message_problems
from local_discord import CommandUnavailable, LocalDiscord
from local_discord.kinds import CommandType, MessageType
from local_discord.world import Perm
from tests.storage.stored import usage_rows

QUESTION = "my legs went weak after a tummy bug, is this GBS? my number is 555 0100"
NO_PINGS = {"parse": []}  # and no replied_user: Discord's default for it is false, so the author is not pinged


async def pick(local: LocalDiscord, picking, card: str, **options) -> None:
    """Pick a card in the private menu and wait for the outcome: the bot defers, posts, then edits the menu away."""
    await local.select(picking.message, "Pick a card", [card], **options)
    await local.wait_until(lambda: not picking.message.components, what="the menu to become the outcome")


def replies(local: LocalDiscord) -> list:
    return [m for m in local.messages_in("general") if m.type == MessageType.REPLY]


def registered_menu(local: LocalDiscord) -> dict:
    command = local.commands.find(MENU_NAME, None, CommandType.MESSAGE)
    assert command is not None
    return command


async def test_a_moderator_replies_to_a_members_message_with_a_card(online: LocalDiscord, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    menu = registered_menu(online)
    assert menu["default_member_permissions"] == str(Perm.MANAGE_MESSAGES) and menu["contexts"] == [0]
    question = online.post_as("sam", QUESTION)

    picking = await online.message_command(MENU_NAME, question, member="mo")
    assert picking.ephemeral and picking.content.startswith(PICK)
    assert QUESTION not in picking.text()  # the message is never echoed
    await pick(online, picking, "gbs")  # the private menu becomes the outcome
    assert picking.content.startswith(POSTED.format(card="Guillain-Barré syndrome (GBS)")) and not picking.components

    (reply,) = replies(online)
    assert reply.type == MessageType.REPLY and reply.reference is not None
    assert reply.reference["message_id"] == question.id and reply.reference["channel_id"] == question.channel_id
    assert reply.embeds[0]["title"].startswith("Guillain-Barré syndrome (GBS)")
    assert reply.allowed_mentions == NO_PINGS  # no one is pinged, not even the member asked
    assert message_problems(reply.content, reply.embeds) == []
    assert QUESTION not in caplog.text and "555 0100" not in caplog.text
    online.assert_no_violations()


async def test_it_is_offered_only_to_moderators_and_a_forged_pick_is_refused(online: LocalDiscord) -> None:
    question = online.post_as("sam", QUESTION)
    with pytest.raises(CommandUnavailable):
        await online.message_command(MENU_NAME, question, member="sam")
    picking = await online.message_command(MENU_NAME, question, member="mo")
    await pick(online, picking, "gbs")
    (first,) = replies(online)
    assert first.reference is not None

    again = await online.message_command(MENU_NAME, question, member="mo")
    again.message.components[0]["components"][0]["custom_id"] = "replycard:nonsense"
    await pick(online, again, "ms")
    assert again.content.startswith(STALE)


async def test_a_member_who_cannot_have_manage_messages_is_refused_even_with_a_forged_menu(
    online: LocalDiscord,
) -> None:
    question = online.post_as("sam", QUESTION)
    picking = await online.message_command(MENU_NAME, question, member="olivia")
    # Someone else pressing the moderator's menu (as a forged interaction would): refused, nothing posted.
    picking.message.flags = 0  # let the harness deliver it as sam, as a forged request could
    await pick(online, picking, "gbs", member="sam")
    assert NOT_A_MODERATOR in picking.content
    assert replies(online) == []


async def test_a_deleted_message_or_a_channel_without_permission_is_said_plainly(online: LocalDiscord) -> None:
    question = online.post_as("sam", QUESTION)
    picking = await online.message_command(MENU_NAME, question, member="mo")
    question.deleted = True
    await pick(online, picking, "gbs")
    assert picking.content.startswith(GONE)
    # Discord answers a reply to a deleted message with a 50035 whose field error has a string code
    # (REPLIES_UNKNOWN_MESSAGE); the spec's Error schema types that code as an integer, so the answer "fails" it.
    online.state.output_issues.clear()

    question = online.post_as("sam", QUESTION)
    picking = await online.message_command(MENU_NAME, question, member="mo")
    online.world.bot_role_permissions &= ~Perm.READ_MESSAGE_HISTORY  # a reply needs it on Discord
    for role in online.world.guilds[0].roles:
        role.permissions &= ~Perm.READ_MESSAGE_HISTORY
    online.world.guilds[0].everyone.permissions &= ~Perm.READ_MESSAGE_HISTORY
    await pick(online, picking, "gbs")
    assert picking.content.startswith(CANNOT_POST)
    assert replies(online) == []
    online.violations.clear()  # the refusals were the point


async def test_a_reply_is_counted_like_the_other_commands(local: LocalDiscord, start_bot, settings) -> None:
    async with start_bot():
        question = local.post_as("sam", QUESTION)
        picking = await local.message_command(MENU_NAME, question, member="mo")
        await pick(local, picking, "ms")
    rows = usage_rows(settings.usage_db_path)
    assert ("reply_card", "ms", "-", "ok", 1) in rows
