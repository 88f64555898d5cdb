"""Entering pledges on /woonvormen: stored per afsprakenkader, laid over the file's pledges, proposal and
balance recomputed; own gemeente only for a gemeente user; bad input refused with the field named and nothing
stored; an adopted agreement (via /afspraken) selectable as kader."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from verdeelwijzer.web.beveiliging import CSRF_VELD

DORDRECHT = "GM0505"
ZWIJNDRECHT = "GM0642"
KADER = "voorbeeld:drechtsteden.yaml"


def _csrf(client, url: str = "/woonvormen") -> str:
    r = client.get(url)
    assert r.status_code == 200, r.text
    m = re.search(rf'name="{CSRF_VELD}" value="([^"]+)"', r.text)
    assert m, "geen CSRF-token in het formulier"
    return m.group(1)


def _velden(**extra: str) -> dict[str, str]:
    return {"kader": KADER, "gemeente": DORDRECHT, "woonvorm": "housing_first", "jaar": "", "aantal": "12",
            "capaciteit": "14", "toelichting": "", **extra}


def _opgeslagen(app) -> list:
    from verdeelwijzer.opslag.toezeggingen import lees_toezeggingen

    with app.state.koppeling.db.sessie() as s:
        return lees_toezeggingen(s, KADER)


def _balans(app) -> dict[str, object]:
    from verdeelwijzer.web.woonvormen_paginas import bereken_met, kies_kader

    class Verzoek:  # kies_kader only needs request.app for stored agreements
        pass

    v = Verzoek()
    v.app = app  # type: ignore[attr-defined]
    k = kies_kader(v, KADER)  # type: ignore[arg-type]
    w = bereken_met(k, [o.toezegging for o in _opgeslagen(app)])
    return {b.gemeentecode: b.balans for b in w.balans}


def test_toezegging_invoeren_rekent_opnieuw(lokaal, lokale_app) -> None:
    voor = _balans(lokale_app)
    token = _csrf(lokaal)
    r = lokaal.post("/woonvormen/toezegging", data={**_velden(aantal="14", toelichting="Extra locatie"),
                                                    CSRF_VELD: token})
    assert r.status_code == 200, r.text
    assert "Toezegging opgeslagen: Dordrecht, Housing First" in r.text
    assert "Extra locatie" in r.text  # the table of entered pledges
    opgeslagen = _opgeslagen(lokale_app)
    assert [(o.toezegging.gemeentecode, o.toezegging.woonvorm, o.toezegging.jaar, o.toezegging.aantal,
             o.toezegging.capaciteit) for o in opgeslagen] == [(DORDRECHT, "housing_first", None, 14, 14)]
    na = _balans(lokale_app)
    # Dordrecht pledged 4 more Housing First places every year (weight 1): its contribution rises by 12 over
    # three years, so its balance rises; the balance still sums to zero.
    assert na[DORDRECHT] > voor[DORDRECHT]
    assert sum(na.values()) == 0
    # The detail per gemeente reads the same stored pledge.
    d = lokaal.get(f"/woonvormen/gemeente/{DORDRECHT}", params={"kader": KADER})
    assert "Toezegging 14" in d.text
    # Entering it again changes nothing (and says so); altering replaces the row.
    r = lokaal.post("/woonvormen/toezegging", data={**_velden(aantal="14", toelichting="Extra locatie"),
                                                    CSRF_VELD: token})
    assert "niets gewijzigd" in r.text
    r = lokaal.post("/woonvormen/toezegging", data={**_velden(aantal="11"), CSRF_VELD: token})
    assert r.status_code == 200
    assert [o.toezegging.aantal for o in _opgeslagen(lokale_app)] == [11]


def test_audit_van_toezegging(lokaal, lokale_app) -> None:
    token = _csrf(lokaal)
    lokaal.post("/woonvormen/toezegging", data={**_velden(aantal="3", capaciteit="", gemeente=ZWIJNDRECHT,
                                                          woonvorm="skaeve_huse", jaar="2028"), CSRF_VELD: token})
    log = lokale_app.state.koppeling.auditlog()
    regel = next(a for a in log if a["actie"] == "toezegging woonvorm")
    assert "GM0642 skaeve_huse 2028" in regel["onderwerp"] and regel["wie"] == "lokaal"


@pytest.mark.parametrize(("velden", "veld"), [
    ({"aantal": "15", "capaciteit": "14"}, "toezegging"),  # pledge above capacity
    ({"aantal": "abc"}, "toezegging"),
    ({"aantal": "-1"}, "toezegging"),
    ({"aantal": "1,5"}, "toezegging"),
    ({"aantal": "999999999999999999999"}, "toezegging"),  # oversize
    ({"aantal": "100001", "capaciteit": ""}, "toezegging"),
    ({"aantal": ""}, "toezegging"),
    ({"capaciteit": "1e3"}, "capaciteit"),
    ({"woonvorm": "studentenwoning"}, "woonvorm"),
    ({"woonvorm": "<script>"}, "woonvorm"),
    ({"jaar": "2031"}, "jaar"),
    ({"jaar": "twee"}, "jaar"),
    ({"toelichting": "x" * 1001}, "toelichting"),
])
def test_foute_invoer_wordt_geweigerd(lokaal, lokale_app, velden, veld) -> None:
    token = _csrf(lokaal)
    r = lokaal.post("/woonvormen/toezegging", data={**_velden(**velden), CSRF_VELD: token})
    assert r.status_code == 422, r.text
    assert f"veld &#39;{veld}&#39;" in r.text or f"veld '{veld}'" in r.text
    assert "Er is niets opgeslagen" in r.text and "<script>" not in r.text
    assert _opgeslagen(lokale_app) == []


def test_gemeente_buiten_de_regio(lokaal, lokale_app) -> None:
    token = _csrf(lokaal)
    r = lokaal.post("/woonvormen/toezegging", data={**_velden(gemeente="GM0363"), CSRF_VELD: token})
    assert r.status_code == 422 and "veld &#39;gemeente&#39;" in r.text
    assert _opgeslagen(lokale_app) == []


def test_zonder_csrf_geweigerd(lokaal, lokale_app) -> None:
    r = lokaal.post("/woonvormen/toezegging", data=_velden())
    assert r.status_code == 403
    r = lokaal.post("/woonvormen/toezegging", data={**_velden(), CSRF_VELD: "vervalst"})
    assert r.status_code == 403
    assert _opgeslagen(lokale_app) == []


def test_onbekend_kader(lokaal) -> None:
    for kader in ("voorbeeld:../../etc/passwd", "voorbeeld:haaglanden.yaml", "afspraak:" + "0" * 64, "/etc/passwd"):
        assert lokaal.get("/woonvormen", params={"kader": kader}).status_code == 404
    token = _csrf(lokaal)
    r = lokaal.post("/woonvormen/toezegging", data={**_velden(kader="voorbeeld:../drechtsteden.yaml"),
                                                    CSRF_VELD: token})
    assert r.status_code == 404


def test_rollen(app_met_gebruikers, ingelogd) -> None:
    """A gemeente user (Delft, outside Drechtsteden) cannot enter a pledge for Dordrecht: 403, nothing stored;
    a reader gets no form and 403; an anonymous visitor is sent to the login."""
    app = app_met_gebruikers
    delft = ingelogd(app, "delft")
    r = delft.get("/woonvormen")
    assert r.status_code == 200 and 'id="toezeggingformulier"' not in r.text
    assert "hoort niet bij deze regio" in r.text
    r = delft.post("/woonvormen/toezegging", data={**_velden(), CSRF_VELD: delft.csrf})
    assert r.status_code == 403 and "eigen gemeente" in r.text and "Dordrecht" in r.text
    lezer = ingelogd(app, "lezer")
    assert 'id="toezeggingformulier"' not in lezer.get("/woonvormen").text
    assert lezer.post("/woonvormen/toezegging", data={**_velden(), CSRF_VELD: lezer.csrf}).status_code == 403
    anoniem = ingelogd(app, None)
    r = anoniem.post("/woonvormen/toezegging", data=_velden(), follow_redirects=False)
    assert r.status_code in (303, 401)
    assert _opgeslagen(app) == []


def test_gemeentegebruiker_eigen_gemeente(instellingen, tmp_path) -> None:
    """A Dordrecht user sees only Dordrecht in the form, may store Dordrecht and not Zwijndrecht."""
    from fastapi.testclient import TestClient

    from verdeelwijzer.web import maak_app

    app = maak_app(instellingen(tmp_path))
    try:
        app.state.koppeling.maak_gebruiker("test", "dordt", "geheim-wachtwoord-1", "gemeente", DORDRECHT)
        c = TestClient(app)
        r = c.post("/api/sessie", json={"gebruikersnaam": "dordt", "wachtwoord": "geheim-wachtwoord-1"})
        token = r.json()["csrf_token"]
        pagina = c.get("/woonvormen").text
        keuzes = re.search(r'<select id="t-gemeente" name="gemeente">(.*?)</select>', pagina, re.S).group(1)
        assert re.findall(r'value="(GM\d{4})"', keuzes) == [DORDRECHT]
        r = c.post("/woonvormen/toezegging", data={**_velden(gemeente=ZWIJNDRECHT), CSRF_VELD: token})
        assert r.status_code == 403 and "Zwijndrecht" in r.text
        assert _opgeslagen(app) == []
        r = c.post("/woonvormen/toezegging", data={**_velden(aantal="9", capaciteit="14"), CSRF_VELD: token})
        assert r.status_code == 200, r.text
        assert [(o.toezegging.gemeentecode, o.toezegging.aantal, o.door) for o in _opgeslagen(app)] == [
            (DORDRECHT, 9, "dordt")]
    finally:
        app.state.koppeling.sluit()


def test_vastgelegd_kader_kiezen(lokaal, lokale_app) -> None:
    """An agreement adopted on /afspraken with a woonvormen programme appears in the selector and computes from
    its stored text; its pledges are stored apart from the example's."""
    from verdeelwijzer.afspraken.laden import laad_afspraken
    from verdeelwijzer.voorbeelden import voorbeeldmap

    token = _csrf(lokaal)
    tekst = (voorbeeldmap() / "drechtsteden.yaml").read_text(encoding="utf-8")
    tekst = tekst.replace("naam: Woonvormenprogramma Drechtsteden 2027–2029 (voorbeeld)",
                          "naam: Drechtsteden eigen kader")
    assert laad_afspraken  # the upload goes through the same loader as /afspraken
    r = lokaal.post("/afspraken/vastleggen", data={"tekst": tekst, "naam": "eigen.yaml", CSRF_VELD: token})
    assert r.status_code == 200, r.text
    pagina = lokaal.get("/woonvormen").text
    m = re.search(r'<option value="(afspraak:[0-9a-f]{64})"[^>]*>([^<]*)</option>', pagina)
    assert m and "Drechtsteden eigen kader" in m.group(2)
    sleutel = m.group(1)
    r = lokaal.get("/woonvormen", params={"kader": sleutel})
    assert r.status_code == 200 and "Drechtsteden eigen kader" in r.text and "FICTIEF" in r.text
    r = lokaal.post("/woonvormen/toezegging", data={**_velden(kader=sleutel, aantal="13"), CSRF_VELD: token})
    assert r.status_code == 200, r.text
    assert _opgeslagen(lokale_app) == []  # the example's pledges are untouched
    assert "Toezegging 13" in lokaal.get(f"/woonvormen/gemeente/{DORDRECHT}", params={"kader": sleutel}).text
    assert "Toezegging 10" in lokaal.get(f"/woonvormen/gemeente/{DORDRECHT}", params={"kader": KADER}).text


