"""`verdeelwijzer documenten`: every DOCX and PDF read back and checked against `bereken --format json`."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import REPO
from tests.documenten.hulp import docx_tabellen, docx_tekst, draai, getal, pagina_als_png, pdf_paginas, plat

from verdeelwijzer.documenten.model import GEREGELD, IN_TE_VULLEN
from verdeelwijzer.documenten.opbouw import bestandsnaam

HAAGLANDEN = REPO / "voorbeelden" / "haaglanden.yaml"


@pytest.fixture(scope="module")
def uitvoer(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The real command line, once: all documents for Haaglanden, and the JSON of `bereken`."""
    uit = tmp_path_factory.mktemp("docs") / "docs-haaglanden"
    draai("documenten", str(HAAGLANDEN), "--uit", str(uit))
    resultaat = json.loads(draai("bereken", str(HAAGLANDEN), "--format", "json").stdout)
    return uit, resultaat


def _namen(resultaat: dict) -> dict[str, str]:
    return {r["gemeentecode"]: r["gemeentenaam"] for r in resultaat["tabellen"]["Totaalbeeld"]["rijen"]}


def _nl(n: int) -> str:
    """Dutch thousands separator, independent of the code under test."""
    return f"{n:,}".replace(",", ".")


def _iso_als_woorden(tekst: str) -> str:
    """'2024-01-01' → '1 januari 2024', written independently of the code under test."""
    import re

    maanden = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
               "november", "december"]
    return re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", lambda m: f"{int(m[3])} {maanden[int(m[2]) - 1]} {m[1]}", tekst)


def _tabel(tabellen: list[list[list[str]]], kop: list[str]) -> list[list[str]]:
    [t] = [t for t in tabellen if t[0] == kop]
    return t


def test_alle_bestanden_en_zip(uitvoer: tuple[Path, dict]) -> None:
    uit, resultaat = uitvoer
    namen = _namen(resultaat)
    verwacht = {f"{bestandsnaam(c, n)}.{f}" for c, n in namen.items() for f in ("pdf", "docx")}
    verwacht |= {"regio.pdf", "regio.docx", "documenten.zip"}
    assert len(namen) == 9
    assert {p.name for p in uit.iterdir()} == verwacht  # no temporary folder left behind
    with zipfile.ZipFile(uit / "documenten.zip") as z:
        assert sorted(z.namelist()) == sorted(verwacht - {"documenten.zip"})
        for naam in z.namelist():
            assert z.read(naam) == (uit / naam).read_bytes()


def test_docx_aantallen_per_gemeente_gelijk_aan_bereken(uitvoer: tuple[Path, dict]) -> None:
    uit, resultaat = uitvoer
    jaren = resultaat["jaren"]
    for code, naam in _namen(resultaat).items():
        tabellen = docx_tabellen(uit / f"{bestandsnaam(code, naam)}.docx")
        t = _tabel(tabellen, ["categorie", *map(str, jaren), "totaal periode"])
        rijen = {r[0]: r[1:] for r in t[1:]}
        for cat in resultaat["categorieen"]:
            [json_rij] = [r for r in resultaat["tabellen"][cat[:31]]["rijen"] if r.get("gemeentecode") == code]
            assert [getal(v) for v in rijen[cat]] == [json_rij[f"aantal_{j}"] for j in jaren] + [json_rij["totaal"]]
        [sh] = [r for r in resultaat["tabellen"]["Statushouders"]["rijen"] if r["gemeentecode"] == code]
        assert [getal(v) for v in rijen["statushouders"][:-1]] == [sh[f"aantal_{j}"] for j in jaren]

        voorrang = _tabel(tabellen, ["jaar", "verhuringen", "urgenten", "statushouders", "totaal voorrang",
                                     "aandeel", "grens", "over voor regulier"])
        tb = [r for r in resultaat["tabellen"]["Totaalbeeld"]["rijen"] if r["gemeentecode"] == code]
        assert [(int(r[0]), getal(r[2]), getal(r[3]), getal(r[4])) for r in voorrang[1:]] == [
            (r["jaar"], r["urgenten"], r["statushouders"], r["totaal"]) for r in tb]

        [b] = [r for r in resultaat["tabellen"]["Betaalbaarheid"]["rijen"] if r["gemeentecode"] == code]
        segmenten = _tabel(tabellen, ["segment", "minimum volgens regel", "plan gemeente",
                                      "regionale verdeling (voorstel)"])
        assert [getal(x) for x in segmenten[1][1:]] == [b["minimum_sociale_huur"], b["plan_sociale_huur"],
                                                        b["voorstel_sociale_huur"]]
        assert [getal(x) for x in segmenten[2][1:]] == [b["minimum_middensegment"], b["plan_middensegment"],
                                                        b["voorstel_middensegment"]]


