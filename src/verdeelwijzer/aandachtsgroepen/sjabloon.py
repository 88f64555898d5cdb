"""Excel templates for the behoefte and aanbod files (`verdeelwijzer sjabloon behoefte` / `sjabloon aanbod`).

The import reads the FIRST sheet, so 'Invullen' comes first (header, list validation for groep, woonvorm and
status, numbers ≥ 0), then 'Uitleg' (instructions), 'Groepen' (the catalogue: ids, soort, mapping, woonvormen)
and 'Voorbeeld' (fictitious rows, never read).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from verdeelwijzer.aandachtsgroepen.catalogus import Catalogus
from verdeelwijzer.aandachtsgroepen.invoer import STATUSSEN

KOLOMMEN = {
    "behoefte": ("gemeentenaam", "groep", "jaar", "aantal", "eenheid", "bron", "peildatum", "opmerking"),
    "aanbod": ("gemeentenaam", "groep", "woonvorm", "aantal", "status", "jaar", "bron", "peildatum", "opmerking"),
}
VOORBEELD = {
    "behoefte": (("Voorbeeldstad", "dakloos", 2027, 120, "huishoudens", "FICTIEF: eigen telling", "2026-10-01", ""),
                 ("Voorbeeldstad", "ouderen", 2027, 800, "huishoudens", "FICTIEF: woonzorganalyse", "2026-10-01", "")),
    "aanbod": (("Voorbeeldstad", "dakloos", "housing_first", 20, "bestaand", "", "FICTIEF", "2026-10-01", ""),
               ("Voorbeeldstad", "ouderen", "nultredenwoning", 60, "gepland_hard", 2028, "FICTIEF", "2026-10-01", "")),
}
LAATSTE_RIJ = 5000


def uitleg(soort: str, regio_naam: str | None) -> list[str]:
    regio = f" van {regio_naam}" if regio_naam else ""
    if soort == "behoefte":
        kern = [
            "Sjabloon Verdeelwijzer: behoefte van aandachtsgroepen per gemeente, groep en jaar (woonzorganalyse).",
            "",
            "Invullen (blad 'Invullen'; alleen dat eerste blad wordt gelezen):",
            f"- Eén regel per gemeente{regio} × groep × jaar. Een gemeente of jaar zonder cijfer laat u weg: dan "
            "schat Verdeelwijzer met een prevalentieparameter (gemarkeerd als SCHATTING), of meldt 'geen behoefte "
            "bekend' als er geen parameter is. Ontbrekend telt nooit als 0.",
            "- groep: het id uit het blad 'Groepen' (bv. dakloos, uitstroom_bw, ouderen) of de naam.",
            "- jaar: een jaar binnen de periode van de analyse.",
            "- aantal: huishoudens of personen met deze woonbehoefte in dat jaar (0 of meer; decimalen mogen).",
            "- eenheid: huishoudens, personen, plekken …; per groep één eenheid (leeg = die uit de catalogus).",
            "- bron en peildatum: waar het cijfer vandaan komt; ze staan bij elk getal in de uitkomst.",
        ]
    else:
        kern = [
            "Sjabloon Verdeelwijzer: aanbod (bestaand en gepland) per gemeente en woonvorm.",
            "",
            "Invullen (blad 'Invullen'; alleen dat eerste blad wordt gelezen):",
            f"- Eén regel per gemeente{regio} × woonvorm × status × jaar van oplevering.",
            "- woonvorm: een id uit het blad 'Groepen' (kolom woonvormen), bv. housing_first, standplaats.",
            "- groep: verplicht als de woonvorm door meer groepen wordt gebruikt (bv. begeleid_zelfstandig, "
            "nultredenwoning), anders mag hij leeg.",
            f"- status: {', '.join(STATUSSEN)}. Gepland (zacht) wordt getoond maar telt niet mee in de opgave.",
            "- jaar: jaar van oplevering (binnen de periode); leeg bij bestaand.",
            "- aantal: plekken of woningen (0 of meer).",
        ]
    return [*kern, "",
            f"Inlezen: verdeelwijzer analyse --regio REGIO --{soort} BESTAND.xlsx (of de pagina Opgave).",
            "- Alles of niets: bij één fout wordt niets gebruikt en krijgt u alle fouten met regel en kolom.",
            "- Het blad 'Voorbeeld' is fictief en wordt niet gelezen."]


def schrijf_sjabloon(pad: Path, soort: str, catalogus: Catalogus, gemeentenamen: Sequence[str] | None = None,
                     regio_naam: str | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    kolommen = KOLOMMEN[soort]
    boek = Workbook()
    blad = boek.active
    assert blad is not None
    blad.title = "Invullen"
    blad.append(list(kolommen))
    for cel in blad[1]:
        cel.font = Font(bold=True)
        cel.fill = PatternFill("solid", fgColor="DDEBF7")
    blad.freeze_panes = "B2"
    letter = {k: blad.cell(1, i).column_letter for i, k in enumerate(kolommen, start=1)}
    for k, col in letter.items():
        blad.column_dimensions[col].width = 28 if k in ("gemeentenaam", "bron", "opmerking") else 16

    lijsten = boek.create_sheet("Lijsten")
    lijsten.sheet_state = "hidden"
    reeksen = {"groep": catalogus.ids(), "woonvorm": list(catalogus.woonvormen), "status": list(STATUSSEN),
               "gemeentenaam": list(gemeentenamen or ())}
    for j, (k, waarden) in enumerate(reeksen.items(), start=1):
        lijsten.cell(1, j, k)
        for i, w in enumerate(waarden, start=2):
            lijsten.cell(i, j, w)
        if k in letter and waarden:
            kol = lijsten.cell(1, j).column_letter
            dv = DataValidation(type="list", formula1=f"=Lijsten!${kol}$2:${kol}${len(waarden) + 1}",
                                allow_blank=k == "groep", showErrorMessage=True, errorTitle="Onbekende waarde",
                                error=f"Kies een {k} uit de lijst (zie het blad 'Groepen').")
            dv.add(f"{letter[k]}2:{letter[k]}{LAATSTE_RIJ}")
            blad.add_data_validation(dv)
    getal = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=False,
                           showErrorMessage=True, errorTitle="Geen geldig aantal",
                           error="Vul een aantal in, 0 of meer.")
    getal.add(f"{letter['aantal']}2:{letter['aantal']}{LAATSTE_RIJ}")
    blad.add_data_validation(getal)

    toelichting = boek.create_sheet("Uitleg", 1)
    for regel in uitleg(soort, regio_naam):
        toelichting.append([regel])
    toelichting["A1"].font = Font(bold=True, size=13)
    toelichting.column_dimensions["A"].width = 120

    groepen = boek.create_sheet("Groepen", 2)
    groepen.append(["id", "naam", "soort", "urgentiecategorie", "eenheid", "woonvormen"])
    for g in catalogus.groepen:
        groepen.append([g.id, g.naam, g.soort_naam, g.koppeling_tekst(catalogus.urgentiecategorieen), g.eenheid,
                        ", ".join(g.woonvormen)])
    groepen.append([])
    groepen.append([f"Bron: {catalogus.regel.bron_kort()} (status {catalogus.regel.status})"])
    for cel in groepen[1]:
        cel.font = Font(bold=True)
    for col, breedte in zip("ABCDEF", (24, 60, 36, 50, 14, 60), strict=True):
        groepen.column_dimensions[col].width = breedte

    voorbeeld = boek.create_sheet("Voorbeeld", 3)
    voorbeeld.append(list(kolommen))
    for rij in VOORBEELD[soort]:
        voorbeeld.append(list(rij))
    boek.active = 0
    pad.parent.mkdir(parents=True, exist_ok=True)
    boek.save(pad)
    return pad
