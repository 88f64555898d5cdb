"""Building the document models (pure): per gemeente a building block for its VHP and the regional part
of its huisvestingsverordening, and one regional decision document.

Every number comes from `resultaat`, the dict `afspraken.rapport.als_dict` makes — the very JSON that
`verdeelwijzer bereken --format json` prints — never from a second computation. Agreed values that are
inputs rather than results (mutatiegrens, herkomst exceptions, ingroeipad, tariff) come from the validated
agreement itself (`kader`). Legal values come from the dated parameter files, read by the shell and passed
in as `Documentregels`. What the agreement does not settle is marked "in te vullen door de gemeente";
no policy text is invented.

Extension: sections for later parts of the agreement (the analysis of aandachtsgroepen, woonvormen) are
one function each in `GEMEENTE_AANVULLINGEN` / `REGIO_AANVULLINGEN`; a function returns no sections when
its key is absent from the result, so the document then says nothing about it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from verdeelwijzer.afspraken.schema import Afsprakenkader
from verdeelwijzer.datumtekst import iso_als_tekst
from verdeelwijzer.documenten import figuren
from verdeelwijzer.documenten.model import (
    GEREGELD,
    IN_TE_VULLEN,
    Alinea,
    Blok,
    Checklist,
    ChecklistItem,
    Clausule,
    Document,
    Opsomming,
    Sectie,
    Tabel,
    datums_in_woorden,
)
from verdeelwijzer.verdeling.getallen import nl

STATUSHOUDERS = "statushouders"


# ---------------------------------------------------------------------------------------------------
# Inputs besides the result
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Regelwaarde:
    """A legal parameter as the documents show it (read by the shell from `regels/parameters`)."""

    naam: str
    omschrijving: str
    waarde: Any
    status: str
    geldig_vanaf: str
    bron: str
    url: str
    toelichting: str = ""


@dataclass(frozen=True)
class Documentregels:
    """Legal frame and checklists for the agreement's peildatum."""

    vhp_onderwerpen: tuple[dict[str, str], ...] = ()
    urgentiecategorieen: tuple[dict[str, str], ...] = ()
    wettelijk: tuple[Regelwaarde, ...] = ()
    termijnen: tuple[dict[str, Any], ...] = ()
    bronnen: tuple[Regelwaarde, ...] = field(default=())  # the parameters for the two checklists above


@dataclass(frozen=True)
class Context:
    resultaat: dict[str, Any]
    kader: Afsprakenkader
    regels: Documentregels
    namen: dict[str, str]  # gemeentecode → naam

    @property
    def jaren(self) -> list[int]:
        return list(self.resultaat["jaren"])

    @property
    def codes(self) -> list[str]:
        return list(self.resultaat["regio"]["gemeentecodes"])

    @property
    def tabellen(self) -> dict[str, Any]:
        return dict(self.resultaat["tabellen"])

    @property
    def categorieen(self) -> list[str]:
        return list(self.resultaat["categorieen"])

    def categorie_tabel(self, naam: str) -> dict[str, Any]:
        return self.tabellen[naam[:31]]

    def rij(self, tabel: dict[str, Any], code: str) -> dict[str, Any]:
        [rij] = [r for r in tabel["rijen"] if r.get("gemeentecode") == code]
        return rij


# ---------------------------------------------------------------------------------------------------
# Formatting (display only; values stay as the result has them)
# ---------------------------------------------------------------------------------------------------


def geheel(v: Any) -> str:
    return "–" if v is None else nl(int(v), 0)


def decimaal(v: Any, d: int = 1) -> str:
    return "–" if v is None else nl(float(v), d)


def procent(v: Any, d: int = 1) -> str:
    if v is None:
        return "–"
    waarde = Fraction(v) if isinstance(v, str) else v
    return f"{nl(waarde * 100, d)} %"


def _status(status: str) -> str:
    return status if status == "wet" else f"{status} (concept)"


def bestandsnaam(code: str, naam: str) -> str:
    """`GM0503-delft`: code, hyphen, the name in lower case with every run of other characters than
    a–z and 0–9 (after dropping accents and apostrophes) replaced by one hyphen."""
    import unicodedata

    ascii_naam = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode("ascii").lower()
    ascii_naam = ascii_naam.replace("'", "")
    slug = "".join(c if c.isalnum() else "-" for c in ascii_naam)
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"{code}-{slug.strip('-')}"


# ---------------------------------------------------------------------------------------------------
# Shared parts
# ---------------------------------------------------------------------------------------------------


