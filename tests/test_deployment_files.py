"""The Docker files point at what the bot actually uses."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def dockerfile_env() -> dict[str, str]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    return dict(re.findall(r"(\w+)=(\S+?)\s*(?:\\|$)", text, flags=re.MULTILINE))


def test_compose_builds_the_dockerfile_with_env_file_and_named_volume() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    service = compose["services"]["bot"]
    assert (ROOT / service["build"]["context"] / service["build"]["dockerfile"]).is_file()
    assert service["env_file"] == ".env"
    assert service["restart"] in {"unless-stopped", "always", "on-failure"}
    volume, mount = service["volumes"][0].split(":")
    assert volume in compose["volumes"]
    db_path = Path(service["environment"]["USAGE_DB_PATH"])
    assert db_path.parent == Path(mount)
    assert str(db_path) == dockerfile_env()["USAGE_DB_PATH"]


def test_dockerfile_runs_as_non_root_and_bakes_in_the_content() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^USER (?!root)\w+", text, flags=re.MULTILINE)
    assert "COPY data ./data" in text
    assert re.search(r'^CMD \["python", "-m", "bot"\]', text, flags=re.MULTILINE)


def test_env_example_lists_every_setting() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    settings_source = (ROOT / "bot" / "config.py").read_text(encoding="utf-8")
    names = set(re.findall(r'get\("([A-Z_]+)"\)', settings_source))
    assert names and all(f"\n{name}=" in example for name in names)


def test_the_http_profile_serves_the_endpoint_on_the_same_image_and_data() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    gateway, http = compose["services"]["bot"], compose["services"]["http"]
    assert http["profiles"] == ["http"] and "profiles" not in gateway  # by default compose runs the gateway bot
    assert http["build"] == gateway["build"] and http["volumes"] == gateway["volumes"]
    assert http["environment"] == gateway["environment"] and http["env_file"] == ".env"
    assert http["command"][:4] == ["python", "-m", "bot", "serve"] and "--port" in http["command"]
    port = http["command"][http["command"].index("--port") + 1]
    assert any(mapping.endswith(f":{port}") for mapping in http["ports"])
    assert "/healthz" in " ".join(http["healthcheck"]["test"])
