"""The woonvormen part of an afsprakenkader: the sections `woonvormen`, `toezeggingen`, `specialisatie` and
`voorzieningen` checked against the group catalogue and the region, turned into a `WoonvormenInvoer`.

Called once from `afspraken.invoer.lees_invoer`; every problem is reported at once with file, line and field,
and nothing is computed when there is one.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens import Gegevens, Regio
from verdeelwijzer.woonvormen.model import (
    Doel,
    Programmaregel,
    Specialisatie,
    Toezegging,
    Voorziening,
    WoonvormenInvoer,
)

MAX_GEMELDE_FOUTEN = 50


def _plaatsbepaler(geladen: Any) -> Any:
    """'bestand, regel N, veld x' for a path in the agreement (the same wording as schema errors)."""
    from verdeelwijzer.afspraken.laden import _regel, _regelnummers, _veldnaam
    from verdeelwijzer.yamlbestand import knoop_yaml

    lijst: set[tuple[Any, ...]] = set()
    regels = _regelnummers(knoop_yaml(geladen.tekst, str(geladen.pad)), (), lijst)

    def plaats(*loc: Any) -> str:
        return f"{geladen.pad}, regel {_regel(loc, regels)}, veld '{_veldnaam(loc, lijst)}'"

    return plaats


def _doel(waarde: Any) -> Doel:
    if isinstance(waarde, int):
        return Doel(waarde, waarde)
    return Doel(waarde.min, waarde.max)


def _doelen_uit_analyse(analyse: Any, groepen: list[str], jaren: tuple[int, ...]) -> tuple[dict[int | None, Doel], str]:
    """Per year the sum over the groups of their regional opgave (behoefte − aanbod; a group with surplus counts
    as 0, not as a reduction of another group's need), rounded up ('ten minste'). InvoerFout when unknown."""
    import math

    from verdeelwijzer.aandachtsgroepen.analyse import getal

    bekend = {g.id for g in analyse.groepen}
    zonder = [g for g in groepen if g not in bekend]
    if zonder:
        raise InvoerFout(f"groep(en) {', '.join(zonder)} hebben in de analyse geen behoefte of aanbod (geen cijfers "
                         "en geen prevalentieparameter); geef het doel met 'per_jaar'.")
    doelen: dict[int | None, Doel] = {}
    delen = []
    for jaar in jaren:
        som = Fraction(0)
        stukken = []
        for g in groepen:
            t = analyse.regiototaal(g, jaar)
            if t.opgave is None:
                raise InvoerFout(f"de opgave van groep '{g}' in {jaar} is onbekend (geen behoefte bekend in "
                                 f"{', '.join(t.onbekend_in)}); lever cijfers aan of geef het doel met 'per_jaar'.")
            som += max(Fraction(0), t.opgave)
            stukken.append(f"{g} {getal(t.opgave)}" + (" (SCHATTING)" if t.soort == "schatting" else ""))
        heel = math.ceil(som)
        doelen[jaar] = Doel(heel, heel)
        delen.append(f"{jaar}: {' + '.join(stukken)} → {heel}")
    uitleg = ("doel uit de analyse: de regionale opgave (behoefte − aanbod, een overschot telt als 0) van de groepen "
              "die de woonvorm bedient, opgeteld en naar boven afgerond; " + "; ".join(delen) + ".")
    return doelen, uitleg


def lees_woonvormen(geladen: Any, gegevens: Gegevens, regio: Regio, analyse: Any = None) -> WoonvormenInvoer | None:
    kader = geladen.kader
    if kader.woonvormen is None:
        if kader.toezeggingen or kader.specialisatie is not None or kader.voorzieningen:
            plaats = _plaatsbepaler(geladen)
            eerste = ("toezeggingen" if kader.toezeggingen else
                      "specialisatie" if kader.specialisatie is not None else "voorzieningen")
            raise InvoerFout(f"{plaats(eerste)}: deze sectie hoort bij een woonvormenprogramma; geef ook de "
                             "sectie 'woonvormen' met een 'programma'.")
        return None
    from verdeelwijzer.aandachtsgroepen.catalogus import LokaleGroep, laad_catalogus
    from verdeelwijzer.motorinvoer import bouw_verdeelinvoer, gewichten_van

    plaats = _plaatsbepaler(geladen)
    a = kader.analyse
    lokaal = [LokaleGroep(g.id, g.naam, g.eenheid, tuple(g.woonvormen), g.toelichting) for g in
              (a.lokale_groepen if a is not None else [])]
    catalogus = laad_catalogus(kader.regels_datum, lokaal)
    assert gegevens.zoeker is not None
    codes = tuple(sorted(regio.gemeentecodes))
    jaren = tuple(kader.periode.jaartallen)
    fouten: list[str] = []

    programma = []
    for i, p in enumerate(kader.woonvormen.programma):
        groepen: list[str] = []
        for k, g in enumerate(p.groepen):
            groep = catalogus.zoek(g)
            if groep is None:
                fouten.append(f"{plaats('woonvormen', 'programma', i, 'groepen', k)}: {catalogus.onbekend(g)}")
            else:
                groepen.append(groep.id)
        if not p.groepen:
            groepen = [g.id for g in catalogus.groepen_met_woonvorm(p.woonvorm)]
            if not groepen:
                fouten.append(f"{plaats('woonvormen', 'programma', i, 'woonvorm')}: woonvorm '{p.woonvorm}' bedient "
                              "geen enkele groep uit de catalogus; noem de groepen in 'groepen' (ids uit de "
                              "catalogus) of voeg een lokale groep toe in 'analyse.lokale_groepen'.")
        herkomst = ""
        if p.uit_analyse:
            if analyse is None:
                fouten.append(f"{plaats('woonvormen', 'programma', i, 'uit_analyse')}: het doel komt uit de analyse, "
                              "maar het afsprakenkader heeft geen sectie 'analyse' (behoefte en aanbod).")
                doelen = {}
            else:
                try:
                    doelen, herkomst = _doelen_uit_analyse(analyse, groepen, jaren)
                except InvoerFout as fout:
                    fouten.append(f"{plaats('woonvormen', 'programma', i, 'uit_analyse')}: {fout}")
                    doelen = {}
        elif p.per_jaar is not None:
            if isinstance(p.per_jaar, dict):
                buiten = sorted(set(p.per_jaar) - set(jaren))
                if buiten:
                    fouten.append(f"{plaats('woonvormen', 'programma', i, 'per_jaar')}: jaar {buiten[0]} valt buiten "
                                  f"de periode {jaren[0]}–{jaren[-1]}")
                doelen: dict[int | None, Doel] = {j: _doel(p.per_jaar[j]) for j in jaren if j in p.per_jaar}
            else:
                doelen = {j: _doel(p.per_jaar) for j in jaren}
        else:
            doelen = {None: _doel(p.voor_periode)}
        naam = p.naam or catalogus.woonvormen.get(p.woonvorm, p.woonvorm)
        programma.append(Programmaregel(p.woonvorm, naam, tuple(groepen), doelen, herkomst))
    ids = {p.woonvorm for p in programma}

    def gemeente(tekst: str, *loc: Any) -> str | None:
        try:
            code = gegevens.zoeker.zoek(tekst)  # type: ignore[union-attr]
        except InvoerFout as fout:
            fouten.append(f"{plaats(*loc)}: {fout}")
            return None
        if code not in codes:
            fouten.append(f"{plaats(*loc)}: {gegevens.naam(code)} hoort niet bij de regio ('{regio.naam}')")
            return None
        return code

    toezeggingen = []
    gezien: set[tuple[str, str, int | None]] = set()
    for i, t in enumerate(kader.toezeggingen):
        code = gemeente(t.gemeente, "toezeggingen", i, "gemeente")
        if t.woonvorm not in ids:
            fouten.append(f"{plaats('toezeggingen', i, 'woonvorm')}: woonvorm '{t.woonvorm}' staat niet in het "
                          f"programma (verwacht een van: {', '.join(sorted(ids))})")
        if t.jaar is not None and t.jaar not in jaren:
            fouten.append(f"{plaats('toezeggingen', i, 'jaar')}: {t.jaar} valt buiten de periode "
                          f"{jaren[0]}–{jaren[-1]}")
        if code is not None:
            if (code, t.woonvorm, t.jaar) in gezien:
                fouten.append(f"{plaats('toezeggingen', i)}: {gegevens.naam(code)} heeft al een toezegging voor "
                              f"{t.woonvorm} in {t.jaar or 'de periode'}")
            gezien.add((code, t.woonvorm, t.jaar))
            toezeggingen.append(Toezegging(code, t.woonvorm, t.jaar, t.aantal, t.capaciteit))

    voorzieningen = []
    for i, v in enumerate(kader.voorzieningen):
        code = gemeente(v.gemeente, "voorzieningen", i, "gemeente")
        if code is not None:
            voorzieningen.append(Voorziening(v.naam, v.woonvorm, code, v.capaciteit, v.functie, v.status, v.bron))

    specialisatie = None
    balans_sleutel = None
    s = kader.specialisatie
    if s is not None:
        gewichten = {w: Fraction(g) for w, g in s.gewichten.items()}
        gerealiseerd = []
        for i, r in enumerate(s.gerealiseerd):
            code = gemeente(r.gemeente, "specialisatie", "gerealiseerd", i, "gemeente")
            if code is not None:
                gerealiseerd.append((code, r.woonvorm, r.aantal))
        nodig = ids | {v.woonvorm for v in voorzieningen if v.telt_mee} | {r.woonvorm for r in s.gerealiseerd}
        for w in sorted(nodig - set(gewichten)):
            fouten.append(f"{plaats('specialisatie', 'gewichten')}: geen wegingsfactor voor '{w}' (verwacht een getal "
                          "> 0 voor elke woonvorm in het programma en elke regionale voorziening in gebruik)")
        for w in sorted(set(gewichten) - nodig - {v.woonvorm for v in voorzieningen}):
            fouten.append(f"{plaats('specialisatie', 'gewichten', w)}: woonvorm '{w}' komt niet voor in het "
                          "programma of de voorzieningen")
        specialisatie = Specialisatie(gewichten, None if s.tarief is None else Fraction(s.tarief),
                                      tuple(gerealiseerd))
    if fouten:
        if len(fouten) > MAX_GEMELDE_FOUTEN:
            fouten = [*fouten[:MAX_GEMELDE_FOUTEN], "… en meer; verbeter eerst deze."]
        raise InvoerFout("Het woonvormendeel van het afsprakenbestand is niet geldig:\n"
                         + "\n".join(f"  - {f}" for f in fouten))
    w = kader.woonvormen
    basis = bouw_verdeelinvoer(gegevens, regio, gewichten_van(w.sleutel), 0, methode=w.afronding,
                               bij_gelijke_stand=w.bij_gelijke_stand, seed=w.seed, eenheid="plekken")
    if s is not None and s.sleutel is not None:
        balans_sleutel = bouw_verdeelinvoer(gegevens, regio, gewichten_van(s.sleutel), 0, methode=w.afronding,
                                            bij_gelijke_stand=w.bij_gelijke_stand, seed=w.seed, eenheid="plekken")
    return WoonvormenInvoer(basis, jaren, tuple(programma), tuple(toezeggingen), tuple(voorzieningen),
                            specialisatie, balans_sleutel)
