"""A real PostgreSQL server for the tests, started in a temporary folder and stopped at the end of the session.

PostgreSQL refuses to run as root, and CI runs as root: then the server runs as the `postgres` user (the
distribution's package creates it) through `runuser`. Its binaries come from PG_BIN, else the newest
/usr/lib/postgresql/<version>/bin, else PATH. Tuned for tests (no fsync): the data is thrown away.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "bot"
RUN_AS = "postgres"  # when the tests run as root


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def server_binaries() -> Path:
    configured = os.environ.get("PG_BIN")
    candidates = [Path(configured)] if configured else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise PostgresMissing("PostgreSQL's server binaries (initdb, pg_ctl) were not found; install postgresql")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    root: Path
    port: int
    binaries: Path
    durable: bool = False  # True: PostgreSQL's defaults (fsync, synchronous commit), for benchmarks

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _run(self, *argv: str) -> None:
        command = [str(self.binaries / argv[0]), *argv[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", RUN_AS, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-sync")
        self.resume()

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def pause(self) -> None:
        """Stop the server, keeping its data (a database outage); `resume` starts it again on the same port."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"), "-w", "start")


def start_server(*, durable: bool = False) -> PostgresServer:
    binaries = server_binaries()
    root = Path(tempfile.mkdtemp(prefix="legweakness-pg-"))
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam(RUN_AS)
        except KeyError:
            raise PostgresMissing(f"running as root needs a '{RUN_AS}' user to run PostgreSQL as") from None
        os.chown(root, user.pw_uid, user.pw_gid)
    root.chmod(0o700)
    server = PostgresServer(root, _free_port(), binaries, durable)
    server.start()
    return server
