"""p95 benchmark of the web application at N concurrent clients (not a test): `python tests/bench/web_p95.py
[--clients 20] [--verzoeken 300] [--seconden 30]`.

Starts the real server (`verdeelwijzer serve`, one uvicorn process, loopback, local mode without users, a
temporary database with the Haaglanden example agreement adopted and realised figures for all four periods,
9 gemeenten × 4 categories) twice in the same run:

- before: `VERDEELWIJZER_REKENCACHE=0` (no cache of computed distributions),
- after: the default settings (cache on).

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
QUERY = "regio=woningmarktregio:Haaglanden&totaal=300&g_huishoudens=50&g_mutaties=50&mutatiegrens=30"
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


def draai_server(map: Path, env: dict[str, str], args: argparse.Namespace) -> dict[str, dict[str, float]]:
    poort = vrije_poort()
    server = subprocess.Popen([sys.executable, "-m", "verdeelwijzer", "serve", "--host", "127.0.0.1", "--port",
                               str(poort), "--db", str(map / "bench.sqlite"), "--map", str(map)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    basis = f"http://127.0.0.1:{poort}"
    try:
        eind = time.monotonic() + 60
        while True:
            try:
                httpx.get(basis + "/api/versie", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > eind or server.poll() is not None:
                    raise RuntimeError("De server startte niet.") from None
                time.sleep(0.2)
        uit = {}
        for naam, methode, pad, body in METINGEN:
            eerste = httpx.request(methode, basis + pad, json=body(0) if callable(body) else body, timeout=60)
            eerste.raise_for_status()  # warm-up, and a wrong URL fails loudly
            uit[naam] = asyncio.run(meet(basis, methode, pad, body, args.clients, args.verzoeken, args.seconden))
        return uit
    finally:
        server.terminate()
        server.wait(timeout=15)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--verzoeken", type=int, default=300)
    p.add_argument("--seconden", type=float, default=30.0)
    args = p.parse_args()

    map = Path(tempfile.mkdtemp(prefix="vw-p95-"))
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])),
           "HOME": str(map)}
    env.pop("VERDEELWIJZER_REKENCACHE", None)
    zaai_monitoring(map, env)
    varianten = {"voor (zonder rekencache)": {**env, "VERDEELWIJZER_REKENCACHE": "0"}, "na (standaard)": env}
    uitslagen = {naam: draai_server(map, e, args) for naam, e in varianten.items()}

    print(f"\n{args.clients} gelijktijdige clients, 1 uvicorn-proces, loopback; per meting hoogstens "
          f"{args.verzoeken} verzoeken of {args.seconden:g} s\n")
    print(f"{'meting':36s} {'variant':26s} {'n':>5s} {'fout':>4s} {'verz/s':>8s} {'p50 ms':>8s} {'p95 ms':>8s}")
    for naam, *_ in METINGEN:
        for variant, u in uitslagen.items():
            m = u[naam]
            print(f"{naam:36s} {variant:26s} {m['n']:5.0f} {m['fouten']:4.0f} {m['per_s']:8.1f} {m['p50']:8.1f} "
                  f"{m['p95']:8.1f}")
        voor, na = (u[naam]["p95"] for u in uitslagen.values())
        print(f"{'':36s} {'p95 voor/na':26s} {voor / na:>42.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
