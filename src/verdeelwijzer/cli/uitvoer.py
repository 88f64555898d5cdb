"""Rendering of tabular results as a rich table, CSV or JSON (stable, documented keys)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table

from verdeelwijzer.uitvoercel import csv_waarde

# Piped output (files, CI logs) gets room for wide tables instead of rich's 80-column default.
console = Console(width=None if sys.stdout.isatty() else 200)


class Formaat(StrEnum):
    tabel = "tabel"
    csv = "csv"
    json = "json"


def json_tekst(data: Any) -> str:
    """JSON with sorted-free but stable key order (insertion order), UTF-8, and a trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _json_default(obj: Any) -> Any:
    from fractions import Fraction

    if isinstance(obj, Fraction):
        return str(obj)
    if hasattr(obj, "item"):  # numpy scalars
        return obj.item()
    raise TypeError(f"niet te serialiseren: {type(obj).__name__}")


def csv_tekst(rijen: Sequence[Mapping[str, Any]], kolommen: Sequence[str]) -> str:
    buf = io.StringIO()
    schrijver = csv.DictWriter(buf, fieldnames=list(kolommen), extrasaction="ignore", lineterminator="\n")
    schrijver.writeheader()
    for rij in rijen:
        schrijver.writerow({k: csv_waarde(rij.get(k, "")) for k in kolommen})
    return buf.getvalue()


def toon_tabel(
    titel: str,
    rijen: Sequence[Mapping[str, Any]],
    kolommen: Sequence[tuple[str, str]],
    voetnoten: Sequence[str] = (),
) -> None:
    """Print a rich table; `kolommen` is (key, header). Numbers are right-aligned and Dutch-formatted."""
    tabel = Table(title=titel, title_justify="left", show_lines=False)
    for sleutel, kop in kolommen:
        numeriek = any(isinstance(r.get(sleutel), int | float) for r in rijen)
        tabel.add_column(kop, justify="right" if numeriek else "left", no_wrap=sleutel == "gemeentenaam")
    for rij in rijen:
        tabel.add_row(*[getal_nl(rij.get(k)) for k, _ in kolommen])
    console.print(tabel)
    for noot in voetnoten:
        console.print(noot, style="dim", highlight=False)


def getal_nl(waarde: Any, decimalen: int | None = None) -> str:
    """Dutch number formatting: 1.234.567 and 12,5."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, int):
        return f"{waarde:,}".replace(",", ".")
    if isinstance(waarde, float):
        d = 1 if decimalen is None else decimalen
        tekst = f"{waarde:,.{d}f}"
        return tekst.replace(",", "_").replace(".", ",").replace("_", ".")
    return str(waarde)
