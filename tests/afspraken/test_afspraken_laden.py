from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from verdeelwijzer.afspraken.laden import json_schema, laad_afspraken, lees_afspraken_tekst
from verdeelwijzer.fouten import InvoerFout

VOORBEELDEN = Path(__file__).resolve().parents[2] / "voorbeelden"
BASIS = """naam: test
regio: Haaglanden
periode: {start: 2027, jaren: 2}
categorieen:
  - naam: MO
    totaal: {per_jaar: 100}
    sleutel: {inwoners: 1}
"""


@pytest.mark.parametrize("pad", sorted(VOORBEELDEN.glob("*.yaml")), ids=lambda p: p.name)
def test_voorbeelden_zijn_geldig(pad):
    kader = laad_afspraken(pad).kader
    assert kader.naam and kader.fictief


def test_sleutelvolgorde_verandert_de_betekenis_niet():
    data = yaml.safe_load(BASIS)
    omgekeerd = yaml.safe_dump(dict(reversed(list(data.items()))), sort_keys=False, allow_unicode=True)
    assert lees_afspraken_tekst(BASIS) == lees_afspraken_tekst(omgekeerd)


@pytest.mark.parametrize(
    ("wijziging", "verwacht"),
    [
        (
            ("    sleutel: {inwoners: 1}\n", "    sleutel: {inwoners: 1}\n    plafon: {mutatiegrens: 0.3}\n"),
            r"regel 8, veld 'categorieen\[1\].plafon': onbekend veld; bedoelt u 'plafond'\?",
        ),
        (("jaren: 2", "jaren: twee"), r"regel 3, veld 'periode.jaren': verwacht een heel getal"),
        (("per_jaar: 100", "per_jaar: -4"), r"regel 6, veld 'categorieen\[1\].totaal.per_jaar': moet ≥ 0 zijn"),
        (
            ("per_jaar: 100", "per_jaar: 100, aandeel_mutaties: 0.2"),
            r"precies één van 'per_jaar' of 'aandeel_mutaties'",
        ),
        (("naam: test\n", ""), r"regel 1, veld 'naam': ontbreekt"),
        (
            ("    sleutel: {inwoners: 1}\n", "    sleutel: {inwoners: 1}\n    afronding: sainte\n"),
            r"veld 'categorieen\[1\].afronding': verwacht een van: 'sainte-lague'",
        ),
        (("periode: {start: 2027, jaren: 2}", "periode: {start: 2027, jaren: 2\n"), r"geen geldige YAML"),
        (("regio: Haaglanden\n", "regio: Haaglanden\nregoi: x\n"), r"veld 'regoi': onbekend veld; bedoelt u 'regio'"),
    ],
)
def test_fouten_noemen_regel_en_veld(wijziging, verwacht):
    tekst = BASIS.replace(*wijziging)
    assert tekst != BASIS
    with pytest.raises(InvoerFout, match=verwacht) as info:
        lees_afspraken_tekst(tekst, "afspraken.yaml")
    assert "afspraken.yaml" in str(info.value)


def test_dubbele_categorie_en_lege_afspraken():
    dubbel = BASIS + "  - naam: mo\n    totaal: {per_jaar: 1}\n    sleutel: {inwoners: 1}\n"
    with pytest.raises(InvoerFout, match="dubbel: mo"):
        lees_afspraken_tekst(dubbel)
    with pytest.raises(InvoerFout, match="geen afspraken"):
        lees_afspraken_tekst("naam: x\nregio: Delft\nperiode: {start: 2027, jaren: 1}\n")


def test_bestand_bestaat_niet(tmp_path):
    with pytest.raises(InvoerFout, match="bestaat niet"):
        laad_afspraken(tmp_path / "weg.yaml")


def test_json_schema_is_geldig_en_volledig():
    schema = json.loads(json_schema())
    assert schema["title"] == "Verdeelwijzer afsprakenkader"
    assert {"naam", "regio", "periode", "categorieen"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
