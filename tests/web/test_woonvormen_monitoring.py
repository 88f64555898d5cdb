"""Balance over time on /woonvormen: the shipped FICTIEF example, an uploaded file (only computed, nothing
stored), and the attacks on the upload route (no CSRF, wrong type, bad cells, a server path as name)."""

from __future__ import annotations

import re

from verdeelwijzer.web.beveiliging import CSRF_VELD

KADER = "voorbeeld:drechtsteden.yaml"
GOED = b"gemeentenaam,woonvorm,jaar,aantal\nDordrecht,housing_first,2027,9\nZwijndrecht,skaeve_huse,2028,2\n"


def _csrf(client) -> str:
    return re.search(rf'name="{CSRF_VELD}" value="([^"]+)"', client.get("/woonvormen").text).group(1)


def test_voorbeeld(lokaal) -> None:
    r = lokaal.get("/woonvormen/monitoring")
    assert r.status_code == 200
    assert 'id="tijdtabel-1"' in r.text and "gerealiseerd_drechtsteden.csv (FICTIEF)" in r.text
    assert "Balans over alle groepen per jaar" in r.text
    assert lokaal.get("/download/woonvormen-gerealiseerd-voorbeeld.csv").text.startswith("gemeentenaam,woonvorm")
    assert lokaal.get("/woonvormen/monitoring", params={"kader": "afspraak:" + "1" * 64}).status_code == 404


def test_upload(lokaal, lokale_app) -> None:
    token = _csrf(lokaal)
    r = lokaal.post("/woonvormen/monitoring", data={"kader": KADER, CSRF_VELD: token},
                    files={"bestand": ("mijn cijfers.csv", GOED, "text/csv")})
    assert r.status_code == 200, r.text
    assert "ingelezen bestand mijn_cijfers.csv" in r.text and 'id="tijdtabel-1"' in r.text
    tabel = re.search(r'id="tijdtabel-1">(.*?)</table>', r.text, re.S).group(1)
    assert "2028" in tabel and "2029" not in tabel  # years without figures are not shown as zero
    # nothing stored: no pledge, no audit entry
    assert not any("gerealiseerd" in a["onderwerp"] for a in lokale_app.state.koppeling.auditlog())


def test_aanvallen(lokaal) -> None:
    r = lokaal.post("/woonvormen/monitoring", data={"kader": KADER}, files={"bestand": ("g.csv", GOED)})
    assert r.status_code == 403
    token = _csrf(lokaal)
    r = lokaal.post("/woonvormen/monitoring", data={"kader": KADER, CSRF_VELD: token},
                    files={"bestand": ("g.exe", b"MZ\x00\x00")})
    assert r.status_code == 422 and "onbekend bestandstype" in r.text
    r = lokaal.post("/woonvormen/monitoring", data={"kader": KADER, CSRF_VELD: token},
                    files={"bestand": ("../../etc/passwd.csv", b"gemeentenaam,woonvorm,jaar,aantal\n"
                                       b"Dordrecht,housing_first,2027,=1+1\nDordrecht,kamer,1999,1\n")})
    assert r.status_code == 422
    fout = re.search(r'id="monitoringfout"><pre>(.*?)</pre>', r.text, re.S).group(1)
    assert "kolom &#39;aantal&#39;" in fout and "kolom &#39;woonvorm&#39;" in fout and "kolom &#39;jaar&#39;" in fout
    assert "/tmp" not in fout and "verdeelwijzer-gerealiseerd-" not in fout and "passwd.csv" in fout
    r = lokaal.post("/woonvormen/monitoring", data={"kader": "voorbeeld:../../x", CSRF_VELD: token},
                    files={"bestand": ("g.csv", GOED)})
    assert r.status_code == 404


