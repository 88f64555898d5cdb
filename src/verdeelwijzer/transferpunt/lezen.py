"""Reading the registers (candidates, offers) from CSV or Excel: all or nothing, one Dutch message per
problem with file, row and column, every problem at once. Reuses the project's table reader.

Privacy by design: the candidate register may hold only the columns the rules need. A column that no rule
reads is refused, a column that looks like a name or BSN is refused with "verwijder persoonsgegevens", and
every free-text cell (reasons, remarks) is checked for names, BSN-like numbers and contact data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens.invoer import Tabelbestand, kolomnaam, lees_tabelbestand, meld, waar
from verdeelwijzer.gegevens.namen import GemeenteZoeker
from verdeelwijzer.transferpunt.model import BEHOEFTEN, WOONVORMEN, Aanbod, Kandidaat
from verdeelwijzer.transferpunt.privacy import lijkt_bsn, persoonsgegevens_in

MAX_BYTES = 20_000_000
MAX_RIJEN = 100_000
MAX_TEKST = 300
PERSOONSGEGEVENS = "verwijder persoonsgegevens"
_DOSSIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
_SCHEIDING = re.compile(r"[;|,]")
_PERSOONSKOLOMMEN = {"naam", "voornaam", "achternaam", "voorletters", "bsn", "burgerservicenummer", "geboortedatum",
                     "adres", "telefoon", "telefoonnummer", "email", "e_mail", "postcode", "huisnummer"}

KANDIDAATKOLOMMEN = {
    "dossiernummer": "uniek dossiernummer (pseudoniem, nooit een BSN)",
    "categorie": "urgentiecategorie of categorie van het afsprakenkader",
    "herkomstgemeente": "gemeentecode of -naam",
    "inschrijfdatum": "datum JJJJ-MM-DD",
    "urgentiedatum": "datum JJJJ-MM-DD (mag leeg)",
    "huishoudgrootte": "heel getal ≥ 1 (leeg = 1)",
    "nodig": "lijst uit: " + ", ".join(BEHOEFTEN),
    "woonvorm": "gewenste woonvorm(en) uit: " + ", ".join(WOONVORMEN) + " (leeg = zelfstandig)",
    "uitgesloten_gemeenten": "gemeenten die niet passen (met reden_uitsluiting)",
    "reden_uitsluiting": "korte reden, zonder persoonsgegevens",
    "tenzij_gemeenten": "'herkomst, tenzij': gemeenten die als herkomst gelden (met tenzij_reden)",
    "tenzij_reden": "korte reden, zonder persoonsgegevens",
    "toelichting": "korte toelichting, zonder persoonsgegevens",
}
AANBODKOLOMMEN = {
    "aanbodnummer": "uniek nummer van het aanbod",
    "gemeente": "gemeentecode of -naam",
    "corporatie": "naam van de verhuurder",
    "woonvorm": "een van: " + ", ".join(WOONVORMEN),
    "kenmerken": "lijst uit: " + ", ".join(BEHOEFTEN),
    "max_huishouden": "grootste huishouden dat past (leeg = geen grens)",
    "beschikbaar_vanaf": "datum JJJJ-MM-DD (leeg = nu)",
    "toelichting": "korte toelichting, zonder persoonsgegevens",
}
_ALIASSEN = {"dossier": "dossiernummer", "zaaknummer": "dossiernummer", "herkomst": "herkomstgemeente",
             "gemeentecode": "gemeente", "aanbod": "aanbodnummer", "woningnummer": "aanbodnummer"}


@dataclass(frozen=True)
class Registercontext:
    """What the readers check against: the region, known categories, today, the rules' columns."""

    zoeker: GemeenteZoeker
    regio: frozenset[str]
    categorieen: Mapping[str, str | None]  # known category → quota category (None: known, but no quota here)
    vandaag: date
    regelkolommen: Mapping[str, str]  # column → 'getal' | 'tekst'
    gemeentenamen: Sequence[str] = ()


def _tabel(pad: Path) -> Tabelbestand:
    if pad.exists() and pad.stat().st_size > MAX_BYTES:
        raise InvoerFout(f"Bestand '{pad}' is groter dan {MAX_BYTES // 1_000_000} MB; splits het bestand.")
    tabel = lees_tabelbestand(pad)
    if len(tabel.rijen) > MAX_RIJEN:
        raise InvoerFout(f"Bestand '{pad}' heeft meer dan {MAX_RIJEN} rijen.")
    return tabel


