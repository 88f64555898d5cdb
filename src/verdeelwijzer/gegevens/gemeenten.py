"""The gemeenten table: the embedded CBS snapshot, plus the user's overrides, plus clearly marked
estimates, with the source and peildatum of every figure."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import pandas as pd

from verdeelwijzer.bron import Bron
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens.invoer import Overschrijving, lees_tabelbestand, valideer_overschrijvingen
from verdeelwijzer.gegevens.manifest import KolomMeta, lees_bytes, manifest
from verdeelwijzer.gegevens.namen import GemeenteZoeker
from verdeelwijzer.yamlbestand import lees_yaml

BESTAND = "gemeenten.csv"

# Columns that describe the indeling, not figures: never overridable.
BESCHERMDE_KOLOMMEN = (
    "gemeentecode",
    "gemeentenaam",
    "provincie",
    "provinciecode",
    "jaar",
    "corop_code",
    "corop_naam",
    "arbeidsmarktregio_code",
    "arbeidsmarktregio_naam",
)
# The indicators a verdeelsleutel usually uses, in display order.
STANDAARD_INDICATOREN = ("inwoners", "huishoudens", "woningvoorraad", "sociale_voorraad", "mutaties")


@dataclass
class Gegevens:
    """All figures per gemeente with provenance.

    `tabel` is indexed by gemeentecode; `kolommen` has the default metadata per column (also in
    `tabel.attrs["kolommen"]`); `cel_bronnen` records figures whose source differs from their column's
    default (user overrides, estimates).
    """

    tabel: pd.DataFrame
    kolommen: dict[str, KolomMeta]
    cel_bronnen: dict[tuple[str, str], Bron] = field(default_factory=dict)
    indeling_jaar: int = 0
    zoeker: GemeenteZoeker | None = None
    eigen_bestanden: list[str] = field(default_factory=list)

    def naam(self, code: str) -> str:
        return str(self.tabel.at[code, "gemeentenaam"])

    def bron(self, code: str, kolom: str) -> Bron:
        if (code, kolom) in self.cel_bronnen:
            return self.cel_bronnen[(code, kolom)]
        if kolom not in self.kolommen:
            raise InvoerFout(f"Onbekende kolom '{kolom}'. Beschikbaar: {', '.join(self.numerieke_kolommen())}.")
        return self.kolommen[kolom].als_bron()

    def numerieke_kolommen(self) -> list[str]:
        return [k for k in self.tabel.columns if k not in BESCHERMDE_KOLOMMEN and k in self.kolommen]

    def indicator(self, kolom: str, codes: Sequence[str]) -> tuple[list[float], list[Bron]]:
        """Values and sources of one column for the given gemeenten; missing figures are an error."""
        if kolom not in self.tabel.columns:
            raise InvoerFout(f"Indicator '{kolom}' bestaat niet. Beschikbaar: {', '.join(self.numerieke_kolommen())}.")
        reeks = self.tabel.loc[list(codes), kolom]
        ontbreekt = [self.naam(c) for c, v in reeks.items() if pd.isna(v)]
        if ontbreekt:
            raise InvoerFout(
                f"Indicator '{kolom}' ontbreekt voor: {', '.join(ontbreekt)}. Lever deze cijfers aan met --gegevens."
            )
        return [_getal(v) for v in reeks], [self.bron(c, kolom) for c in codes]

    def bronnen_gebruikt(self, codes: Sequence[str], kolommen: Iterable[str]) -> list[Bron]:
        """Distinct sources behind these figures, for footnotes."""
        gezien: dict[Bron, None] = {}
        for k in kolommen:
            for c in codes:
                gezien.setdefault(self.bron(c, k))
        return list(gezien)


def _getal(v: object) -> float:
    f = float(v)  # type: ignore[arg-type]
    return int(f) if f.is_integer() else f


@lru_cache(maxsize=1)
def _basis() -> tuple[pd.DataFrame, int]:
    tabel = pd.read_csv(io.BytesIO(lees_bytes(BESTAND)), dtype={"gemeentecode": str}).set_index(
        "gemeentecode", drop=False
    )
    jaren = tabel["jaar"].unique()
    if len(jaren) != 1:
        raise InvoerFout(f"Ingebouwde gegevens hebben meerdere indelingsjaren: {sorted(jaren)}.")
    return tabel, int(jaren[0])


@lru_cache(maxsize=1)
def _varianten() -> dict[str, str]:
    return lees_yaml(lees_bytes("naamvarianten.yaml"), "naamvarianten.yaml") or {}


def schat_mutaties(sociale_voorraad: Sequence[float], mutatiegraad: Fraction) -> list[float]:
    """Estimated social-rent lettings per year: social stock × national turnover rate (pure)."""
    return [float(Fraction(v) * mutatiegraad) for v in sociale_voorraad]


def laad_gemeenten(eigen_bestanden: Sequence[Path | str] = (), datum: date | None = None) -> Gegevens:
    """Load the embedded 342 gemeenten, apply override files in order, and estimate what is missing.

    An invalid override file raises InvoerFout and nothing is applied.
    """
    from verdeelwijzer.regels import lees_parameter

    basis, jaar = _basis()
    tabel = basis.copy()
    meta = dict(manifest().bestanden[BESTAND].kolommen)
    zoeker = GemeenteZoeker(dict(zip(tabel.index, tabel["gemeentenaam"], strict=True)), _varianten())

    # sociale_voorraad defaults to the derived proxy for the DAEB stock; users load official figures.
    tabel["sociale_voorraad"] = tabel["corporatiewoningen_schatting"]
    proxy = meta["corporatiewoningen_schatting"]
    meta["sociale_voorraad"] = KolomMeta(
        naam="sociale_voorraad",
        omschrijving="Sociale huurvoorraad (proxy: " + proxy.omschrijving + ")",
        eenheid="woningen",
        peildatum=proxy.peildatum,
        bron=proxy.bron,
        tabel=proxy.tabel,
        soort="schatting",
    )

    gegevens = Gegevens(tabel=tabel, kolommen=meta, indeling_jaar=jaar, zoeker=zoeker)
    alle: list[Overschrijving] = []
    for pad in eigen_bestanden:
        bestand = lees_tabelbestand(Path(pad))
        alle.extend(valideer_overschrijvingen(bestand, zoeker, BESCHERMDE_KOLOMMEN))
        gegevens.eigen_bestanden.append(str(pad))
    pas_toe(gegevens, alle)

    # Mutaties are not published by CBS: estimate where the user supplied none, and say so.
    graad = lees_parameter("mutatiegraad_sociale_huur", datum or date.today())
    if "mutaties" not in tabel.columns:
        tabel["mutaties"] = float("nan")
    ontbreekt = [c for c in tabel.index if pd.isna(tabel.at[c, "mutaties"])]
    schatting = schat_mutaties([float(tabel.at[c, "sociale_voorraad"]) for c in ontbreekt], Fraction(graad.waarde))
    tabel.loc[ontbreekt, "mutaties"] = schatting
    procent = f"{float(graad.waarde) * 100:.1f}".replace(".", ",")
    meta["mutaties"] = KolomMeta(
        naam="mutaties",
        omschrijving=f"Verhuringen sociale huur per jaar (schatting: sociale voorraad × mutatiegraad {procent} %)",
        eenheid="verhuringen per jaar",
        peildatum=meta["sociale_voorraad"].peildatum,
        bron=f"Schatting: sociale voorraad × parameter mutatiegraad_sociale_huur ({graad.bron_titel})",
        tabel="regels/mutatiegraad_sociale_huur",
        soort="schatting",
    )
    for c in ontbreekt:
        if (c, "sociale_voorraad") in gegevens.cel_bronnen:  # estimate built on the user's own stock figure
            gegevens.cel_bronnen[(c, "mutaties")] = Bron(
                label=f"Schatting: sociale voorraad uit {gegevens.cel_bronnen[(c, 'sociale_voorraad')].label} "
                f"× mutatiegraad {procent} %",
                peildatum=gegevens.cel_bronnen[(c, "sociale_voorraad")].peildatum,
                soort="schatting",
            )
    tabel.attrs["kolommen"] = {k: vars(v) for k, v in meta.items()}
    return gegevens


def pas_toe(gegevens: Gegevens, overschrijvingen: Iterable[Overschrijving]) -> None:
    """Apply validated overrides; each figure keeps its own source label."""
    tabel = gegevens.tabel
    for o in overschrijvingen:
        if o.kolom not in tabel.columns:
            tabel[o.kolom] = float("nan")
            gegevens.kolommen[o.kolom] = KolomMeta(
                naam=o.kolom,
                omschrijving=f"Eigen kolom '{o.kolom}'",
                eenheid="eigen invoer",
                peildatum=o.bron.peildatum,
                bron=o.bron.label,
                tabel="eigen invoer",
                soort="eigen invoer",
            )
        waarde: float | int = o.waarde
        if tabel[o.kolom].dtype.kind == "i":
            if float(o.waarde).is_integer():
                waarde = int(o.waarde)
            else:
                tabel[o.kolom] = tabel[o.kolom].astype(float)
        tabel.at[o.gemeentecode, o.kolom] = waarde
        gegevens.cel_bronnen[(o.gemeentecode, o.kolom)] = o.bron
