"""Shared helpers for the aandachtsgroepen tests: the example files, a small region, the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import verdeelwijzer
from verdeelwijzer.voorbeelden import voorbeeldmap

GMR = "Groene Metropoolregio Arnhem-Nijmegen"
VOORBEELD = voorbeeldmap() / "analyse"
BEHOEFTE = VOORBEELD / "behoefte.csv"
AANBOD = VOORBEELD / "aanbod.csv"
SRC = Path(verdeelwijzer.__file__).resolve().parents[1]


def draai(*args: str, check: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line of THIS checkout (PYTHONPATH to its src), as a user would run it."""
    env = {"COLUMNS": "200", "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONIOENCODING": "utf-8",
           "HOME": str(Path.home()), "PYTHONPATH": str(SRC)}
    p = subprocess.run([sys.executable, "-m", "verdeelwijzer", *args], capture_output=True, text=True, cwd=cwd,
                       env=env)
    if check and p.returncode != 0:
        raise AssertionError(f"exit {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


def draai_json(*args: str) -> dict:
    return json.loads(draai(*args, "--format", "json").stdout)


def schrijf(pad: Path, regels: list[str]) -> Path:
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad
