"""Benchmark (not a test): what entering a pledge on /woonvormen costs.

Compared in the same run:
- the page's path: the example's checked input is read once per process, every save lays the stored pledges over
  the file's and recomputes with `bereken_woonvormen` (`web.woonvormen_paginas.bereken_met`);
- the named alternative: write the pledge into the agreement and recompute it from the file (`laad_afspraken` +
  `lees_invoer` + `bereken_woonvormen`), as a user would with `verdeelwijzer bereken`.
Plus the whole HTTP round trip (TestClient, SQLite) of POST /woonvormen/toezegging against GET /woonvormen.
Reported as medians, p95 and ratios; nothing is asserted.

    PYTHONPATH=src python3 tests/bench/bench_woonvormen.py [--herhalingen 30]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
from pathlib import Path

from meting import regel as _regel
from meting import tijden as _tijden


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--herhalingen", type=int, default=30)
    n = p.parse_args().herhalingen

    from fastapi.testclient import TestClient

    from verdeelwijzer.afspraken.invoer import lees_invoer
    from verdeelwijzer.afspraken.laden import laad_afspraken
    from verdeelwijzer.voorbeelden import voorbeeldmap
    from verdeelwijzer.web import WebInstellingen, maak_app
    from verdeelwijzer.web.woonvormen_paginas import Kader, _voorbeeld_invoer, bereken_met
    from verdeelwijzer.woonvormen import Toezegging, bereken_woonvormen

    kader = Kader("voorbeeld:drechtsteden.yaml", "", _voorbeeld_invoer("drechtsteden.yaml"))
    opgeslagen = [Toezegging("GM0505", "housing_first", None, 12, 14), Toezegging("GM0482", "flexwoning", 2028, 5, 8)]
    pagina = _tijden(lambda: bereken_met(kader, opgeslagen), n)
    pad = voorbeeldmap() / "drechtsteden.yaml"
    bestand = _tijden(lambda: bereken_woonvormen(lees_invoer(laad_afspraken(pad)).woonvormen), max(5, n // 3))

    with tempfile.TemporaryDirectory() as tmp:
        app = maak_app(WebInstellingen(map=Path(tmp), db_url=f"sqlite:///{tmp}/b.sqlite", geheim="bench"))
        with TestClient(app) as c:
            token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/woonvormen").text).group(1)
            teller = iter(range(10**6))
            get = _tijden(lambda: c.get("/woonvormen"), n)
            post = _tijden(lambda: c.post("/woonvormen/toezegging", data={
                "kader": kader.sleutel, "gemeente": "GM0505", "woonvorm": "housing_first", "jaar": "",
                "aantal": str(10 + next(teller) % 4), "capaciteit": "14", "csrf_token": token}), n)
        app.state.koppeling.sluit()

    print(_regel("herberekenen met opgeslagen toezeggingen (pagina)", pagina))
    print(_regel("alternatief: afspraak opnieuw uit het bestand", bestand))
    print(f"verhouding bestand / pagina (mediaan): {statistics.median(bestand) / statistics.median(pagina):.1f}×")
    print(_regel("HTTP GET /woonvormen", get))
    print(_regel("HTTP POST /woonvormen/toezegging (opslaan + rekenen)", post))
    print(f"verhouding POST / GET (mediaan): {statistics.median(post) / statistics.median(get):.2f}×")


if __name__ == "__main__":
    main()
