"""Uitleg: why every gemeente got what it got — as Dutch text and as a JSON-ready dict.

`Uitleg` is a view over the results of the stages (key, herkomst, fixed assignments, floors/caps,
rounding, ingroeipad); the per-gemeente explanation is only built when someone asks for it, so
recomputing a whole country stays fast. A civil servant must be able to answer "why did my gemeente
get 37?" from `als_tekst(gemeente)`; an application gets the same content from `als_dict()`
(exact fractions as strings "123/7" plus a float).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verdeelwijzer.bron import Bron
from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.verdeling.afronding import METHODE_NAMEN, AfrondingUitkomst
from verdeelwijzer.verdeling.getallen import Exact, ExactVector, als_json_getal, nl, nl_procent
from verdeelwijzer.verdeling.herkomst import HerkomstUitkomst, Uitzondering
from verdeelwijzer.verdeling.ingroeipad import IngroeipadUitkomst
from verdeelwijzer.verdeling.plafonds import GrenzenUitkomst, beschrijf_stap
from verdeelwijzer.verdeling.sleutel import SleutelUitkomst, sleutel_tekst
from verdeelwijzer.verdeling.vast import VasteToewijzing


def _exact_tekst(q: Exact) -> str:
    """ "62,55 (exact 1251/20)" — the exact form only when it is short enough to read."""
    f = Fraction(q)
    if f.denominator == 1 or f.denominator >= 10**4:
        return nl(f)
    return f"{nl(f)} (exact {f})"


@dataclass(frozen=True)
class IndicatorUitleg:
    naam: str
    waarde: Exact
    regiototaal: Exact
    gewicht: Fraction
    component: Fraction
    bron: Bron | None

    def als_dict(self) -> dict[str, Any]:
        return {
            "naam": self.naam,
            "waarde": als_json_getal(self.waarde),
            "regiototaal": als_json_getal(self.regiototaal),
            "gewicht": als_json_getal(self.gewicht),
            "component": als_json_getal(self.component),
            "bron": self.bron.als_dict() if self.bron else None,
        }


@dataclass(frozen=True)
class GemeenteUitleg:
    """Everything that decided one gemeente's number, stage by stage (None = stage not used)."""

    gemeentecode: str
    gemeentenaam: str | None
    eenheid: str
    totaal: Exact
    sleutel: str | None
    indicatoren: tuple[IndicatorUitleg, ...]
    aandeel: Fraction | None
    quotum_sleutel: Fraction | None
    herkomst: dict[str, Any] | None
    vaste_toewijzingen: tuple[VasteToewijzing, ...]
    quotum_voor_grenzen: Fraction | None
    vloer: Exact | None
    plafond: Exact | None
    vloer_uitleg: str | None
    plafond_uitleg: str | None
    vloer_geraakt: bool
    plafond_geraakt: bool
    herverdeling: tuple[tuple[int, str, tuple[str, ...], Fraction, Fraction], ...]
    quotum: Fraction | None
    afronding: dict[str, Any] | None
    aantal: int | None
    ingroeipad: tuple[tuple[int, Fraction, int | None], ...] | None
    opmerkingen: tuple[str, ...] = ()
    namen: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    ingroeipad_cumulatief: bool = False

    def wie(self, codes: Sequence[str]) -> str:
        """Names of other gemeenten for the text (codes when names are unknown)."""
        return ", ".join(self.namen.get(c, c) for c in codes)

    @property
    def label(self) -> str:
        return f"{self.gemeentenaam} ({self.gemeentecode})" if self.gemeentenaam else self.gemeentecode

    @property
    def naam(self) -> str:
        return self.gemeentenaam or self.gemeentecode

    def als_tekst(self) -> str:
        return "\n".join(_tekst_gemeente(self))

    def als_dict(self) -> dict[str, Any]:
        j = als_json_getal
        return {
            "gemeentecode": self.gemeentecode,
            "gemeentenaam": self.gemeentenaam,
            "sleutel": self.sleutel,
            "indicatoren": [i.als_dict() for i in self.indicatoren],
            "aandeel": j(self.aandeel),
            "quotum_sleutel": j(self.quotum_sleutel),
            "herkomst": _json(self.herkomst),
            "vaste_toewijzingen": [
                {"aantal": v.aantal, "omschrijving": v.omschrijving} for v in self.vaste_toewijzingen
            ],
            "quotum_voor_grenzen": j(self.quotum_voor_grenzen),
            "vloer": j(self.vloer),
            "plafond": j(self.plafond),
            "vloer_uitleg": self.vloer_uitleg,
            "plafond_uitleg": self.plafond_uitleg,
            "vloer_geraakt": self.vloer_geraakt,
            "plafond_geraakt": self.plafond_geraakt,
            "herverdeling": [
                {"stap": nr, "soort": soort, "gemeenten": list(gem), "bedrag": j(bedrag), "ontvangen": j(ontv)}
                for nr, soort, gem, bedrag, ontv in self.herverdeling
            ],
            "quotum": j(self.quotum),
            "afronding": _json(self.afronding),
            "aantal": self.aantal,
            "ingroeipad": None
            if self.ingroeipad is None
            else [{"jaar": t, "quotum": j(q), "aantal": a} for t, q, a in self.ingroeipad],
            "opmerkingen": list(self.opmerkingen),
            "tekst": self.als_tekst(),
        }


