"""Comparing scenarios (variants of an afsprakenkader) per gemeente: who takes more, who takes less.

Pure over computed results. Scenarios must cover the same gemeenten; categories may differ (a category
missing from a scenario counts as 0 there, and that is said).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from verdeelwijzer.afspraken.berekening import AfsprakenUitkomst
from verdeelwijzer.fouten import InvoerFout

STATUSHOUDERS = "statushouders"


@dataclass(frozen=True)
class ScenarioVergelijking:
    labels: tuple[str, ...]
    scenarios: tuple[str, ...]
    rijen: list[dict[str, Any]]
    samenvatting: list[dict[str, Any]]
    kernpunten: list[str]

    @property
    def kolommen(self) -> list[str]:
        return list(self.rijen[0]) if self.rijen else []

    def als_dict(self) -> dict[str, Any]:
        return {
            "scenarios": dict(zip(self.labels, self.scenarios, strict=True)),
            "per_categorie": self.rijen,
            "samenvatting": self.samenvatting,
            "kernpunten": self.kernpunten,
        }


def _totalen(u: AfsprakenUitkomst) -> dict[tuple[str, str], int]:
    """(gemeentecode, categorie) → number over the whole period."""
    uit: dict[tuple[str, str], int] = {}
    for c in u.categorieen:
        for g, code in enumerate(u.gemeentecodes):
            uit[(code, c.naam)] = sum(c.aantal(t, g) for t in range(len(u.jaren)))
    if u.statushouders:
        for t in range(len(u.jaren)):
            for r in u.statushouders[t].regels:
                uit[(r.gemeentecode, STATUSHOUDERS)] = uit.get((r.gemeentecode, STATUSHOUDERS), 0) + r.aantal
    return uit


def _regulier(u: AfsprakenUitkomst) -> dict[str, Fraction]:
    uit: dict[str, Fraction] = {}
    for r in u.totaalbeeld:
        uit[r.gemeentecode] = uit.get(r.gemeentecode, Fraction(0)) + r.regulier
    return uit


def vergelijk_scenarios(uitkomsten: Sequence[AfsprakenUitkomst]) -> ScenarioVergelijking:
    if len(uitkomsten) < 2:
        raise InvoerFout("Geef minstens twee scenario's om te vergelijken.")
    eerste = uitkomsten[0]
    for u in uitkomsten[1:]:
        if set(u.gemeentecodes) != set(eerste.gemeentecodes):
            anders = sorted(set(u.gemeentecodes) ^ set(eerste.gemeentecodes))
            raise InvoerFout(
                f"Scenario '{u.geladen.pad.name}' heeft andere gemeenten dan "
                f"'{eerste.geladen.pad.name}' (verschil: {', '.join(anders)}); vergelijk alleen "
                "scenario's voor dezelfde regio."
            )
    labels = tuple(chr(ord("A") + i) for i in range(len(uitkomsten)))
    totalen = [_totalen(u) for u in uitkomsten]
    categorieen = list(dict.fromkeys(cat for t in totalen for _, cat in t))
    codes = sorted(eerste.gemeentecodes, key=eerste.naam)
    rijen: list[dict[str, Any]] = []
    for code in codes:
        for cat in categorieen:
            rij: dict[str, Any] = {"gemeentecode": code, "gemeentenaam": eerste.naam(code), "categorie": cat}
            for label, t in zip(labels, totalen, strict=True):
                rij[f"totaal_{label}"] = t.get((code, cat), 0)
            for label in labels[1:]:
                rij[f"verschil_{label}"] = rij[f"totaal_{label}"] - rij["totaal_A"]
            rijen.append(rij)
    regulier = [_regulier(u) for u in uitkomsten]
    samenvatting = []
    for code in codes:
        rij = {"gemeentecode": code, "gemeentenaam": eerste.naam(code)}
        for label, t in zip(labels, totalen, strict=True):
            rij[f"totaal_{label}"] = sum(v for (c, _), v in t.items() if c == code)
        for i, label in enumerate(labels[1:], start=1):
            rij[f"verschil_{label}"] = rij[f"totaal_{label}"] - rij["totaal_A"]
            rij[f"regulier_verschil_{label}"] = float(regulier[i][code] - regulier[0][code])
        verschil = rij[f"verschil_{labels[1]}"]
        rij["oordeel"] = (
            "neemt meer" if verschil > 0 else "neemt minder" if verschil < 0 else "gelijk"
        ) + f" in {labels[1]}"
        samenvatting.append(rij)
    kernpunten = []
    for i, label in enumerate(labels[1:], start=1):
        meer = sorted((r for r in samenvatting if r[f"verschil_{label}"] > 0), key=lambda r: -r[f"verschil_{label}"])
        minder = sorted((r for r in samenvatting if r[f"verschil_{label}"] < 0), key=lambda r: r[f"verschil_{label}"])
        tekst_meer = ", ".join(f"{r['gemeentenaam']} (+{r[f'verschil_{label}']})" for r in meer) or "niemand"
        tekst_minder = ", ".join(f"{r['gemeentenaam']} ({r[f'verschil_{label}']})" for r in minder) or "niemand"
        kernpunten.append(
            f"{label} tegenover A: meer huishoudens te huisvesten voor {tekst_meer}; minder voor "
            f"{tekst_minder}. Reguliere woningzoekenden houden in {label} "
            f"{sum(r[f'regulier_verschil_{label}'] for r in samenvatting):+.0f} verhuringen over "
            "(hele regio, hele periode)."
        )
        ontbrekend = [
            cat
            for cat in categorieen
            if all((c, cat) not in totalen[i] for c in codes) or all((c, cat) not in totalen[0] for c in codes)
        ]
        if ontbrekend:
            kernpunten.append(
                f"Categorieën die niet in beide scenario's voorkomen (tellen als 0): {', '.join(ontbrekend)}."
            )
    return ScenarioVergelijking(
        labels, tuple(u.geladen.kader.scenario for u in uitkomsten), rijen, samenvatting, kernpunten
    )
