"""Files on edits: the body's `attachments` says what the message keeps, as on Discord (API v10)."""

import io

import discord
from discord import app_commands

from bench.bare_bot import BareBot
from local_discord import LocalDiscord


def png(name: str) -> discord.File:
    return discord.File(io.BytesIO(b"\x89PNG not really"), filename=name)


@app_commands.command(description="Think, then put a chart on the thinking message.")
async def chart(interaction: discord.Interaction) -> None:
    await interaction.response.defer(thinking=True)
    edited = await interaction.edit_original_response(content="Chart:", attachments=[png("chart.png")])
    # discord.py builds the edited message from Discord's answer: every attachment must be a whole one.
    await interaction.followup.send(f"{[a.filename for a in edited.attachments]}")


@app_commands.command(description="Send a file, then add, keep and remove files by editing.")
async def album(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("one", file=png("one.png"))
    original = await interaction.original_response()
    (one,) = original.attachments
    both = await interaction.edit_original_response(attachments=[one, png("two.png")])
    kept = await interaction.edit_original_response(content="content only")  # no attachments key: files stay
    none = await interaction.edit_original_response(attachments=[])
    stages = [[(a.filename, a.id == one.id) for a in m.attachments] for m in (both, kept, none)]
    await interaction.followup.send(repr(stages))


def attachment_bot() -> BareBot:
    bot = BareBot()
    bot.tree.add_command(chart)
    bot.tree.add_command(album)
    return bot


async def test_a_file_on_the_edit_after_a_defer_is_one_whole_attachment(local: LocalDiscord) -> None:
    async with local.run_bot(attachment_bot()):
        reply = await local.slash("chart")
        (echo,) = await reply.wait_for_followups(1)

    (attachment,) = reply.message.attachments
    assert attachment["filename"] == "chart.png" and attachment["size"] > 0 and attachment["url"]
    assert echo.content == "['chart.png']"
    local.assert_no_violations()


async def test_edits_keep_listed_attachments_add_uploads_and_drop_the_rest(local: LocalDiscord) -> None:
    async with local.run_bot(attachment_bot()):
        reply = await local.slash("album")
        (stages,) = await reply.wait_for_followups(1)

    both = [("one.png", True), ("two.png", False)]  # the first kept (same id), the upload added
    assert stages.content == repr([both, both, []])
    assert reply.message.content == "content only" and reply.message.attachments == []
    local.assert_no_violations()
