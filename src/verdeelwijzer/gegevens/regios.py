"""Regions: built-in (provincie, COROP, arbeidsmarktregio), named example regions, or the user's own
list or file. A region always resolves to an explicit, checked list of gemeentecodes."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens.gemeenten import Gegevens
from verdeelwijzer.gegevens.invoer import gemeentekolom, lees_tabelbestand
from verdeelwijzer.gegevens.manifest import ingebouwde_yaml, lees_bytes
from verdeelwijzer.gegevens.namen import normaliseer
from verdeelwijzer.getaltekst import heel
from verdeelwijzer.grenzen import MAX_TABEL_BYTES
from verdeelwijzer.yamlbestand import lees_yaml_bestand

# Region types derived from the gemeenten table: soort -> column holding the region name.
INGEBOUWDE_SOORTEN = {"provincie": "provincie", "corop": "corop_naam", "arbeidsmarktregio": "arbeidsmarktregio_naam"}
VOORBEELD_OPMERKING = "Voorbeeldindeling: controleer het lidmaatschap aan de hand van de eigen regionale afspraken."


@dataclass(frozen=True)
class Regio:
    naam: str
    soort: str
    gemeentecodes: tuple[str, ...]
    indeling_jaar: int
    bron: str
    opmerking: str | None = None

    @property
    def sleutel(self) -> str:
        return f"{self.soort}:{self.naam}"


@lru_cache(maxsize=1)
def _benoemd_ruw() -> dict:
    return ingebouwde_yaml(lees_bytes("regios.yaml"))


def benoemde_regios(gegevens: Gegevens) -> list[Regio]:
    ruw = _benoemd_ruw()
    jaar = int(ruw["indeling_jaar"])
    controleer_indeling(jaar, gegevens, "ingebouwde regio's")
    assert gegevens.zoeker is not None
    return [
        Regio(
            naam=r["naam"],
            soort=r["soort"],
            indeling_jaar=jaar,
            bron=r["bron"],
            opmerking=VOORBEELD_OPMERKING,
            gemeentecodes=tuple(gegevens.zoeker.zoek_alle(r["gemeenten"], f"regio {r['naam']}")),
        )
        for r in ruw["regios"]
    ]


def ingebouwde_regios(gegevens: Gegevens) -> list[Regio]:
    """Provincies, COROP-gebieden and arbeidsmarktregio's as in the embedded data."""
    regios = []
    codes = gegevens.codes
    for soort, kolom in INGEBOUWDE_SOORTEN.items():
        meta = gegevens.kolommen[kolom]
        groepen: dict[str, list[str]] = {}
        for c in codes:
            groepen.setdefault(str(gegevens.waarde(c, kolom)), []).append(c)
        for naam in sorted(groepen):
            regios.append(
                Regio(
                    naam=naam,
                    soort=soort,
                    gemeentecodes=tuple(sorted(groepen[naam])),
                    indeling_jaar=gegevens.indeling_jaar,
                    bron=f"{meta.bron} ({meta.tabel})",
                    opmerking=(
                        "Indeling overgenomen uit CBS 86247NED: controleer vóór gebruik."
                        if soort == "arbeidsmarktregio"
                        else None
                    ),
                )
            )
    return regios


def alle_regios(gegevens: Gegevens) -> list[Regio]:
    return benoemde_regios(gegevens) + ingebouwde_regios(gegevens)


def controleer_indeling(jaar: int, gegevens: Gegevens, wat: str) -> None:
    if jaar != gegevens.indeling_jaar:
        raise InvoerFout(
            f"{wat} gebruikt de gemeentelijke indeling {jaar}, maar de gegevens zijn van indeling "
            f"{gegevens.indeling_jaar}; gemeentecodes veranderen bij herindelingen. Zet de regio om naar "
            f"indeling {gegevens.indeling_jaar}."
        )


def _is_bestand(pad: Path) -> bool:
    """A long list of codes is no file name: the OS refuses it (File name too long) rather than say no."""
    try:
        return pad.is_file()
    except (OSError, ValueError):
        return False


REGIOBESTAND_TYPES = (".csv", ".xlsx", ".txt", ".yaml", ".yml")


