"""The real command line (`python -m verdeelwijzer monitor …`) on the shipped example files."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from verdeelwijzer.monitoring.model import AfspraakInvoer, Doel, Periode
from verdeelwijzer.opslag import open_database
from verdeelwijzer.opslag.afspraken import leg_afspraak_vast

REPO = Path(__file__).resolve().parents[2]
VOORBEELDEN = REPO / "voorbeelden" / "monitoring"
HAAGLANDEN = {"GM0518": 566221, "GM0503": 109577, "GM1916": 78229, "GM1842": 19377, "GM1926": 57932,
              "GM0603": 59642, "GM0629": 27100, "GM1783": 115941, "GM0637": 128434}
CATEGORIEEN = {"uitstromers MO/BW": 500, "medisch urgent": 300, "mantelzorg": 100, "statushouders": 1000}


def haaglanden_afspraak() -> AfspraakInvoer:
    """Stand-in for `monitor init` on voorbeelden/haaglanden.yaml: same region, periods and categories."""
    perioden = tuple(Periode(str(j), date(j, 1, 1), date(j, 12, 31)) for j in range(2027, 2031))
    totaal = sum(HAAGLANDEN.values())
    doelen = tuple(Doel(g, c, p.code, round(n * inw / totaal)) for g, inw in HAAGLANDEN.items()
                   for c, n in CATEGORIEEN.items() for p in perioden)
    return AfspraakInvoer("Voorbeeld Haaglanden (fictief)", "Haaglanden", tuple(HAAGLANDEN), "fictief: ja\n", perioden,
                          doelen, "Fictief besluit", Fraction(3, 10), Fraction(12000), tuple(CATEGORIEEN))


def _init(url: str) -> None:
    db = open_database(url)
    with db.sessie() as s:
        leg_afspraak_vast(s, haaglanden_afspraak(), door="test")
    db.sluit()


def _afspraken_beschikbaar() -> bool:
    try:
        from verdeelwijzer.afspraken import bereken_afspraken, laad_afspraken  # noqa: F401
    except ImportError:
        return False
    return True


def _json(draai, *args: str) -> dict:
    return json.loads(draai(*args, "--format", "json").stdout)


def test_volledige_monitoring_via_de_cli(tmp_path, cli):
    draai = cli
    url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    if _afspraken_beschikbaar():
        afspraak = str(REPO / "voorbeelden" / "haaglanden.yaml")
        assert "vastgesteld" in draai("monitor", "init", "--afspraken", afspraak, "--db", url).stdout
        assert "al vastgelegd" in draai("monitor", "init", "--afspraken", afspraak, "--db", url).stdout
    else:  # until verdeelwijzer.afspraken exists: the same region, periods and categories, built here
        _init(url)
    for soort in ("instroom", "verhuringen", "bouw"):
        for jaar in (2027, 2028):
            uit = draai("monitor", "importeer", str(VOORBEELDEN / f"{soort}_{jaar}.csv"), "--db", url).stdout
            assert "Ingelezen" in uit
    assert "al ingelezen" in draai("monitor", "importeer", str(VOORBEELDEN / "instroom_2027.csv"), "--db", url).stdout
    uit = draai("monitor", "importeer", str(VOORBEELDEN / "instroom_2027_correctie_delft.csv"), "--db", url).stdout
    assert "Vervangen (instroom, periode 2027, Delft)" in uit

    stand = _json(draai, "monitor", "stand", "--peildatum", "2028-12-31", "--db", url)
    assert stand["regio"] == "Haaglanden" and stand["peildatum"] == "2028-12-31" and "CC BY" in stand["attributie"]
    rij = {(r["periode"], r["gemeentecode"], r["categorie"]): r for r in stand["grootboek"]}
    for (periode, g, c), r in rij.items():
        if periode == "2028":
            assert r["saldo_in"] == rij[("2027", g, c)]["saldo_uit"]
            assert r["bijgesteld_doel"] == r["doel"] + r["saldo_in"]
    delft = rij[("2027", "GM0503", "uitstromers MO/BW")]
    assert delft["gerealiseerd"] == 46 and delft["status"] in {"op koers", "aandacht", "achter", "ernstig achter"}
    assert {v["periode"] for v in stand["vereffening"]} == {"2027", "2028"}
    assert all(v["som_centen"] == 0 for v in stand["vereffening"])
    assert all(r["verhuringen"] for r in stand["mutatiegrens"] if r["periode"] in ("2027", "2028"))
    assert len(stand["bouw"]) == 2 * 9 * 4

    excel = tmp_path / "stand.xlsx"
    tabel = draai("monitor", "stand", "--peildatum", "2028-06-30", "--gemeente", "Delft", "--periode", "2027",
                  "--excel", str(excel), "--db", url).stdout
    assert "Delft" in tabel and "Zoetermeer" not in tabel.split("Vereffening")[0] and "Mutatiegrens" in tabel
    from openpyxl import load_workbook

    boek = load_workbook(excel)
    assert boek.sheetnames[:4] == ["Voorblad", "Grootboek", "Mutatiegrens", "Regio"]
    assert any("CC BY" in str(c.value) for rij in boek["Voorblad"].iter_rows() for c in rij)
    gb = boek["Grootboek"]
    assert gb.freeze_panes == "A2" and gb.auto_filter.ref.startswith("A1:")
    assert [c.value for c in gb[2]][:4] == ["2027", "GM0503", "Delft", "mantelzorg"]
    assert gb["E2"].number_format == "#,##0" and isinstance(gb["E2"].value, int)

    veref = draai("monitor", "vereffening", "--periode", "2027", "--db", url).stdout
    assert "nulsom" in veref and "Berekening per gemeente" in veref
    log = _json(draai, "monitor", "log", "--db", url)["auditlog"]
    vervangen = [r for r in log if r["actie"] == "cijfers vervangen"]
    assert len(vervangen) == 1
    assert vervangen[0]["nieuw"]["uitstromers MO/BW"] == vervangen[0]["oud"]["uitstromers MO/BW"] + 3


def test_cli_fouten_zijn_nederlands_zonder_traceback(tmp_path, cli):
    draai = cli
    url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    leeg = draai("monitor", "stand", "--db", url, check=False)
    assert leeg.returncode == 2 and "monitor init" in leeg.stderr and "Traceback" not in leeg.stderr
    _init(url)
    slecht = tmp_path / "slecht.csv"
    slecht.write_text("periode,gemeentenaam,categorie,instroom\n2099,Haarlem,x,-1\n", encoding="utf-8")
    p = draai("monitor", "importeer", str(slecht), "--db", url, check=False)
    assert p.returncode == 2 and "niets gewijzigd" in p.stderr and "regel 2" in p.stderr and "Traceback" not in p.stderr
    p = draai("monitor", "stand", "--peildatum", "gisteren", "--db", url, check=False)
    assert p.returncode == 2 and "JJJJ-MM-DD" in p.stderr
    p = draai("monitor", "vereffening", "--periode", "1999", "--db", url, check=False)
    assert p.returncode == 2 and "Onbekende periode" in p.stderr


def test_sjablonen_invullen_en_inlezen(tmp_path, cli):
    draai = cli
    url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    _init(url)
    map = tmp_path / "sjablonen"
    draai("sjabloon", "monitoring", "--uit", str(map), "--db", url)
    assert sorted(p.name for p in map.iterdir()) == sorted(
        f"monitoring_{s}.{e}" for s in ("instroom", "verhuringen", "bouw") for e in ("xlsx", "csv"))
    from openpyxl import load_workbook

    pad = map / "monitoring_instroom.xlsx"
    boek = load_workbook(pad)
    blad = boek["Invullen"]
    assert boek.sheetnames[0] == "Invullen" and "Uitleg" in boek.sheetnames
    assert [c.value for c in blad[1]] == ["periode", "gemeentecode", "gemeentenaam", "categorie", "instroom",
                                          "opmerking"]
    assert blad.freeze_panes == "A2" and len(blad.data_validations.dataValidation) >= 4
    assert blad.max_row == 1 + 9 * len(CATEGORIEEN)  # every gemeente × categorie prefilled
    for rij in blad.iter_rows(min_row=2):
        rij[0].value, rij[4].value = "2027", 1
    boek.save(pad)
    assert f"{9 * len(CATEGORIEEN)} rij(en)" in draai("monitor", "importeer", str(pad), "--db", url).stdout
    # The CSV template (no database) has only the header and reads back as a clear error.
    draai("sjabloon", "monitoring", "--uit", str(tmp_path / "leeg"))
    p = draai("monitor", "importeer", str(tmp_path / "leeg" / "monitoring_bouw.csv"), "--db", url, check=False)
    assert p.returncode == 2 and "alleen een kopregel" in p.stderr


def test_cli_op_postgresql(db_url: str, tmp_path: Path, cli):
    draai = cli
    if not db_url.startswith("postgresql"):
        pytest.skip("de volledige CLI-stroom op SQLite staat hierboven")
    _init(db_url)
    draai("monitor", "importeer", str(VOORBEELDEN / "instroom_2027.csv"), "--db", db_url)
    draai("monitor", "importeer", str(VOORBEELDEN / "verhuringen_2027.csv"), "--db", db_url)
    stand = _json(draai, "monitor", "stand", "--peildatum", "2027-12-31", "--periode", "2027", "--db", db_url)
    assert stand["vereffening"][0]["som_centen"] == 0
    assert {r["periode"] for r in stand["grootboek"]} == {"2027"}
    assert [r["actie"] for r in _json(draai, "monitor", "log", "--db", db_url)["auditlog"]][-1] == "import"
