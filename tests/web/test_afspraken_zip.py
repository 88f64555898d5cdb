"""An afsprakenkader uploaded as a zip with the files it names (issue 15, item 5): the example zip computes
with the same numbers as the example itself, and hostile zips (zip slip, bombs, links, nested zips, wrong
files, too many files) are refused with a Dutch message naming the file inside the zip, before anything is
written outside the upload's own folder."""

from __future__ import annotations

import io
import re
import stat
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verdeelwijzer.afspraken.uitpakken import pak_uit
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.grenzen import MAX_ZIP_BESTANDEN


def _csrf(c) -> str:
    return c.get("/api/sessie").json()["csrf_token"]


def _zip(bestanden: dict[str, bytes | str], *, links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for naam, inhoud in bestanden.items():
            info = zipfile.ZipInfo(naam)
            info.compress_type = zipfile.ZIP_DEFLATED
            if naam in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, inhoud)
    return buffer.getvalue()


def _upload(c, naam: str, inhoud: bytes):
    return c.post("/afspraken", data={"csrf_token": _csrf(c)}, files={"bestand": (naam, inhoud, "application/zip")})


def _melding(tekst: str) -> str:
    m = re.search(r'id="afsprakenfout">.*?<pre>(.*?)</pre>', tekst, re.S)
    assert m, "geen foutmelding op de pagina"
    return m.group(1)


def _totalen(tekst: str) -> list[str]:
    """The numbers in the first totaalbeeld table, as shown."""
    m = re.search(r'id="totaalbeeld-1".*?</table>', tekst, re.S)
    assert m
    return re.findall(r"<td[^>]*>([^<]*)</td>", m.group(0))


def test_voorbeeldzip_rekent_als_het_voorbeeld(lokaal) -> None:
    c = lokaal
    z = c.get("/download/voorbeeld/haaglanden.zip").content
    assert len(zipfile.ZipFile(io.BytesIO(z)).namelist()) > 1  # it names herkomst files
    r = _upload(c, "haaglanden.zip", z)
    assert r.status_code == 200, _melding(r.text)
    voorbeeld = c.get("/afspraken?voorbeeld=haaglanden.yaml").text
    assert _totalen(r.text) == _totalen(voorbeeld)
    # The downloads and "vastleggen" send the zip back; the workbook is made from it.
    zip_b64 = re.search(r'name="zip_b64" value="([^"]+)"', r.text).group(1)
    x = c.post("/download/afspraken.json", data={"csrf_token": _csrf(c), "zip_b64": zip_b64, "naam": "haaglanden.zip"})
    assert x.status_code == 200 and x.json()
    d = c.post("/download/documenten", data={"csrf_token": _csrf(c), "zip_b64": zip_b64, "naam": "haaglanden.zip",
                                             "gemeente": "regio", "formaat": "docx"})
    assert d.status_code == 200 and d.content[:2] == b"PK"
    v = c.post("/afspraken/vastleggen", data={"csrf_token": _csrf(c), "zip_b64": zip_b64, "naam": "haaglanden.zip"})
    assert v.status_code == 200 and "vastgesteld" in v.text


def test_zip_van_een_hele_map_werkt_ook(lokaal) -> None:
    c = lokaal
    bron = zipfile.ZipFile(io.BytesIO(c.get("/download/voorbeeld/haaglanden.zip").content))
    z = _zip({f"mijn_map/{n}": bron.read(n) for n in bron.namelist()} | {"__MACOSX/._x.csv": b"x"})
    assert _upload(c, "map.zip", z).status_code == 200


def test_yaml_zonder_bestanden_verwijst_naar_zip(lokaal) -> None:
    c = lokaal
    y = c.get("/download/voorbeeld/haaglanden.yaml").content
    r = c.post("/afspraken", data={"csrf_token": _csrf(c)}, files={"bestand": ("haaglanden.yaml", y, "text/yaml")})
    assert r.status_code == 422
    melding = _melding(r.text)
    assert "haaglanden/herkomst" in melding and ".zip" in melding and "/tmp" not in melding


def test_genoemd_bestand_ontbreekt_in_zip(lokaal) -> None:
    c = lokaal
    bron = zipfile.ZipFile(io.BytesIO(c.get("/download/voorbeeld/haaglanden.zip").content))
    z = _zip({n: bron.read(n) for n in bron.namelist() if "herkomst_medisch" not in n})
    r = _upload(c, "onvolledig.zip", z)
    assert r.status_code == 422
    melding = _melding(r.text)
    assert "herkomst_medisch.csv" in melding and "in de zip" in melding and "verdeelwijzer-afspraak" not in melding


