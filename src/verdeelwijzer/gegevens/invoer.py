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
from verdeelwijzer.getaltekst import decimaal, heel, kort, te_groot
from verdeelwijzer.grenzen import (
    MAX_CEL_TEKENS,
    MAX_CELLEN,
    MAX_GEMELDE_FOUTEN,
    MAX_GETAL_TEKENS,
    MAX_KOLOMMEN,
    MAX_RIJEN,
    MAX_TABEL_BYTES,
    MAX_VERZAMELDE_FOUTEN,
    MAX_XLSX_BYTES,
    MAX_XLSX_ONDERDELEN,
    MAX_XLSX_UITGEPAKT,
    MAX_XLSX_VERHOUDING,
)

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
    """Read a CSV (',' or ';' separated, UTF-8 with or without BOM) or an Excel file (first sheet).

    Bounded (see `verdeelwijzer.grenzen`): file size, rows, columns, cells and cell length are checked
    while reading, so no file can stall the process or fill its memory."""
    try:
        if pad.is_dir():
            raise InvoerFout(f"Bestand '{pad}' is een map; geef een CSV- of Excelbestand.")
        if not pad.is_file():
            raise InvoerFout(f"Bestand '{pad}' bestaat niet.")
        grootte = pad.stat().st_size
    except OSError as e:
        raise InvoerFout(f"Bestand '{pad}' is niet te lezen ({e.strerror or type(e).__name__}).") from e
    if pad.suffix.lower() in (".xlsx", ".xlsm"):
        return _lees_excel(pad)
    if pad.suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise InvoerFout(f"Bestand '{pad}': onbekend bestandstype '{pad.suffix}'; verwacht .csv of .xlsx.")
    if grootte > MAX_TABEL_BYTES:
        raise InvoerFout(
            f"Bestand '{pad}' is te groot ({_mb(grootte)}); verwacht hoogstens {_mb(MAX_TABEL_BYTES)}."
        )
    ruw = pad.read_bytes()
    try:
        tekst = ruw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            tekst = ruw.decode("cp1252")
        except UnicodeDecodeError as e:
            raise InvoerFout(f"Bestand '{pad}': geen leesbare tekst (verwacht UTF-8 of Windows-1252).") from e
    eerste = tekst.split("\n", 1)[0]
    scheiding = max((";", ",", "\t"), key=eerste.count) if eerste.strip() else ","
    lezer = csv.reader(io.StringIO(tekst), delimiter=scheiding)
    alle: list[tuple[int, list[str]]] = []
    cellen_gelezen = 0
    try:
        for rij in lezer:
            if not any(c.strip() for c in rij):
                continue
            n = lezer.line_num
            _controleer_rij(str(pad), n, rij, len(alle), cellen_gelezen)
            cellen_gelezen += len(rij)
            alle.append((n, rij))
    except csv.Error as e:  # e.g. an unclosed quote, or a field above csv.field_size_limit
        raise InvoerFout(f"{waar(str(pad), lezer.line_num)}: geen geldige CSV ({kort(str(e), 80)}).") from e
    if not alle:
        raise InvoerFout(f"Bestand '{pad}' is leeg; verwacht een kopregel met kolomnamen en daaronder rijen.")
    (_, kop), rijen = alle[0], alle[1:]
    return Tabelbestand(str(pad), [k.strip() for k in kop], rijen, decimale_komma=scheiding == ";")


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB".replace(".", ",")


def _controleer_rij(pad: str, n: int, rij: Sequence[str], rijen: int, cellen: int) -> None:
    """Stop reading as soon as a bound is crossed: one clear error instead of a stalled process."""
    if rijen >= MAX_RIJEN + 1:  # + the header
        raise InvoerFout(f"{waar(pad, n)}: te veel rijen; verwacht hoogstens {heel(MAX_RIJEN)} rijen.")
    if len(rij) > MAX_KOLOMMEN:
        raise InvoerFout(f"{waar(pad, n)}: {len(rij)} kolommen; verwacht hoogstens {MAX_KOLOMMEN}.")
    if cellen + len(rij) > MAX_CELLEN:
        raise InvoerFout(f"{waar(pad, n)}: te veel cellen; verwacht hoogstens {heel(MAX_CELLEN)}.")
    for i, cel in enumerate(rij):
        if len(cel) > MAX_CEL_TEKENS:
            raise InvoerFout(
                f"{waar(pad, n)}, kolom {i + 1}: cel van {heel(len(cel))} tekens; verwacht hoogstens "
                f"{heel(MAX_CEL_TEKENS)}."
            )


