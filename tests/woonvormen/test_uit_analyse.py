"""A programme target taken from the analysis (`uit_analyse: true`): per year the sum of the regional opgave of
the groups the woonvorm serves (surplus counts as 0), rounded up; the source is in the explanation. Bad input:
no analysis section, a group without figures, two kinds of target at once."""

from __future__ import annotations

import math
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from tests.conftest import REPO, draai, draai_json

from verdeelwijzer.afspraken import bereken_afspraken, laad_afspraken
from verdeelwijzer.fouten import VerdeelwijzerFout
from verdeelwijzer.voorbeelden import voorbeeldmap

ANALYSE = voorbeeldmap() / "analyse"
GMR = "Groene Metropoolregio Arnhem-Nijmegen"
PROGRAMMA = """
woonvormen:
  sleutel: {inwoners: 1}
  bij_gelijke_stand: loting
  seed: 1
  programma:
    - woonvorm: beschermd_wonen
      groepen: [uitstroom_bw, uitstroom_ggz]
      uit_analyse: true
      bron: opgave uit de woonzorganalyse
"""


def _kader(tmp_path: Path, programma: str = PROGRAMMA) -> Path:
    for f in ("behoefte.csv", "aanbod.csv"):
        shutil.copy(ANALYSE / f, tmp_path / f)
    pad = tmp_path / "afspraken.yaml"
    pad.write_text((ANALYSE / "afspraken.yaml").read_text(encoding="utf-8") + programma, encoding="utf-8")
    return pad


def test_doel_is_de_opgave_van_de_groepen(tmp_path) -> None:
    a = draai_json("analyse", "--regio", GMR, "--behoefte", str(ANALYSE / "behoefte.csv"), "--aanbod",
                   str(ANALYSE / "aanbod.csv"), "--periode", "2027-2030")
    opgave = {(t["groep"], t["jaar"]): Fraction(t["opgave_exact"]) for t in a["regiototalen"] if t["opgave_exact"]}
    b = draai_json("bereken", str(_kader(tmp_path)))
    doelen = {d["jaar"]: d for d in b["woonvormen"]["doelen"]}
    assert sorted(doelen) == [2027, 2028, 2029, 2030]
    for jaar, d in doelen.items():
        verwacht = math.ceil(max(Fraction(0), opgave["uitstroom_bw", jaar])
                             + max(Fraction(0), opgave["uitstroom_ggz", jaar]))
        assert d["doel_minimum"] == d["doel_maximum"] == verwacht
        assert any("doel uit de analyse" in t and "uitstroom_bw" in t for t in d["uitleg"])
        assert sum(r["minimum"] for r in b["woonvormen"]["voorstel"] if r["jaar"] == jaar) == verwacht


def test_zonder_analyse_is_een_fout(tmp_path) -> None:
    tekst = (REPO / "voorbeelden" / "drechtsteden.yaml").read_text(encoding="utf-8")
    tekst = tekst.replace("      groepen: [dakloos]\n      per_jaar: 25\n",
                          "      groepen: [dakloos]\n      uit_analyse: true\n")
    pad = tmp_path / "d.yaml"
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(VerdeelwijzerFout) as e:
        bereken_afspraken(laad_afspraken(pad))
    assert "veld 'woonvormen.programma[1].uit_analyse'" in str(e.value)  # list positions counted from 1
    assert "geen sectie 'analyse'" in str(e.value) and "regel" in str(e.value)


def test_groep_zonder_cijfers_is_een_fout(tmp_path) -> None:
    pad = _kader(tmp_path, PROGRAMMA.replace("[uitstroom_bw, uitstroom_ggz]", "[woonwagenbewoners]"))
    p = draai("bereken", str(pad), check=False)
    assert p.returncode != 0 and "uit_analyse" in p.stderr + p.stdout and "onbekend" in p.stderr + p.stdout
    assert "Traceback" not in p.stderr


def test_niet_twee_soorten_doel(tmp_path) -> None:
    pad = _kader(tmp_path, PROGRAMMA.replace("      uit_analyse: true\n",
                                             "      uit_analyse: true\n      per_jaar: 5\n"))
    with pytest.raises(VerdeelwijzerFout) as e:
        laad_afspraken(pad)
    assert "precies één van 'per_jaar', 'voor_periode' of 'uit_analyse: true'" in str(e.value)
