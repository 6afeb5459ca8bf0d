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
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any, TextIO

from bot.local_mode.parse import (
    Become,
    Click,
    CommandDefs,
    Help,
    Invalid,
    Menus,
    Quit,
    Select,
    Slash,
    complete,
    example,
    parse_line,
    pick,
)
from bot.render.plain import embeds_to_text, markdown_to_text
from local_discord import Actor, LocalDiscord
from local_discord.components import BUTTON, walk_components
from local_discord.errors import HarnessError, InteractionFailed, WaitTimeout
from local_discord.messages import Message
from local_discord.replies import Reply

PROMPT = "you> "
COMPLETION_TIMEOUT = 2.0
RECENT_REPLIES = 20
STRING_SELECT = 3


def buttons(components: list[Any]) -> list[str]:
    found = (c for _, c in walk_components(components) if c.get("type") == BUTTON)
    return [str(c.get("label") or c.get("custom_id")) for c in found]


def menus(components: list[Any]) -> dict[str, list[tuple[str, str]]]:
    """The string select menus: placeholder -> (label, value) options."""
    return {
        str(c.get("placeholder") or c["custom_id"]): [(str(o["label"]), str(o["value"])) for o in c.get("options", ())]
        for _, c in walk_components(components)
        if c.get("type") == STRING_SELECT
    }


def render_for_terminal(message: Message) -> str:
    """Who can see it, the text, the embeds (wrapped, links shown), and the buttons and menus it carries."""
    parts = ["(only you can see this)" if message.ephemeral else "(posted in the channel for everyone)"]
    if message.content:
        parts.append(markdown_to_text(message.content))
    if message.embeds:
        parts.append(embeds_to_text(message.embeds))
    for _, menu in walk_components(message.components):
        if menu.get("type") == STRING_SELECT:
            parts.append(_menu_line(menu))
    shown = buttons(message.components)
    if shown:
        parts.append("Buttons: " + "  ".join(f"[{b}]" for b in shown))
    return "\n".join(parts)


def _menu_line(menu: Mapping[str, Any]) -> str:
    """'Menu "How fast it came on" (pick one): [x] hours to days | days to weeks', chosen options ticked."""
    how = "pick one" if menu.get("max_values", 1) == 1 else "pick any"
    options = " | ".join(("[x] " if o.get("default") else "") + str(o["label"]) for o in menu.get("options", ()))
    return f'Menu "{menu.get("placeholder") or menu["custom_id"]}" ({how}): {options}'


def describe(actor: Actor) -> str:
    """'Moderator', 'server owner', 'member': what this person may do in the test server."""
    roles = [role.name for role in actor.member.roles] if actor.member else []
    if actor.guild is not None and actor.guild.owner is actor.user:
        roles.insert(0, "server owner")
    return ", ".join(roles) or "member"


