"""Rendering a `Document` to DOCX (python-docx), byte-for-byte reproducible.

Word users paste and edit, so the file uses the built-in styles (Kop 1/2, Lijstopsomming, Tabelraster),
Dutch as proofing language, header rows that repeat on every page, alt text on every picture and a
"FICTIEF" header on every page of an example. Metadata dates come from the document (the agreement's
besluit or peildatum) and the zip entries get a fixed timestamp, so identical input gives identical bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document as NieuwDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from verdeelwijzer.documenten.figuren import svg_naar_png
from verdeelwijzer.documenten.model import (
    GEREGELD,
    Alinea,
    Checklist,
    Clausule,
    Document,
    Figuur,
    Opsomming,
    Tabel,
)

TAAL = "nl-NL"
ZIPTIJD = (1980, 1, 1, 0, 0, 0)


def _taal(element: object) -> None:
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), TAAL)


def _herhaal_kop(rij: object) -> None:
    trpr = rij._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    kop = OxmlElement("w:tblHeader")
    kop.set(qn("w:val"), "true")
    trpr.append(kop)


def _tabel(doc: object, t: Tabel) -> None:
    kop = doc.add_paragraph(t.titel, style="Caption")  # type: ignore[attr-defined]
    kop.paragraph_format.keep_with_next = True
    tabel = doc.add_table(rows=1, cols=len(t.kolommen))  # type: ignore[attr-defined]
    tabel.style = "Table Grid"
    rechts = t.rechts or (False,) * len(t.kolommen)
    for i, k in enumerate(t.kolommen):
        cel = tabel.rows[0].cells[i]
        cel.text = ""
        run = cel.paragraphs[0].add_run(k)
        run.bold = True
        if rechts[i]:
            cel.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _herhaal_kop(tabel.rows[0])
    for rij in t.rijen:
        cellen = tabel.add_row().cells
        for i, waarde in enumerate(rij):
            cellen[i].text = waarde
            if rechts[i]:
                cellen[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for noot in t.voetnoten:
        p = doc.add_paragraph(noot)  # type: ignore[attr-defined]
        p.runs[0].font.size = Pt(8)


def _figuur(doc: object, f: Figuur) -> None:
    png = svg_naar_png(f.svg, f.breedte_cm)
    doc.add_picture(io.BytesIO(png), width=Cm(f.breedte_cm))  # type: ignore[attr-defined]
    # Alt text for screen readers: the picture's docPr/@descr.
    inline = doc.paragraphs[-1].runs[-1]._r.findall(".//" + qn("wp:docPr"))  # type: ignore[attr-defined]
    for pr in inline:
        pr.set("descr", f.alt)
        pr.set("title", f.bijschrift)
    doc.add_paragraph(f.bijschrift, style="Caption")  # type: ignore[attr-defined]


def _checklist(doc: object, c: Checklist) -> None:
    _tabel(doc, Tabel(c.titel, ("onderwerp", "status", "wat de regionale afspraak regelt"),
                      tuple((i.onderwerp, ("✔ " if i.status == GEREGELD else "☐ ") + i.status, i.tekst)
                            for i in c.items)))


def schrijf_docx(document: Document) -> bytes:
    doc = NieuwDocument()
    stijlen = doc.styles
    normaal = stijlen["Normal"]
    normaal.font.name = "Calibri"
    normaal.font.size = Pt(10.5)
    for stijl in ("Normal", "Heading 1", "Heading 2", "Title", "Subtitle", "Caption"):
        _taal(stijlen[stijl].element)
    for lang in stijlen.element.iter(qn("w:lang")):  # document defaults too (the template says en-US)
        lang.set(qn("w:val"), TAAL)
    datum = datetime.fromisoformat(document.datum)
    kern = doc.core_properties
    kern.title = document.titel
    kern.subject = document.ondertitel
    kern.author = document.auteur
    kern.last_modified_by = document.auteur
    kern.language = TAAL
    kern.keywords = ", ".join(document.trefwoorden)
    kern.created = datum
    kern.modified = datum
    kern.revision = 1
    kern.comments = "Gemaakt met Verdeelwijzer" + (" — FICTIEF VOORBEELD" if document.fictief else "")

    sectie = doc.sections[0]
    sectie.page_height, sectie.page_width = Cm(29.7), Cm(21.0)
    sectie.left_margin = sectie.right_margin = Cm(2.2)
    kop = sectie.header.paragraphs[0]
    kop.text = ("FICTIEF VOORBEELD — geen echte afspraak · " if document.fictief else "") + document.titel
    kop.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if document.fictief:
        kop.runs[0].font.color.rgb = RGBColor(0xB4, 0x23, 0x18)
        kop.runs[0].bold = True

    doc.add_heading(document.titel, level=0)
    doc.add_paragraph(document.ondertitel, style="Subtitle")
    for s in document.secties:
        doc.add_heading(s.titel, level=min(s.niveau, 2))
        for b in s.blokken:
            if isinstance(b, Alinea):
                p = doc.add_paragraph()
                run = p.add_run(b.tekst)
                run.bold = b.nadruk
            elif isinstance(b, Opsomming):
                for item in b.items:
                    doc.add_paragraph(item, style="List Bullet")
            elif isinstance(b, Clausule):
                p = doc.add_paragraph()
                p.add_run(f"Artikel {b.nummer}. {b.titel}").bold = True
                p.paragraph_format.keep_with_next = True
                for i, lid in enumerate(b.leden, start=1):
                    doc.add_paragraph(f"{i}. {lid}")
            elif isinstance(b, Tabel):
                _tabel(doc, b)
            elif isinstance(b, Checklist):
                _checklist(doc, b)
            elif isinstance(b, Figuur):
                _figuur(doc, b)
    ruw = io.BytesIO()
    doc.save(ruw)
    return _vaste_zip(ruw.getvalue())


def _vaste_zip(data: bytes) -> bytes:
    """Same entries, same order, fixed timestamps: reproducible bytes."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            nieuw = zipfile.ZipInfo(info.filename, ZIPTIJD)
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            nieuw.external_attr = 0o600 << 16
            doel.writestr(nieuw, bron.read(info.filename))
    return uit.getvalue()
