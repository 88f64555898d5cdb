"""The matching round (pure): candidates × offers within the remaining quota per gemeente × category and
the mutatiegrens, solved exactly, with every match and non-match explained.

Model. A binary variable x[c, o] for every feasible pair (needs met, woonvorm wanted, household fits, the
gemeente not excluded, the offer available, quota left). Constraints: each candidate at most one offer, each
offer at most one candidate, per gemeente × category at most the remaining quota, per gemeente at most the
remaining mutatiegrens. Objective (maximise, integers only, see `gewicht`): a placed candidate of rank r
(1 = first) of n scores p = n + 1 − r rank points, weighted by B = n(n+1)/2 + 1, plus p once more if the offer
is in the gemeente of origin (or a motivated "tenzij" gemeente). All herkomst bonuses together stay below B,
so they only decide between solutions with the same rank points — "herkomst, tenzij" never outweighs anyone's
priority — and among those the higher-ranked candidate has the stronger claim on a home in her own gemeente.
Offers that are fully equivalent for a candidate (the same gemeente, both fitting) are named in the
explanation instead of being chosen silently.

Why a MILP and not a plain min-cost flow: the quota constraint counts the pairs of one category *placed in*
one gemeente. Its edge set crosses the offer constraints (one offer can go to several categories), so the
constraint family is not laminar and the problem is not a network flow; its LP relaxation need not be
integral. We therefore solve the integer programme exactly with HiGHS (branch and bound, through
`scipy.optimize.milp`) with a relative gap of 0: the proven optimum, not a heuristic. The problem splits into
independent parts (candidates, offers and quotas that share nothing — in practice one region each), which
are solved separately; their optima add up to the optimum of the whole.

Size: a candidate keeps, per gemeente, only as many fitting offers as placements can happen there
(`_genoeg_per_gemeente`, an exact reduction), which makes a national round small.

Input order never matters: candidates and offers are put in case-number order first, and ranks come from
the agreed rules and tie rule only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.transferpunt.model import (
    BEHOEFTEN,
    WOONVORMEN,
    Aanbod,
    Grens,
    Kandidaat,
    Koppeling,
    NietGekoppeld,
    Quotum,
    Quotumgebruik,
    Rangregel,
    Ronde,
    normaliseer_behoeften,
)
from verdeelwijzer.transferpunt.prioriteit import criterium_naam, rangorde
from verdeelwijzer.transferpunt.schema import Criterium, GelijkeStand

METHODE = (
    "geheeltallig lineair programma (toewijzing met quota en mutatiegrens), exact opgelost met HiGHS via "
    "scipy.optimize (LP-relaxatie met duale simplex; is die niet geheeltallig, dan branch-and-bound), "
    "optimaliteitsmarge 0, per onafhankelijk deel"
)
# Weights are whole numbers up to about n⁴/2 in total; below 2⁵³ a double holds them exactly.
MAX_KANDIDATEN = 10_000
MAX_SECONDEN = 300
_GROOT = 1 << 30


def gewicht(rang: int, n: int, in_herkomst: bool) -> int:
    """The objective weight of placing the candidate of rank `rang` (of n) in a home (in her herkomst or not)."""
    punten = n + 1 - rang
    return punten * (n * (n + 1) // 2 + 1) + (punten if in_herkomst else 0)


@dataclass(frozen=True)
class Regels:
    """What the round needs from the agreement's `transferpunt:` section."""

    criteria: tuple[Criterium, ...]
    gelijk: GelijkeStand
    herkomst_voorkeur: bool = True


@dataclass(frozen=True)
class Oplossing:
    """The raw solver result: chosen (candidate index, offer index) pairs and the objective value."""

    paren: tuple[tuple[int, int], ...]
    doelwaarde: int


