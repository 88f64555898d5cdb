"""Reading generated documents back: DOCX tables and text (python-docx), PDF text (pypdf), pages as PNG
(pypdfium2, with a tiny pure-Python PNG encoder: no Pillow, no pdftoppm)."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import zlib
from pathlib import Path

from docx import Document as LeesDocx


def docx_tabellen(pad: Path | bytes) -> list[list[list[str]]]:
    doc = LeesDocx(io.BytesIO(pad) if isinstance(pad, bytes) else str(pad))
    return [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables]


def docx_tekst(pad: Path | bytes) -> str:
    doc = LeesDocx(io.BytesIO(pad) if isinstance(pad, bytes) else str(pad))
    delen = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for r in t.rows:
            delen.extend(c.text for c in r.cells)
    return "\n".join(delen)


def pdf_paginas(pad: Path | bytes) -> list[str]:
    from pypdf import PdfReader

    lezer = PdfReader(io.BytesIO(pad) if isinstance(pad, bytes) else str(pad))
    return [p.extract_text() or "" for p in lezer.pages]


def plat(tekst: str) -> str:
    """Whitespace folded to single spaces (PDF text extraction breaks lines anywhere)."""
    return re.sub(r"\s+", " ", tekst)


def getal(tekst: str) -> int:
    """'1.227' → 1227 (Dutch thousands separator)."""
    return int(tekst.replace(".", "").replace("−", "-"))


def png(pixels: bytes, breedte: int, hoogte: int) -> bytes:
    """Encode RGB rows as PNG (filter 0 per row)."""
    rij = breedte * 3
    ruw = b"".join(b"\x00" + pixels[y * rij:(y + 1) * rij] for y in range(hoogte))

    def blok(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + blok(b"IHDR", struct.pack(">IIBBBBB", breedte, hoogte, 8, 2, 0, 0, 0))
            + blok(b"IDAT", zlib.compress(ruw, 9)) + blok(b"IEND", b""))


def pagina_als_png(pdf: Path | bytes, pagina: int = 0, schaal: float = 1.0) -> tuple[bytes, bytes, int, int]:
    """(png, rgb pixels, width, height) of one page, rendered with pypdfium2."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    bitmap = doc[pagina].render(scale=schaal, rev_byteorder=True)
    rgb = bitmap.to_numpy()[:, :, :3].copy()
    h, w = rgb.shape[:2]
    pixels = rgb.tobytes()
    return png(pixels, w, h), pixels, w, h


def draai(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The real command line of *this* checkout (src/ first on the path, whatever is installed)."""
    import sys

    repo = Path(__file__).resolve().parents[2]
    proces = subprocess.run(
        [sys.executable, "-m", "verdeelwijzer", *args], capture_output=True, text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "HOME": str(Path.home()),
             "PYTHONPATH": str(repo / "src")},
    )
    if check and proces.returncode != 0:
        raise AssertionError(f"exit {proces.returncode}\nstdout:\n{proces.stdout}\nstderr:\n{proces.stderr}")
    return proces
