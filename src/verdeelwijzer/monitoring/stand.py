"""The state of a region on a reference date: ledger, mutatiegrens, regional totals, construction and
settlement, filtered and turned into plain rows (dicts with stable keys) for tables, JSON and Excel.
Pure: the caller passes the input, the reference date and the thresholds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.monitoring.drempels import status_tekst
from verdeelwijzer.monitoring.grootboek import (
    DrempelsOp,
    Grootboekregel,
    Mutatiegrensregel,
    Regiototaal,
    grootboek,
    mutatiegrens,
    regiototalen,
)
from verdeelwijzer.monitoring.model import MonitoringInvoer
from verdeelwijzer.monitoring.vereffening import Vereffening, vereffening


@dataclass(frozen=True)
class Stand:
    peildatum: date
    perioden: tuple[str, ...]
    grootboek: tuple[Grootboekregel, ...]
    mutatiegrens: tuple[Mutatiegrensregel, ...]
    regiototalen: tuple[Regiototaal, ...]
    vereffeningen: tuple[Vereffening, ...]
    bouw: tuple[dict[str, Any], ...]
    drempels_bron: str


def pct(x: Fraction | None) -> float | None:
    """A share as a percentage with one decimal (for display only; the exact value is kept elsewhere)."""
    return None if x is None else round(float(x * 100), 1)


def bereken_stand(invoer: MonitoringInvoer, peildatum: date, drempels_op: DrempelsOp, *,
                  gemeente: str | None = None, periode: str | None = None) -> Stand:
    codes = [p.code for p in sorted(invoer.perioden, key=lambda p: (p.begin, p.code))]
    if periode is not None and periode not in codes:
        raise InvoerFout(f"Onbekende periode '{periode}'. Bekende perioden: {', '.join(codes)}.")
    if gemeente is not None and gemeente not in invoer.gemeenten:
        raise InvoerFout(f"Gemeente {gemeente} hoort niet bij deze regio.")
    regels = grootboek(invoer, peildatum, drempels_op)
    totalen = regiototalen(regels, invoer, peildatum, drempels_op)
    grens = mutatiegrens(invoer)
    vereffeningen = []
    if invoer.vereffening_tarief is not None:
        met_cijfers = {r.periode for r in invoer.realisaties}
        for p in codes:
            if (periode is None and p in met_cijfers) or p == periode:
                try:
                    vereffeningen.append(vereffening(invoer, p))
                except VerdeelwijzerFout:
                    continue  # a period without targets has nothing to settle
    bouw = sorted(({"periode": b.periode, "gemeentecode": b.gemeentecode, "segment": b.segment, "opgeleverd": b.aantal}
                   for b in invoer.bouw), key=lambda r: (codes.index(r["periode"]), r["gemeentecode"], r["segment"]))

    def past(g: str | None, p: str) -> bool:
        return (gemeente is None or g is None or g == gemeente) and (periode is None or p == periode)

    return Stand(
        peildatum=peildatum,
        perioden=tuple(codes),
        grootboek=tuple(r for r in regels if past(r.gemeentecode, r.periode)),
        mutatiegrens=tuple(r for r in grens if past(r.gemeentecode, r.periode)),
        regiototalen=tuple(r for r in totalen if past(None, r.periode)),
        vereffeningen=tuple(vereffeningen),
        bouw=tuple(r for r in bouw if past(r["gemeentecode"], r["periode"])),
        drempels_bron=drempels_op(peildatum).bron,
    )


def grootboek_rijen(stand: Stand, namen: Mapping[str, str]) -> list[dict[str, Any]]:
    volgorde = {p: i for i, p in enumerate(stand.perioden)}
    regels = sorted(stand.grootboek, key=lambda r: (volgorde[r.periode], namen.get(r.gemeentecode, r.gemeentecode),
                                                    r.categorie))
    return [{
        "periode": r.periode, "gemeentecode": r.gemeentecode, "gemeentenaam": namen.get(r.gemeentecode, ""),
        "categorie": r.categorie, "doel": r.doel, "saldo_in": r.saldo_in, "bijgesteld_doel": r.bijgesteld_doel,
        "gerealiseerd": r.gerealiseerd, "verschil": r.verschil, "saldo_uit": r.saldo_uit,
        "verstreken_pct": pct(r.verstreken), "doel_naar_tijd": round(float(r.doel_naar_tijd), 1),
        "realisatiegraad_pct": pct(r.realisatiegraad), "status": status_tekst(r.status),
        "afgesloten": r.afgesloten, "cijfers": r.cijfers,
    } for r in regels]


def mutatiegrens_rijen(stand: Stand, namen: Mapping[str, str]) -> list[dict[str, Any]]:
    return [{
        "periode": r.periode, "gemeentecode": r.gemeentecode, "gemeentenaam": namen.get(r.gemeentecode, ""),
        "verhuringen": r.verhuringen, "urgenten": r.urgenten, "aandeel_pct": pct(r.aandeel),
        "grens_pct": pct(r.grens), "boven_grens": r.boven_grens,
    } for r in stand.mutatiegrens]


def regio_rijen(stand: Stand) -> list[dict[str, Any]]:
    return [{
        "periode": r.periode, "categorie": r.categorie, "doel": r.doel, "bijgesteld_doel": r.bijgesteld_doel,
        "gerealiseerd": r.gerealiseerd, "verschil": r.verschil, "saldo_uit": r.saldo_uit,
        "realisatiegraad_pct": pct(r.realisatiegraad), "status": status_tekst(r.status),
    } for r in stand.regiototalen]


def vereffening_rijen(v: Vereffening, namen: Mapping[str, str], gemeente: str | None = None) -> list[dict[str, Any]]:
    return [{
        "periode": v.periode, "gemeentecode": r.gemeentecode, "gemeentenaam": namen.get(r.gemeentecode, ""),
        "doel": r.doel, "gerealiseerd": r.gerealiseerd, "verwacht": round(float(r.verwacht), 2),
        "verwacht_exact": str(r.verwacht), "afwijking": round(float(r.afwijking), 2),
        "afwijking_exact": str(r.afwijking), "bedrag_euro": r.bedrag_centen / 100, "bedrag_centen": r.bedrag_centen,
        "bedrag_exact": str(r.bedrag), "berekening": r.berekening,
    } for r in v.regels if gemeente is None or r.gemeentecode == gemeente]


def vereffening_dict(v: Vereffening, namen: Mapping[str, str], gemeente: str | None = None) -> dict[str, Any]:
    return {
        "periode": v.periode, "tarief": str(v.tarief), "regio_doel": v.regio_doel,
        "regio_gerealiseerd": v.regio_gerealiseerd, "graad_regio": str(v.graad_regio),
        "gemeenten": vereffening_rijen(v, namen, gemeente), "som_centen": sum(r.bedrag_centen for r in v.regels),
        "toelichting": list(v.toelichting),
    }
