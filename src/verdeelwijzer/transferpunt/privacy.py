"""Privacy by design for free text: the registers are pseudonymised, so a free-text field (a reason, a
remark) must not carry a name, a BSN-like number, or contact data. A hit refuses the whole file with
"verwijder persoonsgegevens" — the text itself is never repeated in the message.

Names cannot be recognised with certainty; the check is deliberately strict (an honorific followed by a
word, "naam:", or two or more capitalised words such as "Jan de Vries"), with the region's gemeente names
and known woonvorm names allowed. A false alarm costs the user a rewording; a missed name costs privacy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from verdeelwijzer.gegevens.namen import normaliseer

_CIJFERREEKS = re.compile(r"(?<![\d])(\d[\d .\-]{6,13}\d)(?![\d])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_TELEFOON = re.compile(r"(?<![\d+])(?:\+31|0031|0)(?:[\s-]?\d){9}(?!\d)")
_AANSPREKING = re.compile(
    r"\b(?:dhr|mevr|mw|mr|drs|dr|ir|ing)\.?\s+[A-Z]|\b(?:de heer|heer|mevrouw|meneer|juffrouw)\s+[A-Z]",
)
_NAAMVELD = re.compile(r"\b(?:naam|achternaam|voornaam|geboortedatum|bsn|burgerservicenummer)\s*[:=]", re.I)
_TUSSENVOEGSELS = {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "op", "la", "le", "du", "da",
                   "von"}
_WOORD = re.compile(r"[A-Za-zÀ-ÿ'’-]+")
TOEGESTANE_WOORDGROEPEN = frozenset(normaliseer(t) for t in (
    "Housing First", "Skaeve Huse", "Beschermd Wonen", "Maatschappelijke Opvang", "Weer Thuis", "Wmo",
    "Holland Rijnland", "Hart van Brabant", "Servicepunt Pact", "Een thuis voor iedereen",
))


def elfproef(cijfers: str) -> bool:
    """The BSN check: 9 digits d1..d9 with 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11 (not all zero)."""
    if len(cijfers) == 8:
        cijfers = "0" + cijfers
    if len(cijfers) != 9 or not cijfers.isdigit() or int(cijfers) == 0:
        return False
    som = sum(int(c) * w for c, w in zip(cijfers[:8], range(9, 1, -1), strict=True)) - int(cijfers[8])
    return som % 11 == 0


def lijkt_bsn(tekst: str) -> bool:
    """True if the text contains 8–9 digits (possibly split by spaces, dots or dashes) passing the elfproef."""
    for m in _CIJFERREEKS.finditer(tekst):
        cijfers = re.sub(r"\D", "", m.group(1))
        if len(cijfers) in (8, 9) and elfproef(cijfers):
            return True
    return False


def _naamachtig(tekst: str, toegestaan: frozenset[str]) -> bool:
    woorden = [(m.group(0), m.start()) for m in _WOORD.finditer(tekst)]
    i = 0
    while i < len(woorden):
        if not woorden[i][0][:1].isupper():
            i += 1
            continue
        groep = [woorden[i][0]]
        j = i + 1
        while j < len(woorden):
            w = woorden[j][0]
            if w[:1].isupper():
                groep.append(w)
                j += 1
            elif w.lower() in _TUSSENVOEGSELS and j + 1 < len(woorden):
                groep.append(w)
                j += 1
            else:
                break
        while groep and not groep[-1][:1].isupper():
            groep.pop()
        hoofd = [w for w in groep if w[:1].isupper()]
        if len(hoofd) >= 2 and not _bekend(groep, toegestaan):
            # A sentence starts with a capital: "Wil Housing First" is fine if the rest is a known phrase.
            zinsbegin = i == 0 or tekst[: woorden[i][1]].rstrip()[-1:] in ".!?:;("
            rest = groep[1:]
            while rest and not rest[0][:1].isupper():
                rest = rest[1:]
            if not (zinsbegin and rest and _bekend(rest, toegestaan)):
                return True
        i = max(j, i + 1)
    return False


def _bekend(groep: list[str], toegestaan: frozenset[str]) -> bool:
    """A capitalised word group is fine if it is (made of) gemeente names or known phrases."""
    zin = normaliseer(" ".join(groep))
    if zin in toegestaan or zin in TOEGESTANE_WOORDGROEPEN:
        return True
    # "Delft Rijswijk": every capitalised word on its own is a known name.
    return all(normaliseer(w) in toegestaan or w.lower() in _TUSSENVOEGSELS for w in groep)


def persoonsgegevens_in(tekst: str, toegestaan: Iterable[str] = ()) -> str | None:
    """What kind of personal data the text seems to contain (Dutch, without quoting it), or None."""
    if not tekst.strip():
        return None
    if lijkt_bsn(tekst):
        return "een nummer dat op een BSN lijkt (elfproef)"
    if _EMAIL.search(tekst):
        return "een e-mailadres"
    if _TELEFOON.search(tekst):
        return "een telefoonnummer"
    if _NAAMVELD.search(tekst):
        return "een naam- of BSN-veld"
    if _AANSPREKING.search(tekst):
        return "een aanspreekvorm met naam"
    bekend = frozenset(normaliseer(t) for t in toegestaan)
    if _naamachtig(tekst, bekend):
        return "iets dat op een persoonsnaam lijkt"
    return None
