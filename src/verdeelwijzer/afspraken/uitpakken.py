"""An afsprakenkader delivered as a zip: the YAML file plus the files it names (herkomst, ingroeipad,
corporaties, eigen gegevens), extracted safely into an empty per-upload folder.

Everything is checked before a byte is written: size packed and unpacked, number of files, compression
ratio, names (no absolute paths, no '..', no links, only table and YAML files), exactly one YAML file at
the top. Extraction counts the bytes it writes, so a zip whose directory lies about sizes is stopped too.
The caller then reads the YAML with `laad_afspraken(pad, opgesloten=True)`: names inside it resolve only
inside the folder.
"""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path, PurePosixPath

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.grenzen import (
    MAX_ZIP_BESTANDEN,
    MAX_ZIP_BYTES,
    MAX_ZIP_DIEPTE,
    MAX_ZIP_UITGEPAKT,
    MAX_ZIP_VERHOUDING,
)

TOEGESTAAN = (".yaml", ".yml", ".csv", ".xlsx")
# Written by the Mac's and Windows' own "compress" commands; carry no data, so they are skipped, not refused.
_OVERSLAAN = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")


def is_zip(naam: str | None, inhoud: bytes) -> bool:
    return (naam or "").lower().endswith(".zip") or inhoud[:4] == b"PK\x03\x04"


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB"


def _overslaan(naam: str) -> bool:
    return naam.startswith("__MACOSX/") or PurePosixPath(naam).name in _OVERSLAAN or \
        PurePosixPath(naam).name.startswith("._")


def _veilige_naam(zipnaam: str, info: zipfile.ZipInfo) -> PurePosixPath:
    """The entry's path inside the zip, refused when it could leave the folder or is not a plain file."""
    naam = info.filename
    toon = naam[:200]
    if not naam.strip():
        raise InvoerFout(f"{zipnaam}: bevat een bestand zonder naam. Pak de zip opnieuw in.")
    if "\\" in naam or "\x00" in naam:
        raise InvoerFout(f"{zipnaam}: de naam '{toon}' bevat een teken dat niet in een bestandsnaam hoort "
                         "('\\' of een nulteken). Pak de zip opnieuw in met gewone mapnamen.")
    pad = PurePosixPath(naam)
    if pad.is_absolute() or (pad.parts and pad.parts[0].endswith(":")) or naam.startswith("~"):
        raise InvoerFout(f"{zipnaam}: '{toon}' is een absoluut pad. Een afsprakenkader-zip bevat alleen "
                         "bestanden met een naam ten opzichte van de zip zelf.")
    if ".." in pad.parts:
        raise InvoerFout(f"{zipnaam}: '{toon}' wijst met '..' naar een map buiten de zip; dat is niet toegestaan.")
    if len(pad.parts) > MAX_ZIP_DIEPTE + 1:
        raise InvoerFout(f"{zipnaam}: '{toon}' ligt meer dan {MAX_ZIP_DIEPTE} mappen diep.")
    soort = stat.S_IFMT(info.external_attr >> 16)
    if soort and soort != stat.S_IFREG:
        wat = "een snelkoppeling (symbolische link)" if soort == stat.S_IFLNK else "geen gewoon bestand"
        raise InvoerFout(f"{zipnaam}: '{toon}' is {wat}; een afsprakenkader-zip bevat alleen gewone bestanden.")
    if info.flag_bits & 0x1:
        raise InvoerFout(f"{zipnaam}: '{toon}' is met een wachtwoord beveiligd; lever de zip zonder wachtwoord aan.")
    if pad.suffix.lower() not in TOEGESTAAN:
        uitleg = " Een zip in een zip wordt niet uitgepakt." if pad.suffix.lower() == ".zip" else ""
        raise InvoerFout(f"{zipnaam}: '{toon}' is geen toegestaan bestand; verwacht alleen "
                         f"{', '.join(TOEGESTAAN)} (het afsprakenkader en de tabellen die het noemt).{uitleg}")
    return pad


