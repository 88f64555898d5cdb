"""Benchmark (not a test): a national monthly transferpunt round — about 3,000 candidates and 15,000 offers,
sparse by region (each of 40 regions has its own quota per gemeente × category) — solved with Verdeelwijzer's
model (HiGHS through scipy.optimize.milp, split into independent parts) and the *same* model built in
PuLP and solved with CBC, in the same run. Reported as a ratio; both optima are checked to be equal.

    PYTHONPATH=src python3 tests/bench/bench_transferpunt.py [--kandidaten 3000] [--aanbod 15000] [--zonder-pulp]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from verdeelwijzer.transferpunt import koppelen
from verdeelwijzer.transferpunt.koppelen import Regels, koppel
from verdeelwijzer.transferpunt.model import Aanbod, Grens, Kandidaat, Quotum
from verdeelwijzer.transferpunt.schema import Criterium, GelijkeStand

DATUM = date(2026, 12, 1)
CATEGORIEEN = ("uitstroom_mo", "uitstroom_bw", "medisch")
BEHOEFTEN = ("nultreden", "rolstoel", "begeleiding_nabij", "begane_grond")


def nationale_ronde(n_k: int, n_a: int, n_regio: int = 40, seed: int = 2026):
    r = random.Random(seed)
    gemeenten = [f"GM{9000 + i:04d}" for i in range(342)]
    regio_van = {g: i % n_regio for i, g in enumerate(gemeenten)}
    per_regio: dict[int, list[str]] = {}
    for g, i in regio_van.items():
        per_regio.setdefault(i, []).append(g)
    kandidaten = []
    for i in range(n_k):
        g = r.choice(gemeenten)
        regio = regio_van[g]
        kandidaten.append(Kandidaat(
            f"NL-{i:05d}", f"R{regio:02d}:{r.choice(CATEGORIEEN)}", g,
            date(2024, 1, 1) + timedelta(days=r.randrange(700)),
            date(2025, 1, 1) + timedelta(days=r.randrange(330)) if r.random() < 0.9 else None,
            huishoudgrootte=r.choice([1, 1, 1, 2, 3, 4]),
            nodig=frozenset(b for b in BEHOEFTEN if r.random() < 0.15),
            woonvormen=frozenset({"zelfstandig"}) if r.random() < 0.9 else frozenset({"housing_first"}),
            uitgesloten=frozenset({r.choice(per_regio[regio])}) if r.random() < 0.1 else frozenset(),
        ))
    aanbod = [Aanbod(f"W-{j:06d}", r.choice(gemeenten),
                     woonvorm="zelfstandig" if r.random() < 0.93 else "housing_first",
                     kenmerken=frozenset(b for b in BEHOEFTEN if r.random() < 0.3),
                     max_huishouden=r.choice([None, 1, 2, 3, 4]),
                     beschikbaar_vanaf=DATUM - timedelta(days=r.randrange(40)))
              for j in range(n_a)]
    quota = [Quotum(g, f"R{regio_van[g]:02d}:{k}", r.randrange(0, 5), r.randrange(0, 2))
             for g in gemeenten for k in CATEGORIEEN]
    grenzen = [Grens(g, r.randrange(3, 12), r.randrange(0, 3)) for g in gemeenten]
    return kandidaten, aanbod, quota, grenzen


def pulp_model(n_k, n_a, kand, aanb, gewicht, groepen):  # noqa: ANN001, ANN201
    """The same MILP in PuLP/CBC: identical variables, constraints and weights."""
    import pulp

    model = pulp.LpProblem("transferpunt", pulp.LpMaximize)
    x = [pulp.LpVariable(f"x{i}", cat="Binary") for i in range(len(kand))]
    model += pulp.lpSum(int(w) * v for w, v in zip(gewicht.tolist(), x, strict=True))
    per_k: dict[int, list] = {}
    per_a: dict[int, list] = {}
    for i, (c, o) in enumerate(zip(kand.tolist(), aanb.tolist(), strict=True)):
        per_k.setdefault(c, []).append(x[i])
        per_a.setdefault(o, []).append(x[i])
    for lijst in list(per_k.values()) + list(per_a.values()):
        model += pulp.lpSum(lijst) <= 1
    for idx, cap in groepen:
        model += pulp.lpSum(x[i] for i in idx.tolist()) <= cap
    model.solve(pulp.PULP_CBC_CMD(msg=False, gapRel=0))
    assert pulp.LpStatus[model.status] == "Optimal", pulp.LpStatus[model.status]
    return round(pulp.value(model.objective))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--kandidaten", type=int, default=3000)
    p.add_argument("--aanbod", type=int, default=15000)
    p.add_argument("--zonder-pulp", action="store_true")
    a = p.parse_args()
    kandidaten, aanbod, quota, grenzen = nationale_ronde(a.kandidaten, a.aanbod)
    regels = Regels((Criterium(urgentiedatum=True), Criterium(wachttijd=True)), GelijkeStand(regel="loting", seed=1))
    vastgelegd: dict = {}
    echte_oplosser = koppelen.los_toewijzing_op

    def meet(*args):  # noqa: ANN001, ANN202
        vastgelegd["model"] = args
        t = time.perf_counter()
        uit = echte_oplosser(*args)
        vastgelegd["oplostijd"] = time.perf_counter() - t
        return uit

    koppelen.los_toewijzing_op = meet
    import scipy.optimize  # noqa: F401  (imported before timing, as PuLP is: both measure solving, not imports)

    t = time.perf_counter()
    ronde = koppel(kandidaten, aanbod, quota, grenzen, lambda c: c, regels, periode="2026-12", datum=DATUM,
                   regio=frozenset())
    totaal = time.perf_counter() - t
    koppelen.los_toewijzing_op = echte_oplosser
    n_var = len(vastgelegd["model"][2])
    print(f"Nationale ronde: {len(kandidaten)} kandidaten, {len(aanbod)} aanbiedingen, {len(quota)} quota, "
          f"{n_var} toegestane paren (variabelen), {len(vastgelegd['model'][5])} quotum-/grensrijen.")
    print(f"Verdeelwijzer (HiGHS via scipy.optimize.milp, opgesplitst): optimum {ronde.doelwaarde}, "
          f"{len(ronde.koppelingen)} koppelingen; oplossen {vastgelegd['oplostijd']:.2f} s, hele ronde incl. "
          f"toelaatbaarheid en uitleg {totaal:.2f} s.")
    if a.zonder_pulp:
        return
    t = time.perf_counter()
    optimum = pulp_model(*vastgelegd["model"])
    pulp_tijd = time.perf_counter() - t
    print(f"PuLP {__import__('pulp').__version__} + CBC, zelfde model: optimum {optimum}; bouwen en oplossen "
          f"{pulp_tijd:.2f} s.")
    assert optimum == ronde.doelwaarde, "de optima verschillen"
    print(f"Verhouding (PuLP/CBC ÷ Verdeelwijzer): oplossen {pulp_tijd / vastgelegd['oplostijd']:.1f}×, "
          f"tegen de hele ronde {pulp_tijd / totaal:.1f}×.")


if __name__ == "__main__":
    main()