def test_verzoekgrootte_begrensd(tmp_path, instellingen) -> None:
    """The upload and the pledge form have a size bound before anything is read or anyone authenticated."""
    from fastapi.testclient import TestClient

    from verdeelwijzer.web import maak_app

    app = maak_app(instellingen(tmp_path, max_verzoek=4096, max_upload=64 * 1024))
    try:
        c = TestClient(app)
        groot = b"gemeentenaam,woonvorm,jaar,aantal\n" + b"Dordrecht,housing_first,2027,1\n" * 5000
        assert c.post("/woonvormen/monitoring", files={"bestand": ("g.csv", groot)}).status_code == 413
        r = c.post("/woonvormen/toezegging", data={"kader": KADER, "toelichting": "x" * 5000})
        assert r.status_code == 413
        # a file within the bound but full of bad rows: a bounded list of errors, no 500
        token = _csrf(c)
        slecht = b"gemeentenaam,woonvorm,jaar,aantal\n" + b"Dordrecht,kamer,1999,x\n" * 1500
        r = c.post("/woonvormen/monitoring", data={"kader": KADER, CSRF_VELD: token},
                   files={"bestand": ("s.csv", slecht)})
        assert r.status_code == 422 and "en nog" in r.text
    finally:
        app.state.koppeling.sluit()


def _realisaties(app) -> list:
    from verdeelwijzer.opslag.toezeggingen import lees_realisaties

    with app.state.koppeling.db.sessie() as s:
        return lees_realisaties(s, KADER)


def test_opslaan_en_later_tonen(lokaal, lokale_app) -> None:
    token = _csrf(lokaal)
    r = lokaal.post("/woonvormen/monitoring", data={"kader": KADER, "actie": "opslaan", CSRF_VELD: token},
                    files={"bestand": ("g.csv", GOED)})
    assert r.status_code == 200, r.text
    assert "2 regels ingelezen, 2 cellen nieuw of gewijzigd en opgeslagen" in r.text
    assert [(x.gemeentecode, x.woonvorm, x.jaar, x.aantal) for x in _realisaties(lokale_app)] == [
        ("GM0505", "housing_first", 2027, 9), ("GM0642", "skaeve_huse", 2028, 2)]
    # a second import replaces only its own cells; the page shows the stored balance over time by itself
    r = lokaal.post("/woonvormen/monitoring", data={"kader": KADER, "actie": "opslaan", CSRF_VELD: token},
                    files={"bestand": ("h.csv", b"gemeentenaam,woonvorm,jaar,aantal\n"
                                                b"Dordrecht,housing_first,2027,11\n")})
    assert "1 cellen nieuw of gewijzigd" in r.text
    assert [x.aantal for x in _realisaties(lokale_app)] == [11, 2]
    pagina = lokaal.get("/woonvormen").text
    assert 'id="tijdtabel-1"' in pagina and "opgeslagen gerealiseerde plekken" in pagina
    audit = [a for a in lokale_app.state.koppeling.auditlog() if a["actie"] == "gerealiseerd woonvormen"]
    assert len(audit) == 2 and "GM0505 housing_first 2027" in str(audit[0]["oud"])
    # a bad file stores nothing
    r = lokaal.post("/woonvormen/monitoring", data={"kader": KADER, "actie": "opslaan", CSRF_VELD: token},
                    files={"bestand": ("s.csv", b"gemeentenaam,woonvorm,jaar,aantal\nDordrecht,housing_first,2027,5\n"
                                                b"Dordrecht,kamer,2027,1\n")})
    assert r.status_code == 422 and [x.aantal for x in _realisaties(lokale_app)] == [11, 2]


def test_opslaan_alleen_eigen_gemeente(app_met_gebruikers, ingelogd) -> None:
    app = app_met_gebruikers
    delft = ingelogd(app, "delft")
    r = delft.post("/woonvormen/monitoring", data={"kader": KADER, "actie": "opslaan", CSRF_VELD: delft.csrf},
                   files={"bestand": ("g.csv", GOED)})
    assert r.status_code == 403 and "Dordrecht" in r.text and "niets opgeslagen" in r.text
    lezer = ingelogd(app, "lezer")
    r = lezer.post("/woonvormen/monitoring", data={"kader": KADER, "actie": "opslaan", CSRF_VELD: lezer.csrf},
                   files={"bestand": ("g.csv", GOED)})
    assert r.status_code == 403
    assert 'value="opslaan"' not in lezer.get("/woonvormen").text
    r = lezer.post("/woonvormen/monitoring", data={"kader": KADER, "actie": "rekenen", CSRF_VELD: lezer.csrf},
                   files={"bestand": ("g.csv", GOED)})
    assert r.status_code == 200 and 'id="tijdtabel-1"' in r.text
    assert _realisaties(app) == []
