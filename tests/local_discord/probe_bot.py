"""The bare bot plus commands that probe the emulator's rules (too-large embeds, permissions, modals...)."""

import asyncio
from typing import Any, Literal

import discord
from discord import app_commands

from bench.bare_bot import BareBot


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    text: discord.ui.TextInput["FeedbackModal"] = discord.ui.TextInput(label="Your feedback", custom_id="feedback_text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"Thanks: {self.text.value}", ephemeral=True)


class ProbeBot(BareBot):
    """`guild_commands_in`: a guild id to also sync the /local-only command to."""

    def __init__(self, *, guild_commands_in: str | None = None, **options: Any) -> None:
        super().__init__(**options)
        self.gate = asyncio.Event()
        self._guild_id = guild_commands_in
        for command in (huge, gate, whoami, moderate, feedback, lifecycle, later, many, post, dm_me):
            self.tree.add_command(command)
        if guild_commands_in is not None:
            self.tree.add_command(local_only, guild=discord.Object(id=int(guild_commands_in)))

    async def setup_hook(self) -> None:
        await super().setup_hook()
        if self._guild_id is not None:
            await self.tree.sync(guild=discord.Object(id=int(self._guild_id)))


@app_commands.command(description="Send two embeds that together exceed 6000 characters.")
async def huge(interaction: discord.Interaction) -> None:
    embeds = [discord.Embed(description="x" * 3500), discord.Embed(description="y" * 3500)]
    await interaction.response.send_message(embeds=embeds)


@app_commands.command(description="Wait for, or open, a gate shared by all invocations.")
async def gate(interaction: discord.Interaction, action: Literal["wait", "open"]) -> None:
    bot = interaction.client
    assert isinstance(bot, ProbeBot)
    if action == "wait":
        await bot.gate.wait()
        await interaction.response.send_message("I waited.")
    else:
        bot.gate.set()
        await interaction.response.send_message("Gate opened.")


@app_commands.command(description="Describe the invoking user as discord.py sees them.")
async def whoami(interaction: discord.Interaction) -> None:
    perms = interaction.permissions
    where = "dm" if interaction.guild_id is None else f"guild_locale={interaction.guild_locale}"
    await interaction.response.send_message(
        f"{interaction.user.name} locale={interaction.locale} {where} "
        f"manage_messages={perms.manage_messages} manage_guild={perms.manage_guild}"
    )


@app_commands.command(description="Moderators only.")
@app_commands.default_permissions(manage_messages=True)
async def moderate(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("Moderation tools.", ephemeral=True)


@app_commands.command(description="Open a feedback form.")
async def feedback(interaction: discord.Interaction) -> None:
    await interaction.response.send_modal(FeedbackModal())


@app_commands.command(name="local-only", description="Registered for one guild only.")
async def local_only(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("Only here.")


@app_commands.command(description="Use every @original and followup route once.")
async def lifecycle(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("first")
    original = await interaction.original_response()
    await interaction.edit_original_response(content=f"{original.content} (edited)")
    second = await interaction.followup.send("second", wait=True)
    await second.edit(content="second (edited)")
    third = await interaction.followup.send("third", wait=True)
    await third.delete()
    fetched = await interaction.followup.fetch_message(second.id)
    await interaction.followup.send(f"fetched: {fetched.content}")


class LaterView(discord.ui.View):
    @discord.ui.button(label="Later")
    async def later(self, interaction: discord.Interaction, _: discord.ui.Button["LaterView"]) -> None:
        await interaction.response.defer()  # type 6: acknowledge now, edit the card afterwards
        await interaction.edit_original_response(content="Edited later.", view=None)


@app_commands.command(description="A card whose button edits it after a deferred update.")
async def later(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("Click to edit later.", view=LaterView())


@app_commands.command(description="Autocomplete that offers too many choices.")
async def many(interaction: discord.Interaction, item: str) -> None:
    await interaction.response.send_message(item)


@many.autocomplete("item")
async def many_items(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=f"{current}{i}", value=f"{current}{i}") for i in range(30)]


@app_commands.command(description="Post a card into this channel and pin it.")
async def post(interaction: discord.Interaction) -> None:
    assert isinstance(interaction.channel, discord.TextChannel)
    card = await interaction.channel.send(embed=discord.Embed(title="Card", description="Pinned for everyone."))
    await card.pin()
    await interaction.response.send_message("Posted and pinned.", ephemeral=True)


@app_commands.command(name="dm-me", description="Send the invoking user a DM.")
async def dm_me(interaction: discord.Interaction) -> None:
    await interaction.user.send("Hello in private.")
    await interaction.response.send_message("Check your DMs.", ephemeral=True)