def los_toewijzing_op(
    n_kandidaten: int, n_aanbod: int, kand: np.ndarray, aanb: np.ndarray, gewicht: np.ndarray,
    groepen: Sequence[tuple[np.ndarray, int]],
) -> Oplossing:
    """Maximise Σ gewicht·x over pairs (kand[i], aanb[i]) with ≤ 1 per candidate, ≤ 1 per offer and, for every
    (variable indices, capacity) in `groepen`, at most that capacity. Exact (HiGHS MILP, gap 0)."""
    from scipy.optimize import LinearConstraint, linprog, milp
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    m = len(kand)
    if m == 0:
        return Oplossing((), 0)
    # Rows: candidates, offers, then one per group.
    rijen = [kand, n_kandidaten + aanb]
    kolommen = [np.arange(m), np.arange(m)]
    cap = [np.ones(n_kandidaten), np.ones(n_aanbod)]
    basis = n_kandidaten + n_aanbod
    for g, (idx, capaciteit) in enumerate(groepen):
        rijen.append(np.full(len(idx), basis + g))
        kolommen.append(idx)
        cap.append(np.array([capaciteit], dtype=float))
    r = np.concatenate(rijen)
    k = np.concatenate(kolommen)
    b = np.concatenate(cap)
    n_rijen = basis + len(groepen)
    # Independent parts: rows and variables linked through shared rows (bipartite graph row–variable).
    graaf = coo_array((np.ones(len(r)), (r, n_rijen + k)), shape=(n_rijen + m, n_rijen + m))
    _, label = connected_components(graaf, directed=False)
    var_label = label[n_rijen:]
    volgorde = np.argsort(var_label, kind="stable")
    grenzen = np.flatnonzero(np.diff(var_label[volgorde])) + 1
    gekozen: list[int] = []
    a_vol = coo_array((np.ones(len(r)), (r, k)), shape=(n_rijen, m)).tocsc()
    for deel in np.split(volgorde, grenzen):
        sub = a_vol[:, deel].tocsr()
        actief = np.flatnonzero(np.diff(sub.indptr))
        sub = sub[actief]
        w = gewicht[deel].astype(float)
        if len(deel) == 1 or (sub.sum(axis=1) <= b[actief]).all():
            # No constraint can bind: take every variable with positive weight.
            gekozen.extend(int(deel[i]) for i in np.flatnonzero(w > 0))
            continue
        # The LP relaxation first (dual simplex): when its optimal vertex is integral it is the integer optimum.
        # Otherwise (ties can give a fractional vertex) branch and bound with a gap of 0.
        lp = linprog(-w, A_ub=sub, b_ub=b[actief], bounds=(0, 1), method="highs-ds",
                     options={"time_limit": MAX_SECONDEN})
        if lp.status == 0 and lp.x is not None and np.all(np.minimum(lp.x, 1 - lp.x) < 1e-9):
            gekozen.extend(int(deel[i]) for i in np.flatnonzero(lp.x > 0.5))
            continue
        uitkomst = milp(
            c=-w, constraints=LinearConstraint(sub, -np.inf, b[actief]), integrality=np.ones(len(deel)),
            bounds=(0, 1), options={"mip_rel_gap": 0.0, "presolve": True, "time_limit": MAX_SECONDEN},
        )
        if uitkomst.status != 0 or uitkomst.x is None:
            raise VerdeelFout(f"De koppelronde is niet binnen {MAX_SECONDEN} s exact opgelost ({uitkomst.message}); "
                              "er is niets voorgesteld.")
        gekozen.extend(int(deel[i]) for i in np.flatnonzero(uitkomst.x > 0.5))
    gekozen.sort()
    _controleer(gekozen, kand, aanb, groepen)
    return Oplossing(tuple((int(kand[i]), int(aanb[i])) for i in gekozen), int(sum(int(gewicht[i]) for i in gekozen)))


def _controleer(gekozen: list[int], kand: np.ndarray, aanb: np.ndarray, groepen: Sequence[tuple[np.ndarray, int]]
                ) -> None:
    """Check the solver's answer against every constraint in exact integers (never trust a float)."""
    if len(set(kand[gekozen].tolist())) != len(gekozen) or len(set(aanb[gekozen].tolist())) != len(gekozen):
        raise VerdeelFout("Interne controle: een kandidaat of aanbod is twee keer gekoppeld; er is niets voorgesteld.")
    keuze = np.zeros(len(kand), dtype=bool)
    keuze[gekozen] = True
    for idx, capaciteit in groepen:
        if int(keuze[idx].sum()) > capaciteit:
            raise VerdeelFout("Interne controle: een quotum of mutatiegrens is overschreden; er is niets voorgesteld.")


def _bitmasker(waarden: Sequence[frozenset[str]], namen: Sequence[str]) -> np.ndarray:
    bit = {n: 1 << i for i, n in enumerate(namen)}
    return np.array([sum(bit[w] for w in ws if w in bit) for ws in waarden], dtype=np.int64)


