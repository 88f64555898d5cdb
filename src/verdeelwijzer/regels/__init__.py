"""Rules as code: every legal or agreed number is a dated parameter file with its source.

    from verdeelwijzer.regels import waarde, lees_parameter
    waarde("aandeel_betaalbaar", date(2026, 7, 1))  # Fraction(2, 3)

See `laden.py` for the file format.
"""

from verdeelwijzer.regels.laden import (
    Parameter,
    ParameterWaarde,
    Status,
    alle_parameters,
    exacte_tekst,
    lees_parameter,
    regels_versie,
    waarde,
    wis_cache,
)

__all__ = [
    "Parameter",
    "ParameterWaarde",
    "Status",
    "alle_parameters",
    "exacte_tekst",
    "lees_parameter",
    "regels_versie",
    "waarde",
    "wis_cache",
]
