"""The local-mode console: type slash commands as a member of a test server and read the bot's replies.

Input is read on a daemon thread (so Ctrl-C and Ctrl-D always end the session promptly) and handed to the event
loop, where it drives the local Discord exactly like a person would. Tab completion asks the bot's own autocomplete
through the local Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Callable
from typing import Any, TextIO

from bot.console_parse import Click, CommandDefs, Help, Invalid, Quit, Slash, complete, example, parse_line
from bot.local_discord import LocalDiscord
from bot.local_discord.components import labels
from bot.local_discord.errors import HarnessError, InteractionFailed, WaitTimeout
from bot.local_discord.messages import Message
from bot.local_discord.replies import Reply
from bot.render.plain import embeds_to_text, markdown_to_text

PROMPT = "you> "
COMPLETION_TIMEOUT = 2.0


def render_for_terminal(message: Message) -> str:
    """Who can see it, the text, the embeds (wrapped, links shown), and the buttons it carries."""
    parts = ["(only you can see this)" if message.ephemeral else "(posted in the channel for everyone)"]
    if message.content:
        parts.append(markdown_to_text(message.content))
    if message.embeds:
        parts.append(embeds_to_text(message.embeds))
    buttons = labels(message.components)
    if buttons:
        parts.append("Buttons: " + "  ".join(f"[{b}]" for b in buttons))
    return "\n".join(parts)


def banner(local: LocalDiscord) -> str:
    actor = local.actor()
    where = f'"{actor.guild.name}" (#{actor.channel.name})' if actor.guild else "a DM"
    return "\n".join(
        [
            "=" * 78,
            "OFFLINE LOCAL MODE: no DISCORD_TOKEN is set, so the real bot is running against a local Discord",
            f"on {local.api_base_url.split('/api')[0]}. Nothing leaves this machine.",
            f'You are "{actor.user.username}" in the test server {where}.',
            "Try:  /condition ms   /compare gbs ms   click Share here   help   quit",
            "To connect to real Discord, put DISCORD_TOKEN=... in .env (README: Running it on Discord).",
            "=" * 78,
        ]
    )


def help_text(commands: CommandDefs) -> str:
    lines = ["The bot's slash commands:"]
    for name, definition in sorted(commands.items()):
        lines.append(f"  {example(name, definition):34} {definition.get('description', '')}")
    lines += [
        "",
        "Console commands:",
        '  /condition gbs section:symptoms   options by name; quote values with spaces: "guillain barre"',
        "  click <button label>               press a button on the last reply, e.g. click Share here",
        "  help                               this list",
        "  quit                               stop (Ctrl-D and Ctrl-C work too)",
        "Tab completes commands, options and condition names.",
    ]
    return "\n".join(lines)


class Console:
    def __init__(self, local: LocalDiscord, *, out: TextIO = sys.stdout, stdin: TextIO = sys.stdin) -> None:
        self.local = local
        self.out = out
        self.stdin = stdin
        self.last: Reply | None = None
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._loop = asyncio.get_running_loop()
        self._handled = threading.Event()  # the prompt returns only once the previous line is answered

    def commands(self) -> CommandDefs:
        guild = self.local.actor().guild
        guild_id = guild.id if guild else None
        return {name: self.local.commands.find(name, guild_id) or {} for name in self.local.commands.names(guild_id)}

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    async def run(self) -> None:
        self.say(banner(self.local))
        self._start_reader()
        while True:
            self._handled.set()
            line = await self._lines.get()
            if line is None or not await self.handle(line):  # end of input, Ctrl-C, or quit
                self.say("Bye.")
                return

    async def handle(self, line: str) -> bool:
        """Act on one typed line; False when the user asked to quit."""
        action = parse_line(line, self.commands())
        match action:
            case None:
                return True
            case Quit():
                return False
            case Help():
                self.say(help_text(self.commands()))
            case Invalid(message=message):
                self.say(message)
            case Slash(command=command, options=options):
                await self._show(lambda: self.local.slash(command, options=options), f"/{command}")
            case Click(label=label):
                if self.last is None:
                    self.say("There is no reply with buttons yet. Try /condition ms first.")
                else:
                    last = self.last
                    await self._show(lambda: last.click(label), f"[{label}]")
        return True

    async def _show(self, act: Callable[[], Any], what: str) -> None:
        try:
            reply: Reply = await act()
        except (WaitTimeout, InteractionFailed):
            self.say(f"The bot did not answer {what} in time (Discord shows 'The application did not respond').")
            return
        except HarnessError as exc:
            self.say(str(exc))
            return
        self.last = reply
        self.say(f"\n--- {reply.label} ---")
        for message in reply.messages:
            self.say(render_for_terminal(message) + "\n")

    def _start_reader(self) -> None:
        interactive = self.stdin.isatty()
        if interactive:
            self._enable_readline()

        def read() -> None:
            try:
                while self._handled.wait():
                    self._handled.clear()
                    line = input(PROMPT) if interactive else self.stdin.readline()
                    if not interactive and line == "":
                        break
                    self._loop.call_soon_threadsafe(self._lines.put_nowait, line.rstrip("\n"))
            except (EOFError, KeyboardInterrupt):
                pass
            self._loop.call_soon_threadsafe(self._lines.put_nowait, None)

        threading.Thread(target=read, name="console-input", daemon=True).start()

    def interrupt(self) -> None:
        """Ctrl-C: end the session cleanly."""
        self._lines.put_nowait(None)

    # Tab completion (runs on the input thread)

    def _enable_readline(self) -> None:
        with contextlib.suppress(ImportError):
            import readline

            readline.set_completer_delims(" \t\n")
            readline.parse_and_bind("tab: complete")
            readline.set_completer(self._readline_completer(readline))

    def _readline_completer(self, readline: Any) -> Callable[[str, int], str | None]:
        matches: list[str] = []

        def completer(_text: str, state: int) -> str | None:
            if state == 0:
                buttons = labels(self.last.components) if self.last else []
                matches[:] = complete(readline.get_line_buffer(), self.commands(), self._suggest, buttons)
            return matches[state] if state < len(matches) else None

        return completer

    def _suggest(self, command: str, option: str, typed: str) -> list[str]:
        future = asyncio.run_coroutine_threadsafe(self.local.autocomplete(command, option, typed), self._loop)
        try:
            return [str(choice["value"]) for choice in future.result(timeout=COMPLETION_TIMEOUT)]
        except Exception:  # completion is a convenience: never let it break typing
            return []
