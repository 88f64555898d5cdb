"""Reading an afsprakenkader file: YAML → validated model, every error in Dutch with line and field."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from verdeelwijzer.afspraken.schema import Afsprakenkader
from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.grenzen import MAX_YAML_BYTES
from verdeelwijzer.yamlbestand import construeer, knoop_yaml

_VERTALING = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld",
    "int_parsing": "verwacht een heel getal",
    "int_type": "verwacht een heel getal",
    "int_from_float": "verwacht een heel getal",
    "decimal_parsing": "verwacht een getal",
    "decimal_type": "verwacht een getal",
    "string_type": "verwacht tekst",
    "bool_parsing": "verwacht ja/nee (true/false)",
    "bool_type": "verwacht ja/nee (true/false)",
    "date_from_datetime_parsing": "verwacht een datum JJJJ-MM-DD",
    "date_parsing": "verwacht een datum JJJJ-MM-DD",
    "date_type": "verwacht een datum JJJJ-MM-DD",
    "list_type": "verwacht een lijst",
    "dict_type": "verwacht een lijst van sleutel: waarde",
    "model_type": "verwacht een blok met velden",
    "greater_than_equal": "moet ≥ {ge} zijn",
    "less_than_equal": "moet ≤ {le} zijn",
    "greater_than": "moet > {gt} zijn",
    "less_than": "moet < {lt} zijn",
    "literal_error": "verwacht een van: {expected}",
    "string_too_short": "mag niet leeg zijn",
}


@dataclass(frozen=True)
class GeladenAfspraken:
    """`opgesloten`: an uploaded agreement (web). Files it names must then lie inside its own folder (the
    upload's temporary folder), and its region is never read from a file."""

    kader: Afsprakenkader
    pad: Path
    tekst: str
    opgesloten: bool = False

    @property
    def map(self) -> Path:
        return self.pad.parent

    def pad_van(self, relatief: str) -> Path:
        """Files named in the agreement are relative to the agreement file. For an upload (`opgesloten`) an
        absolute path, '..' or a symbolic link that leads out of the upload's folder is refused before
        anything is read."""
        p = Path(relatief)
        if not self.opgesloten:
            return p if p.is_absolute() else self.map / p
        buiten = InvoerFout(
            f"{self.pad.name}: het bestand '{relatief[:200]}' ligt buiten de map van het afsprakenkader. Bij een "
            "geüpload afsprakenkader kunnen alleen bestanden naast het YAML-bestand worden gebruikt, zonder map "
            "ervoor ('..', '/').")
        if p.is_absolute() or p.anchor or ".." in p.parts or relatief.startswith("~"):
            raise buiten
        basis = self.map.resolve()
        if not (basis / p).resolve().is_relative_to(basis):  # a symbolic link pointing out
            raise buiten
        return self.map / p


def json_schema() -> str:
    """The published JSON Schema, so editors can complete and check afsprakenkader files."""
    schema = Afsprakenkader.model_json_schema()
    schema["title"] = "Verdeelwijzer afsprakenkader"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def laad_afspraken(pad: Path | str, *, opgesloten: bool = False) -> GeladenAfspraken:
    """Read and validate an agreement file. `opgesloten=True` for an upload: the files it names are
    confined to its folder (see `GeladenAfspraken.pad_van`)."""
    pad = Path(pad)
    if not pad.is_file():
        raise InvoerFout(f"Afsprakenbestand '{pad}' bestaat niet.")
    if pad.stat().st_size > MAX_YAML_BYTES:
        raise InvoerFout(f"Afsprakenbestand '{pad}' is te groot; verwacht hoogstens {MAX_YAML_BYTES:,} bytes.")
    try:
        tekst = pad.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise InvoerFout(f"Afsprakenbestand '{pad}' is geen UTF-8-tekst.") from e
    return GeladenAfspraken(lees_afspraken_tekst(tekst, str(pad)), pad, tekst, opgesloten)


def lees_afspraken_tekst(tekst: str, bestandsnaam: str = "<tekst>") -> Afsprakenkader:
    knoop = knoop_yaml(tekst, bestandsnaam)  # bounded: no aliases, depth and size capped
    data = construeer(knoop, bestandsnaam)
    if not isinstance(data, dict):
        raise InvoerFout(f"{bestandsnaam}: verwacht een YAML-blok met velden (naam, regio, periode, …).")
    lijstposities: set[tuple[Any, ...]] = set()
    regels = _regelnummers(knoop, (), lijstposities)
    try:
        return Afsprakenkader.model_validate(data)
    except ValidationError as e:
        raise InvoerFout(_meld(e, bestandsnaam, regels, lijstposities)) from e


def _regelnummers(
    knoop: yaml.Node | None, pad: tuple[Any, ...], lijstposities: set[tuple[Any, ...]]
) -> dict[tuple[Any, ...], int]:
    """Map every path in the YAML document to the (1-based) line where it starts; collect the paths
    that are positions in a list (so they can be shown counted from 1)."""
    uit: dict[tuple[Any, ...], int] = {}
    if knoop is None:
        return uit
    uit[pad] = knoop.start_mark.line + 1
    if isinstance(knoop, yaml.MappingNode):
        for sleutel, waarde in knoop.value:
            naam = construeer(sleutel, "") if isinstance(sleutel, yaml.ScalarNode) else sleutel
            uit[(*pad, naam)] = sleutel.start_mark.line + 1
            onder = _regelnummers(waarde, (*pad, naam), lijstposities)
            uit.update({k: v for k, v in onder.items() if k != (*pad, naam)})
    elif isinstance(knoop, yaml.SequenceNode):
        for i, item in enumerate(knoop.value):
            lijstposities.add((*pad, i))
            uit.update(_regelnummers(item, (*pad, i), lijstposities))
    return uit


def _meld(
    fout: ValidationError, bestandsnaam: str, regels: dict[tuple[Any, ...], int], lijstposities: set[tuple[Any, ...]]
) -> str:
    meldingen = []
    fouten = [
        (tuple(p for p in f["loc"] if not (isinstance(p, str) and ("[" in p or p in _UNIE_TAKKEN))), f)
        for f in fout.errors()
    ]
    # A union reports every branch; the deepest complaint is the one that explains the problem.
    locs = [loc for loc, _ in fouten]
    fouten = [(loc, f) for loc, f in fouten if not any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs)]
    for loc, f in fouten:
        regel = _regel(loc, regels)
        veld = _veldnaam(loc, lijstposities)
        reden = _reden(f)
        if f["type"] == "extra_forbidden":
            reden += _suggestie(loc)
        meldingen.append(f"{bestandsnaam}, regel {regel}, veld '{veld}': {reden}")
    uniek = list(dict.fromkeys(meldingen))
    return "Het afsprakenbestand is niet geldig:\n" + "\n".join(f"  - {m}" for m in uniek)


