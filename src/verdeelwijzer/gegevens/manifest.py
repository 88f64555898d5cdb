"""The provenance manifest of the embedded dataset: sources, peildata, licence, checksums."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from verdeelwijzer.bron import Bron, BronSoort
from verdeelwijzer.yamlbestand import VeiligeLader

_PAKKET = "verdeelwijzer.gegevens.data"


@dataclass(frozen=True)
class KolomMeta:
    """What a column means: unit, peildatum and source, so every screen and export can print them."""

    naam: str
    omschrijving: str
    eenheid: str
    peildatum: str
    bron: str
    tabel: str
    soort: BronSoort = "officieel"
    label: str = ""  # short Dutch heading for tables and panels; empty = derived from the column name

    def als_bron(self) -> Bron:
        return Bron(label=f"{self.bron} ({self.tabel})", peildatum=self.peildatum, soort=self.soort)


@dataclass(frozen=True)
class Bestand:
    naam: str
    omschrijving: str
    uitgever: str
    indeling_jaar: int
    sha256: str
    kolommen: dict[str, KolomMeta]


@dataclass(frozen=True)
class Manifest:
    attributie: str
    licentie: str
    licentie_url: str
    bestanden: dict[str, Bestand]


def lees_bytes(bestandsnaam: str) -> bytes:
    return resources.files(_PAKKET).joinpath(bestandsnaam).read_bytes()


def ingebouwde_yaml(tekst: bytes | str) -> Any:
    """YAML shipped inside the package (fixed and trusted): the safe loader (libyaml's C parser where available)
    without the bounds walk, which costs start-up time. Users' YAML goes through `yamlbestand.lees_yaml`."""
    return yaml.load(tekst, Loader=VeiligeLader)


@lru_cache(maxsize=1)
def manifest() -> Manifest:
    ruw: dict[str, Any] = ingebouwde_yaml(lees_bytes("bronnen.yaml"))
    bestanden = {}
    for naam, b in ruw["bestanden"].items():
        kolommen = {k: KolomMeta(naam=k, **{kk: str(vv) for kk, vv in v.items()}) for k, v in b["kolommen"].items()}
        bestanden[naam] = Bestand(
            naam=naam,
            omschrijving=b["omschrijving"],
            uitgever=b["uitgever"],
            indeling_jaar=int(b["indeling_jaar"]),
            sha256=b["sha256"],
            kolommen=kolommen,
        )
    return Manifest(ruw["attributie"], ruw["licentie"], ruw["licentie_url"], bestanden)


@lru_cache(maxsize=1)
def kanttekeningen(bestandsnaam: str = "gemeenten.csv") -> dict[tuple[str, str], str]:
    """(gemeentecode, kolom) → why a derived figure differs from its own formula (see bronnen.yaml)."""
    ruw: dict[str, Any] = yaml.safe_load(lees_bytes("bronnen.yaml"))
    uit: dict[tuple[str, str], str] = {}
    for code, kolommen in (ruw["bestanden"][bestandsnaam].get("kanttekeningen") or {}).items():
        for kolom, tekst in kolommen.items():
            uit[(str(code), str(kolom))] = " ".join(str(tekst).split())
    return uit


def attributie() -> str:
    """The CC BY attribution that every output that shows or exports the data must carry."""
    m = manifest()
    return f"{m.attributie}. Licentie: {m.licentie} ({m.licentie_url})."


def sha256_van(bestandsnaam: str) -> str:
    return hashlib.sha256(lees_bytes(bestandsnaam)).hexdigest()


def gegevens_versie() -> str:
    """Short fingerprint of the embedded data, recorded in outputs for reproducibility."""
    h = hashlib.sha256()
    for naam in sorted(manifest().bestanden):
        h.update(manifest().bestanden[naam].sha256.encode())
    return h.hexdigest()[:12]
