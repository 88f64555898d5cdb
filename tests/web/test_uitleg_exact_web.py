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
