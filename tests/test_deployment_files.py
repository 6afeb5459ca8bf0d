"""The Docker files point at what the bot actually uses, and the compose stack starts in the right order.

No Docker engine runs on the test machines, so the files are parsed and checked here, and the image's entry point
and health check are run as plain processes (tests/e2e/test_container_entrypoint.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bot.storage.target import PostgresTarget, parse_database_url

ROOT = Path(__file__).resolve().parent.parent


def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def dockerfile_env() -> dict[str, str]:
    return dict(re.findall(r"(\w+)=(\S+?)\s*(?:\\|$)", dockerfile(), flags=re.MULTILINE))


def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def clusters() -> dict[str, dict[str, Any]]:
    services = compose()["services"]
    return {name: s for name, s in services.items() if "CLUSTER_INDEX" in s.get("environment", {})}


def test_postgres_is_the_official_image_pinned_with_a_volume_and_a_healthcheck() -> None:
    postgres = compose()["services"]["postgres"]
    assert re.fullmatch(r"postgres:\d+\.\d+(-\w+)?", postgres["image"])  # a version, never :latest
    volume, mount = postgres["volumes"][0].split(":")
    assert volume in compose()["volumes"] and mount == "/var/lib/postgresql/data"
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    assert "?" in postgres["environment"]["POSTGRES_PASSWORD"]  # compose refuses to start without one


def test_each_cluster_waits_for_a_healthy_postgres_and_the_migration_then_runs_its_own_index() -> None:
    found = clusters()
    assert len(found) >= 2
    indexes = sorted(int(s["environment"]["CLUSTER_INDEX"]) for s in found.values())
    assert indexes == list(range(len(found)))
    migrate = compose()["services"]["migrate"]
    assert migrate["command"] == ["python", "-m", "bot", "db", "upgrade"]
    assert migrate["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for service in found.values():
        env = service["environment"]
        assert int(env["CLUSTER_COUNT"]) == len(found)
        assert service["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }
        url = re.sub(r"\$\{[^}]*\}", "secret", env["DATABASE_URL"])  # as compose fills it in from .env
        target = parse_database_url(url, Path("unused"))
        assert isinstance(target, PostgresTarget) and target.location.startswith("postgres:5432/")
        assert "?" in env["SERVER_KEY"]  # the same secret for every cluster, required
        assert service["restart"] in {"unless-stopped", "always", "on-failure"}
        assert (ROOT / service["build"]["context"] / service["build"]["dockerfile"]).is_file()
        assert service["env_file"] == ".env"


def test_each_cluster_keeps_its_heartbeat_in_a_volume_of_its_own() -> None:
    mounts = []
    for service in clusters().values():
        volume, mount = service["volumes"][0].split(":")
        assert volume in compose()["volumes"]
        assert Path(service["environment"]["USAGE_DB_PATH"]).parent == Path(mount)
        assert service["environment"]["USAGE_DB_PATH"] == dockerfile_env()["USAGE_DB_PATH"]
        mounts.append(volume)
    assert len(set(mounts)) == len(mounts)


def test_dockerfile_pins_its_base_runs_as_non_root_checks_health_and_never_starts_the_console() -> None:
    text = dockerfile()
    assert re.search(r"^FROM python:\d+\.\d+\.\d+-slim-\w+$", text, flags=re.MULTILINE)
    assert re.search(r"^USER (?!root)\w+", text, flags=re.MULTILINE)
    assert "COPY data ./data" in text
    assert re.search(r'^CMD \["python", "-m", "bot"\]', text, flags=re.MULTILINE)
    assert re.search(r'^HEALTHCHECK .* CMD \["python", "-m", "bot", "health"\]$', text, flags=re.MULTILINE)
    assert dockerfile_env()["LOCAL_MODE"] == "off"


def test_every_package_the_install_needs_is_copied_into_the_image() -> None:
    listed = re.findall(r'^    "([a-z_.]+)",$', (ROOT / "pyproject.toml").read_text(), flags=re.MULTILINE)
    packages = {name.split(".")[0] for name in listed}
    copied = set(re.findall(r"^COPY (\w+) \./\1$", dockerfile(), flags=re.MULTILINE))
    assert packages - {"bot"} <= copied | {"bot"} and "bot" in copied
    # Folders packaged under another name (data/ as bot.data, locales/ as bot.locales) must be copied too.
    mapped = re.search(r"^package-dir = \{(.*)\}$", (ROOT / "pyproject.toml").read_text(), flags=re.MULTILINE)
    assert mapped is not None
    assert set(re.findall(r'= "(\w+)"', mapped.group(1))) <= copied


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_build() -> None:
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {".git", ".venv", ".env", "var", "*.sqlite3*", "server-key*"} <= ignored


def test_env_example_lists_every_setting() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    settings_source = (ROOT / "bot" / "config.py").read_text(encoding="utf-8")
    names = set(re.findall(r'get\("([A-Z_]+)"\)', settings_source))
    assert names and all(f"\n{name}=" in example for name in names)


def test_the_http_profile_serves_the_endpoint_on_the_clusters_image_and_store() -> None:
    services = compose()["services"]
    http, cluster = services["http"], next(iter(clusters().values()))
    assert http["profiles"] == ["http"] and all("profiles" not in s for s in clusters().values())  # opt-in
    assert (
        http["build"] == cluster["build"] and http["env_file"] == ".env" and http["depends_on"] == cluster["depends_on"]
    )
    for name in ("DATABASE_URL", "SERVER_KEY", "USAGE_DB_PATH"):
        assert http["environment"][name] == cluster["environment"][name]
    assert http["environment"]["SHARED_STATE"] == "store"  # replicas share quiz tallies and post limits
    assert http["command"][:4] == ["python", "-m", "bot", "serve"] and "--port" in http["command"]
    port = http["command"][http["command"].index("--port") + 1]
    assert any(mapping.endswith(f":{port}") for mapping in http["ports"])
    assert "/healthz" in " ".join(http["healthcheck"]["test"])
