"""Cells for exports: user text never becomes a live formula, numbers stay numbers, files are reproducible.

A name typed by a user ("=HYPERLINK(…)", "+cmd|…", "@SUM(…)") would run as a formula when the exported
CSV or Excel file is opened. Every writer passes its cells through here:

- CSV: text starting with = + - @ TAB or CR gets an apostrophe in front (the OWASP advice); text that is a
  plain number ("-12", "0,5") and real numbers are left alone.
- Excel: text is always written as a string cell (xlsxwriter `write_string`; openpyxl cells of type
  formula are turned back into strings), so Excel shows it and never evaluates it.
- openpyxl stamps the save time into the file; `vast_xlsx` fixes it (and the zip timestamps) so identical
  input gives a byte-identical workbook.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from verdeelwijzer.fouten import InvoerFout

GEVAARLIJKE_BEGINTEKENS = ("=", "+", "-", "@", "\t", "\r")
_GETAL = re.compile(r"[+-]?\d[\d.,]*(?:[eE][+-]?\d+)?%?|[+-]?[.,]\d+%?")
VASTE_DATUM = "2000-01-01T00:00:00Z"
"""Creation and modification time written into every openpyxl workbook (input-independent, reproducible)."""


def is_formuleachtig(tekst: str) -> bool:
    """True for text a spreadsheet would read as a formula (or as the start of one)."""
    return tekst.startswith(GEVAARLIJKE_BEGINTEKENS) and not _GETAL.fullmatch(tekst)


def veilige_tekst(tekst: str) -> str:
    """CSV cell text: an apostrophe before anything a spreadsheet would evaluate."""
    return "'" + tekst if is_formuleachtig(tekst) else tekst


def csv_waarde(waarde: Any) -> Any:
    """A value for csv.writer: text neutralised, numbers (and None) unchanged."""
    return veilige_tekst(waarde) if isinstance(waarde, str) else waarde


def csv_rij(rij: Any) -> list[Any]:
    return [csv_waarde(w) for w in rij]


def schrijf_xlsxwriter(blad: Any, r: int, k: int, waarde: Any, opmaak: Any = None) -> None:
    """xlsxwriter's `write` turns '=…' text into a formula: write each type explicitly instead."""
    if waarde is None:
        blad.write_blank(r, k, None, opmaak)
    elif isinstance(waarde, bool):
        blad.write_boolean(r, k, waarde, opmaak)
    elif isinstance(waarde, int | float):
        blad.write_number(r, k, waarde, opmaak)
    else:
        blad.write_string(r, k, str(waarde), opmaak)


def ontwapen_openpyxl(boek: Any) -> None:
    """openpyxl makes every string starting with '=' a formula: make them text again (quote prefix, so
    Excel also keeps them text when the cell is edited). Our writers never mean to write formulas."""
    for blad in boek.worksheets:
        for rij in blad.iter_rows():
            for cel in rij:
                if cel.data_type == "f":
                    cel.data_type = "s"
                    cel.quotePrefix = True


def vast_xlsx(data: bytes) -> bytes:
    """The same workbook with fixed zip timestamps and fixed created/modified dates in docProps/core.xml."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            inhoud = bron.read(info.filename)
            if info.filename == "docProps/core.xml":
                tekst = inhoud.decode("utf-8")
                tekst = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{VASTE_DATUM}\g<3>", tekst
                )
                inhoud = tekst.encode("utf-8")
            vast = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            vast.compress_type = zipfile.ZIP_DEFLATED
            vast.external_attr = 0o600 << 16
            doel.writestr(vast, inhoud)
    return uit.getvalue()


def bewaar_openpyxl(boek: Any) -> bytes:
    """Neutralise formulas and save reproducibly: the bytes of the workbook."""
    ontwapen_openpyxl(boek)
    buf = io.BytesIO()
    boek.save(buf)
    return vast_xlsx(buf.getvalue())


# --- Where an output file may go --------------------------------------------------------------------------

_SYSTEEMMAPPEN = ("/proc", "/sys", "/dev")


def controleer_uitvoerpad(pad: Path, wat: str = "Uitvoerbestand") -> Path:
    """A path an output file can be written to, or an InvoerFout saying why not (before anything is written):
    not a folder, not under /proc, /sys or /dev, and no part of the folder path may be a file."""
    p = Path(pad)
    volledig = Path(os.path.abspath(p))
    if any(str(volledig) == m or str(volledig).startswith(m + "/") for m in _SYSTEEMMAPPEN):
        raise InvoerFout(f"{wat} '{p}' ligt in een systeemmap (/{volledig.parts[1]}); kies een pad in een "
                         "gewone map, bv. ./uitkomst.xlsx.")
    try:
        if p.is_dir():
            raise InvoerFout(f"{wat} '{p}' is een map; geef een bestandsnaam, bv. '{p / 'uitkomst.xlsx'}'.")
        for ouder in p.parents:
            if ouder.exists():
                if not ouder.is_dir():
                    raise InvoerFout(f"{wat} '{p}' kan niet worden geschreven: '{ouder}' is een bestand, geen map.")
                break
    except OSError as e:
        raise InvoerFout(f"{wat} '{p}' kan niet worden geschreven ({e.strerror or type(e).__name__}).") from None
    return p


@contextmanager
def schrijffouten(pad: Path, wat: str = "Uitvoerbestand") -> Iterator[None]:
    """Turn an OS error while writing (no permission, disk full, read-only) into one Dutch InvoerFout."""
    try:
        yield
    except OSError as e:
        raise InvoerFout(f"{wat} '{pad}' kan niet worden geschreven ({e.strerror or type(e).__name__}).") from None
    except Exception as e:  # xlsxwriter wraps OSError in its own FileCreateError
        oorzaak = e.__cause__ or e.__context__
        if type(e).__name__ == "FileCreateError" or isinstance(oorzaak, OSError):
            reden = getattr(oorzaak, "strerror", None) or type(e).__name__
            raise InvoerFout(f"{wat} '{pad}' kan niet worden geschreven ({reden}).") from None
        raise
