"""Fair division of the regional residual over the gemeenten, in whole homes, within each gemeente's room.

Built on the verdeelmotor: the key gives weights, `verdeling.plafonds.verdeel_binnen_grenzen` turns them
into exact quota within the caps (water-filling), and `verdeling.afronding.rond_af` turns the quota into
whole homes (Sainte-Laguë by default) that add up exactly and never exceed a cap. Ties are never decided
by list order: without a seed they are an error naming the gemeenten, with a seed a reported lot.

Keys for the social residual (`sleutel`):
- "bouwvolume": in proportion to the grondslag (the programme the percentages apply to);
- "laagste-aandeel": in proportion to grondslag ÷ current social share, so a gemeente with half the social
  share gets twice as much per home it builds;
- "gelijk-aandeel": equalise the projected social share after the term: find the level λ with
  Σ clamp(λ·V'_g, S'_g, S'_g + ruimte_g) = restopgave + Σ S'_g, where V'_g is the stock after the term and
  S'_g the social stock after the term with the minimum programme. Gemeenten already above λ get nothing;
  the lowest are raised first.
The remaining betaalbaar residual (middensegment or more sociale huur) is divided in proportion to the
grondslag over the room that is left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from verdeelwijzer.betaalbaarheid.minimum import Gemeenteminimum
from verdeelwijzer.betaalbaarheid.uitleg import Getal, Regel, aantal, exact_tekst, procent
from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling import METHODE_NAMEN, methode_code, rond_af, verdeel_binnen_grenzen
from verdeelwijzer.verdeling.getallen import nl
from verdeelwijzer.verdeling.plafonds import beschrijf_stap

Sleutel = Literal["bouwvolume", "laagste-aandeel", "gelijk-aandeel"]
SLEUTELS: tuple[str, ...] = ("bouwvolume", "laagste-aandeel", "gelijk-aandeel")
SLEUTEL_UITLEG = {
    "bouwvolume": "naar rato van de grondslag (bouwvolume waarover de percentages gelden)",
    "laagste-aandeel": "naar rato van grondslag ÷ huidig sociaal aandeel (laagste aandeel krijgt het meest per "
                       "gebouwde woning)",
    "gelijk-aandeel": "zo dat het sociaal aandeel na de termijn zo gelijk mogelijk wordt (laagste eerst)",
}
ONDERDEEL_NAAM = {"sociale_huur": "sociale restopgave", "betaalbaar": "overige betaalbare restopgave"}


def sleutel_code(tekst: str) -> str:
    s = tekst.strip().lower().replace("_", "-").replace(" ", "-")
    if s not in SLEUTELS:
        raise VerdeelFout(f"Onbekende sleutel '{tekst}'; kies uit: {', '.join(SLEUTELS)}.")
    return s


@dataclass(frozen=True)
class Restaandeel:
    """One gemeente's part of one residual."""

    gemeentecode: str
    gemeentenaam: str
    gewicht: Getal
    plafond: Getal
    quotum: Getal
    aantal: Getal
    plafond_bereikt: bool

    def als_dict(self) -> dict[str, Any]:
        return {
            "gemeentecode": self.gemeentecode, "gemeentenaam": self.gemeentenaam,
            "gewicht": self.gewicht.als_dict(), "plafond": self.plafond.als_dict(),
            "quotum": self.quotum.als_dict(), "aantal": self.aantal.als_dict(),
            "plafond_bereikt": self.plafond_bereikt,
        }


@dataclass(frozen=True)
class Restverdeling:
    onderdeel: str
    sleutel: str
    opgave: Getal
    ruimte: Getal
    verdeeld: Getal
    tekort: Getal
    methode: str
    aandelen: tuple[Restaandeel, ...]
    stappen: tuple[str, ...]
    loting: dict[str, Any] | None

    def aantal_van(self, code: str) -> int:
        for a in self.aandelen:
            if a.gemeentecode == code:
                return int(a.aantal.waarde)
        return 0

    def als_dict(self) -> dict[str, Any]:
        return {
            "onderdeel": self.onderdeel,
            "sleutel": self.sleutel,
            "sleutel_uitleg": SLEUTEL_UITLEG.get(self.sleutel, self.sleutel),
            "afrondingsmethode": self.methode,
            "opgave": self.opgave.als_dict(),
            "ruimte": self.ruimte.als_dict(),
            "verdeeld": self.verdeeld.als_dict(),
            "tekort": self.tekort.als_dict(),
            "stappen": list(self.stappen),
            "loting": self.loting,
            "gemeenten": [a.als_dict() for a in self.aandelen],
        }


