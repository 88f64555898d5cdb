"""Rules as code: every parameter file is valid, values are exact, errors are Dutch and precise."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import verdeelwijzer.regels as regels
from verdeelwijzer.fouten import RegelFout
from verdeelwijzer.regels import (
    Parameter,
    ParameterWaarde,
    Status,
    alle_parameters,
    lees_parameter,
    regels_versie,
    waarde,
)
from verdeelwijzer.regels.laden import _ExacteLoader, _getal_uit_tekst

PARAMETERMAP = Path(regels.__file__).parent / "parameters"
BESTANDEN = sorted(PARAMETERMAP.glob("*.yaml"))
STATUSSEN = {s.value for s in Status}

VERPLICHT = {
    "aandeel_betaalbaar",
    "minimum_sociale_huur",
    "minimum_middensegment",
    "landelijk_gemiddelde_sociale_huur",
    "termijn_jaren",
    "percentages_over_niet_gecontracteerd",
    "prijsgrens_betaalbare_koop",
    "huurgrens_sociale_huur",
    "huurgrens_middenhuur",
    "taakstelling_afronding",
    "taakstelling_peildatum_inwoners",
    "taakstelling_periode",
    "mutatiegraad_sociale_huur",
    "monitoring_drempels",
    "wettelijke_urgentiecategorieen",
}

NA_WVRV = date(2026, 7, 1)


def _geen_floats(v: Any) -> bool:
    if isinstance(v, float):
        return False
    if isinstance(v, dict):
        return all(_geen_floats(x) for x in v.values())
    if isinstance(v, list):
        return all(_geen_floats(x) for x in v)
    return True


# ---------------------------------------------------------------------------------------------------
# Every shipped parameter file
# ---------------------------------------------------------------------------------------------------


def test_alle_verplichte_parameters_aanwezig() -> None:
    assert VERPLICHT <= {p.stem for p in BESTANDEN}
    assert [p.naam for p in alle_parameters()] == sorted(p.stem for p in BESTANDEN)


@pytest.mark.parametrize("pad", BESTANDEN, ids=[p.stem for p in BESTANDEN])
def test_parameterbestand_geldig(pad: Path) -> None:
    ruw = yaml.safe_load(pad.read_text(encoding="utf-8"))
    assert set(ruw) == {"omschrijving", "eenheid", "waarden"}

    [param] = [p for p in alle_parameters() if p.naam == pad.stem]
    assert isinstance(param, Parameter)
    assert param.omschrijving and param.eenheid
    assert param.waarden, "ten minste één waarde"
    vorige_tot: date | None = None
    for w in param.waarden:
        assert isinstance(w, ParameterWaarde)
        assert w.naam == pad.stem
        assert w.status in STATUSSEN
        assert w.bron_titel.strip()
        assert w.bron_url.startswith("https://"), w.bron_url
        assert " " not in w.bron_url
        assert w.eenheid == param.eenheid and w.omschrijving == param.omschrijving
        assert _geen_floats(w.waarde), "getallen moeten exact (int/Fraction) zijn"
        if w.is_concept:
            assert w.toelichting, "een concept-waarde (ontwerp/seed/aanname) moet toegelicht worden"
        if w.geldig_tot is not None:
            assert w.geldig_vanaf < w.geldig_tot
        if vorige_tot is not None:
            assert vorige_tot <= w.geldig_vanaf, "periodes mogen niet overlappen"
        vorige_tot = w.geldig_tot
        # the value is what one reads on its first day
        assert lees_parameter(pad.stem, w.geldig_vanaf) == w


def test_concept_statussen_zijn_gemarkeerd() -> None:
    assert Status.wet.is_concept is False
    assert all(Status(s).is_concept for s in ("ontwerp", "seed", "aanname"))


# ---------------------------------------------------------------------------------------------------
# Exact values
# ---------------------------------------------------------------------------------------------------


def test_exacte_breuken() -> None:
    twee_derde = waarde("aandeel_betaalbaar", NA_WVRV)
    assert twee_derde == Fraction(2, 3) and type(twee_derde) is Fraction
    assert waarde("minimum_sociale_huur", NA_WVRV) == Fraction(3, 10)
    assert waarde("minimum_middensegment", NA_WVRV) == Fraction(2, 5)
    assert waarde("mutatiegraad_sociale_huur", NA_WVRV) == Fraction(65, 1000)
    termijn = waarde("termijn_jaren", NA_WVRV)
    assert termijn == 10 and type(termijn) is int


def test_landelijk_gemiddelde_met_peildatum() -> None:
    w = lees_parameter("landelijk_gemiddelde_sociale_huur", NA_WVRV)
    assert w.waarde == Fraction(256, 1000)
    assert w.peildatum == date(2024, 12, 31)
    assert w.status == "seed"
    assert w.toelichting and "niet geverifieerd" in w.toelichting.lower()


def test_gedateerde_waarden() -> None:
    assert waarde("prijsgrens_betaalbare_koop", date(2025, 12, 31)) == 405_000
    assert waarde("prijsgrens_betaalbare_koop", date(2026, 1, 1)) == 420_000
    assert waarde("huurgrens_sociale_huur", date(2025, 6, 1)) == Fraction("900.07")
    assert waarde("huurgrens_sociale_huur", date(2026, 1, 1)) == Fraction("932.93")
    assert waarde("huurgrens_middenhuur", date(2025, 6, 1)) == Fraction("1184.82")
    assert waarde("huurgrens_middenhuur", date(2030, 1, 1)) == Fraction("1228.07")


def test_gestructureerde_waarden() -> None:
    drempels = waarde("monitoring_drempels", NA_WVRV)
    assert drempels == {
        "op_koers": Fraction(95, 100),
        "aandacht": Fraction(85, 100),
        "achter": Fraction(75, 100),
        "ernstig_achter": 0,
    }
    cats = waarde("wettelijke_urgentiecategorieen", NA_WVRV)
    codes = [c["code"] for c in cats]
    assert len(codes) == len(set(codes)) >= 8
    assert {"mantelzorg", "medisch", "uitstroom_mo", "uitstroom_detentie", "uitstappende_sekswerkers"} <= set(codes)
    assert waarde("percentages_over_niet_gecontracteerd", NA_WVRV) is True
    assert waarde("taakstelling_afronding", NA_WVRV) == "omhoog"
    assert waarde("taakstelling_periode", NA_WVRV) == "halfjaar"
    assert waarde("taakstelling_peildatum_inwoners", NA_WVRV) == -1
    bron = lees_parameter("taakstelling_afronding", NA_WVRV)
    assert "BWBR0035303" in bron.bron_url and "artikel=29" in bron.bron_url


def test_datetime_en_isotekst_worden_geaccepteerd() -> None:
    assert waarde("aandeel_betaalbaar", datetime(2026, 7, 1, 12, 0)) == Fraction(2, 3)
    assert waarde("aandeel_betaalbaar", "2026-07-01") == Fraction(2, 3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("2/3", Fraction(2, 3)),
        (" 2 / 3 ", Fraction(2, 3)),
        ("0.30", Fraction(3, 10)),
        ("0.256", Fraction(32, 125)),
        ("900.07", Fraction(90007, 100)),
        ("-1", -1),
        ("10", 10),
        ("1_000", 1000),
        ("1.5e3", Fraction(1500)),
        ("6/3", 2),
        ("omhoog", None),
        ("", None),
        ("1.", None),
        ("2026-07-01", None),
    ],
)
def test_getal_uit_tekst(tekst: str, verwacht: Any) -> None:
    uit = _getal_uit_tekst(tekst)
    assert uit == verwacht
    if isinstance(verwacht, int):
        assert type(uit) is int


def test_yaml_kommagetal_exact_nooit_via_float() -> None:
    gelezen = yaml.load("a: 0.1\nb: 1.10\nc: 3\nd: '0.1'\n", Loader=_ExacteLoader)
    assert gelezen == {"a": Fraction(1, 10), "b": Fraction(11, 10), "c": 3, "d": "0.1"}
    assert type(gelezen["a"]) is Fraction and type(gelezen["c"]) is int
    assert Fraction(0.1) != Fraction(1, 10)  # what a float detour would have given


@settings(max_examples=200, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**9), max_value=10**9))
def test_decimale_tekst_wordt_exact_gelezen(d: Decimal) -> None:
    tekst = f"{d:f}"
    if "." not in tekst:
        tekst += ".0"
    verwacht = Fraction(d)
    assert yaml.load(f"x: {tekst}\n", Loader=_ExacteLoader)["x"] == verwacht
    assert _getal_uit_tekst(tekst) == verwacht


# ---------------------------------------------------------------------------------------------------
# Dutch errors for wrong use
# ---------------------------------------------------------------------------------------------------


def test_datum_buiten_geldigheid() -> None:
    with pytest.raises(RegelFout) as fout:
        lees_parameter("aandeel_betaalbaar", date(2025, 1, 1))
    tekst = str(fout.value)
    assert "geen waarde op 2025-01-01" in tekst
    assert "Geldige periodes: vanaf 2026-07-01" in tekst
    assert "aandeel_betaalbaar.yaml" in tekst


def test_datum_na_einddatum() -> None:
    with pytest.raises(RegelFout, match=r"2026-07-01 tot 2036-07-01"):
        waarde("landelijk_gemiddelde_sociale_huur", date(2036, 7, 1))
    assert waarde("landelijk_gemiddelde_sociale_huur", date(2036, 6, 30)) == Fraction(256, 1000)


def test_onbekende_naam_geeft_suggestie() -> None:
    with pytest.raises(RegelFout, match=r"Onbekende parameter 'aandeel_betaalbar'\. Bedoelde u: aandeel_betaalbaar\?"):
        waarde("aandeel_betaalbar", NA_WVRV)
    with pytest.raises(RegelFout, match=r"Bekende parameters: .*termijn_jaren"):
        waarde("xyz", NA_WVRV)


def test_ongeldige_datum() -> None:
    with pytest.raises(RegelFout, match="Ongeldige datum"):
        waarde("aandeel_betaalbaar", "1 juli")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------
# Invalid files (loader given a directory)
# ---------------------------------------------------------------------------------------------------

GOED = """\
omschrijving: Testparameter.
eenheid: aandeel
waarden:
  2025-01-01:
    waarde: "1/2"
    status: wet
    bron:
      titel: Testbron
      url: https://example.org/a
