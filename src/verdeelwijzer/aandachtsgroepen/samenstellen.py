"""Gathering the inputs of an analysis (the shell around the pure `analyse.analyseer`): the embedded CBS bases,
the prevalence parameters, the growth path, the key and the region's files. Every file problem of both files is
reported in one message; nothing is computed with half-read input.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import pandas as pd

from verdeelwijzer.aandachtsgroepen.analyse import Analyse, AnalyseInvoer, Groei, Prevalentie, analyseer
from verdeelwijzer.aandachtsgroepen.catalogus import Catalogus, LokaleGroep, laad_catalogus
from verdeelwijzer.aandachtsgroepen.invoer import Aanbodregel, Behoefteregel, lees_aanbod, lees_behoefte
from verdeelwijzer.bron import Bron
from verdeelwijzer.fouten import InvoerFout, RegelFout
from verdeelwijzer.gegevens import Gegevens, Regio
from verdeelwijzer.gegevens.manifest import lees_bytes, manifest
from verdeelwijzer.motorinvoer import exact_getal
from verdeelwijzer.regels import lees_parameter
from verdeelwijzer.verdeling.sleutel import parse_sleutel

KENMERKEN = "gemeenten_kenmerken_2023.csv"
KENMERKEN_JAAR = 2023
GROEI_LABEL = ("standaardgroeipad: verandering van het aantal inwoners 1-1-2023 → 1-1-2024 (CBS), lineair "
               "doorgetrokken (aanname; geef een eigen prognose voor betere cijfers)")


@lru_cache(maxsize=1)
def _kenmerken() -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(lees_bytes(KENMERKEN)), dtype={"gemeentecode": str}).set_index("gemeentecode")


def grondslagen(codes: Sequence[str], kolommen: Sequence[str]) -> tuple[dict[str, dict[str, Fraction]],
                                                                           dict[str, Bron]]:
    """Embedded CBS 2023 bases (counts) per gemeente, with their sources."""
    tabel = _kenmerken()
    meta = manifest().bestanden[KENMERKEN].kolommen
    waarden: dict[str, dict[str, Fraction]] = {}
    bronnen: dict[str, Bron] = {}
    for k in kolommen:
        if k not in tabel.columns or k not in meta:
            raise RegelFout(f"Grondslag '{k}' bestaat niet in {KENMERKEN}. Beschikbaar: "
                            f"{', '.join(c for c in meta)}.")
        waarden[k] = {c: Fraction(int(tabel.at[c, k])) for c in codes}
        bronnen[k] = meta[k].als_bron()
    return waarden, bronnen


def standaardgroei(gegevens: Gegevens, codes: Sequence[str], jaren: Sequence[int]) -> Groei:
    """factor(t) = 1 + r·(t − 2023) with r = (inwoners 2024 − inwoners 2023) / inwoners 2023 (exact)."""
    alle = sorted({KENMERKEN_JAAR, *jaren, *range(KENMERKEN_JAAR, max(jaren) + 1)})
    factoren: dict[tuple[str, int], Fraction] = {}
    for c in codes:
        i23 = Fraction(int(gegevens.tabel.at[c, "inwoners_2023"]))
        i24 = Fraction(int(gegevens.tabel.at[c, "inwoners"]))
        r = (i24 - i23) / i23
        for j in alle:
            factoren[(c, j)] = max(Fraction(0), 1 + r * (j - KENMERKEN_JAAR))
    return Groei(factoren, GROEI_LABEL, "schatting")


def prevalenties(catalogus: Catalogus, datum: date) -> dict[str, Prevalentie]:
    uit = {}
    for g in catalogus.groepen:
        try:
            p = lees_parameter(f"prevalentie_{g.id}", datum)
        except RegelFout as fout:
            if "Onbekende parameter" in str(fout):
                continue
            raise
        w = p.waarde
        if not isinstance(w, dict) or "grondslag" not in w or "aandeel" not in w:
            raise RegelFout(f"Parameter prevalentie_{g.id}: verwacht een waarde met 'grondslag' en 'aandeel'.")
        uit[g.id] = Prevalentie(g.id, str(w["grondslag"]), Fraction(w["aandeel"]), p.status, p.bron_kort(),
                                p.geldig_vanaf.isoformat())
    return uit


Sleutel = tuple[dict[str, Fraction], dict[str, Fraction], str, list[Bron]]


def sleutelwaarden(gegevens: Gegevens, codes: Sequence[str], sleutel: str) -> Sleutel:
    """The fair-share key b_m = Σ_i w_i · X_im / Σ_h X_ih (a share; Σ_m b_m = 1)."""
    tekst = sleutel.strip() or "inwoners"
    gewichten = parse_sleutel(tekst) if "=" in tekst else {tekst: Fraction(1)}
    b = {c: Fraction(0) for c in codes}
    bronnen: list[Bron] = []
    for naam, w in gewichten.items():
        waarden, br = gegevens.indicator(naam, codes)
        exact = [Fraction(exact_getal(v)) for v in waarden]
        totaal = sum(exact, Fraction(0))
        if totaal <= 0:
            raise InvoerFout(f"--sleutel: indicator '{naam}' is in de hele regio 0; kies een andere sleutel.")
        for c, x in zip(codes, exact, strict=True):
            b[c] += w * x / totaal
        bronnen.extend(dict.fromkeys(br))
    label = " + ".join(f"{getal_tekst(w)} × {n}" for n, w in gewichten.items()) if len(gewichten) > 1 else tekst
    return b, gewichten, label, bronnen


def getal_tekst(w: Fraction) -> str:
    return str(w.numerator) if w.denominator == 1 else f"{float(w):g}".replace(".", ",")


def lees_bestanden(gegevens: Gegevens, regio: Regio, catalogus: Catalogus, jaren: Sequence[int],
                   behoefte: Path | None, aanbod: Path | None) -> tuple[list[Behoefteregel], list[Aanbodregel]]:
    """Both files, with every problem of both in one InvoerFout."""
    assert gegevens.zoeker is not None
    codes = sorted(regio.gemeentecodes)
    fouten: list[str] = []
    b: list[Behoefteregel] = []
    a: list[Aanbodregel] = []
    if behoefte is not None:
        try:
            b = lees_behoefte(behoefte, gegevens.zoeker, catalogus, codes, f"regio {regio.naam}", jaren)
        except InvoerFout as f:
            fouten.append(str(f))
    if aanbod is not None:
        try:
            a = lees_aanbod(aanbod, gegevens.zoeker, catalogus, codes, f"regio {regio.naam}", jaren)
        except InvoerFout as f:
            fouten.append(str(f))
    if fouten:
        raise InvoerFout("\n".join(fouten))
    return b, a


def bereid_analyse(
    gegevens: Gegevens,
    regio: Regio,
    jaren: Sequence[int],
    datum: date,
    behoefte: Path | None = None,
    aanbod: Path | None = None,
    *,
    sleutel: str = "inwoners",
    gewichten: Mapping[str, Fraction] | None = None,
    lokaal: Sequence[LokaleGroep] = (),
    spreiding_op: str = "aanbod",
    prognose: Path | None = None,
) -> AnalyseInvoer:
    if not jaren:
        raise InvoerFout("De analyse heeft ten minste één jaar nodig.")
    if spreiding_op not in ("aanbod", "behoefte"):
        raise InvoerFout(f"Spreiding op '{spreiding_op}' bestaat niet; kies aanbod of behoefte.")
    catalogus = laad_catalogus(datum, lokaal)
    codes = tuple(sorted(regio.gemeentecodes))
    b, a = lees_bestanden(gegevens, regio, catalogus, jaren, behoefte, aanbod)
    groei = lees_prognose(prognose, gegevens, regio, jaren) if prognose else standaardgroei(gegevens, codes, jaren)
    prev = prevalenties(catalogus, datum)
    basis, basis_bronnen = grondslagen(codes, sorted({p.grondslag for p in prev.values()}))
    sw, sg, slabel, sbronnen = sleutelwaarden(gegevens, codes, sleutel)
    gew: dict[str, Fraction] = {}
    for gid, w in (gewichten or {}).items():
        g = catalogus.zoek(gid)
        if g is None:
            raise InvoerFout(f"gewichten: {catalogus.onbekend(gid)}")
        if Fraction(w) < 0:
            raise InvoerFout(f"gewichten: het gewicht van '{gid}' is negatief; verwacht ≥ 0.")
        gew[g.id] = Fraction(w)
    bronnen = [x.kort() for x in (*basis_bronnen.values(), *sbronnen)]
    bronnen += sorted({r.bron.kort() for r in (*b, *a)})
    return AnalyseInvoer(
        regio=regio.naam, codes=codes, namen={c: gegevens.naam(c) for c in codes}, jaren=tuple(jaren),
        catalogus=catalogus, behoefte=tuple(b), aanbod=tuple(a), grondslagen=basis, grondslag_bronnen=basis_bronnen,
        grondslag_jaar=KENMERKEN_JAAR, prevalenties=prev, groei=groei,
        sleutel=sg, sleutelwaarden=sw, sleutel_label=slabel, gewichten=gew, spreiding_op=spreiding_op,
        bronnen=tuple(dict.fromkeys(bronnen)),
    )


def analyse_uit_bestanden(gegevens: Gegevens, regio: Regio, jaren: Sequence[int], datum: date,
                          behoefte: Path | None = None, aanbod: Path | None = None, **opties: object) -> Analyse:
    """Read everything (all or nothing) and compute the analysis."""
    return analyseer(bereid_analyse(gegevens, regio, jaren, datum, behoefte, aanbod, **opties))  # type: ignore[arg-type]


def standaardperiode(behoefte: Path | None, aanbod: Path | None, datum: date) -> list[int]:
    """The years of the analysis when the user names none: from the first to the last year in the behoefte file
    (else the aanbod file); without years, four years from the year of `datum`."""
    from verdeelwijzer.aandachtsgroepen.invoer import _lees, _naam

    jaren: set[int] = set()
    for pad in (behoefte, aanbod):
        if pad is None or jaren:
            continue
        tabel = _lees(Path(pad))
        namen = [_naam(k) for k in tabel.kop]
        if "jaar" in namen:
            i = namen.index("jaar")
            for _, cellen in tabel.rijen:
                t = cellen[i].strip() if i < len(cellen) else ""
                if len(t) == 4 and t.isdigit():
                    jaren.add(int(t))
    if not jaren:
        return list(range(datum.year, datum.year + 4))
    if max(jaren) - min(jaren) > 30:
        raise InvoerFout(f"De jaren in '{behoefte or aanbod}' beslaan meer dan 30 jaar ({min(jaren)}–{max(jaren)}); "
                         "geef de periode met --periode.")
    return list(range(min(jaren), max(jaren) + 1))


def lees_prognose(pad: Path, gegevens: Gegevens, regio: Regio, jaren: Sequence[int]) -> Groei:
    """The user's population prognosis (gemeente, jaar, inwoners) as the growth path. 1 January 2023 and 2024 come
    from the embedded CBS figures; every year of the analysis after 2024 must be in the file for every gemeente."""
    from verdeelwijzer.aandachtsgroepen.invoer import _lees, _naam
    from verdeelwijzer.gegevens.invoer import gemeente_rijen, lees_exact_getal, meld, waar

    assert gegevens.zoeker is not None
    tabel = _lees(Path(pad))
    codes = sorted(regio.gemeentecodes)
    namen = [_naam(k) for k in tabel.kop]
    fouten: list[str] = []
    for k in ("jaar", "inwoners"):
        if k not in namen:
            fouten.append(f"{waar(tabel.pad, 1)}: kolom '{k}' ontbreekt. Gevonden kolommen: {', '.join(tabel.kop)}.")
    if fouten:
        raise meld(fouten, f"Het prognosebestand '{tabel.pad}' is niet ingelezen; er is niets gebruikt:")
    i_j, i_i = namen.index("jaar"), namen.index("inwoners")
    factoren: dict[tuple[str, int], Fraction] = {}
    for c in codes:
        factoren[(c, KENMERKEN_JAAR)] = Fraction(int(gegevens.tabel.at[c, "inwoners_2023"]))
        factoren[(c, KENMERKEN_JAAR + 1)] = Fraction(int(gegevens.tabel.at[c, "inwoners"]))
    gezien: dict[tuple[str, int], int] = {}
    for rijnr, cellen, code in gemeente_rijen(tabel, gegevens.zoeker, fouten, regio=set(codes),
                                              buiten=f"hoort niet bij regio {regio.naam}", uniek=False):
        t = cellen[i_j].strip()
        if not (len(t) == 4 and t.isdigit()) or int(t) <= KENMERKEN_JAAR + 1:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[i_j])}: '{t}' is geen jaartal na "
                          f"{KENMERKEN_JAAR + 1} (2023 en 2024 komen uit de CBS-cijfers).")
            continue
        try:
            inw = lees_exact_getal(cellen[i_i], tabel.decimale_komma)
            if inw <= 0:
                raise ValueError(f"'{cellen[i_i].strip()}' is geen positief aantal inwoners")
        except ValueError as e:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[i_i])}: {e}.")
            continue
        if (code, int(t)) in gezien:
            fouten.append(f"{waar(tabel.pad, rijnr)}: dubbele regel: {gegevens.naam(code)}, jaar {t} staat er al op "
                          f"regel {gezien[(code, int(t))]}.")
            continue
        gezien[(code, int(t))] = rijnr
        factoren[(code, int(t))] = inw
    ontbreekt = [f"{gegevens.naam(c)} {j}" for c in codes for j in jaren if (c, j) not in factoren]
    if ontbreekt:
        fouten.append(f"{waar(tabel.pad, 1)}: de prognose mist jaren van de analyse: {', '.join(ontbreekt[:20])}"
                      + (f" … (en nog {len(ontbreekt) - 20})" if len(ontbreekt) > 20 else "") + ".")
    if fouten:
        raise meld(fouten, f"Het prognosebestand '{tabel.pad}' is niet ingelezen; er is niets gebruikt:")
    return Groei(factoren, f"groeipad uit de eigen prognose ({Path(pad).name}): inwoners per jaar; 2023 en 2024 uit "
                 "CBS", "eigen invoer")
