"""One plain description of a result table, read by the terminal, CSV, JSON, Excel, documents and web pages,
so each shows the same columns and numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Kolom:
    sleutel: str
    kop: str
    soort: str = "tekst"  # tekst | geheel | decimaal | procent


@dataclass(frozen=True)
class Tabel:
    naam: str  # short, used as Excel sheet name (≤ 31 characters)
    titel: str
    kolommen: tuple[Kolom, ...]
    rijen: tuple[dict[str, Any], ...]
    voetnoten: tuple[str, ...] = field(default=())
    # Columns for a narrow screen (terminal); empty means all. Excel and JSON always carry every column.
    kort: tuple[str, ...] = field(default=())
