"""Settings of the HTTP API, read once from the environment (POLEMOS_*), overridable in code."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "polemos.duckdb"


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value and value.strip().isdigit() else default


def _float(name: str, default: float) -> float:
    try:
        return float(os.environ[name])
    except (KeyError, ValueError):
        return default


def default_keys_file(db: str) -> Path:
    """API keys live beside a DuckDB file (`x.duckdb` -> `x.duckdb.keys.json`); for a server URL
    they live in the user's config folder, so a key never travels inside the event data."""
    if "://" in db:
        return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "polemos" / "api-keys.json"
    return Path(db + ".keys.json")


@dataclass
class Settings:
    db: str = field(default_factory=lambda: os.environ.get("POLEMOS_DB", DEFAULT_DB))
    keys_file: Path | None = None
    # Reads are open by default (a local analyst's dashboard); set to close them behind a key.
    read_key_required: bool = field(default_factory=lambda: _flag("POLEMOS_API_READ_KEY_REQUIRED", False))
    max_body_bytes: int = field(default_factory=lambda: _int("POLEMOS_API_MAX_BODY", 2_000_000))
    timeout_s: float = field(default_factory=lambda: _float("POLEMOS_API_TIMEOUT", 60.0))
    default_limit: int = 100
    # One page of events, an export and the map's points are all capped at this.
    max_limit: int = field(default_factory=lambda: _int("POLEMOS_API_MAX_LIMIT", 10_000))
    max_filter_chars: int = 200
    # Host headers the server answers; None = any. `polemos serve` on a loopback address allows only
    # loopback names, so a web page cannot reach the local API through DNS rebinding.
    allowed_hosts: list[str] | None = field(default_factory=lambda: [
        h.strip() for h in os.environ["POLEMOS_API_ALLOWED_HOSTS"].split(",") if h.strip()]
        if os.environ.get("POLEMOS_API_ALLOWED_HOSTS") else None)

    def __post_init__(self) -> None:
        if self.keys_file is None:
            env = os.environ.get("POLEMOS_API_KEYS")
            self.keys_file = Path(env) if env else default_keys_file(self.db)