def test_vervallen_toezegging_telt_niet_mee(lokaal, lokale_app) -> None:
    """A stored pledge for a woonvorm the kader no longer has (the example changed) is listed, not counted, and
    the page still computes."""
    from verdeelwijzer.opslag.toezeggingen import bewaar_toezegging
    from verdeelwijzer.woonvormen.model import Toezegging

    with lokale_app.state.koppeling.db.sessie(schrijven=True) as s:
        bewaar_toezegging(s, KADER, Toezegging(DORDRECHT, "studentenwoning", None, 3, None), None, door="test")
    r = lokaal.get("/woonvormen")
    assert r.status_code == 200 and "passen niet meer bij het afsprakenkader" in r.text
    assert "Dordrecht, studentenwoning, elk jaar: 3" in r.text


def test_api(lokaal, lokale_app) -> None:
    kaders = lokaal.get("/api/woonvormen/kaders").json()["kaders"]
    assert {"kader": KADER, "naam": "Voorbeeld drechtsteden.yaml (meegeleverd)"} in kaders
    invoer = {"gemeente": DORDRECHT, "woonvorm": "housing_first", "aantal": 13, "capaciteit": 14}
    assert lokaal.post("/api/woonvormen/toezegging", json=invoer).status_code == 403  # no CSRF header
    token = lokaal.get("/api/sessie").json()["csrf_token"]
    kop = {"X-CSRF-Token": token}
    r = lokaal.post("/api/woonvormen/toezegging", json={**invoer, "aantal": 15}, headers=kop)
    assert r.status_code == 422 and "veld 'toezegging': 15 is meer dan de opgegeven capaciteit 14" in r.json()["detail"]
    r = lokaal.post("/api/woonvormen/toezegging", json={**invoer, "extra": 1}, headers=kop)
    assert r.status_code == 422
    assert _opgeslagen(lokale_app) == []
    r = lokaal.post("/api/woonvormen/toezegging", json=invoer, headers=kop)
    assert r.status_code == 200, r.text
    hf = [v for v in r.json()["woonvormen"]["voorstel"] if v["gemeentecode"] == DORDRECHT
          and v["woonvorm"] == "housing_first"]
    assert [v["toezegging"] for v in hf] == [13, 13, 13] and all(v["minimum"] >= 13 for v in hf)
    b = lokaal.get("/api/woonvormen/berekening").json()
    assert b["toezeggingen_ingevoerd"][0]["aantal"] == 13
    assert sum(Fraction(x["balans_exact"]) for x in b["woonvormen"]["balans"]) == 0


def test_api_gemeentegebruiker(app_met_gebruikers, ingelogd) -> None:
    delft = ingelogd(app_met_gebruikers, "delft")
    r = delft.post("/api/woonvormen/toezegging", json={"gemeente": DORDRECHT, "woonvorm": "housing_first",
                                                        "aantal": 1})
    assert r.status_code == 403 and "eigen gemeente" in r.json()["detail"]
    assert ingelogd(app_met_gebruikers, None).get("/api/woonvormen/kaders").status_code == 401
