"""Benchmark of the verdeelmotor (not a test): the whole country recomputed.

Run:  python -m pytest tests/bench/test_bench_verdeling.py --benchmark-enable -m ""

Scenario: 342 synthetic gemeenten (seeded, lognormal population-like indicators; independent of the
real data loader) grouped into 12 "provinces" and 35 "arbeidsmarktregio's". For every region (47):
five keys, caps at a passed-in mutatiegrens of 30 % minus lettings already claimed, a 10-year linear
ingroeipad with cumulative Sainte-Laguë rounding. The rounding alone is also timed against the PyPI
package `apportionment` on the same quota (per year, non-cumulative), so the ratio can be reported.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from apportionment.methods import compute

from verdeelwijzer.bron import Bron
from verdeelwijzer.verdeling import Grenzen, Ingroeipad, VerdeelInvoer, rond_af, verdeel

pytestmark = [pytest.mark.slow, pytest.mark.benchmark]

AANTAL_GEMEENTEN = 342
PROVINCIES = 12
ARBEIDSMARKTREGIOS = 35
MUTATIEGRENS = Fraction(3, 10)  # passed in, as the engine requires
AANDEEL_URGENT = Fraction(12, 100)  # scenario choice: urgents ≈ 12 % of the region's lettings
JAREN = 10
SLEUTELS = {
    "inwoners": {"inwoners": 1},
    "huishoudens": {"huishoudens": 1},
    "sociaal+mutaties": {"sociale_voorraad": "0.5", "mutaties": "0.5"},
    "drieluik": {"inwoners": Fraction(1, 3), "huishoudens": Fraction(1, 3), "mutaties": Fraction(1, 3)},
    "voorraad+mutaties": {"woningvoorraad": "0.4", "mutaties": "0.6"},
}


def _groepen(rng: np.random.Generator, n: int, k: int) -> list[np.ndarray]:
    """k non-empty groups of uneven size, like real regions."""
    volgorde = rng.permutation(n)
    sneden = np.sort(rng.choice(np.arange(1, n), size=k - 1, replace=False))
    return [np.sort(g) for g in np.split(volgorde, sneden)]


def maak_land(seed: int = 2026) -> list[VerdeelInvoer]:
    rng = np.random.default_rng(seed)
    n = AANTAL_GEMEENTEN
    inwoners = (rng.lognormal(mean=10.3, sigma=0.8, size=n)).astype(np.int64) + 1_000
    huishoudens = (inwoners / rng.uniform(2.0, 2.4, n)).astype(np.int64)
    voorraad = (huishoudens * rng.uniform(1.0, 1.06, n)).astype(np.int64)
    sociaal = (voorraad * rng.uniform(0.12, 0.38, n)).astype(np.int64)
    mutaties = np.maximum(1, (sociaal * rng.uniform(0.05, 0.09, n)).astype(np.int64))
    statushouders = (mutaties * rng.uniform(0.02, 0.08, n)).astype(np.int64)
    huidig = np.maximum(0, (sociaal * rng.uniform(0.008, 0.016, n)).astype(np.int64))
    codes = [f"GM{1000 + i:04d}" for i in range(n)]
    bron = Bron("synthetisch (benchmark)", "2026-01-01", "schatting")
    invoeren = []
    for regio in _groepen(rng, n, PROVINCIES) + _groepen(rng, n, ARBEIDSMARKTREGIOS):
        idx = regio.tolist()
        ind = {
            "inwoners": inwoners[idx].tolist(),
            "huishoudens": huishoudens[idx].tolist(),
            "woningvoorraad": voorraad[idx].tolist(),
            "sociale_voorraad": sociaal[idx].tolist(),
            "mutaties": mutaties[idx].tolist(),
        }
        totaal = int(sum(ind["mutaties"]) * AANDEEL_URGENT)
        for sleutel in SLEUTELS.values():
            invoeren.append(
                VerdeelInvoer(
                    gemeentecodes=[codes[i] for i in idx],
                    gemeentenamen=[f"Gemeente {i}" for i in idx],
                    indicatoren=ind,
                    bronnen={k: [bron] * len(idx) for k in ind},
                    gewichten=sleutel,
                    totaal=totaal,
                    grenzen=Grenzen(mutatiegrens=MUTATIEGRENS, al_toegewezen=statushouders[idx].tolist()),
                    ingroeipad=Ingroeipad(huidig=huidig[idx].tolist(), jaren=JAREN),
                    methode="sainte-lague",
                )
            )
    return invoeren


@pytest.fixture(scope="module")
def land() -> list[VerdeelInvoer]:
    return maak_land()


@pytest.fixture(scope="module")
def jaarquota(land: list[VerdeelInvoer]) -> list[tuple[object, int, list[str], list[float]]]:
    """Every yearly quota vector of the whole run (47 regions × 5 keys × 10 years)."""
    uit = []
    for invoer in land:
        u = verdeel(invoer)
        assert u.ingroeipad is not None
        for t, q in enumerate(u.ingroeipad.quota):
            uit.append((q, int(u.ingroeipad.totalen[t]), list(u.gemeentecodes), [float(x) for x in q]))
    return uit


def test_bench_heel_land(benchmark, land):
    """47 regions × 5 keys: key, caps (water-filling), 10-year ingroeipad, cumulative Sainte-Laguë."""
    uitkomsten = benchmark(lambda: [verdeel(invoer) for invoer in land])
    assert len(uitkomsten) == (PROVINCIES + ARBEIDSMARKTREGIOS) * len(SLEUTELS)
    assert all(u.totaal_aantal + u.tekort_aantal == u.totaal for u in uitkomsten)


def test_bench_afronding_verdeelwijzer(benchmark, jaarquota):
    """Only the yearly Sainte-Laguë rounding, exact (2,350 apportionments)."""
    benchmark(lambda: [rond_af(q, T, codes).aantallen for q, T, codes, _ in jaarquota])


def test_bench_afronding_apportionment_pakket(benchmark, jaarquota):
    """The same rounding with the PyPI package `apportionment` (floats), for the ratio."""
    benchmark.pedantic(
        lambda: [compute("saintelague", votes, T, parties=codes) for _, T, codes, votes in jaarquota],
        rounds=3,
        iterations=1,
    )


def test_afronding_zelfde_uitkomst(jaarquota):
    """Sanity: where the float package sees no near-tie, both give the same numbers."""
    verschillen = sum(
        1
        for q, T, codes, votes in jaarquota
        if list(rond_af(q, T, codes).aantallen) != compute("saintelague", votes, T, parties=codes)
    )
    assert verschillen <= len(jaarquota) // 100
