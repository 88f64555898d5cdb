"""Reading realised-figure files (CSV or Excel, from the templates of `verdeelwijzer sjabloon monitoring`).

Three kinds (soorten), recognised by their value column:

- ``instroom``: periode, gemeentecode/gemeentenaam, categorie, instroom — realised placements of urgents;
- ``verhuringen``: periode, gemeentecode/gemeentenaam, verhuringen (or mutaties) — social-rent lettings;
- ``bouw``: periode, gemeentecode/gemeentenaam, segment, opgeleverd — homes completed per segment.

Optional columns: gemeentenaam (next to the code: both must name the same gemeente), opmerking, bron,
peildatum. Every problem in the file is collected and reported at once (file, row, column, what was
expected); nothing is returned unless the whole file is valid. Storing is done by
`verdeelwijzer.opslag.importeren` in one transaction.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens.invoer import (
    METAKOLOMMEN,
    Tabelbestand,
    genoeg_fouten,
    kolomnaam,
    leeg_sjabloon,
    lees_getal,
    lees_tabelbestand,
    meld,
    sjabloon_nog_leeg,
    waar,
)
from verdeelwijzer.gegevens.namen import GemeenteZoeker
from verdeelwijzer.getaltekst import kort
from verdeelwijzer.grenzen import MAX_GEMELDE_FOUTEN
from verdeelwijzer.monitoring.model import SEGMENTEN

MAX_AANTAL = 10**8  # sanity bound for one count (fits every database integer)


@dataclass(frozen=True)
class Soort:
    naam: str
    waardekolom: str  # normalised column name (see gegevens.invoer.kolomnaam)
    waardekop: str  # header as written in the template
    sleutelkolom: str | None  # categorie / segment
    omschrijving: str


SOORTEN: dict[str, Soort] = {
    "instroom": Soort("instroom", "instroom", "instroom", "categorie",
                      "gerealiseerde instroom (plaatsingen) van urgenten per gemeente, categorie en periode"),
    "verhuringen": Soort("verhuringen", "mutaties", "verhuringen", None,
                         "verhuringen (mutaties) van sociale huurwoningen per gemeente en periode"),
    "bouw": Soort("bouw", "opgeleverd", "opgeleverd", "segment",
                  "opgeleverde nieuwbouwwoningen per gemeente, segment en periode"),
}


@dataclass(frozen=True)
class Importcontext:
    """What a file is checked against: the region's gemeenten, periods and categories."""

    regio: str
    gemeenten: frozenset[str]
    perioden: tuple[str, ...]
    categorieen: tuple[str, ...]
    zoeker: GemeenteZoeker
    namen: Mapping[str, str]  # gemeentecode -> name, for messages


@dataclass(frozen=True)
class Importrij:
    periode: str
    gemeentecode: str
    sleutel: str  # categorie or segment; "" for verhuringen
    aantal: int
    regel: int


@dataclass(frozen=True)
class Importinhoud:
    soort: Soort
    bestandsnaam: str
    sha256: str
    rijen: tuple[Importrij, ...]

    def bereik(self) -> list[tuple[str, str]]:
        """The (periode, gemeentecode) cells this file states figures for."""
        return sorted({(r.periode, r.gemeentecode) for r in self.rijen})


