"""Scenario comparison for /scenarios: up to four keys built with the same sliders as /verdeling, compared
by the engine (`verdeling.vergelijking.vergelijk`); differences against scenario A as a diverging bar chart
and map ("wie neemt meer, wie minder"). Presentation only: every number comes from the engine's result."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from markupsafe import Markup

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.web.opmaak import bron_tekst, datum, getal
from verdeelwijzer.web.tabellen import Kolom, Tabel

LETTERS = "ABCD"
STANDAARD = (("Huishoudens", {"huishoudens": Fraction(100)}), ("Verhuringen", {"mutaties": Fraction(100)}),
             ("Half om half", {"huishoudens": Fraction(50), "mutaties": Fraction(50)}),
             ("", {"huishoudens": Fraction(50), "mutaties": Fraction(50)}))


@dataclass
class ScenarioKaart:
    """One scenario card of the form: its letter, name (empty = not compared, except A), weights in percent
    (adding up to 100) and, when they had to be scaled, the sentence that says so."""

    letter: str
    naam: str
    gewichten: dict[str, Fraction]
    melding: str = ""
    fout: str = ""

    @property
    def actief(self) -> bool:
        return self.letter == "A" or bool(self.naam)

    @property
    def titel(self) -> str:
        return self.naam or f"Scenario {self.letter}"


def _oude_sleutel(tekst: str) -> dict[str, Fraction]:
    """An old-style typed key from a shared link ('huishoudens=50%; mutaties=50%', also 'inwoners=50;
    mutaties=50'): read as weights that are scaled to 100 % afterwards."""
    from verdeelwijzer.verdeling.gewichten import lees_percentage

    uit: dict[str, Fraction] = {}
    for deel in re.split(r";|,(?!\d)", tekst):
        if not deel.strip():
            continue
        naam, is_, waarde = deel.partition("=")
        # shares of one or percentages alike: the weights are scaled to 100 % afterwards
        uit[naam.strip()] = lees_percentage(waarde, f"Gewicht {naam.strip()}") if is_ else Fraction(1)
    return uit


def kaarten_uit_query(params: dict[str, str]) -> list[ScenarioKaart]:
    """The four scenario cards from the URL (`naam_i`, `gewicht_i_<indicator>`; old `sleutel_i` still read).
    Bad weights on a card give that card a Dutch message instead of failing the page."""
    from verdeelwijzer.verdeling.gewichten import naar_honderd
    from verdeelwijzer.web.verdeling import lees_gewichten, schaling_tekst

    eigen = any(k.startswith(("naam_", "gewicht_", "sleutel_")) for k in params)
    kaarten = []
    for i, letter in enumerate(LETTERS, start=1):
        naam = (params.get(f"naam_{i}", "").strip()[:60] if eigen else STANDAARD[i - 1][0])
        if not naam and params.get(f"sleutel_{i}", "").strip():  # an old link: typed keys without names
            naam = f"Scenario {letter}"
        kaart = ScenarioKaart(letter, naam, dict(STANDAARD[i - 1][1]))
        try:
            gewichten = lees_gewichten(params, f"gewicht_{i}_")
            if gewichten is None and params.get(f"sleutel_{i}", "").strip():
                gewichten = _oude_sleutel(params[f"sleutel_{i}"][:500])
            if gewichten is not None:
                schaling = naar_honderd(gewichten)
                kaart.gewichten, kaart.melding = dict(schaling.gewichten), schaling_tekst(schaling)
        except VerdeelwijzerFout as e:
            kaart.fout = str(e)
        kaarten.append(kaart)
    return kaarten


def actieve(kaarten: list[ScenarioKaart]) -> list[ScenarioKaart]:
    gebruikt = [k for k in kaarten if k.actief]
    namen = [k.titel for k in gebruikt]
    dubbel = sorted({n for n in namen if namen.count(n) > 1})
    if dubbel:
        raise InvoerFout(f"Twee scenario's heten '{dubbel[0]}'. Geef elk scenario een eigen naam.")
    fouten = [f"Scenario {k.letter}: {k.fout}" for k in gebruikt if k.fout]
    if fouten:
        raise InvoerFout("\n".join(fouten))
    return gebruikt


@dataclass
class Vergelijkbeeld:
    tabel: Tabel
    groepen: list[tuple[str, list[tuple[Kolom, str]]]]  # scenario title → (column, sub-header) for the page
    vergelijking: Any
    titels: list[str]
    extra: dict[str, Any] = field(default_factory=dict)


def vergelijk_scenarios(toestand: Any, v: Any, scenarios: list[tuple[str, dict[str, Fraction], str]]) -> Vergelijkbeeld:
    """Run the engine's comparison for (title, weights as shares of one, description) and build the table
    with column headers in words and a totals row. The row keys are the engine's (`Vergelijking.tabel`), so
    the JSON API keeps its keys."""
    import dataclasses

    from verdeelwijzer.verdeling.vergelijking import vergelijk
    from verdeelwijzer.web.verdeling import METHODEN, indicator_label, invoer_uit_gegevens

    g = toestand.gegevens
    regio = toestand.regio(v.regio)
    gebruikt = {k for _, s, _ in scenarios for k, w in s.items() if w}
    invoer = invoer_uit_gegevens(g, regio, v.model_copy(update={"gewichten": {}}), tuple(sorted(gebruikt)))
    invoer = dataclasses.replace(invoer, gewichten=scenarios[0][1])
    vgl = vergelijk(invoer, {naam: {k: w for k, w in s.items() if w} for naam, s, _ in scenarios})
    rijen = sorted(vgl.tabel(), key=lambda r: r["gemeentenaam"])
    for rij in rijen:
        rij["_bronnen"] = {naam: f"Sleutel {tekst}; " + "; ".join(
            bron_tekst(g.bron(rij["gemeentecode"], k)) for k, w in s.items() if w) for naam, s, tekst in scenarios}
    eerste = scenarios[0][0]
    kolommen = [Kolom("gemeentenaam", "Gemeente", numeriek=False)]
    groepen: list[tuple[str, list[tuple[Kolom, str]]]] = []
    heeft_regulier = bool(rijen) and f"regulier bij {eerste}" in rijen[0]
    for i, (naam, _, _) in enumerate(scenarios):
        groep = [(Kolom(naam, f"{LETTERS[i]} {naam}: aantal {v.eenheid}", decimalen=0), "Aantal")]
        if i:
            groep.append((Kolom(f"{naam} − {eerste}", f"{LETTERS[i]} {naam}: verschil met A {eerste}", decimalen=0),
                          "Verschil met A"))
        if heeft_regulier:
            groep.append((Kolom(f"regulier bij {naam}", f"{LETTERS[i]} {naam}: verhuringen over voor regulier",
                                decimalen=0), "Over voor regulier"))
        groepen.append((f"{LETTERS[i]}: {naam}", groep))
        kolommen += [k for k, _ in groep]
    totaal: dict[str, Any] = {"gemeentenaam": "Totaal"}
    for k in kolommen[1:]:
        totaal[k.sleutel] = sum((Fraction(r[k.sleutel]) for r in rijen), Fraction(0))
    voetnoten = [f"{LETTERS[i]} {naam}: {tekst}" for i, (naam, _, tekst) in enumerate(scenarios)] + [
        f"Verschillen ten opzichte van scenario A ('{eerste}'): positief = de gemeente neemt meer, negatief = minder. "
        "'Over voor regulier' = verhuringen die overblijven voor reguliere woningzoekenden.",
        f"Totaal {getal(v.totaal)} {v.eenheid}, afronding {METHODEN[v.methode]}"
        + (f", mutatiegrens {getal(float(v.mutatiegrens))} %" if v.mutatiegrens is not None else "") + "."]
    for k in sorted(gebruikt | {"mutaties"}):
        m = g.kolommen[k]
        voetnoten.append(f"{indicator_label(k)}: {m.omschrijving}; bron {m.bron} ({m.tabel}), peildatum "
                         f"{datum(m.peildatum)}.")
    tabel = Tabel(naam=f"scenarios_{regio.naam}", titel=f"Scenario's voor {regio.naam}: {getal(v.totaal)} "
                  f"{v.eenheid}", kolommen=kolommen, rijen=rijen, voetnoten=voetnoten, totaal=totaal)
    return Vergelijkbeeld(tabel, groepen, vgl, [n for n, _, _ in scenarios])


def met_teken(w: float) -> str:
    """'+3', '−2', '0' (a real minus sign)."""
    return "0" if w == 0 else ("+" if w > 0 else "−") + getal(abs(w))


def verschildiagrammen(beeld: Vergelijkbeeld, eenheid: str) -> list[tuple[str, Markup]]:
    """One diverging bar chart per scenario B–D against A, on one shared scale."""
    from verdeelwijzer.web.grafiek import verschildiagram

    a = beeld.titels[0]
    schaal = max([abs(float(r[f"{n} − {a}"])) for n in beeld.titels[1:] for r in beeld.tabel.rijen] + [1])
    uit = []
    for i, n in enumerate(beeld.titels[1:], start=1):
        rijen = [(r["gemeentenaam"], float(r[f"{n} − {a}"]),
                  f"{r['gemeentenaam']}: {r[n]} {eenheid} bij {n}, {r[a]} bij {a} ({met_teken(r[f'{n} − {a}'])})")
                 for r in beeld.tabel.rijen]
        uit.append((f"{LETTERS[i]} {n} ten opzichte van A {a}",
                    verschildiagram(rijen, titel=f"Verschil per gemeente: {n} ten opzichte van {a}", opmaak=met_teken,
                                    schaal=schaal)))
    return uit


KLEUREN_VERSCHIL = ("#542788", "#998ec3", "#f7f7f7", "#f1a340", "#b35806")  # PuOr: minder … meer


def verschilkaart(beeld: Vergelijkbeeld, index: int, eenheid: str) -> Any:
    """A map of the differences of scenario `index` against A in five fixed classes, described in words."""
    from verdeelwijzer.web.kaart import LegendaItem, maak_kaart

    a, n = beeld.titels[0], beeld.titels[index]
    verschil = {r["gemeentecode"]: int(r[f"{n} − {a}"]) for r in beeld.tabel.rijen}
    grootste = max([abs(w) for w in verschil.values()] + [1])
    h = max(2, math.ceil(grootste / 2))  # presentation only: "veel" = at least half the largest difference

    def klasse(w: int) -> int:
        return 0 if w <= -h else 1 if w < 0 else 2 if w == 0 else 3 if w < h else 4

    woorden = (f"neemt {h} of meer minder", f"neemt 1 tot {h - 1} minder" if h > 2 else "neemt 1 minder",
               "neemt evenveel", f"neemt 1 tot {h - 1} meer" if h > 2 else "neemt 1 meer", f"neemt {h} of meer meer")
    gebruikt = sorted({klasse(w) for w in verschil.values()})
    klassen = [LegendaItem(KLEUREN_VERSCHIL[k], woorden[k]) for k in gebruikt]
    titels = {r["gemeentecode"]: f"{r['gemeentenaam']}: {met_teken(verschil[r['gemeentecode']])} {eenheid} "
              f"bij {n} ({r[n]}) ten opzichte van {a} ({r[a]})" for r in beeld.tabel.rijen}
    return maak_kaart(list(verschil), {}, titels, titel=f"Wie neemt meer, wie minder: {n} ten opzichte van {a}",
                      bron=f"Verschil in aantal {eenheid} per gemeente tussen twee uitkomsten van de verdeling; "
                           "bronnen en peildata staan onder de tabel.",
                      klassen=klassen, klasse_van={c: gebruikt.index(klasse(w)) for c, w in verschil.items()})