def _kenmerken(c: Context) -> list[str]:
    d = c.resultaat
    k = d["afsprakenkader"]
    besluit = k.get("besluit") or {}
    uit = [
        f"Afsprakenkader: {k['naam']} (scenario: {k['scenario']}; bestand {k['bestand']}).",
        f"Regio: {d['regio']['naam']} ({d['regio']['soort']}, {len(c.codes)} gemeenten, indeling "
        f"{d['regio']['indeling_jaar']}).",
        f"Periode: {c.jaren[0]}–{c.jaren[-1]}; regels gelezen op peildatum "
        f"{iso_als_tekst(str(d['peildatum_regels']))}.",
    ]
    if besluit:
        besluitdatum = besluit.get("datum") and iso_als_tekst(str(besluit["datum"]))
        delen = [besluit.get("naam"), besluitdatum, besluit.get("kenmerk")]
        uit.append("Besluit: " + "; ".join(str(x) for x in delen if x) + ".")
    return uit


def _fictief_blokken(c: Context) -> list[Blok]:
    if not c.resultaat["afsprakenkader"]["fictief"]:
        return []
    return [Alinea("FICTIEF VOORBEELD: echte gemeenten en principes, verzonnen totalen. Dit is geen echte afspraak "
                   "en geen tekst om vast te stellen.", nadruk=True)]


def _waarde(waarde: object) -> str:
    """A rule value in Dutch notation (0.065 → 0,065; 2/3 stays a fraction: that is how the rule is written)."""
    tekst = str(waarde)
    try:
        getal = Fraction(tekst) if "/" not in tekst else None
    except ValueError:
        return tekst
    return tekst if getal is None else nl(getal, decimalen=6)


def _regels_sectie(c: Context, titel: str = "Regels, bronnen en versies") -> Sectie:
    d = c.resultaat
    rijen = [
        (r["parameter"], _waarde(r["waarde"]), _status(r["status"]), r["geldig_vanaf"], r["bron"])
        for r in d["regels"]
    ]
    rijen += [(w.naam, _waarde(w.waarde), _status(w.status), w.geldig_vanaf, w.bron) for w in c.regels.wettelijk]
    rijen += [(w.naam, "lijst (zie tekst)", _status(w.status), w.geldig_vanaf, w.bron) for w in c.regels.bronnen]
    concepten = sum(1 for r in rijen if r[2] != "wet")
    blokken: list[Blok] = [
        Tabel(
            "Regels waarop dit document rust",
            ("parameter", "waarde", "status", "geldig vanaf", "bron"),
            tuple(rijen),
            (f"{concepten} van de {len(rijen)} regels zijn nog een concept (status ontwerp, seed of aanname) en "
             "kunnen wijzigen; 'onbekend' betekent dat wet of besluit de waarde nog niet heeft vastgesteld.",),
        ),
        Tabel(
            "Gegevens en peildata",
            ("bron", "soort", "peildatum"),
            tuple((b["label"], b["soort"], b["peildatum"]) for b in d["bronnen"]),
        ),
        Tabel(
            "Versies",
            ("onderdeel", "versie"),
            (("Verdeelwijzer", d["versie"]["verdeelwijzer"]), ("gegevens", d["versie"]["gegevens"]),
             ("regels", d["versie"]["regels"]), ("afsprakenbestand", d["afsprakenkader"]["bestand"])),
        ),
        Alinea(d["attributie"]),
        Alinea("Alle aantallen in dit document komen uit dezelfde berekening als 'verdeelwijzer bereken "
               f"{d['afsprakenkader']['bestand']} --format json'; het document rekent niets zelf uit."),
    ]
    return Sectie(titel, tuple(blokken))


def _waarschuwingen_voor(c: Context, code: str | None) -> list[str]:
    """Warnings about this gemeente plus the general ones (that name no gemeente of the region)."""
    alle = list(c.resultaat["waarschuwingen"])
    if code is None:
        return alle
    eigen = c.namen[code]
    andere = [n for k, n in c.namen.items() if k != code]
    return [w for w in alle if eigen in w or not any(n in w for n in andere)]


# ---------------------------------------------------------------------------------------------------
# Per gemeente
# ---------------------------------------------------------------------------------------------------


def _aantallen_tabel(c: Context, code: str) -> Tabel:
    """Per category and year the whole number this gemeente houses (the bereken result)."""
    rijen = []
    for cat in c.categorieen:
        rij = c.rij(c.categorie_tabel(cat), code)
        rijen.append((cat, *(geheel(rij[f"aantal_{j}"]) for j in c.jaren), geheel(rij["totaal"])))
    if "Statushouders" in c.tabellen:
        rij = c.rij(c.tabellen["Statushouders"], code)
        aantallen = [rij[f"aantal_{j}"] for j in c.jaren]
        rijen.append((STATUSHOUDERS, *(geheel(a) for a in aantallen), geheel(sum(aantallen))))
    return Tabel(
        f"Te huisvesten huishoudens in {c.namen[code]} per jaar",
        ("categorie", *(str(j) for j in c.jaren), "totaal periode"),
        tuple(rijen),
        ("Hele aantallen volgens de regionale verdeling (cumulatief afgerond over de jaren).",),
        rechts=(False, *([True] * (len(c.jaren) + 1))),
    )


