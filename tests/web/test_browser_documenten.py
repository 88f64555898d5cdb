"""Browser test (Playwright + Debian's Chromium) for issue 14: download the bouwstenen for one gemeente and
the zip with all documents from the afspraken page, and read them back."""

from __future__ import annotations

import io
import zipfile

import pytest

pytest.importorskip("playwright.sync_api", reason="Browsertests overgeslagen: pip install playwright.")


def test_browser_download_per_gemeente_en_zip(pagina, live_lokaal) -> None:
    from pypdf import PdfReader
    from tests.documenten.hulp import docx_tabellen

    pagina.goto(live_lokaal.url + "/afspraken")
    pagina.select_option("#a-voorbeeld", "haaglanden.yaml")
    pagina.get_by_role("button", name="Doorrekenen", exact=True).click()
    pagina.select_option("#documenten-gemeente", "GM0603")
    pagina.select_option("#documenten-formaat", "pdf")
    with pagina.expect_download(timeout=60000) as info:
        pagina.locator("#download-documenten").click(timeout=120000)
    download = info.value
    assert download.suggested_filename == "GM0603-rijswijk-zh.pdf"
    lezer = PdfReader(download.path())
    assert "Rijswijk (ZH.)" in lezer.pages[0].extract_text()

    pagina.select_option("#documenten-gemeente", "alle")
    with pagina.expect_download(timeout=120000) as info:
        pagina.locator("#download-documenten").click(timeout=120000)
    download = info.value
    assert download.suggested_filename == "documenten.zip"
    with zipfile.ZipFile(download.path()) as z:
        namen = sorted(z.namelist())
        assert len(namen) == 9 * 2 + 2 and "regio.docx" in namen
        kop = docx_tabellen(z.read("GM0603-rijswijk-zh.docx"))[0][0]
        assert kop[0] == "segment"
        assert io.BytesIO(z.read("regio.pdf")).read(4) == b"%PDF"
