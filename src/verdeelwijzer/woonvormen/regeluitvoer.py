"""The three rule types (80-10-10 location rule, plan checklist, standplaatsen) as one result per run, read by
the CLI (table/CSV/JSON, `--excel`) and the web page (/woonvormen/regels, its downloads), so all show the same
numbers: each shell reads its file, calls the pure rule in `regeltypen` once, and renders this result.

`reken_*` read the files (bounded readers) and the dated parameter; `*_uitkomst` are pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from verdeelwijzer.tabel import Kolom, Tabel
from verdeelwijzer.verdeling.getallen import nl, nl_procent
from verdeelwijzer.woonvormen.regeltypen import (
    Familieverzoek,
    Locatietoets,
    Plantoets,
    StandplaatsenUitkomst,
)


@dataclass(frozen=True)
class Regeluitkomst:
    soort: str  # locaties | plantoets | standplaatsen
    titel: str
    data: dict[str, Any]  # what `--format json` prints (without attributie, added by the shell)
    tabel: Tabel  # the result table: same rows as the JSON list, booleans as ja/nee
    uitleg: tuple[str, ...]  # the rule in words, with the parameter values, and what happened
    bronnen: tuple[dict[str, str], ...]  # soort, naam, status, peildatum, url
    fouten: tuple[str, ...] = field(default=())  # e.g. a deviating plan without explanation (CLI: exit 1)
    dekblad: tuple[tuple[str, str], ...] = field(default=())


def regel_dict(p: Any) -> dict[str, str]:
    return {"naam": p.naam, "waarde": str(p.waarde), "status": p.status, "bron": p.bron_titel, "url": p.bron_url,
            "geldig_vanaf": p.geldig_vanaf.isoformat()}


def _regelbron(p: Any) -> dict[str, str]:
    waarden = ", ".join(f"{k} = {v}" for k, v in p.waarde.items())
    return {"soort": "regel", "naam": p.bron_titel, "parameter": f"{p.naam}: {waarden}", "status": p.status,
            "peildatum": f"geldig vanaf {p.geldig_vanaf.isoformat()}", "url": p.bron_url}


def _tabelrij(rij: dict[str, Any]) -> dict[str, Any]:
    return {k: ("ja" if v else "nee") if isinstance(v, bool) else v for k, v in rij.items()}


def _f(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def locaties_uitkomst(toetsen: list[Locatietoets], regel: Any, regio_naam: str, naam: Any) -> Regeluitkomst:
    """`regel`: the parameter `locatieregel_arbeidsmigranten`; `naam`: gemeentecode → name."""
    w = regel.waarde
    rijen = [{"regel": t.locatie.regel, "locatie": t.locatie.naam, "gemeentecode": t.locatie.gemeentecode,
              "gemeente": naam(t.locatie.gemeentecode), "aandeel_gemeente": _f(t.aandeel_gemeente),
              "aandeel_regio": _f(t.aandeel_regio), "aandeel_buiten": _f(t.aandeel_buiten),
              "voldoet": t.voldoet, "uitleg": "; ".join(t.redenen)} for t in toetsen]
    niet = sum(not t.voldoet for t in toetsen)
    uitleg = (f"Per locatie werkt ten minste {nl_procent(w['gemeente_minimaal'], 0)} van de bewoners in de gemeente "
              f"van de locatie, ten hoogste {nl_procent(w['regio_maximaal'], 0)} elders in de regio en ten hoogste "
              f"{nl_procent(w['buiten_maximaal'], 0)} buiten de regio.",
              f"{len(toetsen) - niet} van de {len(toetsen)} locaties voldoen; {niet} niet.")
    kolommen = (Kolom("regel", "regel in bestand", "geheel"), Kolom("locatie", "locatie"),
                Kolom("gemeente", "gemeente"), Kolom("gemeentecode", "gemeentecode"),
                Kolom("aandeel_gemeente", "werkt in de gemeente", "procent"),
                Kolom("aandeel_regio", "werkt elders in de regio", "procent"),
                Kolom("aandeel_buiten", "werkt buiten de regio", "procent"), Kolom("voldoet", "voldoet"),
                Kolom("uitleg", "uitleg"))
    titel = f"Locatieregel arbeidsmigranten — {regio_naam}"
    return Regeluitkomst(
        "locaties", titel, {"regio": regio_naam, "regel": regel_dict(regel), "locaties": rijen},
        Tabel("Locatieregel", titel, kolommen, tuple(_tabelrij(r) for r in rijen), uitleg),
        uitleg, (_regelbron(regel),), dekblad=(("Regio", regio_naam),))


def plantoets_uitkomst(toetsen: list[Plantoets], regel: Any, naam: Any, bestandsnaam: str) -> Regeluitkomst:
    """`regel`: the parameter `plantoets_woonzorg`; a deviating plan without explanation is listed in `fouten`."""
    w = regel.waarde
    rijen = [{"regel": t.plan.regel, "plan": t.plan.naam, "gemeentecode": t.plan.gemeentecode,
              "gemeente": naam(t.plan.gemeentecode), "aandeel_nultreden": float(t.aandeel_nultreden),
              "aandeel_zorg": float(t.aandeel_zorg), "status": t.status, "afwijkingen": "; ".join(t.afwijkingen),
              "uitleg": t.plan.uitleg} for t in toetsen]
    zonder = [t for t in toetsen if t.afwijkingen and not t.plan.uitleg.strip()]
    fouten = (("Een plan dat afwijkt vraagt een uitleg (kolom 'uitleg'): "
               + ", ".join(f"{bestandsnaam}, regel {t.plan.regel} ({t.plan.naam})" for t in zonder)),) if zonder else ()
    uitleg = (f"Een plan heeft ten minste {nl_procent(w['nultreden_minimaal'], 0)} nultredenwoningen, waarvan ten "
              f"minste {nl_procent(w['rolstoel_van_nultreden_minimaal'], 1)} rolstoeltoegankelijk, en ten minste "
              f"{nl_procent(w['zorg_minimaal'], 0)} woningen met zorg ter plekke. Wijkt een plan af, dan is een "
              "uitleg verplicht (pas toe of leg uit).",
              f"{sum(not t.afwijkingen for t in toetsen)} van de {len(toetsen)} plannen voldoen; "
              f"{len(zonder)} wijken af zonder uitleg.")
    kolommen = (Kolom("regel", "regel in bestand", "geheel"), Kolom("plan", "plan"), Kolom("gemeente", "gemeente"),
                Kolom("gemeentecode", "gemeentecode"), Kolom("aandeel_nultreden", "nultreden", "procent"),
                Kolom("aandeel_zorg", "met zorg ter plekke", "procent"), Kolom("status", "status"),
                Kolom("afwijkingen", "afwijkingen"), Kolom("uitleg", "uitleg van het plan"))
    titel = "Checklist woningbouwplannen (pas toe of leg uit)"
    return Regeluitkomst(
        "plantoets", titel, {"regel": regel_dict(regel), "plannen": rijen},
        Tabel("Plantoets", titel, kolommen, tuple(_tabelrij(r) for r in rijen), uitleg),
        uitleg, (_regelbron(regel),), fouten)


def standplaatsen_uitkomst(u: StandplaatsenUitkomst, regio_naam: str, extra: int, verzoeken: list[Familieverzoek],
                           verzoekstappen: tuple[str, ...], woningbronnen: list[Any]) -> Regeluitkomst:
    """`woningbronnen`: the sources (Bron) of the woningvoorraad used for the density."""
    rijen = [{"gemeentecode": g.gemeentecode, "gemeente": g.gemeentenaam, "dichtheid_voor": float(g.dichtheid_voor),
              "onder_gemiddelde": g.onder_gemiddelde, "eigen": g.eigen, "familie": g.familie, "extra": g.extra,
              "dichtheid_na": float(g.dichtheid_na)} for g in u.regels]
    uitleg = (f"Regionaal gemiddelde: {nl(u.gemiddelde)} standplaatsen per 1.000 woningen (woningvoorraad CBS).",
              "Eigen behoefte komt in de eigen gemeente, familiebanden worden gerespecteerd; daarna gaat de extra "
              f"regionale behoefte ({extra}) plek voor plek naar de gemeente met de minste standplaatsen per 1.000 "
              "woningen (gemeenten onder het regionale gemiddelde eerst).",
              *verzoekstappen, *u.stappen)
    kolommen = (Kolom("gemeente", "gemeente"), Kolom("gemeentecode", "gemeentecode"),
                Kolom("dichtheid_voor", "per 1.000 woningen (voor)", "decimaal"),
                Kolom("onder_gemiddelde", "onder het gemiddelde"), Kolom("eigen", "eigen behoefte", "geheel"),
                Kolom("familie", "familieband", "geheel"), Kolom("extra", "extra geplaatst", "geheel"),
                Kolom("dichtheid_na", "per 1.000 woningen (daarna)", "decimaal"))
    titel = f"Standplaatsen — {regio_naam}"
    bronnen = tuple({"soort": "gegevens", "naam": f"woningvoorraad: {b.label}", "status": b.soort,
                     "peildatum": str(b.peildatum), "url": ""} for b in dict.fromkeys(woningbronnen))
    data = {"regio": regio_naam, "gemiddelde": float(u.gemiddelde), "extra": extra, "gemeenten": rijen,
            "verzoeken": [{"regel": v.regel, "huishouden": v.huishouden, "huidige_gemeente": v.huidige_gemeente,
                           "gewenste_gemeentecode": v.gewenste_gemeente, "toelichting": v.toelichting}
                          for v in verzoeken],
            "stappen": [*verzoekstappen, *u.stappen]}
    return Regeluitkomst("standplaatsen", titel, data,
                         Tabel("Standplaatsen", titel, kolommen, tuple(_tabelrij(r) for r in rijen), uitleg[:2]),
                         uitleg, bronnen, dekblad=(("Regio", regio_naam), ("Extra behoefte", str(extra))))


# -- shells: read the files and the parameter, compute once ----------------------------------------------------


def reken_locaties(register: Path, gegevens: Any, regio: Any, dag: date) -> Regeluitkomst:
    from verdeelwijzer.regels import lees_parameter
    from verdeelwijzer.woonvormen.invoer import lees_locaties
    from verdeelwijzer.woonvormen.regeltypen import toets_locaties

    regel = lees_parameter("locatieregel_arbeidsmigranten", dag)
    w = regel.waarde
    toetsen = toets_locaties(lees_locaties(register, gegevens.zoeker, set(regio.gemeentecodes)),
                             w["gemeente_minimaal"], w["regio_maximaal"], w["buiten_maximaal"])
    return locaties_uitkomst(toetsen, regel, regio.naam, gegevens.naam)


def reken_plantoets(plannen: Path, gegevens: Any, dag: date, bestandsnaam: str | None = None) -> Regeluitkomst:
    from verdeelwijzer.regels import lees_parameter
    from verdeelwijzer.woonvormen.invoer import lees_plannen
    from verdeelwijzer.woonvormen.regeltypen import toets_plannen

    regel = lees_parameter("plantoets_woonzorg", dag)
    w = regel.waarde
    toetsen = toets_plannen(lees_plannen(plannen, gegevens.zoeker), w["nultreden_minimaal"],
                            w["rolstoel_van_nultreden_minimaal"], w["zorg_minimaal"])
    return plantoets_uitkomst(toetsen, regel, gegevens.naam, bestandsnaam or str(plannen))


def reken_standplaatsen(bestand: Path, gegevens: Any, regio: Any, extra: int, verzoeken: Path | None = None,
                        bestandsnaam: str | None = None, verzoekennaam: str | None = None) -> Regeluitkomst:
    from verdeelwijzer.fouten import InvoerFout
    from verdeelwijzer.woonvormen.invoer import lees_standplaatsen, lees_verzoeken
    from verdeelwijzer.woonvormen.regeltypen import Standplaatsgemeente, met_verzoeken, plaats_standplaatsen

    codes = sorted(regio.gemeentecodes)
    gelezen = lees_standplaatsen(bestand, gegevens.zoeker, set(codes))
    woningen, bronnen = gegevens.indicator("woningvoorraad", codes)
    gemeenten = [Standplaatsgemeente(c, gegevens.naam(c), int(w), *gelezen.get(c, (0, 0, 0)))
                 for c, w in zip(codes, woningen, strict=True)]
    stappen: tuple[str, ...] = ()
    gelezen_verzoeken: list[Familieverzoek] = []
    if verzoeken is not None:
        if any(g.familie for g in gemeenten):
            raise InvoerFout(f"{bestandsnaam or bestand}, kolom 'familie': met --verzoeken staan de familiebanden "
                             f"per huishouden in '{verzoekennaam or verzoeken}'; laat de kolom familie weg of zet haar "
                             "op 0 (anders telt een familieband dubbel).")
        gelezen_verzoeken = lees_verzoeken(verzoeken, gegevens.zoeker, set(codes), gegevens.naam)
        gemeenten, stappen = met_verzoeken(gemeenten, gelezen_verzoeken)
    return standplaatsen_uitkomst(plaats_standplaatsen(gemeenten, extra), regio.naam, extra, gelezen_verzoeken,
                                  stappen, bronnen)


def bronnentabel(u: Regeluitkomst, invoer: list[str]) -> Tabel:
    from verdeelwijzer.gegevens import attributie

    rijen = [*u.bronnen, *({"soort": "invoer", "naam": n, "status": "eigen invoer", "peildatum": "", "url": ""}
                           for n in invoer)]
    return Tabel("Bronnen", "Bronnen, peildata en regels",
                 (Kolom("soort", "soort"), Kolom("naam", "bron"), Kolom("parameter", "parameter (exact)"),
                  Kolom("status", "status"), Kolom("peildatum", "peildatum"), Kolom("url", "url")), tuple(rijen),
                 (attributie(),))


def schrijf_excel(pad: Path, u: Regeluitkomst, invoer: list[str], dag: date) -> None:
    """The Excel workbook (cover sheet with attribution, result, sources, warnings): same rows as the JSON.
    `invoer`: the names of the input files as the user gave them; `dag`: the rule's reference date."""
    from verdeelwijzer.gegevens import attributie
    from verdeelwijzer.rapport.excel import schrijf_werkmap

    dekblad = [("Regel", u.titel), *u.dekblad, ("Invoer", ", ".join(invoer)),
               ("Regels gelezen op", dag.isoformat()), ("Uitleg", " ".join(u.uitleg[:2])),
               ("Attributie", attributie())]
    tabellen = [u.tabel, bronnentabel(u, invoer)]
    if u.soort == "standplaatsen" and len(u.uitleg) > 2:
        stappen = tuple({"stap": i, "uitleg": t} for i, t in enumerate(u.uitleg[2:], start=1))
        tabellen.insert(1, Tabel("Stappen", "Familiebanden en gelijke standen, stap voor stap",
                                 (Kolom("stap", "stap", "geheel"), Kolom("uitleg", "uitleg")), stappen))
    schrijf_werkmap(pad, dekblad, tabellen, waarschuwingen=u.fouten, datum=dag, titel=u.titel)
