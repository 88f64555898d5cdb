"""The rule types: 80-10-10 location rule and the 'pas toe of leg uit' plan checklist (pure and via the CLI)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from verdeelwijzer.woonvormen.regeltypen import Locatie, Plan, toets_locaties, toets_plannen

REPO = Path(__file__).resolve().parents[2]
MAP = REPO / "src" / "verdeelwijzer" / "voorbeeldbestanden" / "woonvormen"
F = Fraction


def test_locatieregel_met_hand() -> None:
    # 8/10 exactly at the bound passes; 1 of 10 outside passes; 2 of 10 elsewhere in the region fails.
    t = toets_locaties([Locatie(2, "a", "GM1", 8, 1, 1), Locatie(3, "b", "GM1", 8, 2, 0),
                        Locatie(4, "c", "GM1", 0, 0, 0)], F(4, 5), F(1, 10), F(1, 10))
    assert [x.voldoet for x in t] == [True, False, True]
    assert t[1].aandeel_regio == F(1, 5) and "elders in de regio 20%" in t[1].redenen[0]
    assert t[2].aandeel_gemeente is None


def test_plantoets_met_hand() -> None:
    plannen = [Plan(2, "ok", "GM1", 10, 3, 1, 3, ""), Plan(3, "af", "GM1", 10, 3, 0, 3, "reden"),
               Plan(4, "af2", "GM1", 10, 2, 1, 3, "")]
    t = toets_plannen(plannen, F(3, 10), F(1, 3), F(3, 10))
    assert [x.status for x in t] == ["voldoet", "wijkt af, uitgelegd", "wijkt af, UITLEG ONTBREEKT"]
    assert t[2].afwijkingen == ("nultreden 20% < 30%",)


def test_cli_locaties(cli) -> None:
    data = json.loads(cli("woonvormen", "locaties", str(MAP / "locaties_rivierenland.csv"), "--regio",
                          "regio:Rivierenland", "--format", "json").stdout)
    assert [r["voldoet"] for r in data["locaties"]] == [True, False, False]
    assert data["regel"]["status"] == "seed" and data["attributie"]


def test_cli_plantoets_vraagt_uitleg(cli) -> None:
    proces = cli("woonvormen", "plantoets", str(MAP / "plannen_westfriesland.csv"), "--format", "json", check=False)
    assert proces.returncode == 1
    assert "regel 4 (Plan Dorp (FICTIEF))" in proces.stderr
    assert [r["status"] for r in json.loads(proces.stdout)["plannen"]][:2] == ["voldoet", "wijkt af, uitgelegd"]


def test_cli_foute_register(cli, tmp_path: Path) -> None:
    pad = tmp_path / "r.csv"
    pad.write_text("locatie,gemeentenaam,werkt_in_gemeente,werkt_in_regio,werkt_buiten_regio\n"
                   "x,Tiel,-3,1,1\ny,Amsterdam,1,1,1\n", encoding="utf-8")
    proces = cli("woonvormen", "locaties", str(pad), "--regio", "regio:Rivierenland", check=False)
    assert proces.returncode != 0 and "Traceback" not in proces.stderr
    assert "regel 2, kolom 'werkt_in_gemeente'" in proces.stderr and "Amsterdam" in proces.stderr


def test_standplaatsen_met_hand() -> None:
    from verdeelwijzer.woonvormen.regeltypen import Standplaatsgemeente, plaats_standplaatsen

    # Before: A 2 per 1,000 woningen, B 1, C 0.5; regional average 4·1000/4000 = 1 (B is not below it).
    # Own need and family first: A 3, B 2 (densities 3 and 2). Extra, one at a time to the lowest density:
    # C 0.5 → 1.0 → 1.5 → 2.0 (three places); a fourth meets a tie B 2.0 = C 2.0 → B (lowest code, reported).
    g = [Standplaatsgemeente("GM1", "A", 1000, 2, 1, 0), Standplaatsgemeente("GM2", "B", 1000, 1, 0, 1),
         Standplaatsgemeente("GM3", "C", 2000, 1, 0, 0)]
    u = plaats_standplaatsen(g, 3)
    assert u.gemiddelde == 1
    assert [r.onder_gemiddelde for r in u.regels] == [False, False, True]
    assert [r.extra for r in u.regels] == [0, 0, 3] and not u.stappen
    u4 = plaats_standplaatsen(g, 4)
    assert [r.extra for r in u4.regels] == [0, 1, 3]
    assert "gelijke dichtheid bij GM2, GM3" in u4.stappen[0]


def test_cli_standplaatsen(cli) -> None:
    data = json.loads(cli("woonvormen", "standplaatsen", str(MAP / "standplaatsen_noordoost_brabant.csv"),
                          "--regio", "arbeidsmarktregio:Noordoost-Brabant", "--extra", "12", "--format", "json").stdout)
    assert sum(r["extra"] for r in data["gemeenten"]) == 12
    laagste = min(data["gemeenten"], key=lambda r: r["dichtheid_voor"])
    assert laagste["extra"] > 0 and laagste["onder_gemiddelde"]


def test_samengestelde_sleutel_bevelanden(cli) -> None:
    """The composite key example: each gemeente's share is Σ 0.25 · indicator / regional sum (by hand from the CSV)."""
    import csv

    rijen = list(csv.DictReader((MAP.parent / "bevelanden" / "indicatoren.csv").open(encoding="utf-8")))
    kolommen = ("aandeel_am_nu", "aandeel_am_2030", "groei_beroepsbevolking", "banen_sectoren")
    som = {k: sum(Fraction(r[k]) for r in rijen) for k in kolommen}
    verwacht = {r["gemeentecode"]: sum(Fraction(1, 4) * Fraction(r[k]) / som[k] for k in kolommen) for r in rijen}
    data = json.loads(cli("bereken", str(MAP.parent / "bevelanden.yaml"), "--format", "json").stdout)
    tabel = {r["gemeentecode"]: r for r in data["tabellen"]["arbeidsmigranten"]["rijen"] if r.get("gemeentecode")}
    assert set(tabel) == set(verwacht)
    for code, aandeel in verwacht.items():
        assert abs(tabel[code]["aandeel_sleutel"] - float(aandeel)) < 1e-12
        assert tabel[code]["totaal"] in (int(800 * aandeel), int(800 * aandeel) + 1)


