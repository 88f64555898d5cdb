"""Adapter: an afsprakenkader with a `transferpunt:` section → the inputs of a matching round.

The quota of a round are the agreement's targets per gemeente × category for the period, minus what the
monitoring already counts as realised; the mutatiegrens is the agreement's maximum share of lettings to
urgents × the gemeente's lettings in that year, minus the urgent placements already realised there.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path

from verdeelwijzer.fouten import InvoerFout, RegelFout
from verdeelwijzer.transferpunt.koppelen import Regels, koppel
from verdeelwijzer.transferpunt.lezen import Registercontext
from verdeelwijzer.transferpunt.model import Aanbod, Grens, Kandidaat, Quotum, Ronde
from verdeelwijzer.transferpunt.prioriteit import benodigde_kenmerken
from verdeelwijzer.transferpunt.schema import Transferpunt


@dataclass(frozen=True)
class Transferpuntkader:
    """A loaded and computed afsprakenkader with its transferpunt section."""

    geladen: object  # afspraken.GeladenAfspraken
    uitkomst: object  # afspraken.AfsprakenUitkomst
    sectie: Transferpunt
    regio: frozenset[str]
    namen: Mapping[str, str]
    kadercategorieen: tuple[str, ...]
    zoeker: object  # gegevens.namen.GemeenteZoeker

    @property
    def perioden(self) -> tuple[str, ...]:
        return tuple(str(j) for j in self.uitkomst.jaren)  # type: ignore[attr-defined]

    @property
    def naam(self) -> str:
        return str(self.geladen.kader.naam)  # type: ignore[attr-defined]

    @property
    def fictief(self) -> bool:
        return bool(self.geladen.kader.fictief)  # type: ignore[attr-defined]


def laad_transferpunt(pad: Path | str) -> Transferpuntkader:
    from verdeelwijzer.afspraken import bereken_afspraken, laad_afspraken
    from verdeelwijzer.gegevens import laad_gemeenten

    geladen = laad_afspraken(pad)
    return transferpunt_uit(geladen, bereken_afspraken(geladen, laad_gemeenten()))


def transferpunt_uit(geladen: object, uitkomst: object) -> Transferpuntkader:
    kader = geladen.kader  # type: ignore[attr-defined]
    if kader.transferpunt is None:
        raise InvoerFout(f"Het afsprakenkader '{kader.naam}' heeft geen onderdeel 'transferpunt:' (categorieën, "
                         "prioriteit, termijn_maanden, bewaartermijn_maanden).")
    codes = tuple(uitkomst.gemeentecodes)  # type: ignore[attr-defined]
    namen = dict(zip(codes, uitkomst.gemeentenamen, strict=True))  # type: ignore[attr-defined]
    from verdeelwijzer.gegevens import laad_gemeenten

    zoeker = laad_gemeenten().zoeker
    tk = Transferpuntkader(geladen, uitkomst, kader.transferpunt, frozenset(codes), namen,
                           tuple(c.naam for c in kader.categorieen), zoeker)
    fouten = []
    for cat, naar in tk.sectie.categorieen.items():
        if naar not in tk.kadercategorieen:
            fouten.append(f"transferpunt.categorieen.{cat}: '{naar}' is geen categorie van dit afsprakenkader "
                          f"(kies uit: {', '.join(tk.kadercategorieen)}).")
    if fouten:
        raise InvoerFout("Het onderdeel 'transferpunt' klopt niet:\n" + "\n".join(f"  - {f}" for f in fouten))
    return tk


def bekende_categorieen(tk: Transferpuntkader, datum: date) -> dict[str, str | None]:
    """The one lookup of candidate categories: the statutory urgency categories (parameter
    `wettelijke_urgentiecategorieen`, when it applies on `datum`) and the agreement's category names, each
    mapped to the agreement category whose quota it uses (None: known, but no quota in this agreement).
    When the aandachtsgroepen catalogue lands, only this function changes."""
    from verdeelwijzer.regels import waarde

    try:
        wettelijk = [str(c["code"]) for c in waarde("wettelijke_urgentiecategorieen", datum)]
    except RegelFout:
        wettelijk = []
    uit: dict[str, str | None] = {c: None for c in wettelijk}
    uit.update({c: c for c in tk.kadercategorieen})
    uit.update(tk.sectie.categorieen)
    return uit


def registercontext(tk: Transferpuntkader, vandaag: date) -> Registercontext:
    return Registercontext(
        zoeker=tk.zoeker, regio=tk.regio, categorieen=bekende_categorieen(tk, vandaag), vandaag=vandaag,  # type: ignore[arg-type]
        regelkolommen=benodigde_kenmerken(tk.sectie.prioriteit),
        gemeentenamen=tuple(tk.zoeker.namen.values()),  # type: ignore[attr-defined]
    )


def kies_periode(tk: Transferpuntkader, periode: str | None, datum: date) -> str:
    if periode is None:
        periode = str(datum.year) if str(datum.year) in tk.perioden else tk.perioden[0]
    if periode not in tk.perioden:
        raise InvoerFout(f"Periode '{periode}' hoort niet bij het afsprakenkader; kies uit {', '.join(tk.perioden)}.")
    return periode


def quota_voor(tk: Transferpuntkader, periode: str, eerder: Mapping[tuple[str, str], int] | None = None
               ) -> list[Quotum]:
    """Remaining quota per gemeente × category for the categories the transferpunt uses."""
    gebruikt = set(tk.sectie.categorieen.values()) | set(tk.kadercategorieen)
    eerder = eerder or {}
    return [Quotum(d.gemeentecode, d.categorie, int(d.aantal), int(eerder.get((d.gemeentecode, d.categorie), 0)))
            for d in tk.uitkomst.doelen  # type: ignore[attr-defined]
            if d.periode == periode and d.categorie in gebruikt]


def grenzen_voor(tk: Transferpuntkader, periode: str, eerder: Mapping[str, int] | None = None,
                 verhuringen: Mapping[str, int] | None = None) -> list[Grens]:
    """The mutatiegrens per gemeente for the period (empty if the agreement sets none or the section opts out)."""
    maximum = tk.geladen.kader.aandeel_urgenten.maximum if tk.geladen.kader.aandeel_urgenten else None  # type: ignore[attr-defined]
    if not tk.sectie.mutatiegrens or maximum is None:
        return []
    eerder = eerder or {}
    uit = []
    for r in tk.uitkomst.totaalbeeld:  # type: ignore[attr-defined]
        if str(r.jaar) != periode:
            continue
        mutaties = Fraction(verhuringen[r.gemeentecode]) if verhuringen and r.gemeentecode in verhuringen \
            else Fraction(r.mutaties)
        schatting = not (verhuringen and r.gemeentecode in verhuringen) and r.mutaties_schatting
        grens = math.floor(Fraction(str(maximum)) * mutaties)
        uitleg = (f"{maximum} × {float(mutaties):.0f} verhuringen{' (schatting)' if schatting else ''} = {grens}")
        uit.append(Grens(r.gemeentecode, grens, int(eerder.get(r.gemeentecode, 0)), uitleg))
    return uit


def categorie_functie(tk: Transferpuntkader, datum: date):  # noqa: ANN201
    bekend = bekende_categorieen(tk, datum)
    return lambda cat: bekend.get(cat)


def draai_ronde(tk: Transferpuntkader, kandidaten: Sequence[Kandidaat], aanbod: Sequence[Aanbod], *,
                periode: str | None, datum: date, eerder: Mapping[tuple[str, str], int] | None = None,
                eerder_gemeente: Mapping[str, int] | None = None,
                verhuringen: Mapping[str, int] | None = None) -> Ronde:
    periode = kies_periode(tk, periode, datum)
    regels = Regels(tuple(tk.sectie.prioriteit), tk.sectie.bij_gelijke_stand, tk.sectie.herkomst == "voorkeur")
    bronnen = [f"Afsprakenkader: {tk.naam}" + (" (FICTIEF voorbeeld)" if tk.fictief else "")]
    for c in tk.sectie.prioriteit:
        regel = c.punten or c.volgorde
        if regel is not None and regel.bron is not None:
            bronnen.append(f"{regel.naam}: {regel.bron.titel}" + (f" ({regel.bron.url})" if regel.bron.url else ""))
    if tk.sectie.bron is not None:
        bronnen.append(f"Transferpunt: {tk.sectie.bron.titel}" + (f" ({tk.sectie.bron.url})" if tk.sectie.bron.url
                                                                   else ""))
    return koppel(kandidaten, aanbod, quota_voor(tk, periode, eerder), grenzen_voor(tk, periode, eerder_gemeente,
                  verhuringen), categorie_functie(tk, datum), regels, periode=periode, datum=datum, regio=tk.regio,
                  namen=tk.namen, bronnen=bronnen)
