"""Where the bundled content lives, found from the package's own location (never the working directory)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def content_dir() -> Path:
    """The data/ folder: bundled inside the package when installed from a wheel, beside it in a checkout."""
    bundled = _PACKAGE_DIR / "data"
    if (bundled / "conditions").is_dir():
        return bundled
    return _PACKAGE_DIR.parent / "data"


def schema_dir() -> Path:
    """The committed JSON Schemas for content editors (only in a checkout)."""
    return _PACKAGE_DIR.parent / "schema"


def default_database_path() -> Path:
    """var/bot.sqlite3 in a checkout; the user's data folder when installed as a package."""
    checkout = _PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").exists():
        return checkout / "var" / "bot.sqlite3"
    return Path.home() / ".local" / "share" / "legweakness-bot" / "bot.sqlite3"


def default_spec_path() -> Path | None:
    """Discord's OpenAPI spec from shared/ beside a checkout, when it is there (for the local Discord's checks)."""
    spec = _PACKAGE_DIR.parent.parent / "shared" / "discord-api-spec" / "openapi.json"
    return spec if spec.is_file() else None


def locales_dir() -> Path:
    """The gettext catalogs (locales/<locale>/LC_MESSAGES/bot.po): bundled as bot/locales when installed."""
    bundled = _PACKAGE_DIR / "locales"
    if (bundled / "bot.pot").is_file():
        return bundled
    return _PACKAGE_DIR.parent / "locales"
