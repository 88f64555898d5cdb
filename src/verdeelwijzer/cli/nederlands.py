"""Dutch frame words for the command line's help: typer prints "Usage:", "Options", "Show this message and
exit.", "[default: …]" and placeholders such as `<list[str]>` in English; a policy officer reads
"Gebruik:", "Opties", "Toon deze hulp en stop.", "[standaard: …]" and "TEKST (herhaalbaar)".

How: typer's help panels read module constants of `typer.rich_utils` at call time (meant to be set by an
application, like the STYLE_* constants next to them); the few strings typer's vendored click builds inline
(the usage prefix, the help option, the group's placeholders) are set on the command objects themselves when
`_LuiGroep` hands them out; typer's own gettext calls (`typer.core._`) get a Dutch catalogue. A test runs
`--help` on every command and subcommand and fails on any English frame word.
"""

from __future__ import annotations

from typing import Any

# typer.rich_utils constants → Dutch.
PANEELTEKSTEN = {
    "ARGUMENTS_PANEL_TITLE": "Argumenten",
    "OPTIONS_PANEL_TITLE": "Opties",
    "COMMANDS_PANEL_TITLE": "Opdrachten",
    "ERRORS_PANEL_TITLE": "Fout",
    "DEFAULT_STRING": "[standaard: {}]",
    "ENVVAR_STRING": "[omgevingsvariabele: {}]",
    "REQUIRED_LONG_STRING": "[verplicht]",
    "DEPRECATED_STRING": "(verouderd) ",
    "ABORTED_TEXT": "Afgebroken.",
    "RICH_HELP": "Zie [blue]'{command_path} {help_option}'[/] voor hulp.",
}
# typer.core's gettext strings (plain-text help and a few messages) → Dutch.
CATALOGUS = {
    "Arguments": "Argumenten", "Options": "Opties", "Commands": "Opdrachten", "(dynamic)": "(wisselend)",
    "default: {default}": "standaard: {default}", "required": "verplicht", "env var: {var}":
    "omgevingsvariabele: {var}", "Aborted!": "Afgebroken.", "Missing command.": "Opdracht ontbreekt.",
}
GEBRUIK = "Gebruik: "
OPTIES = "[OPTIES]"
OPDRACHT = "OPDRACHT [ARGUMENTEN]..."
HULP = "Toon deze hulp en stop."

_geinstalleerd = False


def _vertaal(tekst: str) -> str:
    return CATALOGUS.get(tekst, tekst)


def installeer() -> None:
    """Set the Dutch panel titles and catalogue (once, before any help is printed). This reaches into typer's
    internals (pinned to one minor version in pyproject.toml); should they move, the help stays English rather
    than the command line failing — and tests/test_cli_taal.py turns red."""
    global _geinstalleerd
    if _geinstalleerd:
        return
    try:
        _installeer()
    except (ImportError, AttributeError):
        pass
    _geinstalleerd = True


def _installeer() -> None:
    import typer.core
    import typer.rich_utils as ru
    from typer._click import formatting

    for naam, tekst in PANEELTEKSTEN.items():
        if hasattr(ru, naam):
            setattr(ru, naam, tekst)
    typer.core._ = _vertaal  # type: ignore[attr-defined]
    # The usage line's prefix is a default argument of the vendored click's formatter.
    origineel = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        origineel(self, prog, args, GEBRUIK if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]


def bereik(minimum: Any, maximum: Any) -> str | None:
    """'minstens 0', 'hoogstens 100', 'van 0 tot en met 100' (typer writes 'x>=0')."""
    if minimum is None and maximum is None:
        return None
    if maximum is None:
        return f"minstens {minimum}"
    if minimum is None:
        return f"hoogstens {maximum}"
    return f"van {minimum} tot en met {maximum}"


def plaatshouder(param: Any) -> str:
    """The value placeholder in words ('TEKST', 'GETAL', 'BESTAND', 'a|b', 'TEKST (herhaalbaar)'); '' for a
    switch that takes no value."""
    from datetime import datetime
    from typing import get_args

    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    desc = getattr(param, "type_descriptor", None)
    if desc is None:
        return "WAARDE"
    annotatie = desc.annotation
    herhaalbaar = desc.is_list
    if herhaalbaar:
        args = get_args(annotatie)
        annotatie = args[0] if len(args) == 1 else str
    if desc.is_choice:
        woord = "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    elif desc.is_path or desc.is_file:
        info = desc.parameter_info
        woord = "MAP" if getattr(info, "dir_okay", True) and not getattr(info, "file_okay", True) else "BESTAND"
    elif annotatie is bool:
        woord = "ja|nee"
    elif annotatie is int or annotatie is float:
        woord = "GETAL"
    elif annotatie is datetime or getattr(annotatie, "__name__", "") == "date":
        woord = "DATUM"
    elif desc.is_tuple:
        woord = " ".join("GETAL" if a in (int, float) else "TEKST" for a in get_args(desc.annotation))
    else:
        woord = "TEKST"
    return f"{woord} (herhaalbaar)" if herhaalbaar else woord


def vernederlands(opdracht: Any) -> Any:
    """Dutch placeholders, ranges and help option on a click command and everything under it (idempotent;
    English help, never a failure, should typer's internals move)."""
    if getattr(opdracht, "_vw_nederlands", False):
        return opdracht
    opdracht._vw_nederlands = True
    try:
        _vernederlands(opdracht)
    except (ImportError, AttributeError):
        pass
    return opdracht


def _vernederlands(opdracht: Any) -> None:
    from typer._click import Context

    if getattr(opdracht, "options_metavar", None):
        opdracht.options_metavar = OPTIES
    if hasattr(opdracht, "subcommand_metavar"):
        opdracht.subcommand_metavar = OPDRACHT
    hulp = opdracht.get_help_option(Context(opdracht)) if hasattr(opdracht, "get_help_option") else None
    for param in [*getattr(opdracht, "params", []), *([hulp] if hulp is not None else [])]:
        woord = plaatshouder(param)
        param.display_type_rich = lambda ctx, w=woord: w or None
        if hasattr(param, "_get_number_range_help_str"):
            param._get_number_range_help_str = (
                lambda p=param: None if getattr(p, "count", False) else bereik(getattr(p, "min", None),
                                                                                 getattr(p, "max", None)))
    if hulp is not None:
        hulp.help = HULP
    for sub in getattr(opdracht, "commands", {}).values():
        vernederlands(sub)
