"""Figures for the documents: the region map and the chart per gemeente, as standalone SVG.

They reuse the web app's projection, simplification and colouring (`web.kaart.maak_kaart`) and its bar
chart (`web.grafiek.staafdiagram`); here the SVG only gets inline styles and a fixed size, because a
document has no stylesheet. `svg_naar_png` rasterises through Typst (a pip-only route: no Cairo, no
system libraries), for the DOCX, which cannot hold SVG.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape

from verdeelwijzer.documenten.model import Figuur

LETTERTYPE = "Libertinus Serif"  # embedded in the typst package; no system font needed
KLEUR_GEKOZEN = "#1f5f8b"
KLEUR_REGIO = "#b9d3e6"
KLEUR_BUITEN = "#eeeeee"


def _kaart_svg(kaart: object, breedte: int = 640) -> str:
    from verdeelwijzer.web.kaart import Kaart

    assert isinstance(kaart, Kaart)
    hoogte = round(breedte * kaart.hoogte_verhouding)
    dikte = float(kaart.viewbox.split()[2]) / breedte  # about one pixel in projected units
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{kaart.viewbox}" width="{breedte}" height="{hoogte}">',
        f"<title>{escape(kaart.titel)}</title>",
        f'<g fill="{KLEUR_BUITEN}" stroke="#ffffff" stroke-width="{dikte:.2f}">',
        *(f'<path d="{d}"/>' for d in kaart.achtergrond),
        "</g>",
        f'<g stroke="#ffffff" stroke-width="{dikte * 1.5:.2f}">',
        *(f'<path d="{g.d}" fill="{g.kleur}"><title>{escape(g.titel)}</title></path>' for g in kaart.gemeenten),
        "</g></svg>",
    ]
    return "".join(delen)


def kaart_gemeente(codes: Sequence[str], gekozen: str, namen: Mapping[str, str], regionaam: str) -> Figuur:
    """The region with one gemeente highlighted."""
    from verdeelwijzer.web.kaart import maak_kaart

    kaart = maak_kaart(codes, {c: None for c in codes}, namen, titel=f"Regio {regionaam}", bron="")
    svg = _kaart_svg(kaart)
    for g in kaart.gemeenten:  # colour by role, not by value
        kleur = KLEUR_GEKOZEN if g.code == gekozen else KLEUR_REGIO
        svg = svg.replace(f'<path d="{g.d}" fill="{g.kleur}">', f'<path d="{g.d}" fill="{kleur}">', 1)
    naam = namen[gekozen]
    return Figuur(
        svg=svg,
        alt=f"Kaart van de regio {regionaam} ({len(codes)} gemeenten) waarop {naam} donkerblauw is gemarkeerd.",
        breedte_cm=11.0,
        bijschrift=f"{naam} (donkerblauw) in de regio {regionaam} (lichtblauw); grijs: gemeenten buiten de regio. "
        "Grenzen: CBS/Kadaster, Gebieden in Nederland 2024.",
    )


def kaart_regio(
    codes: Sequence[str], waarden: Mapping[str, float], namen: Mapping[str, str], *, titel: str,
    opmaak: Callable[[float], str],
) -> Figuur:
    """The region coloured by a value per gemeente (quantile classes, colour-blind-safe palette)."""
    from verdeelwijzer.web.kaart import maak_kaart

    titels = {c: f"{namen[c]}: {opmaak(waarden[c])}" for c in codes}
    kaart = maak_kaart(codes, dict(waarden), titels, titel=titel, bron="", opmaak=opmaak)
    legenda = "; ".join(f"{i.label}" for i in kaart.legenda)
    return Figuur(
        svg=_kaart_svg(kaart),
        alt=f"{titel}. " + "; ".join(titels[c] for c in codes) + ".",
        bijschrift=f"{titel}. Klassen van licht naar donker: {legenda}. Grenzen: CBS/Kadaster, Gebieden in "
        "Nederland 2024.",
        breedte_cm=11.0,
    )


def staafdiagram(balken: Sequence[tuple[str, float, float | None]], *, titel: str, alt: str,
                 opmaak: Callable[[float], str], legenda_grens: str = "mutatiegrens") -> Figuur:
    """A horizontal bar chart (label, value, optional limit) with the web app's look."""
    from verdeelwijzer.web.grafiek import Balk
    from verdeelwijzer.web.grafiek import staafdiagram as web_staafdiagram

    svg = str(web_staafdiagram(
        [Balk(label, waarde, f"{label}: {opmaak(waarde)}", grens=grens, gemarkeerd=grens is not None and waarde > grens)
         for label, waarde, grens in balken],
        titel=titel, opmaak=opmaak, legenda_grens=legenda_grens,
    ))
    svg = svg.replace('width="100%"', 'width="640"', 1).replace(
        "<svg ", f'<svg font-family="{LETTERTYPE}" font-size="13" ', 1)
    return Figuur(svg=svg, alt=alt, bijschrift=titel)


def svg_naar_png(svg: str, breedte_cm: float = 16.0, ppi: int = 150) -> bytes:
    """Rasterise an SVG with Typst (deterministic; fonts embedded in the typst package)."""
    import typst

    bron = (
        "#set page(width: auto, height: auto, margin: 2pt, fill: white)\n"
        f'#image(bytes(sys.inputs.svg), format: "svg", width: {breedte_cm}cm)\n'
    )
    png = typst.compile(bron.encode("utf-8"), format="png", ppi=ppi, sys_inputs={"svg": svg},
                        ignore_system_fonts=True)
    assert isinstance(png, bytes)
    return png
