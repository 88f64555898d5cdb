"""The real command line answers every hostile or mistaken input of issue 10 (item 9) with a Dutch message
and exit code 2 — never a traceback — and shows its help when called without arguments."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
VOORBEELD = REPO / "voorbeelden" / "haaglanden_zonder_herkomst.yaml"


def draai(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m verdeelwijzer …` from this tree (PYTHONPATH=src, so a worktree tests its own code)."""
    omgeving = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "HOME": str(Path.home()),
                "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-m", "verdeelwijzer", *args], capture_output=True, text=True, cwd=cwd,
                          env=omgeving, timeout=120)


def fout(proces: subprocess.CompletedProcess[str]) -> str:
    assert proces.returncode == 2, (proces.returncode, proces.stdout, proces.stderr)
    assert "Traceback" not in proces.stderr + proces.stdout
    return " ".join(proces.stderr.split())  # rich wraps long lines


def test_zonder_argumenten_toont_hulp():
    p = draai()
    assert p.returncode == 0
    assert "Gebruik:" in p.stdout + p.stderr and "verdeel" in p.stdout + p.stderr
    assert "Fout" not in p.stdout + p.stderr


def test_sleutel_zonder_gewicht_is_gewicht_een():
    basis = ("verdeel", "--regio", "Haaglanden", "--totaal", "100", "--format", "json")
    zonder = draai(*basis, "--sleutel", "huishoudens")
    met = draai(*basis, "--sleutel", "huishoudens=1")
    assert zonder.returncode == 0, zonder.stderr
    assert zonder.stdout == met.stdout


def test_vergelijk_met_sleutel_zonder_gewicht():
    p = draai("vergelijk", "--regio", "Haaglanden", "--totaal", "100", "--sleutel", "huishoudens",
              "--sleutel", "inwoners=1")
    assert p.returncode == 0, p.stderr


@pytest.mark.parametrize("cel", ["1e400", "1e308"])
def test_overschrijving_1e400_en_1e308(tmp_path, cel):
    pad = tmp_path / "eigen.csv"
    pad.write_text(f"gemeentenaam,huishoudens\nDelft,{cel}\n", encoding="utf-8")
    tekst = fout(draai("verdeel", "--regio", "Haaglanden", "-t", "100", "-s", "huishoudens=1", "--gegevens",
                       str(pad)))
    assert f"eigen.csv, regel 2, kolom 'huishoudens': getal te groot of te lang: '{cel}'" in tekst


def test_gewicht_met_reusachtige_exponent(tmp_path):
    tekst = VOORBEELD.read_text(encoding="utf-8").replace("mutatiegrens: 0.30", "mutatiegrens: 1e-10000000")
    pad = tmp_path / "kader.yaml"
    pad.write_text(tekst, encoding="utf-8")
    assert "getal te groot of te lang: '1e-10000000'" in fout(draai("bereken", str(pad)))


def test_yaml_5000_diep(tmp_path):
    pad = tmp_path / "diep.yaml"
    pad.write_text("naam: x\nregio: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert re.search(r"diep\.yaml, regel 2, kolom \d+: te diep genest", fout(draai("bereken", str(pad))))


def test_billion_laughs(tmp_path):
    from test_invoer_grenzen import BILJOEN_LACHEN

    pad = tmp_path / "lol.yaml"
    pad.write_text(BILJOEN_LACHEN, encoding="utf-8")
    assert "ankers ('&a') zijn niet toegestaan" in fout(draai("bereken", str(pad)))


def test_afsprakenkader_met_342_gemeentecodes(tmp_path):
    from verdeelwijzer.gegevens import laad_gemeenten

    codes = list(laad_gemeenten().tabel.index)
    tekst = re.sub(r"^spoor1:\n(  .*\n)+", "", VOORBEELD.read_text(encoding="utf-8"), flags=re.M)
    tekst = tekst.replace("regio: Haaglanden", "regio:\n" + "".join(f"  - {c[2:]}\n" for c in codes))
    pad = tmp_path / "nederland.yaml"
    pad.write_text(tekst, encoding="utf-8")
    p = draai("bereken", str(pad), "--format", "csv")
    assert p.returncode == 0, p.stderr
    gevonden = {r.split(",")[2] for r in p.stdout.splitlines()[1:]}
    assert gevonden == set(codes)  # '0014' is Groningen (GM0014), not octal 12


def test_uitvoerpad_is_map_proc_of_in_een_bestand(tmp_path):
    (tmp_path / "een_map").mkdir()
    (tmp_path / "een_bestand").write_text("x", encoding="utf-8")
    gevallen = {
        "een_map": "is een map; geef een bestandsnaam",
        "/proc/uitkomst.xlsx": "ligt in een systeemmap (/proc)",
        "een_bestand/uitkomst.xlsx": "'een_bestand' is een bestand, geen map",
    }
    for pad, melding in gevallen.items():
        tekst = fout(draai("bereken", str(VOORBEELD), "--excel", pad, cwd=tmp_path))
        assert f"Excelbestand '{pad}'" in tekst and melding in tekst, tekst
    tekst = fout(draai("sjabloon", "programma", "--uit", "een_bestand/x.xlsx", cwd=tmp_path))
    assert "is een bestand, geen map" in tekst


def test_bezette_poort(tmp_path):
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        tekst = fout(draai("serve", "--port", str(poort), "--zonder-login", "--db",
                           f"sqlite:///{tmp_path / 'db.sqlite'}", "--map", str(tmp_path / "map")))
    assert f"poort {poort} is al in gebruik" in tekst and "--port" in tekst


HERKOMST = str(REPO / "voorbeelden" / "haaglanden" / "herkomst_uitstromers.csv")


@pytest.mark.parametrize("opties", [["--vast=Delft={}"],
                                    ["--herkomst", HERKOMST, "--alpha", "0.5", "--tenzij=Delft:Westland:{}:x"]])
def test_reusachtig_aantal_op_de_opdrachtregel(opties):
    opties = [o.format("9" * 5000) for o in opties]
    tekst = fout(draai("verdeel", "-r", "Haaglanden", "-t", "10", "-s", "inwoners", *opties))
    assert "getal te groot of te lang" in tekst and len(tekst) < 400
