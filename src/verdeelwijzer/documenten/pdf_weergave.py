"""Rendering a `Document` to PDF with Typst (the `typst` PyPI package: no system libraries or fonts).

The PDF is tagged and conforms to PDF/UA-1 where Typst allows, carries Dutch as its language, embeds the
fonts shipped inside the typst package (system fonts are ignored, so every machine renders the same), and
has fixed metadata (no creation time), so identical input gives an identical PDF.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from verdeelwijzer.documenten.model import Document


@lru_cache(maxsize=1)
def _sjabloon() -> bytes:
    return resources.files("verdeelwijzer.documenten").joinpath("sjabloon.typ").read_bytes()


def schrijf_pdf(document: Document) -> bytes:
    import typst

    data = json.dumps(document.als_dict(), ensure_ascii=False, sort_keys=True)
    pdf = typst.compile(_sjabloon(), format="pdf", sys_inputs={"doc": data}, ignore_system_fonts=True,
                        pdf_standards=["ua-1"], timestamp=0)
    assert isinstance(pdf, bytes)
    return pdf


def pagina_png(document: Document, pagina: int = 0, ppi: int = 110) -> bytes:
    """One page as PNG straight from Typst (for screenshots; tests use pypdfium2 on the PDF instead)."""
    import typst

    data = json.dumps(document.als_dict(), ensure_ascii=False, sort_keys=True)
    uit = typst.compile(_sjabloon(), format="png", ppi=ppi, sys_inputs={"doc": data}, ignore_system_fonts=True)
    paginas = uit if isinstance(uit, list) else [uit]
    return paginas[pagina]
