"""Writing result tables to an Excel workbook a non-programmer can open and trust.

xlsxwriter is used because it writes byte-identical files for identical input (fixed zip timestamps and
a creation date we set), which makes outputs reproducible. Values are written as values: no formulas —
text is always a string cell (`uitvoercel.schrijf_xlsxwriter`), so a name like '=…' is never evaluated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from verdeelwijzer.afspraken.rapport import Tabel
from verdeelwijzer.uitvoercel import schrijf_xlsxwriter

_FORMATEN = {"geheel": "#,##0", "decimaal": "#,##0.0", "procent": "0.00%"}


def schrijf_werkmap(
    pad: Path,
    dekblad: Sequence[tuple[str, str]],
    tabellen: Sequence[Tabel],
    uitleg: Sequence[tuple[str, str, str]] = (),
    waarschuwingen: Sequence[str] = (),
    datum: date | None = None,
    titel: str = "Verdeelwijzer",
) -> None:
    """Cover sheet, one sheet per table (frozen header, filter, widths, number formats), an explanation
    sheet and a warnings sheet. `datum` becomes the document's creation date (keep it input-derived)."""
    pad.parent.mkdir(parents=True, exist_ok=True)
    boek = xlsxwriter.Workbook(str(pad))
    boek.set_properties(
        {
            "title": titel,
            "author": "Verdeelwijzer",
            "created": datetime.combine(datum or date(2000, 1, 1), datetime.min.time()),
        }
    )
    kop = boek.add_format(
        {"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "text_wrap": True, "valign": "top", "border": 1}
    )
    vet = boek.add_format({"bold": True})
    titelopmaak = boek.add_format({"bold": True, "font_size": 14})
    tekst = boek.add_format({"text_wrap": True, "valign": "top"})
    noot = boek.add_format({"italic": True, "font_color": "#404040"})
    rood = boek.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
    getal = {s: boek.add_format({"num_format": f}) for s, f in _FORMATEN.items()}

    blad = boek.add_worksheet("Dekblad")
    schrijf_xlsxwriter(blad, 0, 0, titel, titelopmaak)
    for i, (sleutel, waarde) in enumerate(dekblad, start=2):
        schrijf_xlsxwriter(blad, i, 0, sleutel, vet)
        schrijf_xlsxwriter(blad, i, 1, waarde, tekst)
    blad.set_column(0, 0, 24)
    blad.set_column(1, 1, 100)

    gebruikt = {"Dekblad"}
    for tabel in tabellen:
        naam = _bladnaam(tabel.naam, gebruikt)
        blad = boek.add_worksheet(naam)
        schrijf_xlsxwriter(blad, 0, 0, tabel.titel, titelopmaak)
        kopregel = 2
        for k, kolom in enumerate(tabel.kolommen):
            schrijf_xlsxwriter(blad, kopregel, k, kolom.kop, kop)
        for r, rij in enumerate(tabel.rijen, start=kopregel + 1):
            for k, kolom in enumerate(tabel.kolommen):
                _schrijf_cel(blad, r, k, rij.get(kolom.sleutel), getal.get(kolom.soort), rood)
        laatste = kopregel + len(tabel.rijen)
        blad.freeze_panes(kopregel + 1, 0)
        if tabel.kolommen:
            blad.autofilter(kopregel, 0, max(laatste, kopregel), len(tabel.kolommen) - 1)
        for k, kolom in enumerate(tabel.kolommen):
            breedte = max([len(kolom.kop)] + [len(_weergave(rij.get(kolom.sleutel))) for rij in tabel.rijen])
            blad.set_column(k, k, min(max(breedte + 2, 8), 60))
        for n, tekstnoot in enumerate(tabel.voetnoten, start=laatste + 2):
            schrijf_xlsxwriter(blad, n, 0, tekstnoot, noot)

    if uitleg:
        blad = boek.add_worksheet(_bladnaam("Uitleg", gebruikt))
        schrijf_xlsxwriter(blad, 0, 0, "Uitleg per gemeente (eerste jaar van elke categorie)", titelopmaak)
        for k, naam in enumerate(("categorie", "gemeente", "uitleg")):
            schrijf_xlsxwriter(blad, 2, k, naam, kop)
        for r, (cat, gemeente, uitlegtekst) in enumerate(uitleg, start=3):
            schrijf_xlsxwriter(blad, r, 0, cat, tekst)
            schrijf_xlsxwriter(blad, r, 1, gemeente, tekst)
            schrijf_xlsxwriter(blad, r, 2, uitlegtekst, tekst)
        blad.freeze_panes(3, 0)
        blad.autofilter(2, 0, 2 + len(uitleg), 2)
        blad.set_column(0, 1, 24)
        blad.set_column(2, 2, 120)
    blad = boek.add_worksheet(_bladnaam("Waarschuwingen", gebruikt))
    schrijf_xlsxwriter(blad, 0, 0, "Waarschuwingen", titelopmaak)
    schrijf_xlsxwriter(blad, 2, 0, "waarschuwing", kop)
    for r, w in enumerate(waarschuwingen or ["Geen waarschuwingen."], start=3):
        schrijf_xlsxwriter(blad, r, 0, w, tekst)
    blad.set_column(0, 0, 140)
    blad.freeze_panes(3, 0)
    boek.close()


def _bladnaam(naam: str, gebruikt: set[str]) -> str:
    schoon = "".join("-" if c in "[]:*?/\\" else c for c in naam)[:31] or "Blad"
    kandidaat, n = schoon, 2
    while kandidaat.lower() in {g.lower() for g in gebruikt}:
        kandidaat = f"{schoon[:28]} {n}"
        n += 1
    gebruikt.add(kandidaat)
    return kandidaat


def _schrijf_cel(blad: Any, r: int, k: int, waarde: Any, opmaak: Any, rood: Any) -> None:
    if isinstance(waarde, bool):
        blad.write_string(r, k, "ja" if waarde else "nee", rood if waarde else None)
    elif isinstance(waarde, int | float) or waarde is None:
        schrijf_xlsxwriter(blad, r, k, waarde, opmaak)
    else:
        schrijf_xlsxwriter(blad, r, k, str(waarde))


def _weergave(waarde: Any) -> str:
    if isinstance(waarde, float):
        return f"{waarde:,.1f}"
    return "" if waarde is None else str(waarde)
