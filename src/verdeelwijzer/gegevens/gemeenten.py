"""The gemeenten table: the embedded CBS snapshot, plus the user's overrides, plus clearly marked
estimates, with the source and peildatum of every figure."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verdeelwijzer.bron import Bron
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.gegevens.manifest import KolomMeta, ingebouwde_yaml, lees_bytes, manifest
from verdeelwijzer.gegevens.namen import GemeenteZoeker

if TYPE_CHECKING:
    import pandas as pd

    from verdeelwijzer.gegevens.invoer import Overschrijving

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


class _Kolomtabel:
    """The gemeenten table as plain columns (code → row number, column → list): enough for the command line,
    which then never imports pandas (half a second of start-up). Column kinds follow pandas' own inference
    ('i' int64, 'f' float64, 's' text), so the DataFrame made from it equals the one pandas would read."""

    def __init__(self, codes: list[str], kolommen: dict[str, list[Any]], soorten: dict[str, str]) -> None:
        self.codes = codes
        self.rij = {c: i for i, c in enumerate(codes)}
        self.kolommen = kolommen
        self.soorten = soorten

    @classmethod
    def uit_csv(cls, data: bytes) -> _Kolomtabel:
        lezer = csv.reader(io.StringIO(data.decode("utf-8")))
        koppen = next(lezer)
        rijen = list(lezer)
        kolommen: dict[str, list[Any]] = {}
        soorten: dict[str, str] = {}
        for i, kop in enumerate(koppen):
            ruw = [r[i] for r in rijen]
            soort, waarden = _kolom_uit_tekst(ruw) if kop != "gemeentecode" else ("s", ruw)
            kolommen[kop], soorten[kop] = waarden, soort
        return cls(list(kolommen["gemeentecode"]), kolommen, soorten)

    def kopie(self) -> _Kolomtabel:
        return _Kolomtabel(list(self.codes), {k: list(v) for k, v in self.kolommen.items()}, dict(self.soorten))

    def zet(self, code: str, kolom: str, waarde: float | int) -> None:
        """Set one figure the way pandas' `.at` would: an int column stays int only for whole numbers."""
        if kolom not in self.kolommen:
            self.kolommen[kolom], self.soorten[kolom] = [float("nan")] * len(self.codes), "f"
        if self.soorten[kolom] == "i":
            if float(waarde).is_integer():
                waarde = int(waarde)
            else:
                self.kolommen[kolom] = [float(v) for v in self.kolommen[kolom]]
                self.soorten[kolom] = "f"
        if self.soorten[kolom] == "f":
            waarde = float(waarde)
        self.kolommen[kolom][self.rij[code]] = waarde

    def als_dataframe(self) -> pd.DataFrame:
        import numpy as np
        import pandas as pd

        data = {k: (np.array(v, dtype=np.int64) if self.soorten[k] == "i" else
                    np.array(v, dtype=np.float64) if self.soorten[k] == "f" else v)
                for k, v in self.kolommen.items()}
        return pd.DataFrame(data, index=pd.Index(self.codes, name="gemeentecode"))


def _kolom_uit_tekst(ruw: list[str]) -> tuple[str, list[Any]]:
    try:
        return "i", [int(v) for v in ruw]
    except ValueError:
        pass
    try:
        return "f", [float(v) if v.strip() else float("nan") for v in ruw]
    except ValueError:
        return "s", ruw


def _ontbreekt(v: object) -> bool:
    return v is None or (isinstance(v, float) and v != v)  # NaN (numpy floats are floats too)


