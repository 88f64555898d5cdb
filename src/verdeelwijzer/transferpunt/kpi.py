"""Transferpunt KPIs (pure): waiting time per group, share offered within the agreed term, placements against
quota per gemeente, placements in the gemeente of origin."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from verdeelwijzer.transferpunt.prioriteit import hele_maanden


@dataclass(frozen=True)
class Dossierstand:
    """What the KPIs need of one case (no other attributes)."""

    categorie: str  # the agreement's category
    herkomst: frozenset[str]  # herkomstgemeente plus tenzij-gemeenten
    ingeschreven: date
    termijn_start: date  # urgency date, else registration date
    geplaatst_op: date | None = None
    gemeentecode: str | None = None  # where placed
    periode: str | None = None


@dataclass(frozen=True)
class Kpis:
    wachttijd: tuple[dict, ...]
    binnen_termijn: dict
    plaatsingen: tuple[dict, ...]
    herkomst: dict


def _deel(teller: int, noemer: int) -> float | None:
    return teller / noemer if noemer else None


def bereken_kpis(dossiers: Sequence[Dossierstand], doelen: Mapping[tuple[str, str], int], periode: str,
                 vandaag: date, termijn_maanden: int, namen: Mapping[str, str]) -> Kpis:
    per_groep: dict[str, list[Dossierstand]] = defaultdict(list)
    for d in dossiers:
        per_groep[d.categorie].append(d)
    wachttijd = []
    for groep, lijst in sorted(per_groep.items()):
        open_ = [hele_maanden(d.ingeschreven, vandaag) for d in lijst if d.geplaatst_op is None]
        klaar = [hele_maanden(d.ingeschreven, d.geplaatst_op) for d in lijst if d.geplaatst_op is not None]
        wachttijd.append({"categorie": groep, "wachtend": len(open_),
                          "mediaan_wachtend_maanden": median(open_) if open_ else None,
                          "geplaatst": len(klaar), "mediaan_tot_plaatsing_maanden": median(klaar) if klaar else None})
    # The agreed term: a case counts once its term has passed or it has been placed.
    in_cohort = binnen = 0
    for d in dossiers:
        m_tot_nu = hele_maanden(d.termijn_start, vandaag)
        if d.geplaatst_op is not None:
            in_cohort += 1
            binnen += hele_maanden(d.termijn_start, d.geplaatst_op) < termijn_maanden or \
                (hele_maanden(d.termijn_start, d.geplaatst_op) == termijn_maanden
                 and d.geplaatst_op.day == d.termijn_start.day)
        elif m_tot_nu >= termijn_maanden:
            in_cohort += 1
    binnen_termijn = {"termijn_maanden": termijn_maanden, "dossiers": in_cohort, "binnen_termijn": int(binnen),
                      "aandeel": _deel(int(binnen), in_cohort)}
    geplaatst: dict[tuple[str, str], int] = defaultdict(int)
    for d in dossiers:
        if d.geplaatst_op is not None and d.periode == periode and d.gemeentecode:
            geplaatst[(d.gemeentecode, d.categorie)] += 1
    plaatsingen = tuple(
        {"gemeentecode": g, "gemeentenaam": namen.get(g, g), "categorie": c, "quotum": doelen.get((g, c), 0),
         "geplaatst": geplaatst.get((g, c), 0), "aandeel": _deel(geplaatst.get((g, c), 0), doelen.get((g, c), 0))}
        for g, c in sorted(set(doelen) | set(geplaatst), key=lambda x: (x[1], namen.get(x[0], x[0])))
    )
    alle = [d for d in dossiers if d.geplaatst_op is not None]
    thuis = sum(1 for d in alle if d.gemeentecode in d.herkomst)
    return Kpis(tuple(wachttijd), binnen_termijn, plaatsingen,
                {"geplaatst": len(alle), "in_herkomstgemeente": thuis, "aandeel": _deel(thuis, len(alle))})
