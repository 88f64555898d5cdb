"""Benchmark (not a test): what the rule types cost on /woonvormen/regels (standplaatsen with family requests).

Compared in the same run:
- the core path alone: `regeluitvoer.reken_standplaatsen` on the example files (read, compute, render rows);
- the page: GET /woonvormen/regels with the example, and POST with the same file uploaded (TestClient);
- the downloads: the result as Excel (the `--excel` workbook) and as Dutch-Excel CSV;
- the named alternative: the CLI in a fresh process (`verdeelwijzer woonvormen standplaatsen … --format json`), as a
  user without the web app would run it.
Reported as medians, p95 and ratios; nothing is asserted.

    PYTHONPATH=src python3 tests/bench/bench_regels.py [--herhalingen 20]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from meting import regel as _regel
from meting import tijden as _tijden


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--herhalingen", type=int, default=20)
    n = p.parse_args().herhalingen

    from fastapi.testclient import TestClient

    from verdeelwijzer.gegevens import laad_gemeenten, zoek_regio
    from verdeelwijzer.voorbeelden import voorbeeldmap
    from verdeelwijzer.web import WebInstellingen, maak_app
    from verdeelwijzer.web.beveiliging import CSRF_VELD
    from verdeelwijzer.woonvormen.regeluitvoer import reken_standplaatsen, schrijf_excel

    map_ = voorbeeldmap() / "woonvormen"
    bestand = map_ / "standplaatsen_noordoost_brabant_per_huishouden.csv"
    verzoeken = map_ / "familieverzoeken_noordoost_brabant.csv"
    gegevens = laad_gemeenten()
    regio = zoek_regio("arbeidsmarktregio:Noordoost-Brabant", gegevens)
    kern = _tijden(lambda: reken_standplaatsen(bestand, gegevens, regio, 12, verzoeken), n)
    u = reken_standplaatsen(bestand, gegevens, regio, 12, verzoeken)
    with tempfile.TemporaryDirectory() as tmp:
        excel = _tijden(lambda: schrijf_excel(Path(tmp) / "s.xlsx", u, [bestand.name, verzoeken.name], date.today()), n)
        app = maak_app(WebInstellingen(map=Path(tmp) / "web", db_url=f"sqlite:///{tmp}/b.sqlite", geheim="bench"))
        try:
            c = TestClient(app)
            params = {"regel": "standplaatsen", "voorbeeld": "noordoost-brabant-huishoudens"}
            c.get("/woonvormen/regels", params=params)  # warm up (templates, data)
            pagina = _tijden(lambda: c.get("/woonvormen/regels", params=params), n)
            leeg = _tijden(lambda: c.get("/woonvormen/regels"), n)
            token = re.search(rf'name="{CSRF_VELD}" value="([^"]+)"', c.get("/woonvormen/regels").text).group(1)
            velden = {CSRF_VELD: token, "regio": "arbeidsmarktregio:Noordoost-Brabant", "extra": "12"}
            inhoud, vinhoud = bestand.read_bytes(), verzoeken.read_bytes()
            upload = _tijden(lambda: c.post("/woonvormen/regels/standplaatsen", data=velden, files={
                "bestand": (bestand.name, inhoud), "verzoeken": (verzoeken.name, vinhoud)}), n)
            dl = {"voorbeeld": "noordoost-brabant-huishoudens"}
            xlsx = _tijden(lambda: c.get("/download/woonvormen-regels/standplaatsen.xlsx", params=dl), n)
            csv = _tijden(lambda: c.get("/download/woonvormen-regels/standplaatsen.csv", params=dl), n)
        finally:
            app.state.koppeling.sluit()
    omgeving = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    opdracht = [sys.executable, "-m", "verdeelwijzer", "woonvormen", "standplaatsen", str(bestand), "--regio",
                "arbeidsmarktregio:Noordoost-Brabant", "--extra", "12", "--verzoeken", str(verzoeken),
                "--format", "json"]
    cli = _tijden(lambda: subprocess.run(opdracht, env=omgeving, capture_output=True, check=True), max(3, n // 4))

    print(f"Standplaatsen (10 gemeenten, 3 familieverzoeken, extra 12); {n} herhalingen")
    for naam, x in (("kern: reken_standplaatsen", kern), ("kern: Excelwerkmap schrijven", excel),
                    ("GET /woonvormen/regels (zonder uitkomst)", leeg), ("GET voorbeeld doorrekenen", pagina),
                    ("POST upload doorrekenen", upload), ("GET download .xlsx", xlsx), ("GET download .csv", csv),
                    ("alternatief: CLI in een nieuw proces", cli)):
        print(_regel(naam, x))
    m = statistics.median
    print(f"verhouding upload / CLI-proces: {m(upload) / m(cli):.3f}; voorbeeldpagina / lege pagina: "
          f"{m(pagina) / m(leeg):.2f}; kern / voorbeeldpagina: {m(kern) / m(pagina):.2f}; "
          f"xlsx / csv: {m(xlsx) / m(csv):.2f}")


if __name__ == "__main__":
    main()
