"""Where the shipped example files (fictitious agreements, programmes, monitoring exports) live.

They ship inside the package so an installed copy has them; the repository's `voorbeelden/` is a link to
the same folder, so the paths in the README work from a checkout.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def voorbeeldmap() -> Path:
    return Path(str(resources.files("verdeelwijzer"))) / "voorbeeldbestanden"


def voorbeeld_afspraken() -> list[Path]:
    """The example afsprakenkader files, sorted by name."""
    return sorted(voorbeeldmap().glob("*.yaml"))
