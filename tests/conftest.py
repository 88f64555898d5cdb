from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def draai(*args: str, check: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line (`python -m verdeelwijzer ...`) and return the finished process."""
    proces = subprocess.run(
        [sys.executable, "-m", "verdeelwijzer", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "HOME": str(Path.home())},
    )
    if check and proces.returncode != 0:
        raise AssertionError(f"exit {proces.returncode}\nstdout:\n{proces.stdout}\nstderr:\n{proces.stderr}")
    return proces


def draai_json(*args: str) -> dict:
    return json.loads(draai(*args, "--format", "json").stdout)


@pytest.fixture
def cli():
    return draai
