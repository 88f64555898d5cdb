"""The result of spoor 1 as a JSON-ready dict, flat rows (CSV) and plain Dutch text. Pure, no I/O."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from verdeelwijzer.betaalbaarheid.berekening import Betaalbaarheid, Gemeenteuitkomst
from verdeelwijzer.betaalbaarheid.minimum import SEGMENT_NAAM
from verdeelwijzer.betaalbaarheid.model import AANNAME_PROJECTIE, AANNAME_RESTOPGAVE, AANNAME_RUIMTE
from verdeelwijzer.betaalbaarheid.restopgave import SLEUTEL_UITLEG
from verdeelwijzer.betaalbaarheid.uitleg import (
    STATUS_UITLEG,
    Getal,
    Regel,
    aantal,
    exact_tekst,
    procent,
    zwakste_status,
)

VARIANTEN = ("minimum", "plan", "voorstel")
CSV_KOLOMMEN = (
    "gemeentecode", "gemeentenaam", "woningvoorraad", "sociale_voorraad", "sociaal_aandeel", "regel",
    "percentage", "ontheffing_besluit", "gecontracteerd", "niet_gecontracteerd", "grondslag",
    "minimum_sociale_huur", "minimum_middensegment", "ruimte", "plan_sociale_huur", "plan_middensegment",
    "plan_betaalbaar", "tekort_minimum", "extra_sociale_huur", "extra_betaalbaar", "voorstel_sociale_huur",
    "voorstel_middensegment", "voorstel_betaalbaar", "tekort_voorstel_sociale_huur", "tekort_voorstel_betaalbaar",
    "sociaal_aandeel_na_minimum", "sociaal_aandeel_na_plan", "sociaal_aandeel_na_voorstel", "status",
    "classificatie",
)


def gebruikte_regels(b: Betaalbaarheid) -> list[Regel]:
    """Every rule, assumption and ontheffing the numbers rest on, once each."""
    regels: dict[str, Regel] = {}
    for r in (*b.regels.alle(), AANNAME_RUIMTE, AANNAME_RESTOPGAVE, AANNAME_PROJECTIE):
        regels.setdefault(r.naam, r)
    for g in b.gemeenten:
        for r in g.minimum.percentage.regels:
            regels.setdefault(r.naam, r)
    return list(regels.values())


def _getallen(g: Gemeenteuitkomst) -> dict[str, Getal]:
    m = g.minimum
    return {
        "woningvoorraad": m.woningvoorraad, "sociale_voorraad": m.sociale_voorraad,
        "sociaal_aandeel": m.sociaal_aandeel, "grondslag": m.grondslag, "percentage": m.percentage,
        "minimum_sociale_huur": m.minimum_sociale_huur, "minimum_middensegment": m.minimum_middensegment,
        "minimum_betaalbaar": m.minimum_betaalbaar, "ruimte": m.ruimte, "past_niet": m.past_niet,
        "extra_sociale_huur": g.extra_sociale_huur, "extra_betaalbaar": g.extra_betaalbaar,
        "voorstel_sociale_huur": g.voorstel_sociale_huur, "voorstel_middensegment": g.voorstel_middensegment,
        "voorstel_betaalbaar": g.voorstel_betaalbaar,
    }


def gemeente_dict(g: Gemeenteuitkomst) -> dict[str, Any]:
    m = g.minimum
    uit: dict[str, Any] = {
        "gemeentecode": m.gemeentecode,
        "gemeentenaam": m.gemeentenaam,
        "regel": m.regel,
        "regel_uitleg": m.regel_uitleg,
        "gecontracteerd": m.gecontracteerd,
        "niet_gecontracteerd": m.niet_gecontracteerd,
        "programma": m.programma,
        "ontheffing": ({"percentage": float(m.ontheffing.aandeel * 100), "aandeel": exact_tekst(m.ontheffing.aandeel),
                        "besluit": m.ontheffing.besluit} if m.ontheffing else None),
    }
    uit.update({k: v.als_dict() for k, v in _getallen(g).items()})
    uit["plantoets"] = g.plantoets.als_dict() if g.plantoets else None
    uit["projectie"] = {k: p.als_dict() for k, p in g.projecties.items()}
    uit["status"] = zwakste_status(r for v in _getallen(g).values() for r in v.regels)
    uit["classificatie"] = m.classificatie
    uit["classificatie_onzeker"] = m.classificatie_onzeker
    uit["classificatie_uitleg"] = m.classificatie_uitleg
    return uit


def als_dict(b: Betaalbaarheid) -> dict[str, Any]:
    """JSON-ready: stable keys, homes as int, shares as float with the exact value next to them."""
    return {
        "sleutel": b.sleutel,
        "sleutel_uitleg": SLEUTEL_UITLEG[b.sleutel],
        "regels": [r.als_dict() for r in gebruikte_regels(b)],
        "status_uitleg": STATUS_UITLEG,
        "doelen": b.doelen.als_dict(),
        "toetsen": {k: t.als_dict() for k, t in b.toetsen.items()},
        "restopgave": {"sociale_huur": b.rest_sociale_huur.als_dict(), "betaalbaar": b.rest_betaalbaar.als_dict()},
        "gemeenten": [gemeente_dict(g) for g in b.gemeenten],
        "tekort_ruimte": b.tekort_ruimte,
        "classificatie_onzeker": {"aantal": len(b.onzeker), "gemeenten": list(b.onzeker)},
        "waarschuwingen": list(b.waarschuwingen),
    }


def _aandeel(f: Fraction | int) -> float:
    return round(float(f), 6)


def csv_rijen(b: Betaalbaarheid) -> list[dict[str, Any]]:
    """One flat row per gemeente (shares as decimals with 6 digits; exact values are in the JSON)."""
    rijen = []
    for g in b.gemeenten:
        m, t = g.minimum, g.plantoets
        rijen.append({
            "gemeentecode": m.gemeentecode, "gemeentenaam": m.gemeentenaam,
            "woningvoorraad": m.woningvoorraad.waarde, "sociale_voorraad": m.sociale_voorraad.waarde,
            "sociaal_aandeel": _aandeel(m.sociaal_aandeel.waarde), "regel": m.regel,
            "percentage": _aandeel(m.percentage.waarde),
            "ontheffing_besluit": m.ontheffing.besluit if m.ontheffing else "",
            "gecontracteerd": m.gecontracteerd, "niet_gecontracteerd": m.niet_gecontracteerd,
            "grondslag": m.grondslag.waarde, "minimum_sociale_huur": m.minimum_sociale_huur.waarde,
            "minimum_middensegment": m.minimum_middensegment.waarde, "ruimte": m.ruimte.waarde,
            "plan_sociale_huur": t.plan.sociale_huur if t else "",
            "plan_middensegment": t.plan.middensegment if t else "",
            "plan_betaalbaar": t.plan.betaalbaar if t else "",
            "tekort_minimum": t.tekort_minimum.waarde if t else "",
            "extra_sociale_huur": g.extra_sociale_huur.waarde, "extra_betaalbaar": g.extra_betaalbaar.waarde,
            "voorstel_sociale_huur": g.voorstel_sociale_huur.waarde,
            "voorstel_middensegment": g.voorstel_middensegment.waarde,
            "voorstel_betaalbaar": g.voorstel_betaalbaar.waarde,
            "tekort_voorstel_sociale_huur": t.tekort_voorstel_sociale_huur.waarde if t else "",
            "tekort_voorstel_betaalbaar": t.tekort_voorstel_betaalbaar.waarde if t else "",
            **{f"sociaal_aandeel_na_{v}": _aandeel(g.projecties[v].sociaal_aandeel.waarde) if v in g.projecties
               else "" for v in VARIANTEN},
            "status": zwakste_status(r for v in _getallen(g).values() for r in v.regels),
            "classificatie": m.classificatie,
        })
    return rijen


def _waarde_tekst(v: int | Fraction, procentueel: bool) -> str:
    if procentueel:
        return procent(v, 2)
    return aantal(int(v)) if Fraction(v).denominator == 1 else str(exact_tekst(Fraction(v)))


def _regel(label: str, getal: Getal, procentueel: bool = False) -> str:
    return f"  {label}: {_waarde_tekst(getal.waarde, procentueel)} — {getal.uitleg} [{'/'.join(getal.statussen)}]"


def gemeente_tekst(b: Betaalbaarheid, code: str) -> str:
    """Plain Dutch explanation of every number for one gemeente, with the status of its rules."""
    g = b.gemeente(code)
    m = g.minimum
    regels = [f"{m.gemeentenaam} ({m.gemeentecode})",
              _regel("woningvoorraad", m.woningvoorraad), _regel("sociale voorraad", m.sociale_voorraad),
              _regel("sociaal aandeel", m.sociaal_aandeel, True),
              f"  regel: {SEGMENT_NAAM[m.regel]} — {m.regel_uitleg} [{'/'.join(m.percentage.statussen)}]",
              *([f"  classificatie: {m.classificatie_uitleg}"] if m.classificatie_uitleg else []),
              f"  programma: {aantal(m.gecontracteerd)} gecontracteerd + {aantal(m.niet_gecontracteerd)} niet "
              f"gecontracteerd = {aantal(m.programma)}",
              _regel("grondslag", m.grondslag), _regel("percentage", m.percentage, True),
              _regel("minimum sociale huur", m.minimum_sociale_huur),
              _regel("minimum middensegment", m.minimum_middensegment),
              _regel("ruimte voor de restopgave", m.ruimte)]
    if m.past_niet.waarde:
        regels.append(_regel("past niet", m.past_niet))
    regels += [_regel("extra sociale huur (restopgave)", g.extra_sociale_huur),
               _regel("extra betaalbaar (restopgave)", g.extra_betaalbaar),
               _regel("voorstel sociale huur", g.voorstel_sociale_huur),
               _regel("voorstel middensegment", g.voorstel_middensegment),
               _regel("voorstel betaalbaar", g.voorstel_betaalbaar)]
    if g.plantoets:
        t = g.plantoets
        regels += [f"  plan ({t.herkomst}): sociale huur {aantal(t.plan.sociale_huur)}, middenhuur "
                   f"{aantal(t.plan.middenhuur)}, betaalbare koop {aantal(t.plan.betaalbare_koop)}, vrije sector "
                   f"{aantal(t.plan.vrije_sector)}",
                   _regel("tekort t.o.v. minimum", t.tekort_minimum),
                   _regel("tekort sociale huur t.o.v. voorstel", t.tekort_voorstel_sociale_huur),
                   _regel("tekort betaalbaar t.o.v. voorstel", t.tekort_voorstel_betaalbaar)]
    else:
        regels.append("  plan: niet opgegeven")
    for v in VARIANTEN:
        if v in g.projecties:
            p = g.projecties[v]
            regels.append(_regel(f"sociaal aandeel na de termijn ({v})", p.sociaal_aandeel, True))
    return "\n".join(regels)


def als_tekst(b: Betaalbaarheid) -> str:
    """The whole result as plain Dutch text: region, divisions, every gemeente, rules with status."""
    d = b.doelen
    delen = ["Regio",
             *(_regel(label, getal) for label, getal in (
                 ("grondslag", d.grondslag), ("doel sociale huur", d.doel_sociale_huur),
                 ("doel betaalbaar", d.doel_betaalbaar), ("som minima sociale huur", d.minimum_sociale_huur),
                 ("som minima betaalbaar", d.minimum_betaalbaar), ("sociale restopgave", d.rest_sociale_huur),
                 ("overige betaalbare restopgave", d.rest_betaalbaar)))]
    for t in b.toetsen.values():
        delen.append(f"  toets {t.variant}: {'gehaald' if t.gehaald else 'niet gehaald'}; "
                     f"{t.tekort_sociale_huur.uitleg}; {t.tekort_betaalbaar.uitleg}")
    delen.append(f"  classificatie onzeker: {len(b.onzeker)} gemeente(n)"
                 + (f" ({', '.join(b.onzeker)}) — laad de officiële DAEB-voorraad" if b.onzeker else ""))
    for rest in (b.rest_sociale_huur, b.rest_betaalbaar):
        delen.append(f"Verdeling {rest.opgave.uitleg} ({SLEUTEL_UITLEG[rest.sleutel]}; {rest.methode})")
        delen += [f"  {s}" for s in rest.stappen]
        delen.append(f"  {rest.tekort.uitleg}")
    delen += ["", *(gemeente_tekst(b, g.gemeentecode) + "\n" for g in b.gemeenten)]
    delen.append("Regels en aannames")
    for r in gebruikte_regels(b):
        delen.append(f"  {r.naam} = {exact_tekst(r.waarde)} [{r.status}] — {r.bron}" + (f" <{r.url}>" if r.url else ""))
    if b.waarschuwingen:
        delen.append("Waarschuwingen")
        delen += [f"  - {w}" for w in b.waarschuwingen]
    return "\n".join(delen)
