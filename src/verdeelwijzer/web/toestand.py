"""The data a running app serves: the embedded gemeenten plus the override files uploaded on the data
page. Uploaded files are validated by the core (`laad_gemeenten`) before they are kept; an invalid
file changes nothing and its Dutch message goes back to the page."""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from pathlib import Path

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import Gegevens, Regio, alle_regios, laad_gemeenten, zoek_regio

TOEGESTANE_TYPES = (".csv", ".xlsx")
MAX_UPLOAD = 5 * 1024 * 1024


def veilige_naam(naam: str) -> str:
    basis = Path(naam or "bestand.csv").name
    schoon = re.sub(r"[^A-Za-z0-9._-]+", "_", basis).strip("._") or "bestand.csv"
    return schoon[:80]


class GegevensToestand:
    def __init__(self, map: Path) -> None:
        self.map = map
        self._slot = threading.Lock()
        self.generatie = 0  # raised on every (re)load: part of the key of cached results (web.rekencache)
        self._namen: tuple[Gegevens, dict[str, str]] | None = None
        self.map.mkdir(parents=True, exist_ok=True)
        self._laad()

    def bestanden(self) -> list[Path]:
        return sorted(p for p in self.map.iterdir() if p.suffix.lower() in TOEGESTANE_TYPES)

    def _laad(self) -> None:
        self._gegevens = laad_gemeenten(self.bestanden())
        self._regios = alle_regios(self._gegevens)
        self.generatie += 1

    @property
    def gegevens(self) -> Gegevens:
        return self._gegevens

    def namen(self) -> dict[str, str]:
        """gemeentecode → name of every gemeente in the data, made once per load (a name looked up cell by
        cell in the DataFrame costs about 0.1 ms; a page with a map asks for all of them)."""
        gegevens = self._gegevens
        namen = self._namen
        if namen is None or namen[0] is not gegevens:
            namen = (gegevens, {c: gegevens.naam(c) for c in gegevens.tabel.index})
            self._namen = namen
        return dict(namen[1])  # a copy: callers may add to it

    @property
    def regios(self) -> list[Regio]:
        return self._regios

    def regio(self, sleutel: str | None) -> Regio:
        if not sleutel:
            return self._regios[0]
        for r in self._regios:
            if r.sleutel == sleutel:
                return r
        return zoek_regio(sleutel, self._gegevens, bestanden=False)  # web input never names a server file

    def sjabloon_namen(self, sleutel: str | None) -> tuple[list[str] | None, str | None]:
        """(gemeentenamen, regionaam) to pre-fill a template; (None, None) without a region."""
        if not sleutel:
            return None, None
        r = self.regio(sleutel)
        return sorted((self._gegevens.naam(c) for c in r.gemeentecodes), key=str.lower), r.naam

    def controleer(self, naam: str, inhoud: bytes) -> Path:
        """Validate an upload against the current files; return where it would be stored. Raises InvoerFout."""
        naam = veilige_naam(naam)
        if Path(naam).suffix.lower() not in TOEGESTANE_TYPES:
            raise InvoerFout(f"Bestand '{naam}': onbekend bestandstype; verwacht .csv of .xlsx.")
        if len(inhoud) > MAX_UPLOAD:
            raise InvoerFout(f"Bestand '{naam}' is groter dan {MAX_UPLOAD // (1024 * 1024)} MB.")
        if not inhoud.strip():
            raise InvoerFout(f"Bestand '{naam}' is leeg; verwacht een kopregel met kolomnamen en daaronder rijen.")
        with tempfile.TemporaryDirectory() as tmp:
            pad = Path(tmp) / naam
            pad.write_bytes(inhoud)
            try:
                laad_gemeenten([*(b for b in self.bestanden() if b.name != naam), pad])
            except InvoerFout as fout:
                raise InvoerFout(str(fout).replace(str(pad), naam).replace(tmp + "/", "")) from None
        return self.map / naam

    def voeg_toe(self, naam: str, inhoud: bytes) -> Path:
        """Validate and keep an override file (replacing one with the same name), then reload."""
        with self._slot:
            doel = self.controleer(naam, inhoud)
            tijdelijk = doel.with_suffix(doel.suffix + ".nieuw")
            tijdelijk.write_bytes(inhoud)
            shutil.move(tijdelijk, doel)
            self._laad()
            return doel

    def verwijder(self, naam: str) -> None:
        with self._slot:
            pad = self.map / veilige_naam(naam)
            if pad.parent != self.map or not pad.exists():
                raise InvoerFout(f"Bestand '{naam}' bestaat niet.")
            pad.unlink()
            self._laad()
