"""Shared helpers for the transferpunt tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from verdeelwijzer.transferpunt.koppelen import Regels
from verdeelwijzer.transferpunt.schema import Criterium, GelijkeStand

VOORBEELDEN = Path(__file__).resolve().parents[2] / "src" / "verdeelwijzer" / "voorbeeldbestanden" / "transferpunt"
DATUM = date(2026, 12, 1)
REGELS = Regels((Criterium(urgentiedatum=True), Criterium(wachttijd=True)), GelijkeStand(regel="loting", seed=7))


def schrijf(pad: Path, regels: list[str]) -> Path:
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad
