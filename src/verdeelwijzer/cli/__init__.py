"""The `verdeelwijzer` command line. Each command group lives in its own module and registers on `app`.

No calculation lives here: commands read input, call the core, and render the result.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from typer.exceptions import TyperException

from verdeelwijzer.fouten import VerdeelwijzerFout

app = typer.Typer(
    name="verdeelwijzer",
    help="Verdeelwijzer: eerlijke verdeling van betaalbare woningen en urgente woningzoekenden over gemeenten.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

fout_console = Console(stderr=True)

# Command modules register themselves on `app` when imported (one line per module).
from verdeelwijzer.cli import afspraken as _afspraken  # noqa: E402,F401
from verdeelwijzer.cli import betaalbaarheid as _betaalbaarheid  # noqa: E402,F401
from verdeelwijzer.cli import gegevens as _gegevens  # noqa: E402,F401
from verdeelwijzer.cli import monitor as _monitor  # noqa: E402,F401
from verdeelwijzer.cli import regels as _regels  # noqa: E402,F401
from verdeelwijzer.cli import serve as _serve  # noqa: E402,F401
from verdeelwijzer.cli import transferpunt as _transferpunt  # noqa: E402,F401
from verdeelwijzer.cli import verdeel as _verdeel  # noqa: E402,F401


def main() -> None:
    """Entry point: turn every expected error into a Dutch message and exit code 2, never a traceback."""
    from verdeelwijzer.cli.gebruiksfouten import vertaal

    try:
        app(standalone_mode=False)
    except VerdeelwijzerFout as fout:
        fout_console.print(f"[bold red]Fout:[/bold red] {fout}", highlight=False)
        sys.exit(2)
    except typer.Abort:
        fout_console.print("Afgebroken.")
        sys.exit(1)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except TyperException as e:  # the parser's usage errors (typer vendors click)
        bericht = e.format_message() if hasattr(e, "format_message") else str(e)
        fout_console.print(f"[bold red]Fout:[/bold red] {vertaal(bericht)}", highlight=False)
        fout_console.print("Zie 'verdeelwijzer --help' of 'verdeelwijzer COMMANDO --help'.", style="dim")
        sys.exit(getattr(e, "exit_code", 2) or 2)
