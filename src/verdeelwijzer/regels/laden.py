"""Loading the dated parameter files in `regels/parameters/` (rules as code).

One YAML file per parameter, named `<naam>.yaml`::

    omschrijving: Minimaal aandeel betaalbare woningen in de nieuwbouw van een woningbouwregio.
    eenheid: aandeel
    waarden:
      2026-07-01:                 # geldig_vanaf: the date from which the value applies
        waarde: "2/3"
        geldig_tot: 2036-07-01    # optional, exclusive: the first day it no longer applies
        peildatum: 2024-12-31     # optional: reference date of the figure itself
        status: ontwerp           # wet | ontwerp | seed | aanname
        bron:
          titel: Wetsvoorstel Versterking regie volkshuisvesting (36 512)
          url: https://zoek.officielebekendmakingen.nl/dossier/36512
        toelichting: Artikelnummer nog niet geverifieerd.

A value without `geldig_tot` applies until the next value's `geldig_vanaf` (as in OpenFisca) or, for
the last value, without end. Numbers are read exactly: a YAML number or a numeric string ("2/3",
"0.30", "900.07") becomes a `fractions.Fraction` built from its decimal *text* (never via float);
whole numbers stay `int`. Mappings and lists may hold structured values; their numbers are converted
the same way.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from verdeelwijzer.fouten import RegelFout
from verdeelwijzer.getaltekst import decimaal
from verdeelwijzer.yamlbestand import VeiligeLader, lees_yaml

__all__ = [
    "Parameter",
    "ParameterWaarde",
    "Status",
    "alle_parameters",
    "lees_parameter",
    "regels_versie",
    "exacte_tekst",
    "waarde",
    "wis_cache",
]

_NAAM_PATROON = re.compile(r"^[a-z][a-z0-9_]*$")
_GETAL_PATROON = re.compile(r"^[+-]?(\d[\d_]*)?(\.\d[\d_]*)?([eE][+-]?\d+)?$")
_BREUK_PATROON = re.compile(r"^[+-]?\d+\s*/\s*\d+$")
_INT_PATROON = re.compile(r"^[+-]?\d[\d_]*$")


class Status(StrEnum):
    """How firm a value is. Everything except `wet` is a draft and is shown as such."""

    wet = "wet"  # vastgestelde wet- of regelgeving
    ontwerp = "ontwerp"  # wetsvoorstel of ontwerpregelgeving: kan nog wijzigen
    seed = "seed"  # cijfer uit een brondocument van het project, nog niet aan de bron geverifieerd
    aanname = "aanname"  # eigen aanname of schatting van Verdeelwijzer

    @property
    def is_concept(self) -> bool:
        return self is not Status.wet


# ---------------------------------------------------------------------------------------------------
# Public records
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParameterWaarde:
    """One dated value of one parameter, with its source."""

    naam: str
    waarde: Any
    eenheid: str
    status: str
    bron_titel: str
    bron_url: str
    geldig_vanaf: date
    geldig_tot: date | None
    toelichting: str | None
    omschrijving: str
    peildatum: date | None = None

    @property
    def is_concept(self) -> bool:
        """True for every status except `wet` (ontwerp, seed, aanname)."""
        return self.status != Status.wet.value

    def geldig_op(self, datum: date) -> bool:
        return self.geldig_vanaf <= datum and (self.geldig_tot is None or datum < self.geldig_tot)

    def periode_tekst(self) -> str:
        if self.geldig_tot is None:
            return f"vanaf {self.geldig_vanaf.isoformat()}"
        return f"{self.geldig_vanaf.isoformat()} tot {self.geldig_tot.isoformat()}"

    def bron_kort(self) -> str:
        return f"{self.bron_titel} <{self.bron_url}>"


@dataclass(frozen=True)
class Parameter:
    """A parameter with all its dated values (sorted by `geldig_vanaf`, effective ends filled in)."""

    naam: str
    omschrijving: str
    eenheid: str
    waarden: tuple[ParameterWaarde, ...]
    bestand: str

    def waarde_op(self, datum: date) -> ParameterWaarde:
        datum = _als_datum(datum)
        for w in self.waarden:
            if w.geldig_op(datum):
                if isinstance(w.waarde, dict | list):  # callers may not change the cached value
                    return replace(w, waarde=copy.deepcopy(w.waarde))
                return w
        periodes = "; ".join(w.periode_tekst() for w in self.waarden)
        raise RegelFout(
            f"Parameter '{self.naam}' heeft geen waarde op {datum.isoformat()}. "
            f"Geldige periodes: {periodes} (bestand {self.bestand})."
        )


# ---------------------------------------------------------------------------------------------------
# File schema (pydantic)
# ---------------------------------------------------------------------------------------------------


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


_Tekst = Annotated[str, Field(min_length=1)]


class BronModel(_Strikt):
    titel: _Tekst
    url: Annotated[str, Field(pattern=r"^https?://[^\s/$.?#][^\s]*$")]


class WaardeModel(_Strikt):
    waarde: Any
    status: Status
    bron: BronModel
    geldig_tot: date | None = None
    peildatum: date | None = None
    toelichting: _Tekst | None = None

    @field_validator("waarde", mode="before")
    @classmethod
    def _exacte_waarde(cls, v: Any) -> Any:
        if v is None:
            raise ValueError("waarde ontbreekt (leeg)")
        return _exact(v)

    @field_validator("geldig_tot", "peildatum", mode="before")
    @classmethod
    def _geen_tijdstip(cls, v: Any) -> Any:
        if isinstance(v, datetime):
            raise ValueError("verwacht een datum (JJJJ-MM-DD), geen tijdstip")
        return v


class ParameterBestandModel(_Strikt):
    omschrijving: _Tekst
    eenheid: _Tekst
    waarden: Annotated[dict[date, WaardeModel], Field(min_length=1)]

    @model_validator(mode="after")
    def _periodes(self) -> ParameterBestandModel:
        volgorde = sorted(self.waarden.items())
        for vanaf, w in volgorde:
            if w.geldig_tot is not None and not vanaf < w.geldig_tot:
                raise ValueError(
                    f"waarden.{vanaf.isoformat()}.geldig_tot: geldig_tot ({w.geldig_tot.isoformat()}) moet "
                    f"na geldig_vanaf ({vanaf.isoformat()}) liggen"
                )
        for (vanaf, w), (volgende, _) in zip(volgorde, volgorde[1:], strict=False):
            if w.geldig_tot is not None and w.geldig_tot > volgende:
                raise ValueError(
                    f"waarden.{vanaf.isoformat()}.geldig_tot: periodes overlappen: de waarde vanaf "
                    f"{vanaf.isoformat()} loopt tot {w.geldig_tot.isoformat()}, maar de volgende waarde "
                    f"geldt al vanaf {volgende.isoformat()}"
                )
        return self


# ---------------------------------------------------------------------------------------------------
# Exact numbers
# ---------------------------------------------------------------------------------------------------


def _getal_uit_tekst(tekst: str) -> int | Fraction | None:
    """The exact number written in `tekst`, or None if it is not a number."""
    t = tekst.strip()
    if not t:
        return None
    # Every conversion goes through the bounded `decimaal` (GetalFout, a ValueError, when too big/long).
    if _BREUK_PATROON.match(t):
        teller, noemer = (decimaal(deel) for deel in t.split("/"))
        if not noemer:
            raise ValueError(f"deling door nul in '{tekst}'")
        breuk = Fraction(teller or 0, noemer)
        return int(breuk) if breuk.denominator == 1 else breuk
    if _INT_PATROON.match(t) or _GETAL_PATROON.match(t) and any(c.isdigit() for c in t):
        getal = decimaal(t.replace("_", ""))
        return getal if getal is None or isinstance(getal, int) else Fraction(getal)
    return None


def _exact(v: Any) -> Any:
    """Convert every number in a (structured) value to int or Fraction, exactly."""
    if isinstance(v, bool):
        return v
    if isinstance(v, int | Fraction):
        return v
    if isinstance(v, float):  # only reachable when the YAML loader is bypassed
        raise ValueError('een kommagetal moet exact gelezen worden; schrijf het als tekst, bv. "0.30"')
    if isinstance(v, str):
        getal = _getal_uit_tekst(v)
        return v if getal is None else getal
    if isinstance(v, Mapping):
        return {str(k): _exact(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_exact(x) for x in v]
    if isinstance(v, date):
        return v
    raise ValueError(f"niet-ondersteund type {type(v).__name__}")


class _ExacteLoader(VeiligeLader):
    """The bounded safe loader (C where available) that reads floats from their text as Fraction and rejects
    duplicate keys."""


def _construeer_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Fraction:
    tekst = str(loader.construct_scalar(node))
    try:
        getal = _getal_uit_tekst(tekst)
    except ValueError as e:
        raise yaml.constructor.ConstructorError(None, None, str(e), node.start_mark) from e
    if getal is None:
        raise yaml.constructor.ConstructorError(None, None, f"'{tekst}' is geen exact getal", node.start_mark)
    return Fraction(getal)


def _construeer_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    gezien: dict[Any, Any] = {}
    for sleutel_node, waarde_node in node.value:
        sleutel = loader.construct_object(sleutel_node, deep=True)
        if sleutel in gezien:
            raise yaml.constructor.ConstructorError(None, None, f"dubbele sleutel '{sleutel}'", sleutel_node.start_mark)
        gezien[sleutel] = loader.construct_object(waarde_node, deep=True)
    return gezien


def _construeer_datum(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> date | datetime:
    try:
        return loader.construct_yaml_timestamp(node)  # type: ignore[attr-defined]
    except ValueError as e:
        raise yaml.constructor.ConstructorError(
            None, None, f"ongeldige datum '{node.value}' (verwacht JJJJ-MM-DD): {e}", node.start_mark
        ) from e


_ExacteLoader.add_constructor("tag:yaml.org,2002:float", _construeer_float)
_ExacteLoader.add_constructor("tag:yaml.org,2002:timestamp", _construeer_datum)
_ExacteLoader.add_constructor("tag:yaml.org,2002:map", _construeer_mapping)


# ---------------------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------------------

_FOUTUITLEG = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld (niet toegestaan)",
    "enum": "ongeldige status; toegestaan: wet, ontwerp, seed, aanname",
    "string_pattern_mismatch": "geen geldige URL (moet beginnen met https://)",
    "string_too_short": "mag niet leeg zijn",
    "string_type": "moet tekst zijn",
    "too_short": "moet ten minste één waarde bevatten",
    "dict_type": "moet een lijst van sleutels en waarden (mapping) zijn",
    "model_type": "moet een lijst van sleutels en waarden (mapping) zijn",
    "date_type": "geen geldige datum (verwacht JJJJ-MM-DD)",
    "date_parsing": "geen geldige datum (verwacht JJJJ-MM-DD)",
    "date_from_datetime_parsing": "geen geldige datum (verwacht JJJJ-MM-DD)",
    "date_from_datetime_inexact": "geen geldige datum (verwacht JJJJ-MM-DD, zonder tijd)",
}


def _veld(loc: Iterable[Any]) -> str:
    delen = []
    for deel in loc:
        delen.append(deel.isoformat() if isinstance(deel, date) else str(deel))
    return ".".join(delen) or "(bestand)"


def _vertaal(fout: ValidationError, bestand: str) -> RegelFout:
    regels = []
    for e in fout.errors():
        veld = _veld(e["loc"])
        if e["type"] == "value_error":
            uitleg = str(e.get("ctx", {}).get("error", e["msg"]))
            if e["loc"] == () and ":" in uitleg:  # model-level check names its own field
                veld, uitleg = (s.strip() for s in uitleg.split(":", 1))
        elif e["type"] == "enum":
            uitleg = f"ongeldige status '{e.get('input')}'; toegestaan: wet, ontwerp, seed, aanname"
        else:
            uitleg = _FOUTUITLEG.get(e["type"], f"ongeldige waarde ({e['msg']})")
        regels.append(f"veld '{veld}': {uitleg}")
    return RegelFout(f"Ongeldig parameterbestand {bestand}: " + "; ".join(regels))


def _lees_bestand(naam: str, tekst: bytes, bestand: str) -> Parameter:
    if not _NAAM_PATROON.match(naam):
        raise RegelFout(
            f"Ongeldige bestandsnaam {bestand}: een parameternaam bestaat uit kleine letters, cijfers en '_'."
        )
    ruw = lees_yaml(tekst, f"Ongeldig parameterbestand {bestand}", lader=_ExacteLoader, fout=RegelFout)
    if not isinstance(ruw, dict):
        raise RegelFout(f"Ongeldig parameterbestand {bestand}: verwacht de velden omschrijving, eenheid en waarden.")
    if isinstance(ruw.get("waarden"), dict):  # ISO keys, so error locations read as dates
        ruw["waarden"] = {k.isoformat() if isinstance(k, date) else k: v for k, v in ruw["waarden"].items()}
    try:
        model = ParameterBestandModel.model_validate(ruw)
    except ValidationError as e:
        raise _vertaal(e, bestand) from None

    volgorde = sorted(model.waarden.items())
    waarden = []
    for i, (vanaf, w) in enumerate(volgorde):
        tot = w.geldig_tot
        if tot is None and i + 1 < len(volgorde):
            tot = volgorde[i + 1][0]
        waarden.append(
            ParameterWaarde(
                naam=naam,
                waarde=w.waarde,
                eenheid=model.eenheid,
                status=w.status.value,
                bron_titel=w.bron.titel,
                bron_url=w.bron.url,
                geldig_vanaf=vanaf,
                geldig_tot=tot,
                toelichting=w.toelichting,
                omschrijving=model.omschrijving,
                peildatum=w.peildatum,
            )
        )
    return Parameter(naam, model.omschrijving, model.eenheid, tuple(waarden), bestand)


def _standaardmap() -> Traversable:
    return files("verdeelwijzer.regels").joinpath("parameters")


def _bestanden(map: str | None) -> list[tuple[str, bytes, str]]:
    """(naam, bytes, weergavenaam) of every `*.yaml` in the directory, sorted by name."""
    if map is None:
        basis: Traversable = _standaardmap()
        weergave = "regels/parameters"
    else:
        basis = Path(map)
        weergave = str(basis)
    if not basis.is_dir():
        raise RegelFout(f"Map met parameterbestanden niet gevonden: {weergave}.")
    uit = []
    for item in basis.iterdir():
        if item.is_file() and item.name.endswith(".yaml"):
            uit.append((item.name[: -len(".yaml")], item.read_bytes(), f"{weergave}/{item.name}"))
    if not uit:
        raise RegelFout(f"Geen parameterbestanden (*.yaml) gevonden in {weergave}.")
    return sorted(uit)


@lru_cache(maxsize=16)
def _laad(map: str | None) -> tuple[dict[str, Parameter], str]:
    bestanden = _bestanden(map)
    parameters = {naam: _lees_bestand(naam, tekst, weergave) for naam, tekst, weergave in bestanden}
    h = hashlib.sha256()
    for naam, tekst, _ in bestanden:
        h.update(naam.encode("utf-8") + b"\0" + tekst + b"\0")
    return parameters, h.hexdigest()[:12]


def _mapsleutel(map: str | Path | None) -> str | None:
    return None if map is None else str(Path(map).resolve())


def _als_datum(datum: Any) -> date:
    if isinstance(datum, datetime):
        return datum.date()
    if isinstance(datum, date):
        return datum
    if isinstance(datum, str):
        try:
            return date.fromisoformat(datum)
        except ValueError:
            pass
    raise RegelFout(f"Ongeldige datum '{datum}': verwacht JJJJ-MM-DD.")


# ---------------------------------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------------------------------


def _parameter(naam: str, map: str | Path | None) -> Parameter:
    parameters, _ = _laad(_mapsleutel(map))
    if naam in parameters:
        return parameters[naam]
    suggesties = difflib.get_close_matches(naam, list(parameters), n=3, cutoff=0.6)
    if suggesties:
        hint = "Bedoelde u: " + ", ".join(suggesties) + "?"
    else:
        hint = "Bekende parameters: " + ", ".join(sorted(parameters)) + "."
    raise RegelFout(f"Onbekende parameter '{naam}'. {hint}")


def lees_parameter(naam: str, datum: date, *, map: str | Path | None = None) -> ParameterWaarde:
    """The value of parameter `naam` that applies on `datum`, with its source and status.

    Raises RegelFout (Dutch) for an unknown name (with suggestions) or a date outside every period.
    `map` points to another directory of parameter files (tests); default: the package's files.
    """
    return _parameter(naam, map).waarde_op(datum)


def waarde(naam: str, datum: date, *, map: str | Path | None = None) -> Any:
    """Shortcut: only the value (int, Fraction, bool, str, list or dict) of `naam` on `datum`."""
    return lees_parameter(naam, datum, map=map).waarde


def alle_parameters(map: str | Path | None = None) -> list[Parameter]:
    """Every parameter with all its dated values, sorted by name."""
    parameters, _ = _laad(_mapsleutel(map))
    return [parameters[n] for n in sorted(parameters)]


def regels_versie(map: str | Path | None = None) -> str:
    """Short sha256 (12 hex) over all parameter files (name and bytes, sorted by name)."""
    return _laad(_mapsleutel(map))[1]


def wis_cache() -> None:
    """Forget cached files (after editing parameter files in a running process)."""
    _laad.cache_clear()


def exacte_tekst(waarde: Fraction | int) -> str:
    """The inverse of reading a value exactly: a terminating decimal ('0.3', '1184.82') or a fraction ('2/3')."""
    f = Fraction(waarde)
    d, twee, vijf = f.denominator, 0, 0
    while d % 2 == 0:
        d, twee = d // 2, twee + 1
    while d % 5 == 0:
        d, vijf = d // 5, vijf + 1
    if d != 1:
        return f"{f.numerator}/{f.denominator}"
    k = max(twee, vijf)
    if k == 0:
        return str(f.numerator)
    cijfers = str(abs(f.numerator) * 10**k // f.denominator).rjust(k + 1, "0")
    teken = "-" if f < 0 else ""
    return f"{teken}{cijfers[:-k]}.{cijfers[-k:]}"
