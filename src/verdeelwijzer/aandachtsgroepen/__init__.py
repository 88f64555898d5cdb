"""Aandachtsgroepen: the catalogue (rules as code), the woonzorganalyse (behoefte, aanbod, opgave per gemeente ×
groep × jaar) and the spreidingsanalyse (who carries more than its share today).

    from verdeelwijzer.aandachtsgroepen import analyse_uit_bestanden, laad_catalogus
"""

from verdeelwijzer.aandachtsgroepen.analyse import Analyse, AnalyseInvoer, analyseer, dissimilariteit
from verdeelwijzer.aandachtsgroepen.catalogus import Catalogus, Groep, LokaleGroep, laad_catalogus
from verdeelwijzer.aandachtsgroepen.samenstellen import analyse_uit_bestanden, bereid_analyse

__all__ = [
    "Analyse",
    "AnalyseInvoer",
    "Catalogus",
    "Groep",
    "LokaleGroep",
    "analyse_uit_bestanden",
    "analyseer",
    "bereid_analyse",
    "dissimilariteit",
    "laad_catalogus",
]
