"""Which Python runs each library's bot. disnake and hikari are dev dependencies of the project's own virtualenv;
nextcord cannot be (its wheel ships a `discord` package that overwrites discord.py's), so the suite makes it a
virtualenv of its own, once, inside the project's .venv, from tests/conformance/requirements-nextcord.txt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OWN_VIRTUALENV = {"nextcord"}
INSTALL_TIMEOUT = 600


def python_for(library: str) -> str:
    if library not in OWN_VIRTUALENV:
        return sys.executable
    return str(_virtualenv(library))


def _virtualenv(library: str) -> Path:
    requirements = HERE / f"requirements-{library}.txt"
    root = Path(sys.prefix) / "conformance" / library
    python = root / "bin" / "python"
    stamp = root / "installed.txt"
    wanted = requirements.read_text(encoding="utf-8")
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted and python.is_file():
        return python
    _run([sys.executable, "-m", "venv", "--clear", str(root)])
    _run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(requirements)])
    stamp.write_text(wanted, encoding="utf-8")
    return python


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
