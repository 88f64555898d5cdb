"""Computing an afsprakenkader as a whole: every category for every year, the statushouders task,
and the combined picture per gemeente against its lettings and the mutatiegrens.

Pure: `bereken` works on an `AfsprakenInvoer` that `invoer.lees_invoer` has gathered (data, files, rules);
nothing here reads a file.

Order of work (documented because it matters for caps): statushouders first (a legal duty), then the
categories in the order of the file; a category's mutatiegrens cap is reduced by what statushouders and
the categories above it already claim in that gemeente and year. Within a category, the years are
rounded cumulatively (no drift over the period) with each year's integer floors and caps honoured.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from verdeelwijzer.afspraken.invoer import AfsprakenInvoer
from verdeelwijzer.afspraken.laden import GeladenAfspraken
from verdeelwijzer.afspraken.schema import Categorie
from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.gegevens import Gegevens, Regio
from verdeelwijzer.gegevens.gemeentebestanden import Corporatiebezit
from verdeelwijzer.motorinvoer import bouw_verdeelinvoer, exact_getal
from verdeelwijzer.verdeling import (
    CumulatieveAfronding,
    Grenzen,
    Herkomst,
    IngroeipadUitkomst,
    TaakstellingUitkomst,
    Uitzondering,
    VasteToewijzing,
    VerdeelUitkomst,
    bereken_ingroeipad,
    bereken_taakstelling,
    rond_cumulatief,
    verdeel,
)
from verdeelwijzer.verdeling.getallen import nl_procent


@dataclass(frozen=True)
class Periode:
    """A monitoring period: code ("2027") and its first and last day."""

    code: str
    begin: date
    eind: date


@dataclass(frozen=True)
class Doel:
    """One agreed target: gemeente × categorie × periode → whole number."""

    gemeentecode: str
    categorie: str
    periode: str
    aantal: int


@dataclass(frozen=True)
class Corporatiedeel:
    gemeentecode: str
    corporatie: str
    jaar: int
    bezit: Fraction
    aantal: int


@dataclass(frozen=True)
class CategorieUitkomst:
    """One category over the whole period."""

    naam: str
    categorie: Categorie
    jaren: tuple[int, ...]
    totalen: tuple[int, ...]
    totaal_uitleg: str
    per_jaar: tuple[VerdeelUitkomst, ...]  # the engine's result per year (quota, caps, explanation)
    ingroeipad: IngroeipadUitkomst | None
    afronding: CumulatieveAfronding
    corporaties: tuple[Corporatiedeel, ...] = ()

    def aantal(self, jaar_index: int, g: int) -> int:
        return self.afronding.aantallen[jaar_index][g]

    def quotum(self, jaar_index: int, g: int) -> Fraction:
        if self.ingroeipad is not None and jaar_index < len(self.ingroeipad.quota):
            return self.ingroeipad.quota[jaar_index][g]
        return self.per_jaar[jaar_index].quota[g]


@dataclass(frozen=True)
class Totaalregel:
    """One gemeente in one year: all priority placements against its lettings."""

    gemeentecode: str
    gemeentenaam: str
    jaar: int
    mutaties: Fraction
    mutaties_schatting: bool
    urgenten: int
    statushouders: int
    totaal: int
    aandeel: Fraction | None
    mutatiegrens: Fraction | None
    boven_grens: bool
    regulier: Fraction
    regulier_aandeel: Fraction | None


@dataclass(frozen=True)
class AfsprakenUitkomst:
    geladen: GeladenAfspraken
    regio: Regio
    gemeentecodes: tuple[str, ...]
    gemeentenamen: tuple[str, ...]
    jaren: tuple[int, ...]
    categorieen: tuple[CategorieUitkomst, ...]
    statushouders: tuple[TaakstellingUitkomst, ...] | None
    statushouders_uitleg: tuple[str, ...]
    totaalbeeld: tuple[Totaalregel, ...]
    waarschuwingen: tuple[str, ...]
    regels_datum: date
    spoor1: Any = None
    bronnen: tuple[dict[str, str], ...] = field(default=())
    analyse: Any = None  # aandachtsgroepen.analyse.Analyse when the agreement has an `analyse:` section

    @property
    def perioden(self) -> list[Periode]:
        return [Periode(str(j), date(j, 1, 1), date(j, 12, 31)) for j in self.jaren]

    @property
    def regio_codes(self) -> list[str]:
        return list(self.gemeentecodes)

    @property
    def doelen(self) -> list[Doel]:
        uit = []
        for c in self.categorieen:
            for t, jaar in enumerate(self.jaren):
                for g, code in enumerate(self.gemeentecodes):
                    uit.append(Doel(code, c.naam, str(jaar), c.aantal(t, g)))
        if self.statushouders:
            for t, jaar in enumerate(self.jaren):
                for r in self.statushouders[t].regels:
                    uit.append(Doel(r.gemeentecode, "statushouders", str(jaar), r.aantal))
        return uit

    def naam(self, code: str) -> str:
        return self.gemeentenamen[self.gemeentecodes.index(code)]


Voortgang = Callable[[str], None]


def bereken(invoer: AfsprakenInvoer, voortgang: Voortgang | None = None) -> AfsprakenUitkomst:
    """Compute all tracks of the agreement from gathered inputs (pure: reads no files)."""
    geladen, gegevens, regio = invoer.geladen, invoer.gegevens, invoer.regio
    kader = geladen.kader
    stap = voortgang or (lambda _t: None)
    assert gegevens.zoeker is not None
    codes = invoer.codes
    namen = tuple(gegevens.naam(c) for c in codes)
    jaren = tuple(kader.periode.jaartallen)
    mutaties_ruw, mutatie_bronnen = gegevens.indicator("mutaties", codes)
    mutaties = [Fraction(exact_getal(v)) for v in mutaties_ruw]
    waarschuwingen: list[str] = list(_groepen(invoer).waarschuwingen)

    # Lettings already claimed per year and gemeente (statushouders, then categories in file order).
    geclaimd = [[0] * len(codes) for _ in jaren]

    status_uitkomsten: tuple[TaakstellingUitkomst, ...] | None = None
    status_uitleg: tuple[str, ...] = ()
    if kader.statushouders is not None:
        stap("statushouders (taakstelling)")
        status_uitkomsten, status_uitleg = _statushouders(invoer, codes, jaren, waarschuwingen)
        if kader.statushouders.telt_mee_voor_mutatiegrens:
            for t, u in enumerate(status_uitkomsten):
                for g, r in enumerate(u.regels):
                    geclaimd[t][g] += r.aantal

    categorieen = []
    for cat in kader.categorieen:
        stap(f"categorie {cat.naam}")
        try:
            uitkomst = _categorie(invoer, codes, jaren, mutaties, cat, geclaimd)
        except VerdeelwijzerFout as fout:
            raise type(fout)(f"Categorie '{cat.naam}': {fout}") from fout
        categorieen.append(uitkomst)
        if cat.telt_mee_voor_mutatiegrens:
            for t in range(len(jaren)):
                for g in range(len(codes)):
                    geclaimd[t][g] += uitkomst.aantal(t, g)
        for u in uitkomst.per_jaar[:1]:
            waarschuwingen.extend(f"{cat.naam}: {w}" for w in u.waarschuwingen)

    schatting = any(b.soort == "schatting" for b in mutatie_bronnen)
    totaalbeeld = _totaalbeeld(kader, codes, namen, jaren, mutaties, schatting, categorieen, status_uitkomsten)
    for regel in totaalbeeld:
        if regel.boven_grens:
            waarschuwingen.append(
                f"{regel.gemeentenaam} {regel.jaar}: {regel.totaal} urgenten en statushouders is "
                f"{nl_procent(regel.aandeel or 0)} van de verhuringen, boven de mutatiegrens van "
                f"{nl_procent(regel.mutatiegrens or 0)}."
            )
        if regel.regulier < 0:
            waarschuwingen.append(
                f"{regel.gemeentenaam} {regel.jaar}: meer voorrang dan verhuringen; er blijft "
                "niets over voor reguliere woningzoekenden."
            )
    if schatting:
        waarschuwingen.append(
            "Mutaties (verhuringen) zijn geschat (sociale voorraad × landelijke mutatiegraad); "
            "laad echte cijfers via 'gegevens' in het afsprakenbestand."
        )

    from verdeelwijzer.documenten.wettelijk import wettelijke_waarschuwingen  # the legal frame (issue 14)
    waarschuwingen.extend(wettelijke_waarschuwingen(kader))

    spoor1 = None
    if kader.spoor1 is not None:
        stap("spoor 1 (betaalbaarheid)")
        spoor1 = _spoor1(invoer)

    bronnen = {b: None for b in mutatie_bronnen}
    for c in categorieen:
        for naam in c.per_jaar[0].invoer.gewichten:
            for b in c.per_jaar[0].invoer.bronnen[naam]:
                bronnen.setdefault(b)
    return AfsprakenUitkomst(
        geladen=geladen,
        regio=regio,
        gemeentecodes=codes,
        gemeentenamen=namen,
        jaren=jaren,
        categorieen=tuple(categorieen),
        statushouders=status_uitkomsten,
        statushouders_uitleg=status_uitleg,
        totaalbeeld=tuple(totaalbeeld),
        waarschuwingen=tuple(dict.fromkeys(waarschuwingen)),
        regels_datum=kader.regels_datum,
        spoor1=spoor1,
        bronnen=tuple(b.als_dict() for b in bronnen),
        analyse=_groepen(invoer).analyse,
    )


def _groepen(invoer: AfsprakenInvoer) -> Any:
    """The aandachtsgroepen part (analysis, totals from the opgave, warnings); see aandachtsgroepen.afspraken."""
    from verdeelwijzer.aandachtsgroepen.afspraken import AfsprakenAnalyse

    return invoer.groepen or AfsprakenAnalyse(None)


def _totalen(cat: Categorie, jaren: Sequence[int], mutaties: Sequence[Fraction]) -> tuple[list[int], str]:
    if cat.totaal.aandeel_mutaties is not None:
        aandeel = Fraction(cat.totaal.aandeel_mutaties)
        exact = aandeel * sum(mutaties)
        # A share of lettings is a ceiling on what goes to urgents: round down so it is never exceeded.
        totaal = math.floor(exact)
        uitleg = (
            f"{float(aandeel) * 100:g} % van {float(sum(mutaties)):.1f} verhuringen in de regio = "
            f"{float(exact):.1f}, naar beneden afgerond op {totaal} per jaar"
        )
        return [totaal] * len(jaren), uitleg
    per_jaar = cat.totaal.per_jaar
    if isinstance(per_jaar, int):
        return [per_jaar] * len(jaren), f"{per_jaar} per jaar (afspraak)"
    assert per_jaar is not None
    ontbreekt = [j for j in jaren if j not in per_jaar]
    if ontbreekt:
        raise InvoerFout(f"totaal.per_jaar mist de jaren {', '.join(map(str, ontbreekt))}.")
    buiten = [j for j in per_jaar if j not in jaren]
    if buiten:
        raise InvoerFout(f"totaal.per_jaar noemt jaren buiten de periode: {', '.join(map(str, buiten))}.")
    return [per_jaar[j] for j in jaren], "aantal per jaar volgens de afspraak"


def _categorie(
    invoer: AfsprakenInvoer,
    codes: tuple[str, ...],
    jaren: tuple[int, ...],
    mutaties: list[Fraction],
    cat: Categorie,
    geclaimd: list[list[int]],
) -> CategorieUitkomst:
    gegevens, regio = invoer.gegevens, invoer.regio
    assert gegevens.zoeker is not None
    zoeker = gegevens.zoeker
    totalen, totaal_uitleg = _groepen(invoer).totalen.get(cat.naam) or _totalen(cat, jaren, mutaties)
    herkomst = None
    if cat.herkomst is not None:
        vraag = invoer.gemeentewaarden[(cat.herkomst.bestand, "aantal")]
        herkomst = Herkomst(
            vraag=[vraag[c] for c in codes],
            alfa=Fraction(cat.herkomst.alpha),
            uitzonderingen=[
                Uitzondering(zoeker.zoek(u.van, "uitzondering"), zoeker.zoek(u.naar, "uitzondering"), u.aantal, u.reden)
                for u in cat.herkomst.uitzonderingen
            ],
        )
    vast = [VasteToewijzing(zoeker.zoek(v.gemeente, "vast"), v.aantal, v.reden) for v in cat.vast]
    for v in vast:
        if v.gemeentecode not in codes:
            raise InvoerFout(f"vaste toewijzing: {gegevens.naam(v.gemeentecode)} hoort niet bij de regio.")

    def per_gemeente(waarden: dict[str, int], wat: str) -> list[int | None]:
        uit: list[int | None] = [None] * len(codes)
        for naam, aantal in waarden.items():
            code = zoeker.zoek(naam, wat)
            if code not in codes:
                raise InvoerFout(f"{wat}: {gegevens.naam(code)} hoort niet bij de regio.")
            uit[codes.index(code)] = aantal
        return uit

    uitkomsten = []
    for t, _jaar in enumerate(jaren):
        grenzen = None
        if cat.plafond is not None or cat.vloer is not None:
            grenzen = Grenzen(
                plafonds=per_gemeente(cat.plafond.absoluut, "plafond")
                if cat.plafond and cat.plafond.absoluut
                else None,
                vloeren=per_gemeente(cat.vloer.absoluut, "vloer") if cat.vloer else None,
                mutatiegrens=Fraction(cat.plafond.mutatiegrens)
                if cat.plafond and cat.plafond.mutatiegrens is not None
                else None,
                al_toegewezen=geclaimd[t] if cat.plafond and cat.plafond.mutatiegrens is not None else None,
            )
        verdeelinvoer = bouw_verdeelinvoer(
            gegevens,
            regio,
            cat.sleutel,
            totalen[t],
            herkomst=herkomst,
            vaste_toewijzingen=vast,
            grenzen=grenzen,
            methode=cat.afronding,
            bij_gelijke_stand=cat.bij_gelijke_stand,
            seed=cat.seed,
            eenheid="huishoudens",
            omschrijving=cat.omschrijving or cat.naam,
        )
        uitkomsten.append(verdeel(verdeelinvoer))

    pad = None
    quota = [list(u.quota) for u in uitkomsten]
    ondergrenzen = [[math.ceil(v) for v in (u.grenzen.vloeren if u.grenzen else [0] * len(codes))] for u in uitkomsten]
    bovengrenzen = [
        [None if p is None else math.floor(p) for p in (u.grenzen.plafonds if u.grenzen else [None] * len(codes))]
        for u in uitkomsten
    ]
    if cat.ingroeipad is not None:
        huidig = invoer.gemeentewaarden[(cat.ingroeipad.huidig, "aantal")]
        k = min(cat.ingroeipad.jaren, len(jaren))
        pad = bereken_ingroeipad(
            [huidig[c] for c in codes],
            quota[0],
            cat.ingroeipad.jaren,
            codes,
            totalen=totalen[: cat.ingroeipad.jaren]
            if cat.ingroeipad.jaren <= len(jaren)
            else totalen + [totalen[-1]] * (cat.ingroeipad.jaren - len(jaren)),
            soort=cat.ingroeipad.methode,
            plafond_ratio=None if cat.ingroeipad.max_stijging is None else 1 + Fraction(cat.ingroeipad.max_stijging),
            plancher=None if cat.ingroeipad.max_daling is None else 1 - Fraction(cat.ingroeipad.max_daling),
            gemeentenamen=[gegevens.naam(c) for c in codes],
            eenheid="huishoudens",
        )
        for t in range(k):
            # During the phase-in the path, not the target, sets the year's quota; caps still apply
            # to the target and are checked on the result below.
            quota[t] = list(pad.quota[t])
            ondergrenzen[t] = [0] * len(codes)
            bovengrenzen[t] = [None] * len(codes)
    afronding = rond_cumulatief(
        quota,
        totalen,
        codes,
        methode=cat.afronding,
        ondergrenzen=ondergrenzen,
        bovengrenzen=bovengrenzen,
        bij_gelijke_stand=cat.bij_gelijke_stand,
        seed=cat.seed,
        gemeentenamen=[gegevens.naam(c) for c in codes],
        eenheid="huishoudens",
    )
    corporaties: tuple[Corporatiedeel, ...] = ()
    if cat.onderverdeling is not None:
        bezit = invoer.corporaties[cat.onderverdeling.bestand]
        corporaties = _onderverdeel(bezit, codes, jaren, afronding, cat.onderverdeling.afronding, gegevens)
    return CategorieUitkomst(
        naam=cat.naam,
        categorie=cat,
        jaren=jaren,
        totalen=tuple(totalen),
        totaal_uitleg=totaal_uitleg,
        per_jaar=tuple(uitkomsten),
        ingroeipad=pad,
        afronding=afronding,
        corporaties=corporaties,
    )


def _onderverdeel(
    bezit: list[Corporatiebezit],
    codes: tuple[str, ...],
    jaren: tuple[int, ...],
    afronding: CumulatieveAfronding,
    methode: str,
    gegevens: Gegevens,
) -> tuple[Corporatiedeel, ...]:
    """Within each gemeente, its number per year over its corporations pro rata their holdings."""
    uit: list[Corporatiedeel] = []
    for g, code in enumerate(codes):
        eigen = sorted((b for b in bezit if b.gemeentecode == code), key=lambda b: b.corporatie)
        aantallen = [afronding.aantallen[t][g] for t in range(len(jaren))]
        if not eigen:
            if any(aantallen):
                raise InvoerFout(f"onderverdeling: geen corporaties opgegeven voor {gegevens.naam(code)}.")
            continue
        totaal_bezit = sum(b.bezit for b in eigen)
        if totaal_bezit == 0:
            raise InvoerFout(f"onderverdeling: het bezit van de corporaties in {gegevens.naam(code)} is 0.")
        quota = [[Fraction(a) * b.bezit / totaal_bezit for b in eigen] for a in aantallen]
        # Corporations are identified by name; the engine wants unique codes per row.
        sleutels = [f"{code}:{b.corporatie}" for b in eigen]
        verdeeld = rond_cumulatief(
            quota, aantallen, sleutels, methode=methode, gemeentenamen=[b.corporatie for b in eigen], eenheid="woningen"
        )
        for t, jaar in enumerate(jaren):
            for i, b in enumerate(eigen):
                uit.append(Corporatiedeel(code, b.corporatie, jaar, b.bezit, verdeeld.aantallen[t][i]))
    return tuple(uit)


def _statushouders(
    invoer: AfsprakenInvoer,
    codes: tuple[str, ...],
    jaren: tuple[int, ...],
    waarschuwingen: list[str],
) -> tuple[tuple[TaakstellingUitkomst, ...], tuple[str, ...]]:
    gegevens = invoer.gegevens
    s = invoer.geladen.kader.statushouders
    assert s is not None
    ontbreekt = [j for j in jaren if j not in s.landelijk_per_jaar]
    if ontbreekt:
        raise InvoerFout(f"statushouders.landelijk_per_jaar mist de jaren {', '.join(map(str, ontbreekt))}.")
    alle = sorted(gegevens.tabel.index)
    inwoners_nl = int(gegevens.tabel["inwoners"].sum())
    iG = [int(gegevens.tabel.at[c, "inwoners"]) for c in codes]
    meta = gegevens.kolommen["inwoners"]
    correctie: dict[str, int] = {}
    if s.correcties:
        correctie = {c: int(v) for c, v in invoer.gemeentewaarden[(s.correcties, "correctie")].items()}
    uitkomsten = []
    uitleg = []
    afwijkend = []
    for t, jaar in enumerate(jaren):
        regel = invoer.regel("taakstelling_afronding", date(jaar, 1, 1))
        verschuiving = invoer.regel("taakstelling_peildatum_inwoners", date(jaar, 1, 1)).waarde
        wettelijk = date(jaar + int(verschuiving), 1, 1)
        if meta.peildatum != wettelijk.isoformat():
            afwijkend.append(f"{jaar} (wettelijk {wettelijk.isoformat()})")
        achterstand = {c: v for c, v in correctie.items() if v > 0} if t == 0 else {}
        voorsprong = {c: -v for c, v in correctie.items() if v < 0} if t == 0 else {}
        uitkomsten.append(
            bereken_taakstelling(
                s.landelijk_per_jaar[jaar],
                iG,
                inwoners_nl,
                codes,
                afrondingsregel=regel.waarde,
                achterstand=achterstand,
                voorsprong=voorsprong,
                gemeentenamen=[gegevens.naam(c) for c in codes],
            )
        )
        uitleg.append(
            f"{jaar}: vg = {s.landelijk_per_jaar[jaar]} × inwoners gemeente / {inwoners_nl} inwoners Nederland "
            f"({len(alle)} gemeenten, {meta.bron}, peildatum {meta.peildatum}), afronding '{regel.waarde}' "
            f"({regel.bron_titel}, status {regel.status})."
        )
    if afwijkend:
        waarschuwingen.append(
            f"Taakstelling: de wet rekent met inwoners op 1 januari van het voorgaande jaar; de gegevens hebben "
            f"inwoners op {meta.peildatum}. Dat wijkt af voor {', '.join(afwijkend)}. Laad actuele inwonertallen "
            "via 'gegevens'."
        )
    return tuple(uitkomsten), tuple(uitleg)


def _totaalbeeld(
    kader: Any,
    codes: tuple[str, ...],
    namen: tuple[str, ...],
    jaren: tuple[int, ...],
    mutaties: list[Fraction],
    schatting: bool,
    categorieen: list[CategorieUitkomst],
    statushouders: tuple[TaakstellingUitkomst, ...] | None,
) -> list[Totaalregel]:
    grens = None
    if kader.aandeel_urgenten is not None and kader.aandeel_urgenten.maximum is not None:
        grens = Fraction(kader.aandeel_urgenten.maximum)
    uit = []
    for t, jaar in enumerate(jaren):
        for g, code in enumerate(codes):
            urgenten = sum(c.aantal(t, g) for c in categorieen if c.categorie.telt_mee_voor_mutatiegrens)
            status = statushouders[t].regels[g].aantal if statushouders else 0
            alle = sum(c.aantal(t, g) for c in categorieen) + status
            m = mutaties[g]
            telt = urgenten + (
                status if kader.statushouders is None or kader.statushouders.telt_mee_voor_mutatiegrens else 0
            )
            aandeel = Fraction(telt) / m if m else None
            uit.append(
                Totaalregel(
                    gemeentecode=code,
                    gemeentenaam=namen[g],
                    jaar=jaar,
                    mutaties=m,
                    mutaties_schatting=schatting,
                    urgenten=sum(c.aantal(t, g) for c in categorieen),
                    statushouders=status,
                    totaal=alle,
                    aandeel=aandeel,
                    mutatiegrens=grens,
                    boven_grens=grens is not None and aandeel is not None and aandeel > grens,
                    regulier=m - alle,
                    regulier_aandeel=(m - alle) / m if m else None,
                )
            )
    return uit


def _spoor1(invoer: AfsprakenInvoer) -> Any:
    from verdeelwijzer.betaalbaarheid import bereken_betaalbaarheid
    from verdeelwijzer.betaalbaarheid.samenstellen import voorraad_uit

    s = invoer.geladen.kader.spoor1
    assert s is not None and invoer.programma is not None and invoer.betaalbaarheidsregels is not None
    return bereken_betaalbaarheid(voorraad_uit(invoer.gegevens, list(invoer.codes)), invoer.programma,
                                  invoer.betaalbaarheidsregels, s.sleutel, seed=1)
