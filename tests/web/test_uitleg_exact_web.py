"""Pages show explanations in rounded words; exact fractions only behind the 'exact' detail."""

from __future__ import annotations

import re


def test_pagina_afspraken_toont_geen_breuken(lokaal) -> None:
    html = lokaal.get("/afspraken?voorbeeld=haaglanden.yaml").text
    assert "Rijswijk" in html and "(exact " not in html


def test_verdeling_uitleg_exact_alleen_in_detail(lokaal) -> None:
    q = ("regio=woningmarktregio%3AHaaglanden&totaal=300&gewicht_inwoners=100&gemeente=GM0503")
    html = lokaal.get(f"/verdeling?{q}").text
    hoofd = re.search(r'<pre class="uitlegtekst">(.*?)</pre>', html, re.S)
    assert hoofd and "Delft" in hoofd.group(1) and "(exact " not in hoofd.group(1)


def test_geen_uitleg_alleen_bij_zweven(lokaal) -> None:
    """No explanation lives only in a hover `title` attribute (unreachable by keyboard and touch); sources stand
    in the footnotes. SVG <title> elements (with an aria-label beside them) are not attributes and may stay."""
    q = "regio=woningmarktregio%3AHaaglanden&totaal=300&gewicht_huishoudens=50&gewicht_mutaties=50&mutatiegrens=30"
    for pad in (f"/verdeling?{q}", f"/verdeling?{q}&kolommen=meer", "/scenarios", "/", "/monitoring", "/woonvormen",
                "/afspraken?voorbeeld=haaglanden.yaml", "/regels", "/opgave", "/betaalbaarheid"):
        html = lokaal.get(pad).text
        assert not re.search(r"<[a-z][^>]*\stitle=\"", html), (pad, re.search(r".{80}\stitle=\".{60}", html))


def test_api_validatie_in_het_nederlands(lokaal) -> None:
    """Pydantic's English messages never reach the user: a known error in words, an unknown one by its kind."""
    r = lokaal.post("/api/verdeling", content=b'{"regio": "woningmarktregio:Haaglanden", "totaal": 1e999999, '
                                              b'"gewichten": {"inwoners": 100}}',
                    headers={"content-type": "application/json"})
    assert r.status_code == 422
    [f] = r.json()["detail"]
    assert f["veld"] == "totaal" and "eindig getal" in f["melding"] and "Input should" not in f["melding"]
