"""A small bot written with nextcord, run against the local Discord unmodified (from a virtualenv of its own:
nextcord's wheel ships a `discord` package that would overwrite discord.py's).

nextcord asks GET /gateway where to connect, so only its REST base needs pointing: `Route.BASE`, the class
attribute its HTTP client builds every URL from. It registers commands one by one (POST).
DISCORD_TOKEN and DISCORD_API_BASE_URL come from the environment.
"""

import logging
import os

import nextcord
from nextcord.ext import commands

FRUITS = ["apple", "banana", "blackberry", "blueberry", "cherry", "cranberry", "elderberry", "strawberry"]

bot = commands.Bot(intents=nextcord.Intents(guilds=True))


class Card(nextcord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @nextcord.ui.button(label="Press", custom_id="conformance:press")
    async def press(self, button: nextcord.ui.Button, interaction: nextcord.Interaction) -> None:
        await interaction.response.send_message(f"Pressed by {interaction.user.name}.")


@bot.slash_command(description="Say hello.")
async def hello(interaction: nextcord.Interaction) -> None:
    await interaction.response.send_message("Hello from nextcord.")


@bot.slash_command(description="Pick a fruit.")
async def pick(
    interaction: nextcord.Interaction, fruit: str = nextcord.SlashOption(description="A fruit", autocomplete=True)
) -> None:
    await interaction.response.send_message(f"You picked {fruit}.", ephemeral=True)


@pick.on_autocomplete("fruit")
async def fruit_choices(interaction: nextcord.Interaction, fruit: str) -> None:
    await interaction.response.send_autocomplete([name for name in FRUITS if fruit in name][:25])


@bot.slash_command(description="A card with a button.")
async def card(interaction: nextcord.Interaction) -> None:
    await interaction.response.send_message("A card.", view=Card())


@bot.slash_command(description="Think, edit, then follow up.")
async def later(interaction: nextcord.Interaction) -> None:
    await interaction.response.defer()
    await interaction.edit_original_message(content="Edited by nextcord.")
    await interaction.followup.send("Follow-up from nextcord.")


def main() -> None:
    logging.basicConfig(level=logging.DEBUG if os.environ.get("CONFORMANCE_DEBUG") else logging.WARNING)
    nextcord.http.Route.BASE = os.environ["DISCORD_API_BASE_URL"]
    bot.run(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    main()
