"""The afsprakenkader result as plain tables and a JSON-ready dict (pure; no files, no printing).

Terminal, JSON and Excel all render these same tables, so every output shows the same numbers.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from verdeelwijzer import __version__
from verdeelwijzer.afspraken.berekening import AfsprakenUitkomst
from verdeelwijzer.gegevens import attributie, gegevens_versie
from verdeelwijzer.regels import exacte_tekst, lees_parameter, regels_versie
from verdeelwijzer.tabel import Kolom, Tabel
from verdeelwijzer.verdeling.getallen import breuk_tekst, nl


def _getal(v: Fraction | int | None) -> float | int | None:
    if v is None:
        return None
    if isinstance(v, int) or v.denominator == 1:
        return int(v)
    return float(v)


def versie() -> dict[str, str]:
    return {"verdeelwijzer": __version__, "gegevens": gegevens_versie(), "regels": regels_versie()}


def regels_gebruikt(u: AfsprakenUitkomst) -> list[dict[str, str]]:
    """The parameters this result rests on, with their status, as read on the agreement's peildatum."""
    namen = ["mutatiegraad_sociale_huur"]
    if u.statushouders:
        namen += ["taakstelling_afronding", "taakstelling_peildatum_inwoners"]
        if u.geladen.kader.statushouders is not None and u.geladen.kader.statushouders.landelijk_per_jaar is not None:
            namen.append("taakstelling_halfjaarverdeling")
    if u.spoor1 is not None:
        namen += [
            "aandeel_betaalbaar",
            "minimum_sociale_huur",
            "minimum_middensegment",
            "landelijk_gemiddelde_sociale_huur",
            "termijn_jaren",
        ]
    uit = []
    for naam in namen:
        p = lees_parameter(naam, u.regels_datum)
        uit.append(
            {
                "parameter": naam,
                "waarde": exacte_tekst(p.waarde) if isinstance(p.waarde, Fraction) else str(p.waarde),
                "status": str(p.status),
                "geldig_vanaf": p.geldig_vanaf.isoformat(),
                "bron": p.bron_titel,
                "url": p.bron_url,
            }
        )
    return uit


def dekblad(u: AfsprakenUitkomst) -> list[tuple[str, str]]:
    k = u.geladen.kader
    regels = [
        ("Afsprakenkader", k.naam),
        ("Scenario", k.scenario),
        (
            "Regio",
            f"{u.regio.naam} ({u.regio.soort}, {len(u.gemeentecodes)} gemeenten, indeling {u.regio.indeling_jaar})",
        ),
        ("Periode", f"{u.jaren[0]}–{u.jaren[-1]}"),
        ("Peildatum regels", u.regels_datum.isoformat()),
        (
            "Besluit",
            ""
            if k.besluit is None
            else "; ".join(
                x for x in (k.besluit.naam, k.besluit.datum and k.besluit.datum.isoformat(), k.besluit.kenmerk) if x
            ),
        ),
        ("Bestand", u.geladen.pad.name),
    ]
    if k.fictief:
        regels.append(("Let op", "FICTIEF VOORBEELD: verzonnen totalen, geen echte afspraak."))
    if u.regio.opmerking:
        regels.append(("Regio-opmerking", u.regio.opmerking))
    regels += [
        ("Versie Verdeelwijzer", __version__),
        ("Versie gegevens", gegevens_versie()),
        ("Versie regels", regels_versie()),
        ("Attributie", attributie()),
    ]
    return regels


