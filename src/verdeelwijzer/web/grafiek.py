"""Server-rendered SVG charts (bar chart of a distribution, trend lines for monitoring).

Pure presentation: the numbers come from the core; this module only places them. Every bar and
point carries a <title> (hover text) that the caller fills with the value's source and peildatum.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

KLEUR_BALK = "#1f5f8b"
KLEUR_HUIDIG = "#9a6700"
KLEUR_GRENS = "#b42318"
LIJNKLEUREN = ("#1f5f8b", "#b42318", "#1a7f37", "#8250df", "#9a6700", "#0e7490")


@dataclass(frozen=True)
class Balk:
    label: str
    waarde: float
    titel: str
    huidig: float | None = None  # e.g. today's number (ingroeipad start), drawn as a marker
    grens: float | None = None  # e.g. the cap (mutatiegrens), drawn as a red tick
    gemarkeerd: bool = False  # e.g. cap reached


def staafdiagram(
    balken: Sequence[Balk],
    *,
    titel: str,
    opmaak: Callable[[float], str],
    breedte: int = 640,
    legenda_huidig: str = "huidig",
    legenda_grens: str = "grens",
    legenda: bool = True,
    grens_factor: float | None = None,
) -> Markup:
    """Horizontal bar chart, one row per item, value printed next to each bar (past a marker only where the
    marker would otherwise run through the number). `legenda=False` when the page explains the colours in HTML.
    With `grens_factor`, markers more than that many times the largest bar are left out of the scale (so a
    far-away cap does not shrink every bar); the page says so in its legend."""
    if grens_factor is not None:
        bovengrens = grens_factor * max([b.waarde for b in balken] + [1e-9])
        balken = [b if b.grens is None or b.grens <= bovengrens else
                  Balk(b.label, b.waarde, b.titel, b.huidig, None, b.gemarkeerd) for b in balken]
    rij_h, label_b, waarde_b, boven = 26, 190, 70, 8
    grafiek_b = breedte - label_b - waarde_b
    hoogste = max([b.waarde for b in balken] + [b.huidig or 0 for b in balken] + [b.grens or 0 for b in balken]
                  + [1e-9])
    heeft_huidig = any(b.huidig is not None for b in balken)
    heeft_grens = any(b.grens is not None for b in balken)
    legenda_h = 26 if legenda and (heeft_huidig or heeft_grens) else 0
    hoogte = boven + rij_h * len(balken) + legenda_h + 6
    delen = [
        f'<svg class="grafiek" viewBox="0 0 {breedte} {hoogte}" width="100%" role="img" '
        f'aria-label="{escape(titel)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(titel)}</title>",
    ]
    for i, b in enumerate(balken):
        y = boven + i * rij_h
        lengte = grafiek_b * b.waarde / hoogste
        delen.append(f'<g class="balk"><title>{escape(b.titel)}</title>')
        delen.append(
            f'<text x="{label_b - 8}" y="{y + 16}" text-anchor="end" class="as-label">{escape(b.label)}</text>'
        )
        kleur = KLEUR_GRENS if b.gemarkeerd else KLEUR_BALK
        delen.append(f'<rect x="{label_b}" y="{y + 4}" width="{max(lengte, 0.5):.1f}" height="{rij_h - 8}" '
                     f'fill="{kleur}"/>')
        if b.huidig is not None:
            x = label_b + grafiek_b * b.huidig / hoogste
            delen.append(f'<rect x="{x - 2:.1f}" y="{y + 1}" width="4" height="{rij_h - 2}" fill="{KLEUR_HUIDIG}"/>')
        if b.grens is not None:
            x = label_b + grafiek_b * b.grens / hoogste
            delen.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 1}" y2="{y + rij_h - 1}" '
                         f'stroke="{KLEUR_GRENS}" stroke-width="2" stroke-dasharray="3 2"/>')
        # The number sits right after its bar; only a marker that would run through it pushes it past the marker
        # (a number far from its bar reads as the bar's length).
        tekst = opmaak(b.waarde)
        x_waarde, tekst_b = lengte + 6, 8 * len(tekst) + 6
        for m in sorted(grafiek_b * m / hoogste for m in (b.huidig, b.grens) if m is not None):
            if x_waarde - 4 <= m <= x_waarde + tekst_b:
                x_waarde = m + 6
        delen.append(f'<text x="{label_b + x_waarde:.1f}" y="{y + 16}" class="as-waarde">'
                     f"{escape(tekst)}</text></g>")
    if legenda_h:
        y = boven + rij_h * len(balken) + 16
        x = label_b
        delen.append(f'<rect x="{x}" y="{y - 10}" width="14" height="12" fill="{KLEUR_BALK}"/>'
                     f'<text x="{x + 20}" y="{y}" class="as-label">uitkomst</text>')
        x += 110
        if heeft_huidig:
            delen.append(f'<rect x="{x}" y="{y - 12}" width="4" height="16" fill="{KLEUR_HUIDIG}"/>'
                         f'<text x="{x + 10}" y="{y}" class="as-label">{escape(legenda_huidig)}</text>')
            x += 150
        if heeft_grens:
            delen.append(f'<line x1="{x}" x2="{x}" y1="{y - 12}" y2="{y + 4}" stroke="{KLEUR_GRENS}" '
                         f'stroke-width="2" stroke-dasharray="3 2"/>'
                         f'<text x="{x + 8}" y="{y}" class="as-label">{escape(legenda_grens)}</text>')
    delen.append("</svg>")
    return Markup("".join(delen))


KLEUR_MEER = "#b35806"  # diverging, colour-blind safe (PuOr): orange = takes more, purple = takes fewer
KLEUR_MINDER = "#542788"


def verschildiagram(
    rijen: Sequence[tuple[str, float, str]],
    *,
    titel: str,
    opmaak: Callable[[float], str],
    schaal: float | None = None,
    breedte: int = 380,
) -> Markup:
    """Diverging horizontal bars around a zero line: (label, difference, hover text) per row. Positive
    differences go right in orange, negative left in purple; the signed value is printed at the bar's end.
    `schaal` (largest absolute difference) lets several panels share one scale."""
    rij_h, label_b, boven, marge = 22, 165, 6, 30
    grootste = max([abs(w) for _, w, _ in rijen] + [schaal or 0, 1e-9])
    half = (breedte - label_b - 2 * marge) / 2
    nul = label_b + marge + half
    hoogte = boven + rij_h * len(rijen) + 6
    delen = [f'<svg class="grafiek verschil" viewBox="0 0 {breedte} {hoogte}" width="100%" role="img" '
             f'aria-label="{escape(titel)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(titel)}</title>',
             f'<line x1="{nul:.1f}" x2="{nul:.1f}" y1="{boven}" y2="{hoogte - 4}" class="as-nul"/>']
    for i, (label, w, t) in enumerate(rijen):
        y = boven + i * rij_h
        lengte = half * abs(w) / grootste
        x = nul if w >= 0 else nul - lengte
        kleur = KLEUR_MEER if w > 0 else KLEUR_MINDER
        tekst_x, anker = (nul + lengte + 4, "start") if w >= 0 else (nul - lengte - 4, "end")
        delen.append(f'<g class="balk"><title>{escape(t)}</title>'
                     f'<text x="{label_b - 6}" y="{y + 16}" text-anchor="end" class="as-label">{escape(label)}</text>')
        if w:
            delen.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{max(lengte, 1):.1f}" height="{rij_h - 8}" '
                         f'fill="{kleur}"/>')
        delen.append(f'<text x="{tekst_x:.1f}" y="{y + 16}" text-anchor="{anker}" class="as-waarde">'
                     f"{escape(opmaak(w))}</text></g>")
    delen.append("</svg>")
    return Markup("".join(delen))


@dataclass(frozen=True)
class Reeks:
    naam: str
    punten: Sequence[tuple[str, float | None]]  # (period label, value)
    titels: Sequence[str] = ()
    gestippeld: bool = False


def lijngrafiek(
    reeksen: Sequence[Reeks],
    *,
    titel: str,
    opmaak: Callable[[float], str],
    breedte: int = 720,
    hoogte: int = 300,
) -> Markup:
    """Line chart over periods (same x labels for every series), with y gridlines and a legend."""
    links, rechts, boven, onder = 70, 20, 16, 60
    labels = list(dict.fromkeys(p for r in reeksen for p, _ in r.punten))
    waarden = [w for r in reeksen for _, w in r.punten if w is not None]
    hoogste = max(waarden + [1e-9]) * 1.1
    gb, gh = breedte - links - rechts, hoogte - boven - onder
    stap = gb / max(len(labels) - 1, 1)

    def xy(label: str, w: float) -> tuple[float, float]:
        return links + labels.index(label) * stap, boven + gh - gh * w / hoogste

    delen = [f'<svg class="grafiek" viewBox="0 0 {breedte} {hoogte}" width="100%" role="img" '
             f'aria-label="{escape(titel)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(titel)}</title>']
    for k in range(5):
        w = hoogste * k / 4
        y = boven + gh - gh * k / 4
        delen.append(f'<line x1="{links}" x2="{breedte - rechts}" y1="{y:.1f}" y2="{y:.1f}" class="as-lijn"/>'
                     f'<text x="{links - 6}" y="{y + 4:.1f}" text-anchor="end" class="as-label">'
                     f"{escape(opmaak(w))}</text>")
    for label in labels:
        x = links + labels.index(label) * stap
        delen.append(f'<text x="{x:.1f}" y="{boven + gh + 18}" text-anchor="middle" class="as-label">'
                     f"{escape(label)}</text>")
    for i, r in enumerate(reeksen):
        kleur = LIJNKLEUREN[i % len(LIJNKLEUREN)]
        punten = [(xy(p, w), t) for (p, w), t in zip(r.punten, list(r.titels) + [""] * len(r.punten),
                                                     strict=False) if w is not None]
        if len(punten) > 1:
            streep = ' stroke-dasharray="6 4"' if r.gestippeld else ""
            d = " ".join(f"{x:.1f},{y:.1f}" for (x, y), _ in punten)
            delen.append(f'<polyline points="{d}" fill="none" stroke="{kleur}" stroke-width="2.5"{streep}/>')
        for (x, y), t in punten:
            delen.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{kleur}"><title>{escape(t or r.naam)}'
                         f"</title></circle>")
        lx = links + i * 170
        delen.append(f'<rect x="{lx}" y="{hoogte - 22}" width="14" height="4" fill="{kleur}"/>'
                     f'<text x="{lx + 20}" y="{hoogte - 16}" class="as-label">{escape(r.naam)}</text>')
    delen.append("</svg>")
    return Markup("".join(delen))
