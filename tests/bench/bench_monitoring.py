"""Benchmark of the monitoring page with a full Haaglanden ledger (not a test):
`python tests/bench/bench_monitoring.py [--voor REF] [--verzoeken 60]`.

Starts two `verdeelwijzer serve` processes on 127.0.0.1, each on its own temporary database (local mode):
"voor" runs the source tree of git revision REF (default: the commit before issue 15 item 4), "na" the
working tree. Both get the same full ledger through their own web forms: the example agreement Haaglanden
2027–2030 adopted, and instroom, verhuringen and bouw imported for all four years (2027 and 2028 from
voorbeelden/monitoring, 2029 and 2030 as copies of 2028). Then, for each server, sequentially:
  - warm: GET /monitoring (the default view) repeatedly;
  - koud: GET /monitoring?peildatum=… with a different date each time (nothing computed can be reused);
  - gelijktijdig: the default view from --clients concurrent clients (thread pool).
Prints p50/p95 latency, the HTML size and the ratios voor/na. Timings depend on the machine; the ratio is
the result.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
VOORBEELDEN = REPO / "src" / "verdeelwijzer" / "voorbeeldbestanden" / "monitoring"
VOOR = "a011422"  # the branch point before issue 15 item 4 (monitoring speed)


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bron_van(ref: str, doel: Path) -> Path:
    """The `src` tree of git revision `ref`, extracted under `doel`."""
    archief = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", ref, "src"], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archief)) as tar:
        tar.extractall(doel, filter="data")
    return doel / "src"


def start(bron: Path, map: Path) -> tuple[subprocess.Popen, str]:
    poort = vrije_poort()
    proces = subprocess.Popen([sys.executable, "-m", "verdeelwijzer", "serve", "--host", "127.0.0.1", "--port",
                               str(poort), "--db", str(map / "bench.sqlite"), "--map", str(map), "--zonder-login"],
                              env={"PYTHONPATH": str(bron), "PATH": "/usr/bin:/bin"}, stdout=subprocess.DEVNULL)
    basis = f"http://127.0.0.1:{poort}"
    eind = time.monotonic() + 90
    while True:
        try:
            httpx.get(basis + "/api/versie", timeout=2)
            return proces, basis
        except httpx.TransportError:
            if time.monotonic() > eind or proces.poll() is not None:
                proces.kill()
                raise SystemExit(f"De server uit {bron} startte niet.") from None
            time.sleep(0.2)


def bestanden() -> list[tuple[str, bytes]]:
    uit = []
    for soort in ("instroom", "verhuringen", "bouw"):
        for jaar in ("2027", "2028"):
            uit.append((f"{soort}_{jaar}.csv", (VOORBEELDEN / f"{soort}_{jaar}.csv").read_bytes()))
        tekst = (VOORBEELDEN / f"{soort}_2028.csv").read_text(encoding="utf-8")
        for jaar in ("2029", "2030"):
            uit.append((f"{soort}_{jaar}.csv", tekst.replace("2028", jaar).encode("utf-8")))
    return uit


def vul(basis: str) -> None:
    """The full Haaglanden ledger, through the server's own forms."""
    with httpx.Client(base_url=basis, timeout=120) as c:
        token = c.get("/api/sessie").json()["csrf_token"]
        c.post("/afspraken/vastleggen", data={"voorbeeld": "haaglanden.yaml", "csrf_token": token}).raise_for_status()
        for naam, inhoud in bestanden():
            r = c.post("/monitoring/importeer", data={"csrf_token": token},
                       files={"bestand": (naam, inhoud, "text/csv")})
            r.raise_for_status()


def meet(basis: str, paden: list[str]) -> dict[str, float]:
    tijden, groottes = [], []
    with httpx.Client(base_url=basis, timeout=120) as c:
        for pad in paden:
            t0 = time.perf_counter()
            r = c.get(pad)
            tijden.append(time.perf_counter() - t0)
            r.raise_for_status()
            groottes.append(len(r.content))
    tijden.sort()
    return {"p50_ms": 1000 * statistics.median(tijden), "p95_ms": 1000 * tijden[int(0.95 * (len(tijden) - 1))],
            "kb": statistics.median(groottes) / 1024}


def meet_gelijktijdig(basis: str, pad: str, clients: int, verzoeken: int) -> dict[str, float]:
    from concurrent.futures import ThreadPoolExecutor

    def een(_: int) -> tuple[float, int]:
        with httpx.Client(base_url=basis, timeout=120) as c:
            t0 = time.perf_counter()
            r = c.get(pad)
            r.raise_for_status()
            return time.perf_counter() - t0, len(r.content)

    with ThreadPoolExecutor(clients) as pool:
        uit = list(pool.map(een, range(verzoeken)))
    tijden = sorted(t for t, _ in uit)
    return {"p50_ms": 1000 * statistics.median(tijden), "p95_ms": 1000 * tijden[int(0.95 * (len(tijden) - 1))],
            "kb": statistics.median(n for _, n in uit) / 1024}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--voor", default=VOOR, help="git-revisie van de 'voor'-meting (standaard %(default)s)")
    p.add_argument("--verzoeken", type=int, default=60)
    p.add_argument("--clients", type=int, default=20)
    args = p.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="vw-bench-monitoring-"))
    bronnen = {"voor": bron_van(args.voor, tmp / "voor"), "na": REPO / "src"}
    warm = ["/monitoring"] * args.verzoeken
    koud = [f"/monitoring?peildatum={(date(2030, 12, 31) - timedelta(days=i)).isoformat()}"
            for i in range(args.verzoeken)]
    uitslag: dict[str, dict[str, dict[str, float]]] = {}
    for naam, bron in bronnen.items():
        map = tmp / f"data-{naam}"
        map.mkdir()
        proces, basis = start(bron, map)
        try:
            vul(basis)
            meet(basis, ["/monitoring"] * 3)  # warm-up (templates, imports)
            uitslag[naam] = {"warm": meet(basis, warm), "koud": meet(basis, koud),
                             "gelijktijdig": meet_gelijktijdig(basis, "/monitoring", args.clients,
                                                               max(args.verzoeken, 2 * args.clients))}
        finally:
            proces.terminate()
            proces.wait(timeout=10)
    print(f"GET /monitoring, volledig grootboek Haaglanden (4 jaar × 9 gemeenten × 4 categorieën), "
          f"{args.verzoeken} verzoeken na elkaar (gelijktijdig: {args.clients} clients); voor = {args.voor}, "
          "na = werkmap")
    for soort in ("warm", "koud", "gelijktijdig"):
        v, n = uitslag["voor"][soort], uitslag["na"][soort]
        print(f"  {soort:12s}  voor p50 {v['p50_ms']:6.1f} ms  p95 {v['p95_ms']:6.1f} ms  {v['kb']:6.1f} KB   |   "
              f"na p50 {n['p50_ms']:6.1f} ms  p95 {n['p95_ms']:6.1f} ms  {n['kb']:6.1f} KB   |   "
              f"voor/na p95 {v['p95_ms'] / n['p95_ms']:.1f}×  HTML {v['kb'] / n['kb']:.1f}× kleiner")
    return 0


if __name__ == "__main__":
    sys.exit(main())