def tabellen(u: AfsprakenUitkomst) -> list[Tabel]:
    uit = [_totaalbeeld(u)]
    if any(r.mutatiegrens is not None for r in u.totaalbeeld):
        uit.append(_mutatiegrens(u))
    for c in u.categorieen:
        uit.append(_categorie(u, c))
    if u.statushouders:
        uit.append(_statushouders(u))
    for c in u.categorieen:
        if c.corporaties:
            uit.append(_corporaties(u, c))
    if u.spoor1 is not None:
        uit.append(_spoor1(u))
    if u.analyse is not None:  # woonzorg- en spreidingsanalyse (aandachtsgroepen)
        from verdeelwijzer.aandachtsgroepen.afspraken import rapport_tabellen

        uit.extend(rapport_tabellen(u.analyse))
    if getattr(u, "woonvormen", None) is not None:  # woonvormen, toezeggingen, balans (issue 13)
        from verdeelwijzer.woonvormen.weergave import rapport_tabellen as woonvormen_tabellen

        uit.extend(woonvormen_tabellen(u.woonvormen))
    uit.append(_bronnen(u))
    return uit


def _totaalbeeld(u: AfsprakenUitkomst) -> Tabel:
    rijen = []
    for r in u.totaalbeeld:
        rijen.append(
            {
                "jaar": r.jaar,
                "gemeentecode": r.gemeentecode,
                "gemeentenaam": r.gemeentenaam,
                "mutaties": _getal(r.mutaties),
                "urgenten": r.urgenten,
                "statushouders": r.statushouders,
                "totaal": r.totaal,
                "aandeel": _getal(r.aandeel),
                "mutatiegrens": _getal(r.mutatiegrens),
                "boven_grens": r.boven_grens,
                "regulier": _getal(r.regulier),
                "regulier_aandeel": _getal(r.regulier_aandeel),
                "grensstatus": r.grensstatus,
            }
        )
    noten = [
        "mutaties = verhuringen sociale huur per jaar"
        + (
            " (SCHATTING: sociale voorraad × landelijke mutatiegraad)"
            if any(r.mutaties_schatting for r in u.totaalbeeld)
            else ""
        )
        + ".",
        "aandeel = (urgenten + statushouders die meetellen) / mutaties; regulier = mutaties − alle voorrang.",
    ]
    return Tabel(
        "Totaalbeeld",
        "Totaalbeeld per gemeente en jaar: voorrang tegenover verhuringen",
        (
            Kolom("jaar", "jaar", "geheel"),
            Kolom("gemeentecode", "code"),
            Kolom("gemeentenaam", "gemeente"),
            Kolom("mutaties", "verhuringen", "decimaal"),
            Kolom("urgenten", "urgenten", "geheel"),
            Kolom("statushouders", "statushouders", "geheel"),
            Kolom("totaal", "totaal voorrang", "geheel"),
            Kolom("aandeel", "aandeel verhuringen", "procent"),
            Kolom("mutatiegrens", "mutatiegrens", "procent"),
            Kolom("boven_grens", "boven grens"),
            Kolom("regulier", "over voor regulier", "decimaal"),
            Kolom("regulier_aandeel", "regulier %", "procent"),
            Kolom("grensstatus", "status mutatiegrens"),
        ),
        tuple(rijen),
        tuple(noten),
    )


def _mutatiegrens(u: AfsprakenUitkomst) -> Tabel:
    """The combined cap status per gemeente and year: all counted priority placements against the grens."""
    rijen: dict[str, dict[str, Any]] = {}
    for r in u.totaalbeeld:
        rij = rijen.setdefault(r.gemeentecode, {"gemeentecode": r.gemeentecode, "gemeentenaam": r.gemeentenaam})
        rij[f"aandeel_{r.jaar}"] = _getal(r.aandeel)
        rij[f"status_{r.jaar}"] = ("BOVEN" if r.boven_grens else "binnen") if r.mutatiegrens is not None else ""
    kolommen = [Kolom("gemeentecode", "code"), Kolom("gemeentenaam", "gemeente")]
    for j in u.jaren:
        kolommen += [Kolom(f"aandeel_{j}", f"aandeel {j}", "procent"), Kolom(f"status_{j}", str(j))]
    boven = [r for r in u.totaalbeeld if r.boven_grens]
    noten = [
        f"{len(boven)} van de {len(u.totaalbeeld)} gemeente-jaren liggen boven de mutatiegrens"
        + (f"; oorzaak: {boven[0].grensstatus.partition('niet begrensd: ')[2]}." if boven else "."),
        "Statushouders (wettelijke taak) en categorieën zonder eigen plafond worden niet door de mutatiegrens "
        "begrensd; alleen zij kunnen het totaal erboven brengen. Details per jaar: kolom 'status mutatiegrens' "
        "in het Totaalbeeld.",
    ]
    return Tabel(
        "Mutatiegrens",
        "Mutatiegrens per gemeente en jaar: alle meetellende voorrang samen",
        tuple(kolommen),
        tuple(rijen.values()),
        tuple(noten),
        kort=("gemeentenaam", *(f"status_{j}" for j in u.jaren)),
    )


