"""The embedded CBS snapshot, its provenance, user overrides and regions."""

from verdeelwijzer.gegevens.gemeenten import STANDAARD_INDICATOREN, Gegevens, laad_gemeenten
from verdeelwijzer.gegevens.manifest import KolomMeta, attributie, gegevens_versie, manifest
from verdeelwijzer.gegevens.regios import Regio, alle_regios, zoek_regio

__all__ = [
    "STANDAARD_INDICATOREN",
    "Gegevens",
    "KolomMeta",
    "Regio",
    "alle_regios",
    "attributie",
    "gegevens_versie",
    "laad_gemeenten",
    "manifest",
    "zoek_regio",
]