def test_pdf_aantallen_per_gemeente_gelijk_aan_bereken(uitvoer: tuple[Path, dict]) -> None:
    uit, resultaat = uitvoer
    jaren = resultaat["jaren"]
    for code, naam in _namen(resultaat).items():
        paginas = pdf_paginas(uit / f"{bestandsnaam(code, naam)}.pdf")
        assert all("FICTIEF" in p for p in paginas), "FICTIEF op elke pagina"
        tekst = plat(" ".join(paginas))
        for cat in resultaat["categorieen"]:
            [r] = [r for r in resultaat["tabellen"][cat[:31]]["rijen"] if r.get("gemeentecode") == code]
            per_jaar = ", ".join(f"{j}: {_nl(r[f'aantal_{j}'])}" for j in jaren)
            assert f"te huisvesten huishoudens per jaar {per_jaar} (totaal {_nl(r['totaal'])})" in tekst, (naam, cat)
        [sh] = [r for r in resultaat["tabellen"]["Statushouders"]["rijen"] if r["gemeentecode"] == code]
        assert "is per jaar: " + ", ".join(f"{j}: {_nl(sh[f'aantal_{j}'])}" for j in jaren) in tekst
        assert naam in paginas[0] and code in paginas[0]


def test_pdf_taal_titel_en_tags(uitvoer: tuple[Path, dict]) -> None:
    from pypdf import PdfReader

    uit, _ = uitvoer
    lezer = PdfReader(str(uit / "GM0503-delft.pdf"))
    wortel = lezer.trailer["/Root"]
    assert wortel["/Lang"] == "nl-NL"
    assert "/StructTreeRoot" in wortel and wortel["/MarkInfo"]["/Marked"]
    assert lezer.metadata.title == "Bouwstenen VHP en huisvestingsverordening — Delft"


def test_regiodocument_tabellen_gelijk_aan_bereken(uitvoer: tuple[Path, dict]) -> None:
    uit, resultaat = uitvoer
    jaren = resultaat["jaren"]
    tabellen = docx_tabellen(uit / "regio.docx")
    for cat in resultaat["categorieen"]:
        json_rijen = resultaat["tabellen"][cat[:31]]["rijen"]
        kandidaten = [t for t in tabellen if t[0] == ["gemeente", "aandeel sleutel", *map(str, jaren), "totaal"]
                      and [r[0] for r in t[1:]] == [r["gemeentenaam"] for r in json_rijen]
                      and [getal(x) for x in t[-1][2:]] == [json_rijen[-1][f"aantal_{j}"] for j in jaren]
                      + [json_rijen[-1]["totaal"]]]
        assert kandidaten, cat
        t = kandidaten[0]
        for rij, j in zip(t[1:], json_rijen, strict=True):
            assert [getal(x) for x in rij[2:]] == [j[f"aantal_{jaar}"] for jaar in jaren] + [j["totaal"]]
    tekst = plat(" ".join(pdf_paginas(uit / "regio.pdf")))
    for w in resultaat["waarschuwingen"]:  # the same warning, its dates in words
        assert plat(_iso_als_woorden(w)) in tekst
    for r in resultaat["regels"]:
        assert r["parameter"] in tekst
    assert "Termijnen voor vaststelling" in tekst and "vóór 1 juli 2027" in tekst
    assert "nog niet bekend (Koninklijk Besluit)" in tekst
    assert resultaat["attributie"][:40] in tekst


