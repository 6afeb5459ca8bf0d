from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.this-is-not-a-real-token-0123456789"


def test_defaults_mean_local_mode(tmp_path: Path) -> None:
    settings = load_settings({}, env_file=None)
    assert settings.local_mode and settings.usage_log and settings.log_level == "INFO"
    assert settings.usage_db_path.name == "bot.sqlite3"


def test_environment_wins_over_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("LOG_LEVEL=debug\nUSAGE_LOG=off\nDEV_GUILD_ID=42\n", encoding="utf-8")
    settings = load_settings({"LOG_LEVEL": "warning", "USAGE_DB_PATH": str(tmp_path / "x.db")}, env_file=env_file)
    assert settings.log_level == "WARNING" and not settings.usage_log and settings.dev_guild_id == 42
    assert settings.usage_db_path == tmp_path / "x.db"


def test_every_problem_is_listed_in_one_clear_message() -> None:
    env = {
        "DEV_GUILD_ID": "my server",
        "USAGE_LOG": "maybe",
        "LOG_LEVEL": "loud",
        "DISCORD_API_BASE_URL": "127.0.0.1:8000",
        "DISCORD_TOKEN": "two words " + TOKEN,
        "DISCORD_API_SPEC_PATH": "/no/such/openapi.json",
    }
    with pytest.raises(SettingsError) as info:
        load_settings(env, env_file=None)
    message = str(info.value)
    for part in ["DEV_GUILD_ID", "USAGE_LOG", "LOG_LEVEL", "DISCORD_API_BASE_URL", "set both", "DISCORD_TOKEN", "SPEC"]:
        assert part in message
    assert TOKEN not in message


def test_the_token_never_shows_in_repr_or_str() -> None:
    settings = load_settings({"DISCORD_TOKEN": TOKEN}, env_file=None)
    assert settings.token is not None and settings.token.reveal() == TOKEN
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.token)


@pytest.mark.parametrize("bad", ["abc\x01def", "abc\x00def", "tok\x7fen", "tøken", "to\tken"])
def test_a_token_with_control_or_non_ascii_characters_is_one_clear_problem(bad: str) -> None:
    with pytest.raises(SettingsError) as info:
        load_settings({"DISCORD_TOKEN": bad}, env_file=None)
    assert "DISCORD_TOKEN contains" in str(info.value) and bad not in str(info.value)


def test_the_server_key_is_64_hex_characters_from_one_place_only(tmp_path: Path) -> None:
    key = "Ab" * 32
    settings = load_settings({"SERVER_KEY": key, "USAGE_DB_PATH": str(tmp_path / "bot.sqlite3")}, env_file=None)
    assert settings.server_key is not None and settings.server_key.reveal() == key.lower()
    assert key not in repr(settings)
    for env, problem in (
        ({"SERVER_KEY": "abc"}, "SERVER_KEY must be 64 hexadecimal"),
        ({"SERVER_KEY": key, "SERVER_KEY_FILE": "/x"}, "not both"),
    ):
        with pytest.raises(SettingsError, match=problem):
            load_settings(env, env_file=None)


def test_the_key_file_sits_beside_the_database_unless_placed(tmp_path: Path) -> None:
    settings = load_settings({"USAGE_DB_PATH": str(tmp_path / "db" / "bot.sqlite3")}, env_file=None)
    assert settings.key_file == tmp_path / "db" / "server-key"
    placed = load_settings({"SERVER_KEY_FILE": str(tmp_path / "k")}, env_file=None)
    assert placed.key_file == tmp_path / "k"


def test_a_project_url_is_shown_by_about_and_must_be_https() -> None:
    assert load_settings({"PROJECT_URL": "https://example.org/issues"}, env_file=None).project_url == (
        "https://example.org/issues"
    )
    with pytest.raises(SettingsError, match="PROJECT_URL must be an https:// address"):
        load_settings({"PROJECT_URL": "javascript:alert(1)"}, env_file=None)
