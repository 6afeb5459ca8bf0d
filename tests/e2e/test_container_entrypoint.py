"""The image's entry point and health check, run as plain processes with the image's environment (no Docker
engine runs on the test machines): exactly the commands the Dockerfile names, read from it."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from local_discord import LocalDiscord
from tests.test_deployment_files import dockerfile, dockerfile_env

START_TIMEOUT = 60.0


def image_command(instruction: str) -> list[str]:
    """The exec-form command of CMD or HEALTHCHECK, with `python` as this interpreter."""
    match = re.search(rf"^{instruction} .*?(\[.*\])$", dockerfile(), flags=re.MULTILINE)
    assert match, f"no exec-form {instruction} in the Dockerfile"
    argv = json.loads(match.group(1))
    return [sys.executable if argv[0] == "python" else argv[0], *argv[1:]]


def image_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
    image = dockerfile_env()
    env.update({name: image[name] for name in ("LOCAL_MODE", "PYTHONUNBUFFERED")})
    env["USAGE_DB_PATH"] = str(tmp_path / "bot.sqlite3")  # the image's volume, here a temporary folder
    return {**env, **extra}


def test_without_a_token_the_container_exits_2_with_one_line_instead_of_starting_the_console(tmp_path: Path) -> None:
    for env in (image_environment(tmp_path), {**image_environment(tmp_path), "LOCAL_MODE": "auto"}):
        # As in a container: no terminal, standard input is /dev/null (the second case: without the image's flag).
        result = subprocess.run(
            image_command("CMD"), env=env, cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, text=True
        )
        assert result.returncode == 2
        assert result.stdout == "" and result.stderr.count("\n") == 1 and "DISCORD_TOKEN is not set" in result.stderr
    assert not (tmp_path / "bot.sqlite3").exists()  # nothing started


async def health(env: dict[str, str], cwd: Path) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        *image_command("HEALTHCHECK"), env=env, cwd=cwd, stdout=asyncio.subprocess.PIPE
    )
    output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode().strip()


async def test_the_health_check_is_healthy_only_while_the_bot_is_ready_and_connected(
    local: LocalDiscord, tmp_path: Path
) -> None:
    env = image_environment(tmp_path, LOG_LEVEL="DEBUG")
    assert (await health(env, tmp_path))[0] == 1  # not started: no heartbeat
    async with local.run_process(image_command("CMD"), log=tmp_path / "bot.log", env=env, timeout=START_TIMEOUT):
        results: list[tuple[int, str]] = []

        async def check() -> None:
            results.append(await health(env, tmp_path))

        async with asyncio.timeout(START_TIMEOUT):
            while not results or results[-1][0] != 0:
                await check()
        assert results[-1] == (0, "healthy: ready, every shard connected")
    code, line = await health(env, tmp_path)  # stopped: its heartbeat is gone
    assert code == 1 and line.startswith("unhealthy: no heartbeat")
