"""The `verdeelwijzer` command line. Each command group lives in its own module and registers on `app`.

No calculation lives here: commands read input, call the core, and render the result.

Start-up time matters (a command should answer in a fraction of a second), so command modules are imported
lazily: `COMMANDOS` names, per top-level command, the modules that register it; only those are imported when
that command runs. `--help` on the top level imports them all to show every short help text.
"""

from __future__ import annotations

import importlib
import sys
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from verdeelwijzer.cli import nederlands
from verdeelwijzer.fouten import VerdeelwijzerFout

if TYPE_CHECKING:
    from rich.console import Console

# Top-level command → modules (under verdeelwijzer.cli) that register it, in the order `--help` lists them.
# A test checks this against what the modules really register.
COMMANDOS: dict[str, tuple[str, ...]] = {
    "bereken": ("afspraken",),
    "vergelijk-scenarios": ("afspraken",),
    "gemeenten": ("gegevens",),
    "betaalbaarheid": ("betaalbaarheid",),
    "regels": ("regels",),
    "serve": ("serve",),
    "verdeel": ("verdeel",),
    "vergelijk": ("verdeel",),
    "taakstelling": ("verdeel",),
    "afspraken": ("afspraken",),
    "regio": ("gegevens",),
    "sjabloon": ("sjabloon", "betaalbaarheid", "monitor", "analyse"),
    "monitor": ("monitor",),
    "gebruiker": ("serve",),
    "analyse": ("analyse",),
    "documenten": ("documenten",),
    "transferpunt": ("transferpunt",),
    "vaststelling": ("documenten",),
    "woonvormen": ("woonvormen",),
}


class _LuiGroep(TyperGroup):
    """A click group that imports a command's module only when that command is asked for. It hands out
    commands with Dutch help frame words (`nederlands`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nederlands.installeer()
        nederlands.vernederlands(self)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDOS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDOS:
            for module in COMMANDOS[cmd_name]:
                importlib.import_module(f"verdeelwijzer.cli.{module}")
            # Build the click tree of what is registered by now and take this command from it.
            gebouwd = typer.main.get_command(app)
            if isinstance(gebouwd, TyperGroup) and cmd_name in gebouwd.commands:
                self.commands[cmd_name] = gebouwd.commands[cmd_name]
        opdracht = self.commands.get(cmd_name)
        return nederlands.vernederlands(opdracht) if opdracht is not None else None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except TyperException as e:  # suggest from all command names, not only those imported so far
            bericht = getattr(e, "message", "")
            if args and bericht.startswith("No such command") and "Did you mean" not in bericht:
                treffers = get_close_matches(args[0], list(COMMANDOS))
                if treffers:
                    e.message = f"{bericht.rstrip('.')}. Did you mean {', '.join(repr(t) for t in treffers)}?"
            raise


app = typer.Typer(
    name="verdeelwijzer",
    help="Verdeelwijzer: eerlijke verdeling van betaalbare woningen en urgente woningzoekenden over gemeenten.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_LuiGroep,
)


@app.callback()
def _hoofd() -> None:
    # A callback keeps `app` a group even while no command module is imported yet.
    pass


def laad_alle_commandos() -> None:
    """Import every command module (for tests and tools that need the complete tree)."""
    for modules in COMMANDOS.values():
        for module in modules:
            importlib.import_module(f"verdeelwijzer.cli.{module}")


def _fout_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def main() -> None:
    """Entry point: turn every expected error into a Dutch message and exit code 2, never a traceback."""
    from verdeelwijzer.cli.gebruiksfouten import vertaal

    try:
        app(standalone_mode=False)
    except VerdeelwijzerFout as fout:
        _fout_console().print(f"[bold red]Fout:[/bold red] {fout}", highlight=False)
        sys.exit(2)
    except typer.Abort:
        _fout_console().print("Afgebroken.")
        sys.exit(1)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except TyperException as e:  # the parser's usage errors (typer vendors click)
        if type(e).__name__ == "NoArgsIsHelpError":  # no command given: the help was shown, nothing is wrong
            sys.exit(0)
        bericht = e.format_message() if hasattr(e, "format_message") else str(e)
        console = _fout_console()
        console.print(f"[bold red]Fout:[/bold red] {vertaal(bericht)}", highlight=False)
        console.print("Zie 'verdeelwijzer --help' of 'verdeelwijzer COMMANDO --help'.", style="dim")
        sys.exit(getattr(e, "exit_code", 2) or 2)