def _vhp_betaalbaar(c: Context, code: str) -> list[Blok]:
    tabel = c.tabellen.get("Betaalbaarheid")
    if tabel is None:
        return []
    r = c.rij(tabel, code)
    regels = {x["parameter"]: x for x in c.resultaat["regels"]}
    naam = c.namen[code]
    blokken: list[Blok] = []
    gemiddelde = regels.get("landelijk_gemiddelde_sociale_huur")
    termijn = regels.get("termijn_jaren")
    if r["regel"] == "sociale_huur":
        soort, waarom = "sociale huur", "onder"
    else:
        soort, waarom = "middensegment (middenhuur en betaalbare koop)", "op of boven"
    tekst = (
        f"Het aandeel sociale huur in de woningvoorraad van {naam} is {procent(r['sociaal_aandeel'])} "
        f"({geheel(r['sociale_voorraad'])} van {geheel(r['woningvoorraad'])} woningen)"
    )
    if gemiddelde is not None:
        tekst += (f", {waarom} het landelijk gemiddelde van {procent(gemiddelde['waarde'])} (status "
                  f"{_status(gemiddelde['status'])})")
    tekst += (f". Daarom geldt voor {naam}: ten minste {procent(r['percentage'])} {soort} van de nog niet "
              f"gecontracteerde woningbouw ({geheel(r['grondslag'])} woningen)")
    if termijn is not None:
        tekst += f", binnen een termijn van {termijn['waarde']} jaar (status {_status(termijn['status'])})"
    blokken.append(Alinea(tekst + "."))
    if r.get("ontheffing_besluit"):
        blokken.append(Alinea(f"Ontheffing: {r['ontheffing_besluit']}. Het percentage van "
                              f"{procent(r['percentage'])} volgt uit die ontheffing."))
    else:
        blokken.append(Alinea("Ontheffing: de regionale afspraak noemt geen ontheffing voor deze gemeente."))
    blokken.append(Tabel(
        f"Betaalbaar programmeren in {naam}: aantallen per segment over de termijn",
        ("segment", "minimum volgens regel", "plan gemeente", "regionale verdeling (voorstel)"),
        (
            ("sociale huur", geheel(r["minimum_sociale_huur"]), geheel(r["plan_sociale_huur"]),
             geheel(r["voorstel_sociale_huur"])),
            ("middensegment", geheel(r["minimum_middensegment"]), geheel(r["plan_middensegment"]),
             geheel(r["voorstel_middensegment"])),
            ("betaalbaar totaal", "–", geheel(r["plan_betaalbaar"]), geheel(r["voorstel_betaalbaar"])),
        ),
        (
            f"Bouwprogramma: {geheel(r['gecontracteerd'])} gecontracteerd (hoeft niet te wijzigen) en "
            f"{geheel(r['niet_gecontracteerd'])} nog niet gecontracteerd.",
            "Regionale verdeling = minimum plus het aandeel van deze gemeente in de regionale restopgave "
            "(sleutel uit de afspraak); aandeel sociale huur na die verdeling: "
            f"{procent(r['sociaal_aandeel_na_voorstel'])}.",
            f"Status van de regel: {_status(r['status'])}.",
        ),
        rechts=(False, True, True, True),
    ))
    return blokken


def _wie(c: Context) -> str:
    delen = (["urgenten"] if c.categorieen else []) + (["statushouders"] if "Statushouders" in c.tabellen else [])
    return " en ".join(delen)


