"""A small bot written with hikari, run against the local Discord unmodified.

hikari's documented `rest_url` option points its REST client at the local Discord; it asks GET /gateway/bot where
the gateway is. Commands are registered one by one (POST), as many bots built on hikari do.
DISCORD_TOKEN and DISCORD_API_BASE_URL come from the environment.
"""

import logging
import os

import hikari

FRUITS = ["apple", "banana", "blackberry", "blueberry", "cherry", "cranberry", "elderberry", "strawberry"]
PRESS = "conformance:press"

bot = hikari.GatewayBot(
    os.environ["DISCORD_TOKEN"],
    intents=hikari.Intents.GUILDS,
    rest_url=os.environ["DISCORD_API_BASE_URL"],
    banner=None,
    logs="DEBUG" if os.environ.get("CONFORMANCE_DEBUG") else "WARNING",
)


@bot.listen()
async def register_commands(event: hikari.StartedEvent) -> None:
    application = await bot.rest.fetch_application()
    fruit = hikari.CommandOption(
        type=hikari.OptionType.STRING, name="fruit", description="A fruit", is_required=True, autocomplete=True
    )
    for name, description, options in (
        ("hello", "Say hello.", []),
        ("pick", "Pick a fruit.", [fruit]),
        ("card", "A card with a button.", []),
        ("later", "Think, edit, then follow up.", []),
    ):
        await bot.rest.create_slash_command(application, name, description, options=options)


@bot.listen()
async def answer(event: hikari.InteractionCreateEvent) -> None:
    interaction = event.interaction
    if isinstance(interaction, hikari.AutocompleteInteraction):
        typed = str(interaction.options[0].value)
        matches = [fruit for fruit in FRUITS if typed in fruit][:25]
        await interaction.create_response([hikari.impl.AutocompleteChoiceBuilder(name=f, value=f) for f in matches])
    elif isinstance(interaction, hikari.CommandInteraction):
        await command(interaction)
    elif isinstance(interaction, hikari.ComponentInteraction) and interaction.custom_id == PRESS:
        pressed = f"Pressed by {interaction.user.username}."
        await interaction.create_initial_response(hikari.ResponseType.MESSAGE_CREATE, pressed)


async def command(interaction: hikari.CommandInteraction) -> None:
    message = hikari.ResponseType.MESSAGE_CREATE
    if interaction.command_name == "hello":
        await interaction.create_initial_response(message, "Hello from hikari.")
    elif interaction.command_name == "pick":
        fruit = interaction.options[0].value if interaction.options else "nothing"
        await interaction.create_initial_response(message, f"You picked {fruit}.", flags=hikari.MessageFlag.EPHEMERAL)
    elif interaction.command_name == "card":
        row = bot.rest.build_message_action_row().add_interactive_button(
            hikari.ButtonStyle.PRIMARY, PRESS, label="Press"
        )
        await interaction.create_initial_response(message, "A card.", component=row)
    elif interaction.command_name == "later":
        await interaction.create_initial_response(hikari.ResponseType.DEFERRED_MESSAGE_CREATE)
        await interaction.edit_initial_response("Edited by hikari.")
        await bot.rest.execute_webhook(interaction.application_id, interaction.token, "Follow-up from hikari.")


if __name__ == "__main__":
    logging.getLogger("hikari").setLevel(logging.DEBUG if os.environ.get("CONFORMANCE_DEBUG") else logging.WARNING)
    bot.run()
