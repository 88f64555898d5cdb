"""Pledges entered on the web page (or any other form): checking one typed pledge and laying the stored
pledges over those of the afsprakenkader file. Pure: plain values in, plain values out; no storage.

A stored pledge replaces the file's pledge for the same gemeente, woonvorm and jaar (the gemeente's latest
word); every other pledge of the file stays. The result goes through the same `bereken_woonvormen`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.grenzen import MAX_PLEKKEN_FORMULIER, MAX_TOELICHTING_TEKENS
from verdeelwijzer.woonvormen.model import Toezegging

Sleutel = tuple[str, str, int | None]


@dataclass(frozen=True)
class Ingevoerd:
    """A pledge as typed: the pledge itself plus the free-text explanation (kept for the record)."""

    toezegging: Toezegging
    toelichting: str | None


def sleutel(t: Toezegging) -> Sleutel:
    return (t.gemeentecode, t.woonvorm, t.jaar)


def leg_over(bestand: Iterable[Toezegging], opgeslagen: Iterable[Toezegging]) -> tuple[Toezegging, ...]:
    """The file's pledges with every stored pledge replacing the one with the same key (or added)."""
    nieuw = {sleutel(t): t for t in opgeslagen}
    uit = [nieuw.pop(sleutel(t), t) for t in bestand]
    uit.extend(nieuw[k] for k in sorted(nieuw, key=lambda k: (k[0], k[1], -1 if k[2] is None else k[2])))
    return tuple(uit)


def _heel(veld: str, tekst: str | None, fouten: list[str], *, leeg_mag: bool) -> int | None:
    schoon = (tekst or "").strip()
    if not schoon:
        if not leeg_mag:
            fouten.append(f"veld '{veld}': vul een heel aantal in (0 of meer).")
        return None
    if not (schoon.isascii() and schoon.isdigit()) or len(schoon) > 9:
        fouten.append(f"veld '{veld}': '{schoon[:20]}' is geen heel aantal van 0 of meer.")
        return None
    waarde = int(schoon)
    if waarde > MAX_PLEKKEN_FORMULIER:
        fouten.append(f"veld '{veld}': {waarde} is meer dan {MAX_PLEKKEN_FORMULIER:,} plekken; "
                      "controleer het aantal.".replace(",", "."))
        return None
    return waarde


def lees_formulier(
    velden: Mapping[str, str | None],
    *,
    gemeenten: Mapping[str, str],
    woonvormen: Mapping[str, str],
    jaren: tuple[int, ...],
) -> Ingevoerd:
    """Check one typed pledge (`gemeente`, `woonvorm`, `jaar`, `aantal`, `capaciteit`, `toelichting`).

    `gemeenten`: code → naam of the region; `woonvormen`: id → naam of the programme. Every problem is
    reported at once, each naming its field; InvoerFout when there is one."""
    fouten: list[str] = []
    code = (velden.get("gemeente") or "").strip()
    if code not in gemeenten:
        fouten.append(f"veld 'gemeente': '{code[:20]}' hoort niet bij deze regio; kies een gemeente uit de lijst.")
    woonvorm = (velden.get("woonvorm") or "").strip()
    if woonvorm not in woonvormen:
        fouten.append(f"veld 'woonvorm': '{woonvorm[:40]}' staat niet in het programma; kies een van: "
                      f"{', '.join(woonvormen.values())}.")
    jaar_tekst = (velden.get("jaar") or "").strip()
    jaar: int | None = None
    if jaar_tekst:
        if jaar_tekst.isascii() and jaar_tekst.isdigit() and int(jaar_tekst) in jaren:
            jaar = int(jaar_tekst)
        else:
            fouten.append(f"veld 'jaar': '{jaar_tekst[:20]}' valt buiten de periode {jaren[0]}–{jaren[-1]}; "
                          "kies een jaar of laat het leeg (elk jaar).")
    aantal = _heel("toezegging", velden.get("aantal"), fouten, leeg_mag=False)
    capaciteit = _heel("capaciteit", velden.get("capaciteit"), fouten, leeg_mag=True)
    if aantal is not None and capaciteit is not None and aantal > capaciteit:
        fouten.append(f"veld 'toezegging': {aantal} is meer dan de opgegeven capaciteit {capaciteit}; een "
                      "gemeente kan niet meer toezeggen dan zij kan bieden.")
    toelichting = (velden.get("toelichting") or "").strip()
    if len(toelichting) > MAX_TOELICHTING_TEKENS:
        fouten.append(f"veld 'toelichting': {len(toelichting)} tekens; ten hoogste {MAX_TOELICHTING_TEKENS}.")
    if fouten:
        raise InvoerFout("De toezegging is niet opgeslagen:\n" + "\n".join(f"  - {f}" for f in fouten))
    assert aantal is not None
    return Ingevoerd(Toezegging(code, woonvorm, jaar, aantal, capaciteit), toelichting or None)
