"""The shipped fictitious examples: Holland Rijnland points, Hart van Brabant ordered criteria, and the
Haaglanden round respecting every quota, mutatiegrens and need."""

from __future__ import annotations

import pytest

from verdeelwijzer.fouten import InvoerFout, VerdeelFout
from verdeelwijzer.transferpunt.kader import draai_ronde, laad_transferpunt, registercontext
from verdeelwijzer.transferpunt.lezen import lees_aanbod, lees_kandidaten
from verdeelwijzer.transferpunt.model import normaliseer_behoeften

from .hulp import DATUM, VOORBEELDEN


def _ronde(naam: str, kader: str):
    tk = laad_transferpunt(VOORBEELDEN / kader)
    ctx = registercontext(tk, DATUM)
    kandidaten = lees_kandidaten(VOORBEELDEN / f"{naam}_kandidaten.csv", ctx)
    aanbod = lees_aanbod(VOORBEELDEN / f"{naam}_aanbod.csv", ctx)
    return tk, kandidaten, aanbod, draai_ronde(tk, kandidaten, aanbod, periode="2026", datum=DATUM)


def test_holland_rijnland_punten():
    """By hand on 1 December 2026: HR-04 none + 192 months = 192; HR-02 85 (12 years) + 60 = 145; HR-01 100
    (inwonend kind) + 24 = 124; HR-07 none (35 years) + 120 = 120; HR-06 100 (studerend) + 12 = 112;
    HR-05 75 (25 years) + 36 = 111; HR-03 100 (5 years) + 6 = 106."""
    _, _, _, ronde = _ronde("holland_rijnland", "holland_rijnland_standplaatsen.yaml")
    assert [r.dossier for r in ronde.rangorde] == ["HR-04", "HR-02", "HR-01", "HR-07", "HR-06", "HR-05", "HR-03"]
    punten = [int(r.waarden[0].split()[0]) for r in ronde.rangorde]
    assert punten == [192, 145, 124, 120, 112, 111, 106]
    assert "85 voor familierelatie = kind_in_reguliere_woning" in ronde.rangorde[1].waarden[0]
    # Three standplaatsen go to the three highest; HR-04 (rank 1) gets the one in its own Leiden over HR-01.
    paren = {k.kandidaat: k.aanbod for k in ronde.koppelingen}
    assert paren == {"HR-04": "HR-S-1", "HR-02": "HR-S-2", "HR-01": "HR-S-3"}
    assert "HR-04 (rang 1)" in next(k.uitleg for k in ronde.koppelingen if k.kandidaat == "HR-01")
    assert any("Holland Rijnland" in b for b in ronde.bronnen)


def test_hart_van_brabant_volgorde():
    """Tier 1 (child on the location) first; in tier 2 the candidate from the region before the one from
    Eindhoven; tier 3 needs more than three years on the location (HVB-05 has two: no tier)."""
    _, _, _, ronde = _ronde("hart_van_brabant", "hart_van_brabant_standplaatsen.yaml")
    assert [r.dossier for r in ronde.rangorde] == ["HVB-02", "HVB-04", "HVB-03", "HVB-01", "HVB-05", "HVB-06"]
    assert ronde.rangorde[2].waarden[1] == "herkomst buiten de regio"
    assert ronde.rangorde[4].waarden[0].startswith("geen trede")
    paren = {k.kandidaat: k.aanbod for k in ronde.koppelingen}
    # HVB-03 lives outside the region; its family's location in Tilburg counts as "tenzij" gemeente.
    assert paren == {"HVB-02": "HVB-S-2", "HVB-04": "HVB-S-3", "HVB-03": "HVB-S-1"}
    assert all(k.in_herkomst for k in ronde.koppelingen)


def test_hart_van_brabant_gelijke_stand_is_een_fout(tmp_path):
    tekst = (VOORBEELDEN / "hart_van_brabant_kandidaten.csv").read_text(encoding="utf-8")
    tekst += "HVB-07,standplaatszoekenden,Tilburg,2020-03-01,standplaats,niet_verwant_op_locatie,5,,\n"
    (tmp_path / "k.csv").write_text(tekst, encoding="utf-8")
    tk = laad_transferpunt(VOORBEELDEN / "hart_van_brabant_standplaatsen.yaml")
    kandidaten = lees_kandidaten(tmp_path / "k.csv", registercontext(tk, DATUM))
    with pytest.raises(VerdeelFout, match="HVB-01, HVB-07"):
        draai_ronde(tk, kandidaten, [], periode="2026", datum=DATUM)


def test_haaglanden_ronde_houdt_quota_grens_en_behoeften():
    tk, kandidaten, aanbod, ronde = _ronde("haaglanden", "haaglanden_transferpunt.yaml")
    per_k = {k.dossier: k for k in kandidaten}
    per_a = {a.aanbod: a for a in aanbod}
    assert ronde.koppelingen and ronde.niet_gekoppeld
    for m in ronde.koppelingen:
        k, a = per_k[m.kandidaat], per_a[m.aanbod]
        assert normaliseer_behoeften(k.nodig) <= a.kenmerken and a.woonvorm in k.woonvormen
        assert a.gemeentecode not in k.uitgesloten and a.beschikbaar_vanaf <= DATUM
        assert m.categorie == tk.sectie.categorieen[k.categorie]
    for q in ronde.quota:
        assert q.gebruikt == sum(1 for m in ronde.koppelingen
                                 if (m.gemeentecode, m.categorie) == (q.gemeentecode, q.categorie)) <= q.quotum
    for g in ronde.grenzen:
        assert sum(1 for m in ronde.koppelingen if m.gemeentecode == g.gemeentecode) <= g.rest
    assert any(q.gebruikt == q.quotum > 0 for q in ronde.quota)  # some quota bind in this example


def test_onbekende_periode(tmp_path):
    tk = laad_transferpunt(VOORBEELDEN / "haaglanden_transferpunt.yaml")
    with pytest.raises(InvoerFout, match="kies uit 2026, 2027"):
        draai_ronde(tk, [], [], periode="2031", datum=DATUM)


def test_onderdeel_transferpunt_fouten_in_het_nederlands(tmp_path):
    tekst = (VOORBEELDEN / "haaglanden_transferpunt.yaml").read_text(encoding="utf-8")
    kapot = tekst.replace("    - wachttijd: true\n", "    - {wachttijd: true, urgentiedatum: true}\n")
    kapot = kapot.replace("bij_gelijke_stand: {regel: loting, seed: 20260601}", "bij_gelijke_stand: {regel: loting}")
    (tmp_path / "a.yaml").write_text(kapot, encoding="utf-8")
    with pytest.raises(InvoerFout) as e:
        laad_transferpunt(tmp_path / "a.yaml")
    melding = str(e.value)
    assert "transferpunt.prioriteit[2]" in melding and "precies één van" in melding
    assert "transferpunt.bij_gelijke_stand" in melding and "seed" in melding
    (tmp_path / "b.yaml").write_text(tekst.replace("medisch: medisch urgent", "medisch: medisch"), encoding="utf-8")
    with pytest.raises(InvoerFout, match="'medisch' is geen categorie van dit afsprakenkader"):
        laad_transferpunt(tmp_path / "b.yaml")
    with pytest.raises(InvoerFout, match="geen onderdeel 'transferpunt:'"):
        laad_transferpunt(VOORBEELDEN.parent / "hart_van_brabant.yaml")
