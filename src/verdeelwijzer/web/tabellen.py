"""One description per table, rendered three ways: HTML (template), CSV and Excel.

A page builds a `Tabel` from the core's result; the same object feeds the screen and both downloads,
so what is downloaded is exactly what is shown (plus the sources sheet).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from verdeelwijzer.uitvoercel import bewaar_openpyxl, csv_rij
from verdeelwijzer.web.opmaak import getal, procent


@dataclass(frozen=True)
class Kolom:
    sleutel: str
    kop: str
    numeriek: bool = True
    decimalen: int | None = None
    uitleg: str = ""  # header tooltip: what the column means, its source and peildatum
    procent: bool = False  # the value is a fraction (0.3), shown as "30,0 %"; downloads keep the fraction


@dataclass
class Tabel:
    naam: str  # base of the download file name
    titel: str
    kolommen: list[Kolom]
    rijen: list[dict[str, Any]]
    # per row: column -> hover text (source + peildatum of that figure); key "_bronnen" in each row
    voetnoten: list[str] = field(default_factory=list)
    totaal: dict[str, Any] | None = None
    rij_sleutel: str | None = "gemeentecode"

    def cel(self, rij: dict[str, Any], kolom: Kolom) -> str:
        w = rij.get(kolom.sleutel)
        if kolom.procent and w is not None and w != "":
            return procent(w, 1 if kolom.decimalen is None else kolom.decimalen)
        return getal(w, kolom.decimalen) if kolom.numeriek else ("" if w is None else str(w))

    def celtitel(self, rij: dict[str, Any], kolom: Kolom) -> str:
        return str(rij.get("_bronnen", {}).get(kolom.sleutel, ""))

    def gemarkeerd(self, rij: dict[str, Any], kolom: Kolom) -> bool:
        return kolom.sleutel in rij.get("_markeringen", ())


def _ruw(w: Any) -> Any:
    if w is None:
        return None
    if hasattr(w, "item"):
        w = w.item()
    if isinstance(w, bool | int | float | str):
        return w
    try:
        return float(w)  # Fraction, Decimal
    except (TypeError, ValueError):
        return str(w)


def _nl_cel(w: Any) -> Any:
    """A number with a decimal comma (Dutch Excel reads '12,5' as a number); anything else unchanged."""
    return repr(w).replace(".", ",") if isinstance(w, float) else w


def als_csv(tabel: Tabel) -> bytes:
    """CSV for Dutch Excel: semicolon-separated, decimal comma, readable headers (the column titles as on the
    page), UTF-8 with BOM so Excel shows accents. Machine use goes through the JSON API."""
    buf = io.StringIO()
    schrijver = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(csv_rij(k.kop for k in tabel.kolommen))
    for rij in tabel.rijen + ([tabel.totaal] if tabel.totaal else []):
        # Numbers stay numbers through the text neutralisation (a negative number is no formula), then get
        # their decimal comma.
        cellen = csv_rij("" if (w := _ruw(rij.get(k.sleutel))) is None else w for k in tabel.kolommen)
        schrijver.writerow([_nl_cel(c) for c in cellen])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def als_excel(tabel: Tabel, extra_bladen: Sequence[Tabel] = ()) -> bytes:
    """An .xlsx workbook: one sheet per table (numbers as numbers) and a sheet 'Bronnen' with footnotes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    boek = Workbook()
    bronnen: list[str] = []
    for i, t in enumerate([tabel, *extra_bladen]):
        blad = boek.active if i == 0 else boek.create_sheet()
        assert blad is not None
        blad.title = _bladnaam(t.naam, i)
        blad.append([t.titel])
        blad["A1"].font = Font(bold=True, size=13)
        blad.append([k.kop for k in t.kolommen])
        for cel in blad[2]:
            cel.font = Font(bold=True)
        for rij in t.rijen + ([t.totaal] if t.totaal else []):
            blad.append([_ruw(rij.get(k.sleutel)) for k in t.kolommen])
        if t.totaal:
            for cel in blad[blad.max_row]:
                cel.font = Font(bold=True)
        for j, k in enumerate(t.kolommen, start=1):
            letter = get_column_letter(j)
            blad.column_dimensions[letter].width = max(12, min(40, len(k.kop) + 2))
            if k.numeriek:
                formaat = "#,##0" if k.decimalen in (None, 0) else "#,##0." + "0" * k.decimalen
                for cel in blad[letter][2:]:
                    if isinstance(cel.value, float) and not cel.value.is_integer() and k.decimalen is None:
                        cel.number_format = "#,##0.0"
                    else:
                        cel.number_format = formaat
        blad.freeze_panes = "A3"
        bronnen.extend(f"{t.titel}: {n}" if len(extra_bladen) else n for n in t.voetnoten)
    blad = boek.create_sheet("Bronnen")
    blad.append(["Bronnen, peildata en toelichting"])
    blad["A1"].font = Font(bold=True, size=13)
    for noot in dict.fromkeys(bronnen):
        blad.append([noot])
    blad.column_dimensions["A"].width = 140
    return bewaar_openpyxl(boek)  # formulas neutralised, byte-identical for identical input


def _bladnaam(naam: str, i: int) -> str:
    schoon = "".join(c for c in naam if c not in "[]:*?/\\")[:28] or "Blad"
    return schoon if i == 0 else f"{schoon[:25]}_{i}"