def sha256_bestand(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def _normaal(tekst: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", tekst.strip().lower()).strip("_")


def _suggestie(tekst: str, opties: list[str]) -> str:
    dichtbij = difflib.get_close_matches(tekst, opties, n=3, cutoff=0.6)
    return f" Bedoelt u: {', '.join(dichtbij)}?" if dichtbij else ""


def lees_tabel(pad: Path) -> Tabelbestand:
    """`lees_tabelbestand`, with every low-level reading problem turned into an InvoerFout."""
    try:
        return lees_tabelbestand(pad)
    except InvoerFout:
        raise
    except (csv.Error, UnicodeError, ValueError, OSError) as e:
        raise InvoerFout(f"Bestand '{pad}' is niet te lezen als tabel ({type(e).__name__}: {e}).") from e


def _herken_soort(tabel: Tabelbestand, namen: list[str]) -> Soort:
    gevonden = [s for s in SOORTEN.values() if s.waardekolom in namen]
    if len(gevonden) == 1:
        return gevonden[0]
    verwacht = "; ".join(f"'{s.waardekop}' ({s.naam})" for s in SOORTEN.values())
    if not gevonden:
        raise InvoerFout(
            f"{waar(tabel.pad, 1)}: geen cijferkolom gevonden; verwacht precies één van {verwacht}. "
            f"Gevonden kolommen: {', '.join(tabel.kop) or '(geen)'}. Gebruik 'verdeelwijzer sjabloon monitoring'."
        )
    soorten = ", ".join(s.waardekop for s in gevonden)
    raise InvoerFout(f"{waar(tabel.pad, 1)}: meer dan één soort cijferkolom ({soorten}); "
                     "zet instroom, verhuringen en bouw in aparte bestanden.")


def valideer(tabel: Tabelbestand, context: Importcontext, sha256: str) -> Importinhoud:
    """Check a table against the region; return its rows or raise one InvoerFout listing every problem."""
    namen = [kolomnaam(k) for k in tabel.kop]
    soort = _herken_soort(tabel, namen)
    fouten: list[str] = []
    toegestaan = {"periode", "gemeentecode", "gemeentenaam", soort.waardekolom, *METAKOLOMMEN}
    if soort.sleutelkolom:
        toegestaan.add(soort.sleutelkolom)
    index: dict[str, int] = {}
    for i, naam in enumerate(namen):
        if not naam:
            if any(i < len(c) and c[i].strip() for _, c in tabel.rijen):
                fouten.append(f"{waar(tabel.pad, 1)}: kolom {i + 1} heeft geen naam maar wel waarden.")
            continue
        if naam not in toegestaan:
            fouten.append(f"{waar(tabel.pad, 1, tabel.kop[i])}: onbekende kolom voor {soort.naam}; verwacht "
                          f"{', '.join(sorted(toegestaan))}.{_suggestie(naam, sorted(toegestaan))}")
            continue
        if naam in index:
            fouten.append(f"{waar(tabel.pad, 1, tabel.kop[i])}: kolom komt twee keer voor.")
            continue
        index[naam] = i
    verplicht = ["periode", soort.waardekolom] + ([soort.sleutelkolom] if soort.sleutelkolom else [])
    for naam in verplicht:
        if naam not in index:
            fouten.append(f"{waar(tabel.pad, 1)}: kolom '{naam}' ontbreekt (nodig voor {soort.naam}).")
    if "gemeentecode" not in index and "gemeentenaam" not in index:
        fouten.append(f"{waar(tabel.pad, 1)}: kolom 'gemeentecode' of 'gemeentenaam' ontbreekt.")
    if fouten:
        raise meld(fouten, f"Het bestand '{tabel.pad}' is niet ingelezen; er is niets gewijzigd:")
    if sjabloon_nog_leeg(tabel, [index[soort.waardekolom]]):  # the template, sent back unchanged
        raise leeg_sjabloon(tabel, "bestand", [soort.waardekolom, "periode"], "Er is niets gewijzigd.")

    sleutels = list(context.categorieen) if soort.sleutelkolom == "categorie" else list(SEGMENTEN)
    sleutel_normaal = {_normaal(s): s for s in sleutels}
    rijen: list[Importrij] = []
    gezien: dict[tuple[str, str, str], int] = {}
    for rijnr, cellen in tabel.rijen:
        if genoeg_fouten(fouten):
            break
        if len(cellen) > len(tabel.kop) and any(c.strip() for c in cellen[len(tabel.kop):]):
            fouten.append(f"{waar(tabel.pad, rijnr)}: meer cellen ({len(cellen)}) dan kolommen ({len(tabel.kop)}).")
            continue
        cellen = cellen + [""] * (len(tabel.kop) - len(cellen))

        def cel(naam: str, cellen: list[str] = cellen) -> str:
            return cellen[index[naam]].strip() if naam in index else ""

        fouten_voor = len(fouten)
        periode = cel("periode")
        if not periode:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[index['periode']])}: lege periode; verwacht een van "
                          f"{', '.join(context.perioden)}.")
        elif periode not in context.perioden:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[index['periode']])}: onbekende periode "
                          f"'{kort(periode)}'; verwacht een van {', '.join(context.perioden)}.")
        code = _gemeente(tabel, rijnr, index, cel, context, fouten)
        sleutel = ""
        if soort.sleutelkolom:
            kop = tabel.kop[index[soort.sleutelkolom]]
            tekst = cel(soort.sleutelkolom)
            if tekst and _normaal(tekst) in sleutel_normaal:
                sleutel = sleutel_normaal[_normaal(tekst)]
            else:
                wat = "lege" if not tekst else "onbekende"
                hint = _suggestie(_normaal(tekst), list(sleutel_normaal)) if len(fouten) < MAX_GEMELDE_FOUTEN else ""
                fouten.append(f"{waar(tabel.pad, rijnr, kop)}: {wat} {soort.sleutelkolom} '{kort(tekst)}'; verwacht "
                              f"een van {', '.join(sleutels)}.{hint}")
        aantal = _aantal(tabel, rijnr, tabel.kop[index[soort.waardekolom]], cel(soort.waardekolom), fouten)
        if len(fouten) > fouten_voor or code is None or aantal is None:
            continue
        k = (periode, code, sleutel)
        if k in gezien:
            wat = f", {soort.sleutelkolom} '{sleutel}'" if sleutel else ""
            fouten.append(f"{waar(tabel.pad, rijnr)}: periode '{periode}', gemeente "
                          f"{context.namen.get(code, code)}{wat} staat er al op regel {gezien[k]}.")
            continue
        gezien[k] = rijnr
        rijen.append(Importrij(periode, code, sleutel, aantal, rijnr))
    if fouten:
        raise meld(fouten, f"Het bestand '{tabel.pad}' is niet ingelezen; er is niets gewijzigd:")
    return Importinhoud(soort, Path(tabel.pad).name, sha256, tuple(rijen))


