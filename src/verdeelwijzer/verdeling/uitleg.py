"""Uitleg: why every gemeente got what it got — as Dutch text and as a JSON-ready dict.

`Uitleg` is a view over the results of the stages (key, herkomst, fixed assignments, floors/caps,
rounding, ingroeipad); the per-gemeente explanation is only built when someone asks for it, so
recomputing a whole country stays fast. A civil servant must be able to answer "why did my gemeente
get 37?" from `als_tekst(gemeente)`; an application gets the same content from `als_dict()`
(exact fractions as strings "123/7" plus a float).
"""

from __future__ import annotations

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
from verdeelwijzer.verdeling.uitleg_tekst import tekst_gemeente
from verdeelwijzer.verdeling.vast import VasteToewijzing


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
    ingroeipad_laatste_is_doel: bool = False
    ingroeipad_pad: tuple[Fraction, ...] = ()  # the path's quotum per year before that year's caps and floors

    def wie(self, codes: Sequence[str]) -> str:
        """Names of other gemeenten for the text (codes when names are unknown)."""
        return ", ".join(self.namen.get(c, c) for c in codes)

    @property
    def label(self) -> str:
        return f"{self.gemeentenaam} ({self.gemeentecode})" if self.gemeentenaam else self.gemeentecode

    @property
    def naam(self) -> str:
        return self.gemeentenaam or self.gemeentecode

    def als_tekst(self, exact: bool = False) -> str:
        """The explanation in words; `exact=True` adds exact fractions behind rounded numbers (on request)."""
        return "\n".join(tekst_gemeente(self, exact))

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
            "tekst_exact": self.als_tekst(exact=True),
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
            ingroeipad_laatste_is_doel=self.ingroeipad is not None and self.ingroeipad.laatste_jaar_is_doel,
            ingroeipad_pad=tuple(q[i] for q in self.ingroeipad.pad_quota) if self.ingroeipad is not None else (),
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
        lot = self.afronding.loting if self.afronding is not None else None
        if lot is not None:
            regels.append(
                f"Gelijke stand tussen {', '.join(lot.kandidaten)} om {lot.eenheden} {e}; beslist door loting "
                f"(seed {lot.seed}): {', '.join(lot.winnaars)}."
            )
        if self.afronding is not None and self.afronding.verschil and self.afronding.methode == "omhoog":
            regels.append(
                f"Door elk quotum naar boven af te ronden is de som {self.afronding.som}, "
                f"{self.afronding.verschil} meer dan het totaal {self.afronding.totaal}."
            )
        for w in self.waarschuwingen:
            regels.append(f"Let op: {w}")
        return "\n".join(regels)

    def als_tekst(self, gemeente: str | None = None, exact: bool = False) -> str:
        """Dutch text: for one gemeente (code or name), or the region followed by every gemeente; `exact` adds the
        exact fractions."""
        if gemeente is not None:
            return self.gemeente(gemeente).als_tekst(exact)
        delen = [self.regio_tekst()]
        delen.extend(g.als_tekst(exact) for g in self.gemeenten())
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