class Gegevens:
    """All figures per gemeente with provenance.

    `tabel` is a pandas DataFrame indexed by gemeentecode, made on first use (the command line mostly needs only
    the methods below, which work without pandas); from then on the DataFrame is the one copy of the figures.
    `kolommen` has the default metadata per column (deliberately not in `tabel.attrs`: pandas deep-copies attrs
    on almost every operation, which cost a third of the run time); `cel_bronnen` records figures whose source
    differs from their column's default (user overrides, estimates).
    """

    def __init__(self, tabel: pd.DataFrame | None = None, kolommen: dict[str, KolomMeta] | None = None,
                 cel_bronnen: dict[tuple[str, str], Bron] | None = None, indeling_jaar: int = 0,
                 zoeker: GemeenteZoeker | None = None, eigen_bestanden: list[str] | None = None, *,
                 kolomtabel: _Kolomtabel | None = None) -> None:
        if (tabel is None) == (kolomtabel is None):
            raise ValueError("Gegevens: geef precies één van tabel en kolomtabel")
        self._tabel = tabel
        self._licht = kolomtabel
        self.kolommen: dict[str, KolomMeta] = kolommen if kolommen is not None else {}
        self.cel_bronnen: dict[tuple[str, str], Bron] = cel_bronnen if cel_bronnen is not None else {}
        self.indeling_jaar = indeling_jaar
        self.zoeker = zoeker
        self.eigen_bestanden: list[str] = eigen_bestanden if eigen_bestanden is not None else []

    @property
    def tabel(self) -> pd.DataFrame:
        if self._tabel is None:
            assert self._licht is not None
            self._tabel, self._licht = self._licht.als_dataframe(), None
        return self._tabel

    @tabel.setter
    def tabel(self, waarde: pd.DataFrame) -> None:
        self._tabel, self._licht = waarde, None

    @property
    def codes(self) -> list[str]:
        """All gemeentecodes, in table order."""
        return list(self._licht.codes) if self._licht is not None else list(self.tabel.index)

    def heeft_kolom(self, kolom: str) -> bool:
        return kolom in (self._licht.kolommen if self._licht is not None else self.tabel.columns)

    def kolomnamen(self) -> list[str]:
        return list(self._licht.kolommen) if self._licht is not None else list(self.tabel.columns)

    def waarde(self, code: str, kolom: str) -> Any:
        """One figure (int, float — NaN where missing — or text)."""
        if self._licht is not None:
            return self._licht.kolommen[kolom][self._licht.rij[code]]
        return self.tabel.at[code, kolom]

    def naam(self, code: str) -> str:
        return str(self.waarde(code, "gemeentenaam"))

    def bron(self, code: str, kolom: str) -> Bron:
        if (code, kolom) in self.cel_bronnen:
            return self.cel_bronnen[(code, kolom)]
        if kolom not in self.kolommen:
            raise InvoerFout(f"Onbekende kolom '{kolom}'. Beschikbaar: {', '.join(self.numerieke_kolommen())}.")
        return self.kolommen[kolom].als_bron()

    def numerieke_kolommen(self) -> list[str]:
        return [k for k in self.kolomnamen() if k not in BESCHERMDE_KOLOMMEN and k in self.kolommen]

    def indicator(self, kolom: str, codes: Sequence[str]) -> tuple[list[float], list[Bron]]:
        """Values and sources of one column for the given gemeenten; missing figures are an error."""
        if not self.heeft_kolom(kolom):
            raise InvoerFout(f"Indicator '{kolom}' bestaat niet. Beschikbaar: {', '.join(self.numerieke_kolommen())}.")
        if self._licht is not None:
            waarden = [self.waarde(c, kolom) for c in codes]
        else:
            waarden = list(self.tabel.loc[list(codes), kolom])
        ontbreekt = [self.naam(c) for c, v in zip(codes, waarden, strict=True) if _ontbreekt(v)]
        if ontbreekt:
            raise InvoerFout(
                f"Indicator '{kolom}' ontbreekt voor: {', '.join(ontbreekt)}. Lever deze cijfers aan met --gegevens."
            )
        return [_getal(v) for v in waarden], [self.bron(c, kolom) for c in codes]

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
def _basis() -> tuple[_Kolomtabel, int]:
    tabel = _Kolomtabel.uit_csv(lees_bytes(BESTAND))
    jaren = sorted(set(tabel.kolommen["jaar"]))
    if len(jaren) != 1:
        raise InvoerFout(f"Ingebouwde gegevens hebben meerdere indelingsjaren: {jaren}.")
    return tabel, int(jaren[0])


@lru_cache(maxsize=1)
def _varianten() -> dict[str, str]:
    return ingebouwde_yaml(lees_bytes("naamvarianten.yaml")) or {}