def _yaml_bovenaan(zipnaam: str, paden: list[PurePosixPath]) -> tuple[PurePosixPath, int]:
    """The one YAML file at the top; a zip of a whole folder (everything under one folder) is accepted too.
    Returns the YAML path and how many leading folders to drop."""
    for weg in (0, 1):
        if weg and not (paden and len({p.parts[0] for p in paden}) == 1 and all(len(p.parts) > 1 for p in paden)):
            break
        boven = [p for p in paden if len(p.parts) == 1 + weg and p.suffix.lower() in (".yaml", ".yml")]
        if len(boven) == 1:
            return boven[0], weg
        if len(boven) > 1:
            namen = ", ".join(str(p) for p in boven)
            raise InvoerFout(f"{zipnaam}: bevat meer dan één YAML-bestand bovenaan ({namen}); verwacht precies één "
                             "afsprakenkader. Maak per afsprakenkader een eigen zip.")
    diep = [str(p) for p in paden if p.suffix.lower() in (".yaml", ".yml")]
    if diep:
        raise InvoerFout(f"{zipnaam}: het afsprakenkader ({', '.join(diep[:3])}) staat in een map; zet het "
                         "YAML-bestand bovenaan in de zip, met de bestanden die het noemt ernaast.")
    raise InvoerFout(f"{zipnaam}: bevat geen afsprakenkader (.yaml); verwacht het YAML-bestand bovenaan in de zip.")


def pak_uit(inhoud: bytes, zipnaam: str, doel: Path) -> Path:
    """Extract the zip into the empty folder `doel` and return the path of its afsprakenkader (YAML).
    Errors name the zip and the file inside it; nothing outside `doel` is ever written."""
    if len(inhoud) > MAX_ZIP_BYTES:
        raise InvoerFout(f"{zipnaam}: de zip is te groot ({_mb(len(inhoud))}); verwacht hoogstens "
                         f"{_mb(MAX_ZIP_BYTES)}.")
    try:
        z = zipfile.ZipFile(io.BytesIO(inhoud))
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise InvoerFout(f"{zipnaam}: is geen geldig zipbestand. Lever een .zip aan (of het YAML-bestand zelf)."
                         ) from None
    with z:
        # `ZipInfo.is_dir` fails on an empty name; such an entry is refused by `_veilige_naam` below.
        bestanden = [i for i in infos if not i.filename.endswith("/") and not _overslaan(i.filename)]
        if len(bestanden) > MAX_ZIP_BESTANDEN:
            raise InvoerFout(f"{zipnaam}: bevat {len(bestanden)} bestanden; verwacht hoogstens {MAX_ZIP_BESTANDEN} "
                             "(het afsprakenkader en de bestanden die het noemt).")
        paden = [_veilige_naam(zipnaam, i) for i in bestanden]
        gezien: dict[str, str] = {}
        for p in paden:
            if str(p).lower() in gezien:
                raise InvoerFout(f"{zipnaam}: '{p}' staat twee keer in de zip.")
            gezien[str(p).lower()] = str(p)
        totaal = sum(i.file_size for i in bestanden)
        if totaal > MAX_ZIP_UITGEPAKT:
            raise InvoerFout(f"{zipnaam}: uitgepakt zou de zip {_mb(totaal)} zijn; verwacht hoogstens "
                             f"{_mb(MAX_ZIP_UITGEPAKT)}. Er is niets uitgepakt.")
        for i, p in zip(bestanden, paden, strict=True):
            if i.file_size > 1_000_000 and i.file_size > MAX_ZIP_VERHOUDING * max(i.compress_size, 1):
                raise InvoerFout(f"{zipnaam}: '{p}' is meer dan {MAX_ZIP_VERHOUDING}× gecomprimeerd; zo comprimeert "
                                 "geen echte tabel. Er is niets uitgepakt.")
        yaml_pad, weg = _yaml_bovenaan(zipnaam, paden)
        basis = doel.resolve()
        geschreven = 0
        for i, p in zip(bestanden, paden, strict=True):
            relatief = PurePosixPath(*p.parts[weg:])
            uit = basis.joinpath(*relatief.parts)
            if not uit.resolve().is_relative_to(basis):  # belt and braces: the name checks above already refuse this
                raise InvoerFout(f"{zipnaam}: '{p}' ligt buiten de map van de zip.")
            uit.parent.mkdir(parents=True, exist_ok=True)
            try:
                with z.open(i) as bron, uit.open("xb") as schrijf:
                    dit = 0
                    while blok := bron.read(65536):
                        dit += len(blok)
                        geschreven += len(blok)
                        if geschreven > MAX_ZIP_UITGEPAKT or dit > i.file_size:
                            raise InvoerFout(f"{zipnaam}: '{p}' is uitgepakt groter dan de zip opgeeft; het "
                                             "uitpakken is gestopt.")
                        schrijf.write(blok)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as e:
                if isinstance(e, FileExistsError):
                    raise InvoerFout(f"{zipnaam}: '{p}' staat twee keer in de zip.") from None
                raise InvoerFout(f"{zipnaam}: '{p}' kan niet worden uitgepakt (beschadigd of onbekende "
                                 "compressie).") from None
        return basis.joinpath(*PurePosixPath(*yaml_pad.parts[weg:]).parts)
