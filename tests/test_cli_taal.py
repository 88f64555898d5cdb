"""Dutch help on the command line (issue 15, item 6): the framework's frame words ("Usage:", "Options",
"Show this message and exit.", "[default: …]") and type placeholders (`<list[str]>`, `<int range>`) are
Dutch for every command and subcommand."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

ENGELS = re.compile(r"Usage|Options|Arguments|Commands|Show this message|\[default:|\[required\]|<list|<str>|<int"
                    r"|<float|<path|<bool|<file|<datetime|x>=|x<=|COMMAND \[ARGS\]|\[OPTIONS\]")


def _paden() -> list[list[str]]:
    """Every command path in the tree, e.g. ['monitor', 'importeer']."""
    from verdeelwijzer.cli import COMMANDOS, app, laad_alle_commandos

    laad_alle_commandos()
    boom = typer.main.get_command(app)
    paden: list[list[str]] = []

    def loop(pad: list[str], opdracht) -> None:
        paden.append(pad)
        for naam, sub in getattr(opdracht, "commands", {}).items():
            loop([*pad, naam], sub)

    for naam in COMMANDOS:
        loop([naam], boom.commands[naam])  # type: ignore[attr-defined]
    return paden


def test_detector_vindt_engelse_kaderwoorden() -> None:
    assert ENGELS.search(" Usage: x [OPTIONS] ") and ENGELS.search("--x <list[str]>") and ENGELS.search("[default: 3]")
    assert not ENGELS.search(" Gebruik: x [OPTIES]  --x TEKST (herhaalbaar) [standaard: 3] [verplicht]")


def test_elke_hulptekst_is_nederlands() -> None:
    from verdeelwijzer.cli import app

    runner = CliRunner()
    paden = _paden()
    assert len(paden) > 30  # groups with their subcommands
    for pad in [[], *paden]:
        uit = runner.invoke(app, [*pad, "--help"], env={"COLUMNS": "200"})
        assert uit.exit_code == 0, (pad, uit.output)
        assert "Gebruik:" in uit.output and "Toon deze hulp en stop." in uit.output, (pad, uit.output)
        gevonden = ENGELS.findall(uit.output)
        assert not gevonden, (pad, gevonden, uit.output)


@pytest.mark.parametrize("args", [["--help"], ["verdeel", "--help"], ["monitor", "importeer", "--help"]])
def test_echte_opdrachtregel_is_nederlands(cli, args: list[str]) -> None:
    p = cli(*args)
    assert "Gebruik:" in p.stdout and "Opties" in p.stdout and not ENGELS.search(p.stdout), p.stdout


def test_plaatshouders_in_woorden(cli) -> None:
    p = cli("verdeel", "--help")
    assert "GETAL [minstens 0]" in p.stdout and "TEKST" in p.stdout and "BESTAND" in p.stdout