def banner(local: LocalDiscord) -> str:
    actor = local.actor()
    where = f'"{actor.guild.name}" (#{actor.channel.name})' if actor.guild else "a DM"
    return "\n".join(
        [
            "=" * 78,
            "OFFLINE LOCAL MODE: no DISCORD_TOKEN is set, so the real bot is running against a local Discord",
            f"on {local.api_base_url.split('/api')[0]}. Nothing leaves this machine.",
            f'You are "{actor.user.username}" in the test server {where}.',
            "Try:  /condition ms   /compare gbs ms   click Share here   /which   help   quit",
            "Moderator commands (/card, /settings, /stats): first `as mo` or `as ada`.",
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
        "  as <member>                        act as someone else: mo (moderator), ada (admin), olivia (owner), sam",
        '  select "<menu>" "<option>" ...     pick in a menu on the last reply, e.g. select "How fast" "hours to days"',
        "                                     (list every option you want chosen; none empties the menu)",
        "  help                               this list",
        "  quit                               stop (Ctrl-D and Ctrl-C work too)",
        "Tab completes commands, options, condition names, buttons, menus and their options.",
    ]
    return "\n".join(lines)


class Console:
    def __init__(self, local: LocalDiscord, *, out: TextIO = sys.stdout, stdin: TextIO = sys.stdin) -> None:
        self.local = local
        self.out = out
        self.stdin = stdin
        self.recent: deque[Reply] = deque(maxlen=RECENT_REPLIES)  # buttons stay pressable, as in a channel
        self.member = local.world.default_user_key  # who you are; `as mo` changes it
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._loop = asyncio.get_running_loop()
        self._handled = threading.Event()  # the prompt returns only once the previous line is answered

    def commands(self) -> CommandDefs:
        guild = self.local.actor(member=self.member).guild
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
                await self._show(lambda: self.local.slash(command, member=self.member, options=options), f"/{command}")
            case Click(label=label):
                holder = self._latest(lambda m: m.has_button(label))
                if holder is None:
                    offered = ", ".join(f"[{b}]" for b in self._buttons()) or "none right now (try /condition ms)"
                    self.say(f"No message here has a button called that. Buttons you can press: {offered}")
                else:
                    await self._show(lambda: holder.click(label, member=self.member), f"[{label}]")
            case Select():
                await self._select(action)
            case Become(member=member):
                self._become(member)
        return True

    def _become(self, member: str) -> None:
        try:
            actor = self.local.actor(member=member)
        except (HarnessError, KeyError):
            self.say(f"There is no such member here. Try one of: {', '.join(self._members())}.")
            return
        self.member = member
        self.say(f"You are now {actor.user.username} ({describe(actor)}).")

    def _members(self) -> list[str]:
        guild = self.local.actor(member=self.member).guild
        return [m.user.key for m in guild.members if not m.user.bot] if guild else [self.member]

    async def _select(self, action: Select) -> None:
        picked = pick(action, self._menus())
        if isinstance(picked, Invalid):
            self.say(picked.message)
            return
        holder = self._latest(lambda m: m.has_select(picked.placeholder))
        assert holder is not None  # pick() found the menu on a recent message
        await self._show(
            lambda: holder.select(picked.placeholder, list(picked.values), member=self.member),
            f"<{picked.placeholder}>",
        )

    def _latest(self, has: Callable[[Message], bool]) -> Reply | None:
        """The most recent reply with a message that has what the user wants to use."""
        return next((r for r in reversed(self.recent) if any(has(m) for m in r.messages)), None)

    def _buttons(self) -> list[str]:
        """Button labels on recent messages, newest first, each once."""
        labels = (label for r in reversed(self.recent) for m in r.messages for label in buttons(m.components))
        return list(dict.fromkeys(labels))

    def _menus(self) -> Menus:
        """The menus on the most recent message that has any, by placeholder."""
        holder = self._latest(lambda m: bool(menus(m.components)))
        found: dict[str, list[tuple[str, str]]] = {}
        for message in holder.messages if holder else ():
            found.update(menus(message.components))
        return found

    async def _show(self, act: Callable[[], Any], what: str) -> None:
        try:
            reply: Reply = await act()
        except (WaitTimeout, InteractionFailed):
            self.say(f"The bot did not answer {what} in time (Discord shows 'The application did not respond').")
            return
        except HarnessError as exc:
            self.say(str(exc))
            return
        self.recent.append(reply)
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
                line = readline.get_line_buffer()
                matches[:] = complete(line, self.commands(), self._suggest, self._buttons(), self._menus())
            return matches[state] if state < len(matches) else None

        return completer

    def _suggest(self, command: str, option: str, typed: str) -> list[str]:
        asked = self.local.autocomplete(command, option, typed, member=self.member)
        future = asyncio.run_coroutine_threadsafe(asked, self._loop)
        try:
            return [str(choice["value"]) for choice in future.result(timeout=COMPLETION_TIMEOUT)]
        except Exception:  # completion is a convenience: never let it break typing
            return []
