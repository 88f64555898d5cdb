"""The one way YAML is read: safe, bounded, fast (libyaml when present), errors in Dutch with file and line.

Used for every YAML a user can send (afsprakenkader, region files, parameter maps) and for the package's own
files. Before anything is built, the event stream is checked: aliases and anchors are refused (a 326-byte
"billion laughs" file otherwise expands to gigabytes), nesting depth and the number of nodes are capped
(5,000 levels would otherwise end in a RecursionError), and the file size is checked before reading.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from verdeelwijzer.fouten import InvoerFout, VerdeelwijzerFout
from verdeelwijzer.getaltekst import heel
from verdeelwijzer.grenzen import MAX_GETAL_TEKENS, MAX_YAML_BYTES, MAX_YAML_DIEPTE, MAX_YAML_KNOPEN

C_LOADER = hasattr(yaml, "CSafeLoader")
"""True when PyYAML has its C extension (libyaml): parsing then runs in C, several times faster."""

_Basis: type = yaml.CSafeLoader if C_LOADER else yaml.SafeLoader  # type: ignore[attr-defined]

_VOORLOOPNUL = re.compile(r"[+-]?0\d+")


class VeiligeLader(_Basis):  # type: ignore[misc,valid-type]
    """SafeLoader (C where available). A number written with a leading zero (`0014`, a gemeentecode) stays
    text: YAML 1.1 would silently read it as the octal number 12."""


def _construeer_int(loader: Any, node: yaml.ScalarNode) -> int | str:
    tekst = str(node.value).replace("_", "")
    if len(tekst) > MAX_GETAL_TEKENS:  # int() of 5,000 digits is slow, of more a ValueError
        raise yaml.constructor.ConstructorError(
            None, None, f"getal te lang ({len(tekst)} cijfers; verwacht hoogstens {MAX_GETAL_TEKENS})", node.start_mark
        )
    if _VOORLOOPNUL.fullmatch(tekst):
        return str(node.value)
    return yaml.SafeLoader.construct_yaml_int(loader, node)  # type: ignore[arg-type]


VeiligeLader.add_constructor("tag:yaml.org,2002:int", _construeer_int)


def _plek(mark: Any) -> str:
    return f", regel {mark.line + 1}, kolom {mark.column + 1}" if mark is not None else ""


def _controleer(tekst: str, bestand: str, fout: type[VerdeelwijzerFout], lader: type) -> None:
    """Walk the event stream (streaming, no recursion) and stop at the first alias, anchor, too deep
    nesting or too many nodes — before anything is composed or constructed."""
    diepte = 0
    knopen = 0
    for event in yaml.parse(tekst, Loader=lader):
        if isinstance(event, yaml.AliasEvent):
            raise fout(
                f"{bestand}{_plek(event.start_mark)}: verwijzingen (alias '*{event.anchor}') zijn niet toegestaan; "
                "schrijf de waarde uit."
            )
        if isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                raise fout(
                    f"{bestand}{_plek(event.start_mark)}: ankers ('&{event.anchor}') zijn niet toegestaan; "
                    "schrijf de waarde uit."
                )
            knopen += 1
            if knopen > MAX_YAML_KNOPEN:
                raise fout(
                    f"{bestand}{_plek(event.start_mark)}: te veel waarden; verwacht hoogstens "
                    f"{heel(MAX_YAML_KNOPEN)} waarden in één bestand."
                )
        if isinstance(event, yaml.CollectionStartEvent):
            diepte += 1
            if diepte > MAX_YAML_DIEPTE:
                raise fout(
                    f"{bestand}{_plek(event.start_mark)}: te diep genest; verwacht hoogstens {MAX_YAML_DIEPTE} "
                    "niveaus van lijsten en blokken."
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            diepte -= 1


def _tekst(inhoud: str | bytes, bestand: str, fout: type[VerdeelwijzerFout]) -> str:
    if len(inhoud) > MAX_YAML_BYTES:
        raise fout(f"{bestand}: bestand te groot ({heel(len(inhoud))} tekens); verwacht hoogstens "
                   f"{heel(MAX_YAML_BYTES)}.")
    if isinstance(inhoud, bytes):
        try:
            return inhoud.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise fout(f"{bestand}: geen UTF-8-tekst (fout bij byte {e.start + 1}).") from e
    return inhoud


# libyaml's most common complaints, in words a policy officer understands (others are shown as they are).
_REDENEN = {
    "did not find expected key": "hier wordt een veldnaam verwacht; klopt de inspringing?",
    "did not find expected ',' or ']'": "',' of ']' verwacht; is een lijst [ … ] niet gesloten?",
    "did not find expected ',' or '}'": "',' of '}' verwacht; is een blok { … } niet gesloten?",
    "mapping values are not allowed": "een ':' mag hier niet; zet tekst met een dubbele punt tussen aanhalingstekens",
    "could not find expected ':'": "':' verwacht na een veldnaam",
    "found unexpected end of stream": "het bestand houdt onverwacht op; ontbreekt een afsluitend aanhalingsteken?",
    "found character that cannot start any token": "een teken dat hier niet mag (een tab? gebruik spaties)",
    "did not find expected '-' indicator": "'-' verwacht: dit hoort een lijstregel te zijn",
    "did not find expected node content": "hier wordt een waarde verwacht",
}


def _vertaal(e: yaml.YAMLError, bestand: str, fout: type[VerdeelwijzerFout]) -> VerdeelwijzerFout:
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    reden = getattr(e, "problem", None) or str(e)
    reden = _REDENEN.get(reden, None) or next(
        (nl for en, nl in _REDENEN.items() if reden.startswith(en)), None
    ) or (f"inspringing of opbouw klopt niet ({reden})" if reden.startswith("expected ") else reden)
    return fout(f"{bestand}{_plek(mark)}: geen geldige YAML ({reden}).")


def knoop_yaml(
    inhoud: str | bytes, bestand: str, *, lader: type = VeiligeLader, fout: type[VerdeelwijzerFout] = InvoerFout
) -> yaml.Node | None:
    """The checked YAML as a node tree (with line numbers); `construeer` turns it into data."""
    tekst = _tekst(inhoud, bestand, fout)
    try:
        _controleer(tekst, bestand, fout, lader)
        laad = lader(tekst)
        try:
            return laad.get_single_node()
        finally:
            laad.dispose()
    except yaml.YAMLError as e:
        raise _vertaal(e, bestand, fout) from None


def construeer(
    knoop: yaml.Node | None, bestand: str, *, lader: type = VeiligeLader, fout: type[VerdeelwijzerFout] = InvoerFout
) -> Any:
    """Data from a node tree made by `knoop_yaml` (same loader), so a file is parsed only once."""
    if knoop is None:
        return None
    laad = lader("")
    try:
        return laad.construct_document(knoop)
    except yaml.YAMLError as e:
        raise _vertaal(e, bestand, fout) from None
    except RecursionError:  # unreachable within MAX_YAML_DIEPTE; kept so no traceback can escape
        raise fout(f"{bestand}: te diep genest.") from None
    finally:
        laad.dispose()


def lees_yaml(
    inhoud: str | bytes, bestand: str, *, lader: type = VeiligeLader, fout: type[VerdeelwijzerFout] = InvoerFout
) -> Any:
    """Safe, bounded YAML → Python data. `bestand` names the source in every (Dutch) error; `lader` may be a
    subclass of VeiligeLader with extra constructors (exact numbers); `fout` the error class to raise."""
    return construeer(knoop_yaml(inhoud, bestand, lader=lader, fout=fout), bestand, lader=lader, fout=fout)


def lees_yaml_bestand(
    pad: Path, bestand: str | None = None, *, lader: type = VeiligeLader, fout: type[VerdeelwijzerFout] = InvoerFout
) -> Any:
    """`lees_yaml` for a file: its size is checked before it is read."""
    naam = bestand or str(pad)
    try:
        grootte = pad.stat().st_size
        if grootte > MAX_YAML_BYTES:
            raise fout(f"{naam}: bestand te groot ({heel(grootte)} bytes); verwacht hoogstens "
                       f"{heel(MAX_YAML_BYTES)}.")
        inhoud = pad.read_bytes()
    except OSError as e:
        raise fout(f"{naam}: niet te lezen ({e.strerror or type(e).__name__}).") from e
    return lees_yaml(inhoud, naam, lader=lader, fout=fout)