def controleer_xlsx(pad: Path) -> None:
    """An .xlsx is a zip: check its size, parts and their uncompressed sizes BEFORE openpyxl opens it.

    A zip bomb is a few kilobytes packed and gigabytes unpacked; openpyxl would unpack the shared strings
    and styles in full. The sizes in the zip directory are what `zipfile` will decompress at most.
    """
    import zipfile

    grootte = pad.stat().st_size
    if grootte > MAX_XLSX_BYTES:
        raise InvoerFout(f"Bestand '{pad}' is te groot ({_mb(grootte)}); verwacht hoogstens {_mb(MAX_XLSX_BYTES)}.")
    try:
        with zipfile.ZipFile(pad) as z:
            delen = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise InvoerFout(f"Bestand '{pad}' is geen leesbaar Excel-bestand (geen geldig xlsx/zip).") from e
    if len(delen) > MAX_XLSX_ONDERDELEN:
        raise InvoerFout(
            f"Bestand '{pad}' bevat {len(delen)} onderdelen; een Excel-bestand heeft er hoogstens "
            f"{MAX_XLSX_ONDERDELEN}. Het bestand is niet geopend."
        )
    uitgepakt = sum(d.file_size for d in delen)
    verdacht = [
        d for d in delen if d.file_size > 1_000_000 and d.file_size > MAX_XLSX_VERHOUDING * max(d.compress_size, 1)
    ]
    if uitgepakt > MAX_XLSX_UITGEPAKT or verdacht:
        raise InvoerFout(
            f"Bestand '{pad}' wordt uitgepakt {_mb(uitgepakt)} groot"
            + (f" (onderdeel gecomprimeerd meer dan {MAX_XLSX_VERHOUDING}×)" if verdacht else "")
            + f"; verwacht hoogstens {_mb(MAX_XLSX_UITGEPAKT)}. Het bestand is niet geopend."
        )