def test_checklist_vhp_en_regels_met_status(uitvoer: tuple[Path, dict]) -> None:
    uit, _ = uitvoer
    tabellen = docx_tabellen(uit / "GM0503-delft.docx")
    checklist = _tabel(tabellen, ["onderwerp", "status", "wat de regionale afspraak regelt"])
    statussen = [r[1] for r in checklist[1:]]
    assert len(statussen) == 8
    assert all(s.endswith(GEREGELD) or s.endswith(IN_TE_VULLEN) for s in statussen)
    geregeld = {r[0].split()[0] for r in checklist[1:] if r[1].endswith(GEREGELD)}
    assert geregeld == {"Woningbouwopgave", "Aandeel", "Invulling"}
    for r in checklist[1:]:  # nothing invented: a topic the agreement does not settle has no text
        if r[1].endswith(IN_TE_VULLEN):
            assert r[2] == ""
    regels = _tabel(tabellen, ["parameter", "waarde", "status", "geldig vanaf", "bron"])
    status = {r[0]: r[2] for r in regels[1:]}
    assert status["taakstelling_afronding"] == "wet"
    assert status["ingroeipad_maximale_termijn"] == "ontwerp (concept)"
    assert "onbekend" in {r[1] for r in regels[1:]}


def test_geen_tekst_over_ontbrekende_onderdelen(uitvoer: tuple[Path, dict]) -> None:
    """Analysis and woonvormen are not in the result yet: the documents say nothing about them."""
    uit, _ = uitvoer
    for naam in ("GM0503-delft.docx", "regio.docx"):
        tekst = docx_tekst(uit / naam).lower()
        assert "woonvorm" not in tekst and "analyse" not in tekst


def test_deterministisch_over_processen(uitvoer: tuple[Path, dict], tmp_path: Path) -> None:
    uit, _ = uitvoer
    draai("documenten", str(HAAGLANDEN), "--uit", str(tmp_path), "--gemeente", "Den Haag")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["GM0518-s-gravenhage.docx", "GM0518-s-gravenhage.pdf"]
    for naam in ("GM0518-s-gravenhage.docx", "GM0518-s-gravenhage.pdf"):
        assert (tmp_path / naam).read_bytes() == (uit / naam).read_bytes()


def test_fouten_zoals_bereken(tmp_path: Path) -> None:
    kapot = tmp_path / "kapot.yaml"
    kapot.write_text("naam: x\nregio: Haaglanden\nperiode: {start: 2027, jaren: 4}\ncategorieen:\n  - naam: a\n"
                     "    totaal: {per_jaar: -5}\n    sleutel: {inwoners: 1}\n", encoding="utf-8")
    uit = tmp_path / "uit"
    d = draai("documenten", str(kapot), "--uit", str(uit), check=False)
    b = draai("bereken", str(kapot), check=False)
    assert d.returncode == b.returncode == 2
    assert d.stderr == b.stderr and "regel 6" in d.stderr and "Traceback" not in d.stderr
    assert not uit.exists()


@pytest.mark.parametrize(
    ("extra", "melding"),
    [
        (["--gemeente", "Leiden"], "hoort niet bij de regio Haaglanden"),
        (["--gemeente", "Nergenshuizen"], "--gemeente"),
        (["--formaat", "odt"], "onbekend formaat odt"),
    ],
)
def test_foute_opties_schrijven_niets(tmp_path: Path, extra: list[str], melding: str) -> None:
    uit = tmp_path / "uit"
    p = draai("documenten", str(HAAGLANDEN), "--uit", str(uit), *extra, check=False)
    assert p.returncode == 2 and melding in p.stderr and "Traceback" not in p.stderr
    assert not uit.exists()


