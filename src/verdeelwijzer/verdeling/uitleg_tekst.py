"""Dutch text of an explanation: "Haarlem krijgt 62 huishoudens. Waarom: …" — one numbered step per stage."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

from verdeelwijzer.verdeling.afronding import METHODE_NAMEN
from verdeelwijzer.verdeling.getallen import Exact, nl, nl_procent

if TYPE_CHECKING:
    from verdeelwijzer.verdeling.uitleg import GemeenteUitleg


def _exact_tekst(q: Exact, exact: bool = True) -> str:
    """ "62,55 (exact 1251/20)" — the exact form only when asked for and short enough to read; a policy officer
    reads "62,55", the analyst who checks the sums asks for the fraction."""
    f = Fraction(q)
    if not exact or f.denominator == 1 or f.denominator >= 10**4:
        return nl(f)
    return f"{nl(f)} (exact {f})"


def tekst_gemeente(g: GemeenteUitleg, exact: bool = False) -> list[str]:
    """The explanation's lines; `exact` adds the exact fraction behind every rounded intermediate number."""

    def exact_tekst(q: Exact) -> str:
        return _exact_tekst(q, exact)

    e = g.eenheid
    r: list[str] = []
    if g.aantal is not None:
        r.append(f"{g.label} krijgt {g.aantal} {e} (van {nl(g.totaal)} in de regio). Waarom:")
    else:
        r.append(f"{g.label} krijgt een quotum van {exact_tekst(g.quotum or 0)} {e}. Waarom:")
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
                f"{exact_tekst(g.quotum_sleutel)}."
            )
    if g.herkomst is not None:
        h = g.herkomst
        kop(f"Herkomst (telt voor {nl_procent(h['alfa'])}, de sleutel voor {nl_procent(1 - h['alfa'])}):")
        schaal = h["schaalfactor"]
        if schaal is not None and schaal != 1:
            r.append(
                f"   De vraag uit {g.naam} is {nl(h['vraag'])} van {nl(h['vraag_totaal'])} in de regio; omgerekend "
                f"naar het regiototaal {nl(g.totaal)} (factor {nl(schaal, 4)}) en gewogen: "
                f"{exact_tekst(h['herkomstdeel'])}."
            )
        else:
            r.append(f"   De vraag uit {g.naam} is {nl(h['vraag'])}; gewogen: {exact_tekst(h['herkomstdeel'])}.")
        r.append(
            f"   Sleuteldeel: {exact_tekst(h['sleuteldeel'])}; "
            f"samen {exact_tekst(h['herkomstdeel'] + h['sleuteldeel'])}."
        )
        for u in h["uitzonderingen"]:
            if u.van == g.gemeentecode:
                zin = f"{u.aantal} {e} uit {g.naam} geplaatst in {g.wie([u.naar])}: −{u.aantal}"
            else:
                zin = f"{u.aantal} {e} uit {g.wie([u.van])} geplaatst in {g.naam}: +{u.aantal}"
            r.append(f"   Uitzondering ({u.reden}): {zin}.")
        if h["netto_uitzonderingen"]:
            r.append(f"   Quotum na herkomst en uitzonderingen: {exact_tekst(h['quotum'])}.")
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
        r.append(f"   Quotum na vloeren en plafonds: {exact_tekst(g.quotum)}.")
    if g.afronding is not None:
        kop(f"Afronding ({METHODE_NAMEN[g.afronding['methode']]}): " + afronding_zin(g))
    if g.ingroeipad is not None:
        if g.ingroeipad_cumulatief:
            kop("Ingroeipad (cumulatief afgerond: de som over de jaren volgt de som van de quota, zonder drift):")
        else:
            kop("Ingroeipad:")
        som_q = Fraction(0)
        som_a = 0
        laatste = len(g.ingroeipad)
        for t, q, a in g.ingroeipad:
            som_q += q
            regel = f"   jaar {t}: quotum {nl(q)}"
            if len(g.ingroeipad_pad) >= t and g.ingroeipad_pad[t - 1] != q:
                regel += f" (pad {nl(g.ingroeipad_pad[t - 1])}, begrensd door vloer of plafond van dat jaar)"
            if a is not None:
                som_a += a
                regel += f" → {a}"
                if t == laatste and g.ingroeipad_laatste_is_doel:
                    regel += " (het laatste jaar is precies de doelverdeling)"
                elif g.ingroeipad_cumulatief:
                    regel += f" (tot en met dit jaar {nl(som_q)} → {som_a})"
            r.append(regel)
    for o in g.opmerkingen:
        r.append(f"Let op: {o}")
    return r


def afronding_zin(g: GemeenteUitleg) -> str:
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
        if rest == 0 and n == heel:
            zin = f"het quotum is precies {heel}."
        elif n == heel:
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
