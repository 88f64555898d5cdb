"""Settings of one running web application (from the `serve` command or a test)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path


def standaard_map() -> Path:
    """Where the app keeps its database, session key and uploaded override files by default."""
    if os.environ.get("VERDEELWIJZER_MAP"):
        return Path(os.environ["VERDEELWIJZER_MAP"])
    from verdeelwijzer.opslag.database import standaard_pad

    return standaard_pad().parent


@dataclass
class WebInstellingen:
    """`db_url`: database URL or SQLite path (default: the storage layer's default, see
    `opslag.database.database_url`); `map`: session key and uploaded override files;
    `zonder_login`: local single-user mode
    even when accounts exist; `https`: mark the session cookie Secure (set automatically when the app
    sits behind https, see `serve --https`)."""

    map: Path = field(default_factory=standaard_map)
    db_url: str | None = None
    zonder_login: bool = False
    https: bool = False
    geheim: str | None = None
    sessieduur_s: int = 8 * 3600

    def __post_init__(self) -> None:
        self.map = Path(self.map)

    @property
    def upload_map(self) -> Path:
        return self.map / "eigen_gegevens"

    def sessiesleutel(self) -> str:
        """The key that signs session cookies: env VERDEELWIJZER_GEHEIM, else a random key kept in
        `map/sessiesleutel` (mode 0600) so sessions survive a restart."""
        if self.geheim:
            return self.geheim
        if os.environ.get("VERDEELWIJZER_GEHEIM"):
            return os.environ["VERDEELWIJZER_GEHEIM"]
        self.map.mkdir(parents=True, exist_ok=True)
        pad = self.map / "sessiesleutel"
        if not pad.exists():
            pad.write_text(secrets.token_urlsafe(48), encoding="utf-8")
            pad.chmod(0o600)
        self.geheim = pad.read_text(encoding="utf-8").strip()
        return self.geheim