def test_uit_is_geen_map(tmp_path: Path) -> None:
    bestand = tmp_path / "bestand.txt"
    bestand.write_text("x", encoding="utf-8")
    for uit in (bestand, bestand / "sub"):
        p = draai("documenten", str(HAAGLANDEN), "--uit", str(uit), "--gemeente", "Delft", check=False)
        assert p.returncode == 2 and "geen map" in p.stderr
    assert bestand.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root mag overal schrijven; toegangsrechten niet te testen")
def test_onbeschrijfbare_map(tmp_path: Path) -> None:
    tmp_path.chmod(0o555)
    try:
        p = draai("documenten", str(HAAGLANDEN), "--uit", str(tmp_path / "uit"), "--gemeente", "Delft", check=False)
    finally:
        tmp_path.chmod(0o755)
    assert p.returncode == 2 and "mag niet geschreven worden" in p.stderr


def test_bestaand_bestand_alleen_met_overschrijven(tmp_path: Path) -> None:
    (tmp_path / "GM0503-delft.pdf").write_bytes(b"oud")
    p = draai("documenten", str(HAAGLANDEN), "--uit", str(tmp_path), "--gemeente", "GM0503", check=False)
    assert p.returncode == 2 and "GM0503-delft.pdf" in p.stderr and "--overschrijven" in p.stderr
    assert sorted(x.name for x in tmp_path.iterdir()) == ["GM0503-delft.pdf"]  # nothing else written
    assert (tmp_path / "GM0503-delft.pdf").read_bytes() == b"oud"
    draai("documenten", str(HAAGLANDEN), "--uit", str(tmp_path), "--gemeente", "GM0503", "--overschrijven",
          "--formaat", "pdf")
    assert (tmp_path / "GM0503-delft.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(x.name for x in tmp_path.iterdir()) == ["GM0503-delft.pdf"]


def test_pagina_als_png(uitvoer: tuple[Path, dict]) -> None:
    """Pages render to PNG with pypdfium2 alone; VERDEELWIJZER_SCHERMAFDRUKKEN=docs/screenshots also refreshes
    the README screenshots (into that folder; a normal run writes nothing)."""
    uit, _ = uitvoer
    png, pixels, w, h = pagina_als_png(uit / "GM0503-delft.pdf", 0)
    assert png.startswith(b"\x89PNG") and w > 500 and h > 700
    donker = sum(1 for i in range(0, len(pixels), 3 * 97) if pixels[i] < 100)
    assert donker > 20, "de pagina is niet leeg"
    if doelmap := os.environ.get("VERDEELWIJZER_SCHERMAFDRUKKEN"):
        map = Path(doelmap)
        map.mkdir(parents=True, exist_ok=True)
        for bron, pagina, naam in (("GM0503-delft.pdf", 1, "document-gemeente.png"),
                                   ("regio.pdf", 1, "document-regio.png")):
            (map / naam).write_bytes(pagina_als_png(uit / bron, pagina, 1.3)[0])


def test_scenariovergelijking_in_regiodocument(tmp_path: Path) -> None:
    b = REPO / "voorbeelden" / "haaglanden_zonder_herkomst.yaml"
    draai("documenten", str(HAAGLANDEN), "--uit", str(tmp_path), "--vergelijk", str(b), "--formaat", "docx",
          "--gemeente", "regio")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["regio.docx"]
    vergelijking = json.loads(draai("vergelijk-scenarios", str(HAAGLANDEN), str(b), "--format", "json").stdout)
    tabellen = docx_tabellen(tmp_path / "regio.docx")
    [t] = [t for t in tabellen if t[0][0] == "gemeente" and t[0][-1] == "oordeel"]
    assert [(r[0], getal(r[1]), getal(r[2]), r[-1]) for r in t[1:]] == [
        (r["gemeentenaam"], r["totaal_A"], r["totaal_B"], r["oordeel"]) for r in vergelijking["samenvatting"]]


@given(st.text(min_size=1, max_size=40))
def test_bestandsnaam_regel(naam: str) -> None:
    slug = bestandsnaam("GM0001", naam)
    assert slug.startswith("GM0001-") or slug == "GM0001-"
    rest = slug[len("GM0001-"):]
    assert all(c.isascii() and (c.isalnum() or c == "-") and not c.isupper() for c in rest)
    assert "--" not in rest and not rest.startswith("-") and not rest.endswith("-")


def test_bestandsnamen_voorbeelden() -> None:
    assert bestandsnaam("GM0518", "'s-Gravenhage") == "GM0518-s-gravenhage"
    assert bestandsnaam("GM0603", "Rijswijk (ZH.)") == "GM0603-rijswijk-zh"
    assert bestandsnaam("GM1916", "Leidschendam-Voorburg") == "GM1916-leidschendam-voorburg"
    assert bestandsnaam("GM0000", "Súdwest-Fryslân") == "GM0000-sudwest-fryslan"


def test_aanvulling_per_sleutel(monkeypatch: pytest.MonkeyPatch) -> None:
    """A later part of the agreement (e.g. issue 'Aandachtsgroepen', key `analyse`) adds one function; without
    the key the document does not change."""
    from verdeelwijzer.afspraken import bereken_afspraken, laad_afspraken
    from verdeelwijzer.documenten import maken, opbouw
    from verdeelwijzer.documenten.model import Alinea, Sectie

    c = maken.context_van(bereken_afspraken(laad_afspraken(REPO / "voorbeelden" / "zuid_kennemerland_pact.yaml")))
    code = c.codes[0]
    zonder = opbouw.gemeentedocument(c, code)

    def analyse(ctx: opbouw.Context, gemeente: str) -> list[Sectie]:
        if "analyse" not in ctx.resultaat:
            return []
        return [Sectie("Woonbehoefte aandachtsgroepen", (Alinea(ctx.resultaat["analyse"][gemeente]),))]

    monkeypatch.setattr(opbouw, "GEMEENTE_AANVULLINGEN", [analyse])
    assert opbouw.gemeentedocument(c, code) == zonder
    met = opbouw.context({**c.resultaat, "analyse": {code: "tekst uit de analyse"}}, c.kader, c.regels)
    titels = [s.titel for s in opbouw.gemeentedocument(met, code).secties]
    assert "Woonbehoefte aandachtsgroepen" in titels
    assert titels.index("Woonbehoefte aandachtsgroepen") == titels.index("Kaart en grafiek") - 1


def test_docx_nederlands_en_alt_tekst(uitvoer: tuple[Path, dict]) -> None:
    uit, _ = uitvoer
    with zipfile.ZipFile(uit / "GM0503-delft.docx") as z:
        stijlen = z.read("word/styles.xml").decode("utf-8")
        document = z.read("word/document.xml").decode("utf-8")
        assert z.getinfo("word/document.xml").date_time == (1980, 1, 1, 0, 0, 0)
    assert 'w:val="en-US"' not in stijlen and 'w:val="nl-NL"' in stijlen
    assert document.count('descr="') == 2 and 'descr="Kaart van de regio Haaglanden' in document
    assert "<w:tblHeader" in document


def test_vergelijk_met_andere_regio_schrijft_niets(tmp_path: Path) -> None:
    uit = tmp_path / "uit"
    p = draai("documenten", str(HAAGLANDEN), "--uit", str(uit), "--gemeente", "regio", "--vergelijk",
              str(REPO / "voorbeelden" / "zuid_kennemerland_pact.yaml"), check=False)
    assert p.returncode == 2 and "andere gemeenten" in p.stderr and "Traceback" not in p.stderr
    assert not uit.exists()


def test_datums_in_woorden_niet_iso(uitvoer: tuple[Path, dict]) -> None:
    """Footer and kenmerken show dates as a reader writes them ("1 november 2026"), never as ISO."""
    import re

    uit, resultaat = uitvoer
    paginas = pdf_paginas(uit / "GM0503-delft.pdf")
    tekst = plat(" ".join(paginas))
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", tekst), "ISO-datum in de PDF"
    assert _iso_als_woorden(str(resultaat["peildatum_regels"])[:10]) in tekst
