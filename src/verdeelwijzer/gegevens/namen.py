"""Resolving what users type (codes, names, variants) to CBS gemeentecodes — never by guessing."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.getaltekst import kort
from verdeelwijzer.grenzen import MAX_GEMELDE_FOUTEN

_CODE = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")


def normaliseer(naam: str) -> str:
    """Lower case, accents removed, punctuation to spaces: "'s-Gravenhage" -> "s gravenhage"."""
    zonder_accent = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", zonder_accent.lower()).split())


@dataclass
class GemeenteZoeker:
    """Looks up gemeenten by code, CBS name or a known variant; ambiguous or unknown input is an error."""

    namen: Mapping[str, str]  # gemeentecode -> CBS name
    varianten: Mapping[str, str] = field(default_factory=dict)  # variant -> CBS name
    _index: dict[str, set[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        op_naam = {naam: code for code, naam in self.namen.items()}
        index: dict[str, set[str]] = {}
        for code, naam in self.namen.items():
            index.setdefault(normaliseer(naam), set()).add(code)
        # Without the province suffix only as a fallback: "Bergen" stays ambiguous, "Rijswijk" does not.
        self._kort: dict[str, set[str]] = {}
        for code, naam in self.namen.items():
            if _SUFFIX.search(naam):
                self._kort.setdefault(normaliseer(_SUFFIX.sub("", naam)), set()).add(code)
        for variant, doel in self.varianten.items():
            if doel in op_naam:
                index.setdefault(normaliseer(variant), set()).add(op_naam[doel])
        self._index = index
        self._norm: dict[str, str] | None = None

    def _genormaliseerd(self) -> dict[str, str]:
        """Normalised name → CBS name, built once (not per unknown row)."""
        if self._norm is None:
            self._norm = {normaliseer(n): n for n in self.namen.values()}
        return self._norm

    def zoek(self, tekst: str, context: str = "", *, suggestie: bool = True) -> str:
        """Return the gemeentecode for `tekst`; raise InvoerFout (Dutch, with suggestions) otherwise."""
        waar = f"{context}: " if context else ""
        schoon = tekst.strip()
        if not schoon:
            raise InvoerFout(f"{waar}lege gemeentenaam of -code.")
        m = _CODE.match(schoon)
        if m:
            code = f"GM{int(m.group(1)):04d}"
            if code in self.namen:
                return code
            raise InvoerFout(f"{waar}onbekende gemeentecode '{schoon}' in deze gemeentelijke indeling.")
        sleutel = normaliseer(schoon)
        kandidaten = self._index.get(sleutel) or self._kort.get(sleutel) or set()
        if len(kandidaten) == 1:
            return next(iter(kandidaten))
        if len(kandidaten) > 1:
            opties = ", ".join(sorted(self.namen[c] for c in kandidaten))
            raise InvoerFout(f"{waar}'{schoon}' is niet eenduidig; bedoelt u een van: {opties}?")
        hint = self.suggestie(schoon) if suggestie else ""
        raise InvoerFout(f"{waar}onbekende gemeente '{kort(schoon)}'.{hint}")

    def zoek_alle(self, teksten: Iterable[str], context: str = "") -> list[str]:
        """Resolve several names; every unknown one is reported at once, duplicates are an error."""
        codes: list[str] = []
        gezien: set[str] = set()  # a set: a list of 100,000 names must not cost 10^10 comparisons
        fouten: list[str] = []
        for tekst in teksten:
            if len(fouten) >= MAX_GEMELDE_FOUTEN:
                fouten.append("… en meer; verbeter eerst deze.")
                break
            try:
                code = self.zoek(tekst, context)
            except InvoerFout as fout:
                fouten.append(str(fout))
                continue
            if code in gezien:
                fouten.append(f"{context + ': ' if context else ''}gemeente '{kort(tekst)}' staat er twee keer in.")
            gezien.add(code)
            codes.append(code)
        if fouten:
            raise InvoerFout("\n".join(fouten))
        return codes

    def suggestie(self, tekst: str) -> str:
        if len(tekst) > 100:  # difflib is quadratic in the length; no gemeente name is this long
            return ""
        norm = self._genormaliseerd()
        dichtbij = difflib.get_close_matches(normaliseer(tekst), list(norm), n=3, cutoff=0.6)
        if not dichtbij:
            return ""
        return " Bedoelt u: " + ", ".join(norm[d] for d in dichtbij) + "?"