def _gemeente(tabel: Tabelbestand, rijnr: int, index: dict[str, int], cel, context: Importcontext,
              fouten: list[str]) -> str | None:
    codes: list[str] = []
    for naam in ("gemeentecode", "gemeentenaam"):
        if naam in index and cel(naam):
            try:
                plek = waar(tabel.pad, rijnr, tabel.kop[index[naam]])
                codes.append(context.zoeker.zoek(cel(naam), plek, suggestie=len(fouten) < MAX_GEMELDE_FOUTEN))
            except InvoerFout as fout:
                fouten.append(str(fout))
                return None
    if not codes:
        fouten.append(f"{waar(tabel.pad, rijnr)}: geen gemeentecode of gemeentenaam ingevuld.")
        return None
    if len(codes) == 2 and codes[0] != codes[1]:
        fouten.append(f"{waar(tabel.pad, rijnr)}: gemeentecode '{cel('gemeentecode')}' en gemeentenaam "
                      f"'{cel('gemeentenaam')}' horen niet bij dezelfde gemeente.")
        return None
    if codes[0] not in context.gemeenten:
        fouten.append(f"{waar(tabel.pad, rijnr)}: gemeente {context.namen.get(codes[0], codes[0])} ({codes[0]}) "
                      f"hoort niet bij regio {context.regio}.")
        return None
    return codes[0]


def _aantal(tabel: Tabelbestand, rijnr: int, kop: str, tekst: str, fouten: list[str]) -> int | None:
    plek = waar(tabel.pad, rijnr, kop)
    if not tekst:
        fouten.append(f"{plek}: leeg; verwacht een geheel getal ≥ 0 (vul 0 in als er niets was).")
        return None
    try:
        getal = lees_getal(tekst, tabel.decimale_komma)
    except ValueError as e:
        fouten.append(f"{plek}: {e}; verwacht een geheel getal ≥ 0.")
        return None
    if getal != getal or getal in (float("inf"), float("-inf")) or not getal.is_integer():
        fouten.append(f"{plek}: '{kort(tekst)}' is geen geheel getal; verwacht een aantal woningen of huishoudens.")
        return None
    if getal < 0:
        fouten.append(f"{plek}: negatief aantal '{tekst}'; verwacht een geheel getal ≥ 0.")
        return None
    if getal > MAX_AANTAL:
        fouten.append(f"{plek}: '{tekst}' is onwaarschijnlijk groot (meer dan {MAX_AANTAL:,}).".replace(",", "."))
        return None
    return int(getal)


def lees_importbestand(pad: Path, context: Importcontext) -> Importinhoud:
    """Read and check a realised-figure file; raise InvoerFout listing every problem."""
    tabel = lees_tabel(pad)
    return valideer(tabel, context, sha256_bestand(pad))
