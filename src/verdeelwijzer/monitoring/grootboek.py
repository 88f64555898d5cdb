"""The ledger (grootboek): per gemeente × categorie × periode where a gemeente stands. Pure arithmetic.

Carry-over (as with the statushouders taakstelling): a period's adjusted target is its agreed target
plus the balance carried in from the previous period; what is left (adjusted target − realised; positive
= achterstand, negative = voorsprong) is carried into the next period once the period has ENDED on the
peildatum. A running or future period keeps its balance: passing it on as well would put the same homes in
two periods' targets. Hence, after every closed period k,
``saldo_uit = Σ_{i≤k} doel_i − Σ_{i≤k} gerealiseerd_i`` exactly.

"On schedule": the share of the period elapsed on the reference date (peildatum, inclusive) times the
adjusted target is what should have been realised by then; realisatiegraad = realised / that. The
status follows the thresholds (parameter `monitoring_drempels`), given as a function of the date so
the core reads no files. A period not yet begun has status ``nog_niet_begonnen``; where nothing is due
yet (target to date ≤ 0) the graad is undefined and the status is the highest one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from verdeelwijzer.monitoring.model import Doel, Drempels, MonitoringInvoer, Periode

NOG_NIET_BEGONNEN = "nog_niet_begonnen"

DrempelsOp = Callable[[date], Drempels]


@dataclass(frozen=True)
class Grootboekregel:
    gemeentecode: str
    categorie: str
    periode: str
    doel: int  # agreed target
    saldo_in: int  # carried in: + achterstand, − voorsprong
    bijgesteld_doel: int  # doel + saldo_in
    gerealiseerd: int
    verschil: int  # gerealiseerd − bijgesteld_doel
    saldo_uit: int  # bijgesteld_doel − gerealiseerd, carried to the next period
    verstreken: Fraction  # share of the period elapsed on the peildatum (0..1)
    doel_naar_tijd: Fraction  # bijgesteld_doel × verstreken
    realisatiegraad: Fraction | None  # gerealiseerd / doel_naar_tijd
    status: str
    afgesloten: bool  # the period has ended on the peildatum
    cijfers: bool  # realised figures were imported for this cell


@dataclass(frozen=True)
class Mutatiegrensregel:
    gemeentecode: str
    periode: str
    verhuringen: int | None
    urgenten: int  # realised placements, all categories together
    aandeel: Fraction | None  # urgenten / verhuringen
    grens: Fraction | None
    boven_grens: bool | None


@dataclass(frozen=True)
class Regiototaal:
    categorie: str
    periode: str
    doel: int
    bijgesteld_doel: int
    gerealiseerd: int
    verschil: int
    saldo_uit: int
    doel_naar_tijd: Fraction
    realisatiegraad: Fraction | None
    status: str


def verstreken_aandeel(periode: Periode, peildatum: date) -> Fraction:
    """Share of the period elapsed at the end of `peildatum`, in [0, 1]."""
    dagen = (peildatum - periode.begin).days + 1
    return Fraction(min(max(dagen, 0), periode.dagen), periode.dagen)


def _beoordeel(doel_naar_tijd: Fraction, gerealiseerd: int, verstreken: Fraction,
               drempels: Drempels) -> tuple[Fraction | None, str]:
    if verstreken == 0:
        return None, NOG_NIET_BEGONNEN
    if doel_naar_tijd <= 0:
        return None, drempels.hoogste
    graad = Fraction(gerealiseerd) / doel_naar_tijd
    return graad, drempels.status(graad)


def _oordeeldatum(periode: Periode, peildatum: date) -> date:
    return min(max(peildatum, periode.begin), periode.eind)


def grootboek(invoer: MonitoringInvoer, peildatum: date, drempels_op: DrempelsOp) -> list[Grootboekregel]:
    """Every ledger row, per gemeente × categorie in period order (by begin date)."""
    perioden = sorted(invoer.perioden, key=lambda p: (p.begin, p.code))
    doelen: dict[tuple[str, str, str], int] = defaultdict(int)
    for d in invoer.doelen:
        doelen[(d.gemeentecode, d.categorie, d.periode)] += d.aantal
    gerealiseerd: dict[tuple[str, str, str], int] = defaultdict(int)
    for r in invoer.realisaties:
        gerealiseerd[(r.gemeentecode, r.categorie, r.periode)] += r.aantal
    paren = sorted({(g, c) for g, c, _ in doelen} | {(g, c) for g, c, _ in gerealiseerd})
    regels: list[Grootboekregel] = []
    for gemeente, categorie in paren:
        saldo = 0
        for p in perioden:
            sleutel = (gemeente, categorie, p.code)
            doel = doelen.get(sleutel, 0)
            real = gerealiseerd.get(sleutel, 0)
            bijgesteld = doel + saldo
            verstreken = verstreken_aandeel(p, peildatum)
            naar_tijd = bijgesteld * verstreken
            graad, status = _beoordeel(naar_tijd, real, verstreken, drempels_op(_oordeeldatum(p, peildatum)))
            regels.append(Grootboekregel(
                gemeentecode=gemeente, categorie=categorie, periode=p.code, doel=doel, saldo_in=saldo,
                bijgesteld_doel=bijgesteld, gerealiseerd=real, verschil=real - bijgesteld,
                saldo_uit=bijgesteld - real, verstreken=verstreken, doel_naar_tijd=naar_tijd,
                realisatiegraad=graad, status=status, afgesloten=peildatum >= p.eind,
                cijfers=sleutel in gerealiseerd,
            ))
            saldo = bijgesteld - real if peildatum >= p.eind else 0
    return regels


def regiototalen(regels: Iterable[Grootboekregel], invoer: MonitoringInvoer, peildatum: date,
                 drempels_op: DrempelsOp) -> list[Regiototaal]:
    """Regional sums per categorie × periode, judged like a single gemeente."""
    perioden = {p.code: p for p in invoer.perioden}
    groepen: dict[tuple[str, str], list[Grootboekregel]] = defaultdict(list)
    for r in regels:
        groepen[(r.categorie, r.periode)].append(r)
    volgorde = {p.code: i for i, p in enumerate(sorted(invoer.perioden, key=lambda p: (p.begin, p.code)))}
    uit: list[Regiototaal] = []
    for (categorie, code), rs in sorted(groepen.items(), key=lambda kv: (volgorde[kv[0][1]], kv[0][0])):
        p = perioden[code]
        verstreken = verstreken_aandeel(p, peildatum)
        bijgesteld = sum(r.bijgesteld_doel for r in rs)
        real = sum(r.gerealiseerd for r in rs)
        naar_tijd = sum((r.doel_naar_tijd for r in rs), Fraction(0))
        graad, status = _beoordeel(naar_tijd, real, verstreken, drempels_op(_oordeeldatum(p, peildatum)))
        uit.append(Regiototaal(
            categorie=categorie, periode=code, doel=sum(r.doel for r in rs), bijgesteld_doel=bijgesteld,
            gerealiseerd=real, verschil=real - bijgesteld, saldo_uit=sum(r.saldo_uit for r in rs),
            doel_naar_tijd=naar_tijd, realisatiegraad=graad, status=status,
        ))
    return uit


def mutatiegrens(invoer: MonitoringInvoer) -> list[Mutatiegrensregel]:
    """Share of each gemeente's lettings that went to urgents (all categories) against the agreed cap."""
    urgenten: dict[tuple[str, str], int] = defaultdict(int)
    for r in invoer.realisaties:
        urgenten[(r.gemeentecode, r.periode)] += r.aantal
    verhuurd: dict[tuple[str, str], int] = defaultdict(int)
    for v in invoer.verhuringen:
        verhuurd[(v.gemeentecode, v.periode)] += v.aantal
    grens = invoer.mutatiegrens
    uit: list[Mutatiegrensregel] = []
    for p in sorted(invoer.perioden, key=lambda p: (p.begin, p.code)):
        for g in sorted(set(invoer.gemeenten) | {g for g, c in urgenten if c == p.code}
                        | {g for g, c in verhuurd if c == p.code}):
            u = urgenten.get((g, p.code), 0)
            m = verhuurd.get((g, p.code))
            aandeel = Fraction(u, m) if m else None
            if grens is None or m is None:
                boven = None
            else:
                boven = (u > 0) if m == 0 else aandeel > grens  # type: ignore[operator]
            uit.append(Mutatiegrensregel(g, p.code, m, u, aandeel, grens, boven))
    return uit


def bijgestelde_doelen(regels: Iterable[Grootboekregel], periode: str) -> list[Doel]:
    """Bijsturen: the targets for `periode` = agreed target + balance carried in (may be ≤ 0)."""
    return [Doel(r.gemeentecode, r.categorie, r.periode, r.bijgesteld_doel) for r in regels if r.periode == periode]
