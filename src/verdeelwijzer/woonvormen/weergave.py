"""The woonvormen result as report tables (terminal, JSON 'tabellen', Excel) and as JSON data.

Every view reads the same `WoonvormenUitkomst`; exact fractions appear only in JSON (`*_exact`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from verdeelwijzer.woonvormen.model import WoonvormenUitkomst


def _getal(v: Fraction | int | None) -> float | int | None:
    if v is None:
        return None
    if isinstance(v, int) or v.denominator == 1:
        return int(v)
    return float(v)


def _exact(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def _jaar(j: int | None) -> str:
    return "periode" if j is None else str(j)


def als_dict(w: WoonvormenUitkomst) -> dict[str, Any]:
    return {
        "voorstel": [
            {"gemeentecode": r.gemeentecode, "gemeentenaam": r.gemeentenaam, "woonvorm": r.woonvorm, "jaar": r.jaar,
             "toezegging": r.toezegging, "capaciteit": r.capaciteit, "evenredig_deel": _getal(r.evenredig_minimum),
             "evenredig_deel_exact": _exact(r.evenredig_minimum), "minimum": r.minimum, "maximum": r.maximum,
             "op_capaciteit": r.op_capaciteit}
            for r in w.voorstel
        ],
        "doelen": [
            {"woonvorm": d.woonvorm, "naam": d.naam, "jaar": d.jaar, "doel_minimum": d.doel.minimum,
             "doel_maximum": d.doel.maximum, "toegezegd": d.toegezegd, "capaciteit": d.capaciteit,
             "voorstel_minimum": d.geplaatst_minimum, "voorstel_maximum": d.geplaatst_maximum,
             "tekort_minimum": d.tekort_minimum, "tekort_maximum": d.tekort_maximum, "overschot": d.overschot,
             "uitleg": list(d.uitleg)}
            for d in w.doelen
        ],
        "balans": [
            {"gemeentecode": b.gemeentecode, "gemeentenaam": b.gemeentenaam, "aandeel": _getal(b.aandeel),
             "bijdrage": _getal(b.bijdrage), "evenredig_deel": _getal(b.evenredig_deel), "balans": _getal(b.balans),
             "bijdrage_exact": _exact(b.bijdrage), "evenredig_deel_exact": _exact(b.evenredig_deel),
             "balans_exact": _exact(b.balans),
             "vereffening_euro": None if b.bedrag_centen is None else b.bedrag_centen / 100}
            for b in w.balans
        ],
        "voorzieningen": [
            {"naam": v.naam, "woonvorm": v.woonvorm, "gemeentecode": v.gemeentecode, "capaciteit": v.capaciteit,
             "functie": v.functie, "status": v.status, "bron": v.bron, "telt_mee": v.telt_mee}
            for v in w.voorzieningen
        ],
        "uitleg": list(w.uitleg),
        "waarschuwingen": list(w.waarschuwingen),
    }


def rapport_tabellen(w: WoonvormenUitkomst) -> list[Any]:
    from verdeelwijzer.afspraken.rapport import Kolom, Tabel

    doelen = Tabel(
        "Woonvormen doelen", "Woonvormen: doel, toezeggingen en voorstel per woonvorm",
        (Kolom("woonvorm", "woonvorm"), Kolom("jaar", "jaar"), Kolom("doel", "doel"),
         Kolom("toegezegd", "toegezegd", "geheel"), Kolom("capaciteit", "capaciteit", "geheel"),
         Kolom("voorstel_minimum", "voorstel min", "geheel"), Kolom("voorstel_maximum", "voorstel max", "geheel"),
         Kolom("tekort_minimum", "tekort min", "geheel"), Kolom("tekort_maximum", "tekort max", "geheel")),
        tuple({"woonvorm": d.naam, "jaar": _jaar(d.jaar), "doel": d.doel.tekst(), "toegezegd": d.toegezegd,
               "capaciteit": d.capaciteit, "voorstel_minimum": d.geplaatst_minimum,
               "voorstel_maximum": d.geplaatst_maximum, "tekort_minimum": d.tekort_minimum,
               "tekort_maximum": d.tekort_maximum} for d in w.doelen),
        tuple(t for d in w.doelen for t in d.uitleg[1:]) + w.uitleg[:2],
    )
    voorstel = Tabel(
        "Woonvormen voorstel", "Woonvormen: toezegging, evenredig deel en voorgestelde verdeling van het gat",
        (Kolom("gemeentecode", "code"), Kolom("gemeentenaam", "gemeente"), Kolom("woonvorm", "woonvorm"),
         Kolom("jaar", "jaar"), Kolom("toezegging", "toezegging", "geheel"),
         Kolom("capaciteit", "capaciteit", "geheel"),
         Kolom("evenredig_deel", "evenredig deel", "decimaal"), Kolom("minimum", "voorstel min", "geheel"),
         Kolom("maximum", "voorstel max", "geheel"), Kolom("op_capaciteit", "op capaciteit")),
        tuple({"gemeentecode": r.gemeentecode, "gemeentenaam": r.gemeentenaam, "woonvorm": r.woonvorm,
               "jaar": _jaar(r.jaar), "toezegging": r.toezegging, "capaciteit": r.capaciteit,
               "evenredig_deel": _getal(r.evenredig_minimum), "minimum": r.minimum, "maximum": r.maximum,
               "op_capaciteit": "ja" if r.op_capaciteit else "nee"} for r in w.voorstel),
        ("evenredig deel = aandeel volgens de sleutel × het minimumdoel, vóór toezeggingen en capaciteit.",
         "Leeg bij capaciteit: geen capaciteit opgegeven (geen plafond)."),
        ("gemeentenaam", "woonvorm", "jaar", "toezegging", "evenredig_deel", "minimum", "maximum"),
    )
    uit = [doelen, voorstel]
    if w.balans:
        met_geld = any(b.bedrag_centen is not None for b in w.balans)
        kolommen = [Kolom("gemeentecode", "code"), Kolom("gemeentenaam", "gemeente"),
                    Kolom("aandeel", "aandeel sleutel", "procent"), Kolom("bijdrage", "gewogen bijdrage", "decimaal"),
                    Kolom("evenredig_deel", "evenredig deel", "decimaal"), Kolom("balans", "balans", "decimaal")]
        if met_geld:
            kolommen.append(Kolom("vereffening_euro", "vereffening (euro)", "decimaal"))
        rijen = [{"gemeentecode": b.gemeentecode, "gemeentenaam": b.gemeentenaam, "aandeel": _getal(b.aandeel),
                  "bijdrage": _getal(b.bijdrage), "evenredig_deel": _getal(b.evenredig_deel),
                  "balans": _getal(b.balans),
                  **({"vereffening_euro": (b.bedrag_centen or 0) / 100} if met_geld else {})} for b in w.balans]
        rijen.append({"gemeentenaam": "Totaal regio", "bijdrage": _getal(sum((b.bijdrage for b in w.balans),
                                                                           Fraction(0))),
                      "evenredig_deel": _getal(sum((b.evenredig_deel for b in w.balans), Fraction(0))),
                      "balans": _getal(sum((b.balans for b in w.balans), Fraction(0)))})
        uit.append(Tabel("Woonvormen balans", "Specialisatie: balans over alle groepen (boven + / onder −)",
                         tuple(kolommen), tuple(rijen), tuple(w.uitleg[2:])))
    if w.voorzieningen:
        uit.append(Tabel(
            "Voorzieningen", "Inventaris regionale voorzieningen",
            (Kolom("naam", "naam"), Kolom("woonvorm", "woon-/zorgvorm"), Kolom("gemeentecode", "gastgemeente"),
             Kolom("capaciteit", "capaciteit", "geheel"), Kolom("functie", "functie"), Kolom("status", "status"),
             Kolom("telt_mee", "telt mee in balans"), Kolom("bron", "bron")),
            tuple({"naam": v.naam, "woonvorm": v.woonvorm,
                   "gemeentecode": w.gemeentenamen[w.gemeentecodes.index(v.gemeentecode)], "capaciteit": v.capaciteit,
                   "functie": v.functie, "status": v.status, "telt_mee": "ja" if v.telt_mee else "nee",
                   "bron": v.bron} for v in w.voorzieningen),
            ("Alleen regionale en bovenregionale voorzieningen in gebruik tellen mee in de balans.",),
        ))
    return uit


def uitleg_per_gemeente(w: WoonvormenUitkomst) -> list[tuple[str, str, str]]:
    """(woonvorm, gemeente, explanation) for the first year (or the period) of every woonvorm, and the balance."""
    from verdeelwijzer.verdeling.getallen import nl

    uit = []
    for d in w.doelen:
        if d is not next(e for e in w.doelen if e.woonvorm == d.woonvorm):
            continue
        for r in w.voorstel:
            if r.woonvorm != d.woonvorm or r.jaar != d.jaar:
                continue
            cap = f"capaciteit {r.capaciteit} (plafond)" if r.capaciteit is not None else "geen capaciteit opgegeven"
            tekst = (f"{d.naam} {_jaar(d.jaar)}: doel regio {d.doel.tekst()}. Toezegging {r.toezegging} (vloer, wordt "
                     f"nooit verlaagd); {cap}. Evenredig deel naar de sleutel bij het minimum: "
                     f"{nl(r.evenredig_minimum)}. Voorstel: {r.minimum}"
                     + (f" tot {r.maximum}" if d.doel.is_bandbreedte else "") + "."
                     + (" De gemeente zit op haar capaciteit." if r.op_capaciteit else ""))
            uit.append((f"woonvorm {d.naam}", r.gemeentenaam, tekst))
    for b in w.balans:
        teken = "boven" if b.balans > 0 else "onder" if b.balans < 0 else "precies op"
        uit.append(("woonvormen balans", b.gemeentenaam,
                    f"Gewogen bijdrage {nl(b.bijdrage)}; evenredig deel {nl(b.aandeel * 100)} % van het regiototaal = "
                    f"{nl(b.evenredig_deel)}; balans {nl(b.balans)} ({teken} het evenredig deel)."))
    return uit


def balans_over_tijd_dict(u: Any) -> dict[str, Any]:
    """JSON of `monitoring.BalansOverTijd` (decimals; exact fractions as `*_exact`)."""
    return {
        "jaren": list(u.jaren),
        "balans_over_tijd": [
            {"jaar": r.jaar, "gemeentecode": r.gemeentecode, "gemeentenaam": r.gemeentenaam,
             "gerealiseerd": r.gerealiseerd, "bijdrage": _getal(r.bijdrage), "voorstel": _getal(r.voorstel),
             "evenredig_deel": _getal(r.evenredig_deel), "balans": _getal(r.balans),
             "bijdrage_exact": _exact(r.bijdrage), "evenredig_deel_exact": _exact(r.evenredig_deel),
             "balans_exact": _exact(r.balans)}
            for r in u.regels
        ],
        "woonvormen": [
            {"woonvorm": w.woonvorm, "naam": w.naam, "jaar": w.jaar, "gerealiseerd": w.gerealiseerd,
             "gerealiseerd_cumulatief": w.gerealiseerd_cumulatief, "doel_cumulatief": w.doel_cumulatief}
            for w in u.woonvormen
        ],
        "uitleg": list(u.uitleg),
    }


def balans_over_tijd_tabellen(u: Any) -> list[Any]:
    from verdeelwijzer.tabel import Kolom, Tabel

    balans = Tabel(
        "Woonvormen balans over tijd", "Balans over alle groepen per jaar (gerealiseerd, cumulatief)",
        (Kolom("jaar", "jaar"), Kolom("gemeentecode", "code"), Kolom("gemeentenaam", "gemeente"),
         Kolom("gerealiseerd", "plekken gerealiseerd", "geheel"), Kolom("bijdrage", "gewogen bijdrage", "decimaal"),
         Kolom("voorstel", "gewogen voorstel", "decimaal"), Kolom("evenredig_deel", "evenredig deel", "decimaal"),
         Kolom("balans", "balans", "decimaal")),
        tuple({"jaar": str(r.jaar), "gemeentecode": r.gemeentecode, "gemeentenaam": r.gemeentenaam,
               "gerealiseerd": r.gerealiseerd, "bijdrage": _getal(r.bijdrage), "voorstel": _getal(r.voorstel),
               "evenredig_deel": _getal(r.evenredig_deel), "balans": _getal(r.balans)} for r in u.regels),
        tuple(u.uitleg),
    )
    per_woonvorm = Tabel(
        "Woonvormen gerealiseerd", "Gerealiseerde plekken per woonvorm tegenover het doel (regio, cumulatief)",
        (Kolom("naam", "woonvorm"), Kolom("jaar", "jaar"), Kolom("gerealiseerd", "gerealiseerd", "geheel"),
         Kolom("gerealiseerd_cumulatief", "gerealiseerd t/m jaar", "geheel"),
         Kolom("doel_cumulatief", "minimumdoel t/m jaar", "geheel")),
        tuple({"naam": w.naam, "jaar": str(w.jaar), "gerealiseerd": w.gerealiseerd,
               "gerealiseerd_cumulatief": w.gerealiseerd_cumulatief, "doel_cumulatief": w.doel_cumulatief}
              for w in u.woonvormen),
        ("Een periodedoel telt in het laatste jaar.",),
    )
    return [balans, per_woonvorm]
