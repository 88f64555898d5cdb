"""The engine behind every sum-preserving rounding method: the `totaal` strongest claims win.

Each gemeente g holds a claim on its (j+1)-th unit; a method is nothing but the formula for that claim
(q' = quota scaled to the total, a = integer numerator of the quotum, N = Σ a):

    Sainte-Laguë   q'/(j + 1/2)         D'Hondt   q'/(j + 1)
    Huntington–Hill q'/√(j(j+1))         Hamilton  q' − j        (the j+1-th unit is owed q' − j)

Claims fall strictly with j, so the `totaal` strongest claims are a top set; floors force units (infinite
claim), caps forbid them. Gemeenten with quotum 0 never get a unit beyond their floor.

Speed: we start near the ideal divisor (round/floor of q') and move the few missing or surplus units,
never unit by unit from zero. Floats only *choose*: a result is accepted when the weakest unit given
beats the strongest unit refused by a margin far beyond float error (a certificate); otherwise the exact
integer path repairs the choice and looks for a tie. So the outcome is always the exact one.
`wijs_toe_reeks` does the same for all periods of a cumulative rounding at once (numpy).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported only by the cumulative fast path below (it costs start-up time)
    import numpy as np

SAINTE_LAGUE = "sainte-lague"
HAMILTON = "hamilton"
DHONDT = "dhondt"
HUNTINGTON_HILL = "huntington-hill"

Claim = tuple[int, int]
"""Exact claim as (numerator, denominator); denominator 0 means infinite (a forced first unit)."""

_INF = math.inf
_MARGE = 1e-9  # far above the ~1e-15 relative error of the float claims


def claim_functie(methode: str, tellers: Sequence[int], totaal: int, N: int) -> Callable[[int, int], Claim]:
    """Exact claim of gemeente g on its (j+1)-th unit, up to a positive factor common to all gemeenten."""
    if methode == SAINTE_LAGUE:
        return lambda g, j: (tellers[g], 2 * j + 1)
    if methode == DHONDT:
        return lambda g, j: (tellers[g], j + 1)
    if methode == HUNTINGTON_HILL:  # compare squares: q'^2 / (j(j+1)), exact without square roots
        return lambda g, j: (tellers[g] * tellers[g], j * (j + 1))
    if methode == HAMILTON:  # (q' − j) · N
        return lambda g, j: (totaal * tellers[g] - j * N, 1)
    raise ValueError(methode)


def startpunt(methode: str, tellers: Sequence[int], totaal: int, N: int) -> list[int]:
    """Units with claim ≥ 1 on the q' scale: the allocation at the ideal divisor (a top set)."""
    if N == 0:
        return [0] * len(tellers)
    T = totaal
    if methode == SAINTE_LAGUE:
        T2, N2 = 2 * T, 2 * N
        return [(T2 * a + N) // N2 for a in tellers]
    if methode in (DHONDT, HAMILTON):
        return [(T * a) // N for a in tellers]
    if methode == HUNTINGTON_HILL:
        uit = []
        NN = N * N
        for a in tellers:
            f = (T * a) // N
            uit.append(f + 1 if a and (T * a) ** 2 >= f * (f + 1) * NN else f)
        return uit
    raise ValueError(methode)


def _float_claim(methode: str, totaal: int) -> Callable[[float, int], float]:
    if methode == SAINTE_LAGUE:
        return lambda f, j: f / (2 * j + 1)
    if methode == DHONDT:
        return lambda f, j: f / (j + 1)
    if methode == HUNTINGTON_HILL:
        return lambda f, j: _INF if j == 0 else f / math.sqrt(j * (j + 1))
    return lambda f, j: totaal * f - j


def _claimlijsten(
    methode: str, af: list[float], totaal: int, x: list[int], lo: list[int] | None, up: list[int] | None
) -> tuple[list[float], list[float]]:
    """Float claims of every gemeente's next unit (−inf: not available) and last unit (+inf: not removable).

    Written out per method (and without bounds where there are none) because this is the hot loop of a
    country-wide run. lo/up None mean no floors/caps.
    """
    NI, PI = -_INF, _INF
    if methode == SAINTE_LAGUE:
        if up is None:
            nxt = [f / (2 * j + 1) if f else NI for f, j in zip(af, x, strict=True)]
        else:
            nxt = [f / (2 * j + 1) if f and j < u else NI for f, j, u in zip(af, x, up, strict=True)]
        if lo is None:
            lst = [f / (2 * j - 1) if j else PI for f, j in zip(af, x, strict=True)]
        else:
            lst = [f / (2 * j - 1) if j > v else PI for f, j, v in zip(af, x, lo, strict=True)]
        return nxt, lst
    lo_ = lo if lo is not None else [0] * len(x)
    up_ = up if up is not None else [totaal] * len(x)
    if methode == DHONDT:
        nxt = [f / (j + 1) if f and j < u else NI for f, j, u in zip(af, x, up_, strict=True)]
        lst = [f / j if j > v else PI for f, j, v in zip(af, x, lo_, strict=True)]
    elif methode == HAMILTON:
        nxt = [totaal * f - j if f and j < u else NI for f, j, u in zip(af, x, up_, strict=True)]
        lst = [totaal * f - j + 1 if j > v else PI for f, j, v in zip(af, x, lo_, strict=True)]
    else:
        c = _float_claim(methode, totaal)
        nxt = [c(f, j) if f and j < u else NI for f, j, u in zip(af, x, up_, strict=True)]
        lst = [c(f, j - 1) if j > v else PI for f, j, v in zip(af, x, lo_, strict=True)]
    return nxt, lst


def _fracties(tellers: Sequence[int], N: int) -> list[float] | None:
    """Each quotum's share as a float, or None when floats cannot be trusted (overflow, tiny shares)."""
    if N == 0:
        return None
    try:
        fN = float(N)
        af = [a / fN for a in tellers]  # a few roundings: far inside the certificate's margin
    except OverflowError:
        return None
    if min(af) < 1e-290:  # a zero quotum, or a share so small that floats lose relative precision
        if af.count(0.0) != list(tellers).count(0) or min((f for f in af if f), default=1.0) < 1e-290:
            return None
    return af


def _float_start(methode: str, af: list[float], totaal: int) -> list[int]:
    """A starting point near the answer; only a guess (the certificate or exact repair decides)."""
    T = totaal
    if methode == SAINTE_LAGUE:
        return [int(T * f + 0.5) for f in af]
    if methode == HUNTINGTON_HILL:
        uit = []
        for f in af:
            q = T * f
            a = int(q)
            uit.append(a + 1 if f and q * q >= a * (a + 1) else a)
        return uit
    return [int(T * f) for f in af]


def _snel(
    methode: str,
    af: list[float],
    totaal: int,
    tellers: Sequence[int],
    x: list[int],
    lo: list[int] | None,
    up: list[int] | None,
) -> bool:
    """Move units with float claims; True when the float certificate proves the exact top set (no tie)."""
    nxt, lst = _claimlijsten(methode, af, totaal, x, lo, up)
    d = totaal - sum(x)
    if d:
        c = _float_claim(methode, totaal)
        n = len(x)
        lo_ = lo if lo is not None else [0] * n
        up_ = up if up is not None else [totaal] * n
        if d > 4 or d < -4:
            if not _heap_stappen(c, af, tellers, x, lo_, up_, nxt, lst, d):
                return False
            d = 0
        while d > 0:
            g = nxt.index(max(nxt))
            if nxt[g] == -_INF:
                return False
            x[g] += 1
            nxt[g] = c(af[g], x[g]) if x[g] < up_[g] else -_INF
            lst[g] = c(af[g], x[g] - 1)
            d -= 1
        while d < 0:
            g = lst.index(min(lst))
            if lst[g] == _INF:
                return False
            x[g] -= 1
            lst[g] = c(af[g], x[g] - 1) if x[g] > lo_[g] else _INF
            nxt[g] = c(af[g], x[g])
            d += 1
    zwakst_gegeven, sterkst_geweigerd = min(lst), max(nxt)
    if sterkst_geweigerd == -_INF:
        return True
    if zwakst_gegeven == _INF:
        return sterkst_geweigerd != _INF
    if methode == HAMILTON:  # claims are differences: use an absolute margin on the q' scale
        return zwakst_gegeven - sterkst_geweigerd > _MARGE * (totaal + 1)
    return zwakst_gegeven > sterkst_geweigerd * (1 + _MARGE)


def _heap_stappen(
    c: Callable[[float, int], float],
    af: list[float],
    tellers: Sequence[int],
    x: list[int],
    lo: list[int],
    up: list[int],
    nxt: list[float],
    lst: list[float],
    d: int,
) -> bool:
    """Many units to move (bounds cut in deep): a heap instead of repeated scans. Updates x in place."""
    if d > 0:
        heap = [(-p, g) for g, p in enumerate(nxt) if p != -_INF]
        heapq.heapify(heap)
        for _ in range(d):
            if not heap:
                return False
            _, g = heapq.heappop(heap)
            x[g] += 1
            if x[g] < up[g]:
                heapq.heappush(heap, (-c(af[g], x[g]), g))
    else:
        heap = [(p, g) for g, p in enumerate(lst) if p != _INF]
        heapq.heapify(heap)
        for _ in range(-d):
            if not heap:
                return False
            _, g = heapq.heappop(heap)
            x[g] -= 1
            if x[g] > lo[g]:
                heapq.heappush(heap, (c(af[g], x[g] - 1), g))
    for g in range(len(x)):
        nxt[g] = c(af[g], x[g]) if tellers[g] and x[g] < up[g] else -_INF
        lst[g] = c(af[g], x[g] - 1) if x[g] > lo[g] else _INF
    return True


def _groter(a: Claim, b: Claim) -> bool:
    return a[0] * b[1] > b[0] * a[1]


def afkapgrens(
    claim: Callable[[int, int], Claim], tellers: Sequence[int], x: list[int], lo: list[int], up: list[int]
) -> tuple[tuple[int, Claim] | None, tuple[int, Claim] | None]:
    """Exact (gemeente, claim) of the weakest unit given and of the strongest unit refused."""
    zwakst: tuple[int, Claim] | None = None
    sterkst: tuple[int, Claim] | None = None
    for g in range(len(x)):
        if x[g] > lo[g]:
            p = claim(g, x[g] - 1)
            if zwakst is None or _groter(zwakst[1], p):
                zwakst = (g, p)
        if tellers[g] and x[g] < up[g]:
            p = claim(g, x[g])
            if sterkst is None or _groter(p, sterkst[1]):
                sterkst = (g, p)
    return zwakst, sterkst


def _exact(
    claim: Callable[[int, int], Claim],
    tellers: Sequence[int],
    totaal: int,
    x: list[int],
    lo: list[int],
    up: list[int],
) -> None:
    """Exact repair: add, remove or swap single units until x is a top set of exactly `totaal` units."""
    while True:
        zwakst, sterkst = afkapgrens(claim, tellers, x, lo, up)
        s = sum(x)
        if s < totaal:
            if sterkst is None:
                raise ValueError("onhaalbaar")  # excluded by the caller's feasibility checks
            x[sterkst[0]] += 1
        elif s > totaal:
            if zwakst is None:
                raise ValueError("onhaalbaar")
            x[zwakst[0]] -= 1
        elif zwakst is not None and sterkst is not None and _groter(sterkst[1], zwakst[1]):
            x[zwakst[0]] -= 1
            x[sterkst[0]] += 1
        else:
            return


def gelijke_stand(
    claim: Callable[[int, int], Claim], tellers: Sequence[int], x: list[int], lo: list[int], up: list[int]
) -> tuple[list[int], list[int], Claim] | None:
    """A tie at the cutoff: (holders of a unit at the cutoff claim, others with the same next claim, claim)."""
    zwakst, sterkst = afkapgrens(claim, tellers, x, lo, up)
    if zwakst is None or sterkst is None:
        return None
    p = zwakst[1]
    if p[0] * sterkst[1][1] != sterkst[1][0] * p[1]:
        return None
    houders = [g for g in range(len(x)) if x[g] > lo[g] and _gelijk(claim(g, x[g] - 1), p)]
    kandidaten = [g for g in range(len(x)) if tellers[g] and x[g] < up[g] and _gelijk(claim(g, x[g]), p)]
    return houders, kandidaten, p


def _gelijk(a: Claim, b: Claim) -> bool:
    return a[0] * b[1] == b[0] * a[1]


def wijs_toe(
    methode: str, tellers: Sequence[int], totaal: int, lo: list[int] | None, up: list[int] | None
) -> tuple[list[int], tuple[list[int], list[int], Claim] | None]:
    """The `totaal` strongest claims (bounds honoured), plus a cutoff tie if there is one.

    `up` uses `totaal` for "no cap". The caller has checked feasibility (Σlo ≤ totaal ≤ capacity).
    With a tie the returned x is one valid top set; the caller decides (error or lot).
    """
    n = len(tellers)
    N = sum(tellers)
    af = _fracties(tellers, N)
    if af is not None and up is None and lo is not None and methode == SAINTE_LAGUE:
        # the usual case in cumulative rounding (floors only): start and clamp in one pass
        x = [max(int(totaal * f + 0.5), v) if f else v for f, v in zip(af, lo, strict=True)]
    else:
        x = startpunt(methode, tellers, totaal, N) if af is None else _float_start(methode, af, totaal)
    if up is None and lo is not None:
        if af is None or methode != SAINTE_LAGUE:
            x = [v if v > lo_v and a else lo_v for v, a, lo_v in zip(x, tellers, lo, strict=True)]
    elif lo is not None or up is not None:
        lo_ = lo if lo is not None else [0] * n
        up_ = up if up is not None else [totaal] * n
        x = [
            lo_v if (not a or v < lo_v) else (u if v > u else v)
            for v, a, lo_v, u in zip(x, tellers, lo_, up_, strict=True)
        ]
    if af is not None and _snel(methode, af, totaal, tellers, x, lo, up):
        return x, None
    lo_ = lo if lo is not None else [0] * n
    up_ = up if up is not None else [totaal] * n
    claim = claim_functie(methode, tellers, totaal, N)
    _exact(claim, tellers, totaal, x, lo_, up_)
    return x, gelijke_stand(claim, tellers, x, lo_, up_)


def wijs_toe_reeks(
    methode: str,
    rijen: Sequence[Sequence[int]],
    totalen: Sequence[int],
    up_per: Sequence[Sequence[int | None] | None],
) -> list[list[int]]:
    """Fast path for cumulative rounding: all periods at once with numpy floats.

    `rijen[t]`: cumulative quota of period t (int numerators), `totalen[t]`: cumulative total, `up_per[t]`:
    caps on period t's own amounts (None = none). Every period is rounded without bounds; a period is
    accepted only if the float certificate proves its exact top set (no tie) and its amounts are ≥ 0 (the
    floors: nothing taken back) and within its caps — then the bounded exact answer is the same one.
    Returns the accepted cumulative allocations for the longest such prefix; the caller does the rest
    exactly, period by period.
    """
    if methode not in (SAINTE_LAGUE, DHONDT, HAMILTON) or len(rijen) < 2:
        return []
    import numpy as np

    Q = np.array(rijen, dtype=float)
    S = Q.sum(axis=1)
    if not np.isfinite(S).all() or not (S > 0).all() or ((Q > 0) & (Q < 1e-290 * S[:, None])).any():
        return []
    T = np.array(totalen, dtype=float)
    qp = Q * (T / S)[:, None]  # quota scaled to each period's cumulative total
    pos = Q > 0
    x = np.floor(qp + 0.5) if methode == SAINTE_LAGUE else np.floor(qp)
    d = (T - x.sum(axis=1))[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        # one shot per row: the d strongest next claims get a unit (or the −d weakest units held go back);
        # a gemeente that should have moved twice makes the certificate below fail, never a wrong answer
        if (d > 0).any():
            rang = np.argsort(np.argsort(-_volgende(methode, qp, x, pos), axis=1, kind="stable"), axis=1)
            x += rang < d
        if (d < 0).any():
            rang = np.argsort(np.argsort(_laatste(methode, qp, x), axis=1, kind="stable"), axis=1)
            x -= rang < -d
        zwakst = _laatste(methode, qp, x).min(axis=1)
        sterkst = _volgende(methode, qp, x, pos).max(axis=1)
    if methode == HAMILTON:
        ok = (zwakst - sterkst > _MARGE * (T + 1)) | (sterkst == -_INF)
    else:
        ok = (zwakst > sterkst * (1 + _MARGE)) | (sterkst == -_INF)
    ok &= x.sum(axis=1) == T
    bedragen = np.diff(x, axis=0, prepend=0)
    ok &= (bedragen >= 0).all(axis=1)  # also keeps x ≥ 0
    if any(u is not None for u in up_per):
        ok &= (bedragen <= _grensmatrix(up_per, Q.shape)).all(axis=1)
    k = len(ok) if ok.all() else int(np.argmin(ok))
    return x[:k].astype(np.int64).tolist()


def _grensmatrix(up_per: Sequence[Sequence[int | None] | None], vorm: tuple[int, ...]) -> np.ndarray:
    """Caps per period as a float matrix (inf = none); one shared cap list is converted only once."""
    import numpy as np

    eerste = up_per[0]
    if all(u is eerste for u in up_per):
        rij = np.array([_INF if u is None else u for u in eerste], dtype=float) if eerste is not None else _INF
        return np.broadcast_to(rij, vorm)
    return np.array(
        [[_INF] * vorm[1] if u is None else [_INF if v is None else v for v in u] for u in up_per], dtype=float
    )


def _volgende(methode: str, qp: np.ndarray, x: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Float claims of every next unit; −inf where the quotum is 0."""
    import numpy as np

    if methode == SAINTE_LAGUE:
        c = qp / (x + 0.5)
    elif methode == DHONDT:
        c = qp / (x + 1)
    else:
        c = qp - x
    return np.where(pos, c, -_INF)


def _laatste(methode: str, qp: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Float claims of every last unit held; +inf where nothing is held."""
    import numpy as np

    if methode == SAINTE_LAGUE:
        c = qp / (x - 0.5)
    elif methode == DHONDT:
        c = qp / x
    else:
        c = qp - x + 1
    return np.where(x > 0, c, _INF)
