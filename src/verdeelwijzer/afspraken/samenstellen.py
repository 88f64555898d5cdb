"""An afsprakenkader put together from a form (the web editor), so nobody has to write YAML by hand.

Pure functions: form fields (plain text, as typed) → the agreement as a dict → YAML text. Percentages are
typed as people type them ("50", "50 %", "33,5") and written as exact shares (0.5, 0.335); the YAML is then
read back by the same loader and pydantic model as any file (`laden.lees_afspraken_tekst`), so the editor
can never write a file that `verdeelwijzer bereken` would refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import yaml

from verdeelwijzer.getaltekst import decimaal
from verdeelwijzer.grenzen import MAX_CEL_TEKENS

MAX_CATEGORIEEN = 8
METHODEN = ("sainte-lague", "hamilton", "dhondt", "huntington-hill", "omhoog")
INGROEIMETHODEN = ("lineair", "begrensd")


@dataclass
class Samengesteld:
    """The agreement as a dict (None when the form has errors) and the form's errors, in Dutch, per field."""

    kader: dict[str, Any] | None
    fouten: dict[str, str] = field(default_factory=dict)


def _tekst(velden: dict[str, str], naam: str) -> str:
    return (velden.get(naam) or "").strip()[:MAX_CEL_TEKENS]


