"""Reading a region's behoefte (need) and aanbod (supply) files, CSV or Excel.

Behoefte, one row per gemeente × groep × jaar:
    gemeente (gemeentecode or gemeentenaam) | groep | jaar | aantal | eenheid (optional) | bron | peildatum
Aanbod, one row per gemeente × woonvorm × status × jaar (× groep):
    gemeente | woonvorm | aantal | status (bestaand, in_aanbouw, gepland_hard, gepland_zacht) | jaar (van oplevering;
    leeg bij bestaand) | groep (nodig als de woonvorm door meer groepen wordt gebruikt) | bron | peildatum

Every problem (file, row, column, what was expected) is collected and reported at once; nothing is used unless
the whole file is valid. Files are bounded in size and rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from verdeelwijzer.aandachtsgroepen.catalogus import Catalogus
from verdeelwijzer.bron import Bron
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens.invoer import (
    METAKOLOMMEN,
    Tabelbestand,
    gemeente_rijen,
    gemeentekolom,
    kolomnaam,
    leeg_sjabloon,
    lees_exact_getal,
    lees_tabelbestand,
    meld,
    waar,
)
from verdeelwijzer.gegevens.namen import GemeenteZoeker

MAX_BYTES = 5 * 1024 * 1024
MAX_RIJEN = 50_000
MAX_AANTAL = 10**7  # more people than any region has: a typo, not a figure
STATUSSEN = {
    "bestaand": "bestaand",
    "in_aanbouw": "in aanbouw",
    "gepland_hard": "gepland (hard)",
    "gepland_zacht": "gepland (zacht)",
}
_STATUS_ALIAS = {"in aanbouw": "in_aanbouw", "gepland hard": "gepland_hard", "gepland zacht": "gepland_zacht",
                 "hard": "gepland_hard", "zacht": "gepland_zacht", "aanbouw": "in_aanbouw"}
BEHOEFTE_KOLOMMEN = ("groep", "jaar", "aantal", "eenheid")
AANBOD_KOLOMMEN = ("groep", "woonvorm", "aantal", "status", "jaar")
_ALIAS = {"doelgroep": "groep", "aandachtsgroep": "groep", "behoefte": "aantal", "jaar_van_oplevering": "jaar",
          "oplevering": "jaar", "opleverjaar": "jaar", "capaciteit": "aantal", "plaatsen": "aantal"}


@dataclass(frozen=True)
class Behoefteregel:
    gemeentecode: str
    groep: str
    jaar: int
    aantal: Fraction
    eenheid: str
    bron: Bron
    rij: int


@dataclass(frozen=True)
class Aanbodregel:
    gemeentecode: str
    groep: str
    woonvorm: str
    aantal: Fraction
    status: str
    jaar: int | None
    bron: Bron
    rij: int


def _naam(kop: str) -> str:
    n = kolomnaam(kop)
    return _ALIAS.get(n, n)


def _lees(pad: Path) -> Tabelbestand:
    if pad.exists() and pad.is_file() and pad.stat().st_size > MAX_BYTES:
        raise InvoerFout(f"Bestand '{pad}' is groter dan {MAX_BYTES // (1024 * 1024)} MB; splits het of laat "
                         "lege regels weg.")
    tabel = lees_tabelbestand(pad)
    if len(tabel.rijen) > MAX_RIJEN:
        raise InvoerFout(f"Bestand '{pad}' heeft {len(tabel.rijen)} regels; de grens is {MAX_RIJEN}.")
    return tabel


def _kolommen(tabel: Tabelbestand, verplicht: Sequence[str], optioneel: Sequence[str],
              fouten: list[str]) -> dict[str, int]:
    sleutel_i, _ = gemeentekolom(tabel)
    gevonden: dict[str, int] = {}
    for i, kop in enumerate(tabel.kop):
        naam = _naam(kop)
        if i == sleutel_i or naam in ("gemeentecode", "gemeentenaam", "opmerking", "toelichting"):
            continue
        if naam in ("bron", "peildatum"):
            gevonden.setdefault(naam, i)
            continue
        if not naam:
            fouten.append(f"{waar(tabel.pad, 1)}: kolom {i + 1} heeft geen naam.")
        elif naam not in (*verplicht, *optioneel):
            fouten.append(f"{waar(tabel.pad, 1, kop)}: onbekende kolom. Verwacht: gemeentecode of gemeentenaam, "
                          f"{', '.join((*verplicht, *optioneel))} (en eventueel {', '.join(METAKOLOMMEN)}).")
        elif naam in gevonden:
            fouten.append(f"{waar(tabel.pad, 1, kop)}: kolom komt twee keer voor.")
        else:
            gevonden[naam] = i
    for k in verplicht:
        if k not in gevonden:
            fouten.append(f"{waar(tabel.pad, 1)}: kolom '{k}' ontbreekt. Gevonden kolommen: {', '.join(tabel.kop)}.")
    return gevonden


def _aantal(tekst: str, decimale_komma: bool) -> Fraction:
    t = tekst.strip()
    if not t:
        raise ValueError("leeg; verwacht een aantal ≥ 0 (0 mag; 'geen behoefte bekend' = de regel weglaten)")
    getal = lees_exact_getal(t, decimale_komma)
    if getal < 0:
        raise ValueError(f"negatief aantal {t}; verwacht een aantal ≥ 0")
    if getal > MAX_AANTAL:
        raise ValueError(f"'{t}' is onwaarschijnlijk groot (meer dan {MAX_AANTAL:,})".replace(",", "."))
    return getal


def _jaar(tekst: str, jaren: Sequence[int]) -> int:
    t = tekst.strip()
    if not t.isdigit() or len(t) != 4:
        raise ValueError(f"'{t}' is geen jaartal; verwacht bv. {jaren[0]}")
    jaar = int(t)
    if jaar not in jaren:
        raise ValueError(f"jaar {jaar} ligt buiten de periode {jaren[0]}–{jaren[-1]}")
    return jaar


def _bron(tabel: Tabelbestand, cellen: list[str], kolommen: dict[str, int]) -> Bron:
    extra = cellen[kolommen["bron"]].strip() if "bron" in kolommen else ""
    peil = cellen[kolommen["peildatum"]].strip() if "peildatum" in kolommen else ""
    label = f"eigen invoer: bestand {Path(tabel.pad).name}" + (f" ({extra})" if extra else "")
    return Bron(label=label, peildatum=peil or "onbekend", soort="eigen invoer")


def _groep(tekst: str, catalogus: Catalogus) -> str:
    g = catalogus.zoek(tekst)
    if g is None:
        raise ValueError(catalogus.onbekend(tekst))
    return g.id


def lees_behoefte(pad: Path, zoeker: GemeenteZoeker, catalogus: Catalogus, regio_codes: Sequence[str],
                  regio_naam: str, jaren: Sequence[int]) -> list[Behoefteregel]:
    """The region's own need figures; one InvoerFout listing every problem otherwise."""
    tabel = _lees(Path(pad))
    fouten: list[str] = []
    kol = _kolommen(tabel, ("groep", "jaar", "aantal"), ("eenheid",), fouten)
    if fouten:
        raise meld(fouten, f"Het behoeftebestand '{tabel.pad}' is niet ingelezen; er is niets gebruikt:")
    uit: list[Behoefteregel] = []
    gezien: dict[tuple[str, str, int], int] = {}
    eenheden: dict[str, tuple[str, int]] = {}
    for rijnr, cellen, code in gemeente_rijen(tabel, zoeker, fouten, regio=set(regio_codes),
                                              buiten=f"hoort niet bij {regio_naam}", uniek=False):
        regel_fouten = len(fouten)
        try:
            groep = _groep(cellen[kol["groep"]], catalogus)
        except ValueError as e:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[kol['groep']])}: {e}")
            groep = ""
        try:
            jaar = _jaar(cellen[kol["jaar"]], jaren)
        except ValueError as e:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[kol['jaar']])}: {e}.")
            jaar = 0
        try:
            aantal = _aantal(cellen[kol["aantal"]], tabel.decimale_komma)
        except ValueError as e:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[kol['aantal']])}: {e}.")
            aantal = Fraction(0)
        eenheid = cellen[kol["eenheid"]].strip().lower() if "eenheid" in kol else ""
        if groep and not eenheid:
            eenheid = catalogus.groep(groep).eenheid
        if groep and eenheid:
            eerder = eenheden.setdefault(groep, (eenheid, rijnr))
            if eerder[0] != eenheid:
                fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[kol['eenheid']] if 'eenheid' in kol else None)}: "
                              f"eenheid '{eenheid}' verschilt van '{eerder[0]}' op regel {eerder[1]} voor groep "
                              f"'{groep}'; tel een groep in één eenheid.")
        if len(fouten) > regel_fouten:
            continue
        sleutel = (code, groep, jaar)
        if sleutel in gezien:
            fouten.append(f"{waar(tabel.pad, rijnr)}: dubbele regel: {zoeker.namen[code]}, "
                          f"groep '{groep}', jaar {jaar} staat er al op regel {gezien[sleutel]}.")
            continue
        gezien[sleutel] = rijnr
        uit.append(Behoefteregel(code, groep, jaar, aantal, eenheid, _bron(tabel, cellen, kol), rijnr))
    if not tabel.rijen and not fouten:  # the template, sent back unchanged
        raise leeg_sjabloon(tabel, "behoeftebestand", ("gemeente", "groep", "jaar", "aantal"), "Er is niets gebruikt.")
    if not tabel.rijen:
        fouten.append(f"{waar(tabel.pad, 1)}: alleen een kopregel, geen cijfers.")
    if fouten:
        raise meld(fouten, f"Het behoeftebestand '{tabel.pad}' is niet ingelezen; er is niets gebruikt:")
    return uit


