"""Woonvormen en voorzieningen (issue 13): dividing a regional programme of woonvormen with pledges as floors
and stated capacity as caps, and one cross-group fair-share balance per gemeente (specialisation).

Pure core (`berekening`), plain inputs (`model`); the afsprakenkader shell gathers them (`afspraken`).
"""

from verdeelwijzer.woonvormen.berekening import bereken_woonvormen
from verdeelwijzer.woonvormen.model import (
    Balansregel,
    Doel,
    Programmaregel,
    Specialisatie,
    Toezegging,
    Voorstelregel,
    Voorziening,
    WoonvormenInvoer,
    WoonvormenUitkomst,
)

__all__ = [
    "Balansregel",
    "Doel",
    "Programmaregel",
    "Specialisatie",
    "Toezegging",
    "Voorstelregel",
    "Voorziening",
    "WoonvormenInvoer",
    "WoonvormenUitkomst",
    "bereken_woonvormen",
]