def _kolommen(tabel: Tabelbestand, toegestaan: Mapping[str, str], verplicht: Sequence[str], fouten: list[str],
              soort: str) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, kop in enumerate(tabel.kop):
        naam = _ALIASSEN.get(kolomnaam(kop), kolomnaam(kop))
        if naam == "gemeente" and "gemeente" not in toegestaan:
            naam = "gemeentecode"
        if naam in _PERSOONSKOLOMMEN:
            fouten.append(f"{waar(tabel.pad, 1, kop)}: deze kolom bevat persoonsgegevens; {PERSOONSGEGEVENS} "
                          "(het register werkt met een dossiernummer).")
        elif naam not in toegestaan:
            fouten.append(f"{waar(tabel.pad, 1, kop)}: onbekende kolom in het {soort}; het register bevat alleen "
                          f"wat de regels nodig hebben. Toegestaan: {', '.join(toegestaan)}.")
        elif naam in index:
            fouten.append(f"{waar(tabel.pad, 1, kop)}: kolom komt twee keer voor.")
        else:
            index[naam] = i
    for naam in verplicht:
        if naam not in index:
            fouten.append(f"{waar(tabel.pad, 1)}: kolom '{naam}' ontbreekt ({toegestaan[naam]}).")
    return index


def _datum(tekst: str) -> date:
    t = tekst.strip()
    for formaat in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(t, formaat).date()
        except ValueError:
            continue
    raise ValueError(f"'{t}' is geen datum; verwacht JJJJ-MM-DD")


def _lijst(tekst: str) -> list[str]:
    return [d.strip() for d in _SCHEIDING.split(tekst) if d.strip()]


def _woorden(tekst: str, toegestaan: Mapping[str, str], plek: str, fouten: list[str], wat: str) -> frozenset[str]:
    uit = set()
    for w in _lijst(tekst):
        sleutel = kolomnaam(w)
        if sleutel not in toegestaan:
            fouten.append(f"{plek}: {wat} '{w}' is onbekend; kies uit {', '.join(toegestaan)}.")
        else:
            uit.add(sleutel)
    return frozenset(uit)


def _vrije_tekst(tekst: str, plek: str, fouten: list[str], ctx: Registercontext) -> str:
    t = tekst.strip()
    if len(t) > MAX_TEKST:
        fouten.append(f"{plek}: tekst langer dan {MAX_TEKST} tekens; houd het kort en zonder persoonsgegevens.")
        return ""
    soort = persoonsgegevens_in(t, ctx.gemeentenamen)
    if soort:
        fouten.append(f"{plek}: bevat {soort}; {PERSOONSGEGEVENS}.")
        return ""
    return t


def _gemeenten(tekst: str, plek: str, fouten: list[str], ctx: Registercontext) -> frozenset[str]:
    uit = set()
    for deel in _lijst(tekst):
        try:
            uit.add(ctx.zoeker.zoek(deel, plek))
        except InvoerFout as fout:
            fouten.append(str(fout))
    return frozenset(uit)