def _vhp_checklist(c: Context, code: str) -> Checklist:
    naam = c.namen[code]
    spoor1 = c.tabellen.get("Betaalbaarheid")
    r = c.rij(spoor1, code) if spoor1 is not None else None
    heeft_urgenten = bool(c.categorieen) or "Statushouders" in c.tabellen
    items = []
    for o in c.regels.vhp_onderwerpen:
        status, tekst = IN_TE_VULLEN, ""
        if o["code"] == "betaalbaar" and r is not None:
            status = GEREGELD
            tekst = (f"Ten minste {procent(r['percentage'])} "
                     f"{'sociale huur' if r['regel'] == 'sociale_huur' else 'middensegment'}; regionale verdeling: "
                     f"{geheel(r['voorstel_sociale_huur'])} sociale huur, {geheel(r['voorstel_middensegment'])} "
                     f"middensegment (zie 'Betaalbaar programmeren').")
        elif o["code"] == "woningbouwopgave" and r is not None:
            status = GEREGELD
            tekst = (f"Bouwprogramma in de afspraak: {geheel(r['gecontracteerd'])} gecontracteerd en "
                     f"{geheel(r['niet_gecontracteerd'])} nog niet gecontracteerd. Flexwonen en de behoefte van "
                     "ouderen en aandachtsgroepen: in te vullen door de gemeente.")
        elif o["code"] == "aandachtsgroepen" and heeft_urgenten:
            status = GEREGELD
            tekst = (f"Het aantal huishoudens ({_wie(c)}) dat {naam} per jaar huisvest staat in de regionale "
                     "verdeelafspraak (zie het deel huisvestingsverordening). De woonbehoefte van ouderen en "
                     "andere aandachtsgroepen: in te vullen door de gemeente.")
        items.append(ChecklistItem(o["omschrijving"], status, tekst))
    return Checklist(f"Verplichte onderwerpen van het volkshuisvestingsprogramma van {naam}", tuple(items))


