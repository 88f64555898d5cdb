"""Excel report of the monitoring state: cover sheet (region, agreement, reference date, thresholds and
their source, CC BY attribution) and one sheet per table, with frozen header, filters, number formats
and column widths. No formulas: every value is written as a value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from verdeelwijzer.monitoring.stand import (
    Stand,
    grootboek_rijen,
    mutatiegrens_rijen,
    regio_rijen,
    vereffening_rijen,
)
from verdeelwijzer.uitvoercel import bewaar_openpyxl

GETAL = "#,##0"
PROCENT = "0.0"
EURO = '"€" #,##0.00;[Red]-"€" #,##0.00'
DECIMAAL = "#,##0.00"

Kolom = tuple[str, str, str | None]  # key, header, number format

GROOTBOEK: list[Kolom] = [
    ("periode", "periode", None), ("gemeentecode", "code", None), ("gemeentenaam", "gemeente", None),
    ("categorie", "categorie", None), ("doel", "doel", GETAL), ("saldo_in", "saldo vorige periode", GETAL),
    ("bijgesteld_doel", "bijgesteld doel", GETAL), ("gerealiseerd", "gerealiseerd", GETAL),
    ("verschil", "verschil", GETAL), ("saldo_uit", "saldo naar volgende periode", GETAL),
    ("verstreken_pct", "% periode verstreken", PROCENT), ("realisatiegraad_pct", "% op schema", PROCENT),
    ("status", "status", None),
]
MUTATIEGRENS: list[Kolom] = [
    ("periode", "periode", None), ("gemeentecode", "code", None), ("gemeentenaam", "gemeente", None),
    ("verhuringen", "verhuringen", GETAL), ("urgenten", "urgenten (alle categorieën)", GETAL),
    ("aandeel_pct", "% naar urgenten", PROCENT), ("grens_pct", "mutatiegrens %", PROCENT),
    ("boven_grens", "boven grens", None),
]
REGIO: list[Kolom] = [
    ("periode", "periode", None), ("categorie", "categorie", None), ("doel", "doel", GETAL),
    ("bijgesteld_doel", "bijgesteld doel", GETAL), ("gerealiseerd", "gerealiseerd", GETAL),
    ("verschil", "verschil", GETAL), ("saldo_uit", "saldo naar volgende periode", GETAL),
    ("realisatiegraad_pct", "% op schema", PROCENT), ("status", "status", None),
]
BOUW: list[Kolom] = [
    ("periode", "periode", None), ("gemeentecode", "code", None), ("gemeentenaam", "gemeente", None),
    ("segment", "segment", None), ("opgeleverd", "opgeleverd", GETAL),
]
VEREFFENING: list[Kolom] = [
    ("periode", "periode", None), ("gemeentecode", "code", None), ("gemeentenaam", "gemeente", None),
    ("doel", "doel", GETAL), ("gerealiseerd", "gerealiseerd", GETAL), ("verwacht", "verwacht", DECIMAAL),
    ("afwijking", "afwijking", DECIMAAL), ("bedrag_euro", "bedrag (+ ontvangt, − betaalt)", EURO),
    ("berekening", "berekening", None),
]


def _celwaarde(v: Any) -> Any:
    if isinstance(v, bool):
        return "ja" if v else "nee"
    return v


def _blad(boek, titel: str, rijen: Sequence[Mapping[str, Any]], kolommen: Sequence[Kolom],
          noten: Sequence[str] = ()) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    blad = boek.create_sheet(titel)
    blad.append([kop for _, kop, _ in kolommen])
    for cel in blad[1]:
        cel.font = Font(bold=True)
        cel.fill = PatternFill("solid", fgColor="DDEBF7")
    for rij in rijen:
        blad.append([_celwaarde(rij.get(k)) for k, _, _ in kolommen])
    for j, (k, kop, formaat) in enumerate(kolommen, start=1):
        letter = get_column_letter(j)
        if formaat:
            for i in range(2, len(rijen) + 2):
                blad.cell(i, j).number_format = formaat
        langste = max([len(kop)] + [len(str(r.get(k) or "")) for r in rijen])
        blad.column_dimensions[letter].width = min(max(10, langste + 2), 90)
    blad.freeze_panes = "A2"
    blad.auto_filter.ref = f"A1:{get_column_letter(len(kolommen))}{len(rijen) + 1}"
    if noten:
        blad.append([])
        for noot in noten:
            blad.append([noot])


def schrijf_stand_excel(pad: Path, stand: Stand, namen: Mapping[str, str], voorblad: Sequence[tuple[str, str]],
                        attributie: str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    boek = Workbook()
    dek = boek.active
    dek.title = "Voorblad"
    dek.append(["Verdeelwijzer — monitoring"])
    dek["A1"].font = Font(bold=True, size=14)
    dek.append([])
    for sleutel, waarde in [*voorblad, ("Peildatum", stand.peildatum.isoformat()),
                            ("Statusdrempels", stand.drempels_bron), ("Gegevens", attributie)]:
        dek.append([sleutel, waarde])
        dek.cell(dek.max_row, 1).font = Font(bold=True)
    dek.column_dimensions["A"].width = 24
    dek.column_dimensions["B"].width = 110

    _blad(boek, "Grootboek", grootboek_rijen(stand, namen), GROOTBOEK,
          ["Saldo: + achterstand, − voorsprong; bijgesteld doel = doel + saldo vorige periode.",
           "% op schema = gerealiseerd / (bijgesteld doel × deel van de periode verstreken op de peildatum)."])
    _blad(boek, "Mutatiegrens", mutatiegrens_rijen(stand, namen), MUTATIEGRENS)
    _blad(boek, "Regio", regio_rijen(stand), REGIO)
    if stand.bouw:
        _blad(boek, "Bouw", [{**r, "gemeentenaam": namen.get(r["gemeentecode"], "")} for r in stand.bouw], BOUW)
    for v in stand.vereffeningen:
        _blad(boek, f"Vereffening {v.periode}"[:31], vereffening_rijen(v, namen), VEREFFENING, v.toelichting)
    pad.write_bytes(bewaar_openpyxl(boek))  # formulas neutralised, reproducible
    return pad
