"""Start-up and hot-path benchmark (not a test): `python tests/bench/bench_start.py [--voor MAP] [--herhalingen N]`.

Measures, in one run, the same commands against two source trees and prints the ratio per command:
"voor" is the base commit 27021b3 (unpacked with `git archive` into a temporary folder, or `--voor MAP` with a
`src/` inside) and "na" is this tree. Each measurement runs in a fresh process with `PYTHONPATH=<tree>/src`.

- CLI `verdeel --regio Haaglanden --totaal 100 --sleutel inwoners=1`: wall-clock time of the whole process;
- home page `/`: median time of GET / in-process (TestClient, after one warm-up request);
- CLI `bereken voorbeelden/haaglanden.yaml`: wall-clock;
- CLI `monitor init --afspraken voorbeelden/haaglanden.yaml` into a fresh SQLite file: wall-clock;
- `monitor importeer` of the seven example files: wall-clock of the seven CLI runs, and the in-process time of
  the import function alone (what bulk writing changes);
- CLI `monitor stand` on a large ledger (the province Zuid-Holland, 50 gemeenten, 4 categories, 10 yearly
  periods, realised figures for every cell: 2,000 ledger rows; built with each tree's own code): wall-clock.

Reports medians of N runs (default 3) and the factor voor/na. Runs of voor and na alternate within each
measurement, so a change in the machine's load hits both alike; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VOOR_COMMIT = "27021b3"
VOORBEELD = REPO / "voorbeelden"
MONITORING = sorted((REPO / "src/verdeelwijzer/voorbeeldbestanden/monitoring").glob("*.csv"))
IMPORTVOLGORDE = ["instroom_2027.csv", "instroom_2028.csv", "verhuringen_2027.csv", "verhuringen_2028.csv",
                  "bouw_2027.csv", "bouw_2028.csv", "instroom_2027_correctie_delft.csv"]
GROOT_REGIO = "provincie:Zuid-Holland"
GROOT_JAREN = range(2027, 2037)
GROOT_CATEGORIEEN = ("uitstromers", "medisch urgent", "mantelzorg", "statushouders")


def boom_voor(doel: Path) -> Path:
    """The base commit's tree, unpacked from git (no worktree is registered)."""
    archief = subprocess.run(["git", "-C", str(REPO), "archive", VOOR_COMMIT], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archief)) as tar:
        tar.extractall(doel, filter="data")
    return doel


