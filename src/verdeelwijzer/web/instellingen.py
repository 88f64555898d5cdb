"""Settings of one running web application (from the `serve` command or a test)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024


def _getal(naam: str, standaard: float) -> float:
    """A number from the environment (for `serve --werkers N`, where each worker reads its own settings)."""
    tekst = os.environ.get(naam, "").strip().replace(",", ".")
    if not tekst:
        return standaard
    try:
        waarde = float(tekst)
    except ValueError:
        raise ValueError(f"Omgevingsvariabele {naam}={tekst!r} is geen getal.") from None
    if not 0 < waarde < 1e9:
        raise ValueError(f"Omgevingsvariabele {naam}={tekst!r} moet een positief getal zijn.")
    return waarde


def _aantal(naam: str, standaard: int) -> int:
    """A whole number >= 0 from the environment (0 is allowed: it switches something off)."""
    tekst = os.environ.get(naam, "").strip()
    if not tekst:
        return standaard
    if not tekst.isdigit() or len(tekst) > 9:
        raise ValueError(f"Omgevingsvariabele {naam}={tekst!r} moet een heel getal van 0 of meer zijn.")
    return int(tekst)


def _bytes(naam: str, standaard_mb: float) -> int:
    return int(_getal(naam, standaard_mb) * MB)


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
    sits behind https, see `serve --https`).

    Limits (each also from an environment variable, documented in the README):
    `max_verzoek`: bytes of any request body (JSON, forms), `max_upload`: upload routes for data and
    programme files, `max_import`: the monitoring import; all enforced while the body streams in, before
    authentication. `rekentijd_s`/`rekenwerkers`: time bound and parallelism of parsing and computing an
    upload off the event loop. `inlog_*`: failed logins allowed per user name and per address within
    `inlog_venster_s` seconds. `rekencache`: how many computed distributions are kept (0: none)."""

    map: Path = field(default_factory=standaard_map)
    db_url: str | None = None
    zonder_login: bool = False
    https: bool = False
    geheim: str | None = None
    sessieduur_s: int = 8 * 3600
    max_verzoek: int = field(default_factory=lambda: _bytes("VERDEELWIJZER_MAX_VERZOEK_MB", 2))
    max_upload: int = field(default_factory=lambda: _bytes("VERDEELWIJZER_MAX_UPLOAD_MB", 12))
    max_import: int = field(default_factory=lambda: _bytes("VERDEELWIJZER_MAX_IMPORT_MB", 32))
    rekentijd_s: float = field(default_factory=lambda: _getal("VERDEELWIJZER_REKENTIJD_S", 60))
    rekenwerkers: int = field(default_factory=lambda: int(_getal("VERDEELWIJZER_REKENWERKERS", 2)))
    inlog_per_gebruiker: int = field(default_factory=lambda: int(_getal("VERDEELWIJZER_INLOG_PER_GEBRUIKER", 10)))
    inlog_per_adres: int = field(default_factory=lambda: int(_getal("VERDEELWIJZER_INLOG_PER_ADRES", 50)))
    inlog_venster_s: float = field(default_factory=lambda: _getal("VERDEELWIJZER_INLOG_VENSTER_S", 900))
    rekencache: int = field(default_factory=lambda: _aantal("VERDEELWIJZER_REKENCACHE", 256))

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
