"""The web's number fields go through the bounded conversion: '1e10000000' as a weight or mutatiegrens is a
Dutch 422 in well under a second of CPU (it took 11 s of CPU under the GIL before)."""

from __future__ import annotations

import resource

import pytest


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


BASIS = {"regio": "woningmarktregio:Haaglanden", "totaal": 300, "methode": "sainte-lague"}


@pytest.mark.parametrize("veld", [{"gewichten": {"huishoudens": "1e10000000"}},
                                  {"gewichten": {"huishoudens": 100}, "mutatiegrens": "1e-10000000"},
                                  {"gewichten": {"huishoudens": 1e308}}])
def test_reusachtig_getal_in_api_geeft_422(lokaal, veld):
    begin = cpu()
    r = lokaal.post("/api/verdeling", json={**BASIS, **veld})
    assert cpu() - begin < 2
    assert r.status_code == 422, r.text
    assert "getal te groot of te lang" in r.text
