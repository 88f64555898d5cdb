"""The woonvormen sections of an afsprakenkader through the real command line (subprocess)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VOORBEELD = REPO / "src" / "verdeelwijzer" / "voorbeeldbestanden" / "drechtsteden.yaml"


def test_voorbeeld_drechtsteden_json(cli) -> None:
    proces = cli("bereken", "voorbeelden/drechtsteden.yaml", "--format", "json", cwd=REPO)
    data = json.loads(proces.stdout)
    w = data["woonvormen"]
    for r in w["voorstel"]:
        assert {"gemeentecode", "woonvorm", "jaar", "toezegging", "minimum", "maximum"} <= set(r)
        assert r["toezegging"] <= r["minimum"] <= r["maximum"]
        if r["capaciteit"] is not None:
            assert r["maximum"] <= r["capaciteit"]
    assert len(w["balans"]) == 7
    for b in w["balans"]:
        assert {"gemeentecode", "bijdrage", "evenredig_deel", "balans"} <= set(b)
        assert Fraction(b["balans_exact"]) == Fraction(b["bijdrage_exact"]) - Fraction(b["evenredig_deel_exact"])
    assert sum(Fraction(b["balans_exact"]) for b in w["balans"]) == 0
    assert abs(sum(b["balans"] for b in w["balans"])) < 1e-9
    assert sum(round(b["vereffening_euro"] * 100) for b in w["balans"]) == 0
    # The ranges give a minimum and a maximum; the Skaeve Huse shortfall is reported, not hidden.
    tv = [d for d in w["doelen"] if d["woonvorm"] == "terugvalplek"]
    assert all(d["voorstel_minimum"] == 6 and d["voorstel_maximum"] == 12 for d in tv)
    sh = [d for d in w["doelen"] if d["woonvorm"] == "skaeve_huse"]
    assert all(d["doel_minimum"] == 12 and d["voorstel_minimum"] == 11 and d["tekort_minimum"] == 1 for d in sh)
    assert any("Skaeve Huse" in t and "1 onder het minimum" in t for t in data["waarschuwingen"])
    # Per woonvorm and year the proposal sums to the target (or target − reported shortfall).
    for d in w["doelen"]:
        rijen = [r for r in w["voorstel"] if r["woonvorm"] == d["woonvorm"] and r["jaar"] == d["jaar"]]
        assert sum(r["minimum"] for r in rijen) == d["voorstel_minimum"] == d["doel_minimum"] - d["tekort_minimum"]
    assert "Woonvormen balans" in data["tabellen"] and data["attributie"]


def test_voorbeeld_tekst_en_excel(cli, tmp_path: Path) -> None:
    uit = cli("bereken", str(VOORBEELD), "--excel", str(tmp_path / "d.xlsx")).stdout
    assert "Woonvormen" in uit
    from openpyxl import load_workbook

    bladen = load_workbook(tmp_path / "d.xlsx").sheetnames
    assert {"Woonvormen doelen", "Woonvormen voorstel", "Woonvormen balans", "Voorzieningen"} <= set(bladen)


FOUTEN = [
    ("per_jaar: {min: 6, max: 12}", "per_jaar: {min: 12, max: 6}", "min (12) is groter dan max (6)"),
    ("{gemeente: Dordrecht, woonvorm: housing_first, aantal: 10, capaciteit: 14}",
     "{gemeente: Dordrecht, woonvorm: housing_first, aantal: 15, capaciteit: 14}",
     "toezegging 15 is groter dan de capaciteit 14"),
    ("skaeve_huse: 3,", "skaeve_huse: 0,", "veld 'specialisatie.gewichten.skaeve_huse'"),
    ("skaeve_huse: 3,", "skaeve_huse: -1,", "moet > 0"),
    ("gemeente: Zwijndrecht, capaciteit: 24", "gemeente: Gorinchem, capaciteit: 24", "hoort niet bij de regio"),
    ("    - woonvorm: flexwoning\n      groepen: [dakloos]\n", "    - woonvorm: tiny_house\n",
     "bedient geen enkele groep"),
    ("groepen: [dakloos, uitstroom_bw]", "groepen: [dakloos, bestaat_niet]", "veld 'woonvormen.programma[4].groepen"),
    ("{gemeente: Sliedrecht, woonvorm: flexwoning,", "{gemeente: Sliedrecht, woonvorm: kamertraining,",
     "staat niet in het programma"),
    ("{gemeente: Sliedrecht, woonvorm: housing_first, aantal: 6", "{gemeente: Gorinchem, woonvorm: housing_first, "
     "aantal: 6", "veld 'specialisatie.gerealiseerd[1].gemeente': Gorinchem hoort niet bij de regio"),
    ("{gemeente: Dordrecht, woonvorm: housing_first, aantal: 10, capaciteit: 14}",
     "{gemeente: Dordrecht, woonvorm: housing_first, jaar: 2035, aantal: 10, capaciteit: 14}",
     "2035 valt buiten de periode"),
]


@pytest.mark.parametrize("oud, nieuw, verwacht", FOUTEN)
def test_foute_invoer(cli, tmp_path: Path, oud: str, nieuw: str, verwacht: str) -> None:
    tekst = VOORBEELD.read_text(encoding="utf-8")
    assert oud in tekst
    pad = tmp_path / "fout.yaml"
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
    proces = cli("bereken", str(pad), "--format", "json", check=False)
    assert proces.returncode != 0
    assert proces.stdout.strip() == ""  # nothing applied, no half result
    melding = proces.stderr
    assert verwacht in melding and "fout.yaml, regel " in melding and "Traceback" not in melding


def test_alle_fouten_tegelijk(cli, tmp_path: Path) -> None:
    tekst = VOORBEELD.read_text(encoding="utf-8")
    tekst = tekst.replace("gemeente: Zwijndrecht, capaciteit: 24", "gemeente: Gorinchem, capaciteit: 24")
    tekst = tekst.replace("{gemeente: Sliedrecht, woonvorm: flexwoning,", "{gemeente: Sliedrecht, woonvorm: xyz,")
    pad = tmp_path / "twee.yaml"
    pad.write_text(tekst, encoding="utf-8")
    melding = cli("bereken", str(pad), check=False).stderr
    assert "hoort niet bij de regio" in melding and "'xyz' staat niet in het programma" in melding


def test_toezeggingen_zonder_programma(cli, tmp_path: Path) -> None:
    pad = tmp_path / "los.yaml"
    pad.write_text("naam: x\nregio: [Dordrecht, Zwijndrecht]\nperiode: {start: 2027, jaren: 1}\n"
                   "categorieen:\n  - {naam: a, totaal: {per_jaar: 3}, sleutel: {inwoners: 1}}\n"
                   "toezeggingen:\n  - {gemeente: Dordrecht, woonvorm: housing_first, aantal: 1}\n", encoding="utf-8")
    proces = cli("bereken", str(pad), check=False)
    assert proces.returncode != 0 and "sectie 'woonvormen'" in proces.stderr and "regel 6" in proces.stderr


def test_documenten_bevatten_woonvormen(cli, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    cli("documenten", str(VOORBEELD), "--uit", str(tmp_path), "--gemeente", "Dordrecht", "--formaat", "docx")
    tekst = "\n".join(p.text for p in docx.Document(str(tmp_path / "GM0505-dordrecht.docx")).paragraphs)
    assert "Woonvormen en voorzieningen" in tekst and "Balans over alle groepen" in tekst
