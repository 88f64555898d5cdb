"""Templates for realised figures (`verdeelwijzer sjabloon monitoring`): per kind an Excel workbook (data
sheet first — that is the sheet the import reads — with header, validation and an instruction sheet) and
a CSV variant. With a region (from the database) the lists and rows are filled in."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from verdeelwijzer.monitoring.importeren import SOORTEN, Soort
from verdeelwijzer.monitoring.model import SEGMENTEN
from verdeelwijzer.uitvoercel import bewaar_openpyxl, csv_rij


@dataclass(frozen=True)
class SjabloonRegio:
    naam: str
    gemeenten: Sequence[tuple[str, str]]  # (code, name)
    perioden: Sequence[str]
    categorieen: Sequence[str]


def kolommen(soort: Soort) -> list[str]:
    sleutel = [soort.sleutelkolom] if soort.sleutelkolom else []
    return ["periode", "gemeentecode", "gemeentenaam", *sleutel, soort.waardekop, "opmerking"]


def _uitleg(soort: Soort, regio: SjabloonRegio | None) -> list[str]:
    regels = [
        f"Sjabloon Verdeelwijzer: {soort.omschrijving}.",
        "",
        "Invullen:",
        "- Eén regel per periode en gemeente" + (f" en {soort.sleutelkolom}." if soort.sleutelkolom else "."),
        "- periode: de code van de periode uit de afspraak (bijvoorbeeld 2027).",
        "- gemeentecode (bv. GM0518) of gemeentenaam; vult u beide in, dan moeten ze bij dezelfde gemeente horen.",
    ]
    if soort.sleutelkolom == "categorie":
        regels.append("- categorie: een urgentiecategorie uit de afspraak"
                      + (f" ({', '.join(regio.categorieen)})." if regio else "."))
    if soort.sleutelkolom == "segment":
        regels.append(f"- segment: een van {', '.join(SEGMENTEN)}.")
    regels += [
        f"- {soort.waardekop}: een geheel getal, 0 of meer. Vul 0 in als er niets was; laat geen cel leeg.",
        "- opmerking: vrij tekstveld, wordt niet ingelezen.",
        "",
        "Inlezen: verdeelwijzer monitor importeer BESTAND.xlsx (of .csv).",
        "- Alles of niets: bij één fout wordt niets ingelezen en krijgt u alle fouten met regel en kolom.",
        "- Hetzelfde bestand opnieuw inlezen verandert niets.",
        "- Een gecorrigeerd bestand vervangt de cijfers van de genoemde perioden en gemeenten; oude en nieuwe",
        "  waarden komen in het auditlog (verdeelwijzer monitor log).",
        "- Alleen het eerste blad ('Invullen') wordt gelezen.",
    ]
    if regio:
        regels += ["", f"Regio: {regio.naam}; perioden: {', '.join(regio.perioden)}."]
    return regels


def _rijen(soort: Soort, regio: SjabloonRegio | None) -> list[list[str]]:
    if regio is None:
        return []
    sleutels = (list(regio.categorieen) if soort.sleutelkolom == "categorie" else
                list(SEGMENTEN) if soort.sleutelkolom == "segment" else [None])
    periode = regio.perioden[0] if len(regio.perioden) == 1 else ""
    return [[periode, code, naam, *([s] if s is not None else []), "", ""]
            for code, naam in regio.gemeenten for s in sleutels]


def schrijf_csv(pad: Path, soort: Soort, regio: SjabloonRegio | None = None) -> Path:
    with pad.open("w", encoding="utf-8", newline="") as f:
        schrijver = csv.writer(f, delimiter=";", lineterminator="\n")
        schrijver.writerow(csv_rij(kolommen(soort)))
        schrijver.writerows(csv_rij(r) for r in _rijen(soort, regio))
    return pad


def schrijf_excel(pad: Path, soort: Soort, regio: SjabloonRegio | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    boek = Workbook()
    blad = boek.active
    blad.title = "Invullen"
    koppen = kolommen(soort)
    blad.append(koppen)
    for rij in _rijen(soort, regio):
        blad.append(rij)
    for cel in blad[1]:
        cel.font = Font(bold=True)
        cel.fill = PatternFill("solid", fgColor="DDEBF7")
    blad.freeze_panes = "A2"
    breedtes = {"periode": 10, "gemeentecode": 14, "gemeentenaam": 28, "categorie": 30, "segment": 18,
                "opmerking": 40}
    for i, kop in enumerate(koppen, start=1):
        blad.column_dimensions[blad.cell(1, i).column_letter].width = breedtes.get(kop, 14)
    laatste = 1000
    kolom = {k: blad.cell(1, i).column_letter for i, k in enumerate(koppen, start=1)}

    aantal = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorTitle="Geen geldig aantal",
                            error="Vul een geheel getal in, 0 of meer.")
    aantal.add(f"{kolom[soort.waardekop]}2:{kolom[soort.waardekop]}{laatste}")
    blad.add_data_validation(aantal)

    lijsten = boek.create_sheet("Lijsten")
    lijsten.sheet_state = "hidden"
    lijstwaarden: dict[str, list[str]] = {}
    if soort.sleutelkolom == "segment":
        lijstwaarden["segment"] = list(SEGMENTEN)
    if regio is not None:
        lijstwaarden["periode"] = list(regio.perioden)
        lijstwaarden["gemeentecode"] = [c for c, _ in regio.gemeenten]
        lijstwaarden["gemeentenaam"] = [n for _, n in regio.gemeenten]
        if soort.sleutelkolom == "categorie":
            lijstwaarden["categorie"] = list(regio.categorieen)
    for j, (naam, waarden) in enumerate(lijstwaarden.items(), start=1):
        letter = lijsten.cell(1, j).column_letter
        lijsten.cell(1, j, naam)
        for i, w in enumerate(waarden, start=2):
            lijsten.cell(i, j, w)
        dv = DataValidation(type="list", formula1=f"=Lijsten!${letter}$2:${letter}${len(waarden) + 1}",
                            allow_blank=True, showErrorMessage=True, errorTitle="Onbekende waarde",
                            error=f"Kies een {naam} uit de lijst.")
        dv.add(f"{kolom[naam]}2:{kolom[naam]}{laatste}")
        blad.add_data_validation(dv)

    uitleg = boek.create_sheet("Uitleg")
    for regel in _uitleg(soort, regio):
        uitleg.append([regel])
    uitleg["A1"].font = Font(bold=True, size=13)
    uitleg.column_dimensions["A"].width = 110
    boek.active = 0
    pad.write_bytes(bewaar_openpyxl(boek))  # names from the user's agreement never become formulas
    return pad


def schrijf_sjablonen(map: Path, regio: SjabloonRegio | None = None) -> list[Path]:
    """Write monitoring_<soort>.xlsx and .csv for every kind into `map`; return the paths."""
    map.mkdir(parents=True, exist_ok=True)
    paden = []
    for soort in SOORTEN.values():
        paden.append(schrijf_excel(map / f"monitoring_{soort.naam}.xlsx", soort, regio))
        paden.append(schrijf_csv(map / f"monitoring_{soort.naam}.csv", soort, regio))
    return paden