def _json(waarde: Any) -> Any:
    """Exact numbers inside nested dicts/lists to {"exact", "decimaal"}; other values unchanged."""
    if isinstance(waarde, bool) or waarde is None or isinstance(waarde, str):
        return waarde
    if isinstance(waarde, Fraction | int):
        return als_json_getal(waarde) if isinstance(waarde, Fraction) else waarde
    if isinstance(waarde, Mapping):
        return {k: _json(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_json(v) for v in waarde]
    if isinstance(waarde, Uitzondering):
        return {"van": waarde.van, "naar": waarde.naar, "aantal": waarde.aantal, "reden": waarde.reden}
    return str(waarde)


@dataclass(frozen=True)
class Uitleg:
    """Explanation of one distribution. Build per gemeente with `gemeente()`, render with `als_tekst()`."""

    gemeentecodes: tuple[str, ...]
    gemeentenamen: tuple[str, ...] | None
    totaal: Exact
    eenheid: str = "eenheden"
    omschrijving: str = ""
    sleutel: SleutelUitkomst | None = None
    bronnen: Mapping[str, Sequence[Bron]] | None = field(default=None, compare=False)
    herkomst: HerkomstUitkomst | None = None
    vaste_toewijzingen: tuple[VasteToewijzing, ...] = ()
    basisquota: ExactVector | None = None
    grenzen: GrenzenUitkomst | None = None
    vloer_uitleg: tuple[str | None, ...] | None = None
    plafond_uitleg: tuple[str | None, ...] | None = None
    afronding: AfrondingUitkomst | None = None
    ingroeipad: IngroeipadUitkomst | None = None
    tekort: Fraction = Fraction(0)
    overschrijding: Fraction = Fraction(0)
    tekort_aantal: int = 0
    waarschuwingen: tuple[str, ...] = ()

    def _index(self, gemeente: str) -> int:
        if gemeente in self.gemeentecodes:
            return self.gemeentecodes.index(gemeente)
        if self.gemeentenamen:
            kandidaten = [i for i, n in enumerate(self.gemeentenamen) if n.lower() == gemeente.lower()]
            if len(kandidaten) == 1:
                return kandidaten[0]
        raise VerdeelFout(f"Gemeente '{gemeente}' komt niet voor in deze verdeling.")

    def gemeente(self, gemeente: str) -> GemeenteUitleg:
        """Explanation for one gemeente, by gemeentecode or by name."""
        return self._bouw(self._index(gemeente))

    def gemeenten(self) -> tuple[GemeenteUitleg, ...]:
        return tuple(self._bouw(i) for i in range(len(self.gemeentecodes)))

    def _bouw(self, i: int) -> GemeenteUitleg:
        code = self.gemeentecodes[i]
        indicatoren: list[IndicatorUitleg] = []
        aandeel = quotum_sleutel = None
        sleutel = None
        if self.sleutel is not None:
            s = self.sleutel
            sleutel = sleutel_tekst(s.gewichten)
            for naam, w in s.gewichten.items():
                bronnen = (self.bronnen or {}).get(naam)
                indicatoren.append(
                    IndicatorUitleg(
                        naam,
                        s.waarden[naam][i],
                        s.totalen[naam],
                        w,
                        s.componenten[naam][i],
                        bronnen[i] if bronnen is not None and i < len(bronnen) else None,
                    )
                )
            aandeel = s.aandelen[i]
            quotum_sleutel = aandeel * self.totaal
        herkomst = None
        if self.herkomst is not None:
            h = self.herkomst
            herkomst = {
                "alfa": h.alfa,
                "vraag": Fraction(h.vraag[i]),
                "vraag_totaal": Fraction(h.vraag_totaal),
                "schaalfactor": h.schaalfactor,
                "herkomstdeel": h.herkomstdeel[i],
                "sleuteldeel": h.sleuteldeel[i],
                "uitzonderingen": [u for u in h.uitzonderingen if code in (u.van, u.naar)],
                "netto_uitzonderingen": h.netto_uitzonderingen[i],
                "quotum": h.quota[i],
            }
        vast = tuple(v for v in self.vaste_toewijzingen if v.gemeentecode == code)
        vloer = plafond = None
        vloer_geraakt = plafond_geraakt = False
        herverdeling: list[tuple[int, str, tuple[str, ...], Fraction, Fraction]] = []
        quotum = None
        if self.grenzen is not None:
            gr = self.grenzen
            vloer = gr.vloeren[i] if gr.vloeren[i] else None
            plafond = gr.plafonds[i]
            vloer_geraakt = gr.vloer_geraakt[i]
            plafond_geraakt = gr.plafond_geraakt[i]
            ontvangen = dict((st.nummer, bedrag) for st, bedrag in gr.ontvangen(i))
            for st in gr.stappen:
                if code in st.gemeenten or st.nummer in ontvangen:
                    herverdeling.append(
                        (st.nummer, st.soort, st.gemeenten, st.bedrag, ontvangen.get(st.nummer, Fraction(0)))
                    )
            quotum = gr.quota[i]
        elif self.basisquota is not None:
            quotum = self.basisquota[i]
        afronding = None
        aantal = None
        if self.afronding is not None:
            a = self.afronding
            aantal = a.aantallen[i]
            if quotum is None:
                quotum = a.quota[i]
            afronding = _afronding_gemeente(a, i)
        ingroeipad = None
        if self.ingroeipad is not None:
            ip = self.ingroeipad
            ingroeipad = tuple(
                (t + 1, q[i], ip.aantallen[t][i] if ip.aantallen is not None else None) for t, q in enumerate(ip.quota)
            )
        opmerkingen = tuple(w for w in self.waarschuwingen if code in w)
        namen = dict(zip(self.gemeentecodes, self.gemeentenamen, strict=True)) if self.gemeentenamen else {}
        cumulatief = (
            self.ingroeipad is not None
            and self.ingroeipad.aantallen is not None
            and not isinstance(self.ingroeipad.afronding, tuple)
        )
        return GemeenteUitleg(
            gemeentecode=code,
            gemeentenaam=self.gemeentenamen[i] if self.gemeentenamen else None,
            eenheid=self.eenheid,
            totaal=self.totaal,
            sleutel=sleutel,
            indicatoren=tuple(indicatoren),
            aandeel=aandeel,
            quotum_sleutel=quotum_sleutel,
            herkomst=herkomst,
            vaste_toewijzingen=vast,
            quotum_voor_grenzen=self.basisquota[i] if self.basisquota is not None else None,
            vloer=vloer,
            plafond=plafond,
            vloer_uitleg=self.vloer_uitleg[i] if self.vloer_uitleg else None,
            plafond_uitleg=self.plafond_uitleg[i] if self.plafond_uitleg else None,
            vloer_geraakt=vloer_geraakt,
            plafond_geraakt=plafond_geraakt,
            herverdeling=tuple(herverdeling),
            quotum=quotum,
            afronding=afronding,
            aantal=aantal,
            ingroeipad=ingroeipad,
            opmerkingen=opmerkingen,
            namen=namen,
            ingroeipad_cumulatief=cumulatief,
        )

    # ----------------------------------------------------------------------------------------------

    def regio_tekst(self) -> str:
        """The region part: what was distributed, how, redistribution steps, shortages, warnings."""
        e = self.eenheid
        regels = []
        kop = f"Verdeling van {nl(self.totaal)} {e} over {len(self.gemeentecodes)} gemeenten"
        if self.omschrijving:
            kop += f" ({self.omschrijving})"
        regels.append(kop + ".")
        if self.sleutel is not None:
            regels.append(f"Verdeelsleutel: {sleutel_tekst(self.sleutel.gewichten)}.")
        if self.herkomst is not None:
            regels.append(f"Herkomst telt mee voor {nl_procent(self.herkomst.alfa)}, de sleutel voor de rest.")
        if self.afronding is not None:
            regels.append(f"Afronding naar hele aantallen: {METHODE_NAMEN[self.afronding.methode]}.")
        if self.grenzen is not None and self.grenzen.stappen:
            regels.append("Herverdeling door vloeren en plafonds:")
            for st in self.grenzen.stappen:
                regels.append("  " + beschrijf_stap(st, self.gemeentecodes, self.gemeentenamen, e))
        if self.tekort:
            regels.append(f"Tekort: {nl(self.tekort)} {e} passen niet binnen de plafonds en zijn niet verdeeld.")
        if self.overschrijding:
            regels.append(f"De vloeren vragen samen {nl(self.overschrijding)} {e} meer dan het totaal.")
        if self.tekort_aantal > 0:
            regels.append(f"In hele aantallen blijven {self.tekort_aantal} {e} onverdeeld (plafonds).")
        elif self.tekort_aantal < 0:
            regels.append(f"In hele aantallen wordt {-self.tekort_aantal} {e} meer verdeeld dan het totaal (vloeren).")
        if self.afronding is not None and self.afronding.verschil and self.afronding.methode == "omhoog":
            regels.append(
                f"Door elk quotum naar boven af te ronden is de som {self.afronding.som}, "
                f"{self.afronding.verschil} meer dan het totaal {self.afronding.totaal}."
            )
        for w in self.waarschuwingen:
            regels.append(f"Let op: {w}")
        return "\n".join(regels)

    def als_tekst(self, gemeente: str | None = None) -> str:
        """Dutch text: for one gemeente (code or name), or the region followed by every gemeente."""
        if gemeente is not None:
            return self.gemeente(gemeente).als_tekst()
        delen = [self.regio_tekst()]
        delen.extend(g.als_tekst() for g in self.gemeenten())
        return "\n\n".join(delen)

    def als_dict(self) -> dict[str, Any]:
        return {
            "omschrijving": self.omschrijving,
            "eenheid": self.eenheid,
            "totaal": als_json_getal(self.totaal),
            "sleutel": None
            if self.sleutel is None
            else {k: als_json_getal(v) for k, v in self.sleutel.gewichten.items()},
            "methode": None if self.afronding is None else self.afronding.methode,
            "stappen": []
            if self.grenzen is None
            else [
                {
                    "stap": st.nummer,
                    "soort": st.soort,
                    "gemeenten": list(st.gemeenten),
                    "bedrag": als_json_getal(st.bedrag),
                    "factor_voor": als_json_getal(st.factor_voor),
                    "factor_na": als_json_getal(st.factor_na),
                    "tekst": beschrijf_stap(st, self.gemeentecodes, self.gemeentenamen, self.eenheid),
                }
                for st in self.grenzen.stappen
            ],
            "tekort": als_json_getal(self.tekort),
            "overschrijding": als_json_getal(self.overschrijding),
            "tekort_aantal": self.tekort_aantal,
            "waarschuwingen": list(self.waarschuwingen),
            "regio_tekst": self.regio_tekst(),
            "gemeenten": [g.als_dict() for g in self.gemeenten()],
        }


def _afronding_gemeente(a: AfrondingUitkomst, i: int) -> dict[str, Any]:
    uit: dict[str, Any] = {
        "methode": a.methode,
        "quotum": a.geschaalde_quota[i],
        "aantal": a.aantallen[i],
        "richting": a.richting(i),
        "deler": a.deler,
        "grensrest": a.grensrest,
        "gebonden": a.gebonden(i),
        "vrij": a.vrije_afronding(i),
        "ondergrens": a.ondergrenzen[i] if a.ondergrenzen else None,
        "bovengrens": a.bovengrenzen[i] if a.bovengrenzen else None,
        "loting": None,
    }
    code = a.gemeentecodes[i]
    if a.loting is not None and code in a.loting.kandidaten:
        uit["loting"] = {
            "seed": a.loting.seed,
            "eenheden": a.loting.eenheden,
            "kandidaten": list(a.loting.kandidaten),
            "gewonnen": code in a.loting.winnaars,
        }
    return uit


# ---------------------------------------------------------------------------------------------- text


def _tekst_gemeente(g: GemeenteUitleg) -> list[str]:
    e = g.eenheid
    r: list[str] = []
    if g.aantal is not None:
        r.append(f"{g.label} krijgt {g.aantal} {e} (van {nl(g.totaal)} in de regio). Waarom:")
    else:
        r.append(f"{g.label} krijgt een quotum van {_exact_tekst(g.quotum or 0)} {e}. Waarom:")
    stap = 0

    def kop(tekst: str) -> None:
        nonlocal stap
        stap += 1
        r.append(f"{stap}. {tekst}")

    if g.sleutel is not None:
        kop(f"Verdeelsleutel {g.sleutel}:")
        for ind in g.indicatoren:
            if not ind.gewicht:
                continue
            deel = Fraction(ind.waarde) / Fraction(ind.regiototaal)
            bron = f" [bron: {ind.bron.kort()}]" if ind.bron else " [bron onbekend]"
            r.append(
                f"   - {ind.naam}: {nl(ind.waarde)} van {nl(ind.regiototaal)} in de regio = {nl_procent(deel)}; "
                f"× {nl_procent(ind.gewicht)} = {nl_procent(ind.component)}{bron}"
            )
        if g.aandeel is not None and g.quotum_sleutel is not None:
            r.append(
                f"   Aandeel van {g.naam}: {nl_procent(g.aandeel)}; van {nl(g.totaal)} is dat "
                f"{_exact_tekst(g.quotum_sleutel)}."
            )
    if g.herkomst is not None:
        h = g.herkomst
        kop(f"Herkomst (telt voor {nl_procent(h['alfa'])}, de sleutel voor {nl_procent(1 - h['alfa'])}):")
        schaal = h["schaalfactor"]
        if schaal is not None and schaal != 1:
            r.append(
                f"   De vraag uit {g.naam} is {nl(h['vraag'])} van {nl(h['vraag_totaal'])} in de regio; omgerekend "
                f"naar het regiototaal {nl(g.totaal)} (factor {nl(schaal, 4)}) en gewogen: "
                f"{_exact_tekst(h['herkomstdeel'])}."
            )
        else:
            r.append(f"   De vraag uit {g.naam} is {nl(h['vraag'])}; gewogen: {_exact_tekst(h['herkomstdeel'])}.")
        r.append(
            f"   Sleuteldeel: {_exact_tekst(h['sleuteldeel'])}; "
            f"samen {_exact_tekst(h['herkomstdeel'] + h['sleuteldeel'])}."
        )
        for u in h["uitzonderingen"]:
            if u.van == g.gemeentecode:
                zin = f"{u.aantal} {e} uit {g.naam} geplaatst in {g.wie([u.naar])}: −{u.aantal}"
            else:
                zin = f"{u.aantal} {e} uit {g.wie([u.van])} geplaatst in {g.naam}: +{u.aantal}"
            r.append(f"   Uitzondering ({u.reden}): {zin}.")
        if h["netto_uitzonderingen"]:
            r.append(f"   Quotum na herkomst en uitzonderingen: {_exact_tekst(h['quotum'])}.")
    if g.vaste_toewijzingen:
        f = sum(v.aantal for v in g.vaste_toewijzingen)
        wat = ", ".join(f"{v.omschrijving or 'vaste toewijzing'} ({v.aantal})" for v in g.vaste_toewijzingen)
        kop(f"Vaste toewijzing: {g.naam} huisvest {wat} voor de hele regio; dat telt mee voor haar aandeel.")
        if g.quotum is not None:
            if g.vloer_geraakt and g.quotum == g.vloer:
                r.append(
                    f"   Dat is meer dan haar aandeel volgens de sleutel: zij neemt precies {nl(f)}; de andere "
                    "gemeenten verdelen de rest naar rato van hun sleutel."
                )
            else:
                r.append(f"   Resterende opgave: {nl(g.quotum)} − {nl(f)} = {nl(g.quotum - f)}.")
    if g.vloer is not None or g.plafond is not None:
        kop("Vloer en plafond:")
        if g.plafond is not None:
            uitleg = f" ({g.plafond_uitleg})" if g.plafond_uitleg else ""
            status = "geraakt: het quotum is teruggebracht tot het plafond" if g.plafond_geraakt else "niet geraakt"
            r.append(f"   Plafond {nl(g.plafond)}{uitleg}: {status}.")
        if g.vloer is not None:
            uitleg = f" ({g.vloer_uitleg})" if g.vloer_uitleg else ""
            status = "geraakt: het quotum is opgehoogd tot de vloer" if g.vloer_geraakt else "niet geraakt"
            r.append(f"   Vloer {nl(g.vloer)}{uitleg}: {status}.")
    if g.herverdeling:
        kop("Herverdeling:")
        for nr, soort, gem, bedrag, ontv in g.herverdeling:
            if g.gemeentecode in gem:
                wat = "het plafond" if soort == "plafond" else "de vloer"
                r.append(f"   Stap {nr}: {g.naam} komt op {wat}.")
            elif soort == "plafond":
                zit = "zit aan haar" if len(gem) == 1 else "zitten aan hun"
                r.append(
                    f"   Stap {nr}: {g.wie(gem)} {zit} plafond; van het overschot ({nl(bedrag)}) krijgt "
                    f"{g.naam} naar rato van de sleutel {nl(ontv)} erbij."
                )
            else:
                wordt = "wordt opgehoogd tot haar" if len(gem) == 1 else "worden opgehoogd tot hun"
                r.append(
                    f"   Stap {nr}: {g.wie(gem)} {wordt} vloer; {g.naam} draagt daaraan naar rato van de "
                    f"sleutel {nl(-ontv)} bij."
                )
    if g.quotum is not None and (g.herverdeling or g.vloer is not None or g.plafond is not None):
        r.append(f"   Quotum na vloeren en plafonds: {_exact_tekst(g.quotum)}.")
    if g.afronding is not None:
        kop(f"Afronding ({METHODE_NAMEN[g.afronding['methode']]}): " + _afronding_zin(g))
    if g.ingroeipad is not None:
        if g.ingroeipad_cumulatief:
            kop("Ingroeipad (cumulatief afgerond: de som over de jaren volgt de som van de quota, zonder drift):")
        else:
            kop("Ingroeipad:")
        som_q = Fraction(0)
        som_a = 0
        for t, q, a in g.ingroeipad:
            som_q += q
            regel = f"   jaar {t}: quotum {nl(q)}"
            if a is not None:
                som_a += a
                regel += f" → {a}"
                if g.ingroeipad_cumulatief:
                    regel += f" (tot en met dit jaar {nl(som_q)} → {som_a})"
            r.append(regel)
    for o in g.opmerkingen:
        r.append(f"Let op: {o}")
    return r


def _afronding_zin(g: GemeenteUitleg) -> str:
    a = g.afronding
    assert a is not None
    q: Fraction = a["quotum"]
    n: int = a["aantal"]
    m = a["methode"]
    richting = {"omhoog": "naar boven", "omlaag": "naar beneden", "exact": "precies"}[a["richting"]]
    if m == "omhoog":
        zin = f"{nl(q)} naar boven afgerond is {n}."
    elif m == "hamilton":
        heel = math.floor(q)
        rest = q - heel
        grens = a["grensrest"]
        if n == heel:
            zin = f"eerst het hele deel {heel} van {nl(q)}; de rest {nl(rest)} "
            zin += (
                "kreeg er geen bij"
                if grens is None
                else f"is kleiner dan {nl(grens, 4)}, de kleinste rest die er nog één bij kreeg"
            )
            zin += f", dus {n} ({richting})."
        elif n == heel + 1:
            zin = (
                f"eerst het hele deel {heel} van {nl(q)}; de rest {nl(rest)} hoort bij de grootste resten en "
                f"krijgt er één bij: {n}."
            )
        else:
            zin = f"quotum {nl(q)}, uitkomst {n}."
    else:
        D = a["deler"]
        if D:
            v = q / D
            if m == "sainte-lague":
                regel = "afgerond (vanaf ,5 naar boven)"
            elif m == "dhondt":
                regel = "naar beneden afgerond"
            else:
                f = math.floor(v)
                regel = f"afgerond bij het meetkundig gemiddelde √({f}·{f + 1}) = {nl(math.sqrt(f * (f + 1)), 2)}"
            zin = (
                f"alle quota worden gedeeld door dezelfde deler {nl(D, 4)}: {nl(q)} / {nl(D, 4)} = {nl(v, 3)}, {regel} "
            )
            if a["vrij"] == n and a["richting"] == "exact":
                zin += f"is dat {n}."
            elif a["vrij"] == n:
                zin += f"is dat {n} ({richting} afgerond ten opzichte van het quotum {nl(q)})."
            else:
                zin += f"zou dat {a['vrij']} zijn."
        else:
            zin = f"quotum {nl(q)}, uitkomst {n} ({richting})."
    if a["gebonden"] == "vloer":
        zin += f" De methode alleen zou minder geven, maar de ondergrens is {a['ondergrens']}."
    elif a["gebonden"] == "plafond":
        zin += f" De methode alleen zou meer geven, maar het plafond in hele aantallen is {a['bovengrens']}."
    lot = a["loting"]
    if lot is not None:
        uitslag = "gewonnen" if lot["gewonnen"] else "verloren"
        zin += (
            f" Er was een gelijke stand tussen {', '.join(lot['kandidaten'])} om {lot['eenheden']} {g.eenheid}; "
            f"de loting (seed {lot['seed']}) heeft {g.naam} {uitslag}."
        )
    if a.get("vrij") is not None and a["vrij"] != n:
        zin += f" Uitkomst: {n}."
    return zin