def _categorie(u: AfsprakenUitkomst, c: Any) -> Tabel:
    jaren = u.jaren
    rijen = []
    for g, code in enumerate(u.gemeentecodes):
        eerste = c.per_jaar[0].regels[g]
        rij: dict[str, Any] = {
            "gemeentecode": code,
            "gemeentenaam": u.gemeentenamen[g],
            "aandeel_sleutel": _getal(eerste.aandeel),
            "vast": eerste.vast,
            "plafond_geraakt": any(p.regels[g].plafond_geraakt for p in c.per_jaar),
        }
        for t, jaar in enumerate(jaren):
            rij[f"quotum_{jaar}"] = _getal(c.quotum(t, g))
            rij[f"aantal_{jaar}"] = c.aantal(t, g)
        rij["totaal"] = sum(c.aantal(t, g) for t in range(len(jaren)))
        rijen.append(rij)
    totaal = {
        "gemeentenaam": "Totaal regio",
        **{f"aantal_{j}": c.totalen[t] for t, j in enumerate(jaren)},
        "totaal": sum(c.totalen),
    }
    kolommen = [
        Kolom("gemeentecode", "code"),
        Kolom("gemeentenaam", "gemeente"),
        Kolom("aandeel_sleutel", "aandeel sleutel", "procent"),
        Kolom("vast", "vast", "geheel"),
        Kolom("plafond_geraakt", "plafond geraakt"),
    ]
    for jaar in jaren:
        kolommen += [
            Kolom(f"quotum_{jaar}", f"quotum {jaar}", "decimaal"),
            Kolom(f"aantal_{jaar}", str(jaar), "geheel"),
        ]
    kolommen.append(Kolom("totaal", "totaal periode", "geheel"))
    cat = c.categorie
    sleutel = ", ".join(f"{k} {float(v) * 100:g} %" for k, v in cat.sleutel.items())
    noten = [
        f"Totaal: {c.totaal_uitleg}.",
        f"Sleutel: {sleutel}; afronding: {cat.afronding}, cumulatief over de jaren.",
    ]
    if cat.herkomst:
        noten.append(
            f"Herkomst: α = {cat.herkomst.alpha} (bestand {cat.herkomst.bestand}); "
            f"{len(cat.herkomst.uitzonderingen)} uitzondering(en) 'tenzij'."
        )
    if cat.ingroeipad:
        noten.append(
            f"Ingroeipad: {cat.ingroeipad.methode} over {cat.ingroeipad.jaren} jaar vanaf {cat.ingroeipad.huidig}; "
            "vloeren en plafonds gelden in elk jaar van het pad"
            + (
                f", en het laatste jaar ({jaren[cat.ingroeipad.jaren - 1]}) is precies de doelverdeling."
                if c.ingroeipad is not None and c.ingroeipad.laatste_jaar_is_doel
                else "; het pad eindigt niet binnen de periode of haalt het doel niet (zie waarschuwingen)."
            )
        )
    tekorten = [f"{j}: {t}" for j, t in zip(jaren, c.tekorten, strict=True) if t > 0]
    if tekorten:
        noten.append(f"Tekort onder de plafonds per jaar: {', '.join(tekorten)}.")
    for v in cat.vast:
        noten.append(f"Vast: {v.gemeente} {v.aantal} ({v.reden}), in mindering op het eigen aandeel.")
    if cat.bij_gelijke_stand == "loting":
        noten.append(f"Gelijke stand: beslecht door loting met seed {cat.seed} (herhaalbaar).")
    return Tabel(c.naam[:31], f"Categorie {c.naam}", tuple(kolommen), (*rijen, totaal), tuple(noten))


