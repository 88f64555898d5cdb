"""Load benchmark of the web application (not a test): `python tests/bench/bench_web.py [--clients 20]
[--verzoeken 400] [--seconden 30]`.

Starts `verdeelwijzer serve` in its own process on 127.0.0.1 (a free port, local mode, temporary
database; the load generator runs in this process, so it does not share the server's GIL), then lets N
concurrent httpx clients hit the distribution endpoint (POST /api/verdeling, Haaglanden, 2 indicators,
mutatiegrens 30 %) and, as the named alternative, the trivial endpoint GET /api/versie. Each run is
bounded by a request count and a time limit. Prints requests/s, p50 and p95 latency and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

VERDELING = {"regio": "woningmarktregio:Haaglanden", "totaal": 300,
             "gewichten": {"huishoudens": 50, "mutaties": 50}, "mutatiegrens": 30}


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def meet(url: str, methode: str, body: dict | None, clients: int, verzoeken: int, seconden: float) -> dict:
    tijden: list[float] = []
    fouten = 0
    teller = 0
    eind = time.perf_counter() + seconden

    async def klant(c: httpx.AsyncClient) -> None:
        nonlocal teller, fouten
        while teller < verzoeken and time.perf_counter() < eind:
            teller += 1
            t0 = time.perf_counter()
            r = await c.request(methode, url, json=body)
            tijden.append(time.perf_counter() - t0)
            if r.status_code != 200:
                fouten += 1

    start = time.perf_counter()
    limieten = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limieten) as c:
        await asyncio.gather(*(klant(c) for _ in range(clients)))
    duur = time.perf_counter() - start
    tijden.sort()
    return {"verzoeken": len(tijden), "fouten": fouten, "duur_s": duur, "per_s": len(tijden) / duur,
            "p50_ms": 1000 * statistics.median(tijden), "p95_ms": 1000 * tijden[int(0.95 * (len(tijden) - 1))]}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--verzoeken", type=int, default=400)
    p.add_argument("--seconden", type=float, default=30.0)
    args = p.parse_args()

    map = Path(tempfile.mkdtemp(prefix="vw-bench-"))
    poort = vrije_poort()
    server = subprocess.Popen([sys.executable, "-m", "verdeelwijzer", "serve", "--host", "127.0.0.1", "--port",
                               str(poort), "--db", str(map / "bench.sqlite"), "--map", str(map), "--zonder-login"],
                              stdout=subprocess.DEVNULL)
    basis = f"http://127.0.0.1:{poort}"
    eind = time.monotonic() + 60
    while True:
        try:
            httpx.get(basis + "/api/versie", timeout=2)
            break
        except httpx.TransportError:
            if time.monotonic() > eind or server.poll() is not None:
                server.kill()
                print("De server startte niet.", file=sys.stderr)
                return 1
            time.sleep(0.2)
    try:
        httpx.post(basis + "/api/verdeling", json=VERDELING, timeout=60).raise_for_status()  # warm-up
        uitslagen = {}
        for naam, methode, pad, body in [("verdeling (POST /api/verdeling)", "POST", "/api/verdeling", VERDELING),
                                         ("triviaal (GET /api/versie)", "GET", "/api/versie", None)]:
            uitslagen[naam] = u = asyncio.run(meet(basis + pad, methode, body, args.clients, args.verzoeken,
                                                   args.seconden))
            print(f"{naam:34s} {u['verzoeken']:5d} verzoeken in {u['duur_s']:.1f} s  {u['per_s']:7.1f} verz/s  "
                  f"p50 {u['p50_ms']:6.1f} ms  p95 {u['p95_ms']:6.1f} ms  fouten {u['fouten']}")
        v, t = uitslagen.values()
        print(f"verhouding triviaal/verdeling: {t['per_s'] / v['per_s']:.1f}× zoveel verzoeken per seconde "
              f"({args.clients} gelijktijdige clients, 1 uvicorn-proces, loopback)")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
