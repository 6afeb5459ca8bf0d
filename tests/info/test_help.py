from __future__ import annotations

import discord
from discord import app_commands

from bot.info.help import EXAMPLES, MODERATORS, HelpLine, help_embed, help_lines
from bot.render.common import DISCLAIMER
from bot.render.limits import message_problems


@app_commands.command(name="about", description="About the bot.")
async def about(interaction: discord.Interaction) -> None: ...


@app_commands.command(name="compare", description="Compare conditions.")
async def compare(interaction: discord.Interaction, first: str, second: str, third: str | None = None) -> None: ...


@app_commands.command(name="zebra", description="A command nobody told /help about.")
@app_commands.default_permissions(manage_guild=True)
async def zebra(interaction: discord.Interaction, stripes: int, colour: str | None = None) -> None: ...


@app_commands.command(name="stats", description="Usage numbers.")
@app_commands.default_permissions(manage_guild=True)
async def stats(interaction: discord.Interaction, weeks: int = 4) -> None: ...


quiz = app_commands.Group(
    name="quiz", description="Quizzes.", default_permissions=discord.Permissions(manage_guild=True)
)


@quiz.command(name="start", description="Start a quiz.")
async def quiz_start(interaction: discord.Interaction, topic: str) -> None: ...


@quiz.command(name="stop", description="Stop the quiz.")
async def quiz_stop(interaction: discord.Interaction) -> None: ...


def test_one_line_per_command_known_ones_first_in_their_order() -> None:
    lines = help_lines([zebra, about, stats, compare, quiz])
    assert [line.example.split()[0] for line in lines] == ["/compare", "/quiz", "/quiz", "/stats", "/about", "/zebra"]
    assert lines[0] == HelpLine("/compare first:gbs second:ms", "Compare conditions.", moderators_only=False)


def test_examples_fill_only_real_options_and_placeholders_stand_in_for_missing_ones() -> None:
    examples = [line.example for line in help_lines([zebra, stats, quiz])]
    # An optional option without an example value is left out; a required one gets a placeholder.
    assert examples == ["/quiz start topic:<topic>", "/quiz stop", "/stats weeks:4", "/zebra stripes:<stripes>"]


def test_moderator_only_commands_are_marked_including_subcommands_of_a_restricted_group() -> None:
    assert [line.moderators_only for line in help_lines([about, zebra, quiz])] == [True, True, False, True]
    assert (
        help_lines([zebra])[0].render() == f"`/zebra stripes:<stripes>` A command nobody told /help about. {MODERATORS}"
    )


def test_the_marker_is_not_repeated_where_the_description_says_so() -> None:
    line = HelpLine("/card condition:gbs", f"Post a card {MODERATORS}.", moderators_only=True)
    assert line.render() == f"`/card condition:gbs` Post a card {MODERATORS}."


def test_the_embed_lists_every_line_with_the_disclaimer() -> None:
    embed = help_embed(help_lines([about, compare, zebra, stats, quiz])).to_dict()
    text = "\n".join(f["value"] for f in embed["fields"])
    assert text.count("\n") == 5 and "`/about` About the bot." in text
    assert embed["footer"]["text"] == DISCLAIMER
    assert message_problems(None, [embed]) == []


def test_even_the_largest_command_set_discord_allows_fits_in_one_message() -> None:
    lines = [HelpLine(f"/{'c' * 30}{n:02} " + "option:<option> " * 10, "d" * 100, True) for n in range(100)]
    embed = help_embed(lines).to_dict()
    assert message_problems(None, [embed]) == []
    assert "more: type `/` in Discord to see them all." in embed["fields"][-1]["value"]


def test_every_known_example_names_only_lowercase_options() -> None:
    for name, options in EXAMPLES.items():
        assert name == name.lower() and all(key == key.lower() and value for key, value in options.items())
