"""Thin adapters shared by the HTML pages and the JSON API: they call the core and shape its result into
`Tabel`s and map layers. No calculation lives here (shares, sums and quota come from the core)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from verdeelwijzer.gegevens import Gegevens, Regio, attributie
from verdeelwijzer.gegevens.samenvatting import gemeenterijen, regiototaal
from verdeelwijzer.regels import alle_parameters
from verdeelwijzer.web.kaart import Kaart, maak_kaart
from verdeelwijzer.web.opmaak import (
    STATUS_UITLEG,
    STATUS_WOORD,
    bron_tekst,
    datum,
    exacte_waarde,
    getal,
    parameterwaarde,
)
from verdeelwijzer.web.tabellen import Kolom, Tabel

OVERZICHT_KOLOMMEN = ("inwoners", "huishoudens", "woningvoorraad", "sociale_voorraad", "sociaal_aandeel", "mutaties")
SOCIAAL_AANDEEL_UITLEG = "sociaal aandeel = sociale voorraad / woningvoorraad × 100 (berekend door Verdeelwijzer)"


def kolomkop(g: Gegevens, kolom: str) -> str:
    if kolom == "sociaal_aandeel":
        return "Sociaal aandeel (%)"
    meta = g.kolommen[kolom]
    jaar = meta.peildatum[:4] if meta.peildatum[:4].isdigit() else meta.peildatum
    extra = ", schatting" if meta.soort == "schatting" else ""
    kop = meta.label or kolom.replace("_", " ").capitalize()
    return f"{kop} ({jaar}{extra})"


def kolomuitleg(g: Gegevens, kolom: str) -> str:
    if kolom == "sociaal_aandeel":
        return SOCIAAL_AANDEEL_UITLEG
    m = g.kolommen[kolom]
    return f"{m.omschrijving}. Bron: {m.bron} ({m.tabel}); peildatum {datum(m.peildatum)}; eenheid {m.eenheid}."


def kaartindicatoren(g: Gegevens) -> list[tuple[str, str]]:
    """(kolom, label) of every figure a map can be coloured by."""
    kolommen = [k for k in g.numerieke_kolommen() if not k.endswith("_jaar")]
    uit = [(k, g.kolommen[k].omschrijving[:90]) for k in kolommen]
    uit.insert(4, ("sociaal_aandeel", "Sociaal aandeel van de woningvoorraad (%)"))
    return uit


def gemeententabel(g: Gegevens, regio: Regio, codes: Sequence[str]) -> Tabel:
    rijen = gemeenterijen(g, codes, OVERZICHT_KOLOMMEN)
    for rij in rijen:
        bronnen = rij.pop("bronnen")
        rij["_bronnen"] = {k: bron_tekst(b) for k, b in bronnen.items()}
        rij["_bronnen"]["sociaal_aandeel"] = SOCIAAL_AANDEEL_UITLEG
        rij["_markeringen"] = {k for k in OVERZICHT_KOLOMMEN if (rij["gemeentecode"], k) in g.cel_bronnen}
    totaal = {"gemeentecode": "", "gemeentenaam": "Totaal regio", **regiototaal(g, codes)}
    kolommen = [Kolom("gemeentecode", "Code", numeriek=False), Kolom("gemeentenaam", "Gemeente", numeriek=False)]
    kolommen += [Kolom(k, kolomkop(g, k), uitleg=kolomuitleg(g, k), decimalen=1 if k == "sociaal_aandeel" else 0)
                 for k in OVERZICHT_KOLOMMEN]
    return Tabel(
        naam=f"gemeenten_{regio.naam}", titel=f"Gemeenten in {regio.naam} ({regio.soort})",
        kolommen=kolommen, rijen=rijen, totaal=totaal, voetnoten=gegevens_voetnoten(g, codes, OVERZICHT_KOLOMMEN),
    )


def gegevens_voetnoten(g: Gegevens, codes: Sequence[str], kolommen: Sequence[str]) -> list[str]:
    noten = [f"{kolomkop(g, k)}: {kolomuitleg(g, k)}" for k in kolommen if k in g.kolommen or k == "sociaal_aandeel"]
    eigen = sorted({b.label for (c, k), b in g.cel_bronnen.items() if c in codes and k in kolommen})
    if eigen:
        noten.append("Gemarkeerde cijfers (*) komen uit eigen invoer: " + "; ".join(eigen) + ".")
    noten.append(attributie())
    return noten


def indicatorkaart(g: Gegevens, codes: Sequence[str], indicator: str) -> Kaart:
    """Map of an indicator (a column, or sociaal_aandeel from the core's summary)."""
    waarden: dict[str, float | None] = {}
    titels: dict[str, str] = {}
    if indicator == "sociaal_aandeel":
        for rij in gemeenterijen(g, codes, ["sociaal_aandeel"]):
            waarden[rij["gemeentecode"]] = rij["sociaal_aandeel"]
        bron = SOCIAAL_AANDEEL_UITLEG + "; " + bron_tekst(g.kolommen["sociale_voorraad"].als_bron())
        eenheid = "%"
    else:
        if indicator not in g.kolommen:
            from verdeelwijzer.fouten import InvoerFout

            raise InvoerFout(f"Onbekende indicator '{indicator}'.")
        for c in codes:
            w = g.tabel.at[c, indicator]
            waarden[c] = None if w != w else float(w)
        m = g.kolommen[indicator]
        bron = f"{m.omschrijving}. Bron: {m.bron} ({m.tabel}); peildatum {datum(m.peildatum)}."
        eenheid = m.eenheid
    for c in codes:
        w = waarden[c]
        herkomst = SOCIAAL_AANDEEL_UITLEG if indicator == "sociaal_aandeel" else bron_tekst(g.bron(c, indicator))
        titels[c] = f"{g.naam(c)}: {getal(w) if w is not None else 'geen gegevens'} {eenheid}. {herkomst}"
    titel = dict(kaartindicatoren(g)).get(indicator, indicator)
    return maak_kaart(codes, waarden, titels, titel=titel, bron=bron, opmaak=getal)


def gemeente_detail(g: Gegevens, code: str) -> list[dict[str, Any]]:
    """Every figure of one gemeente with its own source (for the click-through panel)."""
    uit = []
    for k in g.numerieke_kolommen():
        if k.endswith("_jaar"):
            continue
        w = g.tabel.at[code, k]
        uit.append({
            "kolom": k, "kop": kolomkop(g, k), "omschrijving": g.kolommen[k].omschrijving,
            "waarde": None if w != w else w,
            "eenheid": g.kolommen[k].eenheid, "bron": bron_tekst(g.bron(code, k)),
            "eigen": (code, k) in g.cel_bronnen,
        })
    return uit


def regels_tabel(peildatum: date | None = None) -> Tabel:
    """Every parameter value with status and source (rules as code)."""
    rijen = []
    for p in alle_parameters():
        for w in p.waarden:
            rijen.append({
                "naam": p.naam, "omschrijving": p.omschrijving, "waarde": parameterwaarde(w.waarde, p.eenheid),
                "exact": exacte_waarde(w.waarde), "eenheid": p.eenheid, "status": w.status,
                "status_woord": STATUS_WOORD.get(w.status, w.status), "concept": w.is_concept,
                "geldig": datum(w.periode_tekst()), "bron": w.bron_titel, "url": w.bron_url,
                "toelichting": w.toelichting or "", "peildatum": datum(w.peildatum),
                "geldt_nu": w.geldig_op(peildatum or date.today()),
                "_bronnen": {"waarde": f"Bron: {w.bron_titel} ({w.bron_url}); status {STATUS_UITLEG[w.status]}"},
            })
    kolommen = [Kolom("omschrijving", "Parameter", numeriek=False), Kolom("waarde", "Waarde", numeriek=False),
                Kolom("eenheid", "Eenheid", numeriek=False), Kolom("status_woord", "Status", numeriek=False),
                Kolom("geldig", "Geldig", numeriek=False), Kolom("bron", "Bron", numeriek=False),
                Kolom("url", "Vindplaats", numeriek=False), Kolom("toelichting", "Toelichting", numeriek=False),
                Kolom("naam", "Technische naam", numeriek=False)]
    return Tabel(naam="regels", titel="Regels: parameters met status en bron", kolommen=kolommen, rijen=rijen,
                 rij_sleutel=None,
                 voetnoten=[f"{STATUS_WOORD[s]}: {u.split(': ', 1)[-1]}" for s, u in STATUS_UITLEG.items()])
