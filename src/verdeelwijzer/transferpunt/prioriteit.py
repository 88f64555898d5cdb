"""The region's declarative priority rules → an explained total order of candidates (pure).

Criteria are applied in the order the agreement writes them (lexicographic). Candidates that are still
equal after all criteria are ordered only by the agreed, recorded tie rule: a reproducible lottery with a
seed (the draw is a hash of seed and case number, so the input order plays no part) or an error naming
the tied cases. The case number itself never decides.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from verdeelwijzer.datumtekst import datum_nl
from verdeelwijzer.fouten import VerdeelFout
from verdeelwijzer.transferpunt.model import Kandidaat, Rangregel
from verdeelwijzer.transferpunt.schema import Criterium, GelijkeStand, Puntensysteem, Volgorde, Voorwaarde


def hele_maanden(van: date, tot: date) -> int:
    """Whole months from `van` up to `tot` (0 if `tot` is earlier)."""
    maanden = (tot.year - van.year) * 12 + (tot.month - van.month) - (1 if tot.day < van.day else 0)
    return max(maanden, 0)


def getal(tekst: str) -> Decimal | None:
    try:
        return Decimal(tekst.strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None


def benodigde_kenmerken(criteria: Sequence[Criterium]) -> dict[str, str]:
    """Candidate columns the rules read: name → 'getal' (a range is tested) or 'tekst'."""
    uit: dict[str, str] = {}
    for c in criteria:
        voorwaarden: list[Voorwaarde] = []
        if c.punten:
            voorwaarden = [v for r in c.punten.regels for v in r.als]
        elif c.volgorde:
            voorwaarden = [v for t in c.volgorde.treden for v in t.als]
        for v in voorwaarden:
            soort = "tekst" if v.is_een_van is not None else "getal"
            uit[v.kenmerk] = "getal" if uit.get(v.kenmerk) == "getal" else soort
    return uit


def geldt(v: Voorwaarde, k: Kandidaat) -> bool:
    waarde = k.kenmerk(v.kenmerk).strip()
    if v.is_een_van is not None:
        return waarde.lower() in {w.lower() for w in v.is_een_van}
    x = getal(waarde) if waarde else None
    if x is None:
        return False
    return (v.van is None or x >= v.van) and (v.tot is None or x < v.tot)


def _voorwaarden_tekst(als: Sequence[Voorwaarde]) -> str:
    delen = []
    for v in als:
        if v.is_een_van is not None:
            delen.append(f"{v.kenmerk} = {' of '.join(v.is_een_van)}")
        else:
            grenzen = ([f"≥ {v.van}"] if v.van is not None else []) + ([f"< {v.tot}"] if v.tot is not None else [])
            delen.append(f"{v.kenmerk} {' en '.join(grenzen)}")
    return " en ".join(delen)


def punten(systeem: Puntensysteem, k: Kandidaat, datum: date) -> tuple[int, str]:
    """Points: the highest rule that applies plus points per whole month of registration, with the sum in words."""
    beste, beste_tekst = 0, "geen puntregel van toepassing"
    for regel in systeem.regels:
        if regel.punten > beste and all(geldt(v, k) for v in regel.als):
            beste, beste_tekst = regel.punten, f"{regel.punten} voor {_voorwaarden_tekst(regel.als)}"
    maanden = hele_maanden(k.inschrijfdatum, datum)
    extra = systeem.per_maand_ingeschreven * maanden
    totaal = beste + extra
    tekst = f"{totaal} punten ({beste_tekst}"
    if systeem.per_maand_ingeschreven:
        tekst += f"; + {extra} voor {maanden} maanden ingeschreven"
    return totaal, tekst + f"; {systeem.naam})"


def trede(volgorde: Volgorde, k: Kandidaat) -> tuple[int, str]:
    for i, t in enumerate(volgorde.treden):
        if all(geldt(v, k) for v in t.als):
            return i, f"trede {i + 1} van {volgorde.naam}: {t.naam}"
    n = len(volgorde.treden)
    return n, f"geen trede van {volgorde.naam} (na trede {n})"


def _sleutel(c: Criterium, k: Kandidaat, datum: date, regio: frozenset[str]) -> tuple[Any, str]:
    soort = c.soort
    if soort == "wachttijd":
        m = hele_maanden(k.inschrijfdatum, datum)
        return k.inschrijfdatum.toordinal(), f"ingeschreven sinds {datum_nl(k.inschrijfdatum)} ({m} maanden)"
    if soort == "urgentiedatum":
        if k.urgentiedatum is None:
            return (1, 0), "geen urgentiedatum"
        return (0, k.urgentiedatum.toordinal()), f"urgent sinds {datum_nl(k.urgentiedatum)}"
    if soort == "herkomst_in_regio":
        binnen = k.herkomstgemeente in regio
        return (0 if binnen else 1), ("herkomst in de regio" if binnen else "herkomst buiten de regio")
    if soort == "punten":
        assert c.punten is not None
        p, tekst = punten(c.punten, k, datum)
        return -p, tekst
    assert c.volgorde is not None
    return trede(c.volgorde, k)


def lot(seed: int, dossier: str) -> str:
    return hashlib.sha256(f"{seed}:{dossier}".encode()).hexdigest()


def rangorde(kandidaten: Sequence[Kandidaat], criteria: Sequence[Criterium], gelijk: GelijkeStand, datum: date,
             regio: frozenset[str]) -> list[Rangregel]:
    """Every candidate's rank (1 = first), with the criterion values in words."""
    rijen = []
    for k in kandidaten:
        paren = [_sleutel(c, k, datum, regio) for c in criteria]
        rijen.append((tuple(p[0] for p in paren), tuple(p[1] for p in paren), k.dossier))
    rijen.sort(key=lambda r: r[0])
    # Ties after all criteria: decided only by the agreed rule.
    groepen: dict[tuple[Any, ...], list[str]] = {}
    for sleutel, _, dossier in rijen:
        groepen.setdefault(sleutel, []).append(dossier)
    gelijken = [sorted(g) for g in groepen.values() if len(g) > 1]
    if gelijken and gelijk.regel == "fout":
        voorbeelden = "; ".join(", ".join(g) for g in gelijken[:5])
        raise VerdeelFout(
            f"Gelijke stand na alle prioriteitscriteria tussen dossiers {voorbeelden}"
            f"{' (en meer)' if len(gelijken) > 5 else ''}. Leg in het afsprakenkader een regel vast "
            "(transferpunt.bij_gelijke_stand: regel: loting, seed: …); de volgorde van het bestand beslist nooit."
        )
    seed = gelijk.seed or 0
    loten = {d: lot(seed, d) for g in gelijken for d in g}
    rijen.sort(key=lambda r: (r[0], loten.get(r[2], "")))
    return [Rangregel(d, i + 1, teksten, loten[d][:8] if d in loten else None)
            for i, (_, teksten, d) in enumerate(rijen)]


def criterium_naam(c: Criterium) -> str:
    return {"wachttijd": "wachttijd (langst ingeschreven eerst)", "urgentiedatum": "urgentiedatum (vroegste eerst)",
            "herkomst_in_regio": "herkomst in de regio eerst"}.get(c.soort) or (
        f"punten: {c.punten.naam}" if c.punten else f"volgorde: {c.volgorde.naam}" if c.volgorde else c.soort)
