"""p95 benchmark of the web application at N concurrent clients (not a test): `python tests/bench/web_p95.py
[--clients 20] [--verzoeken 300] [--seconden 30]`.

Starts the real server (`verdeelwijzer serve`, one uvicorn process, loopback, local mode without users, a
temporary database with the Haaglanden example agreement adopted and realised figures for all four periods,
9 gemeenten × 4 categories) twice, side by side, and measures them alternately in the same run:

- before: `VERDEELWIJZER_REKENCACHE=0` (no cache of computed distributions, answers or result blocks), or with
  `--basis COMMIT` that commit's tree (`git archive`, e.g. the tree before issue 15's speed work),
- after: this tree with its default settings.

Against each it lets N httpx clients (async, one process, bounded by a request count and a time limit) ask
the distribution endpoint (POST /api/verdeling), the same with a different total on every request (never a
cache hit: the engine's own cost), the /verdeling page, a gemeente's explanation and the monitoring page with
the full ledger. Prints p50/p95 and requests per second per endpoint, and the before/after ratio of p95.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

VOORBEELD = Path(__file__).resolve().parents[2] / "src" / "verdeelwijzer" / "voorbeeldbestanden" / "haaglanden.yaml"
VERDELING = {"regio": "woningmarktregio:Haaglanden", "totaal": 300,
             "gewichten": {"huishoudens": 50, "mutaties": 50}, "mutatiegrens": 30}
QUERY = "regio=woningmarktregio:Haaglanden&totaal=300&gewicht_huishoudens=50&gewicht_mutaties=50&mutatiegrens=30"
PERIODEN = ("2027", "2028", "2029", "2030")


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "verdeelwijzer", *args], check=True, env=env, stdout=subprocess.DEVNULL)


def zaai_monitoring(map: Path, env: dict[str, str]) -> None:
    """Adopt the Haaglanden example agreement and import instroom for every period, gemeente and category,
    through the real command line."""
    db = str(map / "bench.sqlite")
    cli("monitor", "init", "--afspraken", str(VOORBEELD), "--db", db, env=env)
    cli("sjabloon", "monitoring", "--db", db, "--uit", str(map / "sjablonen"), env=env)
    with open(map / "sjablonen" / "monitoring_instroom.csv", encoding="utf-8-sig") as f:
        rijen = list(csv.reader(f, delimiter=";"))
    with open(map / "instroom.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(rijen[0])
        for p in PERIODEN:
            w.writerows([p, *r[1:4], str(3 + i % 7), ""] for i, r in enumerate(rijen[1:]))
    cli("monitor", "importeer", str(map / "instroom.csv"), "--db", db, env=env)


async def meet(basis: str, methode: str, pad: str, body: object, clients: int, verzoeken: int,
               seconden: float) -> dict[str, float]:
    tijden: list[float] = []
    fouten = 0
    teller = itertools.count()
    eind = time.perf_counter() + seconden

    async def klant(c: httpx.AsyncClient) -> None:
        nonlocal fouten
        while (n := next(teller)) < verzoeken and time.perf_counter() < eind:
            inhoud = body(n) if callable(body) else body
            t0 = time.perf_counter()
            r = await c.request(methode, basis + pad, json=inhoud)
            tijden.append(time.perf_counter() - t0)
            fouten += r.status_code != 200

    start = time.perf_counter()
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=clients)) as c:
        await asyncio.gather(*(klant(c) for _ in range(clients)))
    duur = time.perf_counter() - start
    tijden.sort()
    return {"n": len(tijden), "fouten": fouten, "per_s": len(tijden) / duur,
            "p50": 1000 * statistics.median(tijden), "p95": 1000 * tijden[int(0.95 * (len(tijden) - 1))]}


METINGEN = [
    ("POST /api/verdeling", "POST", "/api/verdeling", VERDELING),
    ("POST /api/verdeling (elk anders)", "POST", "/api/verdeling", lambda n: {**VERDELING, "totaal": 1000 + n}),
    ("GET /verdeling", "GET", "/verdeling?" + QUERY, None),
    ("GET /verdeling/uitleg/GM0503", "GET", "/verdeling/uitleg/GM0503?" + QUERY, None),
    ("GET /monitoring (Haaglanden)", "GET", "/monitoring?regio=Haaglanden", None),
]


class Server:
    """`verdeelwijzer serve` in its own process on a free loopback port."""

    def __init__(self, map: Path, env: dict[str, str]) -> None:
        poort = vrije_poort()
        self.basis = f"http://127.0.0.1:{poort}"
        self.proces = subprocess.Popen([sys.executable, "-m", "verdeelwijzer", "serve", "--host", "127.0.0.1",
                                        "--port", str(poort), "--db", str(map / "bench.sqlite"), "--map", str(map)],
                                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wacht(self) -> None:
        eind = time.monotonic() + 60
        while True:
            try:
                httpx.get(self.basis + "/api/versie", timeout=2)
                return
            except httpx.TransportError:
                if time.monotonic() > eind or self.proces.poll() is not None:
                    raise RuntimeError("De server startte niet.") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self.proces.terminate()
        self.proces.wait(timeout=15)


def enkel(basis: str, methode: str, pad: str, body: object, keer: int = 10) -> float:
    """Median time of one request alone (no other clients): the service time."""
    tijden = []
    with httpx.Client(timeout=60) as c:
        for n in range(keer):
            t0 = time.perf_counter()
            c.request(methode, basis + pad, json=body(10_000 + n) if callable(body) else body).raise_for_status()
            tijden.append(time.perf_counter() - t0)
    return 1000 * statistics.median(tijden)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--verzoeken", type=int, default=300)
    p.add_argument("--seconden", type=float, default=30.0)
    p.add_argument("--rondes", type=int, default=2, help="before and after alternate this many times per endpoint")
    p.add_argument("--basis", help="'before' is this git commit's tree (git archive), not this tree without cache")
    args = p.parse_args()

    map = Path(tempfile.mkdtemp(prefix="vw-p95-"))
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])),
           "HOME": str(map)}
    env.pop("VERDEELWIJZER_REKENCACHE", None)
    # Both servers run side by side and are measured alternately, so a change in the machine's load
    # (it is shared) hits both variants alike.
    if args.basis:
        boom = map / "basis"
        boom.mkdir()
        archief = subprocess.run(["git", "archive", args.basis, "src"], check=True, capture_output=True,
                                 cwd=Path(__file__).resolve().parents[2]).stdout
        subprocess.run(["tar", "-x", "-C", str(boom)], input=archief, check=True)
        voor = (f"voor ({args.basis[:8]})", {**env, "PYTHONPATH": str(boom / "src")})
    else:
        voor = ("voor (zonder cache)", {**env, "VERDEELWIJZER_REKENCACHE": "0"})
    # Each variant gets its own database, seeded by its own command line: an older tree cannot open a database
    # that a newer one has migrated further.
    servers = {}
    for variant, variant_env in ((voor[0], voor[1]), ("na (deze boom)", env)):
        eigen = map / f"db-{len(servers)}"
        eigen.mkdir()
        zaai_monitoring(eigen, {**variant_env, "HOME": str(eigen)})
        servers[variant] = Server(eigen, {**variant_env, "HOME": str(eigen)})
    uitslagen: dict[str, dict[str, list[dict[str, float]]]] = {v: {} for v in servers}
    try:
        for s in servers.values():
            s.wacht()
        for naam, methode, pad, body in METINGEN:
            for s in servers.values():
                enkel(s.basis, methode, pad, body, keer=2)  # warm-up, and a wrong URL fails loudly
            for _ in range(args.rondes):
                for variant, s in servers.items():
                    m = asyncio.run(meet(s.basis, methode, pad, body, args.clients, args.verzoeken, args.seconden))
                    m["enkel"] = enkel(s.basis, methode, pad, body)
                    uitslagen[variant].setdefault(naam, []).append(m)
    finally:
        for s in servers.values():
            s.stop()

    print(f"\n{args.clients} gelijktijdige clients, 1 uvicorn-proces per variant, loopback; per meting hoogstens "
          f"{args.verzoeken} verzoeken of {args.seconden:g} s; {args.rondes} rondes afwisselend, mediaan; "
          f"'alleen' = één verzoek zonder andere clients\n")
    print(f"{'meting':34s} {'variant':20s} {'n':>5s} {'fout':>4s} {'verz/s':>7s} {'p50 ms':>7s} {'p95 ms':>7s} "
          f"{'alleen ms':>9s}")
    for naam, *_ in METINGEN:
        p95 = {}
        for variant in servers:
            r = uitslagen[variant][naam]
            med = {k: statistics.median(x[k] for x in r) for k in r[0]}
            p95[variant] = med["p95"]
            print(f"{naam:34s} {variant:20s} {sum(x['n'] for x in r):5.0f} {sum(x['fouten'] for x in r):4.0f} "
                  f"{med['per_s']:7.1f} {med['p50']:7.1f} {med['p95']:7.1f} {med['enkel']:9.1f}")
        voor, na = p95.values()
        print(f"{'':34s} {'p95 voor/na':20s} {voor / na:>40.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