def _status(tekst: str) -> str:
    t = tekst.strip().lower()
    t = _STATUS_ALIAS.get(t, t.replace(" ", "_"))
    if t not in STATUSSEN:
        raise ValueError(f"onbekende status '{tekst.strip()}'; verwacht {', '.join(STATUSSEN)}")
    return t


def lees_aanbod(pad: Path, zoeker: GemeenteZoeker, catalogus: Catalogus, regio_codes: Sequence[str],
                regio_naam: str, jaren: Sequence[int]) -> list[Aanbodregel]:
    """Existing and planned supply per woonvorm; one InvoerFout listing every problem otherwise."""
    tabel = _lees(Path(pad))
    fouten: list[str] = []
    kol = _kolommen(tabel, ("woonvorm", "aantal", "status"), ("groep", "jaar"), fouten)
    if fouten:
        raise meld(fouten, f"Het aanbodbestand '{tabel.pad}' is niet ingelezen; er is niets gebruikt:")
    uit: list[Aanbodregel] = []
    gezien: dict[tuple[str, str, str, str, int | None], int] = {}
    for rijnr, cellen, code in gemeente_rijen(tabel, zoeker, fouten, regio=set(regio_codes),
                                              buiten=f"hoort niet bij {regio_naam}", uniek=False):
        regel_fouten = len(fouten)
        woonvorm = kolomnaam(cellen[kol["woonvorm"]])
        plek_wv = waar(tabel.pad, rijnr, tabel.kop[kol["woonvorm"]])
        groep = ""
        groep_tekst = cellen[kol["groep"]].strip() if "groep" in kol else ""
        if groep_tekst:
            try:
                groep = _groep(groep_tekst, catalogus)
            except ValueError as e:
                fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[kol['groep']])}: {e}")
        gebruikers = catalogus.groepen_met_woonvorm(woonvorm)
        if not woonvorm:
            fouten.append(f"{plek_wv}: leeg; verwacht een woonvorm, bv. {', '.join(list(catalogus.woonvormen)[:4])}.")
        elif not gebruikers:
            fouten.append(f"{plek_wv}: woonvorm '{cellen[kol['woonvorm']].strip()}' wordt door geen enkele groep "
                          f"gebruikt. Bekende woonvormen: {', '.join(catalogus.woonvormen)}.")
        elif groep and groep not in [g.id for g in gebruikers]:
            fouten.append(f"{plek_wv}: woonvorm '{woonvorm}' hoort niet bij groep '{groep}' (wel bij: "
                          f"{', '.join(g.id for g in gebruikers)}).")
        elif not groep and not groep_tekst:
            if len(gebruikers) > 1:
                plek_g = waar(tabel.pad, rijnr, tabel.kop[kol["groep"]] if "groep" in kol else "groep")
                fouten.append(f"{plek_g}: woonvorm '{woonvorm}' wordt door meer groepen gebruikt "
                              f"({', '.join(g.id for g in gebruikers)}); vul de groep in.")
            else:
                groep = gebruikers[0].id
        try:
            aantal = _aantal(cellen[kol["aantal"]], tabel.decimale_komma)
        except ValueError as e:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[kol['aantal']])}: {e}.")
            aantal = Fraction(0)
        status = ""
        try:
            status = _status(cellen[kol["status"]])
        except ValueError as e:
            fouten.append(f"{waar(tabel.pad, rijnr, tabel.kop[kol['status']])}: {e}.")
        jaar: int | None = None
        jaar_tekst = cellen[kol["jaar"]].strip() if "jaar" in kol else ""
        plek_j = waar(tabel.pad, rijnr, tabel.kop[kol["jaar"]] if "jaar" in kol else "jaar")
        if jaar_tekst and status != "bestaand":
            try:
                jaar = _jaar(jaar_tekst, jaren)
            except ValueError as e:
                fouten.append(f"{plek_j}: {e}.")
        elif not jaar_tekst and status and status != "bestaand":
            fouten.append(f"{plek_j}: leeg; bij status '{status}' hoort het jaar van oplevering.")
        if len(fouten) > regel_fouten:
            continue
        sleutel = (code, groep, woonvorm, status, jaar)
        if sleutel in gezien:
            fouten.append(f"{waar(tabel.pad, rijnr)}: dubbele regel: {zoeker.namen[code]}, groep '{groep}', woonvorm "
                          f"'{woonvorm}', status '{status}'{f', jaar {jaar}' if jaar else ''} staat er al op regel "
                          f"{gezien[sleutel]}.")
            continue
        gezien[sleutel] = rijnr
        uit.append(Aanbodregel(code, groep, woonvorm, aantal, status, jaar, _bron(tabel, cellen, kol), rijnr))
    if not tabel.rijen and not fouten:  # the template, sent back unchanged
        raise leeg_sjabloon(tabel, "aanbodbestand", ("gemeente", "groep", "woonvorm", "aantal", "status"),
                            "Er is niets gebruikt.")
    if not tabel.rijen:
        fouten.append(f"{waar(tabel.pad, 1)}: alleen een kopregel, geen cijfers.")
    if fouten:
        raise meld(fouten, f"Het aanbodbestand '{tabel.pad}' is niet ingelezen; er is niets gebruikt:")
    return uit
