"""Exact fractions in an explanation only on request: the words a policy officer reads carry rounded numbers."""

from __future__ import annotations

from tests.conftest import REPO, draai

from verdeelwijzer.afspraken.berekening import bereken
from verdeelwijzer.afspraken.invoer import lees_invoer
from verdeelwijzer.afspraken.laden import laad_afspraken

HAAGLANDEN = REPO / "voorbeelden" / "haaglanden.yaml"


def _uitleg_rijswijk():
    u = bereken(lees_invoer(laad_afspraken(HAAGLANDEN)))
    return u.categorieen[0].per_jaar[0].uitleg.gemeente("GM0603")


def test_woorden_zonder_breuken_exact_op_verzoek() -> None:
    g = _uitleg_rijswijk()
    gewoon, exact = g.als_tekst(), g.als_tekst(exact=True)
    assert "(exact " not in gewoon
    assert "(exact " in exact  # the herkomst step has short fractions (…/4599)
    # the same explanation: removing the exact parts gives the plain text back
    import re

    assert re.sub(r" \(exact [0-9/−-]+\)", "", exact) == gewoon
    d = g.als_dict()
    assert d["tekst"] == gewoon and d["tekst_exact"] == exact


def test_cli_uitleg_exact_alleen_met_optie() -> None:
    args = ("verdeel", "--regio", "woningmarktregio:Haaglanden", "--totaal", "300", "--sleutel", "inwoners=1",
            "--herkomst", str(REPO / "voorbeelden" / "haaglanden" / "herkomst_medisch.csv"), "--alpha", "0.8",
            "--uitleg", "Rijswijk")
    gewoon, exact = draai(*args).stdout, draai(*args, "--exact").stdout
    assert "(exact " not in gewoon and "(exact " in exact
