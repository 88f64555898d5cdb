"""The form-based editor for an afsprakenkader (/afspraken/nieuw, issue 15 item 5): the YAML it writes is
accepted by the real command line (`verdeelwijzer bereken FILE --format json`) with the same numbers as the
page shows; keys typed as "50" or "50 %" become exact shares; mistakes are named per field in Dutch."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import draai

from verdeelwijzer.afspraken.laden import lees_afspraken_tekst
from verdeelwijzer.afspraken.samenstellen import als_yaml, kader_uit_velden
from verdeelwijzer.voorbeelden import voorbeeldmap

INDICATOREN = [("inwoners", "Inwoners"), ("huishoudens", "Huishoudens"), ("mutaties", "Verhuringen")]
VELDEN = {
    "naam": "Proef Haaglanden", "regio": "woningmarktregio:Haaglanden", "start": "2027", "jaren": "2",
    "maximum_urgenten": "30 %", "statushouders": "24000; 22000", "categorieen": "2",
    "categorie1_naam": "medisch urgent", "categorie1_per_jaar": "300", "categorie1_w_inwoners": "50 %",
    "categorie1_w_mutaties": "50", "categorie1_mutatiegrens": "30",
    "categorie2_naam": "mantelzorg", "categorie2_aandeel_mutaties": "1,5", "categorie2_w_huishoudens": "100",
}


def _csrf(c) -> str:
    return c.get("/api/sessie").json()["csrf_token"]


def _post(c, actie: str, velden: dict[str, str] | None = None, files=None):
    return c.post("/afspraken/nieuw", data={**(velden or VELDEN), "csrf_token": _csrf(c), "actie": actie}, files=files)


def _pagina_totalen(tekst: str) -> dict[tuple[int, str], tuple[int, int, int]]:
    """(jaar, gemeentecode) → (urgenten, statushouders, totaal) as the totaalbeeld tables on the page show them."""
    uit = {}
    for tabel in re.findall(r'<table[^>]*id="totaalbeeld-\d+".*?</table>', tekst, re.S):
        jaar = int(re.search(r"— (\d{4})</caption>", tabel).group(1))
        for code, rij in re.findall(r'<tr data-code="(GM\d{4})">(.*?)</tr>', tabel, re.S):
            cellen = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", rij, re.S)]
            uit[(jaar, code)] = tuple(int(cellen[i].replace(".", "")) for i in (3, 4, 5))
    assert uit, "geen totaalbeeld op de pagina"
    return uit


def _cli_totalen(yaml_pad: Path) -> dict[tuple[int, str], tuple[int, int, int]]:
    import json

    uitkomst = json.loads(draai("bereken", str(yaml_pad), "--format", "json").stdout)
    return {(r["jaar"], r["gemeentecode"]): (r["urgenten"], r["statushouders"], r["totaal"])
            for r in uitkomst["tabellen"]["Totaalbeeld"]["rijen"] if r.get("gemeentecode")}


def test_editor_yaml_via_echte_cli_zelfde_getallen(lokaal, tmp_path) -> None:
    c = lokaal
    assert c.get("/afspraken/nieuw").status_code == 200
    download = _post(c, "download")
    assert download.status_code == 200 and "yaml" in download.headers["content-type"]
    pad = tmp_path / "proef.yaml"
    pad.write_bytes(download.content)
    pagina = _post(c, "doorrekenen")
    assert pagina.status_code == 200, pagina.text[:3000]
    assert _pagina_totalen(pagina.text) == _cli_totalen(pad)
    # The page offers the same agreement for download and for monitoring (sent back as text).
    assert 'name="tekst"' in pagina.text and "Proef Haaglanden" in pagina.text


def test_editor_met_herkomstbestand_geeft_zip_die_de_cli_accepteert(lokaal, tmp_path) -> None:
    c = lokaal
    herkomst = (voorbeeldmap() / "haaglanden" / "herkomst_medisch.csv").read_bytes()
    velden = {**VELDEN, "categorie1_herkomst_alpha": "80"}
    bestanden = {"categorie1_herkomst": ("herkomst.csv", herkomst, "text/csv")}
    download = _post(c, "download", velden, files=bestanden)
    assert download.status_code == 200 and download.headers["content-type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(download.content))
    z.extractall(tmp_path)
    yaml_tekst = (tmp_path / "afsprakenkader.yaml").read_text(encoding="utf-8")
    assert "herkomst:" in yaml_tekst and "alpha: 0.8" in yaml_tekst
    pagina = _post(c, "doorrekenen", velden, files=bestanden)
    assert pagina.status_code == 200, pagina.text[:3000]
    assert _pagina_totalen(pagina.text) == _cli_totalen(tmp_path / "afsprakenkader.yaml")
    # The same zip, uploaded on /afspraken, computes too.
    r = c.post("/afspraken", data={"csrf_token": _csrf(c)}, files={"bestand": ("proef.zip", download.content)})
    assert r.status_code == 200 and _pagina_totalen(r.text) == _pagina_totalen(pagina.text)


def test_fouten_per_veld_in_het_nederlands(lokaal) -> None:
    c = lokaal
    velden = {**VELDEN, "naam": "", "categorie1_w_mutaties": "40", "categorie2_per_jaar": "10",
              "categorie1_mutatiegrens": "130", "statushouders": "1; 2; 3"}
    r = _post(c, "controleren", velden)
    assert r.status_code == 422
    meldingen = re.findall(r'<li><a href="#e-([^"]+)">([^<]+)</a>', r.text)
    velden_met_fout = {v for v, _ in meldingen}
    assert {"naam", "categorie1_w_inwoners", "categorie2_per_jaar", "categorie1_mutatiegrens",
            "statushouders"} <= velden_met_fout, meldingen
    tekst = " ".join(m for _, m in meldingen).replace("&#39;", "'")
    assert "tellen op tot 90 %; verwacht samen 100 %" in tekst
    assert "precies één van beide" in tekst and "geen percentage tussen 0 en 100" in tekst
    assert 'aria-invalid="true"' in r.text
    # What was typed stays in the form.
    assert 'value="40"' in r.text


def test_categorie_toevoegen_en_geldig(lokaal) -> None:
    c = lokaal
    r = _post(c, "toevoegen")
    assert r.status_code == 200 and 'id="categorie-3"' in r.text and 'value="medisch urgent"' in r.text
    r = _post(c, "controleren")
    assert r.status_code == 200 and 'id="editorgeldig"' in r.text and 'id="editor-yaml"' in r.text


def test_aanvallen_op_het_formulier(lokaal) -> None:
    c = lokaal
    zonder_token = c.post("/afspraken/nieuw", data={**VELDEN, "actie": "download"})
    assert zonder_token.status_code == 403
    r = _post(c, "download", files={"categorie1_herkomst": ("x.py", b"print(1)", "text/plain")})
    assert r.status_code == 422 and "verwacht een CSV- of Excelbestand" in r.text
    r = _post(c, "download", {**VELDEN, "naam": "x: [1, 2]\nregio: /etc/passwd"})  # YAML in a text field
    assert r.status_code == 200
    kader = lees_afspraken_tekst(r.content.decode("utf-8"))
    assert kader.naam == "x: [1, 2]\nregio: /etc/passwd" and kader.regio == "woningmarktregio:Haaglanden"
    r = _post(c, "download", {**VELDEN, "categorie1_w_inwoners": "1e400"})
    assert r.status_code == 422
    r = _post(c, "onbekend")
    assert r.status_code == 200 and 'id="editorgeldig"' in r.text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=9999), min_size=0, max_size=2, unique=True))
def test_gewichten_in_procenten_worden_exacte_aandelen(sneden) -> None:
    """Any split of 100 % in hundredths (as typed, with a decimal comma) becomes shares summing to exactly 1."""
    grenzen = [0, *sorted(sneden), 10000]
    stukken = [b - a for a, b in zip(grenzen, grenzen[1:], strict=False)]
    velden = {**{k: v for k, v in VELDEN.items() if not k.startswith("categorie")}, "categorieen": "1",
              "categorie1_naam": "x", "categorie1_per_jaar": "10"}
    for (k, _), stuk in zip(INDICATOREN, stukken, strict=False):
        velden[f"categorie1_w_{k}"] = f"{stuk // 100},{stuk % 100:02d} %"
    s = kader_uit_velden(velden, INDICATOREN, {})
    assert s.kader is not None, s.fouten
    kader = lees_afspraken_tekst(als_yaml(s.kader))
    assert sum(kader.categorieen[0].sleutel.values(), Decimal(0)) == 1
    assert [kader.categorieen[0].sleutel[k] * 100 for k, _ in INDICATOREN[:len(stukken)]] == \
        [Decimal(stuk) / 100 for stuk in stukken]


def test_taal_in_elke_toestand(lokaal) -> None:
    """The editor's states (empty, errors, valid) speak the policy officer's language. (Its result is the
    /afspraken result view, checked with that page.)"""
    from .test_taal import overtredingen

    c = lokaal
    for r in (c.get("/afspraken/nieuw"), c.get("/afspraken/nieuw", params={"voorbeeld": "haaglanden.yaml"}),
              _post(c, "controleren", {**VELDEN, "naam": "", "categorie1_w_mutaties": "1"}),
              _post(c, "controleren", {**VELDEN, "besluit_naam": "Besluit", "besluit_datum": "2026-11-01"})):
        assert overtredingen(r.text) == [], r.request.url


def test_regio_als_pad_leest_geen_bestand(lokaal, tmp_path) -> None:
    geheim = tmp_path / "geheim.csv"
    geheim.write_text("gemeentenaam,aantal\nGEHEIM-hunter2,5\n", encoding="utf-8")
    for actie in ("doorrekenen", "controleren"):
        r = _post(lokaal, actie, {**VELDEN, "regio": str(geheim)})
        assert "hunter2" not in r.text
    assert _post(lokaal, "doorrekenen", {**VELDEN, "regio": str(geheim)}).status_code == 422


def test_beginnen_met_een_voorbeeld_geeft_dezelfde_getallen(lokaal) -> None:
    """The form filled from an example (without the parts it cannot hold) computes as the example does."""
    from verdeelwijzer.afspraken import laad_afspraken
    from verdeelwijzer.afspraken.samenstellen import velden_uit_kader

    c = lokaal
    r = c.get("/afspraken/nieuw", params={"voorbeeld": "haaglanden_zonder_herkomst.yaml"})
    assert r.status_code == 200 and 'id="editorweggelaten"' in r.text and "vereffening" in r.text
    velden, weg = velden_uit_kader(laad_afspraken(voorbeeldmap() / "haaglanden_zonder_herkomst.yaml").kader)
    assert weg == ["vereffening"]
    for naam, waarde in velden.items():
        if naam != "regio" and not naam.endswith(("_afronding", "_gelijk", "_ingroei_methode")):
            assert f'name="{naam}" value="{waarde}"' in r.text.replace("&#39;", "'"), naam
    assert 'value="woningmarktregio:Haaglanden" selected' in r.text
    velden["regio"] = "woningmarktregio:Haaglanden"
    eigen = _post(c, "doorrekenen", velden)
    assert eigen.status_code == 200, eigen.text[:2000]
    voorbeeld = c.get("/afspraken", params={"voorbeeld": "haaglanden_zonder_herkomst.yaml"})
    assert _pagina_totalen(eigen.text) == _pagina_totalen(voorbeeld.text)
    assert c.get("/afspraken/nieuw", params={"voorbeeld": "../../etc/passwd"}).status_code in (404, 422)