def _hvo_clausules(c: Context, code: str) -> list[Blok]:
    k, naam, d = c.kader, c.namen[code], c.resultaat
    clausules: list[Blok] = []
    n = 0

    def artikel(titel: str, leden: Sequence[str]) -> None:
        nonlocal n
        n += 1
        clausules.append(Clausule(str(n), titel, tuple(leden)))

    wettelijk = [u["omschrijving"] for u in c.regels.urgentiecategorieen]
    leden = []
    if wettelijk:
        leden.append("Wettelijke urgentiecategorieën (concept; definities in de lagere regelgeving): "
                     + "; ".join(wettelijk) + ".")
    if k.categorieen:
        leden.append("De regionale verdeelafspraak verdeelt woonruimte voor de volgende categorieën: "
                     + "; ".join(f"{cat.naam}" + (f" ({cat.omschrijving})" if cat.omschrijving else "")
                                 for cat in k.categorieen) + ".")
    leden.append(f"Lokale urgentiecategorieën van {naam} en de nadere criteria: {IN_TE_VULLEN}.")
    artikel("Urgentiecategorieën", leden)

    leden = []
    au = k.aandeel_urgenten
    if au is not None and au.streef is not None:
        leden.append(f"Van de vrijkomende sociale huurwoningen gaat {procent(Fraction(au.streef))} naar urgente "
                     "woningzoekenden (regionaal afgesproken aandeel).")
    for cat in k.categorieen:
        if cat.totaal.aandeel_mutaties is not None:
            leden.append(f"Categorie {cat.naam}: {procent(Fraction(cat.totaal.aandeel_mutaties))} van de "
                         "verhuringen in de regio; zie artikel 3 voor de aantallen.")
    if au is not None and au.maximum is not None:
        leden.append(f"Per gemeente gaat ten hoogste {procent(Fraction(au.maximum))} van de verhuringen naar "
                     "urgenten en statushouders samen (mutatiegrens, artikel 4).")
    if not leden:
        leden.append(f"Het percentage vrijkomende woningen voor urgenten: {IN_TE_VULLEN} (de regionale afspraak "
                     "noemt geen percentage).")
    artikel("Aandeel vrijkomende woningen voor urgenten", leden)

    leden = []
    for cat in k.categorieen:
        rij = c.rij(c.categorie_tabel(cat.naam), code)
        sleutel = " + ".join(f"{procent(Fraction(v), 0)} {ind}" for ind, v in cat.sleutel.items())
        per_jaar = ", ".join(f"{j}: {geheel(rij[f'aantal_{j}'])}" for j in c.jaren)
        leden.append(f"{cat.naam}: verdeelsleutel {sleutel}; aandeel van {naam} in de sleutel "
                     f"{procent(rij['aandeel_sleutel'], 2)}; te huisvesten huishoudens per jaar {per_jaar} "
                     f"(totaal {geheel(rij['totaal'])}).")
    if leden:
        artikel("Verdeelsleutel en aantallen", leden)
        clausules.append(_aantallen_tabel(c, code))

    tb = [r for r in c.tabellen["Totaalbeeld"]["rijen"] if r["gemeentecode"] == code]
    grens = next((r["mutatiegrens"] for r in tb if r["mutatiegrens"] is not None), None)
    cat_grenzen = sorted({Fraction(cat.plafond.mutatiegrens) for cat in k.categorieen
                          if cat.plafond and cat.plafond.mutatiegrens is not None})
    if grens is not None or cat_grenzen:
        leden = []
        if grens is not None:
            leden.append(f"Urgenten en statushouders samen krijgen per jaar ten hoogste {procent(grens)} van de "
                         f"verhuringen van sociale huurwoningen in {naam}.")
        if cat_grenzen:
            leden.append("Bij de verdeling per categorie is de grens van "
                         + " / ".join(procent(g) for g in cat_grenzen)
                         + " toegepast op wat na statushouders en eerdere categorieën overblijft.")
        boven = [r for r in tb if r["boven_grens"]]
        if boven:
            leden.append("Let op: in " + ", ".join(str(r["jaar"]) for r in boven) + " ligt het aandeel boven de "
                         "grens (zie de tabel en de waarschuwingen).")
        artikel("Mutatiegrens", leden)
        clausules.append(Tabel(
            f"Voorrang tegenover verhuringen in {naam}",
            ("jaar", "verhuringen", "urgenten", "statushouders", "totaal voorrang", "aandeel", "grens",
             "over voor regulier"),
            tuple((str(r["jaar"]), decimaal(r["mutaties"]), geheel(r["urgenten"]), geheel(r["statushouders"]),
                   geheel(r["totaal"]), procent(r["aandeel"], 2), procent(r["mutatiegrens"]), decimaal(r["regulier"]))
                  for r in tb),
            tuple(c.tabellen["Totaalbeeld"]["voetnoten"]),
            rechts=(False, True, True, True, True, True, True, True),
        ))

    leden = []
    for cat in k.categorieen:
        if cat.herkomst is None:
            continue
        leden.append(f"{cat.naam}: huishoudens worden gehuisvest in hun herkomstgemeente "
                     f"(gewicht van de herkomst {procent(Fraction(cat.herkomst.alpha), 0)}, de verdeelsleutel voor de "
                     "rest), tenzij een uitzondering geldt.")
        for u in cat.herkomst.uitzonderingen:
            leden.append(f"Uitzondering ({cat.naam}): {u.aantal} huishoudens van {u.van} naar {u.naar} — {u.reden}.")
    if leden:
        artikel("Herkomstgemeente, tenzij", leden)

    leden = []
    for cat in k.categorieen:
        if cat.ingroeipad is None:
            continue
        ip = cat.ingroeipad
        leden.append(f"{cat.naam}: ingroeipad van {ip.jaren} jaar ({ip.methode}) van de huidige verdeling "
                     f"(bestand {ip.huidig}) naar de afgesproken verdeling; de aantallen per jaar in artikel 3 "
                     "volgen dit pad.")
    if leden:
        termijn = next((w for w in c.regels.wettelijk if w.naam == "ingroeipad_maximale_termijn"), None)
        if termijn is not None:
            leden.append(f"Wettelijke maximale termijn van een ingroeipad: {termijn.waarde} "
                         f"(status {_status(termijn.status)}).")
        artikel("Ingroeipad", leden)

    if "Statushouders" in c.tabellen:
        rij = c.rij(c.tabellen["Statushouders"], code)
        per_jaar = ", ".join(f"{j}: {geheel(rij[f'aantal_{j}'])}" for j in c.jaren)
        leden = [f"De taakstelling vergunninghouders van {naam} (Huisvestingswet 2014, artikel 29) is per jaar: "
                 f"{per_jaar}.",
                 "Statushouders tellen " + ("wel" if k.statushouders and k.statushouders.telt_mee_voor_mutatiegrens
                                             else "niet") + " mee voor de mutatiegrens."]
        artikel("Taakstelling statushouders", leden)

    if k.vereffening is not None:
        artikel("Vereffening", [f"Wie meer of minder huisvest dan afgesproken, verrekent het verschil met "
                                f"€ {nl(Fraction(k.vereffening.tarief), 2)} per woning (regionale vereffening)."])

    for cat in d["categorieen"]:
        corp = c.tabellen.get(f"Corporaties {cat}"[:31])
        if corp is None:
            continue
        rijen = [r for r in corp["rijen"] if r["gemeentenaam"] == naam]
        if rijen:
            artikel(f"Verdeling over corporaties ({cat})",
                    [f"{r['corporatie']}: " + ", ".join(f"{j}: {geheel(r.get(f'aantal_{j}'))}" for j in c.jaren)
                     for r in rijen])
    return clausules


def _grafiek_gemeente(c: Context, code: str) -> Blok | None:
    tb = [r for r in c.tabellen["Totaalbeeld"]["rijen"] if r["gemeentecode"] == code]
    if not tb:
        return None
    naam = c.namen[code]
    balken = [(str(r["jaar"]), float(r["totaal"]),
               None if r["mutatiegrens"] is None else float(r["mutatiegrens"]) * float(r["mutaties"])) for r in tb]
    alt = (f"Staafdiagram: huishoudens met voorrang in {naam} per jaar. "
           + "; ".join(f"{r['jaar']}: {geheel(r['totaal'])}" for r in tb) + ".")
    return figuren.staafdiagram(balken, titel=f"Urgenten en statushouders in {naam} per jaar", alt=alt,
                                opmaak=lambda v: nl(v, 0))


