"""Spoor 1 as a whole: minimums per gemeente → regional targets and residual → fair division → plan check
and projection. One pure function, `bereken_betaalbaarheid`, over plain data; the result explains itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from verdeelwijzer.betaalbaarheid.minimum import ONZEKER, Gemeenteminimum, bereken_gemeenteminimum
from verdeelwijzer.betaalbaarheid.model import (
    AANNAME_RESTOPGAVE,
    Betaalbaarheidsregels,
    Programmaregel,
    Voorraad,
)
from verdeelwijzer.betaalbaarheid.plantoets import Plantoets, toets_plan
from verdeelwijzer.betaalbaarheid.projectie import Projectie, projecteer
from verdeelwijzer.betaalbaarheid.regio import Regiodoelen, Regiotoets, bereken_regiodoelen, toets_regio
from verdeelwijzer.betaalbaarheid.restopgave import SLEUTEL_UITLEG, Restverdeling, sleutel_code, verdeel_rest
from verdeelwijzer.betaalbaarheid.uitleg import Getal, aantal, regels_van
from verdeelwijzer.fouten import VerdeelFout


@dataclass(frozen=True)
class Gemeenteuitkomst:
    minimum: Gemeenteminimum
    extra_sociale_huur: Getal
    extra_betaalbaar: Getal
    voorstel_sociale_huur: Getal
    voorstel_middensegment: Getal
    voorstel_betaalbaar: Getal
    plantoets: Plantoets | None
    projecties: dict[str, Projectie]

    @property
    def gemeentecode(self) -> str:
        return self.minimum.gemeentecode

    @property
    def gemeentenaam(self) -> str:
        return self.minimum.gemeentenaam


@dataclass(frozen=True)
class Betaalbaarheid:
    """The result of spoor 1 for one region, with every number explained."""

    regels: Betaalbaarheidsregels
    sleutel: str
    gemeenten: tuple[Gemeenteuitkomst, ...]
    doelen: Regiodoelen
    rest_sociale_huur: Restverdeling
    rest_betaalbaar: Restverdeling
    toetsen: dict[str, Regiotoets]
    waarschuwingen: tuple[str, ...]

    def gemeente(self, code: str) -> Gemeenteuitkomst:
        for g in self.gemeenten:
            if g.gemeentecode == code:
                return g
        raise KeyError(code)

    @property
    def onzeker(self) -> tuple[str, ...]:
        """Gemeenten whose spoor-1 rule could flip with the official DAEB stock (counted in the regional check)."""
        return tuple(g.gemeentenaam for g in self.gemeenten if g.minimum.classificatie_onzeker)

    @property
    def tekort_ruimte(self) -> int:
        """Homes of the residual that do not fit in the gemeenten' room (social and other affordable)."""
        return int(self.rest_sociale_huur.tekort.waarde) + int(self.rest_betaalbaar.tekort.waarde)


def _voorraad_per_code(voorraad: Sequence[Voorraad], programma: Sequence[Programmaregel]) -> dict[str, Voorraad]:
    per_code: dict[str, Voorraad] = {}
    for v in voorraad:
        if v.gemeentecode in per_code:
            raise VerdeelFout(f"Gemeente {v.gemeentecode} staat twee keer in de voorraadgegevens.")
        per_code[v.gemeentecode] = v
    codes = [p.gemeentecode for p in programma]
    dubbel = sorted({c for c in codes if codes.count(c) > 1})
    if dubbel:
        raise VerdeelFout(f"Gemeente(n) staan meer dan eens in het programma: {', '.join(dubbel)}.")
    zonder = sorted(set(codes) - set(per_code))
    if zonder:
        raise VerdeelFout(f"Geen voorraadgegevens voor: {', '.join(zonder)}.")
    if not programma:
        raise VerdeelFout("Het programma bevat geen gemeenten.")
    return per_code


