"""Dutch wording for the command-line parser's usage errors (click's messages are English)."""

from __future__ import annotations

import re

# (English pattern from click/typer, Dutch template); groups are inserted in order.
_PATRONEN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), t)
    for p, t in (
        (r"^Missing option (.+?)\.?$", "Optie {0} ontbreekt."),
        (r"^Missing argument (.+?)\.?$", "Argument {0} ontbreekt."),
        (r"^Missing parameter: (.+)$", "{0} ontbreekt."),
        (r"^No such command (.+?)\. Did you mean (.+)\?$", "Onbekend commando {0}. Bedoelt u {1}?"),
        (r"^No such command (.+?)\.$", "Onbekend commando {0}."),
        (r"^No such option: (\S+) \(Possible options: (.+)\)$", "Onbekende optie {0}. Bedoelt u een van: {1}?"),
        (r"^No such option: (\S+)(?: Did you mean (.+)\?)?$", "Onbekende optie {0}."),
        (r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$", "Onverwacht extra argument: {0}."),
        (r"^Invalid value for (.+?): (.+)$", "Ongeldige waarde voor {0}: {1}"),
        (r"^Option (.+?) requires an argument\.$", "Optie {0} vraagt een waarde."),
    )
)
_REDENEN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), t)
    for p, t in (
        (r"Input should be a valid integer.*", "verwacht een heel getal."),
        (r"Input should be a valid number.*", "verwacht een getal."),
        (r"Value error, (.+) is not one of (.+)\.", "{0} is geen keuze; kies uit {1}."),
        (r"(.+) is not one of (.+)\.", "{0} is geen keuze; kies uit {1}."),
        (r"Input should be greater than or equal to (\S+)", "verwacht ten minste {0}."),
        (r"(\S+) is not in the range (.+)\.", "{0} ligt niet in het bereik {1}."),
        (r"File '(.+)' does not exist\.", "bestand '{0}' bestaat niet."),
    )
)


def vertaal(bericht: str) -> str:
    """The Dutch version of a usage message; unknown messages are returned unchanged."""
    bericht = bericht.strip()
    for patroon, sjabloon in _PATRONEN:
        m = patroon.match(bericht)
        if m:
            delen = [g or "" for g in m.groups()]
            if sjabloon.startswith("Ongeldige waarde"):
                delen[1] = _reden(delen[1])
            return sjabloon.format(*delen).replace("' / '", "' of '")
    return bericht


def _reden(tekst: str) -> str:
    for patroon, sjabloon in _REDENEN:
        m = patroon.match(tekst)
        if m:
            return sjabloon.format(*m.groups())
    return tekst
