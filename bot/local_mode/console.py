"""The local-mode console: type slash commands as a member of a test server and read the bot's replies.

Input is read on a daemon thread (so Ctrl-C and Ctrl-D always end the session promptly) and handed to the event
loop, where it drives the local Discord exactly like a person would. Tab completion asks the bot's own autocomplete
through the local Discord.

Every reply is numbered (`--- #3 /condition name:ms ---`). `click` and `select` act on the last reply, as a person
acts on what they just got; an older reply's buttons are pressed only when it is named (`click #2 Share here`), so
a click never lands on a message the person was not looking at.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from bot.local_mode.completion import complete
from bot.local_mode.members import describe, find_member, mention_names, not_offered
from bot.local_mode.parse import (
    USER_OPTION,
    Become,
    Click,
    CommandDefs,
    Help,
    Invalid,
    Menus,
    Quit,
    Select,
    Slash,
    definition_of,
    parse_line,
    pick,
)
from bot.local_mode.show import buttons, menus, render_for_terminal
from bot.local_mode.texts import banner, help_text
from local_discord import LocalDiscord
from local_discord.errors import CommandUnavailable, HarnessError, InteractionFailed, WaitTimeout
from local_discord.replies import Reply

PROMPT = "you> "
COMPLETION_TIMEOUT = 2.0
RECENT_REPLIES = 20


class Console:
    def __init__(
        self,
        local: LocalDiscord,
        *,
        out: TextIO = sys.stdout,
        stdin: TextIO = sys.stdin,
        attachments_dir: Path | None = None,
    ) -> None:
        self.local = local
        self.out = out
        self.stdin = stdin
        self.attachments_dir = attachments_dir  # where attachments are saved for you to open (None: not saved)
        self.replies: dict[int, Reply] = {}  # by number, the last RECENT_REPLIES
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
        self.say(banner(self.local, self.commands()))
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
            case Slash():
                await self._slash(action)
            case Click():
                await self._click(action)
            case Select():
                await self._select(action)
            case Become(member=member):
                self._become(member)
        return True

    async def _slash(self, action: Slash) -> None:
        root = action.command.split(" ")[0]
        refusal = not_offered(self.local, self.member, root, self.commands()[root])
        definition = definition_of(action.command, self.commands())
        if refusal:
            self.say(refusal)
            return
        options = dict(action.options)
        for option in definition.get("options", ()):
            name = option["name"]
            if option.get("type") == USER_OPTION and name in options:
                found = find_member(self.local, self.member, str(options[name]))
                if found is None:
                    self.say(f"{name} takes one member of this server: {', '.join(self._members())}.")
                    return
                options[name] = found
        people = {o["name"] for o in definition.get("options", ()) if o.get("type") == USER_OPTION}
        shown = " ".join([f"/{action.command}", *(f"{k}:{'@' if k in people else ''}{v}" for k, v in options.items())])
        await self._show(lambda: self.local.slash(action.command, member=self.member, options=options), shown)

    async def _click(self, action: Click) -> None:
        number, reply = self._target(action.message)
        if reply is None:
            self.say(self._no_such_reply(action.message))
            return
        message = next((m for m in reply.messages if m.has_button(action.label)), None)
        if message is None:
            offered = ", ".join(f"[{b}]" for m in reply.messages for b in buttons(m.components)) or "none"
            at = self._elsewhere(action.label)
            hint = f" [{action.label}] is on reply #{at}: type `click #{at} {action.label}`." if at else ""
            self.say(f"Reply #{number} has no button called that. Its buttons: {offered}.{hint}")
            return
        await self._show(lambda: self.local.click(message, action.label, member=self.member), f"[{action.label}]")

    async def _select(self, action: Select) -> None:
        _, reply = self._target(action.message)
        if reply is None and action.message is not None:
            self.say(self._no_such_reply(action.message))
            return
        picked = pick(action, self._menus(reply) if reply else {})
        if isinstance(picked, Invalid):
            self.say(picked.message)
            return
        assert reply is not None  # pick() found the menu on it
        message = next(m for m in reply.messages if m.has_select(picked.placeholder))
        await self._show(
            lambda: self.local.select(message, picked.placeholder, list(picked.values), member=self.member),
            f"<{picked.placeholder}: {', '.join(picked.labels) or 'nothing'}>",
        )

    def _target(self, number: int | None) -> tuple[int, Reply | None]:
        """The reply a click or select is for: the one named, or the last one."""
        if number is None:
            number = max(self.replies, default=0)
        return number, self.replies.get(number)

    def _no_such_reply(self, number: int | None) -> str:
        if number is None:
            return "There is no reply yet. Try /condition ms first."
        kept = f"#{min(self.replies)} to #{max(self.replies)}" if self.replies else "none yet"
        return f"There is no reply #{number} to act on (recent replies: {kept})."

    def _elsewhere(self, label: str) -> int | None:
        """The most recent earlier reply with this button, to point the person at it."""
        newest_first = sorted(self.replies, reverse=True)
        return next((n for n in newest_first if any(m.has_button(label) for m in self.replies[n].messages)), None)

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

    def _buttons(self) -> list[str]:
        """Button labels on the last reply."""
        _, reply = self._target(None)
        return [label for m in (reply.messages if reply else ()) for label in buttons(m.components)]

    def _menus(self, reply: Reply | None = None) -> Menus:
        """The menus on a reply (by default the last one), by placeholder."""
        if reply is None:
            _, reply = self._target(None)
        found: dict[str, list[tuple[str, str]]] = {}
        for message in reply.messages if reply else ():
            found.update(menus(message.components))
        return found

    async def _show(self, act: Callable[[], Any], what: str) -> None:
        try:
            reply: Reply = await act()
        except (WaitTimeout, InteractionFailed):
            self.say(f"The bot did not answer {what} in time (Discord shows 'The application did not respond').")
            return
        except CommandUnavailable as exc:
            self.say(f"Discord would not offer that here: {exc}.")
            return
        except (HarnessError, KeyError) as exc:  # something a person could not do in Discord's client
            self.say(f"That can't be done here: {exc}")
            return
        number = max(self.replies, default=0) + 1
        self.replies[number] = reply
        for old in [n for n in self.replies if n <= number - RECENT_REPLIES]:
            del self.replies[old]
        updated = self._updated(reply, number)
        self.say(f"\n--- #{number} {what}{f' (updates #{updated})' if updated else ''} ---")
        names = mention_names(self.local)
        for message in reply.messages:
            self.say(render_for_terminal(message, names, self.attachments_dir) + "\n")

    def _updated(self, reply: Reply, number: int) -> int | None:
        """The earlier reply whose message this one changed (a quiz moving on, /which narrowing), if any."""
        if reply.source_message is None or reply.message is not reply.source_message:
            return None
        # The first reply that showed it: the number a person saw it under.
        return next((n for n in sorted(self.replies) if n < number and reply.message in self.replies[n].messages), None)

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