def omgeving(boom: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VERDEELWIJZER_")}
    env.update(PYTHONPATH=str(boom / "src"), COLUMNS="160", VERDEELWIJZER_GEBRUIKER="bench")
    return env


def wandklok(boom: Path, *args: str) -> float:
    """Wall-clock seconds of `python -m verdeelwijzer ARGS` (output discarded; a failure stops the benchmark)."""
    t0 = time.perf_counter()
    proces = subprocess.run([sys.executable, "-m", "verdeelwijzer", *args], env=omgeving(boom), cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    duur = time.perf_counter() - t0
    if proces.returncode != 0:
        raise SystemExit(f"{boom}: verdeelwijzer {' '.join(args)} faalde:\n{proces.stderr}")
    return duur


def intern(boom: Path, taak: str, *args: str) -> float:
    """Run one of this script's in-process tasks under `boom`'s code; it prints seconds."""
    proces = subprocess.run([sys.executable, __file__, "--intern", taak, *args], env=omgeving(boom), cwd=REPO,
                            capture_output=True, text=True)
    if proces.returncode != 0:
        raise SystemExit(f"{boom}: taak {taak} faalde:\n{proces.stderr}")
    return float(proces.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------- in-process tasks


def taak_home(map: str) -> float:
    from fastapi.testclient import TestClient

    from verdeelwijzer.web import WebInstellingen, maak_app

    app = maak_app(WebInstellingen(map=Path(map), db_url=f"sqlite:///{map}/web.sqlite", geheim="bench"))
    tijden = []
    with TestClient(app) as c:
        assert c.get("/").status_code == 200  # warm-up: loads data and templates
        for _ in range(10):
            t0 = time.perf_counter()
            assert c.get("/").status_code == 200
            tijden.append(time.perf_counter() - t0)
    return statistics.median(tijden)


def _namen():
    from verdeelwijzer.gegevens import laad_gemeenten

    g = laad_gemeenten()
    return g, {c: g.naam(c) for c in g.tabel.index}


def taak_importeer(db: str) -> float:
    """The example agreement adopted, then the seven example files imported; seconds spent in `importeer`."""
    from verdeelwijzer.monitoring.afsprakenkader import afspraak_uit_bestand
    from verdeelwijzer.opslag import open_database
    from verdeelwijzer.opslag.afspraken import leg_afspraak_vast
    from verdeelwijzer.opslag.importeren import importeer

    g, namen = _namen()
    database = open_database(db)
    with database.sessie() as s:
        leg_afspraak_vast(s, afspraak_uit_bestand(VOORBEELD / "haaglanden.yaml"), door="bench")
    map = REPO / "src/verdeelwijzer/voorbeeldbestanden/monitoring"
    t0 = time.perf_counter()
    for naam in IMPORTVOLGORDE:
        importeer(database, map / naam, door="bench", zoeker=g.zoeker, namen=namen)
    return time.perf_counter() - t0


def taak_grootboek(db: str, map: str) -> float:
    """Build the large ledger (see module docstring); returns the seconds it took."""
    from datetime import date

    from verdeelwijzer.gegevens import zoek_regio
    from verdeelwijzer.monitoring.model import AfspraakInvoer, Doel, Periode
    from verdeelwijzer.opslag import open_database
    from verdeelwijzer.opslag.afspraken import leg_afspraak_vast
    from verdeelwijzer.opslag.importeren import importeer

    t0 = time.perf_counter()
    g, namen = _namen()
    codes = tuple(zoek_regio(GROOT_REGIO, g).gemeentecodes)
    perioden = tuple(Periode(str(j), date(j, 1, 1), date(j, 12, 31)) for j in GROOT_JAREN)
    doelen = tuple(Doel(c, cat, p.code, 5 + (i * 7 + k) % 40) for i, c in enumerate(codes)
                   for k, cat in enumerate(GROOT_CATEGORIEEN) for p in perioden)
    afspraak = AfspraakInvoer(naam="Benchmark Zuid-Holland (fictief)", regio_naam="Zuid-Holland (bench)",
                              gemeenten=codes, bron_tekst="naam: bench\n", perioden=perioden, doelen=doelen,
                              besluit="fictief", mutatiegrens=None, vereffening_tarief=None,
                              categorieen=GROOT_CATEGORIEEN)
    database = open_database(db)
    with database.sessie() as s:
        leg_afspraak_vast(s, afspraak, door="bench")
    for j in GROOT_JAREN:
        instroom = Path(map) / f"instroom_{j}.csv"
        regels = ["periode,gemeentecode,categorie,instroom"]
        regels += [f"{j},{c},{cat},{(i * 3 + k + j) % 37}" for i, c in enumerate(codes)
                   for k, cat in enumerate(GROOT_CATEGORIEEN)]
        instroom.write_text("\n".join(regels) + "\n", encoding="utf-8")
        verhuur = Path(map) / f"verhuringen_{j}.csv"
        verhuur.write_text("periode,gemeentecode,verhuringen\n" + "".join(
            f"{j},{c},{200 + (i * 13 + j) % 300}\n" for i, c in enumerate(codes)), encoding="utf-8")
        for pad in (instroom, verhuur):
            importeer(database, pad, door="bench", zoeker=g.zoeker, namen=namen)
    return time.perf_counter() - t0


# --------------------------------------------------------------------------------------------- driver


class Teller:
    """Fresh file names in a work folder."""

    def __init__(self, map: Path) -> None:
        self.map, self.n = map, 0

    def pad(self, naam: str) -> Path:
        self.n += 1
        return self.map / f"{naam}_{self.n}.sqlite"


def m_verdeel(boom: Path, werk: Teller) -> float:
    return wandklok(boom, "verdeel", "--regio", "Haaglanden", "--totaal", "100", "--sleutel", "inwoners=1")


def m_home(boom: Path, werk: Teller) -> float:
    return intern(boom, "home", str(werk.map))


def m_bereken(boom: Path, werk: Teller) -> float:
    return wandklok(boom, "bereken", str(VOORBEELD / "haaglanden.yaml"))


def m_init(boom: Path, werk: Teller) -> float:
    return wandklok(boom, "monitor", "init", "--afspraken", str(VOORBEELD / "haaglanden.yaml"),
                    "--db", str(werk.pad("init")))


def m_importeer_cli(boom: Path, werk: Teller) -> float:
    db = werk.pad("imp")
    wandklok(boom, "monitor", "init", "--afspraken", str(VOORBEELD / "haaglanden.yaml"), "--db", str(db))
    map = REPO / "src/verdeelwijzer/voorbeeldbestanden/monitoring"
    return sum(wandklok(boom, "monitor", "importeer", str(map / naam), "--db", str(db)) for naam in IMPORTVOLGORDE)


def m_importeer_intern(boom: Path, werk: Teller) -> float:
    return intern(boom, "importeer", str(werk.pad("intern")))


def m_stand(boom: Path, werk: Teller) -> float:
    return wandklok(boom, "monitor", "stand", "--peildatum", "2036-12-31", "--db", str(werk.map / "groot.sqlite"))


METINGEN = [
    ("CLI verdeel --regio Haaglanden", m_verdeel),
    ("home page / (GET, in-process)", m_home),
    ("CLI bereken haaglanden.yaml", m_bereken),
    ("CLI monitor init", m_init),
    ("CLI monitor importeer (7 voorbeeldbestanden)", m_importeer_cli),
    ("importeer() in-process (7 bestanden)", m_importeer_intern),
    ("CLI monitor stand, groot grootboek", m_stand),
]


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--intern":
        taak, args = sys.argv[2], sys.argv[3:]
        functie = {"home": taak_home, "importeer": taak_importeer, "grootboek": taak_grootboek}[taak]
        print(functie(*args))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voor", type=Path, help=f"tree of the base version (default: git archive {VOOR_COMMIT})")
    parser.add_argument("--herhalingen", type=int, default=3)
    a = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vw-bench-") as tmp:
        bomen = {"voor": a.voor or boom_voor(Path(tmp) / "voor"), "na": REPO}
        werk = {}
        opbouw = {}
        for naam, boom in bomen.items():
            map = Path(tmp) / f"werk_{naam}"
            (map / "groot").mkdir(parents=True)
            werk[naam] = Teller(map)
            opbouw[naam] = intern(boom, "grootboek", str(map / "groot.sqlite"), str(map / "groot"))
        # voor and na alternate within each measurement, so a change in the machine's load hits both alike.
        uitslag: dict[str, dict[str, list[float]]] = {}
        for titel, functie in METINGEN:
            print(f"meten: {titel} …", file=sys.stderr, flush=True)
            uitslag[titel] = {"voor": [], "na": []}
            for _ in range(a.herhalingen):
                for naam, boom in bomen.items():
                    uitslag[titel][naam].append(functie(boom, werk[naam]))
    print(f"{'meting (mediaan van ' + str(a.herhalingen) + ')':46} {'voor':>9} {'na':>9} {'factor':>7}")
    for titel, tijden in uitslag.items():
        v, n = statistics.median(tijden["voor"]), statistics.median(tijden["na"])
        print(f"{titel:46} {v:8.3f}s {n:8.3f}s {v / n:6.1f}×")
    v, n = opbouw["voor"], opbouw["na"]
    print(f"{'groot grootboek opbouwen (20 importen, 1×)':46} {v:8.3f}s {n:8.3f}s {v / n:6.1f}×")


if __name__ == "__main__":
    main()