def test_yaml_fout_noemt_regel_en_bestand_in_zip(lokaal) -> None:
    r = _upload(lokaal, "fout.zip", _zip({"kader.yaml": "naam: x\nregio: Haaglanden\nperiode:\n  start: twee\n"}))
    assert r.status_code == 422
    melding = _melding(r.text)
    assert "fout.zip: kader.yaml" in melding and "regel 4" in melding and "periode.start" in melding


GEHEIM = "GEHEIM-buiten-de-zip"


@pytest.mark.parametrize(("bestanden", "links", "verwacht"), [
    ({"kader.yaml": "naam: x", "../buiten.csv": "a"}, (), "'..'"),
    ({"kader.yaml": "naam: x", "/etc/buiten.csv": "a"}, (), "absoluut pad"),
    ({"kader.yaml": "naam: x", "C:/buiten.csv": "a"}, (), "absoluut pad"),
    ({"kader.yaml": "naam: x", "map\\..\\..\\buiten.csv": "a"}, (), "'\\'"),
    ({"kader.yaml": "naam: x", "link.csv": "/etc/passwd"}, ("link.csv",), "symbolische link"),
    ({"kader.yaml": "naam: x", "binnen.zip": b"PK\x03\x04"}, (), "zip in een zip"),
    ({"kader.yaml": "naam: x", "script.py": "print(1)"}, (), "geen toegestaan bestand"),
    ({"a.yaml": "naam: x", "b.yaml": "naam: y"}, (), "meer dan één YAML"),
    ({"gegevens.csv": "a"}, (), "geen afsprakenkader"),
    ({"map/kader.yaml": "naam: x", "ander/x.csv": "a"}, (), "staat in een map"),
    ({"kader.yaml": "naam: x", "a/b/c/d/e/f/g.csv": "a"}, (), "mappen diep"),
])
def test_vijandige_zip_geweigerd(lokaal, tmp_path, bestanden, links, verwacht) -> None:
    z = _zip(bestanden, links=links)
    r = _upload(lokaal, "aanval.zip", z)
    assert r.status_code == 422
    assert verwacht in _melding(r.text).replace("&#39;", "'"), _melding(r.text)
    # The core refuses it too, and writes nothing, inside or outside the folder.
    doel = tmp_path / "doel"
    doel.mkdir()
    with pytest.raises(InvoerFout, match="aanval.zip"):
        pak_uit(z, "aanval.zip", doel)
    assert not (tmp_path / "buiten.csv").exists() and list(doel.rglob("*")) == []


def test_te_veel_bestanden(lokaal) -> None:
    z = _zip({"kader.yaml": "naam: x"} | {f"t{i}.csv": "a" for i in range(MAX_ZIP_BESTANDEN + 1)})
    r = _upload(lokaal, "veel.zip", z)
    assert r.status_code == 422 and "hoogstens" in _melding(r.text)


def test_zipbom_verhouding_en_grootte(lokaal) -> None:
    # 60 MB of zeros packs to ~60 kB: refused from the zip's directory, before a byte is unpacked.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("kader.yaml", "naam: x")
        with z.open("bom.csv", "w") as f:
            blok = b"0" * 1_000_000
            for _ in range(60):
                f.write(blok)
    bom = buffer.getvalue()
    assert len(bom) < 200_000
    r = _upload(lokaal, "bom.zip", bom)
    assert r.status_code == 422
    assert "niets uitgepakt" in _melding(r.text)


def test_zip_die_over_zijn_grootte_liegt(tmp_path) -> None:
    """A directory entry that claims fewer bytes than the data holds: unpacking stops (CRC or count)."""
    echt = _zip({"kader.yaml": "naam: x", "t.csv": "a" * 5000})
    z = zipfile.ZipFile(io.BytesIO(echt))
    info = z.getinfo("t.csv")
    gelogen = bytearray(echt)
    # patch the uncompressed size (central directory and local header) to 10 bytes
    for positie in [m.start() for m in re.finditer(re.escape(info.file_size.to_bytes(4, "little")), bytes(gelogen))]:
        gelogen[positie:positie + 4] = (10).to_bytes(4, "little")
    with pytest.raises(InvoerFout, match="t.csv"):
        pak_uit(bytes(gelogen), "gelogen.zip", tmp_path)


