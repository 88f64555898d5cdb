"""The ledger arithmetic: carry-over, on-schedule, status thresholds, mutatiegrens, regional totals."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from verdeelwijzer.monitoring import (
    NOG_NIET_BEGONNEN,
    Doel,
    MonitoringInvoer,
    Periode,
    Realisatie,
    Verhuring,
    bijgestelde_doelen,
    grootboek,
    mutatiegrens,
    regiototalen,
    verstreken_aandeel,
)
from verdeelwijzer.monitoring.drempels import drempels_op, drempels_uit_waarde
from verdeelwijzer.regels import waarde

JAREN = [Periode(str(j), date(j, 1, 1), date(j, 12, 31)) for j in range(2027, 2031)]
EIND = date(2030, 12, 31)


def _invoer(doelen, real, perioden=JAREN, **kw):
    return MonitoringInvoer(
        gemeenten=("GM0001",), perioden=tuple(perioden),
        doelen=tuple(Doel("GM0001", "a", p.code, n) for p, n in zip(perioden, doelen, strict=True)),
        realisaties=tuple(Realisatie("GM0001", "a", p.code, n) for p, n in zip(perioden, real, strict=True)), **kw)


def test_achterstand_en_voorsprong_schuiven_door_over_vier_perioden():
    regels = grootboek(_invoer([10, 10, 10, 10], [6, 15, 10, 0]), EIND, drempels_op)
    assert [r.saldo_in for r in regels] == [0, 4, -1, -1]
    assert [r.bijgesteld_doel for r in regels] == [10, 14, 9, 9]
    assert [r.verschil for r in regels] == [-4, 1, 1, -9]
    assert [r.saldo_uit for r in regels] == [4, -1, -1, 9]
    assert bijgestelde_doelen(regels, "2029") == [Doel("GM0001", "a", "2029", 9)]


def test_alleen_een_afgesloten_periode_schuift_haar_saldo_door():
    # Peildatum midden in 2028: 2027 is afgesloten (achterstand 4 gaat naar 2028); 2028 loopt nog, dus 2029
    # krijgt nog niets mee — anders telde het nog niet gerealiseerde doel van 2028 dubbel.
    regels = grootboek(_invoer([10, 10, 10, 10], [6, 3, 0, 0]), date(2028, 6, 30), drempels_op)
    assert [r.saldo_in for r in regels] == [0, 4, 0, 0]
    assert [r.bijgesteld_doel for r in regels] == [10, 14, 10, 10]
    assert [r.afgesloten for r in regels] == [True, False, False, False]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=1, max_size=4))
def test_saldo_is_cumulatief_doel_min_cumulatief_gerealiseerd(paren):
    perioden = JAREN[:len(paren)]
    regels = grootboek(_invoer([d for d, _ in paren], [r for _, r in paren], perioden), EIND, drempels_op)
    for k, regel in enumerate(regels):
        assert regel.saldo_uit == sum(d for d, _ in paren[:k + 1]) - sum(r for _, r in paren[:k + 1])
        assert regel.bijgesteld_doel == paren[k][0] + regel.saldo_in


def test_op_schema_naar_verstreken_tijd():
    p = JAREN[0]
    assert verstreken_aandeel(p, date(2026, 12, 31)) == 0
    assert verstreken_aandeel(p, date(2027, 1, 1)) == Fraction(1, 365)
    assert verstreken_aandeel(p, date(2027, 12, 31)) == 1
    assert verstreken_aandeel(p, date(2031, 1, 1)) == 1
    peil = date(2027, 7, 1)  # 182 of 365 days
    [r] = grootboek(_invoer([365], [170], [p]), peil, drempels_op)
    assert r.verstreken == Fraction(182, 365) and r.doel_naar_tijd == 182
    assert r.realisatiegraad == Fraction(170, 182)
    assert r.status == "aandacht" and not r.afgesloten  # 93.4 %: between the 85 % and 95 % bounds


def test_status_volgt_de_parameter_drempels():
    d = drempels_op(date(2027, 1, 1))
    grenzen = waarde("monitoring_drempels", date(2027, 1, 1))
    for status, ondergrens in grenzen.items():
        assert d.status(Fraction(ondergrens)) == status
    assert d.status(Fraction(-1)) == d.treden[-1].status
    eigen = drempels_uit_waarde({"goed": Fraction(1, 2), "slecht": 0})
    assert eigen.status(Fraction(1, 2)) == "goed" and eigen.status(Fraction(49, 100)) == "slecht"


def test_niet_begonnen_en_niets_verschuldigd():
    regels = grootboek(_invoer([10, 0], [20, 0], JAREN[:2]), date(2027, 12, 31), drempels_op)
    assert regels[1].status == NOG_NIET_BEGONNEN and regels[1].realisatiegraad is None
    regels = grootboek(_invoer([10, 5], [20, 0], JAREN[:2]), date(2028, 6, 1), drempels_op)
    assert regels[1].bijgesteld_doel == -5 and regels[1].realisatiegraad is None
    assert regels[1].status == drempels_op(date(2028, 6, 1)).hoogste


def test_mutatiegrens_telt_alle_categorieen_samen():
    p = JAREN[0]
    invoer = MonitoringInvoer(
        gemeenten=("GM0001", "GM0002", "GM0003"), perioden=(p,), doelen=(),
        realisaties=(Realisatie("GM0001", "a", "2027", 20), Realisatie("GM0001", "b", "2027", 11),
                     Realisatie("GM0002", "a", "2027", 3)),
        verhuringen=(Verhuring("GM0001", "2027", 100), Verhuring("GM0002", "2027", 10)),
        mutatiegrens=Fraction(3, 10))
    rijen = {r.gemeentecode: r for r in mutatiegrens(invoer)}
    assert rijen["GM0001"].urgenten == 31 and rijen["GM0001"].aandeel == Fraction(31, 100)
    assert rijen["GM0001"].boven_grens is True
    assert rijen["GM0002"].aandeel == Fraction(3, 10) and rijen["GM0002"].boven_grens is False
    assert rijen["GM0003"].verhuringen is None and rijen["GM0003"].boven_grens is None


def test_regiototalen_zijn_sommen():
    invoer = MonitoringInvoer(
        gemeenten=("GM0001", "GM0002"), perioden=tuple(JAREN[:2]),
        doelen=tuple(Doel(g, "a", p.code, 10) for g in ("GM0001", "GM0002") for p in JAREN[:2]),
        realisaties=(Realisatie("GM0001", "a", "2027", 12), Realisatie("GM0002", "a", "2027", 4)))
    regels = grootboek(invoer, date(2027, 12, 31), drempels_op)
    [t27, t28] = regiototalen(regels, invoer, date(2027, 12, 31), drempels_op)
    assert (t27.doel, t27.gerealiseerd, t27.saldo_uit) == (20, 16, 4)
    assert t27.realisatiegraad == Fraction(16, 20) and t27.status == "achter"
    assert (t28.bijgesteld_doel, t28.status) == (24, NOG_NIET_BEGONNEN)
