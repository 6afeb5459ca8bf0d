"""A small bot written with disnake, run against the local Discord unmodified.

disnake asks GET /gateway where to connect, so only its REST base needs pointing: `Route.BASE`, the class
attribute its HTTP client builds every URL from. DISCORD_TOKEN and DISCORD_API_BASE_URL come from the environment.
"""

import logging
import os

import disnake
from disnake.ext import commands

FRUITS = ["apple", "banana", "blackberry", "blueberry", "cherry", "cranberry", "elderberry", "strawberry"]

bot = commands.InteractionBot(intents=disnake.Intents(guilds=True))


@bot.slash_command(description="Say hello.")
async def hello(inter: disnake.ApplicationCommandInteraction) -> None:
    await inter.response.send_message("Hello from disnake.")


@bot.slash_command(description="Pick a fruit.")
async def pick(
    inter: disnake.ApplicationCommandInteraction, fruit: str = commands.Param(description="A fruit")
) -> None:
    await inter.response.send_message(f"You picked {fruit}.", ephemeral=True)


@pick.autocomplete("fruit")
async def fruit_choices(inter: disnake.ApplicationCommandInteraction, typed: str) -> list[str]:
    return [fruit for fruit in FRUITS if typed in fruit][:25]


@bot.slash_command(description="A card with a button.")
async def card(inter: disnake.ApplicationCommandInteraction) -> None:
    button = disnake.ui.Button(label="Press", custom_id="conformance:press")
    await inter.response.send_message("A card.", components=[button])


@bot.listen("on_button_click")
async def pressed(inter: disnake.MessageInteraction) -> None:
    if inter.component.custom_id == "conformance:press":
        await inter.response.send_message(f"Pressed by {inter.author.name}.")


@bot.slash_command(description="Think, edit, then follow up.")
async def later(inter: disnake.ApplicationCommandInteraction) -> None:
    await inter.response.defer()
    await inter.edit_original_response("Edited by disnake.")
    await inter.followup.send("Follow-up from disnake.")


def main() -> None:
    if os.environ.get("CONFORMANCE_DEBUG"):
        logging.basicConfig(level=logging.DEBUG)
    disnake.http.Route.BASE = os.environ["DISCORD_API_BASE_URL"]
    bot.run(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    main()