def koppel(
    kandidaten: Sequence[Kandidaat],
    aanbod: Sequence[Aanbod],
    quota: Sequence[Quotum],
    grenzen: Sequence[Grens],
    categorie_van: Callable[[str], str | None],
    regels: Regels,
    *,
    periode: str,
    datum: date,
    regio: frozenset[str],
    namen: Mapping[str, str] | None = None,
    bronnen: Sequence[str] = (),
) -> Ronde:
    """One matching round. `categorie_van` maps a candidate's category to the agreement's quota category."""
    def naam(c):
        return ((namen or {}).get(c, c))
    kandidaten = sorted(kandidaten, key=lambda k: k.dossier)
    aanbod = sorted(aanbod, key=lambda a: a.aanbod)
    for soort, sleutels in (("dossiernummer", [k.dossier for k in kandidaten]),
                            ("aanbodnummer", [a.aanbod for a in aanbod])):
        dubbel = sorted(s for s, n in Counter(sleutels).items() if n > 1)
        if dubbel:
            raise VerdeelFout(f"Dubbel {soort}: {', '.join(dubbel)}; er is niets gekoppeld.")
    if len(kandidaten) > MAX_KANDIDATEN:
        raise VerdeelFout(f"Een koppelronde kan hoogstens {MAX_KANDIDATEN} kandidaten exact wegen; deze ronde heeft "
                          f"{len(kandidaten)}. Splits de ronde per regio.")
    rangen = rangorde(kandidaten, regels.criteria, regels.gelijk, datum, regio)
    rang = {r.dossier: r.rang for r in rangen}
    per_dossier: dict[str, Rangregel] = {r.dossier: r for r in rangen}
    n = len(kandidaten)

    gemeenten = sorted({a.gemeentecode for a in aanbod} | {q.gemeentecode for q in quota}
                       | {g.gemeentecode for g in grenzen})
    gi = {g: i for i, g in enumerate(gemeenten)}
    a_gem = np.array([gi[a.gemeentecode] for a in aanbod], dtype=np.int64)
    behoeften = list(BEHOEFTEN)
    vormen = list(WOONVORMEN)
    a_kenm = _bitmasker([a.kenmerken for a in aanbod], behoeften)
    a_vorm = np.array([1 << vormen.index(a.woonvorm) if a.woonvorm in vormen else 0 for a in aanbod], dtype=np.int64)
    a_maxh = np.array([a.max_huishouden if a.max_huishouden is not None else _GROOT for a in aanbod], dtype=np.int64)
    a_vanaf = np.array([a.beschikbaar_vanaf.toordinal() if a.beschikbaar_vanaf else 0 for a in aanbod],
                       dtype=np.int64)
    beschikbaar = a_vanaf <= datum.toordinal()

    q_rest: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(len(gemeenten), dtype=np.int64))
    q_bestaat: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(len(gemeenten), dtype=bool))
    q_per: dict[tuple[str, str], Quotum] = {}
    for q in quota:
        q_rest[q.categorie][gi[q.gemeentecode]] = q.rest
        q_bestaat[q.categorie][gi[q.gemeentecode]] = True
        q_per[(q.gemeentecode, q.categorie)] = q
    g_rest = np.full(len(gemeenten), _GROOT, dtype=np.int64)
    for g in grenzen:
        g_rest[gi[g.gemeentecode]] = g.rest
    per_gemeente = [np.flatnonzero(a_gem == i) for i in range(len(gemeenten))]
    # At most this many placements can happen in a gemeente in this round (mutatiegrens, sum of its quota).
    quotumsom = np.zeros(len(gemeenten), dtype=np.int64)
    for rest in q_rest.values():
        quotumsom += rest
    plaatsen = np.minimum(g_rest, quotumsom)

    kand_idx: list[np.ndarray] = []
    aanb_idx: list[np.ndarray] = []
    gewichten: list[np.ndarray] = []
    thuis: list[np.ndarray] = []
    zonder: dict[int, tuple[str, str]] = {}  # candidate index → (soort, reden) when no pair is feasible
    cat_van = [categorie_van(k.categorie) for k in kandidaten]
    kandidaat_gem_per_cat = {c: np.flatnonzero(b) for c, b in q_bestaat.items()}
    offers_per_cat = {c: np.sort(np.concatenate([per_gemeente[g] for g in gs])) if len(gs) else np.array([], int)
                      for c, gs in kandidaat_gem_per_cat.items()}
    for ci, k in enumerate(kandidaten):
        cat = cat_van[ci]
        if cat is None or cat not in q_bestaat:
            zonder[ci] = ("geen_quotum", f"voor categorie '{k.categorie}' is in deze afspraak geen quotum vastgelegd")
            continue
        idx = offers_per_cat[cat]
        nodig = int(_bitmasker([normaliseer_behoeften(k.nodig)], behoeften)[0])
        wil = int(_bitmasker([k.woonvormen], vormen)[0])
        uitgesloten = np.array([gi[g] for g in k.uitgesloten if g in gi], dtype=np.int64)
        ok_vorm = (a_vorm[idx] & wil) != 0
        ok_nodig = (a_kenm[idx] & nodig) == nodig
        ok_grootte = a_maxh[idx] >= k.huishoudgrootte
        ok_uit = ~np.isin(a_gem[idx], uitgesloten) if len(uitgesloten) else np.ones(len(idx), dtype=bool)
        ok_tijd = beschikbaar[idx]
        passend = ok_vorm & ok_nodig & ok_grootte & ok_uit & ok_tijd
        ok_quotum = q_rest[cat][a_gem[idx]] > 0
        ok_grens = g_rest[a_gem[idx]] > 0
        mogelijk = passend & ok_quotum & ok_grens
        if not mogelijk.any():
            zonder[ci] = _reden_zonder(k, cat, idx, a_gem, gemeenten, passend, ok_vorm, ok_nodig, ok_grootte, ok_uit,
                                       ok_tijd, ok_quotum, naam)
            continue
        gekozen = idx[mogelijk]
        kand_idx.append(np.full(len(gekozen), ci, dtype=np.int64))
        aanb_idx.append(gekozen)
        in_herkomst = np.zeros(len(gekozen), dtype=bool)
        for g in {k.herkomstgemeente} | set(k.tenzij):
            if g in gi:
                in_herkomst |= a_gem[gekozen] == gi[g]
        thuis_telt = in_herkomst if regels.herkomst_voorkeur else np.zeros(len(gekozen), dtype=bool)
        gewichten.append(np.where(thuis_telt, gewicht(rang[k.dossier], n, True), gewicht(rang[k.dossier], n, False)))
        thuis.append(in_herkomst)

    kand = np.concatenate(kand_idx) if kand_idx else np.array([], dtype=np.int64)
    aanb = np.concatenate(aanb_idx) if aanb_idx else np.array([], dtype=np.int64)
    w_paren = np.concatenate(gewichten) if gewichten else np.array([], dtype=np.int64)
    in_thuis = np.concatenate(thuis) if thuis else np.array([], dtype=bool)
    # All fitting pairs stay available for the explanations; the solver gets the exact reduction.
    alle = (kand, aanb, in_thuis)
    houd = _genoeg_per_gemeente(kand, aanb, a_gem, a_vanaf, plaatsen)
    kand, aanb, w_paren, in_thuis = kand[houd], aanb[houd], w_paren[houd], in_thuis[houd]
    categorie_lijst = sorted(q_bestaat)
    cat_nr = np.array([categorie_lijst.index(c) if c in q_bestaat else -1 for c in cat_van], dtype=np.int64)
    var_gem = a_gem[aanb] if len(aanb) else np.array([], dtype=np.int64)
    groepen: list[tuple[np.ndarray, int]] = []
    if len(kand):
        # One quota row per gemeente × category and one mutatiegrens row per gemeente (vectorised grouping).
        sleutel = var_gem * len(categorie_lijst) + cat_nr[kand]
        for waarde, leden in _groepeer(sleutel):
            g, c = divmod(int(waarde), len(categorie_lijst))
            groepen.append((leden, int(q_rest[categorie_lijst[c]][g])))
        for g, leden in _groepeer(var_gem):
            if g_rest[g] < _GROOT:
                groepen.append((leden, int(g_rest[g])))
    oplossing = los_toewijzing_op(n, len(aanbod), kand, aanb, w_paren, groepen)

    return _uitkomst(kandidaten, aanbod, quota, grenzen, categorie_van, regels, periode, datum, rang, per_dossier,
                     oplossing, *alle, zonder, q_per, naam, bronnen)


