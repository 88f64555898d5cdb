"""Server-rendered SVG maps of gemeenten (no map JavaScript, no tiles, no internet).

The embedded boundaries (WGS84) are projected once with a simple equirectangular projection whose
x-axis is scaled by cos(latitude) at the centre of the Netherlands, simplified with Douglas-Peucker
for the scale of the view, and cached as SVG path strings. Colouring is presentation only: quantile
classes over values that the core computed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Projection: 1 unit = 1/1000 degree of latitude (about 111 m); x scaled by cos(52.2°).
_LAT0 = 52.2
_KX = math.cos(math.radians(_LAT0))
_SCHAAL = 1000.0

# Sequential, colour-blind-safe palette (viridis, 5 classes), light = low, dark = high.
PALET = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
GEEN_GEGEVENS = "#d9d9d9"

Punt = tuple[float, float]


@dataclass(frozen=True)
class Vorm:
    code: str
    naam: str
    ringen: tuple[tuple[Punt, ...], ...]
    vak: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax


@dataclass(frozen=True)
class KaartGemeente:
    code: str
    naam: str
    d: str
    kleur: str
    titel: str
    klasse: int | None


@dataclass(frozen=True)
class LegendaItem:
    kleur: str
    label: str


@dataclass(frozen=True)
class Kaart:
    viewbox: str
    gemeenten: list[KaartGemeente]
    achtergrond: list[str]
    legenda: list[LegendaItem]
    titel: str
    bron: str
    hoogte_verhouding: float


def _projecteer(lon: float, lat: float) -> Punt:
    return (lon * _KX * _SCHAAL, -lat * _SCHAAL)


@lru_cache(maxsize=1)
def vormen() -> dict[str, Vorm]:
    """All gemeenten boundaries, projected (cached for the life of the process)."""
    bron = resources.files("verdeelwijzer.gegevens.data").joinpath("gemeenten_2024.geojson")
    ruw = json.loads(bron.read_bytes())
    uit: dict[str, Vorm] = {}
    for f in ruw["features"]:
        g = f["geometry"]
        polygonen = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        ringen = tuple(tuple(_projecteer(x, y) for x, y in ring) for poly in polygonen for ring in poly)
        xs = [p[0] for r in ringen for p in r]
        ys = [p[1] for r in ringen for p in r]
        code = f["properties"]["gemeentecode"]
        uit[code] = Vorm(code, f["properties"]["gemeentenaam"], ringen, (min(xs), min(ys), max(xs), max(ys)))
    return uit


def _douglas_peucker(punten: Sequence[Punt], tol: float) -> list[Punt]:
    """Iterative Douglas-Peucker; keeps first and last point."""
    n = len(punten)
    if n < 4 or tol <= 0:
        return list(punten)
    houden = [False] * n
    houden[0] = houden[-1] = True
    stapel = [(0, n - 1)]
    tol2 = tol * tol
    while stapel:
        a, b = stapel.pop()
        ax, ay = punten[a]
        bx, by = punten[b]
        dx, dy = bx - ax, by - ay
        lengte2 = dx * dx + dy * dy
        verste, index = -1.0, -1
        for i in range(a + 1, b):
            px, py = punten[i]
            if lengte2 == 0:
                afstand2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                kruis = dx * (py - ay) - dy * (px - ax)
                afstand2 = kruis * kruis / lengte2
            if afstand2 > verste:
                verste, index = afstand2, i
        if index >= 0 and verste > tol2:
            houden[index] = True
            stapel.append((a, index))
            stapel.append((index, b))
    return [p for p, h in zip(punten, houden, strict=True) if h]


@lru_cache(maxsize=4096)
def pad(code: str, tol: float) -> str:
    """SVG path data of one gemeente at tolerance `tol` (projected units), cached."""
    delen = []
    for ring in vormen()[code].ringen:
        punten = _douglas_peucker(ring, tol)
        if len(punten) < 4:  # tiny islands collapse at this scale; keep them as they are
            punten = list(ring)
        eerste, *rest = punten
        delen.append(
            f"M{eerste[0]:.1f} {eerste[1]:.1f}" + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest[:-1]) + "Z"
        )
    return "".join(delen)


def _vak(codes: Sequence[str]) -> tuple[float, float, float, float]:
    v = vormen()
    return (
        min(v[c].vak[0] for c in codes), min(v[c].vak[1] for c in codes),
        max(v[c].vak[2] for c in codes), max(v[c].vak[3] for c in codes),
    )


def kwantielklassen(waarden: Sequence[float], n: int = 5) -> list[float]:
    """Upper bounds of up to `n` quantile classes (distinct, ascending; last = maximum)."""
    gesorteerd = sorted(waarden)
    if not gesorteerd:
        return []
    grenzen: list[float] = []
    for k in range(1, n + 1):
        index = min(len(gesorteerd) - 1, math.ceil(k * len(gesorteerd) / n) - 1)
        g = gesorteerd[index]
        if not grenzen or g > grenzen[-1]:
            grenzen.append(g)
    return grenzen


def _klasse(waarde: float, grenzen: Sequence[float]) -> int:
    for i, g in enumerate(grenzen):
        if waarde <= g:
            return i
    return len(grenzen) - 1


def _palet(aantal: int) -> list[str]:
    if aantal <= 1:
        return [PALET[2]]
    return [PALET[round(i * (len(PALET) - 1) / (aantal - 1))] for i in range(aantal)]


def maak_kaart(
    codes: Sequence[str],
    waarden: Mapping[str, float | None],
    titels: Mapping[str, str],
    *,
    titel: str,
    bron: str,
    opmaak: Callable[[float], str] = str,
    context: bool = True,
    klassen: Sequence[LegendaItem] | None = None,
    klasse_van: Mapping[str, int | None] | None = None,
) -> Kaart:
    """A choropleth of `codes` coloured by `waarden` (quantile classes), with neighbours in grey.

    `titels` is the hover text per gemeente (it should name the value's source and peildatum);
    `opmaak` formats class bounds for the legend. With `klassen` (colour + label per class, e.g. the
    monitoring statuses) and `klasse_van` (code -> class index, None = no data) the map uses those fixed
    classes instead of quantiles, so equal colours always mean the same thing.
    """
    v = vormen()
    codes = [c for c in codes if c in v]
    xmin, ymin, xmax, ymax = _vak(codes)
    marge = 0.03 * max(xmax - xmin, ymax - ymin)
    xmin, ymin, xmax, ymax = xmin - marge, ymin - marge, xmax + marge, ymax + marge
    breedte, hoogte = xmax - xmin, ymax - ymin
    tol = round(max(breedte, hoogte) / 1500, 2)

    if klassen is not None:
        return _vaste_kaart(codes, v, titels, klassen, klasse_van or {}, titel=titel, bron=bron, context=context)
    bekend = [float(w) for c in codes if (w := waarden.get(c)) is not None]
    grenzen = kwantielklassen(bekend)
    kleuren = _palet(len(grenzen))
    gemeenten = []
    for c in codes:
        w = waarden.get(c)
        klasse = None if w is None else _klasse(float(w), grenzen)
        gemeenten.append(KaartGemeente(
            code=c, naam=v[c].naam, d=pad(c, tol),
            kleur=GEEN_GEGEVENS if klasse is None else kleuren[klasse],
            titel=titels.get(c, v[c].naam), klasse=klasse,
        ))
    achtergrond = []
    if context:
        gekozen = set(codes)
        for c, vorm in v.items():
            if c in gekozen:
                continue
            a = vorm.vak
            if a[2] >= xmin and a[0] <= xmax and a[3] >= ymin and a[1] <= ymax:
                achtergrond.append(pad(c, tol))
    legenda = []
    onder: float | None = min(bekend) if bekend else None
    for i, g in enumerate(grenzen):
        in_klasse = [b for b in bekend if _klasse(b, grenzen) == i]
        laag = min(in_klasse) if in_klasse else onder
        label = opmaak(g) if laag == g else f"{opmaak(laag)} – {opmaak(g)}"
        legenda.append(LegendaItem(kleuren[i], label))
    if len(bekend) < len(codes):
        legenda.append(LegendaItem(GEEN_GEGEVENS, "geen gegevens"))
    return Kaart(
        viewbox=f"{xmin:.1f} {ymin:.1f} {breedte:.1f} {hoogte:.1f}",
        gemeenten=gemeenten, achtergrond=achtergrond, legenda=legenda, titel=titel, bron=bron,
        hoogte_verhouding=hoogte / breedte,
    )


def _vaste_kaart(codes: Sequence[str], v: dict[str, Vorm], titels: Mapping[str, str], klassen: Sequence[LegendaItem],
                 klasse_van: Mapping[str, int | None], *, titel: str, bron: str, context: bool) -> Kaart:
    xmin, ymin, xmax, ymax = _vak(codes)
    marge = 0.03 * max(xmax - xmin, ymax - ymin)
    xmin, ymin, xmax, ymax = xmin - marge, ymin - marge, xmax + marge, ymax + marge
    breedte, hoogte = xmax - xmin, ymax - ymin
    tol = round(max(breedte, hoogte) / 1500, 2)
    gemeenten = []
    for c in codes:
        klasse = klasse_van.get(c)
        gemeenten.append(KaartGemeente(code=c, naam=v[c].naam, d=pad(c, tol),
                                       kleur=GEEN_GEGEVENS if klasse is None else klassen[klasse].kleur,
                                       titel=titels.get(c, v[c].naam), klasse=klasse))
    achtergrond = []
    if context:
        gekozen = set(codes)
        for c, vorm in v.items():
            a = vorm.vak
            if c not in gekozen and a[2] >= xmin and a[0] <= xmax and a[3] >= ymin and a[1] <= ymax:
                achtergrond.append(pad(c, tol))
    legenda = list(klassen)
    if any(klasse_van.get(c) is None for c in codes):
        legenda.append(LegendaItem(GEEN_GEGEVENS, "geen gegevens of nog niet begonnen"))
    return Kaart(viewbox=f"{xmin:.1f} {ymin:.1f} {breedte:.1f} {hoogte:.1f}", gemeenten=gemeenten,
                 achtergrond=achtergrond, legenda=legenda, titel=titel, bron=bron, hoogte_verhouding=hoogte / breedte)


@dataclass(frozen=True)
class KaartLabel:
    code: str
    naam: str
    x: float
    y: float
    grootte: float  # font size in map units


def _ring_zwaartepunt(ring: Sequence[Punt]) -> tuple[float, float, float]:
    """Area (absolute) and centroid of one ring (shoelace formula)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        k = x0 * y1 - x1 * y0
        a += k
        cx += (x0 + x1) * k
        cy += (y0 + y1) * k
    if a == 0:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def naamlabels(kaart: Kaart, *, min_aandeel: float = 0.006, max_labels: int = 40) -> list[KaartLabel]:
    """Name labels for the larger gemeenten of a map, placed at the centroid of their largest ring,
    biggest first, skipping any label whose box would overlap one already placed (so they stay readable;
    every gemeente is still named in its aria-label and in the table next to the map)."""
    v = vormen()
    x0, y0, breedte, hoogte = (float(d) for d in kaart.viewbox.split())
    grootte = max(breedte, hoogte) / 34
    kandidaten = []
    for gm in kaart.gemeenten:
        ringen = [_ring_zwaartepunt(r) for r in v[gm.code].ringen]
        opp, cx, cy = max(ringen)
        if opp >= min_aandeel * breedte * hoogte:
            kandidaten.append((opp, gm.code, gm.naam, cx, cy))
    geplaatst: list[tuple[float, float, float, float]] = []
    uit = []
    for _, code, naam, cx, cy in sorted(kandidaten, reverse=True):
        halve_b = 0.3 * grootte * len(naam)
        vak = (cx - halve_b, cy - 0.8 * grootte, cx + halve_b, cy + 0.4 * grootte)
        if vak[0] < x0 or vak[2] > x0 + breedte or any(
                vak[0] < b[2] and b[0] < vak[2] and vak[1] < b[3] and b[1] < vak[3] for b in geplaatst):
            continue
        geplaatst.append(vak)
        uit.append(KaartLabel(code, naam, cx, cy, grootte))
        if len(uit) >= max_labels:
            break
    return uit
