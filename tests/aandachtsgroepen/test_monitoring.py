"""Monitoring per doelgroep: an agreement whose categories name a group is adopted in the ledger (SQLite and
PostgreSQL), realisations are imported per category, and `monitor stand` sums them per group."""

from __future__ import annotations

import json

from verdeelwijzer.aandachtsgroepen.voortgang import groepen_uit_afspraak, voortgang_per_groep

from .hulp import VOORBEELD, draai


def test_grootboek_houdt_doelen_en_realisatie_per_groep(db_url, tmp_path):
    kader = VOORBEELD / "afspraken.yaml"
    draai("monitor", "init", "--afspraken", str(kader), "--db", db_url)
    instroom = tmp_path / "instroom.csv"
    instroom.write_text("periode,gemeentecode,categorie,instroom\n"
                        "2027,GM0202,uitstromers beschermd wonen,30\n"
                        "2027,GM0268,uitstromers beschermd wonen,25\n"
                        "2027,GM0268,uitstromers klinische ggz,7\n", encoding="utf-8")
    draai("monitor", "importeer", str(instroom), "--db", db_url)
    d = json.loads(draai("monitor", "stand", "--db", db_url, "--format", "json").stdout)
    assert d["groepen"] == {"uitstromers beschermd wonen": "uitstroom_bw", "uitstromers klinische ggz": "uitstroom_ggz",
                            "uitstromers jeugdzorg": "jeugdzorg"}
    per = {(r["groep"], r["periode"]): r for r in d["per_groep"]}
    bw = per[("uitstroom_bw", "2027")]
    assert bw["gerealiseerd"] == 55
    # the ledger's target is the agreement's total, which came from the analysis' opgave
    doel = sum(r["doel"] for r in d["grootboek"] if r["categorie"] == "uitstromers beschermd wonen"
               and r["periode"] == "2027")
    assert bw["doel"] == doel and doel == json.loads(draai("bereken", str(kader), "--format", "json").stdout)[
        "categorieen"]["uitstromers beschermd wonen"]["totalen"][0]
    assert per[("uitstroom_ggz", "2027")]["gerealiseerd"] == 7
    assert "Voortgang per doelgroep" in draai("monitor", "stand", "--db", db_url).stdout


def test_koppeling_uit_de_vastgelegde_tekst():
    assert groepen_uit_afspraak("naam: x\ncategorieen:\n  - {naam: a, groep: ouderen}\n  - {naam: b}\n") == {
        "a": "ouderen"}
    assert groepen_uit_afspraak(None) == {} and groepen_uit_afspraak("::: geen yaml [") == {}
    rijen = [{"periode": "2027", "categorie": "a", "doel": 5, "bijgesteld_doel": 6, "gerealiseerd": 2, "verschil": -4},
             {"periode": "2027", "categorie": "c", "doel": 5, "bijgesteld_doel": 5, "gerealiseerd": 5, "verschil": 0},
             {"periode": "2027", "categorie": "d", "doel": 1, "bijgesteld_doel": 1, "gerealiseerd": 0, "verschil": -1}]
    uit = voortgang_per_groep(rijen, {"a": "ouderen", "d": "ouderen"})
    assert uit == [{"groep": "ouderen", "periode": "2027", "categorieen": ["a", "d"], "doel": 6, "bijgesteld_doel": 7,
                    "gerealiseerd": 2, "verschil": -5}]
