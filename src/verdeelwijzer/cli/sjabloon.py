"""The `sjabloon` command group: templates users fill in and import. Other modules add subcommands
to `sjabloon_app` (e.g. `sjabloon monitoring` in cli/monitor.py)."""

from __future__ import annotations

import typer

from verdeelwijzer.cli import app

sjabloon_app = typer.Typer(help="Sjablonen (Excel en CSV) om cijfers in te vullen en in te lezen.",
                           no_args_is_help=True)
app.add_typer(sjabloon_app, name="sjabloon")
