"""Transport (issue 15, item 8, first part): pages are sent gzip-compressed when the browser asks for it,
and static files carry cache headers (vendored, versioned files as immutable)."""

from __future__ import annotations


def test_pagina_gecomprimeerd(lokaal) -> None:
    r = lokaal.get("/verdeling", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers.get("content-encoding") == "gzip"
    assert "<html" in r.text  # the client decompresses: same page
    zonder = lokaal.get("/verdeling", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in zonder.headers and zonder.text == r.text


def test_statische_bestanden_met_cachekoppen(lokaal) -> None:
    eigen = lokaal.get("/static/css/verdeelwijzer.css")
    assert eigen.status_code == 200 and "max-age=3600" in eigen.headers["cache-control"]
    assert eigen.headers.get("etag")
    vendor = lokaal.get("/static/vendor/htmx-2.0.11.min.js")
    assert vendor.status_code == 200 and "immutable" in vendor.headers["cache-control"]


# -- item 8, second part: computed results cached by validated request; "are there users" cached ---------------

VERZOEK = {"regio": "woningmarktregio:Haaglanden", "totaal": 300, "gewichten": {"huishoudens": 50, "mutaties": 50},
           "mutatiegrens": 30}


def test_rekencache_begrensd_en_uit_te_zetten() -> None:
    from verdeelwijzer.web.rekencache import Rekencache

    c = Rekencache(2)
    berekend: list[int] = []

    def maak(n: int):
        return lambda: berekend.append(n) or n

    assert [c.haal(1, maak(1)), c.haal(2, maak(2)), c.haal(1, maak(1))] == [1, 2, 1]
    assert berekend == [1, 2]  # the second 1 came from the cache
    c.haal(3, maak(3))  # 2 was least recently used: out
    c.haal(2, maak(2))
    assert berekend == [1, 2, 3, 2] and len(c._items) == 2
    uit = Rekencache(0)
    uit.haal(1, maak(1))
    uit.haal(1, maak(1))
    assert berekend[-2:] == [1, 1] and not uit._items


def test_zelfde_verzoek_wordt_een_keer_berekend(lokaal) -> None:
    cache, antwoorden = lokaal.app.state.rekencache, lokaal.app.state.paginacache
    eerst = lokaal.post("/api/verdeling", json=VERZOEK)
    assert cache.missers == 1 and antwoorden.missers == 1
    # the JSON again, an explanation and the page of the same settings: no second computation
    tweede = lokaal.post("/api/verdeling", json=VERZOEK)
    assert tweede.json() == eerst.json() and antwoorden.treffers == 1
    query = "regio=woningmarktregio:Haaglanden&totaal=300&gewicht_huishoudens=50&gewicht_mutaties=50&mutatiegrens=30"
    uitleg = lokaal.get("/verdeling/uitleg/GM0503?" + query)
    pagina = lokaal.get("/verdeling?" + query)
    assert uitleg.status_code == pagina.status_code == 200 and "Delft" in uitleg.text
    assert cache.missers == 1 and cache.treffers == 2
    # the page's result block is the same HTML as the fragment htmx asks for
    fragment = lokaal.get("/verdeling?" + query, headers={"HX-Request": "true", "HX-Target": "uitkomst"})
    assert fragment.text in pagina.text and 'id="verdeeltabel"' in fragment.text
    anders = lokaal.post("/api/verdeling", json={**VERZOEK, "totaal": 301})
    assert anders.json()["totaal"] == 301 and cache.missers == 2


def test_nieuwe_gegevens_maken_oude_uitkomsten_onbereikbaar(lokaal) -> None:
    toestand = lokaal.app.state.toestand
    lokaal.post("/api/verdeling", json=VERZOEK)
    generatie, missers = toestand.generatie, lokaal.app.state.rekencache.missers
    toestand._laad()  # what an upload or removal of an override file does
    assert toestand.generatie == generatie + 1
    lokaal.post("/api/verdeling", json=VERZOEK)
    assert lokaal.app.state.rekencache.missers == missers + 1


def test_of_er_gebruikers_zijn_wordt_niet_elk_verzoek_gevraagd(lokale_app, monkeypatch) -> None:
    koppeling = lokale_app.state.koppeling
    vragen: list[int] = []
    echte_sessie = koppeling.db.sessie

    def tel_sessie(*a, **k):
        vragen.append(1)
        return echte_sessie(*a, **k)

    monkeypatch.setattr(koppeling.db, "sessie", tel_sessie)
    # "No users" is asked every time: a first user made by the CLI must end the local mode at the next request.
    assert koppeling.er_zijn_gebruikers() is False
    koppeling.er_zijn_gebruikers()
    assert len(vragen) == 2
    koppeling.maak_gebruiker("test", "anna", "een-lang-wachtwoord-31", "regio-beheerder", None)
    assert koppeling.er_zijn_gebruikers() is True  # made through this app: at once
    gevraagd = len(vragen)
    for _ in range(20):  # a server with accounts asks nothing per request
        assert koppeling.er_zijn_gebruikers() is True
    assert len(vragen) == gevraagd


def test_eerste_gebruiker_van_buiten_beeindigt_lokale_modus_direct(lokale_app, lokaal) -> None:
    """A first administrator made by another process (the CLI) ends local mode at the very next request."""
    assert lokaal.get("/gebruikers").status_code == 200  # local mode: everyone is beheerder
    andere = type(lokale_app.state.koppeling)(lokale_app.state.koppeling.db_url)  # as the CLI would
    andere.maak_gebruiker("test", "bram", "een-lang-wachtwoord-32", "regio-beheerder", None)
    r = lokaal.get("/gebruikers", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/inloggen")


def test_beveiligingskoppen_op_elk_antwoord(lokaal) -> None:
    """CSP and friends on pages, JSON, static files and errors alike; htmx fragments vary on HX-Request."""
    for pad in ("/", "/api/versie", "/static/css/verdeelwijzer.css", "/bestaat-niet"):
        r = lokaal.get(pad)
        assert "script-src 'self'" in r.headers["content-security-policy"], pad
        assert r.headers["x-content-type-options"] == "nosniff", pad
        assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "same-origin", pad
    fragment = lokaal.get("/verdeling?regio=woningmarktregio%3AHaaglanden&totaal=30&gewicht_inwoners=100",
                          headers={"HX-Request": "true", "HX-Target": "uitkomst"})
    assert "HX-Request" in fragment.headers["vary"]
    assert len(fragment.headers.get_list("content-security-policy")) == 1