"""


def _schrijf(map: Path, naam: str, tekst: str) -> Path:
    map.mkdir(parents=True, exist_ok=True)
    pad = map / f"{naam}.yaml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_map_als_argument(tmp_path: Path) -> None:
    _schrijf(tmp_path, "test_param", GOED)
    assert waarde("test_param", date(2030, 1, 1), map=tmp_path) == Fraction(1, 2)
    assert [p.naam for p in alle_parameters(tmp_path)] == ["test_param"]
    with pytest.raises(RegelFout, match="Onbekende parameter 'aandeel_betaalbaar'"):
        waarde("aandeel_betaalbaar", NA_WVRV, map=tmp_path)


def test_open_einde_loopt_tot_volgende_waarde(tmp_path: Path) -> None:
    tekst = (
        GOED
        + """\
  2026-01-01:
    waarde: 0.75
    status: aanname
    bron: {titel: Testbron, url: "https://example.org/b"}
"""
    )
    _schrijf(tmp_path, "p", tekst)
    [param] = alle_parameters(tmp_path)
    assert [w.geldig_tot for w in param.waarden] == [date(2026, 1, 1), None]
    assert waarde("p", date(2025, 12, 31), map=tmp_path) == Fraction(1, 2)
    assert waarde("p", date(2026, 1, 1), map=tmp_path) == Fraction(3, 4)


FOUTE_BESTANDEN = {
    "onbekend_veld": (GOED + "    opmerking: iets\n", "waarden.2025-01-01.opmerking", "onbekend veld"),
    "onbekend_hoofdveld": (GOED + "auteur: iemand\n", "auteur", "onbekend veld"),
    "foute_status": (GOED.replace("status: wet", "status: concept"), "waarden.2025-01-01.status", "concept"),
    "geen_url": (
        GOED.replace("      url: https://example.org/a\n", ""),
        "waarden.2025-01-01.bron.url",
        "ontbreekt",
    ),
    "foute_url": (GOED.replace("https://example.org/a", "example.org"), "bron.url", "geen geldige URL"),
    "overlap": (
        GOED.replace("    status: wet\n", "    geldig_tot: 2026-06-01\n    status: wet\n")
        + "  2026-01-01:\n    waarde: 1\n    status: wet\n    bron: {titel: T, url: 'https://example.org'}\n",
        "waarden.2025-01-01.geldig_tot",
        "periodes overlappen",
    ),
    "tot_voor_vanaf": (
        GOED.replace("    status: wet\n", "    geldig_tot: 2024-01-01\n    status: wet\n"),
        "waarden.2025-01-01.geldig_tot",
        "moet na geldig_vanaf",
    ),
    "dubbele_datum": (
        GOED + "  2025-01-01:\n    waarde: 1\n    status: wet\n    bron: {titel: T, url: 'https://example.org'}\n",
        "dubbele sleutel",
        "2025-01-01",
    ),
    "geen_waarden": ("omschrijving: x\neenheid: y\nwaarden: {}\n", "waarden", "ten minste één waarde"),
    "lege_waarde": (GOED.replace('waarde: "1/2"', "waarde:"), "waarden.2025-01-01.waarde", "leeg"),
    "delen_door_nul": (GOED.replace('"1/2"', '"1/0"'), "waarden.2025-01-01.waarde", "deling door nul"),
    "foute_datum": (GOED.replace("2025-01-01:", "2025-13-01:"), "ongeldige datum '2025-13-01'", "regel 4"),
    "datum_als_tekst": (GOED.replace("2025-01-01:", "'1 januari':"), "waarden.1 januari", "geen geldige datum"),
    "geen_yaml": ("omschrijving: [niet gesloten\n", "geen geldige YAML", "regel"),
    "geen_mapping": ("- een\n- lijst\n", "verwacht de velden", "omschrijving"),
    "oneindig": (GOED.replace('"1/2"', ".inf"), "geen exact getal", ".inf"),
}


@pytest.mark.parametrize("geval", sorted(FOUTE_BESTANDEN))
def test_ongeldig_bestand_geeft_nederlandse_fout(tmp_path: Path, geval: str) -> None:
    tekst, veld, uitleg = FOUTE_BESTANDEN[geval]
    _schrijf(tmp_path, geval, tekst)
    with pytest.raises(RegelFout) as fout:
        alle_parameters(tmp_path)
    bericht = str(fout.value)
    assert f"{geval}.yaml" in bericht, bericht
    assert veld in bericht, bericht
    assert uitleg in bericht, bericht


def test_foute_bestandsnaam(tmp_path: Path) -> None:
    _schrijf(tmp_path, "Fout-Naam", GOED)
    with pytest.raises(RegelFout, match=r"Ongeldige bestandsnaam .*Fout-Naam\.yaml"):
        alle_parameters(tmp_path)


def test_lege_of_ontbrekende_map(tmp_path: Path) -> None:
    with pytest.raises(RegelFout, match="Geen parameterbestanden"):
        alle_parameters(tmp_path)
    with pytest.raises(RegelFout, match="niet gevonden"):
        alle_parameters(tmp_path / "bestaat-niet")


# ---------------------------------------------------------------------------------------------------
# regels_versie
# ---------------------------------------------------------------------------------------------------


def test_regels_versie_stabiel(tmp_path: Path) -> None:
    versie = regels_versie()
    assert len(versie) == 12 and all(c in "0123456789abcdef" for c in versie)
    assert regels_versie() == versie
    regels.wis_cache()
    assert regels_versie() == versie

    kopie = tmp_path / "kopie"
    shutil.copytree(PARAMETERMAP, kopie)
    assert regels_versie(kopie) == versie  # only names and bytes count, not the location
    pad = kopie / "termijn_jaren.yaml"
    pad.write_text(pad.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    regels.wis_cache()
    assert regels_versie(kopie) != versie


# ---------------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def runner_app() -> Any:
    from typer.testing import CliRunner

    from verdeelwijzer.cli import app

    return CliRunner(), app


def test_cli_json(runner_app: Any) -> None:
    runner, app = runner_app
    res = runner.invoke(app, ["regels", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["regels_versie"] == regels_versie()
    assert data["datum"] is None
    namen = {r["naam"] for r in data["parameters"]}
    assert VERPLICHT <= namen
    rij = next(r for r in data["parameters"] if r["naam"] == "aandeel_betaalbaar")
    assert rij["waarde"] == "2/3" and rij["status"] == "ontwerp"
    assert rij["bron_url"].startswith("https://")
    huur = [r for r in data["parameters"] if r["naam"] == "huurgrens_sociale_huur"]
    assert [(r["geldig_vanaf"], r["waarde"]) for r in huur] == [("2025-01-01", "900.07"), ("2026-01-01", "932.93")]


def test_cli_json_met_datum(runner_app: Any) -> None:
    runner, app = runner_app
    res = runner.invoke(app, ["regels", "--datum", "2025-06-01", "-f", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["datum"] == "2025-06-01"
    namen = [r["naam"] for r in data["parameters"]]
    assert len(namen) == len(set(namen))
    assert "huurgrens_sociale_huur" in namen
    assert "aandeel_betaalbaar" in data["zonder_waarde_op_datum"]


def test_cli_csv(runner_app: Any) -> None:
    runner, app = runner_app
    res = runner.invoke(app, ["regels", "--format", "csv", "--datum", "2026-07-01"])
    assert res.exit_code == 0, res.output
    rijen = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {r["naam"] for r in rijen} == {p.stem for p in BESTANDEN}
    per_naam = {r["naam"]: r for r in rijen}
    assert per_naam["landelijk_gemiddelde_sociale_huur"]["waarde"] == "0.256"
    assert per_naam["landelijk_gemiddelde_sociale_huur"]["peildatum"] == "2024-12-31"
    assert per_naam["termijn_jaren"]["waarde"] == "10"
    assert per_naam["monitoring_drempels"]["status"] == "aanname"
    assert json.loads(per_naam["monitoring_drempels"]["waarde"])["op_koers"] == "0.95"
    assert all(r["bron_url"].startswith("https://") for r in rijen)


def test_cli_tabel(runner_app: Any) -> None:
    runner, app = runner_app
    res = runner.invoke(app, ["regels"])
    assert res.exit_code == 0, res.output
    uit = res.stdout
    assert "aandeel_betaalbaar" in uit
    assert "2/3" in uit and "€ 932,93" in uit
    assert "ontwerp *" in uit and "aanname *" in uit and "seed *" in uit
    assert "Status:" in uit and "concept" in uit
    assert regels_versie() in uit


def test_cli_foute_datum(runner_app: Any) -> None:
    from verdeelwijzer.fouten import InvoerFout

    runner, app = runner_app
    res = runner.invoke(app, ["regels", "--datum", "1-7-2026"])
    assert isinstance(res.exception, InvoerFout)
    assert "JJJJ-MM-DD" in str(res.exception)


def test_cli_hoofdprogramma_nederlandse_fout() -> None:
    """Through main(): a Dutch message and exit code 2, never a traceback."""
    code = "from verdeelwijzer.cli import main; main()"
    env = dict(os.environ)
    src = str(Path(regels.__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    res = subprocess.run(
        [sys.executable, "-c", code, "regels", "--datum", "morgen"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert res.returncode == 2
    assert "Fout:" in res.stderr and "Ongeldige datum" in res.stderr
    assert "Traceback" not in res.stderr
    ok = subprocess.run(
        [sys.executable, "-c", code, "regels", "-f", "json"], capture_output=True, text=True, env=env, timeout=120
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["regels_versie"] == regels_versie()


def test_gecachte_waarde_niet_te_wijzigen() -> None:
    drempels = waarde("monitoring_drempels", NA_WVRV)
    drempels["op_koers"] = Fraction(0)
    cats = waarde("wettelijke_urgentiecategorieen", NA_WVRV)
    cats.clear()
    assert waarde("monitoring_drempels", NA_WVRV)["op_koers"] == Fraction(95, 100)
    assert len(waarde("wettelijke_urgentiecategorieen", NA_WVRV)) >= 8