def _lees_excel(pad: Path) -> Tabelbestand:
    controleer_xlsx(pad)
    from openpyxl import load_workbook

    try:
        boek = load_workbook(pad, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for broken files
        raise InvoerFout(f"Bestand '{pad}' is geen leesbaar Excel-bestand ({type(e).__name__}).") from e
    try:
        if not boek.worksheets:
            raise InvoerFout(f"Bestand '{pad}' bevat geen werkblad.")
        blad = boek.worksheets[0]
        alle: list[tuple[int, list[str]]] = []
        cellen_gelezen = 0
        # max_row/max_col: a sheet claiming A1:XFD1048576 must not be padded out to a billion empty cells.
        rijen = blad.iter_rows(values_only=True, max_row=MAX_RIJEN + 2, max_col=MAX_KOLOMMEN + 1)
        for n, rij in enumerate(rijen, start=1):
            if rij.count(None) == len(rij):  # C speed: a sheet may claim a million empty rows
                continue
            cellen = ["" if c is None else _excel_tekst(c) for c in rij]
            while cellen and not cellen[-1]:
                cellen.pop()
            if any(c.strip() for c in cellen):
                _controleer_rij(str(pad), n, cellen, len(alle), cellen_gelezen)
                cellen_gelezen += len(cellen)
                alle.append((n, cellen))
    except InvoerFout:
        raise
    except Exception as e:  # broken XML inside the zip, bad dates, ...
        raise InvoerFout(f"Bestand '{pad}' is geen leesbaar Excel-bestand ({type(e).__name__}).") from e
    finally:
        boek.close()
    if not alle:
        raise InvoerFout(f"Bestand '{pad}' (blad '{blad.title}') is leeg; verwacht een kopregel met kolomnamen.")
    (_, kop), rijen_met_nummer = alle[0], alle[1:]
    return Tabelbestand(str(pad), [k.strip() for k in kop], rijen_met_nummer, decimale_komma=False)


def _excel_tekst(c: object) -> str:
    if isinstance(c, float) and c.is_integer():
        return str(int(c))
    return str(c)


_NL_GETAL = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")
_EN_GETAL = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


def lees_exact_getal(tekst: str, decimale_komma: bool) -> Fraction:
    """Parse a number exactly as written in the file; raise ValueError with a Dutch reason otherwise."""
    t = tekst.strip().replace("\u00a0", "").replace(" ", "")
    if len(t) > MAX_GETAL_TEKENS:
        raise te_groot(tekst)
    if decimale_komma:
        if not _NL_GETAL.match(t):
            raise ValueError(
                f"'{kort(tekst)}' is geen getal (in dit bestand met ';' verwachten we een decimale komma, bv. 1234,5)"
            )
        return Fraction(_begrensd(t.replace(".", "").replace(",", "."), tekst))
    if not _EN_GETAL.match(t):
        raise ValueError(f"'{kort(tekst)}' is geen getal (verwacht bv. 1234 of 1234.5)")
    return Fraction(_begrensd(t, tekst))


def _begrensd(schoon: str, tekst: str) -> int | Fraction:
    getal = decimaal(schoon)  # GetalFout (a ValueError) when too big or too long
    if getal is None:
        raise ValueError(f"'{kort(tekst)}' is geen getal")
    return getal


def lees_getal(tekst: str, decimale_komma: bool) -> float:
    """The number as a float: within the bounds of `decimaal`, so it is always finite."""
    return float(lees_exact_getal(tekst, decimale_komma))


def waar(bestand: str, rij: int, kolom: str | None = None) -> str:
    return f"{bestand}, regel {rij}" + (f", kolom '{kolom}'" if kolom else "")


GESTOPT = f"Na {MAX_VERZAMELDE_FOUTEN} fouten is het controleren gestopt; verbeter eerst deze."


def genoeg_fouten(fouten: Sequence[str]) -> bool:
    """True once a reader has collected enough problems: it then stops (and `meld` says so)."""
    return len(fouten) >= MAX_VERZAMELDE_FOUTEN


def sjabloon_nog_leeg(tabel: Tabelbestand, waardekolommen: Sequence[int]) -> bool:
    """True when no row has anything in the value columns: a template downloaded and sent back unchanged
    (its rows may already name the gemeenten, perioden or categorieën, but carry no figures yet)."""
    return not any(i < len(cellen) and cellen[i].strip() for _, cellen in tabel.rijen for i in waardekolommen)


def leeg_sjabloon(tabel: Tabelbestand, wat: str, kolommen: Sequence[str], gevolg: str) -> InvoerFout:
    """One friendly message for an empty template, instead of an error for every empty cell."""
    regels = "alleen een kopregel" if not tabel.rijen else f"{len(tabel.rijen)} regels zonder cijfers"
    namen = ", ".join(f"'{k}'" for k in kolommen)
    return InvoerFout(f"Het {wat} '{tabel.pad}' is nog leeg ({regels}): vul de kolommen {namen} in (0 als er "
                      f"niets was) en lees het bestand opnieuw in. {gevolg}")


def meld(fouten: Sequence[str], kop: str) -> InvoerFout:
    """One InvoerFout listing the first problems and counting the rest ("… en nog N fouten")."""
    gestopt = genoeg_fouten(fouten)
    lijst = [f for f in fouten if f != GESTOPT]
    getoond = lijst[:MAX_GEMELDE_FOUTEN]
    if len(lijst) > MAX_GEMELDE_FOUTEN:
        getoond.append(f"… en nog {len(lijst) - MAX_GEMELDE_FOUTEN}{' of meer' if gestopt else ''} fouten.")
    if gestopt:
        getoond.append(GESTOPT)
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
        if genoeg_fouten(fouten):
            return
        cellen = ruw + [""] * (len(tabel.kop) - len(ruw))
        if len(cellen) > len(tabel.kop) and any(c.strip() for c in cellen[len(tabel.kop) :]):
            fouten.append(f"{waar(tabel.pad, rijnr)}: meer cellen ({len(cellen)}) dan kolommen ({len(tabel.kop)}).")
            continue
        plek = waar(tabel.pad, rijnr, tabel.kop[sleutel_i])
        try:
            # Suggestions ("Bedoelt u …?") cost a fuzzy match each: only for the errors that are shown.
            suggestie = len(fouten) < MAX_GEMELDE_FOUTEN
            code = zoeker.zoek(cellen[sleutel_i], plek, suggestie=suggestie)
            if naam_i is not None and cellen[naam_i].strip():
                naam_plek = waar(tabel.pad, rijnr, tabel.kop[naam_i])
                if zoeker.zoek(cellen[naam_i], naam_plek, suggestie=suggestie) != code:
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