def bereken_betaalbaarheid(
    voorraad: Sequence[Voorraad],
    programma: Sequence[Programmaregel],
    regels: Betaalbaarheidsregels,
    sleutel: str = "bouwvolume",
    *,
    methode: str = "sainte-lague",
    seed: int | None = None,
) -> Betaalbaarheid:
    """Minimums, regional check, fair division of the residual, plan check and projection for a region.

    The result does not depend on the order of `voorraad` or `programma` (gemeenten are sorted by code;
    rounding ties are an error, or a lot with the given `seed`).
    """
    sleutel = sleutel_code(sleutel)
    per_code = _voorraad_per_code(voorraad, programma)
    regelset = sorted(programma, key=lambda p: p.gemeentecode)
    minima = [bereken_gemeenteminimum(per_code[p.gemeentecode], p, regels) for p in regelset]
    doelen = bereken_regiodoelen(minima, regels)

    # 1. social residual with the chosen key, within the room (none for a gemeente with a social ontheffing)
    plafond_sh = {m.gemeentecode: 0 if m.ontheffing and m.regel == "sociale_huur" else int(m.ruimte.waarde)
                  for m in minima}
    rest_regels = doelen.rest_sociale_huur.regels
    rest_sh = verdeel_rest("sociale_huur", int(doelen.rest_sociale_huur.waarde), minima, plafond_sh, sleutel,
                           rest_regels, methode=methode, seed=seed)
    extra_sh = {m.gemeentecode: rest_sh.aantal_van(m.gemeentecode) for m in minima}

    # 2. the other affordable residual, pro rata the grondslag, within the room that is left
    doel_b = int(doelen.doel_betaalbaar.waarde)
    opgave_b = max(0, doel_b - int(doelen.minimum_betaalbaar.waarde) - sum(extra_sh.values()))
    plafond_b = {m.gemeentecode: 0 if m.ontheffing and m.regel == "middensegment"
                 else int(m.ruimte.waarde) - extra_sh[m.gemeentecode] for m in minima}
    rest_b = verdeel_rest("betaalbaar", opgave_b, minima, plafond_b, "bouwvolume", doelen.rest_betaalbaar.regels,
                          methode=methode, seed=seed)

    termijn = regels.termijn_jaren
    uitkomsten: list[Gemeenteuitkomst] = []
    for m, p in zip(minima, regelset, strict=True):
        code = m.gemeentecode
        e_sh, e_b = extra_sh[code], rest_b.aantal_van(code)
        r_regels = (*rest_regels, AANNAME_RESTOPGAVE)
        extra_sh_g = Getal(e_sh, f"deel van de sociale restopgave ({SLEUTEL_UITLEG[sleutel]}): {aantal(e_sh)}",
                           r_regels)
        extra_b_g = Getal(e_b, f"deel van de overige betaalbare restopgave (naar rato van de grondslag): "
                               f"{aantal(e_b)} (middenhuur, betaalbare koop of meer sociale huur)",
                          (*doelen.rest_betaalbaar.regels, AANNAME_RESTOPGAVE))
        min_sh, min_ms, min_b = (int(m.minimum_sociale_huur.waarde), int(m.minimum_middensegment.waarde),
                                 int(m.minimum_betaalbaar.waarde))
        v_sh = Getal(min_sh + e_sh, f"minimum {aantal(min_sh)} + restopgave {aantal(e_sh)} = "
                                    f"{aantal(min_sh + e_sh)} woningen sociale huur",
                     regels_van(m.minimum_sociale_huur, extra_sh_g))
        v_ms = Getal(min_ms, f"minimum middensegment {aantal(min_ms)}", m.minimum_middensegment.regels)
        v_b_w = min_b + e_sh + e_b
        v_b = Getal(v_b_w, f"minimum {aantal(min_b)} + sociale restopgave {aantal(e_sh)} + overige restopgave "
                           f"{aantal(e_b)} = {aantal(v_b_w)} betaalbare woningen",
                    regels_van(m.minimum_betaalbaar, extra_sh_g, extra_b_g))
        V, S = int(m.woningvoorraad.waarde), int(m.sociale_voorraad.waarde)
        projecties = {
            "minimum": projecteer("minimumprogramma", V, S, m.programma, min_sh, termijn,
                                  m.minimum_sociale_huur.regels),
            "voorstel": projecteer("voorstel", V, S, m.programma, min_sh + e_sh, termijn, v_sh.regels),
        }
        toets = None
        if p.plan is not None:
            toets = toets_plan(m, p.plan, p.plan_herkomst, min_sh + e_sh, v_b_w)
            projecties["plan"] = projecteer("plan", V, S, m.programma, p.plan.sociale_huur, termijn)
        uitkomsten.append(Gemeenteuitkomst(m, extra_sh_g, extra_b_g, v_sh, v_ms, v_b, toets, projecties))

    toetsen = {
        "minimum": toets_regio("minimum", int(doelen.minimum_sociale_huur.waarde),
                               int(doelen.minimum_betaalbaar.waarde), doelen),
        "voorstel": toets_regio("voorstel", sum(int(u.voorstel_sociale_huur.waarde) for u in uitkomsten),
                                sum(int(u.voorstel_betaalbaar.waarde) for u in uitkomsten), doelen),
    }
    waarschuwingen: list[str] = []
    zonder_plan = [u.gemeentenaam for u in uitkomsten if u.plantoets is None]
    if len(zonder_plan) < len(uitkomsten):
        if zonder_plan:
            waarschuwingen.append(
                "Geen plan voor: " + ", ".join(zonder_plan) + "; de regionale toets van de plannen is daarom "
                "niet uitgevoerd."
            )
        else:
            toetsen["plan"] = toets_regio("plan", sum(p.plan.sociale_huur for p in regelset if p.plan),
                                          sum(p.plan.betaalbaar for p in regelset if p.plan), doelen)
    for m in minima:
        if m.past_niet.waarde:
            waarschuwingen.append(f"{m.gemeentenaam}: {m.past_niet.uitleg}.")
    for rest in (rest_sh, rest_b):
        if rest.loting:
            lot = rest.loting
            waarschuwingen.append(
                f"Gelijke stand bij het afronden van de {'sociale' if rest.onderdeel == 'sociale_huur' else 'overige'}"
                f" restopgave: {lot['eenheden']} woning(en) verloot onder {', '.join(lot['kandidaten'])} met seed "
                f"{lot['seed']}; gewonnen door {', '.join(lot['winnaars'])}."
            )
        if rest.tekort.waarde:
            waarschuwingen.append(
                f"De ruimte in de niet-gecontracteerde programmering is onvoldoende voor de "
                f"{'sociale' if rest.onderdeel == 'sociale_huur' else 'overige betaalbare'} restopgave: "
                f"{aantal(int(rest.tekort.waarde))} van de {aantal(int(rest.opgave.waarde))} woningen passen niet."
            )
    onzeker = [m.gemeentenaam for m in minima if m.classificatie_onzeker]
    if onzeker:
        waarschuwingen.append(
            f"Classificatie {ONZEKER} (met --gegevens): {len(onzeker)} van de {len(minima)} gemeenten "
            f"({', '.join(onzeker)}); hun geschatte sociaal aandeel ligt net boven het landelijk gemiddelde en met "
            "de officiële DAEB-voorraad kan de regel omslaan naar sociale huur."
        )
    schattingen = sorted({v.gemeentenaam for v in per_code.values() if v.gemeentecode in extra_sh
                          and v.bron_sociale_voorraad.soort == "schatting"})
    if schattingen:
        waarschuwingen.append(
            f"De sociale voorraad is een schatting voor {len(schattingen)} gemeente(n) ({', '.join(schattingen)}); "
            "de wet rekent met de DAEB-voorraad op 31-12-2024. Laad de officiële cijfers met --gegevens."
        )
    return Betaalbaarheid(regels, sleutel, tuple(uitkomsten), doelen, rest_sh, rest_b, toetsen,
                          tuple(waarschuwingen))
