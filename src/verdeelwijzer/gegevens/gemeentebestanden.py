"""Small input files named in an afsprakenkader (demand by origin, current distribution, corporations'
holdings), read with the shared table reader and validated all-or-nothing."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens.invoer import gemeentekolom, kolomnaam, lees_exact_getal, lees_tabelbestand, meld, waar
from verdeelwijzer.gegevens.namen import GemeenteZoeker


@dataclass(frozen=True)
class Corporatiebezit:
    gemeentecode: str
    corporatie: str
    bezit: Fraction


def lees_gemeentewaarden(pad: Path, kolom: str, zoeker: GemeenteZoeker, regio: tuple[str, ...]) -> dict[str, Fraction]:
    """A file with one row per gemeente of the region and a number column `kolom` (exact, ≥ 0).

    Gemeenten of the region that are missing get 0 only if the file says so: missing rows are an error.
    """
    tabel = lees_tabelbestand(pad)
    sleutel_i, _ = gemeentekolom(tabel)
    namen = [kolomnaam(k) for k in tabel.kop]
    if kolom not in namen:
        raise InvoerFout(f"{tabel.pad}, regel 1: kolom '{kolom}' ontbreekt. Gevonden: {', '.join(tabel.kop)}.")
    waarde_i = namen.index(kolom)
    fouten: list[str] = []
    uit: dict[str, Fraction] = {}
    regels: dict[str, int] = {}
    for rijnr, cellen in tabel.rijen:
        cellen = cellen + [""] * (len(tabel.kop) - len(cellen))
        try:
            code = zoeker.zoek(cellen[sleutel_i], waar(tabel.pad, rijnr, tabel.kop[sleutel_i]))
        except InvoerFout as fout:
            fouten.append(str(fout))
            continue
        if code not in regio:
            fouten.append(
                f"{waar(tabel.pad, rijnr, tabel.kop[sleutel_i])}: '{cellen[sleutel_i]}' hoort niet bij de regio."
            )
            continue
        if code in uit:
            fouten.append(f"{waar(tabel.pad, rijnr)}: gemeente staat er al op regel {regels[code]}.")
            continue
        try:
            getal = lees_exact_getal(cellen[waarde_i], tabel.decimale_komma)
        except ValueError as e:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[waarde_i])}: {e}.")
            continue
        if getal < 0:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[waarde_i])}: negatieve waarde; verwacht ≥ 0.")
            continue
        uit[code] = getal
        regels[code] = rijnr
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
    sleutel_i, _ = gemeentekolom(tabel)
    namen = [kolomnaam(k) for k in tabel.kop]
    for verplicht in ("corporatie", "bezit"):
        if verplicht not in namen:
            raise InvoerFout(f"{tabel.pad}, regel 1: kolom '{verplicht}' ontbreekt. Gevonden: {', '.join(tabel.kop)}.")
    corp_i, bezit_i = namen.index("corporatie"), namen.index("bezit")
    fouten: list[str] = []
    uit: list[Corporatiebezit] = []
    gezien: dict[tuple[str, str], int] = {}
    for rijnr, cellen in tabel.rijen:
        cellen = cellen + [""] * (len(tabel.kop) - len(cellen))
        try:
            code = zoeker.zoek(cellen[sleutel_i], waar(tabel.pad, rijnr, tabel.kop[sleutel_i]))
        except InvoerFout as fout:
            fouten.append(str(fout))
            continue
        if code not in regio:
            fouten.append(
                f"{waar(tabel.pad, rijnr, tabel.kop[sleutel_i])}: '{cellen[sleutel_i]}' hoort niet bij de regio."
            )
            continue
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
        try:
            bezit = lees_exact_getal(cellen[bezit_i], tabel.decimale_komma)
        except ValueError as e:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[bezit_i])}: {e}.")
            continue
        if bezit < 0:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[bezit_i])}: negatief bezit; verwacht ≥ 0.")
            continue
        gezien[(code, corporatie.lower())] = rijnr
        uit.append(Corporatiebezit(code, corporatie, bezit))
    if fouten:
        raise meld(fouten, f"Het bestand '{tabel.pad}' is niet ingelezen:")
    return uit
