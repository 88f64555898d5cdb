"""CSV downloads for Dutch Excel (issue 15, item 6): every core table a page offers as CSV is
semicolon-separated, with a decimal comma, UTF-8 with BOM, readable Dutch headers (no column ids) and
formula-neutralised cells."""

from __future__ import annotations

import csv
import io
import re

import pytest

SNAKE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")
PUNT_DECIMAAL = re.compile(r"^-?\d+\.\d+$")
DUIZENDTAL = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")  # 405.000: a Dutch thousands separator
FORMULE = re.compile(r"^[=+@\t\r]")

DOWNLOADS = {
    "verdeling": ("get", "/download/verdeling.csv?regio=woningmarktregio:Haaglanden&totaal=300&gewicht_huishoudens=50"
                         "&gewicht_mutaties=50&mutatiegrens=30"),
    "scenarios": ("get", "/download/scenarios.csv?regio=woningmarktregio:Haaglanden&totaal=300"),
    "gemeenten": ("get", "/download/gemeenten.csv?regio=woningmarktregio:Haaglanden"),
    "regels": ("get", "/download/regels.csv"),
    "betaalbaarheid": ("get", "/download/betaalbaarheid.csv?voorbeeld=haaglanden"),
    "monitoring": ("get", "/download/monitoring.csv?regio=Haaglanden"),
    "opgave": ("post", "/download/opgave.csv"),
}


def controleer_csv(inhoud: bytes) -> list[list[str]]:
    assert inhoud.startswith(b"\xef\xbb\xbf"), "geen BOM: Excel toont accenten verkeerd"
    tekst = inhoud.decode("utf-8-sig")
    kop = tekst.splitlines()[0]
    assert ";" in kop, kop
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert len(rijen) >= 2
    fout = [k for k in rijen[0] if SNAKE.match(k)]
    assert not fout, f"kolomnamen in plaats van leesbare koppen: {fout}"
    for rij in rijen[1:]:
        for cel in rij:
            assert not PUNT_DECIMAAL.match(cel) or DUIZENDTAL.match(cel), f"decimale punt: {cel!r} in {rij}"
            assert not FORMULE.match(cel), f"formule niet geneutraliseerd: {cel!r}"
    return rijen


def test_detector() -> None:
    goed = "\ufeffGemeente;Aandeel\r\nDelft;12,5\r\n".encode()
    assert controleer_csv(goed)[1] == ["Delft", "12,5"]
    for slecht in (b"Gemeente,Aandeel\r\nDelft,12.5\r\n", "\ufeffgemeente_naam;x\r\nA;1\r\n".encode(),
                   "\ufeffGemeente;x\r\nA;12.5\r\n".encode(), "\ufeffGemeente;x\r\n=1+1;2\r\n".encode()):
        with pytest.raises(AssertionError):
            controleer_csv(slecht)


@pytest.mark.parametrize("naam", DOWNLOADS)
def test_csv_voor_nederlandse_excel(klanten, naam: str) -> None:
    c = klanten["beheerder"]
    methode, url = DOWNLOADS[naam]
    if methode == "get":
        r = c.get(url)
    else:
        c.get("/opgave")
        token = c.cookies  # the CSRF token is in the session; take it from the page
        pagina = c.get("/opgave?voorbeeld=gmr").text
        m = re.search(r'name="csrf_token" value="([^"]+)"', pagina)
        assert m and token is not None
        r = c.post(url, data={"csrf_token": m[1], "voorbeeld": "gmr"})
    assert r.status_code == 200, r.text[:400]
    assert r.headers["content-type"].startswith("text/csv")
    controleer_csv(r.content)