# pydantic names the branch of a union in the location ("int", "dict[int,...]"); users never wrote those.
_UNIE_TAKKEN = {"int", "str", "list[str]", "constrained-int", "function-after"}


def _veldnaam(loc: tuple[Any, ...], lijstposities: set[tuple[Any, ...]]) -> str:
    """'categorieen[2].plafond': list positions counted from 1, as a reader counts them."""
    tekst = ""
    for n, p in enumerate(loc):
        if isinstance(p, int) and loc[: n + 1] in lijstposities:
            tekst += f"[{p + 1}]"
        else:
            tekst += f".{p}" if tekst else str(p)
    return tekst or "(bestand)"


def _regel(loc: tuple[Any, ...], regels: dict[tuple[Any, ...], int]) -> int:
    for n in range(len(loc), -1, -1):
        if loc[:n] in regels:
            return regels[loc[:n]]
    return 1


def _reden(f: Any) -> str:
    sjabloon = _VERTALING.get(f["type"])
    ctx = f.get("ctx") or {}
    if sjabloon:
        try:
            return sjabloon.format(**ctx).replace("' or '", "' of '")
        except (KeyError, IndexError):
            return sjabloon
    if f["type"] == "value_error":
        return str(ctx.get("error", f["msg"]))
    return f["msg"]


def _suggestie(loc: tuple[Any, ...]) -> str:
    """Suggest the nearest allowed field name for an unknown key."""
    model: type[BaseModel] | None = Afsprakenkader
    for deel in loc[:-1]:
        if model is None or isinstance(deel, int):
            continue
        veld = model.model_fields.get(str(deel))
        model = _model_van(veld.annotation) if veld else None
    if model is None:
        return ""
    velden = list(model.model_fields)
    dichtbij = difflib.get_close_matches(str(loc[-1]), velden, n=1, cutoff=0.5)
    toegestaan = ", ".join(velden)
    return (f"; bedoelt u '{dichtbij[0]}'?" if dichtbij else "") + f" Toegestaan: {toegestaan}."


def _model_van(annotatie: Any) -> type[BaseModel] | None:
    import typing

    if isinstance(annotatie, type) and issubclass(annotatie, BaseModel):
        return annotatie
    for arg in typing.get_args(annotatie):
        gevonden = _model_van(arg)
        if gevonden:
            return gevonden
    return None
