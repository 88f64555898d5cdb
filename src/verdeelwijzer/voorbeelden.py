"""Where the shipped example files (fictitious agreements, programmes, monitoring exports) live.

They ship inside the package (`verdeelwijzer/voorbeeldbestanden/`) so an installed copy has them too;
in a source checkout without an install the repository's `voorbeelden/` folder is used.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from verdeelwijzer.fouten import InvoerFout


def voorbeeldmap() -> Path:
    pakket = Path(str(resources.files("verdeelwijzer"))) / "voorbeeldbestanden"
    if pakket.is_dir():
        return pakket
    bron = Path(__file__).resolve().parents[2] / "voorbeelden"
    if bron.is_dir():
        return bron
    raise InvoerFout("De voorbeeldbestanden zijn niet gevonden bij deze installatie.")


def voorbeeld_afspraken() -> list[Path]:
    """The example afsprakenkader files, sorted by name."""
    return sorted(voorbeeldmap().glob("*.yaml"))
