"""The smallest real discord.py bot: the emulator's own test subject and the floor for benchmarks.

Four commands, one per interaction pattern: a fixed one-line reply, autocomplete, a button (and a
select menu), and a deferred reply finished by an edit or a followup.
"""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

HELLO = "Hello from the bare bot."
FRUITS = [
    "apple",
    "apricot",
    "avocado",
    "banana",
    "blackberry",
    "blueberry",
    "cherry",
    "clementine",
    "coconut",
    "cranberry",
    "date",
    "dragonfruit",
    "elderberry",
    "fig",
    "gooseberry",
    "grape",
    "grapefruit",
    "guava",
    "kiwi",
    "kumquat",
    "lemon",
    "lime",
    "lychee",
    "mandarin",
    "mango",
    "melon",
    "mulberry",
    "nectarine",
    "orange",
    "papaya",
    "passionfruit",
    "peach",
    "pear",
    "persimmon",
    "pineapple",
    "plum",
    "pomegranate",
    "quince",
    "raspberry",
    "strawberry",
    "tangerine",
    "watermelon",
]  # more than 25, so the 25-choice cap matters
MAX_CHOICES = 25
NO_PINGS = discord.AllowedMentions.none()


class ShareView(discord.ui.View):
    """Persistent (fixed custom_ids, no timeout), so it keeps working after a restart."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Share here", style=discord.ButtonStyle.primary, custom_id="bare:share")
    async def share(self, interaction: discord.Interaction, _: discord.ui.Button[ShareView]) -> None:
        await interaction.response.send_message(f"{interaction.user.display_name} shared the card.")

    @discord.ui.select(
        placeholder="Pick a colour",
        custom_id="bare:colour",
        options=[discord.SelectOption(label=colour.title(), value=colour) for colour in ("red", "green", "blue")],
    )
    async def colour(self, interaction: discord.Interaction, select: discord.ui.Select[ShareView]) -> None:
        await interaction.response.edit_message(content=f"Colour: {select.values[0]}", view=self)


@app_commands.command(description="Say hello in one line.")
async def hello(interaction: discord.Interaction) -> None:
    await interaction.response.send_message(HELLO)


@app_commands.command(description="Pick a fruit (with autocomplete).")
@app_commands.describe(fruit="The fruit to pick")
async def pick(interaction: discord.Interaction, fruit: str) -> None:
    await interaction.response.send_message(f"You picked {fruit}.", ephemeral=True)


@pick.autocomplete("fruit")
async def pick_fruit(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    matches = [fruit for fruit in FRUITS if current.lower() in fruit]
    return [app_commands.Choice(name=fruit, value=fruit) for fruit in matches[:MAX_CHOICES]]


@app_commands.command(description="Post a card with a button and a menu.")
async def share(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("A card worth sharing.", view=ShareView())


@app_commands.command(description="Think first, then answer.")
@app_commands.describe(finish="How to deliver the answer after deferring")
async def slow(interaction: discord.Interaction, finish: Literal["edit", "followup"] = "edit") -> None:
    await interaction.response.defer(thinking=True)
    if finish == "edit":
        await interaction.edit_original_response(content="Done thinking (edited).")
    else:
        await interaction.followup.send("Done thinking (followup).")


class BareBot(commands.Bot):
    """`BareBot(**client_options)`; extra commands may be added to `tree` before `start()` syncs them."""

    def __init__(self, **options: Any) -> None:
        options.setdefault("intents", discord.Intents(guilds=True))
        options.setdefault("allowed_mentions", NO_PINGS)
        super().__init__(command_prefix=commands.when_mentioned, help_command=None, **options)
        for command in (hello, pick, share, slow):
            self.tree.add_command(command)

    async def setup_hook(self) -> None:
        self.add_view(ShareView())
        await self.tree.sync()
