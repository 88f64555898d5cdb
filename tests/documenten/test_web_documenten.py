"""Downloading the documents from the afspraken page (API client; the browser test is in
tests/web/test_browser_documenten.py, next to the browser fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from tests.conftest import REPO  # noqa: E402
from tests.documenten.hulp import draai, pdf_paginas, plat  # noqa: E402

ZONDER_BESTANDEN = """naam: Testafspraak zonder bestanden
fictief: true
regio: Haaglanden
periode: {start: 2027, jaren: 2}
aandeel_urgenten: {maximum: 0.30}
categorieen:
  - naam: medisch urgent
    totaal: {per_jaar: 120}
    sleutel: {mutaties: 1}
"""


def _csrf(c) -> str:
    return c.get("/api/sessie").json()["csrf_token"]


def test_download_gemeente_gelijk_aan_opdrachtregel(lokaal, tmp_path: Path) -> None:
    r = lokaal.get("/download/documenten", params={"voorbeeld": "haaglanden.yaml", "gemeente": "GM0503",
                                                    "formaat": "docx"})
    assert r.status_code == 200
    assert r.headers["content-disposition"] == 'attachment; filename="GM0503-delft.docx"'
    draai("documenten", str(REPO / "voorbeelden" / "haaglanden.yaml"), "--uit", str(tmp_path), "--gemeente", "Delft",
          "--formaat", "docx")
    assert r.content == (tmp_path / "GM0503-delft.docx").read_bytes()


def test_download_fouten(lokaal) -> None:
    r = lokaal.get("/download/documenten", params={"voorbeeld": "haaglanden.yaml", "gemeente": "Leiden"})
    assert r.status_code == 422 and "hoort niet bij de regio Haaglanden" in r.text
    r = lokaal.get("/download/documenten", params={"voorbeeld": "haaglanden.yaml", "gemeente": "regio",
                                                    "formaat": "odt"})
    assert r.status_code == 404
    r = lokaal.post("/download/documenten", data={"tekst": ZONDER_BESTANDEN, "naam": "t.yaml"})
    assert r.status_code == 403  # no CSRF token


def test_download_geupload_regiodocument(lokaal) -> None:
    r = lokaal.post("/download/documenten", data={"csrf_token": _csrf(lokaal), "tekst": ZONDER_BESTANDEN,
                                                   "naam": "test.yaml", "gemeente": "regio", "formaat": "pdf"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    tekst = plat(" ".join(pdf_paginas(r.content)))
    assert "Regionaal besluitdocument — Haaglanden" in tekst and "medisch urgent" in tekst
    bereken = lokaal.post("/api/afspraken/bereken", json={"tekst": ZONDER_BESTANDEN}).json()
    totaal = bereken["tabellen"]["medisch urgent"]["rijen"][-1]["totaal"]
    assert f"medisch urgent: {totaal} huishoudens over de periode" in tekst


def test_geupload_kader_toont_downloadformulier(lokaal) -> None:
    r = lokaal.post("/afspraken", data={"csrf_token": _csrf(lokaal), "tekst": ZONDER_BESTANDEN, "naam": "eigen.yaml"})
    assert r.status_code == 200
    assert 'action="/download/documenten"' in r.text and 'id="documentenformulier"' in r.text
    assert '<form method="post" action="/download/documenten"' in r.text  # the YAML text goes back with it
    blok = r.text[r.text.index('id="documentenformulier"'):]
    assert 'name="tekst"' in blok[:blok.index("</form>")]
