"""The `gebruiker` commands and `serve --help` (the server itself is exercised by the browser tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _draai(*args: str, tmp: Path, wachtwoord: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp), "PYTHONIOENCODING": "utf-8", "COLUMNS": "200",
           "VERDEELWIJZER_GEBRUIKER": "testbeheer"}
    if wachtwoord:
        env["VERDEELWIJZER_WACHTWOORD"] = wachtwoord
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run([sys.executable, "-m", "verdeelwijzer", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL)


def test_eerste_beheerder_en_gebruikers(tmp_path):
    db = str(tmp_path / "vw.sqlite")
    r = _draai("gebruiker", "lijst", "--db", db, tmp=tmp_path)
    assert r.returncode == 0 and "lokale modus" in r.stdout
    r = _draai("gebruiker", "maak-beheerder", "anna", "--db", db, tmp=tmp_path, wachtwoord="heel-geheim-1")
    assert r.returncode == 0, r.stderr
    assert "Gebruiker 'anna' (regio-beheerder) is aangemaakt." in r.stdout
    r = _draai("gebruiker", "maak", "piet", "--rol", "gemeente", "--gemeente", "Delft", "--db", db, tmp=tmp_path,
               wachtwoord="heel-geheim-2")
    assert r.returncode == 0 and "GM0503" in r.stdout
    r = _draai("gebruiker", "maak", "anna", "--db", db, tmp=tmp_path, wachtwoord="heel-geheim-3")
    assert r.returncode == 2 and "bestaat al" in r.stderr
    r = _draai("gebruiker", "lijst", "--db", db, tmp=tmp_path)
    assert "anna\tregio-beheerder" in r.stdout and "piet\tgemeente\tGM0503" in r.stdout


def test_serve_help(tmp_path):
    r = _draai("serve", "--help", tmp=tmp_path)
    assert r.returncode == 0 and "--zonder-login" in r.stdout and "--port" in r.stdout