GemeenteAanvulling = Callable[[Context, str], list[Sectie]]
RegioAanvulling = Callable[[Context], list[Sectie]]

# Later parts of the agreement (issues "Aandachtsgroepen" → key `analyse`, "Woonvormen" → key `woonvormen`)
# add one function here each; it must return [] when its key is absent from the result.
def _woonvormen_gemeente(c: Context, code: str) -> list[Sectie]:
    from verdeelwijzer.woonvormen.documenten import gemeente_secties

    return gemeente_secties(c, code)


def _woonvormen_regio(c: Context) -> list[Sectie]:
    from verdeelwijzer.woonvormen.documenten import regio_secties

    return regio_secties(c)


GEMEENTE_AANVULLINGEN: list[GemeenteAanvulling] = [_woonvormen_gemeente]
REGIO_AANVULLINGEN: list[RegioAanvulling] = [_woonvormen_regio]


def gemeentedocument(c: Context, code: str) -> Document:
    if code not in c.codes:
        raise ValueError(code)
    naam = c.namen[code]
    d = c.resultaat
    inleiding: list[Blok] = [
        *_fictief_blokken(c),
        Alinea(f"Dit document bevat de bouwstenen die {naam} uit de regionale afspraken overneemt in het eigen "
               "volkshuisvestingsprogramma (VHP) en in het regionale deel van de huisvestingsverordening (HVO). "
               "Bij elk verplicht onderwerp staat of het " + GEREGELD + " is (met de tekst) of " + IN_TE_VULLEN
               + " is."),
        Opsomming(tuple(_kenmerken(c))),
    ]
    secties = [Sectie("Over dit document", tuple(inleiding))]
    vhp: list[Blok] = []
    betaalbaar = _vhp_betaalbaar(c, code)
    if betaalbaar:
        vhp += [Alinea("Betaalbaar programmeren (spoor 1)", nadruk=True), *betaalbaar]
    if c.categorieen or "Statushouders" in c.tabellen:
        totaal = sum(int(r["totaal"]) for r in c.tabellen["Totaalbeeld"]["rijen"] if r["gemeentecode"] == code)
        vhp += [Alinea("Aandeel in de huisvesting van urgenten en statushouders", nadruk=True),
                Alinea(f"Volgens de regionale verdeelafspraak huisvest {naam} in {c.jaren[0]}–{c.jaren[-1]} "
                       f"{geheel(totaal)} huishoudens met voorrang ({_wie(c)}); de aantallen per jaar en "
                       "categorie staan in het deel huisvestingsverordening.")]
    vhp.append(_vhp_checklist(c, code))
    secties.append(Sectie("Bouwsteen volkshuisvestingsprogramma", tuple(vhp)))
    secties.append(Sectie("Bouwsteen huisvestingsverordening (regionaal deel)", (
        Alinea("Artikelen waarvan de waarden uit de regionale afspraak komen. De gemeente neemt ze op in haar "
               "verordening en vult aan wat als '" + IN_TE_VULLEN + "' is gemarkeerd."),
        *_hvo_clausules(c, code),
    )))
    for aanvulling in GEMEENTE_AANVULLINGEN:
        secties.extend(aanvulling(c, code))
    figuren_blokken: list[Blok] = [figuren.kaart_gemeente(c.codes, code, c.namen, d["regio"]["naam"])]
    grafiek = _grafiek_gemeente(c, code)
    if grafiek is not None:
        figuren_blokken.append(grafiek)
    secties.append(Sectie("Kaart en grafiek", tuple(figuren_blokken)))
    waarschuwingen = _waarschuwingen_voor(c, code)
    if waarschuwingen:
        secties.append(Sectie("Waarschuwingen", (Opsomming(tuple(waarschuwingen)),)))
    secties.append(_regels_sectie(c))
    return datums_in_woorden(Document(
        titel=f"Bouwstenen VHP en huisvestingsverordening — {naam}",
        ondertitel=f"{naam} ({code}) · {d['afsprakenkader']['naam']} · {c.jaren[0]}–{c.jaren[-1]}",
        secties=tuple(secties),
        fictief=bool(d["afsprakenkader"]["fictief"]),
        datum=_datum(c),
        trefwoorden=("volkshuisvestingsprogramma", "huisvestingsverordening", naam, d["regio"]["naam"]),
    ))


def _datum(c: Context) -> str:
    besluit = c.resultaat["afsprakenkader"].get("besluit") or {}
    return str(besluit.get("datum") or c.resultaat["peildatum_regels"])


# ---------------------------------------------------------------------------------------------------
# The region
# ---------------------------------------------------------------------------------------------------