def test_familieverzoeken_met_hand() -> None:
    from verdeelwijzer.woonvormen.regeltypen import (
        Familieverzoek,
        Standplaatsgemeente,
        met_verzoeken,
        plaats_standplaatsen,
    )

    # Same region as above, without family counts. Two households ask for C (family tie) and one for B:
    # before the extra need: A 2+1 = 3 (3,0), B 1+1 = 2 (2,0), C 1+2 = 3 per 2000 woningen (1,5).
    # Three extra places to the lowest density: C 1,5 → 2,0; then B 2,0 = C 2,0 → B (lowest code); then C 2,0
    # < B 3,0 → C. Without the requests C would have taken all three (see test_standplaatsen_met_hand).
    g = [Standplaatsgemeente("GM1", "A", 1000, 2, 1, 0), Standplaatsgemeente("GM2", "B", 1000, 1, 0, 0),
         Standplaatsgemeente("GM3", "C", 2000, 1, 0, 0)]
    v = [Familieverzoek(2, "H1", "Elders", "GM3"), Familieverzoek(3, "H2", "A", "GM3"),
         Familieverzoek(4, "H3", "Elders", "GM2")]
    met, stappen = met_verzoeken(g, v)
    assert [x.familie for x in met] == [0, 1, 2]
    assert len(stappen) == 3 and "Huishouden H2 (regel 3, nu A): plek in C vanwege familieband" in stappen[1]
    u = plaats_standplaatsen(met, 3)
    assert [r.familie for r in u.regels] == [0, 1, 2]
    assert [r.extra for r in u.regels] == [0, 1, 2]


def test_familieverzoeken_fouten_per_regel(tmp_path, gegevens) -> None:
    from verdeelwijzer.fouten import InvoerFout
    from verdeelwijzer.woonvormen.invoer import lees_verzoeken

    pad = tmp_path / "verzoeken.csv"
    pad.write_text("huishouden,huidige_gemeente,gewenste_gemeente\nH1,Tilburg,Oss\nH1,Tilburg,Vught\n"
                   "H2,Osss,Oss\nH3,Oss,Tilburg\nH4,Oss,Oss\n,Oss,Vught\n", encoding="utf-8")
    regio = {gegevens.zoeker.zoek(n) for n in ("Oss", "Vught", "Boxtel")}
    with pytest.raises(InvoerFout) as e:
        lees_verzoeken(pad, gegevens.zoeker, regio, gegevens.naam)
    t = str(e.value)
    assert "regel 3, kolom 'huishouden': 'H1' staat er al op regel 2" in t
    assert "regel 4, kolom 'huidige_gemeente'" in t and "Osss" in t
    assert "regel 5, kolom 'gewenste_gemeente': gemeente 'Tilburg' hoort niet bij de regio" in t
    assert "regel 6, kolom 'gewenste_gemeente': gelijk aan de huidige gemeente" in t
    assert "regel 7, kolom 'huishouden': leeg" in t
    pad.write_text("huishouden,huidige_gemeente,gewenste_gemeente,toelichting\nH1,Tilburg,Oss,ouders\n",
                   encoding="utf-8")
    [v] = lees_verzoeken(pad, gegevens.zoeker, regio, gegevens.naam)
    assert (v.huishouden, v.huidige_gemeente, v.gewenste_gemeente, v.toelichting) == ("H1", "Tilburg", "GM0828",
                                                                                      "ouders")


def test_cli_standplaatsen_met_verzoeken(cli) -> None:
    args = ("woonvormen", "standplaatsen", "--regio", "arbeidsmarktregio:Noordoost-Brabant", "--extra", "12",
            "--verzoeken", str(MAP / "familieverzoeken_noordoost_brabant.csv"))
    data = json.loads(cli(*args[:2], str(MAP / "standplaatsen_noordoost_brabant_per_huishouden.csv"), *args[2:],
                          "--format", "json").stdout)
    familie = {r["gemeente"]: r["familie"] for r in data["gemeenten"]}
    assert familie["Oss"] == 1 and familie["'s-Hertogenbosch"] == 1 and familie["Land van Cuijk"] == 1
    assert sum(familie.values()) == 3 and sum(r["extra"] for r in data["gemeenten"]) == 12
    assert [v["huishouden"] for v in data["verzoeken"]] == ["H-001 (FICTIEF)", "H-002 (FICTIEF)", "H-003 (FICTIEF)"]
    assert data["stappen"][0].startswith("Huishouden H-001 (FICTIEF)")
    # the file with a 'familie' column plus requests would count a family tie twice: refused, file and column named
    p = cli(*args[:2], str(MAP / "standplaatsen_noordoost_brabant.csv"), *args[2:], check=False)
    assert p.returncode != 0 and "kolom 'familie'" in p.stderr and "Traceback" not in p.stderr