def test_geen_zip(lokaal) -> None:
    r = _upload(lokaal, "kapot.zip", b"PK\x03\x04 dit is geen zip")
    assert r.status_code == 422 and "geen geldig zipbestand" in _melding(r.text)


def test_genoemd_bestand_buiten_de_zip(lokaal, tmp_path) -> None:
    """Inside a valid zip, the YAML names a server file: refused (opgesloten), the file is never read."""
    geheim = tmp_path / "geheim.csv"
    geheim.write_text(f"gemeentenaam,aantal\n{GEHEIM},5\n", encoding="utf-8")
    c = lokaal
    y = c.get("/download/voorbeeld/haaglanden.yaml").text
    for naam in (str(geheim), "../" * 12 + str(geheim).lstrip("/")):
        aangepast = re.sub(r"haaglanden/herkomst_uitstromers\.csv", naam, y)
        bron = zipfile.ZipFile(io.BytesIO(c.get("/download/voorbeeld/haaglanden.zip").content))
        z = _zip({n: (aangepast if n == "haaglanden.yaml" else bron.read(n)) for n in bron.namelist()})
        r = _upload(c, "buiten.zip", z)
        assert r.status_code == 422 and GEHEIM not in r.text
        assert "buiten de map" in _melding(r.text)


def test_pak_uit_schrijft_alleen_in_doel(tmp_path: Path) -> None:
    doel = tmp_path / "doel"
    doel.mkdir()
    pad = pak_uit(_zip({"kader.yaml": "naam: x", "d/t.csv": "a,b\n"}), "goed.zip", doel)
    assert pad == (doel / "kader.yaml").resolve()
    assert sorted(p.relative_to(doel).as_posix() for p in doel.rglob("*") if p.is_file()) == ["d/t.csv", "kader.yaml"]


def test_api_rekent_een_zip(lokaal) -> None:
    import base64

    c = lokaal
    z = base64.b64encode(c.get("/download/voorbeeld/haaglanden.zip").content).decode()
    uit_zip = c.post("/api/afspraken/bereken", json={"zip_base64": z, "naam": "haaglanden.zip"})
    assert uit_zip.status_code == 200, uit_zip.text[:500]
    voorbeeld = c.post("/api/afspraken/bereken", json={"voorbeeld": "haaglanden.yaml"}).json()
    assert uit_zip.json()["tabellen"]["Totaalbeeld"] == voorbeeld["tabellen"]["Totaalbeeld"]
    assert c.post("/api/afspraken/bereken", json={"zip_base64": z, "voorbeeld": "haaglanden.yaml"}).status_code == 422
    kapot = c.post("/api/afspraken/bereken", json={"zip_base64": "!!geen base64!!"})
    assert kapot.status_code == 422 and "beschadigd" in kapot.text
    slip = base64.b64encode(_zip({"kader.yaml": "naam: x", "../x.csv": "a"})).decode()
    r = c.post("/api/afspraken/bereken", json={"zip_base64": slip, "naam": "slip.zip"})
    assert r.status_code == 422 and "'..'" in r.json()["detail"]


NAAMDELEN = ["..", ".", "", "a", "b.csv", "c.yaml", "C:", "~", "\\", "..\\x.csv", "d.xlsx", " ", "é.csv"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(NAAMDELEN), min_size=1, max_size=4).map("/".join), min_size=1, max_size=5),
       st.booleans())
def test_pak_uit_schrijft_nooit_buiten_de_map(namen, met_kader) -> None:
    """Any member names (with '..', absolute parts, drive letters, backslashes): either a Dutch refusal, or
    every file lands inside the folder and nowhere else."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        basis = Path(tmp)
        doel = basis / "doel"
        doel.mkdir()
        bestanden = dict.fromkeys(namen, "a,b\n") | ({"kader.yaml": "naam: x"} if met_kader else {})
        try:
            pad = pak_uit(_zip(bestanden), "eigenschap.zip", doel)
        except InvoerFout as fout:
            assert str(fout).startswith("eigenschap.zip")
        else:
            assert pad.is_relative_to(doel.resolve()) and pad.suffix in (".yaml", ".yml")
        buiten = [p for p in basis.rglob("*") if not p.is_relative_to(doel)]
        assert buiten == [doel] or buiten == []
