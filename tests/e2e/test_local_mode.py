"""`make run` with no token: the local Discord, the real bot and the console, in one process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = "\n".join(
    [
        ":help",
        "/condition myasthenia section:symptoms",
        "click Share here",
        '/compare "guillain barre" ms',
        "/condition",
        "/nope",
        "click Nothing like this",
        "quit",
        "/condition ms",  # after quit: never run
    ]
)


def run_console(
    tmp_path: Path, script: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=script,
        capture_output=True,
        text=True,
        cwd=tmp_path,  # no .env here
        env={**environment, "USAGE_DB_PATH": str(tmp_path / "real.sqlite3")},
        timeout=120,
    )


def test_console_session_from_banner_to_quit(tmp_path: Path) -> None:
    result = run_console(tmp_path, SCRIPT)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "OFFLINE LOCAL MODE: no DISCORD_TOKEN is set" in out and "127.0.0.1" in out
    # The banner says who may use the moderator commands, as the test server's roles decide it.
    assert "/card (Manage Messages): olivia, mo\n" in out and "/settings (Manage Server): olivia, ada\n" in out
    assert "/compare <first> <second> [third]" in out  # help lists the bot's registered commands
    assert "MYASTHENIA GRAVIS (MG): SYMPTOMS" in out and "Buttons: [Share here]" in out
    assert "(posted in the channel for everyone)" in out
    assert "COMPARE: GBS VS MS" in out
    assert "/condition needs name. Example: /condition <name> [section]" in out
    assert "There is no /nope command." in out
    assert "Reply #3 has no button called that. Its buttons: [Share here]." in out
    assert out.rstrip().endswith("Bye.") and out.count("--- #1 /condition") == 1 and "--- #4" not in out
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "real.sqlite3").exists()  # local play never touches the real counters


def test_end_of_input_ends_the_session_cleanly(tmp_path: Path) -> None:
    result = run_console(tmp_path, "/condition sle\n")
    assert result.returncode == 0 and result.stdout.rstrip().endswith("Bye.")
    assert "SYSTEMIC LUPUS ERYTHEMATOSUS (SLE)" in result.stdout


def test_buttons_on_earlier_messages_are_pressed_only_when_the_message_is_named(tmp_path: Path) -> None:
    # After a private answer, the quiz's own buttons are on an earlier message, as in a channel: `click` alone
    # means the last reply, and says where the button is.
    result = run_console(tmp_path, "/quiz questions:1\nclick A\nclick See results\nclick #1 See results\n")
    assert result.returncode == 0, result.stderr
    assert "[See results] is on reply #1: type `click #1 See results`." in result.stdout
    assert "--- #3 [See results] (updates #1) ---" in result.stdout and "QUIZ RESULTS" in result.stdout


def test_acting_as_a_moderator_to_post_a_card(tmp_path: Path) -> None:
    script = "/card ms\nas mo\n/card ms section:treatment\nas nobody\n"
    result = run_console(tmp_path, script)
    out = result.stdout
    # sam, a plain member, is not offered /card: said in Discord's words, with who may use it
    assert "Discord offers /card only to members with Manage Messages; you are sam (member)." in out
    assert "Try `as olivia` or `as mo`." in out and "needs permissions" not in out
    assert "You are now mo (Moderator)." in out
    assert "--- #1 /card condition:ms section:treatment ---\n(posted in the channel for everyone)" in out
    assert "There is no such member here. Try one of: olivia, mo, ada, sam." in out
