"""Storage of the transferpunt on SQLite and PostgreSQL: import, round, decision, retention, audit, and a
refused import leaving everything as it was."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from verdeelwijzer.fouten import InvoerFout
from verdeelwijzer.opslag.audit import lees_audit
from verdeelwijzer.opslag.modellen import TransferpuntKandidaat, TransferpuntVoorstel
from verdeelwijzer.transferpunt import register
from verdeelwijzer.transferpunt.kader import draai_ronde, laad_transferpunt, registercontext
from verdeelwijzer.transferpunt.lezen import lees_aanbod, lees_kandidaten
from verdeelwijzer.transferpunt.weergave import ronde_als_dict

from .hulp import DATUM, VOORBEELDEN


@pytest.fixture(scope="module")
def voorbeeld():
    tk = laad_transferpunt(VOORBEELDEN / "hart_van_brabant_standplaatsen.yaml")
    ctx = registercontext(tk, DATUM)
    return (tk, (VOORBEELDEN / "hart_van_brabant_standplaatsen.yaml").read_text(encoding="utf-8"),
            lees_kandidaten(VOORBEELDEN / "hart_van_brabant_kandidaten.csv", ctx),
            lees_aanbod(VOORBEELDEN / "hart_van_brabant_aanbod.csv", ctx))


def test_ronde_besluit_en_bewaartermijn(db, voorbeeld):
    tk, tekst, kandidaten, aanbod = voorbeeld
    with db.sessie() as s:
        kader = register.leg_kader_vast(s, tekst, tk.naam, tk.sectie.bewaartermijn_maanden,
                                        tk.sectie.termijn_maanden, door="matcher")
        register.importeer_registers(s, kader, kandidaten, aanbod, door="matcher", vandaag=DATUM)
    with db.sessie() as s:
        kader = register.huidig_kader(s)
        open_k, open_a = register.open_registers(s, kader)
        assert sorted(k.dossier for k in open_k) == sorted(k.dossier for k in kandidaten)
        assert {k.dossier: k for k in open_k}["HVB-03"] == {k.dossier: k for k in kandidaten}["HVB-03"]
        ronde = draai_ronde(tk, open_k, open_a, periode="2026", datum=DATUM)
        register.sla_ronde_op(s, kader, ronde, ronde_als_dict(ronde, tk.namen), door="matcher")
        voorstellen = register.voorstellen(s, kader, wie="matcher")
        eerste = voorstellen[0]
        uitkomst = register.besluit(s, eerste["id"], True, door="matcher", vandaag=DATUM, regio_naam="Hart van Brabant")
        assert "geaccepteerd" in uitkomst and "niet in de monitoring geboekt" in uitkomst
    with db.sessie() as s:
        kader = register.huidig_kader(s)
        open_k, _ = register.open_registers(s, kader)
        assert eerste["kandidaat"] not in {k.dossier for k in open_k}
        with pytest.raises(InvoerFout, match="is al geplaatst"):
            register.importeer_registers(s, kader, kandidaten, aanbod, door="matcher", vandaag=DATUM)
    with db.sessie() as s:
        kader = register.huidig_kader(s)
        # Within the retention period nothing goes; after it (24 months in this agreement) the closed case does.
        assert register.ruim_op(s, date(2028, 11, 30), door="systeem") == 0
        assert register.ruim_op(s, date(2028, 12, 1), door="systeem") == 1
        assert s.scalar(select(func.count()).select_from(TransferpuntKandidaat)) == len(kandidaten) - 1
        assert s.scalar(select(func.count()).select_from(TransferpuntVoorstel).where(
            TransferpuntVoorstel.status == "geaccepteerd")) == 0
        regels = lees_audit(s)
        acties = [(r.actie, r.onderwerp) for r in regels]
        alles = " ".join(f"{r.onderwerp} {r.oud} {r.nieuw}" for r in regels)
    assert ("transferpunt voorstellen bekeken", "ronde 1") in acties
    assert ("transferpunt bewaartermijn verlopen", "gesloten dossiers verwijderd") in acties
    assert any(a == "transferpunt voorstel geaccepteerd" and eerste["kandidaat"] in o for a, o in acties)
    assert "kind_inwonend_op_locatie" not in alles and "familie op de locatie" not in alles  # no case attributes
