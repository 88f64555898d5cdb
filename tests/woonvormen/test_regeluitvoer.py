"""The shared result of the rule types (`woonvormen.regeluitvoer`): the table that feeds the page, the CSV and the
Excel workbook carries exactly the JSON rows (booleans as ja/nee), and the extra places all land."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from verdeelwijzer.bron import Bron
from verdeelwijzer.woonvormen.regeltypen import Standplaatsgemeente, plaats_standplaatsen
from verdeelwijzer.woonvormen.regeluitvoer import standplaatsen_uitkomst

gemeente = st.builds(lambda i, w, s, e, f: Standplaatsgemeente(f"GM{i:04d}", f"G{i}", w, s, e, f),
                     st.integers(0, 9999), st.integers(1, 200_000), st.integers(0, 300), st.integers(0, 20),
                     st.integers(0, 20))


@settings(max_examples=60, deadline=None)
@given(st.lists(gemeente, min_size=1, max_size=12, unique_by=lambda g: g.gemeentecode), st.integers(0, 200))
def test_tabel_is_json(gemeenten, extra) -> None:
    u = standplaatsen_uitkomst(plaats_standplaatsen(gemeenten, extra), "R", extra, [], (),
                               [Bron("CBS", "2023-01-01")])
    rijen = u.data["gemeenten"]
    assert sum(r["extra"] for r in rijen) == extra
    assert len(u.tabel.rijen) == len(rijen)
    for t, d in zip(u.tabel.rijen, rijen, strict=True):
        assert t == {k: ("ja" if v else "nee") if isinstance(v, bool) else v for k, v in d.items()}
    assert {k.sleutel for k in u.tabel.kolommen} <= set(rijen[0])
    assert u.uitleg[0].startswith("Regionaal gemiddelde") and u.bronnen[0]["peildatum"] == "2023-01-01"