def lees_kandidaten(pad: Path, ctx: Registercontext) -> list[Kandidaat]:
    """The candidate register, or one InvoerFout listing every problem (nothing is returned half)."""
    pad = Path(pad)
    tabel = _tabel(pad)
    fouten: list[str] = []
    toegestaan = {**KANDIDAATKOLOMMEN, **{k: f"kenmerk voor de prioriteitsregels ({s})"
                                          for k, s in ctx.regelkolommen.items()}}
    verplicht = ["dossiernummer", "categorie", "herkomstgemeente", "inschrijfdatum", *ctx.regelkolommen]
    kol = _kolommen(tabel, toegestaan, verplicht, fouten, "kandidatenregister")
    if fouten:
        raise meld(fouten, f"Het kandidatenregister '{pad}' is niet ingelezen; er is niets opgeslagen:")
    gezien: dict[str, int] = {}
    uit: list[Kandidaat] = []
    for rijnr, ruw in tabel.rijen:
        cel = _cellen(ruw, tabel, kol)
        p: Callable[[str], str] = lambda k, r=rijnr: waar(tabel.pad, r, tabel.kop[kol[k]])  # noqa: E731
        n = len(fouten)
        dossier = cel("dossiernummer")
        if not dossier:
            fouten.append(f"{p('dossiernummer')}: leeg; elk dossier heeft een uniek nummer.")
        elif lijkt_bsn(dossier):
            fouten.append(f"{p('dossiernummer')}: lijkt op een BSN (elfproef); {PERSOONSGEGEVENS} en gebruik een "
                          "dossiernummer.")
        elif not _DOSSIER.match(dossier):
            fouten.append(f"{p('dossiernummer')}: '{dossier}' is geen geldig dossiernummer (letters, cijfers, "
                          "-, _, ., / en hoogstens 40 tekens).")
        elif dossier in gezien:
            fouten.append(f"{p('dossiernummer')}: dossier '{dossier}' staat er al op regel {gezien[dossier]}.")
        else:
            gezien[dossier] = rijnr
        categorie = cel("categorie")
        if categorie not in ctx.categorieen:
            fouten.append(f"{p('categorie')}: onbekende categorie '{categorie}'; kies uit "
                          f"{', '.join(sorted(ctx.categorieen))}.")
        elif ctx.categorieen[categorie] is None:
            fouten.append(f"{p('categorie')}: categorie '{categorie}' telt in dit afsprakenkader voor geen quotum; "
                          "voeg haar toe onder transferpunt.categorieen.")
        herkomst = ""
        try:
            herkomst = ctx.zoeker.zoek(cel("herkomstgemeente"), p("herkomstgemeente"))
        except InvoerFout as fout:
            fouten.append(str(fout))
        inschrijf = _lees_datum(cel("inschrijfdatum"), p("inschrijfdatum"), fouten, ctx.vandaag, verplicht=True)
        urgent = _lees_datum(cel("urgentiedatum"), p("urgentiedatum"), fouten, ctx.vandaag) \
            if "urgentiedatum" in kol else None
        grootte = 1
        if cel("huishoudgrootte"):
            try:
                grootte = int(cel("huishoudgrootte"))
                if not 1 <= grootte <= 20:
                    raise ValueError
            except ValueError:
                fouten.append(f"{p('huishoudgrootte')}: '{cel('huishoudgrootte')}' is geen heel getal van 1 tot 20.")
        nodig = _woorden(cel("nodig"), BEHOEFTEN, p("nodig") if "nodig" in kol else "", fouten, "behoefte")
        vormen = _woorden(cel("woonvorm"), WOONVORMEN, p("woonvorm") if "woonvorm" in kol else "", fouten,
                          "woonvorm") or frozenset({"zelfstandig"})
        uitgesloten = _gemeenten(cel("uitgesloten_gemeenten"), p("uitgesloten_gemeenten"), fouten, ctx) \
            if "uitgesloten_gemeenten" in kol else frozenset()
        tenzij = _gemeenten(cel("tenzij_gemeenten"), p("tenzij_gemeenten"), fouten, ctx) \
            if "tenzij_gemeenten" in kol else frozenset()
        reden_uit = _vrije_tekst(cel("reden_uitsluiting"), p("reden_uitsluiting"), fouten, ctx) \
            if "reden_uitsluiting" in kol else ""
        tenzij_reden = _vrije_tekst(cel("tenzij_reden"), p("tenzij_reden"), fouten, ctx) \
            if "tenzij_reden" in kol else ""
        toelichting = _vrije_tekst(cel("toelichting"), p("toelichting"), fouten, ctx) if "toelichting" in kol else ""
        # Contradictions: each one named, so the case owner can correct the register.
        if uitgesloten and not reden_uit and "reden_uitsluiting" in kol and not cel("reden_uitsluiting"):
            fouten.append(f"{p('reden_uitsluiting')}: een uitsluiting vraagt een reden.")
        elif uitgesloten and "reden_uitsluiting" not in kol:
            fouten.append(f"{waar(tabel.pad, rijnr)}: uitgesloten gemeenten zonder kolom 'reden_uitsluiting'.")
        if tenzij and not cel("tenzij_reden"):
            fouten.append(f"{waar(tabel.pad, rijnr, 'tenzij_reden')}: een tenzij-gemeente vraagt een reden.")
        beide = uitgesloten & tenzij
        if beide:
            fouten.append(f"{p('tenzij_gemeenten')}: tegenstrijdig: {', '.join(sorted(beide))} is zowel uitgesloten "
                          "als tenzij-gemeente.")
        if ctx.regio and uitgesloten >= ctx.regio:
            fouten.append(f"{p('uitgesloten_gemeenten')}: tegenstrijdig: alle gemeenten van de regio zijn "
                          "uitgesloten.")
        if "standplaats" in vormen and len(vormen) > 1 and "kamer" in vormen:
            fouten.append(f"{p('woonvorm')}: tegenstrijdig: standplaats en kamer sluiten elkaar uit.")
        if "kamer" in vormen and vormen == {"kamer"} and grootte > 1:
            fouten.append(f"{p('woonvorm')}: tegenstrijdig: alleen een kamer voor een huishouden van {grootte}.")
        kenmerken = []
        for kolom, soort in ctx.regelkolommen.items():
            waarde = cel(kolom)
            if waarde and soort == "getal":
                try:
                    float(waarde.replace(",", "."))
                except ValueError:
                    fouten.append(f"{p(kolom)}: '{waarde}' is geen getal.")
            elif waarde and soort == "tekst" and persoonsgegevens_in(waarde, ctx.gemeentenamen):
                fouten.append(f"{p(kolom)}: {PERSOONSGEGEVENS}.")
            kenmerken.append((kolom, waarde))
        if len(fouten) > n or not inschrijf:
            continue
        uit.append(Kandidaat(dossier, categorie, herkomst, inschrijf, urgent, grootte, nodig, vormen, uitgesloten,
                             reden_uit, tenzij, tenzij_reden, tuple(kenmerken), toelichting))
    if not tabel.rijen:
        fouten.append(f"{waar(tabel.pad, 1)}: alleen een kopregel, geen kandidaten.")
    if fouten:
        raise meld(fouten, f"Het kandidatenregister '{pad}' is niet ingelezen; er is niets opgeslagen:")
    return uit


