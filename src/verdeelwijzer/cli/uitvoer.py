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


# Above this many rows a table is printed as plain aligned text: rich measures and wraps every cell, which made
# `monitor stand` on a province-size ledger spend three quarters of its time rendering.
RIJEN_EENVOUDIG = 200


def toon_tabel(
    titel: str,
    rijen: Sequence[Mapping[str, Any]],
    kolommen: Sequence[tuple[str, str]],
    voetnoten: Sequence[str] = (),
) -> None:
    """Print a table; `kolommen` is (key, header). Numbers are right-aligned and Dutch-formatted.

    Up to RIJEN_EENVOUDIG rows: a rich table. More: the same columns as plain aligned text (no wrapping; every
    row is shown), with a note saying so.
    """
    numeriek = [any(isinstance(r.get(sleutel), int | float) for r in rijen) for sleutel, _ in kolommen]
    if len(rijen) > RIJEN_EENVOUDIG:
        _toon_eenvoudig(titel, rijen, kolommen, numeriek)
    else:
        from rich.table import Table

        tabel = Table(title=titel, title_justify="left", show_lines=False)
        for (sleutel, kop), rechts in zip(kolommen, numeriek, strict=True):
            tabel.add_column(kop, justify="right" if rechts else "left", no_wrap=sleutel == "gemeentenaam")
        for rij in rijen:
            tabel.add_row(*[getal_nl(rij.get(k)) for k, _ in kolommen])
        console.print(tabel)
    for noot in voetnoten:
        console.print(noot, style="dim", highlight=False)


def _toon_eenvoudig(titel: str, rijen: Sequence[Mapping[str, Any]], kolommen: Sequence[tuple[str, str]],
                    numeriek: Sequence[bool]) -> None:
    cellen = [[getal_nl(rij.get(k)) for k, _ in kolommen] for rij in rijen]
    koppen = [kop for _, kop in kolommen]
    breedtes = [max(len(koppen[i]), *(len(c[i]) for c in cellen)) for i in range(len(kolommen))]

    def regel(waarden: Sequence[str]) -> str:
        return "  ".join(w.rjust(b) if rechts else w.ljust(b)
                         for w, b, rechts in zip(waarden, breedtes, numeriek, strict=True)).rstrip()

    tekst = [titel, regel(koppen), "  ".join("─" * b for b in breedtes), *(regel(c) for c in cellen)]
    console.print("\n".join(tekst), markup=False, highlight=False, emoji=False, soft_wrap=True)
    console.print(f"({len(rijen)} rijen, als eenvoudige tekst; voor verdere verwerking: --format csv of --excel.)",
                  style="dim", highlight=False)


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
