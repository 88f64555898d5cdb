"""Start-up of the command line: command modules load lazily, heavy libraries stay off the import path, and
every command (and subcommand) still resolves with its options and help."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from conftest import REPO

ZWAAR = ("pandas", "numpy", "sqlalchemy", "fastapi", "openpyxl", "alembic", "xlsxwriter", "jinja2")


def _geladen(code: str) -> set[str]:
    """Top-level modules in sys.modules after running `code` in a fresh interpreter (this tree first)."""
    proces = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport json, sys; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True, env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    return {m.split(".")[0] for m in json.loads(proces.stdout.strip().splitlines()[-1])}


def test_cli_importeren_laadt_geen_zware_bibliotheken():
    geladen = _geladen("import verdeelwijzer.cli")
    assert not geladen & set(ZWAAR), sorted(geladen & set(ZWAAR))


def test_help_laadt_geen_database_of_web():
    geladen = _geladen("import sys\nsys.argv = ['verdeelwijzer', 'regels', '--help']\n"
                       "from verdeelwijzer.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass")
    assert not geladen & {"sqlalchemy", "fastapi", "alembic", "openpyxl"}


def test_register_klopt_met_wat_de_modules_registreren():
    import typer

    from verdeelwijzer.cli import COMMANDOS, app, laad_alle_commandos

    laad_alle_commandos()
    geregistreerd = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert sorted(geregistreerd) == sorted(COMMANDOS)
    assert sorted(typer.main.get_command(app).commands) == sorted(COMMANDOS)


def test_elk_commando_uit_help_werkt_met_help():
    from verdeelwijzer.cli import COMMANDOS, app

    runner = CliRunner()
    hoofd = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert hoofd.exit_code == 0
    for naam in COMMANDOS:
        assert f" {naam} " in hoofd.output, naam
        uit = runner.invoke(app, [naam, "--help"], env={"COLUMNS": "200"})
        assert uit.exit_code == 0 and "Gebruik" in uit.output, (naam, uit.output)


def test_subcommandos_blijven_bereikbaar():
    from verdeelwijzer.cli import app

    runner = CliRunner()
    for pad in (["regio", "lijst"], ["regio", "toon"], ["afspraken", "schema"], ["afspraken", "controleer"],
                ["sjabloon", "programma"], ["sjabloon", "monitoring"], ["monitor", "init"], ["monitor", "importeer"],
                ["monitor", "stand"], ["monitor", "vereffening"], ["monitor", "log"], ["gebruiker", "maak-beheerder"],
                ["gebruiker", "maak"], ["gebruiker", "lijst"]):
        uit = runner.invoke(app, [*pad, "--help"], env={"COLUMNS": "200"})
        assert uit.exit_code == 0 and "Gebruik" in uit.output, (pad, uit.output)


def test_onbekend_commando_krijgt_een_suggestie(cli):
    p = cli("verdeell", check=False)
    assert p.returncode == 2 and "Onbekend commando 'verdeell'" in p.stderr and "'verdeel'" in p.stderr


def test_verdeel_laadt_geen_pandas_database_of_web():
    geladen = _geladen("import sys\nsys.argv = ['verdeelwijzer', 'verdeel', '--regio', 'Haaglanden', '--totaal', '100',"
                       " '--sleutel', 'inwoners=1', '--format', 'json']\n"
                       "from verdeelwijzer.cli import main\nimport contextlib, io\n"
                       "with contextlib.redirect_stdout(io.StringIO()):\n    main()")
    assert not geladen & set(ZWAAR), sorted(geladen & set(ZWAAR))
