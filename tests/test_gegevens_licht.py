"""The gemeenten table without pandas: the command line reads the embedded figures as plain columns; the
DataFrame made from them on first use is exactly what pandas itself reads, and both give the same answers."""

from __future__ import annotations

import io
import math

import pandas as pd
from pandas.testing import assert_frame_equal

from verdeelwijzer.gegevens import laad_gemeenten
from verdeelwijzer.gegevens.gemeenten import BESTAND
from verdeelwijzer.gegevens.manifest import lees_bytes
from verdeelwijzer.gegevens.regios import alle_regios
from verdeelwijzer.gegevens.samenvatting import gemeenterijen, regiototaal


def _zoals_pandas_leest() -> pd.DataFrame:
    """What the table was before: pandas' own CSV reader, then the same derived columns."""
    t = pd.read_csv(io.BytesIO(lees_bytes(BESTAND)), dtype={"gemeentecode": str}).set_index("gemeentecode",
                                                                                             drop=False)
    t["sociale_voorraad"] = t["corporatiewoningen_schatting"]
    return t


def test_dataframe_is_wat_pandas_zelf_leest():
    g = laad_gemeenten()
    verwacht = _zoals_pandas_leest()
    tabel = g.tabel
    assert_frame_equal(tabel.drop(columns=["mutaties"]), verwacht)
    assert tabel["mutaties"].dtype == "float64" and not tabel["mutaties"].isna().any()


def test_zelfde_antwoorden_met_en_zonder_dataframe(tmp_path):
    eigen = tmp_path / "eigen.csv"
    eigen.write_text("gemeentecode;mutaties;sociale_voorraad;eigen_kolom\nGM0503;1234;20000,5;7\n", encoding="utf-8")
    licht, zwaar = laad_gemeenten([eigen]), laad_gemeenten([eigen])
    zwaar.tabel  # noqa: B018 - make the DataFrame: from now on answers come from pandas
    assert licht._licht is not None and zwaar._licht is None
    codes = sorted(licht.codes)
    assert codes == sorted(zwaar.codes) and len(codes) == 342
    assert licht.kolomnamen() == zwaar.kolomnamen() and licht.numerieke_kolommen() == zwaar.numerieke_kolommen()
    for kolom in licht.numerieke_kolommen():
        a, b = (g.indicator(kolom, codes) if kolom != "eigen_kolom" else ([g.waarde(c, kolom) for c in codes], [])
                for g in (licht, zwaar))
        assert [x if not (isinstance(x, float) and math.isnan(x)) else None for x in a[0]] == \
            [x if not (isinstance(x, float) and math.isnan(x)) else None for x in b[0]], kolom
        assert a[1] == b[1]
    assert licht.waarde("GM0503", "sociale_voorraad") == 20000.5 and licht.waarde("GM0503", "mutaties") == 1234
    assert [(r.sleutel, r.gemeentecodes) for r in alle_regios(licht)] == \
        [(r.sleutel, r.gemeentecodes) for r in alle_regios(zwaar)]
    kolommen = ["inwoners", "sociale_voorraad", "mutaties", "sociaal_aandeel"]
    assert gemeenterijen(licht, codes[:20], kolommen) == gemeenterijen(zwaar, codes[:20], kolommen)
    assert regiototaal(licht, codes) == regiototaal(zwaar, codes)
    # The lazily made DataFrame equals the one made up front.
    assert_frame_equal(licht.tabel, zwaar.tabel)
