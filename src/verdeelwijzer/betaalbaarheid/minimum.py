"""Per gemeente: social share of the stock, which rule applies, the minimum homes per segment, and the
room left for a share of the regional residual. Pure functions over plain data.

Decisions (documented in the explanation of every number):
- The social share is `sociale_voorraad / woningvoorraad`, exact. *Below* the national average → at least
  `minimum_sociale_huur` sociale huur; *at or above* → at least `minimum_middensegment` middensegment
  (middenhuur + betaalbare koop). An ontheffing replaces that percentage by a lower one.
- The percentage applies to the *grondslag*: the not-yet-contracted part of the programme when
  `percentages_over_niet_gecontracteerd` is true, else the whole programme.
- A minimum number of homes is rounded UP: "at least 30 %" of 1.001 homes is 301, not 300,3.
- The room (ruimte) for extra homes from the regional residual is the not-yet-contracted part minus the
  gemeente's own minimum (contracted projects need not change), never below 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from verdeelwijzer.betaalbaarheid.model import (
    AANNAME_RUIMTE,
    Betaalbaarheidsregels,
    Ontheffing,
    Programmaregel,
    Segment,
    Voorraad,
)
from verdeelwijzer.betaalbaarheid.uitleg import Getal, Regel, aantal, procent
from verdeelwijzer.fouten import InvoerFout

ONZEKER = "onzeker — laad de officiële DAEB-voorraad"

SEGMENT_NAAM: dict[str, str] = {
    "sociale_huur": "sociale huur",
    "middensegment": "middensegment (middenhuur + betaalbare koop)",
}


@dataclass(frozen=True)
class Gemeenteminimum:
    """Everything spoor 1 derives for one gemeente before the regional residual is divided."""

    gemeentecode: str
    gemeentenaam: str
    woningvoorraad: Getal
    sociale_voorraad: Getal
    sociaal_aandeel: Getal
    regel: Segment
    regel_uitleg: str
    gecontracteerd: int
    niet_gecontracteerd: int
    grondslag: Getal
    percentage: Getal
    minimum_sociale_huur: Getal
    minimum_middensegment: Getal
    minimum_betaalbaar: Getal
    ruimte: Getal
    past_niet: Getal
    ontheffing: Ontheffing | None
    # The classification rests on an estimated stock and could flip with the official DAEB stock.
    classificatie_onzeker: bool = False
    classificatie_uitleg: str = ""

    @property
    def classificatie(self) -> str:
        return ONZEKER if self.classificatie_onzeker else "zeker"

    @property
    def programma(self) -> int:
        return self.gecontracteerd + self.niet_gecontracteerd

    @property
    def minimum_regel(self) -> Getal:
        """The minimum of the segment whose rule applies."""
        return self.minimum_sociale_huur if self.regel == "sociale_huur" else self.minimum_middensegment


def grondslag(regel: Programmaregel, regels: Betaalbaarheidsregels) -> Getal:
    """The number of homes the percentages apply to."""
    r = regels.over_niet_gecontracteerd
    if r.waarde:
        return Getal(
            regel.niet_gecontracteerd,
            f"nog niet gecontracteerd deel: {aantal(regel.niet_gecontracteerd)} woningen (de percentages gelden "
            f"alleen voor het niet-gecontracteerde deel; {aantal(regel.gecontracteerd)} gecontracteerde "
            "woningen blijven zoals ze zijn)",
            (r,),
        )
    return Getal(
        regel.totaal,
        f"hele programmering: {aantal(regel.gecontracteerd)} gecontracteerd + "
        f"{aantal(regel.niet_gecontracteerd)} niet gecontracteerd = {aantal(regel.totaal)} woningen",
        (r,),
    )


def minimum_woningen(aandeel: Fraction | int, basis: int) -> int:
    """At least `aandeel` of `basis` homes, in whole homes: rounded up, exactly."""
    return math.ceil(Fraction(aandeel) * basis)


def _ontheffing_regel(o: Ontheffing, gemeentenaam: str) -> Regel:
    return Regel(
        naam=f"ontheffing {gemeentenaam}", waarde=o.aandeel, status="eigen invoer", bron=f"besluit {o.besluit}",
        toelichting="Ontheffing van het gemeentelijke minimum, opgegeven in het programmabestand.",
    )


def bereken_gemeenteminimum(
    voorraad: Voorraad, regel: Programmaregel, regels: Betaalbaarheidsregels
) -> Gemeenteminimum:
    """Social share, applicable rule, minimums per segment and room for one gemeente."""
    naam = voorraad.gemeentenaam
    if voorraad.woningvoorraad <= 0:
        raise InvoerFout(
            f"{naam}: woningvoorraad is {voorraad.woningvoorraad}; het sociaal aandeel is dan niet te bepalen. "
            "Lever de woningvoorraad aan met --gegevens."
        )
    if not 0 <= voorraad.sociale_voorraad <= voorraad.woningvoorraad:
        raise InvoerFout(
            f"{naam}: sociale voorraad {aantal(voorraad.sociale_voorraad)} ligt niet tussen 0 en de "
            f"woningvoorraad {aantal(voorraad.woningvoorraad)}."
        )
    V = Getal(voorraad.woningvoorraad, f"woningvoorraad volgens {voorraad.bron_woningvoorraad.kort()}")
    S = Getal(
        voorraad.sociale_voorraad,
        f"sociale (DAEB-)voorraad volgens {voorraad.bron_sociale_voorraad.kort()}"
        + (f" ({voorraad.kanttekening})" if voorraad.kanttekening else ""),
    )
    s = Fraction(voorraad.sociale_voorraad, voorraad.woningvoorraad)
    aandeel = Getal(
        s, f"sociale voorraad / woningvoorraad = {aantal(S.waarde)} / {aantal(V.waarde)} = {procent(s, 2)}"
    )

    gemiddelde = regels.landelijk_gemiddelde
    if s < gemiddelde.waarde:
        segment: Segment = "sociale_huur"
        basisregel = regels.minimum_sociale_huur
        regel_uitleg = (
            f"sociaal aandeel {procent(s, 2)} ligt onder het landelijk gemiddelde van "
            f"{procent(gemiddelde.waarde, 2)} → ten minste {procent(basisregel.waarde, 0)} sociale huur"
        )
    else:
        segment = "middensegment"
        basisregel = regels.minimum_middensegment
        regel_uitleg = (
            f"sociaal aandeel {procent(s, 2)} ligt op of boven het landelijk gemiddelde van "
            f"{procent(gemiddelde.waarde, 2)} → ten minste {procent(basisregel.waarde, 0)} middensegment "
            "(middenhuur + betaalbare koop)"
        )

    onzeker = False
    onzeker_uitleg = ""
    marge = regels.onzekerheidsmarge
    if marge is not None and voorraad.bron_sociale_voorraad.soort == "schatting":
        # The estimate counts all corporation homes, the DAEB stock is part of them: the estimate is an upper
        # bound. Below the average is therefore certain; just above it may be below with the DAEB stock.
        if gemiddelde.waarde <= s < gemiddelde.waarde + marge.waarde:
            onzeker = True
            onzeker_uitleg = (
                f"{ONZEKER}: het geschatte sociaal aandeel {procent(s, 2)} (alle corporatiewoningen) ligt minder "
                f"dan {procent(marge.waarde, 1)} boven het landelijk gemiddelde van {procent(gemiddelde.waarde, 2)}; "
                "met de DAEB-voorraad kan het eronder liggen, en dan geldt ten minste "
                f"{procent(regels.minimum_sociale_huur.waarde, 0)} sociale huur in plaats van het middensegment "
                f"(marge: parameter {marge.naam}, status {marge.status})"
            )
        else:
            onzeker_uitleg = (
                f"zeker binnen de marge van {procent(marge.waarde, 1)} (parameter {marge.naam}, status {marge.status})"
            )

    G = grondslag(regel, regels)
    pct_regels: tuple[Regel, ...] = (gemiddelde, basisregel)
    pct_waarde = Fraction(basisregel.waarde)
    pct_uitleg = regel_uitleg
    if regel.ontheffing is not None:
        o = regel.ontheffing
        if o.aandeel >= pct_waarde:
            waar = f"{regel.herkomst}: " if regel.herkomst else ""
            raise InvoerFout(
                f"{waar}ontheffing voor {naam} ({procent(o.aandeel, 1)}, besluit {o.besluit}) is niet lager dan het "
                f"minimum dat geldt ({procent(pct_waarde, 0)} {SEGMENT_NAAM[segment]}); een ontheffing "
                "verlaagt het minimum. Verwijder de ontheffing of corrigeer het percentage."
            )
        pct_waarde = o.aandeel
        pct_regels = (*pct_regels, _ontheffing_regel(o, naam))
        pct_uitleg = f"{regel_uitleg}; verlaagd tot {procent(o.aandeel, 1)} door ontheffing (besluit {o.besluit})"
    pct = Getal(pct_waarde, pct_uitleg, pct_regels)

    minimum = minimum_woningen(pct_waarde, int(G.waarde))
    min_regels = (*pct_regels, G.regels[0])
    min_uitleg = (
        f"⌈{procent(pct_waarde, 1)} × {aantal(int(G.waarde))}⌉ = {aantal(minimum)} woningen "
        f"{SEGMENT_NAAM[segment]} (naar boven afgerond: 'ten minste')"
    )
    niet_van_toepassing = f"geen minimum: voor {naam} geldt de regel voor {SEGMENT_NAAM[segment]}"
    if segment == "sociale_huur":
        min_sh = Getal(minimum, min_uitleg, min_regels)
        min_ms = Getal(0, niet_van_toepassing, (gemiddelde,))
    else:
        min_sh = Getal(0, niet_van_toepassing, (gemiddelde,))
        min_ms = Getal(minimum, min_uitleg, min_regels)
    min_b = Getal(
        minimum,
        f"betaalbaar minimum = minimum {SEGMENT_NAAM[segment]} = {aantal(minimum)} (de gemeentelijke regel kent "
        f"geen eigen percentage voor betaalbaar; het aandeel betaalbaar ({regels.aandeel_betaalbaar.waarde}) "
        "geldt voor de regio)",
        min_regels,
    )

    n = regel.niet_gecontracteerd
    ruimte_waarde = max(0, n - minimum)
    ruimte = Getal(
        ruimte_waarde,
        f"niet gecontracteerd {aantal(n)} − eigen minimum {aantal(minimum)} = {aantal(ruimte_waarde)} woningen "
        "ruimte voor extra betaalbare woningen uit de restopgave",
        (*min_regels, AANNAME_RUIMTE),
    )
    te_veel = max(0, minimum - n)
    past_niet = Getal(
        te_veel,
        (f"het minimum ({aantal(minimum)}) is groter dan het niet-gecontracteerde deel ({aantal(n)}): "
         f"{aantal(te_veel)} woningen moeten uit gecontracteerde projecten komen"
         if te_veel else "het minimum past in het niet-gecontracteerde deel"),
        (*min_regels, AANNAME_RUIMTE),
    )
    return Gemeenteminimum(
        gemeentecode=voorraad.gemeentecode, gemeentenaam=naam, woningvoorraad=V, sociale_voorraad=S,
        sociaal_aandeel=aandeel, regel=segment, regel_uitleg=regel_uitleg, gecontracteerd=regel.gecontracteerd,
        niet_gecontracteerd=n, grondslag=G, percentage=pct, minimum_sociale_huur=min_sh,
        minimum_middensegment=min_ms, minimum_betaalbaar=min_b, ruimte=ruimte, past_niet=past_niet,
        ontheffing=regel.ontheffing, classificatie_onzeker=onzeker, classificatie_uitleg=onzeker_uitleg,
    )
