"""De verdeelmotor: pure, exact calculations for fair-share distributions (no I/O).

Entry points: `verdeel(VerdeelInvoer) -> VerdeelUitkomst` for a whole distribution with explanation,
`vergelijk(...)` for several keys side by side, and the building blocks below for separate use.
"""

from verdeelwijzer.verdeling.afronding import (
    METHODE_NAMEN,
    METHODEN,
    Afrondingsmethode,
    AfrondingUitkomst,
    GelijkeStandBeleid,
    Loting,
    methode_code,
    rond_af,
)
from verdeelwijzer.verdeling.cumulatief import CumulatieveAfronding, rond_cumulatief
from verdeelwijzer.verdeling.getallen import ExactVector
from verdeelwijzer.verdeling.herkomst import Herkomst, HerkomstUitkomst, Uitzondering, meng_herkomst
from verdeelwijzer.verdeling.ingroeipad import Ingroeipad, IngroeipadSoort, IngroeipadUitkomst, bereken_ingroeipad
from verdeelwijzer.verdeling.motor import Grenzen, VerdeelInvoer, VerdeelRegel, VerdeelUitkomst, verdeel
from verdeelwijzer.verdeling.plafonds import (
    GrenzenUitkomst,
    HerverdelingsStap,
    plafonds_uit_mutatiegrens,
    verdeel_binnen_grenzen,
)
from verdeelwijzer.verdeling.regulier import RegulierEffect, RegulierRegel, effect_op_regulier
from verdeelwijzer.verdeling.sleutel import SleutelUitkomst, aandelen, controleer_gewichten, parse_sleutel
from verdeelwijzer.verdeling.taakstelling import (
    Afrondingsregel,
    Ruil,
    TaakstellingRegel,
    TaakstellingUitkomst,
    bereken_taakstelling,
)
from verdeelwijzer.verdeling.uitleg import GemeenteUitleg, IndicatorUitleg, Uitleg
from verdeelwijzer.verdeling.vast import VasteToewijzing, vaste_aantallen, verdeel_met_vaste_toewijzingen
from verdeelwijzer.verdeling.vergelijking import SleutelKolom, Vergelijking, vergelijk

__all__ = [
    "METHODEN",
    "METHODE_NAMEN",
    "AfrondingUitkomst",
    "Afrondingsmethode",
    "Afrondingsregel",
    "CumulatieveAfronding",
    "ExactVector",
    "GelijkeStandBeleid",
    "GemeenteUitleg",
    "Grenzen",
    "GrenzenUitkomst",
    "Herkomst",
    "HerkomstUitkomst",
    "HerverdelingsStap",
    "IndicatorUitleg",
    "Ingroeipad",
    "IngroeipadSoort",
    "IngroeipadUitkomst",
    "Loting",
    "RegulierEffect",
    "RegulierRegel",
    "Ruil",
    "SleutelKolom",
    "SleutelUitkomst",
    "TaakstellingRegel",
    "TaakstellingUitkomst",
    "Uitleg",
    "Uitzondering",
    "VasteToewijzing",
    "VerdeelInvoer",
    "VerdeelRegel",
    "VerdeelUitkomst",
    "Vergelijking",
    "aandelen",
    "controleer_gewichten",
    "effect_op_regulier",
    "bereken_ingroeipad",
    "meng_herkomst",
    "methode_code",
    "parse_sleutel",
    "plafonds_uit_mutatiegrens",
    "rond_af",
    "rond_cumulatief",
    "bereken_taakstelling",
    "vaste_aantallen",
    "verdeel",
    "verdeel_binnen_grenzen",
    "verdeel_met_vaste_toewijzingen",
    "vergelijk",
]