def _statushouders(u: AfsprakenUitkomst) -> Tabel:
    assert u.statushouders
    rijen = []
    for g, code in enumerate(u.gemeentecodes):
        rij: dict[str, Any] = {"gemeentecode": code, "gemeentenaam": u.gemeentenamen[g]}
        for t, jaar in enumerate(u.jaren):
            r = u.statushouders[t].regels[g]
            rij[f"quotum_{jaar}"] = float(r.quotum)
            for label, half in u.statushouders_halfjaren[2 * t : 2 * t + 2]:
                rij[f"aantal_{label.replace('-', '_')}"] = half.regels[g].aantal
            rij[f"aantal_{jaar}"] = r.aantal
        rijen.append(rij)
    kolommen = [Kolom("gemeentecode", "code"), Kolom("gemeentenaam", "gemeente")]
    for t, jaar in enumerate(u.jaren):
        kolommen.append(Kolom(f"quotum_{jaar}", f"vg·iG/iN {jaar}", "decimaal"))
        for label, _ in u.statushouders_halfjaren[2 * t : 2 * t + 2]:
            kolommen.append(Kolom(f"aantal_{label.replace('-', '_')}", f"{jaar} {label[-1]}e hj", "geheel"))
        kolommen.append(Kolom(f"aantal_{jaar}", f"{jaar} totaal", "geheel"))
    noten = (
        "De taakstelling geldt per kalenderhalfjaar (Huisvestingswet 2014 art. 28–29): per halfjaar vg × iG / iN, "
        "per gemeente naar boven afgerond; een achterstand of voorsprong loopt door naar het volgende halfjaar. "
        "Jaren zijn alleen de som van de twee halfjaren.",
        *u.statushouders_splitsing,
        *u.statushouders_uitleg,
    )
    return Tabel(
        "Statushouders",
        "Taakstelling statushouders per halfjaar (Huisvestingswet 2014 art. 28–29)",
        tuple(kolommen),
        tuple(rijen),
        noten,
    )


def _corporaties(u: AfsprakenUitkomst, c: Any) -> Tabel:
    rijen: dict[tuple[str, str], dict[str, Any]] = {}
    for d in c.corporaties:
        rij = rijen.setdefault(
            (d.gemeentecode, d.corporatie),
            {"gemeentenaam": u.naam(d.gemeentecode), "corporatie": d.corporatie, "bezit": _getal(d.bezit), "totaal": 0},
        )
        rij[f"aantal_{d.jaar}"] = d.aantal
        rij["totaal"] += d.aantal
    kolommen = [Kolom("gemeentenaam", "gemeente"), Kolom("corporatie", "corporatie"), Kolom("bezit", "bezit", "geheel")]
    kolommen += [Kolom(f"aantal_{j}", str(j), "geheel") for j in u.jaren] + [Kolom("totaal", "totaal", "geheel")]
    return Tabel(
        f"Corporaties {c.naam}"[:31],
        f"{c.naam}: verdeling binnen gemeenten over corporaties",
        tuple(kolommen),
        tuple(rijen.values()),
        (
            f"Naar rato van het bezit (bestand {c.categorie.onderverdeling.bestand}), afronding "
            f"{c.categorie.onderverdeling.afronding}, cumulatief over de jaren.",
        ),
    )


