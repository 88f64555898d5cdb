"""Small per-gemeente input files (demand by origin, current distribution, corporations' holdings), read
with the shared table reader and validated all-or-nothing."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens.invoer import gemeente_rijen, kolomnaam, lees_exact_getal, lees_tabelbestand, meld, waar
from verdeelwijzer.gegevens.namen import GemeenteZoeker


@dataclass(frozen=True)
class Corporatiebezit:
    gemeentecode: str
    corporatie: str
    bezit: Fraction


def _kolom(tabel_kop: list[str], naam: str, pad: str) -> int:
    namen = [kolomnaam(k) for k in tabel_kop]
    if naam not in namen:
        raise InvoerFout(f"{pad}, regel 1: kolom '{naam}' ontbreekt. Gevonden: {', '.join(tabel_kop)}.")
    return namen.index(naam)


def _niet_negatief(tekst: str, decimale_komma: bool, plek: str, fouten: list[str]) -> Fraction | None:
    try:
        getal = lees_exact_getal(tekst, decimale_komma)
    except ValueError as e:
        fouten.append(f"{plek}: {e}.")
        return None
    if getal < 0:
        fouten.append(f"{plek}: negatieve waarde; verwacht ≥ 0.")
        return None
    return getal


def lees_gemeentewaarden(pad: Path, kolom: str, zoeker: GemeenteZoeker, regio: tuple[str, ...]) -> dict[str, Fraction]:
    """A file with one row per gemeente of the region and a number column `kolom` (exact, ≥ 0).

    Every gemeente of the region must have a row (0 is fine): a missing one is an error, not a silent 0.
    """
    tabel = lees_tabelbestand(pad)
    waarde_i = _kolom(tabel.kop, kolom, tabel.pad)
    fouten: list[str] = []
    uit: dict[str, Fraction] = {}
    for rijnr, cellen, code in gemeente_rijen(tabel, zoeker, fouten, regio=regio):
        getal = _niet_negatief(
            cellen[waarde_i], tabel.decimale_komma, waar(tabel.pad, rijnr, tabel.kop[waarde_i]), fouten
        )
        if getal is not None:
            uit[code] = getal
    ontbreekt = [c for c in regio if c not in uit]
    if ontbreekt and not fouten:
        namen_ontbrekend = ", ".join(zoeker.namen[c] for c in ontbreekt)
        fouten.append(
            f"{tabel.pad}: geen regel voor {namen_ontbrekend}; geef elke gemeente van de regio (eventueel 0)."
        )
    if fouten:
        raise meld(fouten, f"Het bestand '{tabel.pad}' is niet ingelezen:")
    return uit


def lees_corporatiebezit(pad: Path, zoeker: GemeenteZoeker, regio: tuple[str, ...]) -> list[Corporatiebezit]:
    """Rows gemeente, corporatie, bezit (holdings): one gemeente may have several corporations."""
    tabel = lees_tabelbestand(pad)
    corp_i = _kolom(tabel.kop, "corporatie", tabel.pad)
    bezit_i = _kolom(tabel.kop, "bezit", tabel.pad)
    fouten: list[str] = []
    uit: list[Corporatiebezit] = []
    gezien: dict[tuple[str, str], int] = {}
    for rijnr, cellen, code in gemeente_rijen(tabel, zoeker, fouten, regio=regio, uniek=False):
        corporatie = cellen[corp_i].strip()
        if not corporatie:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[corp_i])}: naam van de corporatie ontbreekt.")
            continue
        if (code, corporatie.lower()) in gezien:
            fouten.append(
                f"{waar(tabel.pad, rijnr)}: '{corporatie}' staat voor deze gemeente al op regel "
                f"{gezien[(code, corporatie.lower())]}."
            )
            continue
        gezien[(code, corporatie.lower())] = rijnr
        bezit = _niet_negatief(
            cellen[bezit_i], tabel.decimale_komma, waar(tabel.pad, rijnr, tabel.kop[bezit_i]), fouten
        )
        if bezit is not None:
            uit.append(Corporatiebezit(code, corporatie, bezit))
    if fouten:
        raise meld(fouten, f"Het bestand '{tabel.pad}' is niet ingelezen:")
    return uit
