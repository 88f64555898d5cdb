"""The `analyse:` section of an afsprakenkader: group ids, warnings, and category totals from the opgave."""

from __future__ import annotations

import math
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from verdeelwijzer.afspraken import bereken_afspraken, laad_afspraken
from verdeelwijzer.fouten import VerdeelwijzerFout

from .hulp import AANBOD, BEHOEFTE, GMR, VOORBEELD, draai, draai_json

KADER = VOORBEELD / "afspraken.yaml"


def test_bereken_neemt_de_totalen_uit_de_opgave_van_de_analyse():
    b = draai_json("bereken", str(KADER))
    a = draai_json("analyse", "--regio", GMR, "--behoefte", str(BEHOEFTE), "--aanbod", str(AANBOD),
                   "--periode", "2027-2030")
    opgave = {(t["groep"], t["jaar"]): Fraction(t["opgave_exact"]) for t in a["regiototalen"] if t["opgave_exact"]}
    paren = (("uitstromers beschermd wonen", "uitstroom_bw"), ("uitstromers klinische ggz", "uitstroom_ggz"))
    for naam, groep in paren:
        verwacht = [max(0, math.ceil(opgave[(groep, j)])) for j in b["jaren"]]
        assert b["categorieen"][naam]["totalen"] == verwacht
        for i, j in enumerate(b["jaren"]):  # and the whole numbers per gemeente add up to it
            assert sum(d["aantal"] for d in b["doelen"] if d["categorie"] == naam and d["periode"] == str(j)) == \
                verwacht[i]
    # the agreement's JSON carries the same analysis as the command
    assert b["analyse"]["regiototalen"] == a["regiototalen"]
    assert b["analyse"]["spreiding"] == a["spreiding"]
    assert b["analyse"]["overzicht"]["gewichten"]["dakloos"] == "2"
    assert any("Analyse Opgave" in naam for naam in b["tabellen"])


def test_ontbrekende_wettelijke_urgentiecategorie_geeft_waarschuwing():
    u = bereken_afspraken(laad_afspraken(KADER))
    w = "\n".join(u.waarschuwingen)
    assert "wettelijke urgentiecategorie 'Uitstromers maatschappelijke opvang' (uitstroom_mo)" in w
    assert "(uitstroom_bw)" not in w  # covered by a category with groep: uitstroom_bw
    assert "(uitstroom_jeugdzorg)" not in w  # covered by groep: jeugdzorg (≠, wider group)


def _kopie(tmp_path: Path, vervang: tuple[str, str] | None = None, extra: str = "") -> Path:
    for f in (BEHOEFTE, AANBOD):
        shutil.copy(f, tmp_path / f.name)
    tekst = KADER.read_text(encoding="utf-8")
    if vervang:
        assert vervang[0] in tekst
        tekst = tekst.replace(*vervang)
    pad = tmp_path / "afspraken.yaml"
    pad.write_text(tekst + extra, encoding="utf-8")
    return pad


def test_onbekende_groep_geeft_fout_met_suggestie(tmp_path):
    pad = _kopie(tmp_path, ("groep: uitstroom_ggz", "groep: uitstroom_gzz"))
    with pytest.raises(VerdeelwijzerFout) as e:
        bereken_afspraken(laad_afspraken(pad))
    t = str(e.value)
    assert "categorieen[1] ('uitstromers klinische ggz'), veld 'groep': onbekende groep 'uitstroom_gzz'" in t
    assert "Bedoelde u: uitstroom_ggz" in t
    p = draai("bereken", str(pad), check=False)
    assert p.returncode == 2 and "Bedoelde u: uitstroom_ggz" in p.stderr and "Traceback" not in p.stderr


def test_lokale_groep_mag_in_een_categorie(tmp_path):
    extra = ("  - naam: dakloze gezinnen\n    groep: dakloze_gezinnen\n    totaal: {per_jaar: 6}\n"
             "    sleutel: {inwoners: 1}\n")
    u = bereken_afspraken(laad_afspraken(_kopie(tmp_path, extra=extra)))
    assert [c.naam for c in u.categorieen][-1] == "dakloze gezinnen"


def test_totaal_uit_onbekende_opgave_is_een_fout(tmp_path):
    extra = ("  - naam: standplaatsen\n    groep: woonwagenbewoners\n    totaal: {uit_opgave: true}\n"
             "    sleutel: {inwoners: 1}\n")
    with pytest.raises(VerdeelwijzerFout) as e:
        bereken_afspraken(laad_afspraken(_kopie(tmp_path, extra=extra)))
    assert "Categorie 'standplaatsen'" in str(e.value) and "onbekend" in str(e.value) and "Rozendaal" in str(e.value)


def test_totaal_uit_opgave_vraagt_groep_en_analyse(tmp_path):
    pad = _kopie(tmp_path, ("    groep: uitstroom_bw\n", ""))
    with pytest.raises(VerdeelwijzerFout) as e:
        laad_afspraken(pad)
    assert "'uitstromers beschermd wonen' neemt haar totaal uit de opgave" in str(e.value)
