"""What the console says about itself: the banner at start and `:help`, from the commands the bot registered."""

from __future__ import annotations

from bot.local_mode.members import describe, who_may_use
from bot.local_mode.parse import CommandDefs, example, subcommands_of
from local_discord import LocalDiscord


def banner(local: LocalDiscord, commands: CommandDefs | None = None) -> str:
    actor = local.actor()
    where = f'"{actor.guild.name}" (#{actor.channel.name})' if actor.guild else "a DM"
    moderators = who_may_use(local, actor.user.key, commands or {})
    return "\n".join(
        [
            "=" * 78,
            "OFFLINE LOCAL MODE: no DISCORD_TOKEN is set, so the real bot is running against a local Discord",
            f"on {local.api_base_url.split('/api')[0]}. Nothing leaves this machine.",
            f'You are "{actor.user.username}" ({describe(actor)}) in the test server {where}.',
            "Try:  /condition ms   /compare gbs ms   click Share here   /which   /help   :help   quit",
            *(["Moderator commands, and who may use them (switch with `as <name>`):"] if moderators else []),
            *(f"  {line}" for line in moderators),
            "To connect to real Discord, put DISCORD_TOKEN=... in .env (README: Running it on Discord).",
            "=" * 78,
        ]
    )


def help_text(commands: CommandDefs) -> str:
    lines = ["The bot's slash commands (`/help` asks the bot itself):"]
    for name, definition in sorted(commands.items()):
        for shown, part in sorted(subcommands_of(definition).items()) or [("", definition)]:
            usage = example(f"{name} {shown}".strip(), part)
            lines.append(f"  {usage:34} {part.get('description', '')}")
    lines += [
        "",
        "Console commands:",
        '  /condition gbs section:symptoms   options by name; quote values with spaces: "guillain barre"',
        "  click <button label>               press a button on the last reply, e.g. click Share here",
        "  click #<n> <button label>          press a button on reply #n (each reply's number is in its header)",
        "  as <member>                        act as someone else: mo (moderator), ada (admin), olivia (owner), sam",
        '  select "<menu>" "<option>" ...     pick in a menu on the last reply, e.g. select "How fast" "hours to days"',
        "                                     (list every option you want chosen; none empties the menu)",
        "  :help                              this list",
        "  quit                               stop (Ctrl-D and Ctrl-C work too)",
        "Tab completes commands, option names and values, condition names, buttons, menus and their options.",
    ]
    return "\n".join(lines)
