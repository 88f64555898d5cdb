"""Terminal tables: small ones as a rich table, large ones (a province-size ledger) as plain aligned text
with every row and the same columns, so rendering does not dominate the command."""

from __future__ import annotations

from verdeelwijzer.cli import uitvoer

KOLOMMEN = [("gemeentenaam", "gemeente"), ("doel", "doel"), ("status", "status")]


def _rijen(n: int) -> list[dict]:
    return [{"gemeentenaam": f"Gemeente {i}", "doel": 1000 * i, "status": "op koers" if i % 2 else "achter"}
            for i in range(n)]


def _toon(rijen: list[dict]) -> str:
    with uitvoer.console.capture() as vangst:
        uitvoer.toon_tabel("Titel", rijen, KOLOMMEN, ["voetnoot"])
    return vangst.get()


def test_grote_tabel_toont_elke_rij_als_eenvoudige_tekst():
    n = uitvoer.RIJEN_EENVOUDIG + 50
    tekst = _toon(_rijen(n))
    regels = tekst.splitlines()
    assert regels[0] == "Titel" and regels[1].split() == ["gemeente", "doel", "status"]
    for i in range(n):
        assert f"Gemeente {i} " in tekst
    assert "249.000" in tekst  # Dutch number formatting as in the rich table
    kop, vijfde = regels[1], regels[3 + 5]
    assert vijfde.index("5.000") + len("5.000") == kop.index("doel") + len("doel")  # right-aligned under header
    assert f"({n} rijen, als eenvoudige tekst" in tekst and tekst.rstrip().endswith("voetnoot")


def test_kleine_tabel_blijft_een_rich_tabel():
    tekst = _toon(_rijen(3))
    assert "┃" in tekst or "│" in tekst
    assert "eenvoudige tekst" not in tekst and "Gemeente 2" in tekst