def _totaal_per_gemeente(c: Context) -> dict[str, int]:
    uit = dict.fromkeys(c.codes, 0)
    for r in c.tabellen["Totaalbeeld"]["rijen"]:
        uit[r["gemeentecode"]] += int(r["totaal"])
    return uit


def _verdeeltabellen(c: Context) -> list[Blok]:
    blokken: list[Blok] = []
    for cat in c.categorieen:
        t = c.categorie_tabel(cat)
        rijen = [(r.get("gemeentenaam") or "", procent(r.get("aandeel_sleutel"), 2) if "aandeel_sleutel" in r else "",
                  *(geheel(r.get(f"aantal_{j}")) for j in c.jaren), geheel(r.get("totaal"))) for r in t["rijen"]]
        blokken.append(Tabel(f"Categorie {cat}", ("gemeente", "aandeel sleutel", *map(str, c.jaren), "totaal"),
                             tuple(rijen), tuple(t["voetnoten"]), rechts=(False, *([True] * (len(c.jaren) + 2)))))
    if "Statushouders" in c.tabellen:
        t = c.tabellen["Statushouders"]
        rijen = [(r["gemeentenaam"], *(geheel(r[f"aantal_{j}"]) for j in c.jaren),
                  geheel(sum(r[f"aantal_{j}"] for j in c.jaren))) for r in t["rijen"]]
        blokken.append(Tabel(t["titel"], ("gemeente", *map(str, c.jaren), "totaal"), tuple(rijen),
                             tuple(t["voetnoten"][:1]), rechts=(False, *([True] * (len(c.jaren) + 1)))))
    eerste = c.jaren[0]
    tb = [r for r in c.tabellen["Totaalbeeld"]["rijen"] if r["jaar"] == eerste]
    blokken.append(Tabel(
        f"Voorrang tegenover verhuringen per gemeente in {eerste}",
        ("gemeente", "verhuringen", "totaal voorrang", "aandeel", "grens", "over voor regulier"),
        tuple((r["gemeentenaam"], decimaal(r["mutaties"]), geheel(r["totaal"]), procent(r["aandeel"], 2),
               procent(r["mutatiegrens"]), decimaal(r["regulier"])) for r in tb),
        tuple(c.tabellen["Totaalbeeld"]["voetnoten"]) + ("Alle jaren per gemeente: de gemeentedocumenten.",),
        rechts=(False, True, True, True, True, True),
    ))
    if "Betaalbaarheid" in c.tabellen:
        t = c.tabellen["Betaalbaarheid"]
        blokken.append(Tabel(
            t["titel"],
            ("gemeente", "aandeel sociaal", "regel", "minimum sociaal", "minimum midden", "voorstel sociaal",
             "voorstel betaalbaar"),
            tuple((r["gemeentenaam"], procent(r["sociaal_aandeel"]),
                   f"{procent(r['percentage'], 0)} {'sociale huur' if r['regel'] == 'sociale_huur' else 'midden'}",
                   geheel(r["minimum_sociale_huur"]), geheel(r["minimum_middensegment"]),
                   geheel(r["voorstel_sociale_huur"]), geheel(r["voorstel_betaalbaar"])) for r in t["rijen"]),
            tuple(t["voetnoten"]),
            rechts=(False, True, False, True, True, True, True),
        ))
    return blokken


def _scenario_sectie(vergelijking: dict[str, Any]) -> Sectie:
    labels = list(vergelijking["scenarios"])
    samenvatting = vergelijking["samenvatting"]
    kolommen = ["gemeente", *(f"{lab}: {vergelijking['scenarios'][lab]}" for lab in labels),
                *(f"{lab} − A" for lab in labels[1:]), "oordeel"]
    rijen = tuple((r["gemeentenaam"], *(geheel(r[f"totaal_{lab}"]) for lab in labels),
                   *(nl(r[f"verschil_{lab}"], 0) for lab in labels[1:]), r["oordeel"]) for r in samenvatting)
    return Sectie("Vergeleken scenario's: wie neemt meer, wie minder", (
        Alinea("Totaal te huisvesten huishoudens (alle categorieën en statushouders) over de hele periode."),
        Tabel("Scenario's per gemeente", tuple(kolommen), rijen,
              rechts=(False, *([True] * (len(kolommen) - 2)), False)),
        Opsomming(tuple(vergelijking["kernpunten"])),
    ))


def _termijnen_blokken(c: Context) -> list[Blok]:
    if not c.regels.termijnen:
        return []
    return [Tabel(
        "Termijnen voor vaststelling van VHP en huisvestingsverordening",
        ("document", "soort", "termijn", "status", "bron"),
        tuple((t["document"], t["soort"], t["tekst"], _status(t["status"]), t["bron"]) for t in c.regels.termijnen),
    )]


