"""Reading user tables (CSV with ',' or ';', or Excel) into rows with their line numbers, and
validating override files. Every problem is collected and reported at once, in Dutch, naming
the file, row and column; nothing is applied unless the whole file is valid."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from verdeelwijzer.bron import Bron
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens.namen import GemeenteZoeker

MAX_GEMELDE_FOUTEN = 50

# Column names users commonly give to the standard indicators.
KOLOM_ALIASSEN: dict[str, str] = {
    "daeb": "sociale_voorraad",
    "daeb_voorraad": "sociale_voorraad",
    "sociale_huurvoorraad": "sociale_voorraad",
    "corporatiewoningen": "sociale_voorraad",
    "mutaties_per_jaar": "mutaties",
    "verhuringen": "mutaties",
    "huishoudens_aantal": "huishoudens",
    "inwoners_aantal": "inwoners",
}
SLEUTELKOLOMMEN = ("gemeentecode", "gemeentenaam")
METAKOLOMMEN = ("peildatum", "bron", "opmerking")


@dataclass(frozen=True)
class Tabelbestand:
    """A user table as text cells: header plus rows, each with the row number the user sees."""

    pad: str
    kop: list[str]
    rijen: list[tuple[int, list[str]]]
    decimale_komma: bool


@dataclass(frozen=True)
class Overschrijving:
    gemeentecode: str
    kolom: str
    waarde: float
    bron: Bron


def kolomnaam(tekst: str) -> str:
    schoon = re.sub(r"[^0-9a-z]+", "_", tekst.strip().lower()).strip("_")
    return KOLOM_ALIASSEN.get(schoon, schoon)


def lees_tabelbestand(pad: Path) -> Tabelbestand:
    """Read a CSV (',' or ';' separated, UTF-8 with or without BOM) or an Excel file (first sheet)."""
    if not pad.exists():
        raise InvoerFout(f"Bestand '{pad}' bestaat niet.")
    if pad.suffix.lower() in (".xlsx", ".xlsm"):
        return _lees_excel(pad)
    if pad.suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise InvoerFout(f"Bestand '{pad}': onbekend bestandstype '{pad.suffix}'; verwacht .csv of .xlsx.")
    try:
        tekst = pad.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            tekst = pad.read_bytes().decode("cp1252")
        except UnicodeDecodeError as e:
            raise InvoerFout(f"Bestand '{pad}': geen leesbare tekst (verwacht UTF-8 of Windows-1252).") from e
    eerste = tekst.splitlines()[0] if tekst.strip() else ""
    scheiding = max((";", ",", "\t"), key=eerste.count) if eerste else ","
    lezer = csv.reader(io.StringIO(tekst), delimiter=scheiding)
    alle = [(n, rij) for n, rij in enumerate(lezer, start=1) if any(c.strip() for c in rij)]
    if not alle:
        raise InvoerFout(f"Bestand '{pad}' is leeg; verwacht een kopregel met kolomnamen en daaronder rijen.")
    (_, kop), rijen = alle[0], alle[1:]
    return Tabelbestand(str(pad), [k.strip() for k in kop], rijen, decimale_komma=scheiding == ";")


def _lees_excel(pad: Path) -> Tabelbestand:
    from openpyxl import load_workbook

    try:
        boek = load_workbook(pad, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for broken files
        raise InvoerFout(f"Bestand '{pad}' is geen leesbaar Excel-bestand ({type(e).__name__}).") from e
    blad = boek.worksheets[0]
    alle = []
    for n, rij in enumerate(blad.iter_rows(values_only=True), start=1):
        cellen = ["" if c is None else _excel_tekst(c) for c in rij]
        if any(c.strip() for c in cellen):
            alle.append((n, cellen))
    boek.close()
    if not alle:
        raise InvoerFout(f"Bestand '{pad}' (blad '{blad.title}') is leeg; verwacht een kopregel met kolomnamen.")
    (_, kop), rijen = alle[0], alle[1:]
    return Tabelbestand(str(pad), [k.strip() for k in kop], rijen, decimale_komma=False)


def _excel_tekst(c: object) -> str:
    if isinstance(c, float) and c.is_integer():
        return str(int(c))
    return str(c)


_NL_GETAL = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")
_EN_GETAL = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


def lees_exact_getal(tekst: str, decimale_komma: bool) -> Fraction:
    """Parse a number exactly as written in the file; raise ValueError with a Dutch reason otherwise."""
    t = tekst.strip().replace("\u00a0", "").replace(" ", "")
    if decimale_komma:
        if not _NL_GETAL.match(t):
            raise ValueError(
                f"'{tekst}' is geen getal (in dit bestand met ';' verwachten we een decimale komma, bv. 1234,5)"
            )
        return Fraction(t.replace(".", "").replace(",", "."))
    if not _EN_GETAL.match(t):
        raise ValueError(f"'{tekst}' is geen getal (verwacht bv. 1234 of 1234.5)")
    return Fraction(t)


def lees_getal(tekst: str, decimale_komma: bool) -> float:
    return float(lees_exact_getal(tekst, decimale_komma))


def waar(bestand: str, rij: int, kolom: str | None = None) -> str:
    return f"{bestand}, regel {rij}" + (f", kolom '{kolom}'" if kolom else "")


def meld(fouten: Sequence[str], kop: str) -> InvoerFout:
    getoond = list(fouten[:MAX_GEMELDE_FOUTEN])
    if len(fouten) > MAX_GEMELDE_FOUTEN:
        getoond.append(f"… en nog {len(fouten) - MAX_GEMELDE_FOUTEN} fouten.")
    return InvoerFout(kop + "\n" + "\n".join(f"  - {f}" for f in getoond))


def gemeentekolom(tabel: Tabelbestand) -> tuple[int, str]:
    """Index and name of the column that identifies the gemeente (code preferred over name)."""
    namen = [kolomnaam(k) for k in tabel.kop]
    for sleutel in SLEUTELKOLOMMEN:
        if sleutel in namen:
            return namen.index(sleutel), sleutel
    raise InvoerFout(
        f"{tabel.pad}, regel 1: kolom 'gemeentecode' of 'gemeentenaam' ontbreekt. "
        f"Gevonden kolommen: {', '.join(tabel.kop) or '(geen)'}."
    )


def gemeente_rijen(
    tabel: Tabelbestand,
    zoeker: GemeenteZoeker,
    fouten: list[str],
    *,
    regio: Collection[str] | None = None,
    buiten: str = "hoort niet bij de regio",
    uniek: bool = True,
) -> Iterator[tuple[int, list[str], str]]:
    """Rows whose gemeente resolves, as (row number, cells padded to the header, gemeentecode).

    Unknown gemeenten, a gemeentenaam that contradicts the gemeentecode on the same row, gemeenten outside
    `regio` (reported as "gemeente 'X' <buiten>") and, with `uniek`, a second row for the same gemeente are
    added to `fouten` with file, row and column and skipped: the caller reports everything at once.
    """
    sleutel_i, sleutel = gemeentekolom(tabel)
    namen = [kolomnaam(k) for k in tabel.kop]
    naam_i = namen.index("gemeentenaam") if sleutel == "gemeentecode" and "gemeentenaam" in namen else None
    gezien: dict[str, int] = {}
    for rijnr, ruw in tabel.rijen:
        cellen = ruw + [""] * (len(tabel.kop) - len(ruw))
        if len(cellen) > len(tabel.kop) and any(c.strip() for c in cellen[len(tabel.kop) :]):
            fouten.append(f"{waar(tabel.pad, rijnr)}: meer cellen ({len(cellen)}) dan kolommen ({len(tabel.kop)}).")
            continue
        plek = waar(tabel.pad, rijnr, tabel.kop[sleutel_i])
        try:
            code = zoeker.zoek(cellen[sleutel_i], plek)
            if naam_i is not None and cellen[naam_i].strip():
                naam_plek = waar(tabel.pad, rijnr, tabel.kop[naam_i])
                if zoeker.zoek(cellen[naam_i], naam_plek) != code:
                    raise InvoerFout(
                        f"{naam_plek}: '{cellen[naam_i].strip()}' hoort niet bij gemeentecode "
                        f"'{cellen[sleutel_i].strip()}'."
                    )
        except InvoerFout as fout:
            fouten.append(str(fout))
            continue
        if regio is not None and code not in regio:
            fouten.append(f"{plek}: gemeente '{cellen[sleutel_i].strip()}' {buiten}.")
            continue
        if uniek and code in gezien:
            fouten.append(f"{plek}: gemeente '{cellen[sleutel_i].strip()}' staat er al op regel {gezien[code]}.")
            continue
        gezien[code] = rijnr
        yield rijnr, cellen, code


def valideer_overschrijvingen(
    tabel: Tabelbestand,
    zoeker: GemeenteZoeker,
    beschermd: Sequence[str],
) -> list[Overschrijving]:
    """Turn an override table into figures, or raise one InvoerFout listing every problem.

    Empty cells mean "no figure supplied" and leave the existing figure in place.
    """
    fouten: list[str] = []
    bestandsnaam = Path(tabel.pad).name
    sleutel_index, _ = gemeentekolom(tabel)
    namen = [kolomnaam(k) for k in tabel.kop]
    waardekolommen: list[tuple[int, str]] = []
    gezien_kolom: dict[str, int] = {}
    for i, naam in enumerate(namen):
        if i == sleutel_index or naam in SLEUTELKOLOMMEN or naam in METAKOLOMMEN:
            continue
        if not naam:
            fouten.append(f"{waar(tabel.pad, 1)}: kolom {i + 1} heeft geen naam.")
            continue
        if naam in beschermd:
            fouten.append(
                f"{waar(tabel.pad, 1, tabel.kop[i])}: deze kolom beschrijft de indeling en kan niet "
                "worden overschreven."
            )
            continue
        if naam in gezien_kolom:
            fouten.append(f"{waar(tabel.pad, 1, tabel.kop[i])}: kolom komt twee keer voor.")
            continue
        gezien_kolom[naam] = i
        waardekolommen.append((i, naam))
    if not waardekolommen and not fouten:
        fouten.append(f"{waar(tabel.pad, 1)}: geen kolommen met cijfers gevonden naast de gemeentekolom.")
    peil_i = namen.index("peildatum") if "peildatum" in namen else None
    bron_i = namen.index("bron") if "bron" in namen else None

    resultaat: list[Overschrijving] = []
    for rijnr, cellen, code in gemeente_rijen(tabel, zoeker, fouten):
        peildatum = cellen[peil_i].strip() if peil_i is not None and cellen[peil_i].strip() else "onbekend"
        extra = f" ({cellen[bron_i].strip()})" if bron_i is not None and cellen[bron_i].strip() else ""
        bron = Bron(label=f"eigen invoer: bestand {bestandsnaam}{extra}", peildatum=peildatum, soort="eigen invoer")
        for i, naam in waardekolommen:
            cel = cellen[i]
            if not cel.strip():
                continue
            try:
                getal = lees_getal(cel, tabel.decimale_komma)
            except ValueError as e:
                fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[i])}: {e}.")
                continue
            if getal < 0:
                fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[i])}: negatieve waarde {cel.strip()}; verwacht ≥ 0.")
                continue
            if getal != getal or getal in (float("inf"), float("-inf")):
                fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[i])}: '{cel.strip()}' is geen eindig getal.")
                continue
            resultaat.append(Overschrijving(code, naam, getal, bron))
    if not tabel.rijen:
        fouten.append(f"{waar(tabel.pad, 1)}: alleen een kopregel, geen gemeenten.")
    if fouten:
        raise meld(fouten, f"Het bestand '{tabel.pad}' is niet ingelezen; er is niets gewijzigd:")
    return resultaat