def _groepeer(sleutel: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """(key, indices) for every distinct key, keys ascending."""
    volgorde = np.argsort(sleutel, kind="stable")
    gesorteerd = sleutel[volgorde]
    grenzen = np.flatnonzero(np.diff(gesorteerd)) + 1
    return [(int(gesorteerd[d[0]]), np.sort(volgorde[d[0]:d[1]]))
            for d in zip(np.r_[0, grenzen], np.r_[grenzen, len(sleutel)], strict=True)]


def _genoeg_per_gemeente(kand: np.ndarray, aanb: np.ndarray, a_gem: np.ndarray, a_vanaf: np.ndarray,
                         plaatsen: np.ndarray) -> np.ndarray:
    """Keep, per candidate and gemeente, only as many fitting offers as placements can happen there (a mask).

    Exact: offers in one gemeente that fit a candidate are equal for her (same quota, mutatiegrens, weight).
    If at most P placements happen in the gemeente and she keeps P fitting offers, then in any optimal solution
    that places her on a dropped offer, the others there hold at most P − 1 offers, so one of her kept offers
    is free and she can move to it: same objective. Which P she keeps is fixed by the data, not the input
    order: the longest-available offers first, then the offer number.
    """
    if not len(kand):
        return np.zeros(0, dtype=bool)
    gem = a_gem[aanb]
    volgorde = np.lexsort((aanb, a_vanaf[aanb], gem, kand))
    groep = kand[volgorde] * (int(gem.max()) + 1) + gem[volgorde]
    start = np.r_[0, np.flatnonzero(np.diff(groep)) + 1]
    rang_in_groep = np.arange(len(volgorde)) - np.repeat(start, np.diff(np.r_[start, len(volgorde)]))
    houd = np.zeros(len(kand), dtype=bool)
    houd[volgorde[rang_in_groep < plaatsen[gem[volgorde]]]] = True
    return houd


def _reden_zonder(k: Kandidaat, cat: str, idx: np.ndarray, a_gem: np.ndarray, gemeenten: Sequence[str],
                  passend: np.ndarray, ok_vorm: np.ndarray, ok_nodig: np.ndarray, ok_grootte: np.ndarray,
                  ok_uit: np.ndarray, ok_tijd: np.ndarray, ok_quotum: np.ndarray,
                  naam: Callable[[str], str]) -> tuple[str, str]:
    if not len(idx):
        return "geen_passend_aanbod", "geen aanbod in de gemeenten met een quotum voor deze categorie"
    if not passend.any():
        delen = []
        for teller, tekst in ((~ok_vorm, "andere woonvorm dan gewenst"),
                              (ok_vorm & ~ok_nodig, "mist wat nodig is (" + ", ".join(
                                  BEHOEFTEN[b] for b in sorted(normaliseer_behoeften(k.nodig))) + ")"),
                              (ok_vorm & ok_nodig & ~ok_grootte, "te klein voor het huishouden"),
                              (ok_vorm & ok_nodig & ok_grootte & ~ok_uit, "in een uitgesloten gemeente"),
                              (ok_vorm & ok_nodig & ok_grootte & ok_uit & ~ok_tijd, "nog niet beschikbaar")):
            if teller.any():
                delen.append(f"{int(teller.sum())} {tekst}")
        return "geen_passend_aanbod", f"geen passend aanbod ({len(idx)} bekeken: {'; '.join(delen)})"
    gem = sorted({gemeenten[g] for g in a_gem[idx[passend]].tolist()})
    if not (passend & ok_quotum).any():
        return "geen_quotum", (f"passend aanbod alleen in gemeenten zonder resterend quotum voor '{cat}': "
                               + ", ".join(naam(g) for g in gem))
    return "mutatiegrens", ("passend aanbod alleen in gemeenten die de mutatiegrens hebben bereikt: "
                            + ", ".join(naam(g) for g in gem))


def _uitkomst(kandidaten: Sequence[Kandidaat], aanbod: Sequence[Aanbod], quota: Sequence[Quotum],
              grenzen: Sequence[Grens], categorie_van: Callable[[str], str | None], regels: Regels, periode: str,
              datum: date, rang: Mapping[str, int], per_dossier: Mapping[str, Rangregel], oplossing: Oplossing,
              kand: np.ndarray, aanb: np.ndarray, in_thuis: np.ndarray, zonder: Mapping[int, tuple[str, str]],
              q_per: Mapping[tuple[str, str], Quotum], naam: Callable[[str], str], bronnen: Sequence[str]) -> Ronde:
    n = len(kandidaten)
    gekoppeld = dict(oplossing.paren)
    aanbod_naar = {o: c for c, o in oplossing.paren}
    per_gemeente: Counter[str] = Counter()
    # Quota use is numbered in rank order, so "3 van 5" reads naturally.
    volgnummer: dict[int, int] = {}
    teller: Counter[tuple[str, str]] = Counter()
    for c in sorted(gekoppeld, key=lambda c: rang[kandidaten[c].dossier]):
        sleutel = (aanbod[gekoppeld[c]].gemeentecode, categorie_van(kandidaten[c].categorie) or "")
        teller[sleutel] += 1
        volgnummer[c] = teller[sleutel]
        per_gemeente[sleutel[0]] += 1
    gebruik = teller
    grens_van = {g.gemeentecode: g for g in grenzen}
    thuis_paren = {(int(kand[i]), int(aanb[i])) for i in np.flatnonzero(in_thuis)}
    volgorde = np.argsort(kand, kind="stable")
    begin = np.searchsorted(kand[volgorde], np.arange(n + 1))

    class _Paren(dict):  # candidate → its fitting offers, built only for the candidates asked about
        def __missing__(self, c: int) -> list[int]:
            self[c] = aanb[volgorde[begin[c]:begin[c + 1]]].tolist()
            return self[c]

    paren_van = _Paren()
    koppelingen = []
    for c, o in sorted(oplossing.paren, key=lambda p: rang[kandidaten[p[0]].dossier]):
        k, a = kandidaten[c], aanbod[o]
        cat = categorie_van(k.categorie) or ""
        q = q_per[(a.gemeentecode, cat)]
        r = per_dossier[k.dossier]
        thuis = (c, o) in thuis_paren
        nodig = sorted(normaliseer_behoeften(k.nodig))
        waarom_woning = (f"{WOONVORMEN.get(a.woonvorm, a.woonvorm)}"
                         + (f" van {a.corporatie}" if a.corporatie else "")
                         + f" in {naam(a.gemeentecode)}; past: "
                         + (", ".join(BEHOEFTEN[b] for b in nodig) if nodig else "geen bijzondere behoeften")
                         + (f", huishouden van {k.huishoudgrootte}" + (f" (maximaal {a.max_huishouden})"
                                                                      if a.max_huishouden else "")))
        if a.gemeentecode == k.herkomstgemeente:
            herkomst = "in de herkomstgemeente"
        elif a.gemeentecode in k.tenzij:
            herkomst = f"niet de herkomstgemeente {naam(k.herkomstgemeente)}, tenzij-gemeente: {k.tenzij_reden}"
        elif any((c, o2) in thuis_paren for o2 in paren_van[c]):
            nemers = sorted({kandidaten[aanbod_naar[o2]].dossier for o2 in paren_van[c]
                             if (c, o2) in thuis_paren and o2 in aanbod_naar}, key=lambda d: rang[d])
            herkomst = (f"niet in de herkomstgemeente {naam(k.herkomstgemeente)}: het passende aanbod daar ging naar "
                        + (", ".join(f"{d} (rang {rang[d]})" for d in nemers[:5]) if nemers else "niemand")
                        + " — de ronde plaatst eerst de grootste som van rangpunten, daarna zoveel mogelijk in de "
                        "herkomstgemeente")
        else:
            herkomst = (f"niet in de herkomstgemeente {naam(k.herkomstgemeente)}: daar was in deze ronde geen "
                        "passend aanbod met quotum voor deze kandidaat")
        waarom_eerst = f"rang {r.rang} van {n}: " + "; ".join(r.waarden) + (
            f"; bij gelijke stand geloot (lot {r.lot})" if r.lot else "")
        grens = grens_van.get(a.gemeentecode)
        quotumtekst = (f"gebruikt quotum {naam(a.gemeentecode)} × {cat}: {volgnummer[c]} van {q.rest} in deze ronde"
                       + (f" (doel {periode}: {q.doel}, eerder {q.eerder})" if q.eerder else f" (doel {periode})"))
        if grens is not None:
            quotumtekst += (f"; mutatiegrens {naam(a.gemeentecode)}: {per_gemeente[a.gemeentecode]} van {grens.rest} "
                            "resterend")
        gelijkwaardig = sorted(aanbod[o2].aanbod for o2 in paren_van[c]
                               if o2 != o and o2 not in aanbod_naar and aanbod[o2].gemeentecode == a.gemeentecode)
        if gelijkwaardig:
            waarom_woning += ("; even passend en nog vrij in dezelfde gemeente (de keuze verandert geen rang, quotum "
                              f"of herkomst): {', '.join(gelijkwaardig[:5])}"
                              + (" …" if len(gelijkwaardig) > 5 else ""))
        uitleg = (f"Waarom deze woning: {waarom_woning}; {herkomst}. Waarom deze kandidaat: {waarom_eerst}. "
                  f"{quotumtekst}.")
        koppelingen.append(Koppeling(k.dossier, a.aanbod, a.gemeentecode, cat, r.rang, thuis, uitleg))

    # Non-matches: either nothing was feasible (reason known up front) or the optimum used the feasible offers,
    # quotas or mutatiegrens for others — named, with their ranks.
    niet = []
    for ci, k in enumerate(kandidaten):
        if ci in gekoppeld:
            continue
        if ci in zonder:
            soort, reden = zonder[ci]
        else:
            cat = categorie_van(k.categorie) or ""
            bezet, vol_q, vol_g = [], set(), set()
            for o in paren_van[ci]:
                a = aanbod[o]
                if o in aanbod_naar:
                    bezet.append((kandidaten[aanbod_naar[o]].dossier, o))
                elif gebruik[(a.gemeentecode, cat)] >= q_per[(a.gemeentecode, cat)].rest:
                    vol_q.add(a.gemeentecode)
                else:
                    vol_g.add(a.gemeentecode)
            delen = []
            if bezet:
                hoger = [d for d, _ in bezet if rang[d] < rang[k.dossier]]
                lager = [d for d, _ in bezet if rang[d] > rang[k.dossier]]
                tekst = f"{len(bezet)} passende woning(en) gaan naar kandidaten met "
                tekst += "een hogere rang" if not lager else "andere rangen"
                tekst += " (" + ", ".join(f"{d} rang {rang[d]}" for d, _ in sorted(bezet, key=lambda x: rang[x[0]])[:5])
                tekst += ", …)" if len(bezet) > 5 else ")"
                if lager and not hoger:
                    tekst += ("; met dit dossier erbij zouden anderen met samen meer rangpunten geen woning krijgen "
                              "(de ronde plaatst de grootste som van rangpunten)")
                delen.append(tekst)
            if vol_q:
                delen.append(f"quotum {cat} op in {', '.join(naam(g) for g in sorted(vol_q))}")
            if vol_g:
                delen.append(f"mutatiegrens bereikt in {', '.join(naam(g) for g in sorted(vol_g))}")
            soort = "voorrang_anderen" if bezet else ("geen_quotum" if vol_q else "mutatiegrens")
            reden = "; ".join(delen)
        niet.append(NietGekoppeld(k.dossier, rang[k.dossier], reden, soort))
    niet.sort(key=lambda x: x.rang)

    quota_uit = tuple(
        Quotumgebruik(q.gemeentecode, q.categorie, q.rest, gebruik[(q.gemeentecode, q.categorie)], q.doel, q.eerder)
        for q in sorted(quota, key=lambda q: (q.categorie, q.gemeentecode))
    )
    waarschuwingen = []
    vrij = len(aanbod) - len(oplossing.paren)
    if vrij:
        waarschuwingen.append(f"{vrij} van {len(aanbod)} aanbiedingen zijn in deze ronde niet gekoppeld.")
    return Ronde(
        periode=periode, datum=datum, koppelingen=tuple(koppelingen), niet_gekoppeld=tuple(niet), quota=quota_uit,
        grenzen=tuple(grenzen), rangorde=tuple(sorted(per_dossier.values(), key=lambda r: r.rang)),
        criteria=tuple(criterium_naam(c) for c in regels.criteria), doelwaarde=oplossing.doelwaarde,
        methode=METHODE, waarschuwingen=tuple(waarschuwingen), bronnen=tuple(bronnen),
    )