def _getal(tekst: str) -> int | Fraction | None:
    """A number as typed: '50', '50 %', '33,5', '1.000' is not accepted as thousand (ambiguous)."""
    schoon = tekst.replace("%", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not schoon:
        return None
    try:
        return decimaal(schoon)
    except ValueError:
        return None


def _aandeel(pct: int | Fraction) -> float | int:
    """A percentage as the share written in the YAML: 50 → 0.5, 100 → 1 (exact decimal text)."""
    waarde = Fraction(pct) / 100
    if waarde.denominator == 1:
        return int(waarde)
    return float(Decimal(waarde.numerator) / Decimal(waarde.denominator))


def _percentage(velden: dict[str, str], naam: str, label: str, fouten: dict[str, str], *,
                verplicht: bool = False, minimum: int = 0) -> float | int | None:
    tekst = _tekst(velden, naam)
    if not tekst:
        if verplicht:
            fouten[naam] = f"{label}: vul een percentage in (bijvoorbeeld 30 of 30 %)."
        return None
    pct = _getal(tekst)
    if pct is None or pct < minimum or pct > 100:
        fouten[naam] = f"{label}: '{tekst[:40]}' is geen percentage tussen {minimum} en 100."
        return None
    if (Fraction(pct) * 10000).denominator != 1:
        fouten[naam] = f"{label}: gebruik hoogstens vier cijfers achter de komma."
        return None
    return _aandeel(pct)


def _aantal(velden: dict[str, str], naam: str, label: str, fouten: dict[str, str], *,
            verplicht: bool = False) -> int | None:
    tekst = _tekst(velden, naam).replace(".", "").replace("\u00a0", "").replace(" ", "")
    if not tekst:
        if verplicht:
            fouten[naam] = f"{label}: vul een heel aantal in."
        return None
    waarde = _getal(tekst)
    if not isinstance(waarde, int) or waarde < 0:
        fouten[naam] = f"{label}: '{_tekst(velden, naam)[:40]}' is geen heel aantal (0 of meer)."
        return None
    return waarde


def aantal_categorieen(velden: dict[str, str]) -> int:
    waarde = _getal(_tekst(velden, "categorieen") or "1")
    return max(1, min(MAX_CATEGORIEEN, waarde if isinstance(waarde, int) else 1))


def bestandsnaam(categorie: int, soort: str, extensie: str) -> str:
    """Where a table uploaded with the form goes in the zip (and how the YAML names it)."""
    return f"bestanden/categorie{categorie}_{soort}{extensie}"


def kader_uit_velden(velden: dict[str, str], indicatoren: list[tuple[str, str]],
                     bestanden: dict[str, str]) -> Samengesteld:
    """The agreement from the editor's fields. `indicatoren`: (key, Dutch label) offered for the keys;
    `bestanden`: field name → name in the zip of a table uploaded with the form (herkomst, ingroeipad)."""
    fouten: dict[str, str] = {}
    kader: dict[str, Any] = {}
    naam = _tekst(velden, "naam")
    if not naam:
        fouten["naam"] = "Naam: geef het afsprakenkader een naam."
    kader["naam"] = naam
    kader["scenario"] = _tekst(velden, "scenario") or "basis"
    if omschrijving := _tekst(velden, "omschrijving"):
        kader["omschrijving"] = omschrijving
    regio = _tekst(velden, "regio")
    if not regio:
        fouten["regio"] = "Regio: kies een regio."
    kader["regio"] = regio
    start = _aantal(velden, "start", "Eerste jaar", fouten, verplicht=True)
    jaren = _aantal(velden, "jaren", "Aantal jaren", fouten, verplicht=True)
    if start is not None and not 2000 <= start <= 2100:
        fouten["start"] = f"Eerste jaar: {start} ligt niet tussen 2000 en 2100."
    if jaren is not None and not 1 <= jaren <= 30:
        fouten["jaren"] = f"Aantal jaren: {jaren} ligt niet tussen 1 en 30."
    kader["periode"] = {"start": start, "jaren": jaren}
    if besluit := _tekst(velden, "besluit_naam"):
        kader["besluit"] = {"naam": besluit}
        if datum := _tekst(velden, "besluit_datum"):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", datum):
                fouten["besluit_datum"] = f"Datum van het besluit: '{datum[:40]}' is geen datum."
            kader["besluit"]["datum"] = datum
    maximum = _percentage(velden, "maximum_urgenten", "Mutatiegrens regio", fouten)
    if maximum is not None:
        kader["aandeel_urgenten"] = {"maximum": maximum}
    statushouders = _statushouders(velden, start, jaren, fouten)
    if statushouders:
        kader["statushouders"] = statushouders
    kader["categorieen"] = [c for i in range(1, aantal_categorieen(velden) + 1)
                            if (c := _categorie(velden, i, indicatoren, bestanden, fouten)) is not None]
    if not kader["categorieen"] and "statushouders" not in kader and "categorie1_naam" not in fouten:
        fouten["categorie1_naam"] = "Categorie 1: geef minstens één categorie (of een taakstelling statushouders)."
    return Samengesteld(None if fouten else kader, fouten)


def _statushouders(velden: dict[str, str], start: int | None, jaren: int | None,
                   fouten: dict[str, str]) -> dict[str, Any] | None:
    """'24000' (every year) or '24000; 24000; 22000; 22000' (one per year, in order)."""
    tekst = _tekst(velden, "statushouders")
    if not tekst or start is None or jaren is None:
        return None
    delen = [d for d in re.split(r"[;\n]+", tekst) if d.strip()]
    aantallen = []
    for deel in delen:
        waarde = _getal(deel.replace(".", ""))
        if not isinstance(waarde, int) or waarde < 0:
            fouten["statushouders"] = f"Statushouders: '{deel.strip()[:40]}' is geen heel aantal (0 of meer)."
            return None
        aantallen.append(waarde)
    if len(aantallen) == 1:
        aantallen *= jaren
    if len(aantallen) != jaren:
        fouten["statushouders"] = (f"Statushouders: {len(aantallen)} aantallen voor {jaren} jaren; geef één aantal "
                                   "voor elk jaar of één aantal voor alle jaren.")
        return None
    return {"landelijk_per_jaar": {start + i: a for i, a in enumerate(aantallen)}}


def _categorie(velden: dict[str, str], i: int, indicatoren: list[tuple[str, str]], bestanden: dict[str, str],
               fouten: dict[str, str]) -> dict[str, Any] | None:
    v = f"categorie{i}_"
    naam = _tekst(velden, v + "naam")
    ingevuld = [k for k, w in velden.items() if k.startswith(v) and k != v + "naam" and (w or "").strip()
                and not k.endswith(("_afronding", "_gelijk", "_ingroei_methode"))]
    if not naam:
        if ingevuld or any(k.startswith(v) for k in bestanden):
            fouten[v + "naam"] = f"Categorie {i}: geef de categorie een naam (of maak de regel leeg)."
        return None
    label = f"Categorie {i} ({naam[:40]})"
    c: dict[str, Any] = {"naam": naam}
    per_jaar = _aantal(velden, v + "per_jaar", f"{label}, totaal per jaar", fouten)
    aandeel = _percentage(velden, v + "aandeel_mutaties", f"{label}, aandeel van de verhuringen", fouten)
    al_gemeld = v + "per_jaar" in fouten or v + "aandeel_mutaties" in fouten
    if (per_jaar is None) == (aandeel is None) and not al_gemeld:
        fouten[v + "per_jaar"] = (f"{label}: vul óf een totaal per jaar óf een aandeel van de verhuringen in "
                                  "(precies één van beide).")
    c["totaal"] = {"per_jaar": per_jaar} if per_jaar is not None else {"aandeel_mutaties": aandeel}
    sleutel: dict[str, Any] = {}
    som = Fraction(0)
    for sleutelnaam, sleutellabel in indicatoren:
        veld = f"{v}w_{sleutelnaam}"
        tekst = _tekst(velden, veld)
        if not tekst:
            continue
        pct = _getal(tekst)
        if pct is None or pct < 0 or pct > 100 or (Fraction(pct) * 10000).denominator != 1:
            fouten[veld] = f"{label}, gewicht {sleutellabel}: '{tekst[:40]}' is geen percentage tussen 0 en 100."
            continue
        if pct:
            sleutel[sleutelnaam] = _aandeel(pct)
            som += Fraction(pct)
    if not sleutel and not any(k.startswith(v + "w_") for k in fouten):
        fouten[v + "w_" + indicatoren[0][0]] = f"{label}: geef de sleutel (gewichten in %, samen 100 %)."
    elif sleutel and som != 100:
        totaal = f"{float(som):g}".replace(".", ",")
        fouten[v + "w_" + indicatoren[0][0]] = f"{label}: de gewichten tellen op tot {totaal} %; verwacht samen 100 %."
    c["sleutel"] = sleutel
    grens = _percentage(velden, v + "mutatiegrens", f"{label}, mutatiegrens per gemeente", fouten)
    if grens is not None:
        c["plafond"] = {"mutatiegrens": grens}
    if v + "herkomst" in bestanden:
        alpha = _percentage(velden, v + "herkomst_alpha", f"{label}, gewicht van de herkomst", fouten,
                            verplicht=True)
        c["herkomst"] = {"bestand": bestanden[v + "herkomst"], "alpha": alpha}
    elif _tekst(velden, v + "herkomst_alpha"):
        fouten[v + "herkomst"] = f"{label}: bij een gewicht van de herkomst hoort een herkomstbestand (CSV of Excel)."
    if v + "ingroeipad" in bestanden:
        jaren = _aantal(velden, v + "ingroei_jaren", f"{label}, jaren van het ingroeipad", fouten, verplicht=True)
        methode = _tekst(velden, v + "ingroei_methode") or "lineair"
        if methode not in INGROEIMETHODEN:
            fouten[v + "ingroei_methode"] = f"{label}: onbekend ingroeipad '{methode[:40]}'."
        c["ingroeipad"] = {"huidig": bestanden[v + "ingroeipad"], "jaren": jaren, "methode": methode}
    methode = _tekst(velden, v + "afronding") or "sainte-lague"
    if methode not in METHODEN:
        fouten[v + "afronding"] = f"{label}: onbekende afrondingsmethode '{methode[:40]}'."
    c["afronding"] = methode
    if _tekst(velden, v + "gelijk") == "loting":
        seed = _aantal(velden, v + "seed", f"{label}, zaad voor de loting", fouten, verplicht=True)
        c["bij_gelijke_stand"] = "loting"
        c["seed"] = seed
    return c


def als_yaml(kader: dict[str, Any]) -> str:
    """The agreement as a readable YAML file (fields in the order of the form, Dutch text as is)."""
    kop = "# Samengesteld met het formulier van Verdeelwijzer (/afspraken/nieuw).\n"
    return kop + yaml.safe_dump(kader, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def _pct_tekst(aandeel: Any) -> str:
    """0.335 → '33,5' (what the form shows for a share)."""
    waarde = Fraction(str(aandeel)) * 100
    tekst = f"{float(waarde):.4f}".rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


def velden_uit_kader(kader: Any) -> tuple[dict[str, str], list[str]]:
    """The editor's fields for an existing agreement (an `Afsprakenkader`), to start from an example. Also
    returns, in Dutch, what the form cannot hold (it is left out) and which tables must be chosen again."""
    velden: dict[str, str] = {"naam": kader.naam, "scenario": kader.scenario, "omschrijving": kader.omschrijving or "",
                              "regio": kader.regio if isinstance(kader.regio, str) else "",
                              "start": str(kader.periode.start), "jaren": str(kader.periode.jaren)}
    weg: list[str] = []
    if kader.besluit:
        velden["besluit_naam"] = kader.besluit.naam
        velden["besluit_datum"] = kader.besluit.datum.isoformat() if kader.besluit.datum else ""
    if kader.aandeel_urgenten and kader.aandeel_urgenten.maximum is not None:
        velden["maximum_urgenten"] = _pct_tekst(kader.aandeel_urgenten.maximum)
    if kader.statushouders and kader.statushouders.landelijk_per_jaar:
        velden["statushouders"] = "; ".join(str(a) for _, a in sorted(kader.statushouders.landelijk_per_jaar.items()))
    elif kader.statushouders:
        weg.append("statushouders per halfjaar")
    if not isinstance(kader.regio, str):
        weg.append("regio als lijst van gemeenten (kies de regio)")
    for onderdeel, tekst in (("spoor1", "betaalbaarheid (spoor 1)"), ("vereffening", "vereffening"),
                             ("analyse", "analyse van aandachtsgroepen"), ("woonvormen", "woonvormenprogramma"),
                             ("gegevens", "eigen cijfers"), ("transferpunt", "transferpunt"),
                             ("toezeggingen", "toezeggingen"), ("specialisatie", "specialisatie"),
                             ("voorzieningen", "voorzieningen"), ("peildatum", "peildatum van de regels")):
        if getattr(kader, onderdeel, None):
            weg.append(tekst)
    categorieen = list(kader.categorieen)[:MAX_CATEGORIEEN]
    if len(kader.categorieen) > MAX_CATEGORIEEN:
        weg.append(f"categorieën na de {MAX_CATEGORIEEN}e")
    velden["categorieen"] = str(max(1, len(categorieen)))
    for i, c in enumerate(categorieen, start=1):
        v = f"categorie{i}_"
        velden[v + "naam"] = c.naam
        if c.totaal.per_jaar is not None and isinstance(c.totaal.per_jaar, int):
            velden[v + "per_jaar"] = str(c.totaal.per_jaar)
        elif c.totaal.aandeel_mutaties is not None:
            velden[v + "aandeel_mutaties"] = _pct_tekst(c.totaal.aandeel_mutaties)
        else:
            weg.append(f"{c.naam}: totaal per jaartal of uit de opgave")
        for sleutel, gewicht in c.sleutel.items():
            velden[f"{v}w_{sleutel}"] = _pct_tekst(gewicht)
        if c.plafond and c.plafond.mutatiegrens is not None:
            velden[v + "mutatiegrens"] = _pct_tekst(c.plafond.mutatiegrens)
        if c.herkomst:
            velden[v + "herkomst_alpha"] = _pct_tekst(c.herkomst.alpha)
            weg.append(f"{c.naam}: kies het herkomstbestand ({c.herkomst.bestand}) opnieuw")
            if c.herkomst.uitzonderingen:
                weg.append(f"{c.naam}: uitzonderingen op de herkomst")
        if c.ingroeipad:
            velden[v + "ingroei_jaren"] = str(c.ingroeipad.jaren)
            velden[v + "ingroei_methode"] = c.ingroeipad.methode
            weg.append(f"{c.naam}: kies het ingroeipadbestand ({c.ingroeipad.huidig}) opnieuw")
        velden[v + "afronding"] = c.afronding
        if c.bij_gelijke_stand == "loting":
            velden[v + "gelijk"] = "loting"
            velden[v + "seed"] = str(c.seed)
        for onderdeel, tekst in (("vloer", "minimum per gemeente"), ("vast", "vaste toewijzingen"),
                                 ("onderverdeling", "verdeling over corporaties")):
            if getattr(c, onderdeel):
                weg.append(f"{c.naam}: {tekst}")
    return velden, weg