def _cellen(ruw: list[str], tabel: Tabelbestand, kol: Mapping[str, int]) -> Callable[[str], str]:
    cellen = ruw + [""] * (len(tabel.kop) - len(ruw))
    return lambda naam: cellen[kol[naam]].strip() if naam in kol else ""


def _lees_datum(tekst: str, plek: str, fouten: list[str], vandaag: date, *, verplicht: bool = False) -> date | None:
    if not tekst:
        if verplicht:
            fouten.append(f"{plek}: leeg; verwacht een datum JJJJ-MM-DD.")
        return None
    try:
        d = _datum(tekst)
    except ValueError as e:
        fouten.append(f"{plek}: {e}.")
        return None
    if d > vandaag:
        fouten.append(f"{plek}: {d.isoformat()} ligt in de toekomst (na {vandaag.isoformat()}).")
        return None
    return d


def lees_aanbod(pad: Path, ctx: Registercontext) -> list[Aanbod]:
    """The offers register (vacant homes, standplaatsen, places), or one InvoerFout listing every problem."""
    pad = Path(pad)
    tabel = _tabel(pad)
    fouten: list[str] = []
    kol = _kolommen(tabel, AANBODKOLOMMEN, ["aanbodnummer", "gemeente", "woonvorm"], fouten, "aanbodregister")
    if fouten:
        raise meld(fouten, f"Het aanbodregister '{pad}' is niet ingelezen; er is niets opgeslagen:")
    gezien: dict[str, int] = {}
    uit: list[Aanbod] = []
    for rijnr, ruw in tabel.rijen:
        cel = _cellen(ruw, tabel, kol)
        p: Callable[[str], str] = lambda k, r=rijnr: waar(tabel.pad, r, tabel.kop[kol[k]])  # noqa: E731
        n = len(fouten)
        nummer = cel("aanbodnummer")
        if not nummer or not _DOSSIER.match(nummer):
            fouten.append(f"{p('aanbodnummer')}: '{nummer}' is geen geldig aanbodnummer.")
        elif nummer in gezien:
            fouten.append(f"{p('aanbodnummer')}: aanbod '{nummer}' staat er al op regel {gezien[nummer]}.")
        else:
            gezien[nummer] = rijnr
        gemeente = ""
        try:
            gemeente = ctx.zoeker.zoek(cel("gemeente"), p("gemeente"))
            if ctx.regio and gemeente not in ctx.regio:
                fouten.append(f"{p('gemeente')}: gemeente '{cel('gemeente')}' hoort niet bij de regio.")
        except InvoerFout as fout:
            fouten.append(str(fout))
        vorm = kolomnaam(cel("woonvorm"))
        if vorm not in WOONVORMEN:
            fouten.append(f"{p('woonvorm')}: onbekende woonvorm '{cel('woonvorm')}'; kies uit {', '.join(WOONVORMEN)}.")
        kenmerken = _woorden(cel("kenmerken"), BEHOEFTEN, p("kenmerken") if "kenmerken" in kol else "", fouten,
                             "kenmerk")
        maxh = None
        if cel("max_huishouden"):
            try:
                maxh = int(cel("max_huishouden"))
                if not 1 <= maxh <= 20:
                    raise ValueError
            except ValueError:
                fouten.append(f"{p('max_huishouden')}: '{cel('max_huishouden')}' is geen heel getal van 1 tot 20.")
        vanaf = None
        if cel("beschikbaar_vanaf"):
            try:
                vanaf = _datum(cel("beschikbaar_vanaf"))
            except ValueError as e:
                fouten.append(f"{p('beschikbaar_vanaf')}: {e}.")
        corporatie = cel("corporatie")[:MAX_TEKST]  # an organisation's name, not a person's
        if lijkt_bsn(corporatie):
            fouten.append(f"{p('corporatie')}: lijkt op een BSN (elfproef); {PERSOONSGEGEVENS}.")
        toelichting = _vrije_tekst(cel("toelichting"), p("toelichting"), fouten, ctx) if "toelichting" in kol else ""
        if len(fouten) > n:
            continue
        uit.append(Aanbod(nummer, gemeente, corporatie, vorm, kenmerken, maxh, vanaf, toelichting))
    if not tabel.rijen:
        fouten.append(f"{waar(tabel.pad, 1)}: alleen een kopregel, geen aanbod.")
    if fouten:
        raise meld(fouten, f"Het aanbodregister '{pad}' is niet ingelezen; er is niets opgeslagen:")
    return uit