_SPOOR1_SOORT = {"sociaal_aandeel": "procent", "percentage": "procent", "regel": "tekst", "ontheffing_besluit": "tekst",
                 "status": "tekst", "gemeentecode": "tekst", "gemeentenaam": "tekst", "classificatie": "tekst"}


def _spoor1(u: AfsprakenUitkomst) -> Tabel:
    """Spoor 1 per gemeente, the same columns as `verdeelwijzer betaalbaarheid --format csv`."""
    from verdeelwijzer.betaalbaarheid.weergave import CSV_KOLOMMEN, csv_rijen

    b = u.spoor1
    kolommen = tuple(Kolom(k, k.replace("_", " "), _SPOOR1_SOORT.get(k, "procent" if "aandeel" in k else "geheel"))
                     for k in CSV_KOLOMMEN)
    rijen = tuple({k: (None if v == "" else v) for k, v in rij.items()} for rij in csv_rijen(b))
    toetsen = "; ".join(f"{naam}: {'gehaald' if t.gehaald else 'niet gehaald'}" for naam, t in b.toetsen.items()) \
        if all(hasattr(t, "gehaald") for t in b.toetsen.values()) else ""
    noten = [f"Restopgave verdeeld met sleutel '{b.sleutel}'.", *b.waarschuwingen]
    if toetsen:
        noten.insert(0, f"Regionale toets: {toetsen}; classificatie onzeker: {len(b.onzeker)} gemeente(n).")
    kort = ("gemeentenaam", "sociaal_aandeel", "regel", "percentage", "minimum_sociale_huur", "minimum_middensegment",
            "plan_sociale_huur", "tekort_minimum", "voorstel_sociale_huur", "voorstel_betaalbaar",
            "sociaal_aandeel_na_voorstel", "status", "classificatie")
    return Tabel("Betaalbaarheid", "Spoor 1: betaalbaar programmeren per gemeente", kolommen, rijen, tuple(noten),
                 kort=tuple(k for k in kort if k in CSV_KOLOMMEN))


def _bronnen(u: AfsprakenUitkomst) -> Tabel:
    rijen = [
        {"soort": "gegevens", "naam": b["label"], "status": b["soort"], "peildatum": b["peildatum"], "url": ""}
        for b in u.bronnen
    ]
    rijen += [
        {
            "soort": "regel",
            "naam": f"{r['parameter']} = {r['waarde']} — {r['bron']}",
            "status": r["status"],
            "peildatum": f"geldig vanaf {r['geldig_vanaf']}",
            "url": r["url"],
        }
        for r in regels_gebruikt(u)
    ]
    return Tabel(
        "Bronnen",
        "Bronnen, peildata en regels",
        (
            Kolom("soort", "soort"),
            Kolom("naam", "bron"),
            Kolom("status", "status"),
            Kolom("peildatum", "peildatum"),
            Kolom("url", "url"),
        ),
        tuple(rijen),
        (attributie(),),
    )


def uitleg_teksten(u: AfsprakenUitkomst) -> list[tuple[str, str, str]]:
    """(categorie, gemeente, explanation text) for the first year of every category."""
    uit = []
    for c in u.categorieen:
        eerste = c.per_jaar[0]
        for g, code in enumerate(u.gemeentecodes):
            tekst = eerste.uitleg.als_tekst(code)
            if c.ingroeipad is not None:
                # the explanation above is the target distribution; say what the path placed, year by year
                jaren = "; ".join(
                    f"{jaar}: {c.aantal(t, g)} (quotum {nl(c.quotum(t, g))})" for t, jaar in enumerate(u.jaren)
                )
                tekst += (
                    f"\nIngroeipad: hierboven staat de doelverdeling; geplaatst per jaar: {jaren}."
                    + (" Het laatste jaar van het pad is precies de doelverdeling." if c.ingroeipad.laatste_jaar_is_doel
                       else "")
                )
            uit.append((c.naam, u.naam(code), tekst))
    if getattr(u, "woonvormen", None) is not None:
        from verdeelwijzer.woonvormen.weergave import uitleg_per_gemeente

        uit.extend(uitleg_per_gemeente(u.woonvormen))
    return uit


