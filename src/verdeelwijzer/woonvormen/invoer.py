"""Reading the register files for the rule types (CSV/Excel), with the shared bounded readers and errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens.invoer import gemeente_rijen, kolomnaam, lees_tabelbestand, meld, waar
from verdeelwijzer.gegevens.namen import GemeenteZoeker
from verdeelwijzer.woonvormen.monitoring import Realisatie
from verdeelwijzer.woonvormen.regeltypen import Familieverzoek, Locatie, Plan


def _kolommen(tabel: object, nodig: tuple[str, ...], fouten: list[str]) -> dict[str, int]:
    namen = [kolomnaam(k) for k in tabel.kop]  # type: ignore[attr-defined]
    for k in nodig:
        if k not in namen:
            fouten.append(f"{tabel.pad}: kolom '{k}' ontbreekt; verwacht de kolommen {', '.join(nodig)}.")  # type: ignore[attr-defined]
    return {k: namen.index(k) for k in nodig if k in namen}


def _heel(tekst: str, plek: str, fouten: list[str]) -> int:
    schoon = tekst.strip()
    if schoon.isdigit() and len(schoon) <= 9:
        return int(schoon)
    fouten.append(f"{plek}: '{schoon[:40]}' is geen heel aantal van 0 of meer.")
    return 0


def lees_locaties(pad: Path, zoeker: GemeenteZoeker, regio: set[str]) -> list[Locatie]:
    """Columns: locatie, gemeentenaam/-code, werkt_in_gemeente, werkt_in_regio, werkt_buiten_regio."""
    tabel = lees_tabelbestand(pad)
    fouten: list[str] = []
    getallen = ("werkt_in_gemeente", "werkt_in_regio", "werkt_buiten_regio")
    k = _kolommen(tabel, ("locatie", *getallen), fouten)
    uit = []
    if not fouten:
        for rij, cellen, code in gemeente_rijen(tabel, zoeker, fouten, regio=regio, uniek=False):
            w = [_heel(cellen[k[n]], waar(tabel.pad, rij, n), fouten) for n in getallen]
            uit.append(Locatie(rij, cellen[k["locatie"]].strip(), code, *w))
    if fouten:
        raise meld(fouten, f"Het locatieregister '{pad}' is niet in orde:")
    return uit


def lees_plannen(pad: Path, zoeker: GemeenteZoeker) -> list[Plan]:
    """Columns: plan, gemeentenaam/-code, woningen, nultreden, rolstoel, zorg, uitleg (may be empty)."""
    tabel = lees_tabelbestand(pad)
    fouten: list[str] = []
    getallen = ("woningen", "nultreden", "rolstoel", "zorg")
    k = _kolommen(tabel, ("plan", *getallen, "uitleg"), fouten)
    uit = []
    if not fouten:
        for rij, cellen, code in gemeente_rijen(tabel, zoeker, fouten, uniek=False):
            w = dict(zip(getallen, (_heel(cellen[k[n]], waar(tabel.pad, rij, n), fouten) for n in getallen),
                         strict=True))
            if w["nultreden"] > w["woningen"] or w["zorg"] > w["woningen"]:
                fouten.append(f"{waar(tabel.pad, rij)}: nultreden en zorg mogen niet groter zijn dan woningen.")
            if w["rolstoel"] > w["nultreden"]:
                fouten.append(f"{waar(tabel.pad, rij, 'rolstoel')}: meer rolstoelwoningen dan nultredenwoningen.")
            uit.append(Plan(rij, cellen[k["plan"]].strip(), code, w["woningen"], w["nultreden"], w["rolstoel"],
                            w["zorg"], cellen[k["uitleg"]].strip()))
    if fouten:
        raise meld(fouten, f"Het plannenbestand '{pad}' is niet in orde:")
    return uit


def lees_standplaatsen(pad: Path, zoeker: GemeenteZoeker, regio: set[str]) -> dict[str, tuple[int, int, int]]:
    """Columns: gemeentenaam/-code, standplaatsen, eigen_behoefte, familie (optional: family ties may instead come
    per household from a request file) → {code: (stand, eigen, familie)}."""
    tabel = lees_tabelbestand(pad)
    fouten: list[str] = []
    met_familie = "familie" in [kolomnaam(x) for x in tabel.kop]
    getallen = ("standplaatsen", "eigen_behoefte", "familie") if met_familie else ("standplaatsen", "eigen_behoefte")
    k = _kolommen(tabel, getallen, fouten)
    uit: dict[str, tuple[int, int, int]] = {}
    if not fouten:
        for rij, cellen, code in gemeente_rijen(tabel, zoeker, fouten, regio=regio):
            s, e, *f = (_heel(cellen[k[n]], waar(tabel.pad, rij, n), fouten) for n in getallen)
            uit[code] = (s, e, f[0] if f else 0)
    if fouten:
        raise meld(fouten, f"Het standplaatsenbestand '{pad}' is niet in orde:")
    return uit


def lees_realisaties(pad: Path, zoeker: GemeenteZoeker, regio: set[str], woonvormen: dict[str, str],
                     jaren: tuple[int, ...]) -> list[Realisatie]:
    """Realised places (CSV/Excel): gemeentenaam/-code, woonvorm, jaar, aantal; one row per gemeente × woonvorm ×
    jaar. `woonvormen`: the ids that have a weight (id → name, for the error text)."""
    tabel = lees_tabelbestand(pad)
    fouten: list[str] = []
    k = _kolommen(tabel, ("woonvorm", "jaar", "aantal"), fouten)
    uit: list[Realisatie] = []
    gezien: dict[tuple[str, str, int], int] = {}
    if not fouten:
        for rij, cellen, code in gemeente_rijen(tabel, zoeker, fouten, regio=regio, uniek=False):
            woonvorm = cellen[k["woonvorm"]].strip()
            if woonvorm not in woonvormen:
                fouten.append(f"{waar(tabel.pad, rij, 'woonvorm')}: '{woonvorm[:40]}' heeft geen wegingsfactor in het "
                              f"afsprakenkader; verwacht een van: {', '.join(sorted(woonvormen))}.")
            jaar_tekst = cellen[k["jaar"]].strip()
            jaar = int(jaar_tekst) if jaar_tekst.isascii() and jaar_tekst.isdigit() and len(jaar_tekst) == 4 else None
            if jaar not in jaren:
                fouten.append(f"{waar(tabel.pad, rij, 'jaar')}: '{jaar_tekst[:20]}' valt buiten de periode "
                              f"{jaren[0]}–{jaren[-1]}.")
            aantal = _heel(cellen[k["aantal"]], waar(tabel.pad, rij, "aantal"), fouten)
            if woonvorm in woonvormen and jaar in jaren:
                assert jaar is not None
                if (code, woonvorm, jaar) in gezien:
                    fouten.append(f"{waar(tabel.pad, rij)}: deze gemeente, woonvorm en jaar staan al op regel "
                                  f"{gezien[(code, woonvorm, jaar)]}.")
                gezien[(code, woonvorm, jaar)] = rij
                uit.append(Realisatie(code, woonvorm, jaar, aantal))
    if fouten:
        raise meld(fouten, f"Het bestand met gerealiseerde plekken '{pad}' is niet in orde:")
    return uit


def lees_verzoeken(pad: Path, zoeker: GemeenteZoeker, regio: set[str],
                   naam: Callable[[str], str]) -> list[Familieverzoek]:
    """Family-tie requests, one row per household: huishouden, huidige_gemeente, gewenste_gemeente (name or code;
    the wanted gemeente in the region, the current one anywhere), optional toelichting."""
    tabel = lees_tabelbestand(pad)
    fouten: list[str] = []
    k = _kolommen(tabel, ("huishouden", "huidige_gemeente", "gewenste_gemeente"), fouten)
    kop = [kolomnaam(x) for x in tabel.kop]
    t_i = kop.index("toelichting") if "toelichting" in kop else None
    uit: list[Familieverzoek] = []
    gezien: dict[str, int] = {}
    if not fouten:
        for rij, ruw in tabel.rijen:
            cellen = ruw + [""] * (len(tabel.kop) - len(ruw))
            huishouden = cellen[k["huishouden"]].strip()
            if not huishouden:
                fouten.append(f"{waar(tabel.pad, rij, 'huishouden')}: leeg; geef een kenmerk per huishouden.")
            elif huishouden in gezien:
                fouten.append(f"{waar(tabel.pad, rij, 'huishouden')}: '{huishouden[:40]}' staat er al op regel "
                              f"{gezien[huishouden]}; één regel per huishouden.")
            gezien.setdefault(huishouden, rij)
            codes = []
            for kolom in ("huidige_gemeente", "gewenste_gemeente"):
                try:
                    codes.append(zoeker.zoek(cellen[k[kolom]], waar(tabel.pad, rij, kolom)))
                except InvoerFout as fout:
                    fouten.append(str(fout))
                    codes.append(None)
            huidig, gewenst = codes
            if gewenst is not None and gewenst not in regio:
                fouten.append(f"{waar(tabel.pad, rij, 'gewenste_gemeente')}: gemeente "
                              f"'{cellen[k['gewenste_gemeente']].strip()}' hoort niet bij de regio.")
            elif huidig is not None and huidig == gewenst:
                fouten.append(f"{waar(tabel.pad, rij, 'gewenste_gemeente')}: gelijk aan de huidige gemeente; dat is "
                              "eigen behoefte (kolom eigen_behoefte), geen familieband met een andere gemeente.")
            elif huidig is not None and gewenst is not None and huishouden:
                uit.append(Familieverzoek(rij, huishouden, naam(huidig), gewenst,
                                          cellen[t_i].strip() if t_i is not None else ""))
    if fouten:
        raise meld(fouten, f"Het bestand met familieverzoeken '{pad}' is niet in orde:")
    return uit
