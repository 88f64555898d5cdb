"""Downloading the documents from the afspraken page: API client and a real browser (Playwright + Chromium)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from tests.conftest import REPO  # noqa: E402
from tests.documenten.hulp import docx_tabellen, draai, pdf_paginas, plat  # noqa: E402

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


def test_browser_download_per_gemeente_en_zip(pagina, live_lokaal) -> None:
    from pypdf import PdfReader

    pagina.goto(live_lokaal.url + "/afspraken")
    pagina.select_option("#a-voorbeeld", "haaglanden.yaml")
    pagina.get_by_role("button", name="Doorrekenen", exact=True).click()
    pagina.select_option("#documenten-gemeente", "GM0603")
    pagina.select_option("#documenten-formaat", "pdf")
    with pagina.expect_download(timeout=60000) as info:
        pagina.locator("#download-documenten").click()
    download = info.value
    assert download.suggested_filename == "GM0603-rijswijk-zh.pdf"
    lezer = PdfReader(download.path())
    assert "Rijswijk (ZH.)" in lezer.pages[0].extract_text()

    pagina.select_option("#documenten-gemeente", "alle")
    with pagina.expect_download(timeout=120000) as info:
        pagina.locator("#download-documenten").click()
    download = info.value
    assert download.suggested_filename == "documenten.zip"
    with zipfile.ZipFile(download.path()) as z:
        namen = sorted(z.namelist())
        assert len(namen) == 9 * 2 + 2 and "regio.docx" in namen
        kop = docx_tabellen(z.read("GM0603-rijswijk-zh.docx"))[0][0]
        assert kop[0] == "segment"
        assert io.BytesIO(z.read("regio.pdf")).read(4) == b"%PDF"
