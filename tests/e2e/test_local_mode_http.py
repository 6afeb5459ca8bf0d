"""`make run MODE=http`: the console against the HTTP delivery, the local Discord POSTing to the bot's endpoint."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_local_mode import run_console

SCRIPT = (
    "/condition myasthenia section:symptoms\nclick Share here\n/quiz questions:1\nclick A\nclick #3 See results\nquit\n"
)


def test_the_console_runs_against_the_http_endpoint(tmp_path: Path) -> None:
    result = run_console(tmp_path, SCRIPT, "run", "--http")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Interactions are delivered over HTTP, signed, to the bot's endpoint at http://127.0.0.1:" in out
    assert "OFFLINE LOCAL MODE" in out
    assert "MYASTHENIA GRAVIS (MG): SYMPTOMS" in out and "(posted in the channel for everyone)" in out
    assert "QUIZ RESULTS" in out and out.rstrip().endswith("Bye.")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "real.sqlite3").exists()


def test_run_over_http_with_a_token_points_to_serve(tmp_path: Path) -> None:
    result = run_console(tmp_path, "", "run", "--http", env={"DISCORD_TOKEN": "a-token"})
    assert result.returncode == 2 and "python -m bot serve" in result.stderr
