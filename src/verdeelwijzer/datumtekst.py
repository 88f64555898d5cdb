"""Dates in the words a policy officer reads ("2 december 2026"), shared by pages, documents and explanations."""

from __future__ import annotations

import re
from datetime import date, datetime

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")


def datum_nl(d: date | datetime) -> str:
    """'2 december 2026' (a datetime as its date)."""
    if isinstance(d, datetime):
        d = d.date()
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def iso_als_tekst(waarde: str) -> str:
    """An ISO date string as words; anything that is not an ISO date is returned unchanged."""
    try:
        return datum_nl(date.fromisoformat(waarde[:10])) if len(waarde) >= 10 else waarde
    except ValueError:
        return waarde


# An ISO date, optionally with a time and zone, inside running text.
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b")


def iso_in_tekst(tekst: str) -> str:
    """Every ISO date inside a text rewritten as words; impossible months are left alone."""
    return _ISO.sub(lambda m: f"{int(m[3])} {MAANDEN[int(m[2]) - 1]} {m[1]}" if 1 <= int(m[2]) <= 12 else m[0],
                    tekst)
