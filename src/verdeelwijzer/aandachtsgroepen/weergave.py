"""The analysis as plain tables, a JSON-ready dict and explanation text (pure presentation of one result).

The terminal, CSV, JSON, Excel and the web page all read these, so they show the same numbers.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from verdeelwijzer.aandachtsgroepen.analyse import Analyse, getal
from verdeelwijzer.aandachtsgroepen.invoer import STATUSSEN
from verdeelwijzer.tabel import Kolom, Tabel

SOORT_UITLEG = {
    "eigen invoer": "eigen cijfer van de regio (behoeftebestand)",
    "schatting": "SCHATTING: prevalentieparameter × CBS-grondslag, of een eigen cijfer doorgetrokken met het groeipad",
    "officieel": "officieel gepubliceerd cijfer",
    "onbekend": "geen behoefte bekend: geen eigen cijfer en geen prevalentieparameter (niet als 0 geteld)",
}


def num(x: Fraction | None, decimalen: int = 2) -> int | float | None:
    """A number for JSON/CSV/Excel: whole numbers stay int, others are rounded floats (exact in *_exact)."""
    if x is None:
        return None
    if x.denominator == 1:
        return int(x)
    return round(float(x), decimalen)


def exact(x: Fraction | None) -> str | None:
    if x is None:
        return None
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _label(a: Analyse, gid: str) -> str:
    return a.invoer.catalogus.groep(gid).label


def groepen_dict(a: Analyse) -> list[dict[str, Any]]:
    cat = a.invoer.catalogus
    uit = []
    for g in a.groepen:
        p = a.invoer.prevalenties.get(g.id)
        uit.append({
            "id": g.id, "naam": g.naam, "soort": g.soort, "soort_naam": g.soort_naam,
            "urgentiecategorie": g.urgentiecategorie, "gelijk": g.gelijk,
            "koppeling": g.koppeling_tekst(cat.urgentiecategorieen), "eenheid": g.eenheid,
            "woonvormen": list(g.woonvormen),
            "prevalentie": None if p is None else {"grondslag": p.grondslag, "aandeel": exact(p.aandeel),
                                                   "status": p.status, "bron": p.bron},
        })
    return uit


def opgave_rijen(a: Analyse) -> list[dict[str, Any]]:
    return [{
        "gemeentecode": r.gemeentecode, "gemeentenaam": r.gemeentenaam, "groep": r.groep, "jaar": r.jaar,
        "behoefte": num(r.behoefte), "aanbod": num(r.aanbod), "opgave": num(r.opgave), "soort": r.soort,
        "eenheid": r.eenheid, "aanbod_gepland_zacht": num(r.aanbod_zacht), "opgave_exact": exact(r.opgave),
        "bron": r.bron, "uitleg": r.uitleg,
    } for r in sorted(a.opgave, key=lambda r: (r.groep, r.jaar, r.gemeentenaam))]


def regiototaal_rijen(a: Analyse) -> list[dict[str, Any]]:
    return [{
        "groep": t.groep, "jaar": t.jaar, "behoefte": num(t.behoefte), "aanbod": num(t.aanbod),
        "opgave": num(t.opgave), "soort": t.soort, "aanbod_gepland_zacht": num(t.aanbod_zacht),
        "opgave_exact": exact(t.opgave), "onbekend_in": list(t.onbekend_in),
    } for t in a.regiototalen]


def spreiding_dicts(a: Analyse) -> list[dict[str, Any]]:
    return [{
        "groep": s.groep, "dissimilariteit": round(float(s.dissimilariteit), 4),
        "dissimilariteit_exact": exact(s.dissimilariteit), "grondslag": s.grondslag, "totaal": num(s.totaal),
        "sleutel": a.invoer.sleutel_label,
        "gemeenten": [{
            "gemeentecode": g.gemeentecode, "gemeentenaam": g.gemeentenaam, "aantal": num(g.aantal),
            "aandeel": round(float(g.aandeel), 4), "eerlijk_aandeel": round(float(g.eerlijk_aandeel), 4),
            "verhouding": None if g.verhouding is None else round(float(g.verhouding), 3),
            "verschil": num(g.verschil), "oordeel": g.oordeel,
        } for g in sorted(s.gemeenten, key=lambda g: g.gemeentenaam)],
    } for s in a.spreiding]


def overzicht_rijen(a: Analyse) -> list[dict[str, Any]]:
    return [{
        "gemeentecode": o.gemeentecode, "gemeentenaam": o.gemeentenaam, "bijdrage": num(o.bijdrage),
        "eerlijk_deel": num(o.eerlijk_deel), "balans": num(o.balans),
        "verhouding": None if o.verhouding is None else round(float(o.verhouding), 3), "oordeel": o.oordeel,
    } for o in sorted(a.overzicht, key=lambda o: o.gemeentenaam)]


def regels_gebruikt(a: Analyse) -> list[dict[str, str]]:
    cat = a.invoer.catalogus
    uit = [{"parameter": "aandachtsgroepen", "status": cat.regel.status,
            "geldig_vanaf": cat.regel.geldig_vanaf.isoformat(), "bron": cat.regel.bron_kort()}]
    if cat.urgentieregel is not None:
        u = cat.urgentieregel
        uit.append({"parameter": "wettelijke_urgentiecategorieen", "status": u.status,
                    "geldig_vanaf": u.geldig_vanaf.isoformat(), "bron": u.bron_kort()})
    for p in a.invoer.prevalenties.values():
        uit.append({"parameter": f"prevalentie_{p.groep}", "status": p.status, "geldig_vanaf": p.geldig_vanaf,
                    "bron": p.bron, "waarde": f"{exact(p.aandeel)} × {p.grondslag}"})
    return uit


def als_dict(a: Analyse) -> dict[str, Any]:
    """The documented JSON keys (see README); attributie/versie are added by the shell."""
    inv = a.invoer
    return {
        "regio": inv.regio,
        "jaren": list(inv.jaren),
        "groepen": groepen_dict(a),
        "opgave": opgave_rijen(a),
        "regiototalen": regiototaal_rijen(a),
        "spreiding": spreiding_dicts(a),
        "overzicht": {"gewichten": {k: exact(v) for k, v in a.gewichten.items()}, "uitleg": a.gewichten_uitleg,
                      "sleutel": inv.sleutel_label, "gemeenten": overzicht_rijen(a)},
        "groeipad": inv.groei.label,
        "soorten": SOORT_UITLEG,
        "regels": regels_gebruikt(a),
        "waarschuwingen": list(a.waarschuwingen),
        "bronnen": list(inv.bronnen),
    }


CSV_KOLOMMEN = ("gemeentecode", "gemeentenaam", "groep", "jaar", "behoefte", "aanbod", "opgave", "soort", "eenheid",
                "aanbod_gepland_zacht", "bron")


def bladen(a: Analyse) -> list[Tabel]:
    """The tables every output shows: opgave per gemeente, regional totals, spreiding, the weighted overview,
    the catalogue, and the rules."""
    voet_soort = tuple(f"{k}: {v}" for k, v in SOORT_UITLEG.items())
    opgave = Tabel("Opgave", f"Opgave per gemeente, groep en jaar — {a.invoer.regio}", (
        Kolom("gemeentenaam", "gemeente"), Kolom("groep", "groep"), Kolom("jaar", "jaar"),
        Kolom("behoefte", "behoefte", "decimaal"), Kolom("aanbod", "aanbod", "decimaal"),
        Kolom("opgave", "opgave", "decimaal"), Kolom("soort", "soort"), Kolom("eenheid", "eenheid"),
        Kolom("aanbod_gepland_zacht", "zacht gepland (telt niet mee)", "decimaal"), Kolom("bron", "bron"),
    ), tuple(opgave_rijen(a)), (*voet_soort, "Aanbod = bestaand + in aanbouw + hard gepland, opgeleverd in of vóór het "
                               "jaar; zacht gepland aanbod staat apart en telt niet mee.", a.invoer.groei.label))
    totalen = Tabel("Regio", f"Regiototalen per groep en jaar — {a.invoer.regio}", (
        Kolom("groep", "groep"), Kolom("jaar", "jaar"), Kolom("behoefte", "behoefte", "decimaal"),
        Kolom("aanbod", "aanbod", "decimaal"), Kolom("opgave", "opgave", "decimaal"), Kolom("soort", "soort"),
        Kolom("aanbod_gepland_zacht", "zacht gepland", "decimaal"),
    ), tuple({**r, "onbekend_in": ", ".join(r["onbekend_in"])} for r in regiototaal_rijen(a)),
        ("Regiototaal = som over de gemeenten; onbekend zodra één gemeente geen behoefte bekend heeft.",))
    sprijen = []
    for s in spreiding_dicts(a):
        for g in s["gemeenten"]:
            sprijen.append({"groep": s["groep"], "dissimilariteit": s["dissimilariteit"], **g})
    spreiding = Tabel("Spreiding", f"Spreiding: wie draagt nu meer dan zijn deel? (sleutel {a.invoer.sleutel_label})", (
        Kolom("groep", "groep"), Kolom("gemeentenaam", "gemeente"), Kolom("aantal", "nu", "decimaal"),
        Kolom("aandeel", "aandeel", "procent"), Kolom("eerlijk_aandeel", "eerlijk aandeel", "procent"),
        Kolom("verhouding", "verhouding", "decimaal"), Kolom("verschil", "verschil (personen/plekken)", "decimaal"),
        Kolom("oordeel", "oordeel"), Kolom("dissimilariteit", "dissimilariteitsindex groep", "decimaal"),
    ), tuple(sprijen), ("Aandeel = deel van de groep in de regio dat nu in de gemeente woont of wordt opgevangen; "
                        "eerlijk "
                        "aandeel = deel volgens de sleutel; verhouding 1,4 = draagt 1,4× zijn deel.",
                        "Dissimilariteitsindex D = ½ Σ |aandeel − eerlijk aandeel|: 0 = precies evenredig, 1 = alles "
                        "op één plek."))
    overzicht = Tabel("Overzicht", "Gewogen overzicht over alle groepen: draagt meer of minder dan evenredig", (
        Kolom("gemeentenaam", "gemeente"), Kolom("bijdrage", "gewogen bijdrage", "decimaal"),
        Kolom("eerlijk_deel", "eerlijk deel", "decimaal"), Kolom("balans", "balans", "decimaal"),
        Kolom("verhouding", "verhouding", "decimaal"), Kolom("oordeel", "oordeel"),
    ), tuple(overzicht_rijen(a)), (f"Gewichten: {a.gewichten_uitleg}.", "Balans = bijdrage − eerlijk deel; de "
                                   "balansen tellen over de regio op tot 0."))
    catalogus = Tabel("Groepen", "Aandachtsgroepen in deze analyse (catalogus, regels als code)", (
        Kolom("id", "id"), Kolom("naam", "naam"), Kolom("soort_naam", "soort"), Kolom("koppeling", "urgentiecategorie"),
        Kolom("eenheid", "eenheid"), Kolom("woonvormen", "woonvormen"),
    ), tuple({**g, "woonvormen": ", ".join(g["woonvormen"])} for g in groepen_dict(a)),
        ("= : de aandachtsgroep is gelijk aan de wettelijke urgentiecategorie; ≠ : niet gelijk (de urgentiecategorie "
         "is smaller). Bron: " + a.invoer.catalogus.regel.bron_kort(),))
    regels = Tabel("Regels", "Regels en aannames", (
        Kolom("parameter", "parameter"), Kolom("waarde", "waarde"), Kolom("status", "status"),
        Kolom("geldig_vanaf", "geldig vanaf"), Kolom("bron", "bron"),
    ), tuple(regels_gebruikt(a)), tuple(a.invoer.bronnen))
    return [opgave, totalen, spreiding, overzicht, catalogus, regels]


def gemeente_uitleg(a: Analyse, code: str) -> str:
    """Everything about one gemeente in words: per group and year how need, supply and opgave came about, and
    its place in the spreiding."""
    naam = a.invoer.namen[code]
    regels = [f"Uitleg voor {naam} ({code}), regio {a.invoer.regio}, jaren {a.invoer.jaren[0]}–{a.invoer.jaren[-1]}.",
              f"Groeipad: {a.invoer.groei.label}."]
    for g in a.groepen:
        regels.append("")
        regels.append(f"{g.label} [{g.soort_naam}; {g.koppeling_tekst(a.invoer.catalogus.urgentiecategorieen)}]")
        for jaar in a.invoer.jaren:
            r = a.regel(code, g.id, jaar)
            regels.append(f"  {jaar} ({r.soort}): {r.uitleg}")
        for s in a.spreiding:
            if s.groep != g.id:
                continue
            sg = next(x for x in s.gemeenten if x.gemeentecode == code)
            verh = "" if sg.verhouding is None else f", draagt {getal(sg.verhouding)}× zijn deel"
            regels.append(f"  Spreiding ({s.grondslag}): {getal(sg.aantal)} van {getal(s.totaal)} in de regio = "
                          f"{_pct(sg.aandeel)} tegen een eerlijk aandeel van {_pct(sg.eerlijk_aandeel)} "
                          f"({a.invoer.sleutel_label}); verschil {getal(sg.verschil)}{verh}: {sg.oordeel}.")
    o = next((x for x in a.overzicht if x.gemeentecode == code), None)
    if o is not None:
        regels.append("")
        regels.append(f"Gewogen overzicht ({a.gewichten_uitleg}): bijdrage {getal(o.bijdrage)}, eerlijk deel "
                      f"{getal(o.eerlijk_deel)}, balans {getal(o.balans)}: {o.oordeel}.")
    return "\n".join(regels)


def _pct(x: Fraction) -> str:
    return f"{float(x) * 100:.1f} %".replace(".", ",")


def status_tekst(status: str) -> str:
    return STATUSSEN.get(status, status)