def schat_mutaties(sociale_voorraad: Sequence[float], mutatiegraad: Fraction) -> list[float]:
    """Estimated social-rent lettings per year: social stock × national turnover rate (pure)."""
    return [float(Fraction(v) * mutatiegraad) for v in sociale_voorraad]


def laad_gemeenten(eigen_bestanden: Sequence[Path | str] = (), datum: date | None = None) -> Gegevens:
    """Load the embedded 342 gemeenten, apply override files in order, and estimate what is missing.

    An invalid override file raises InvoerFout and nothing is applied.
    """
    from verdeelwijzer.regels import lees_parameter

    basis, jaar = _basis()
    tabel = basis.kopie()
    meta = dict(manifest().bestanden[BESTAND].kolommen)
    zoeker = GemeenteZoeker(dict(zip(tabel.codes, tabel.kolommen["gemeentenaam"], strict=True)), _varianten())

    # sociale_voorraad defaults to the derived proxy for the DAEB stock; users load official figures.
    tabel.kolommen["sociale_voorraad"] = list(tabel.kolommen["corporatiewoningen_schatting"])
    tabel.soorten["sociale_voorraad"] = tabel.soorten["corporatiewoningen_schatting"]
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

    gegevens = Gegevens(kolomtabel=tabel, kolommen=meta, indeling_jaar=jaar, zoeker=zoeker)
    alle: list[Overschrijving] = []
    if eigen_bestanden:
        from verdeelwijzer.gegevens.invoer import lees_tabelbestand, valideer_overschrijvingen

        for pad in eigen_bestanden:
            bestand = lees_tabelbestand(Path(pad))
            alle.extend(valideer_overschrijvingen(bestand, zoeker, BESCHERMDE_KOLOMMEN))
            gegevens.eigen_bestanden.append(str(pad))
    pas_toe(gegevens, alle)

    # Mutaties are not published by CBS: estimate where the user supplied none, and say so.
    graad = lees_parameter("mutatiegraad_sociale_huur", datum or date.today())
    ontbreekt = [c for c in tabel.codes if _ontbreekt(gegevens.waarde(c, "mutaties"))] \
        if gegevens.heeft_kolom("mutaties") else list(tabel.codes)
    schatting = schat_mutaties([float(gegevens.waarde(c, "sociale_voorraad")) for c in ontbreekt],
                               Fraction(graad.waarde))
    if not gegevens.heeft_kolom("mutaties"):
        tabel.kolommen["mutaties"], tabel.soorten["mutaties"] = [float("nan")] * len(tabel.codes), "f"
    for c, w in zip(ontbreekt, schatting, strict=True):
        tabel.zet(c, "mutaties", w)
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
    return gegevens


def pas_toe(gegevens: Gegevens, overschrijvingen: Iterable[Overschrijving]) -> None:
    """Apply validated overrides; each figure keeps its own source label."""
    for o in overschrijvingen:
        if not gegevens.heeft_kolom(o.kolom):
            gegevens.kolommen[o.kolom] = KolomMeta(
                naam=o.kolom,
                omschrijving=f"Eigen kolom '{o.kolom}'",
                eenheid="eigen invoer",
                peildatum=o.bron.peildatum,
                bron=o.bron.label,
                tabel="eigen invoer",
                soort="eigen invoer",
            )
        if gegevens._licht is not None:
            gegevens._licht.zet(o.gemeentecode, o.kolom, o.waarde)
        else:
            _zet_in_dataframe(gegevens.tabel, o.gemeentecode, o.kolom, o.waarde)
        gegevens.cel_bronnen[(o.gemeentecode, o.kolom)] = o.bron


def _zet_in_dataframe(tabel: pd.DataFrame, code: str, kolom: str, waarde: float | int) -> None:
    if kolom not in tabel.columns:
        tabel[kolom] = float("nan")
    if tabel[kolom].dtype.kind == "i":
        if float(waarde).is_integer():
            waarde = int(waarde)
        else:
            tabel[kolom] = tabel[kolom].astype(float)
    tabel.at[code, kolom] = waarde
