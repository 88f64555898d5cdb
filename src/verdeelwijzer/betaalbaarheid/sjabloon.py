"""The Excel template for the programme file (`verdeelwijzer sjabloon programma`).

Sheet order matters: the import reads the FIRST sheet, so 'Invullen' comes first (header, one row per
gemeente of the region if given, data validation), then 'Uitleg' (instructions), 'Voorbeeld' (fictitious
example rows, never read) and the hidden 'Lijsten' (gemeente names for the list validation).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from verdeelwijzer.betaalbaarheid.invoer import ONTHEFFING_KOLOMMEN, PROGRAMMA_KOLOMMEN
from verdeelwijzer.betaalbaarheid.model import SEGMENTEN_PLAN, Betaalbaarheidsregels
from verdeelwijzer.betaalbaarheid.uitleg import procent
from verdeelwijzer.uitvoercel import bewaar_openpyxl

KOLOMMEN = ("gemeentenaam", *PROGRAMMA_KOLOMMEN, *SEGMENTEN_PLAN, *ONTHEFFING_KOLOMMEN, "opmerking")
BREEDTES = {"gemeentenaam": 28, "ontheffing_besluit": 36, "opmerking": 40}
LAATSTE_RIJ = 1000
VOORBEELD = (
    ("Voorbeeldstad", 2000, 3000, 1100, 800, 600, 2500, "", "", "FICTIEF voorbeeld"),
    ("Voorbeelddorp", 300, 700, 150, 150, 200, 500, 20, "GS-besluit 2027-001 (fictief)", "FICTIEF voorbeeld"),
)


def uitleg(regio_naam: str | None, regels: Betaalbaarheidsregels | None) -> list[str]:
    termijn = f"{regels.termijn_jaren.waarde} jaar" if regels else "de termijn"
    regels_tekst = []
    if regels:
        r = regels
        regels_tekst = [
            "",
            "Regels waarmee Verdeelwijzer rekent (status tussen haken; alleen 'wet' is vastgesteld recht):",
            f"- landelijk gemiddelde sociale huur: {procent(r.landelijk_gemiddelde.waarde, 1)} "
            f"[{r.landelijk_gemiddelde.status}]",
            f"- onder het gemiddelde: ten minste {procent(r.minimum_sociale_huur.waarde, 0)} sociale huur "
            f"[{r.minimum_sociale_huur.status}]; op of boven: ten minste "
            f"{procent(r.minimum_middensegment.waarde, 0)} middensegment [{r.minimum_middensegment.status}]",
            f"- regio: ten minste {r.aandeel_betaalbaar.waarde} betaalbaar [{r.aandeel_betaalbaar.status}] en "
            f"{procent(r.minimum_sociale_huur.waarde, 0)} sociale huur",
            "- percentages alleen over het nog niet gecontracteerde deel: "
            f"{'ja' if r.over_niet_gecontracteerd.waarde else 'nee'} [{r.over_niet_gecontracteerd.status}]",
        ]
    return [
        "Sjabloon Verdeelwijzer: woningbouwprogramma per gemeente (betaalbaarheid, spoor 1).",
        "",
        "Invullen (blad 'Invullen'; alleen dat eerste blad wordt gelezen):",
        f"- Eén regel per gemeente van de regio{f' {regio_naam}' if regio_naam else ''}; geen gemeente overslaan "
        "(vul 0 in als er niets wordt gebouwd).",
        "- gemeentenaam: de naam zoals CBS die schrijft (kies uit de lijst), of vervang de kolom door gemeentecode "
        "(bv. GM0518).",
        f"- gecontracteerd: woningen in de programmering over {termijn} waarvoor al een contract is (hele "
        "aantallen, 0 of meer).",
        f"- niet_gecontracteerd: de overige geprogrammeerde woningen over {termijn}.",
        "- Plan per segment (optioneel, maar dan alle vier): sociale_huur, middenhuur, betaalbare_koop, "
        "vrije_sector. Samen precies gecontracteerd + niet_gecontracteerd.",
        "- Ontheffing (optioneel, dan beide): ontheffing_percentage = het verlaagde minimum in procenten (20 voor "
        "20 %), ontheffing_besluit = kenmerk of datum en orgaan van het besluit.",
        "- opmerking: vrij tekstveld, wordt niet ingelezen.",
        "",
        "Inlezen: verdeelwijzer betaalbaarheid --regio REGIO --programma BESTAND.xlsx",
        "- Alles of niets: bij één fout wordt niets gebruikt en krijgt u alle fouten met regel en kolom.",
        "- Het blad 'Voorbeeld' is fictief en wordt niet gelezen.",
        *regels_tekst,
    ]


def schrijf_programmasjabloon(pad: Path, gemeentenamen: Sequence[str] | None = None, regio_naam: str | None = None,
                              regels: Betaalbaarheidsregels | None = None) -> Path:
    """Write the Excel template to `pad` and return it."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    boek = Workbook()
    blad = boek.active
    blad.title = "Invullen"
    blad.append(list(KOLOMMEN))
    for naam in gemeentenamen or ():
        blad.append([naam])
    for cel in blad[1]:
        cel.font = Font(bold=True)
        cel.fill = PatternFill("solid", fgColor="DDEBF7")
    blad.freeze_panes = "B2"
    letter = {k: blad.cell(1, i).column_letter for i, k in enumerate(KOLOMMEN, start=1)}
    for k, col in letter.items():
        blad.column_dimensions[col].width = BREEDTES.get(k, 16)

    geheel = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorTitle="Geen geldig aantal",
                            error="Vul een geheel aantal woningen in, 0 of meer.",
                            showInputMessage=True, promptTitle="Aantal woningen", prompt="Geheel getal, 0 of meer.")
    for k in (*PROGRAMMA_KOLOMMEN, *SEGMENTEN_PLAN):
        geheel.add(f"{letter[k]}2:{letter[k]}{LAATSTE_RIJ}")
    blad.add_data_validation(geheel)
    pct = DataValidation(type="decimal", operator="between", formula1="0", formula2="99.99", allow_blank=True,
                         showErrorMessage=True, errorTitle="Geen geldig percentage",
                         error="Vul het verlaagde minimum in procenten in: 0 tot 100, bv. 20 voor 20 %.",
                         showInputMessage=True, promptTitle="Ontheffing",
                         prompt="Verlaagd minimum in procenten (20 voor 20 %); vul ook het besluit in.")
    pct.add(f"{letter['ontheffing_percentage']}2:{letter['ontheffing_percentage']}{LAATSTE_RIJ}")
    blad.add_data_validation(pct)

    if gemeentenamen:
        lijsten = boek.create_sheet("Lijsten")
        lijsten.sheet_state = "hidden"
        lijsten.cell(1, 1, "gemeentenaam")
        for i, naam in enumerate(gemeentenamen, start=2):
            lijsten.cell(i, 1, naam)
        keuze = DataValidation(type="list", formula1=f"=Lijsten!$A$2:$A${len(gemeentenamen) + 1}",
                               allow_blank=False, showErrorMessage=True, errorTitle="Onbekende gemeente",
                               error=f"Kies een gemeente van {regio_naam or 'de regio'} uit de lijst.")
        keuze.add(f"{letter['gemeentenaam']}2:{letter['gemeentenaam']}{LAATSTE_RIJ}")
        blad.add_data_validation(keuze)

    toelichting = boek.create_sheet("Uitleg", 1)
    for regel in uitleg(regio_naam, regels):
        toelichting.append([regel])
    toelichting["A1"].font = Font(bold=True, size=13)
    toelichting.column_dimensions["A"].width = 120

    voorbeeld = boek.create_sheet("Voorbeeld", 2)
    voorbeeld.append(list(KOLOMMEN))
    for rij in VOORBEELD:
        voorbeeld.append(list(rij))
    for cel in voorbeeld[1]:
        cel.font = Font(bold=True)
    for k, col in letter.items():
        voorbeeld.column_dimensions[col].width = BREEDTES.get(k, 16)
    boek.active = 0
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_bytes(bewaar_openpyxl(boek))  # user text never becomes a formula; reproducible
    return pad
