"""Storage of pledges entered on the web page, on SQLite and PostgreSQL: insert, replace (one row per cell,
also for 'every year'), audit with old and new value, and the database refusing a pledge above capacity."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from verdeelwijzer.opslag import lees_audit
from verdeelwijzer.opslag.modellen import WoonvormToezegging
from verdeelwijzer.opslag.toezeggingen import bewaar_toezegging, lees_toezeggingen
from verdeelwijzer.woonvormen.model import Toezegging

KADER = "voorbeeld:drechtsteden.yaml"


def test_bewaren_en_vervangen(db) -> None:
    with db.sessie(schrijven=True) as s:
        assert bewaar_toezegging(s, KADER, Toezegging("GM0505", "housing_first", None, 10, 14), "eerste", door="a")
        assert bewaar_toezegging(s, KADER, Toezegging("GM0505", "housing_first", 2027, 3, None), None, door="a")
        assert bewaar_toezegging(s, "afspraak:" + "a" * 64, Toezegging("GM0505", "housing_first", None, 1), None,
                                 door="a")
    with db.sessie(schrijven=True) as s:
        # same cell (jaar NULL): replaced, not added; the same value again changes nothing
        assert bewaar_toezegging(s, KADER, Toezegging("GM0505", "housing_first", None, 12, 14), "tweede", door="b")
        assert not bewaar_toezegging(s, KADER, Toezegging("GM0505", "housing_first", None, 12, 14), "tweede",
                                     door="b")
    with db.sessie() as s:
        rijen = lees_toezeggingen(s, KADER)
        audit = [a for a in lees_audit(s) if a.actie == "toezegging woonvorm"]
    assert [(r.toezegging.jaar, r.toezegging.aantal, r.toelichting, r.door) for r in rijen] == [
        (None, 12, "tweede", "b"), (2027, 3, None, "a")]  # 'every year' first, on both databases
    assert len(audit) == 4
    assert '"aantal": 10' in (audit[-1].oud or "") and '"aantal": 12' in (audit[-1].nieuw or "")


def test_database_weigert_toezegging_boven_capaciteit(db) -> None:
    with pytest.raises(IntegrityError), db.sessie() as s:
        s.add(WoonvormToezegging(kader=KADER, gemeentecode="GM0505", woonvorm="housing_first", jaar=None, aantal=5,
                                 capaciteit=4, door="x"))
        s.flush()
    with db.sessie() as s:
        assert lees_toezeggingen(s, KADER) == []


def test_realisaties_alles_of_niets_en_vervangen(db) -> None:
    from verdeelwijzer.opslag.toezeggingen import bewaar_realisaties, lees_realisaties
    from verdeelwijzer.woonvormen.monitoring import Realisatie

    with db.sessie(schrijven=True) as s:
        assert bewaar_realisaties(s, KADER, [Realisatie("GM0505", "housing_first", 2027, 9),
                                             Realisatie("GM0642", "skaeve_huse", 2028, 2)], door="a") == 2
    with db.sessie(schrijven=True) as s:
        assert bewaar_realisaties(s, KADER, [Realisatie("GM0505", "housing_first", 2027, 11),
                                             Realisatie("GM0642", "skaeve_huse", 2028, 2)], door="b") == 1
    with pytest.raises(RuntimeError), db.sessie(schrijven=True) as s:  # an error later in the transaction
        bewaar_realisaties(s, KADER, [Realisatie("GM0505", "housing_first", 2027, 50)], door="c")
        raise RuntimeError("afgebroken")
    with db.sessie() as s:
        assert [(r.gemeentecode, r.jaar, r.aantal) for r in lees_realisaties(s, KADER)] == [
            ("GM0505", 2027, 11), ("GM0642", 2028, 2)]
        audit = [a for a in lees_audit(s) if a.actie == "gerealiseerd woonvormen"]
    assert len(audit) == 2 and '"GM0505 housing_first 2027": 9' in (audit[1].oud or "")
