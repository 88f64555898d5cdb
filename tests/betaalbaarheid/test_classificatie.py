"""Issue 11 item 7: a spoor-1 classification that rests on the estimated stock and could flip with the
official DAEB stock is marked "onzeker — laad de officiële DAEB-voorraad", counted in the regional check and
shown in every output; the derived stock of merged gemeenten is explained."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from fractions import Fraction
from pathlib import Path

from verdeelwijzer.betaalbaarheid import bereken_betaalbaarheid
from verdeelwijzer.betaalbaarheid.model import Programmaregel
from verdeelwijzer.betaalbaarheid.regelset import lees_regels
from verdeelwijzer.betaalbaarheid.samenstellen import voorraad_uit
from verdeelwijzer.betaalbaarheid.weergave import als_dict, csv_rijen, gemeente_tekst
from verdeelwijzer.gegevens import laad_gemeenten
from verdeelwijzer.gegevens.manifest import lees_bytes
from verdeelwijzer.regels import lees_parameter

from .hulp import BRON, regels, voorraad

DATUM = date(2026, 7, 1)
ONZEKER = "onzeker — laad de officiële DAEB-voorraad"


def test_marge_is_een_gedateerde_aanname_met_redenering():
    p = lees_parameter("onzekerheidsmarge_sociale_voorraad", DATUM)
    assert p.status == "aanname" and p.waarde == Fraction(3, 100) and "bovengrens" in (p.toelichting or "")
    assert lees_regels(DATUM).onzekerheidsmarge is not None


def test_onzeker_alleen_net_boven_het_gemiddelde_en_alleen_bij_een_schatting():
    g = laad_gemeenten()
    codes = sorted(g.tabel.index)
    voorraden = voorraad_uit(g, codes)
    programma = [Programmaregel(c, 0, 100) for c in codes]
    b = bereken_betaalbaarheid(voorraden, programma, lees_regels(DATUM), "bouwvolume", seed=1)
    gemiddelde = Fraction(lees_parameter("landelijk_gemiddelde_sociale_huur", DATUM).waarde)
    marge = Fraction(lees_parameter("onzekerheidsmarge_sociale_voorraad", DATUM).waarde)
    verwacht = {v.gemeentenaam for v in voorraden
                if gemiddelde <= Fraction(v.sociale_voorraad, v.woningvoorraad) < gemiddelde + marge}
    assert set(b.onzeker) == verwacht and len(verwacht) == 52  # the proxy (28,6 %) vs DAEB (25,6 %) band
    assert any(ONZEKER in w and "52 van de 342" in w for w in b.waarschuwingen)
    d = als_dict(b)
    assert d["classificatie_onzeker"]["aantal"] == 52
    onzeker = next(x for x in d["gemeenten"] if x["classificatie_onzeker"])
    assert onzeker["classificatie"] == ONZEKER and "DAEB" in onzeker["classificatie_uitleg"]
    assert {r["classificatie"] for r in csv_rijen(b)} == {"zeker", ONZEKER}
    # With the official (own) figure the uncertainty is gone.
    r = regels()
    eigen = [voorraad("GM0001", 1000, 260, "A")]  # 26 %: in the band, but not an estimate
    b2 = bereken_betaalbaarheid(eigen, [Programmaregel("GM0001", 0, 100)], r, "bouwvolume", seed=1)
    assert b2.onzeker == () and BRON.soort == "eigen invoer"


def test_cli_toont_en_telt_onzekere_classificatie():
    import subprocess
    import sys

    src = Path(__file__).resolve().parents[2] / "src"
    programma = Path(__file__).resolve().parents[2] / "voorbeelden" / "haaglanden_programma.csv"
    env = {"COLUMNS": "250", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(src)}
    basis = [sys.executable, "-m", "verdeelwijzer", "betaalbaarheid", "--regio", "Haaglanden", "--programma",
             str(programma)]
    tabel = subprocess.run(basis, capture_output=True, text=True, env=env, check=True).stdout
    assert "classificatie onzeker" in tabel and "laad de officiële DAEB-voorraad" in tabel
    data = json.loads(subprocess.run([*basis, "-f", "json"], capture_output=True, text=True, env=env,
                                     check=True).stdout)
    assert data["classificatie_onzeker"]["gemeenten"] == ["Wassenaar"]
    rijen = list(csv.DictReader(io.StringIO(subprocess.run([*basis, "-f", "csv"], capture_output=True, text=True,
                                                            env=env, check=True).stdout)))
    assert {r["gemeentenaam"]: r["classificatie"] for r in rijen}["Wassenaar"] == ONZEKER


def test_afgeleide_schatting_volgt_de_formule_behalve_bij_samengevoegde_gemeenten():
    rijen = list(csv.DictReader(io.StringIO(lees_bytes("gemeenten.csv").decode("utf-8"))))
    afwijkend = {}
    for r in rijen:
        formule = Fraction(r["corporatiebezit_pct"]) * int(r["woningvoorraad"]) / 100
        if abs(formule - int(r["corporatiewoningen_schatting"])) > Fraction(1, 2):
            afwijkend[r["gemeentecode"]] = (int(r["corporatiewoningen_schatting"]), round(formule))
    assert afwijkend == {"GM0363": (189173, 188997), "GM1992": (7599, 7602)}
    # Both are explained in the provenance manifest, and the explanation reaches the output.
    from verdeelwijzer.gegevens.manifest import kanttekeningen

    notities = kanttekeningen()
    for code in afwijkend:
        tekst = notities[(code, "corporatiewoningen_schatting")]
        assert "samengevoegd" in tekst and "afgeronde" in tekst
        # the estimate is the stock-weighted share before rounding to one decimal
        s, _ = afwijkend[code]
        pct = next(Fraction(r["corporatiebezit_pct"]) for r in rijen if r["gemeentecode"] == code)
        voorraad_ = next(int(r["woningvoorraad"]) for r in rijen if r["gemeentecode"] == code)
        assert abs(Fraction(s * 100, voorraad_) - pct) <= Fraction(5, 100)
    g = laad_gemeenten()
    b = bereken_betaalbaarheid(voorraad_uit(g, ["GM0363"]), [Programmaregel("GM0363", 0, 100)],
                               lees_regels(DATUM), "bouwvolume", seed=1)
    assert "samengevoegd met Weesp" in gemeente_tekst(b, "GM0363")
