"""`verdeelwijzer transferpunt koppel` as a user runs it (subprocess)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from .hulp import VOORBEELDEN

SRC = Path(__file__).resolve().parents[2] / "src"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    omgeving = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "verdeelwijzer", "transferpunt", "koppel", *args],
                          capture_output=True, text=True, env=omgeving, timeout=300)


def _voorbeeld(formaat: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return _cli("--kandidaten", str(VOORBEELDEN / "haaglanden_kandidaten.csv"),
                "--aanbod", str(VOORBEELDEN / "haaglanden_aanbod.csv"),
                "--afspraken", str(VOORBEELDEN / "haaglanden_transferpunt.yaml"),
                "--datum", "2026-12-01", "--format", formaat, *extra)


def test_json_interface():
    r = _voorbeeld("json", "--periode", "2026")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["fictief"] is True and d["periode"] == "2026" and "CC BY" in d["attributie"]
    k = d["koppelingen"][0]
    assert {"kandidaat", "aanbod", "gemeentecode", "categorie", "uitleg"} <= set(k)
    assert {"gemeentecode", "categorie", "quotum", "gebruikt"} <= set(d["quota"][0])
    assert {"kandidaat", "reden"} <= set(d["niet_gekoppeld"][0])
    assert len(d["koppelingen"]) + len(d["niet_gekoppeld"]) == 40
    for q in d["quota"]:
        assert q["gebruikt"] <= q["quotum"]


def test_tabel_en_csv():
    r = _voorbeeld("tabel")
    assert r.returncode == 0 and "Voorstellen" in r.stdout and "FICTIEF" in r.stdout
    r = _voorbeeld("csv")
    rijen = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {x["soort"] for x in rijen} == {"koppeling", "niet gekoppeld"} and len(rijen) == 40


def test_fout_register_geeft_nederlandse_melding_zonder_traceback(tmp_path):
    pad = tmp_path / "k.csv"
    pad.write_text("dossiernummer,categorie,herkomstgemeente,inschrijfdatum,toelichting\n"
                   "D1,medisch,Delft,2025-01-01,Jan de Vries\n", encoding="utf-8")
    r = _cli("--kandidaten", str(pad), "--aanbod", str(VOORBEELDEN / "haaglanden_aanbod.csv"),
             "--afspraken", str(VOORBEELDEN / "haaglanden_transferpunt.yaml"), "--datum", "2026-12-01")
    melding = " ".join(r.stderr.split())  # rich wraps long lines
    assert r.returncode == 2 and "verwijder persoonsgegevens" in melding and "kolom 'toelichting'" in melding
    assert "Traceback" not in melding and "Jan de Vries" not in melding


def test_opruimen_op_lege_database(tmp_path):
    omgeving = {**os.environ, "PYTHONPATH": str(SRC)}
    r = subprocess.run([sys.executable, "-m", "verdeelwijzer", "transferpunt", "opruimen", "--db",
                        f"sqlite:///{tmp_path / 'db.sqlite'}", "--datum", "2027-01-01"],
                       capture_output=True, text=True, env=omgeving, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "0 gesloten dossier(s) verwijderd" in r.stdout
