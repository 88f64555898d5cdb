from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from verdeelwijzer.gegevens import laad_gemeenten
from verdeelwijzer.opslag import open_database
from verdeelwijzer.opslag.afspraken import leg_afspraak_vast
from verdeelwijzer.opslag.testhulp import pg_bereikbaar, tijdelijke_url, voorbeeldafspraak

REPO = Path(__file__).resolve().parents[1]


def draai(*args: str, check: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line (`python -m verdeelwijzer ...`) and return the finished process."""
    proces = subprocess.run(
        [sys.executable, "-m", "verdeelwijzer", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "HOME": str(Path.home()),
             # the tree under test, not whatever an editable install points at
             "PYTHONPATH": os.pathsep.join([str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])},
    )
    if check and proces.returncode != 0:
        raise AssertionError(f"exit {proces.returncode}\nstdout:\n{proces.stdout}\nstderr:\n{proces.stderr}")
    return proces


def draai_json(*args: str) -> dict:
    return json.loads(draai(*args, "--format", "json").stdout)


@pytest.fixture
def cli():
    return draai


# Database fixtures shared by the storage and monitoring tests.
_PG_REDEN: list[str | None] = []


def _pg_reden() -> str | None:
    if not _PG_REDEN:
        _PG_REDEN.append(pg_bereikbaar())
    return _PG_REDEN[0]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty database URL, once on SQLite and once on PostgreSQL (skipped when unreachable)."""
    if request.param == "postgresql" and _pg_reden():
        pytest.skip(_pg_reden())
    with tijdelijke_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def db(db_url):
    database = open_database(db_url)
    yield database
    database.sluit()


@pytest.fixture
def regio_db(db):
    """A database with the fictitious test agreement adopted."""
    with db.sessie() as s:
        leg_afspraak_vast(s, voorbeeldafspraak(), door="test")
    return db


@pytest.fixture(scope="session")
def gegevens():
    return laad_gemeenten()


@pytest.fixture(scope="session")
def namen(gegevens):
    return {c: gegevens.naam(c) for c in gegevens.tabel.index}