def _analyse_dict(u: AfsprakenUitkomst) -> dict[str, Any]:
    if u.analyse is None:
        return {}
    from verdeelwijzer.aandachtsgroepen.weergave import als_dict as analyse_als_dict

    return {"analyse": analyse_als_dict(u.analyse)}


def _woonvormen_dict(u: AfsprakenUitkomst) -> dict[str, Any]:
    if getattr(u, "woonvormen", None) is None:
        return {}
    from verdeelwijzer.woonvormen.weergave import als_dict as woonvormen_als_dict

    return {"woonvormen": woonvormen_als_dict(u.woonvormen)}


def als_dict(u: AfsprakenUitkomst) -> dict[str, Any]:
    """Everything as JSON-ready data; deterministic for identical inputs."""
    k = u.geladen.kader
    return {
        "afsprakenkader": {
            "naam": k.naam,
            "scenario": k.scenario,
            "fictief": k.fictief,
            "bestand": u.geladen.pad.name,
            "besluit": None if k.besluit is None else k.besluit.model_dump(mode="json"),
        },
        "regio": {
            "naam": u.regio.naam,
            "soort": u.regio.soort,
            "indeling_jaar": u.regio.indeling_jaar,
            "gemeentecodes": list(u.gemeentecodes),
            "opmerking": u.regio.opmerking,
        },
        "jaren": list(u.jaren),
        "peildatum_regels": u.regels_datum.isoformat(),
        "tabellen": {
            t.naam: {"titel": t.titel, "rijen": list(t.rijen), "voetnoten": list(t.voetnoten)} for t in tabellen(u)
        },
        "categorieen": {
            c.naam: {
                "totalen": list(c.totalen),
                "quota": {
                    str(j): {code: breuk_tekst(c.quotum(t, g)) for g, code in enumerate(u.gemeentecodes)}
                    for t, j in enumerate(u.jaren)
                },
                "uitleg_eerste_jaar": c.per_jaar[0].uitleg.als_dict(),
                "tekorten": {str(j): t for j, t in zip(u.jaren, c.tekorten, strict=True)},
                "ingroeipad": None
                if c.ingroeipad is None
                else {
                    "jaren": len(c.ingroeipad.quota),
                    "laatste_jaar_is_doel": c.ingroeipad.laatste_jaar_is_doel,
                    "pad_quota": {
                        str(t + 1): {code: breuk_tekst(q[g]) for g, code in enumerate(u.gemeentecodes)}
                        for t, q in enumerate(c.ingroeipad.pad_quota)
                    },
                },
            }
            for c in u.categorieen
        },
        "statushouders_halfjaren": [
            {
                "halfjaar": label,
                "vg": h.vg,
                "aantallen": {r.gemeentecode: r.aantal for r in h.regels},
                "quota": {r.gemeentecode: breuk_tekst(r.quotum) for r in h.regels},
                "resterende_voorsprong": {r.gemeentecode: r.resterende_voorsprong for r in h.regels},
            }
            for label, h in u.statushouders_halfjaren
        ],
        "statushouders_halfjaarverdeling": list(u.statushouders_splitsing),
        "doelen": [
            {"gemeentecode": d.gemeentecode, "categorie": d.categorie, "periode": d.periode, "aantal": d.aantal}
            for d in u.doelen
        ],
        "waarschuwingen": list(u.waarschuwingen),
        "regels": regels_gebruikt(u),
        "bronnen": list(u.bronnen),
        **_analyse_dict(u),
        **_woonvormen_dict(u),
        "attributie": attributie(),
        "versie": versie(),
    }