def gewichten(sleutel: str, minima: Sequence[Gemeenteminimum]) -> list[tuple[Fraction, str]]:
    """Weight per gemeente (in the order given) for the proportional keys, with its explanation."""
    uit: list[tuple[Fraction, str]] = []
    for m in minima:
        G = int(m.grondslag.waarde)
        if sleutel == "bouwvolume":
            uit.append((Fraction(G), f"grondslag {aantal(G)}"))
        elif sleutel == "laagste-aandeel":
            s = Fraction(m.sociaal_aandeel.waarde)
            if s == 0:
                if G == 0:
                    uit.append((Fraction(0), "grondslag 0"))
                    continue
                raise VerdeelFout(
                    f"Sleutel laagste-aandeel: {m.gemeentenaam} heeft sociaal aandeel 0, waardoor grondslag ÷ aandeel "
                    "niet bestaat. Kies de sleutel gelijk-aandeel of bouwvolume, of lever de sociale voorraad aan."
                )
            uit.append((G / s, f"grondslag {aantal(G)} ÷ sociaal aandeel {procent(s, 2)}"))
        else:
            raise VerdeelFout(f"Sleutel '{sleutel}' is geen evenredige sleutel.")
    return uit


def verdeel_rest(
    onderdeel: str,
    opgave: int,
    minima: Sequence[Gemeenteminimum],
    plafonds: Mapping[str, int],
    sleutel: str,
    regels: tuple[Regel, ...],
    *,
    extra_sociaal: Mapping[str, int] | None = None,
    methode: str = "sainte-lague",
    seed: int | None = None,
) -> Restverdeling:
    """Divide `opgave` homes over the gemeenten with the key, within `plafonds`, in whole homes.

    `extra_sociaal` (for "gelijk-aandeel") is social housing already added on top of the minimums.
    """
    m_code = methode_code(methode)
    if m_code == "omhoog":
        raise VerdeelFout("Afronding 'omhoog' houdt het totaal niet vast; kies een andere methode.")
    volgorde = sorted(minima, key=lambda m: m.gemeentecode)
    codes = [m.gemeentecode for m in volgorde]
    namen = [m.gemeentenaam for m in volgorde]
    caps = [int(plafonds.get(c, 0)) for c in codes]
    if any(c < 0 for c in caps):
        raise VerdeelFout("Een plafond van de restopgave is negatief.")
    totaal_ruimte = sum(caps)
    naam = ONDERDEEL_NAAM.get(onderdeel, onderdeel)

    if sleutel == "gelijk-aandeel":
        extra = extra_sociaal or {}
        V = [int(m.woningvoorraad.waarde) + m.programma for m in volgorde]
        S = [int(m.sociale_voorraad.waarde) + int(m.minimum_sociale_huur.waarde) + extra.get(m.gemeentecode, 0)
             for m in volgorde]
        w = [Fraction(v) for v in V]
        uitleg_w = [f"woningvoorraad na termijn {aantal(v)}" for v in V]
        uitkomst = verdeel_binnen_grenzen(
            w, opgave + sum(S), codes, vloeren=S, plafonds=[s + c for s, c in zip(S, caps, strict=True)],
            gemeentenamen=namen, eenheid="woningen",
        )
        quota = [q - s for q, s in zip(uitkomst.quota, S, strict=True)]
        niveau = uitkomst.factor
        stappen = ["Rekenwijze: de sociale voorraad na de termijn wordt verdeeld naar rato van de woningvoorraad na de "
                   "termijn; vloer = sociale voorraad na de termijn met alleen het minimum (geen extra), plafond = "
                   "vloer + ruimte.",
                   *(beschrijf_stap(st, codes, namen, "woningen (sociale voorraad na termijn)")
                     for st in uitkomst.stappen)]
        if niveau is not None:
            stappen.append(f"Gemeenschappelijk sociaal aandeel na de termijn voor de gemeenten die niet aan hun "
                           f"plafond of vloer zitten: {procent(niveau, 2)}.")
    else:
        paren = gewichten(sleutel, volgorde)
        w = [p[0] for p in paren]
        uitleg_w = [p[1] for p in paren]
        if opgave and not any(x > 0 and c > 0 for x, c in zip(w, caps, strict=True)):
            uitkomst = None
            quota = [Fraction(0)] * len(codes)
            stappen = []
        else:
            uitkomst = verdeel_binnen_grenzen(w, opgave, codes, plafonds=caps, gemeentenamen=namen,
                                              eenheid="woningen")
            quota = list(uitkomst.quota)
            stappen = [beschrijf_stap(st, codes, namen, "woningen") for st in uitkomst.stappen]

    te_plaatsen = sum(quota, Fraction(0))
    if te_plaatsen.denominator != 1:  # cannot happen: quota add up to the opgave or to whole caps
        raise VerdeelFout(f"Interne fout: de quota van de {naam} tellen niet op tot een geheel aantal.")
    geplaatst = int(te_plaatsen)
    loting = None
    if geplaatst > 0:
        afronding = rond_af(
            quota, geplaatst, codes, methode=m_code, bovengrenzen=caps,
            bij_gelijke_stand="loting" if seed is not None else "fout", seed=seed, gemeentenamen=namen,
            eenheid="woningen",
        )
        aantallen = list(afronding.aantallen)
        if afronding.loting is not None:
            lot = afronding.loting
            loting = {"seed": lot.seed, "eenheden": lot.eenheden, "kandidaten": list(lot.kandidaten),
                      "winnaars": list(lot.winnaars)}
            stappen.append(f"Gelijke stand bij het afronden: {lot.eenheden} woning(en) verloot onder "
                           f"{', '.join(lot.kandidaten)} met seed {lot.seed}; gewonnen door {', '.join(lot.winnaars)}.")
    else:
        aantallen = [0] * len(codes)
    tekort = opgave - sum(aantallen)
    if tekort:
        stappen.append(f"De ruimte is onvoldoende: er passen {aantal(sum(aantallen))} van de {aantal(opgave)} "
                       f"woningen; tekort {aantal(tekort)}.")

    methode_naam = METHODE_NAMEN[m_code]
    aandelen = []
    for i, m in enumerate(volgorde):
        geraakt = aantallen[i] == caps[i] and w[i] > 0
        aandelen.append(Restaandeel(
            gemeentecode=m.gemeentecode, gemeentenaam=m.gemeentenaam,
            gewicht=Getal(w[i], f"gewicht: {uitleg_w[i]}", regels),
            plafond=Getal(caps[i], f"ruimte voor de {naam}: {aantal(caps[i])} woningen", regels),
            quotum=Getal(quota[i], f"exact quotum binnen de plafonds: {exact_tekst(quota[i])} ≈ {nl(quota[i])}",
                         regels),
            aantal=Getal(aantallen[i], f"{naam}: quotum {nl(quota[i])} afgerond met {methode_naam} = "
                                       f"{aantal(aantallen[i])} woningen" + (" (plafond bereikt)" if geraakt else ""),
                         regels),
            plafond_bereikt=geraakt,
        ))
    return Restverdeling(
        onderdeel=onderdeel,
        sleutel=sleutel,
        opgave=Getal(opgave, f"{naam}: {aantal(opgave)} woningen", regels),
        ruimte=Getal(totaal_ruimte, f"totale ruimte voor de {naam}: {aantal(totaal_ruimte)} woningen", regels),
        verdeeld=Getal(sum(aantallen), f"verdeeld: {aantal(sum(aantallen))} woningen", regels),
        tekort=Getal(tekort, (f"ruimte onvoldoende: {aantal(tekort)} woningen van de {naam} passen niet"
                              if tekort else "de ruimte is voldoende: de hele opgave is verdeeld"), regels),
        methode=methode_naam,
        aandelen=tuple(aandelen),
        stappen=tuple(stappen),
        loting=loting,
    )
