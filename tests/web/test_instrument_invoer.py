"""The form parameters of /verdeling and /scenarios (issue 15): weights as typed ("50 %", "50,5"), scaled
when they do not add up to 100 and said so; gemeente/kolommen/kaart/naam in the URL; bad input gives a Dutch
message, never a traceback, and nothing the user sent comes back unescaped. The JSON API stays strict."""

from __future__ import annotations

import re

import pytest

from .test_taal import overtredingen


@pytest.fixture(scope="module")
def klant(tmp_path_factory):
    from fastapi.testclient import TestClient

    from verdeelwijzer.web import WebInstellingen, maak_app

    map = tmp_path_factory.mktemp("instrument")
    app = maak_app(WebInstellingen(map=map, db_url=f"sqlite:///{map / 't.sqlite'}", geheim="x"))
    with TestClient(app) as c:
        yield c
    app.state.koppeling.sluit()


def test_getypte_gewichten_en_schaling_in_woorden(klant):
    r = klant.get("/verdeling", params={"gewicht_huishoudens": "70 %", "gewicht_mutaties": "50,0"})
    assert r.status_code == 200
    assert "telden samen op tot 120 % in plaats van 100 %" in r.text
    assert "58,3 % huishoudens + 41,7 % verhuringen (mutaties)" in r.text
    # page links carry the scaled key, so downloads and explanations compute the same numbers
    assert "/download/afsprakenkader.yaml?regio=" in r.text and "gewicht_huishoudens=58.3" in r.text
    assert klant.get("/download/verdeling.csv?" + re.search(r'/download/verdeling\.csv\?([^"]+)"', r.text)[1]
                     .replace("&amp;", "&")).status_code == 200


def test_gelijke_stand_bij_schalen_blijft_exact_achter_een_detail(klant):
    r = klant.get("/verdeling", params={"gewicht_inwoners": "1", "gewicht_huishoudens": "1", "gewicht_mutaties": "1"})
    assert r.status_code == 200
    assert "<summary>exact</summary>" in r.text and "100/3 %" in r.text
    assert overtredingen(r.text) == []  # the fraction only behind the "exact" detail
    assert "gewicht_inwoners=100%2F3" in r.text  # links keep the exact key


def test_gekozen_gemeente_en_meer_kolommen_uit_de_url(klant):
    r = klant.get("/verdeling", params={"gemeente": "GM0503", "kolommen": "meer"})
    assert "Uitleg: Delft" in r.text and "Delft (GM0503) krijgt" in r.text
    assert "Quotum (onafgerond)" in r.text and "Minder kolommen" in r.text
    kort = klant.get("/verdeling").text
    assert "Quotum (onafgerond)" not in kort and "Meer kolommen" in kort and "Uitleg per gemeente" in kort
    assert overtredingen(r.text) == []  # also the explanation: dates in words


@pytest.mark.parametrize("params", [
    {"gemeente": "<script>alert(1)</script>"}, {"gemeente": "GM9999"}, {"gemeente": "x" * 5000},
    {"kolommen": "<b>"},
])
def test_vreemde_gemeente_of_kolommen_worden_genegeerd(klant, params):
    r = klant.get("/verdeling", params=params)
    assert r.status_code == 200 and "<script>alert" not in r.text and "<b>" not in r.text
    assert "Uitleg per gemeente" in r.text


@pytest.mark.parametrize(("params", "melding"), [
    ({"gewicht_inwoners": "veel"}, "Gewicht inwoners: 'veel' is geen percentage"),
    ({"gewicht_inwoners": "-5"}, "kan niet negatief zijn"),
    ({"gewicht_inwoners": "1e10000000"}, "Gewicht inwoners"),
    ({"gewicht_inwoners": "0", "gewicht_huishoudens": "0", "gewicht_mutaties": "0"}, "minstens één indicator"),
    ({"gewicht_onbekend": "100", "gewicht_huishoudens": "0", "gewicht_mutaties": "0"}, "onbekend"),
])
def test_slechte_gewichten_geven_nederlandse_melding(klant, params, melding):
    r = klant.get("/verdeling", params=params)
    assert r.status_code == 422
    assert melding in r.text.replace("&#39;", "'")
    assert "Traceback" not in r.text


def test_api_blijft_streng(klant):
    r = klant.post("/api/verdeling", json={"gewichten": {"huishoudens": 70, "mutaties": 50}})
    assert r.status_code == 422 and "tellen op tot 1,2" in r.text


def test_scenarios_uit_de_url(klant):
    r = klant.get("/scenarios", params={"naam_1": "Wonen", "gewicht_1_huishoudens": "100", "naam_2": "Verhuren",
                                        "gewicht_2_mutaties": "100", "naam_3": "Mix", "gewicht_3_inwoners": "50 %",
                                        "gewicht_3_mutaties": "50,0", "kaart": "C"})
    assert r.status_code == 200
    assert "A: Wonen" in r.text and "C: Mix" in r.text and 'id="totaalrij"' in r.text
    assert "Wie neemt meer, wie minder: Mix ten opzichte van Wonen" in r.text
    assert r.text.count('class="grafiek verschil"') == 2
    assert overtredingen(r.text) == []
    # the old typed form of a shared link still works, also with percentages that add up to 100
    oud = klant.get("/scenarios", params={"sleutel_1": "inwoners=50; mutaties=50", "sleutel_2": "huishoudens"})
    assert oud.status_code == 200 and "A: Scenario A" in oud.text and "B: Scenario B" in oud.text


@pytest.mark.parametrize(("params", "melding"), [
    ({"naam_1": "X", "naam_2": "X"}, "Twee scenario's heten 'X'"),
    ({"naam_2": "B", "gewicht_2_inwoners": "veel"}, "Scenario B: Gewicht inwoners"),
    ({"naam_2": "B", "gewicht_2_inwoners": "1e999999999"}, "Scenario B"),
    ({"regio": "/etc/passwd"}, "niet met een bestand"),
])
def test_scenarios_slechte_invoer(klant, params, melding):
    r = klant.get("/scenarios", params=params)
    assert r.status_code == 422 and melding in r.text.replace("&#39;", "'") and "Traceback" not in r.text


@pytest.mark.parametrize("params", [
    {"naam_1": "<script>x</script>"}, {"kaart": "Z"}, {"kaart": ""}, {"kaart": "../.."}, {"naam_5": "E"},
    {"naam_2": "x" * 500},
])
def test_scenarios_vreemde_namen_en_kaart(klant, params):
    r = klant.get("/scenarios", params=params)
    assert r.status_code == 200 and "<script>x" not in r.text and "naam_5" not in r.text
    assert "x" * 61 not in r.text
