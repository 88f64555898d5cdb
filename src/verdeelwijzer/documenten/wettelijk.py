"""The legal frame around an agreement (rules as code): maximum term of an ingroeipad, the statutory
share for urgents, and the adoption deadlines of VHP and HVO.

`toets_wettelijk_kader` is pure (agreement + parameter values in, Dutch warnings out);
`wettelijke_waarschuwingen` reads the dated parameters for the agreement's peildatum and calls it. A value
the law has not fixed yet is the text "onbekend" in its parameter file and is reported as such, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from verdeelwijzer.afspraken.schema import Afsprakenkader
from verdeelwijzer.fouten import RegelFout
from verdeelwijzer.regels import ParameterWaarde, lees_parameter
from verdeelwijzer.verdeling.getallen import nl_procent

ONBEKEND = "onbekend"

# Parameters of the legal frame, in the order documents list them.
WETTELIJKE_PARAMETERS = (
    "ingroeipad_maximale_termijn",
    "percentage_urgenten_van_rechtswege",
    "vaststelling_termijn_vhp",
    "vaststelling_termijn_hvo",
    "vaststelling_termijn_regio",
)


@dataclass(frozen=True)
class WettelijkKader:
    """The legal values that apply on one date; None when the law does not apply yet on that date."""

    maximale_termijn: ParameterWaarde | None
    percentage_urgenten: ParameterWaarde | None


def is_bekend(p: ParameterWaarde | None) -> bool:
    return p is not None and p.waarde != ONBEKEND


def lees_wettelijk_kader(datum: date) -> WettelijkKader:
    """Read the parameters for `datum`; before the law applies (no value on that date) they are None."""
    return WettelijkKader(_lees(WETTELIJKE_PARAMETERS[0], datum), _lees(WETTELIJKE_PARAMETERS[1], datum))


def _lees(naam: str, datum: date) -> ParameterWaarde | None:
    try:
        return lees_parameter(naam, datum)
    except RegelFout:
        return None


def _bron(p: ParameterWaarde) -> str:
    return f"parameter {p.naam}, status {p.status}"


def toets_wettelijk_kader(kader: Afsprakenkader, wettelijk: WettelijkKader) -> list[str]:
    """Warnings when an ingroeipad runs past the legal term or the agreed share for urgents is below the
    statutory share; a note when the legal value is still unknown and the agreement depends on it."""
    uit: list[str] = []
    termijn = wettelijk.maximale_termijn
    for cat in kader.categorieen:
        if cat.ingroeipad is None:
            continue
        jaren = cat.ingroeipad.jaren
        laatste = kader.periode.start + jaren - 1
        if termijn is None:
            continue
        if not is_bekend(termijn):
            uit.append(
                f"{cat.naam}: het ingroeipad loopt {jaren} jaar (tot en met {laatste}); de wettelijke maximale "
                f"termijn is nog niet bekend ({_bron(termijn)}). Toets dit opnieuw zodra wet en besluit zijn "
                "vastgesteld: na die termijn geldt het wettelijke percentage van rechtswege."
            )
        elif jaren > int(termijn.waarde):
            uit.append(
                f"{cat.naam}: het ingroeipad loopt {jaren} jaar (tot en met {laatste}), langer dan de wettelijke "
                f"maximale termijn van {termijn.waarde} jaar ({_bron(termijn)}); daarna geldt het wettelijke "
                "percentage van rechtswege."
            )
    norm = wettelijk.percentage_urgenten
    if is_bekend(norm):
        assert norm is not None
        grens = Fraction(norm.waarde)
        for naam, aandeel in _afgesproken_aandelen(kader):
            if aandeel < grens:
                uit.append(
                    f"{naam}: het afgesproken aandeel urgenten van {nl_procent(aandeel)} ligt onder het wettelijke "
                    f"percentage van {nl_procent(grens)} ({_bron(norm)})."
                )
    return uit


def _afgesproken_aandelen(kader: Afsprakenkader) -> list[tuple[str, Fraction]]:
    """The shares of lettings for urgents the agreement itself states."""
    uit: list[tuple[str, Fraction]] = []
    if kader.aandeel_urgenten is not None and kader.aandeel_urgenten.streef is not None:
        uit.append(("Afgesproken aandeel urgenten", Fraction(kader.aandeel_urgenten.streef)))
    elif kader.categorieen:
        aandelen = [c.totaal.aandeel_mutaties for c in kader.categorieen if c.telt_mee_voor_mutatiegrens]
        if aandelen and all(a is not None for a in aandelen):
            uit.append(("Aandeel van de verhuringen voor urgente categorieën samen",
                        sum((Fraction(a) for a in aandelen if a is not None), Fraction(0))))
    return uit


def wettelijke_waarschuwingen(kader: Afsprakenkader) -> list[str]:
    """The one call `afspraken.berekening` makes: the legal checks on the agreement's peildatum."""
    return toets_wettelijk_kader(kader, lees_wettelijk_kader(kader.regels_datum))


def termijnen(datum: date, regionaam: str) -> list[dict[str, Any]]:
    """Adoption deadlines for VHP and HVO on `datum` (statutory and, where known, the region's own)."""
    uit: list[dict[str, Any]] = []
    for document, naam in (("VHP", "vaststelling_termijn_vhp"), ("HVO", "vaststelling_termijn_hvo")):
        p = _lees(naam, datum)
        if p is None:
            continue
        uit.append({"document": document, "soort": "wettelijk", "datum": None if not is_bekend(p) else p.waarde,
                    "tekst": "nog niet bekend (Koninklijk Besluit)" if not is_bekend(p) else f"vóór {p.waarde}",
                    "status": p.status, "bron": p.bron_titel, "url": p.bron_url, "parameter": p.naam})
    regio = _lees("vaststelling_termijn_regio", datum)
    if regio is not None and isinstance(regio.waarde, dict) and regionaam in regio.waarde:
        for document, w in sorted(regio.waarde[regionaam].items()):
            uit.append({"document": document.upper(), "soort": f"regionaal ({regionaam})", "datum": w["voor"],
                        "tekst": w["tekst"], "status": regio.status, "bron": regio.bron_titel, "url": regio.bron_url,
                        "parameter": regio.naam})
    return uit


def documentregels(datum: date, regionaam: str) -> Any:
    """Everything the documents show of the legal frame, read for `datum` (the shell calls this)."""
    from verdeelwijzer.documenten.opbouw import Documentregels, Regelwaarde

    def regelwaarde(p: ParameterWaarde) -> Regelwaarde:
        return Regelwaarde(p.naam, p.omschrijving, p.waarde, p.status, p.geldig_vanaf.isoformat(), p.bron_titel,
                           p.bron_url, p.toelichting or "")

    wettelijk = [p for n in WETTELIJKE_PARAMETERS[:4] if (p := _lees(n, datum)) is not None]
    lijsten = [p for n in ("vhp_verplichte_onderwerpen", "wettelijke_urgentiecategorieen")
               if (p := _lees(n, datum)) is not None]
    onderwerpen = next((p.waarde for p in lijsten if p.naam == "vhp_verplichte_onderwerpen"), [])
    categorieen = next((p.waarde for p in lijsten if p.naam == "wettelijke_urgentiecategorieen"), [])
    return Documentregels(
        vhp_onderwerpen=tuple(onderwerpen),
        urgentiecategorieen=tuple(categorieen),
        wettelijk=tuple(regelwaarde(p) for p in wettelijk),
        termijnen=tuple(termijnen(datum, regionaam)),
        bronnen=tuple(regelwaarde(p) for p in lijsten),
    )