def regiodocument(c: Context, vergelijking: dict[str, Any] | None = None,
                  vaststelling: Sequence[dict[str, Any]] | None = None) -> Document:
    d = c.resultaat
    k = c.kader
    brief: list[Blok] = [*_fictief_blokken(c), Opsomming(tuple(_kenmerken(c)))]
    if k.omschrijving:
        brief.append(Alinea(k.omschrijving))
    afspraken = []
    for cat in k.categorieen:
        totalen = d["categorieen"][cat.naam]["totalen"]
        per_jaar = ", ".join(f"{j}: {nl(t, 0)}" for j, t in zip(c.jaren, totalen, strict=True))
        afspraken.append(f"{cat.naam}: {nl(sum(totalen), 0)} huishoudens over de periode ({per_jaar}).")
    if "Statushouders" in c.tabellen:
        totaal = sum(r[f"aantal_{j}"] for r in c.tabellen["Statushouders"]["rijen"] for j in c.jaren)
        afspraken.append(f"Statushouders (taakstelling): {nl(totaal, 0)} over de periode voor de regio samen.")
    if k.aandeel_urgenten is not None and k.aandeel_urgenten.maximum is not None:
        afspraken.append(f"Mutatiegrens: ten hoogste {procent(Fraction(k.aandeel_urgenten.maximum))} van de "
                         "verhuringen per gemeente naar urgenten en statushouders.")
    if k.vereffening is not None:
        afspraken.append(f"Vereffening: € {nl(Fraction(k.vereffening.tarief), 2)} per woning.")
    if afspraken:
        brief.append(Opsomming(tuple(afspraken)))
    secties = [Sectie("De afspraak in het kort", tuple(brief))]
    if vergelijking is not None:
        secties.append(_scenario_sectie(vergelijking))
    totalen = _totaal_per_gemeente(c)
    secties.append(Sectie("Verdeling", (
        figuren.kaart_regio(c.codes, {code: float(v) for code, v in totalen.items()}, c.namen,
                            titel=f"Huishoudens met voorrang per gemeente, {c.jaren[0]}–{c.jaren[-1]}",
                            opmaak=lambda v: nl(v, 0)),
        *_verdeeltabellen(c),
    )))
    for aanvulling in REGIO_AANVULLINGEN:
        secties.extend(aanvulling(c))
    risico = list(d["waarschuwingen"])
    secties.append(Sectie("Waarschuwingen en risico's",
                          (Opsomming(tuple(risico)),) if risico else (Alinea("Geen waarschuwingen."),)))
    kader_blokken: list[Blok] = [*_termijnen_blokken(c)]
    if vaststelling:
        stand = max((r["datum"] for r in vaststelling if r["datum"]), default="")
        kader_blokken.append(Tabel(
            f"Stand van de vaststelling per gemeente (laatste stap geregistreerd op {stand})",
            ("gemeente", "document", "stap", "datum", "termijn", "oordeel", "toelichting"),
            tuple((r["gemeentenaam"], r["document"], r["stap"], r["datum"], r["termijn"], r["oordeel"],
                   r.get("toelichting") or "") for r in vaststelling),
            ("Stappen: concept, college, inspraak, raad, vastgesteld. Het oordeel is bepaald op de datum van de "
             "laatst geregistreerde stap; een onbekende termijn wordt niet geraden.",),
        ))
    if kader_blokken:
        secties.append(Sectie("Wettelijk kader en vaststelling", tuple(kader_blokken)))
    secties.append(_regels_sectie(c, "Regels met status, bronnen en versies"))
    return datums_in_woorden(Document(
        titel=f"Regionaal besluitdocument — {d['regio']['naam']}",
        ondertitel=f"{d['afsprakenkader']['naam']} · {c.jaren[0]}–{c.jaren[-1]}",
        secties=tuple(secties),
        fictief=bool(d["afsprakenkader"]["fictief"]),
        datum=_datum(c),
        trefwoorden=("regionale afspraken", "bestuurlijke tafel", d["regio"]["naam"]),
    ))


def context(resultaat: dict[str, Any], kader: Afsprakenkader, regels: Documentregels) -> Context:
    namen: dict[str, str] = {}
    for r in resultaat["tabellen"]["Totaalbeeld"]["rijen"]:
        namen.setdefault(r["gemeentecode"], r["gemeentenaam"])
    for t in resultaat["tabellen"].values():  # agreements without categories still name every gemeente
        for r in t["rijen"]:
            if r.get("gemeentecode") and r.get("gemeentenaam"):
                namen.setdefault(r["gemeentecode"], r["gemeentenaam"])
    return Context(resultaat, kader, regels, namen)