def zoek_regio(tekst: str, gegevens: Gegevens, *, bestanden: bool = True) -> Regio:
    """Resolve what the user typed: a file, 'soort:naam', a comma-separated list of gemeenten, or a name.

    A name matching regions of different soorten with different members is an error, never a guess.
    `bestanden=False` (the web application, uploaded agreements): never touch the filesystem; text that
    looks like a file is refused with a Dutch message, so a region can never read a server file.
    """
    assert gegevens.zoeker is not None
    schoon = tekst.strip()
    if not schoon:
        raise InvoerFout("Geen regio opgegeven.")
    if bestanden:
        pad = Path(schoon)
        if pad.suffix.lower() in REGIOBESTAND_TYPES or _is_bestand(pad):
            return regio_uit_bestand(pad, gegevens)
    elif _lijkt_op_pad(schoon):
        raise InvoerFout(
            "Een regio kan hier alleen worden opgegeven met een sleutel (zoals 'provincie:Utrecht'), een naam "
            "of een lijst van gemeenten ('Delft,Rijswijk'), niet met een bestand.")
    regios = alle_regios(gegevens)
    if ":" in schoon:
        soort, _, naam = schoon.partition(":")
        kandidaten = [
            r for r in regios if r.soort == soort.strip().lower() and normaliseer(r.naam) == normaliseer(naam)
        ]
        if kandidaten:
            return kandidaten[0]
        raise InvoerFout(f"Onbekende regio '{schoon}'.{_suggestie(schoon, regios)}")
    kandidaten = [r for r in regios if normaliseer(r.naam) == normaliseer(schoon)]
    benoemd = [r for r in kandidaten if r.soort not in INGEBOUWDE_SOORTEN]
    if len(benoemd) == 1 and len(kandidaten) > 1:
        # A named region wins over a built-in one of the same name; the user is told about the other.
        anders = "; ".join(
            f"'{r.sleutel}' ({len(r.gemeentecodes)} gemeenten)" for r in kandidaten if r is not benoemd[0]
        )
        noot = f"Er bestaat ook {anders}; kies die met de soort ervoor."
        return replace(benoemd[0], opmerking=f"{benoemd[0].opmerking or ''} {noot}".strip())
    verschillend = {r.gemeentecodes for r in kandidaten}
    if len(verschillend) == 1:
        return kandidaten[0]
    if len(kandidaten) > 1:
        opties = "; ".join(f"'{r.sleutel}' ({len(r.gemeentecodes)} gemeenten)" for r in kandidaten)
        raise InvoerFout(f"Regio '{schoon}' is niet eenduidig. Kies een van: {opties}.")
    if "," in schoon:
        codes = gegevens.zoeker.zoek_alle(schoon.split(","), "regio")
        return Regio(
            naam="eigen selectie",
            soort="eigen",
            gemeentecodes=tuple(codes),
            indeling_jaar=gegevens.indeling_jaar,
            bron="opgegeven door gebruiker",
        )
    raise InvoerFout(
        f"Onbekende regio '{schoon[:200]}'.{_suggestie(schoon, regios)} Zie 'verdeelwijzer regio lijst', of geef "
        "gemeenten op als lijst ('Delft,Rijswijk')" + (" of als bestand." if bestanden else ".")
    )


def _lijkt_op_pad(tekst: str) -> bool:
    """Text that can only mean a file: it starts like a path ('/', '~', '.', a drive) or ends in a
    region-file extension. Names may contain '/' ('Arnhem/Nijmegen'), so that alone does not count.
    Only used to explain the refusal; the file is never opened either way."""
    return (tekst.startswith(("/", "\\", "~", ".")) or (len(tekst) > 2 and tekst[1] == ":" and tekst[2] in "/\\")
            or Path(tekst).suffix.lower() in REGIOBESTAND_TYPES)


def _suggestie(tekst: str, regios: list[Regio]) -> str:
    namen = {normaliseer(r.naam): r.naam for r in regios}
    dichtbij = difflib.get_close_matches(normaliseer(tekst.split(":")[-1]), list(namen), n=3, cutoff=0.6)
    return (" Bedoelt u: " + ", ".join(namen[d] for d in dichtbij) + "?") if dichtbij else ""


def regio_uit_bestand(pad: Path, gegevens: Gegevens) -> Regio:
    """A region file: YAML {naam, indeling_jaar, gemeenten: [...]}, a text file with one gemeente per
    line, or a CSV/Excel table with a column gemeentecode or gemeentenaam."""
    assert gegevens.zoeker is not None
    if not pad.is_file():
        raise InvoerFout(f"Regiobestand '{pad}' bestaat niet.")
    if pad.suffix.lower() in (".yaml", ".yml"):
        ruw = lees_yaml_bestand(pad, f"Regiobestand '{pad}'")
        if not isinstance(ruw, dict) or not isinstance(ruw.get("gemeenten"), list):
            raise InvoerFout(f"Regiobestand '{pad}': verwacht de velden 'naam' en 'gemeenten' (een lijst).")
        try:
            jaar = int(ruw.get("indeling_jaar", gegevens.indeling_jaar))
        except (TypeError, ValueError):
            raise InvoerFout(f"Regiobestand '{pad}': indeling_jaar is geen jaartal.") from None
        controleer_indeling(jaar, gegevens, f"Regiobestand '{pad}'")
        namen = [str(n) for n in ruw["gemeenten"]]
        naam = str(ruw.get("naam", pad.stem))
    elif pad.suffix.lower() == ".txt":
        if pad.stat().st_size > MAX_TABEL_BYTES:
            raise InvoerFout(f"Regiobestand '{pad}' is te groot; verwacht hoogstens {heel(MAX_TABEL_BYTES)} bytes.")
        try:
            namen = [regel for regel in pad.read_text(encoding="utf-8-sig").splitlines() if regel.strip()]
        except UnicodeDecodeError:
            raise InvoerFout(f"Regiobestand '{pad}' is geen UTF-8-tekst.") from None
        naam = pad.stem
    else:
        tabel = lees_tabelbestand(pad)
        index, _ = gemeentekolom(tabel)
        namen = [cellen[index] for _, cellen in tabel.rijen]
        naam = pad.stem
    if not namen:
        raise InvoerFout(f"Regiobestand '{pad}' bevat geen gemeenten.")
    codes = gegevens.zoeker.zoek_alle(namen, f"regiobestand {pad.name}")
    return Regio(
        naam=naam,
        soort="eigen",
        gemeentecodes=tuple(codes),
        indeling_jaar=gegevens.indeling_jaar,
        bron=f"eigen invoer: bestand {pad.name}",
    )
