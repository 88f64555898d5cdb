"""Benchmark (not a test) for the afsprakenkader zip upload: `python tests/bench/bench_kader.py [--herhalingen N]`.

In one process and one run (TestClient, after a warm-up request each), alternating so machine load hits both:
- "zip": POST /afspraken with the example haaglanden.zip (safe extraction + load + compute + page);
- "voorbeeld": GET /afspraken?voorbeeld=haaglanden.yaml, the same agreement computed from its shipped path
  (the named alternative: what the zip path costs on top of computing);
- `pak_uit` alone on that zip, and the refusal of a 60 MB zip bomb (how fast a hostile zip is stopped).
Prints median and p95 in ms and the ratio zip/voorbeeld.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
import zipfile
from pathlib import Path


def _p95(waarden: list[float]) -> float:
    return sorted(waarden)[max(0, round(0.95 * len(waarden)) - 1)]


def main() -> None:
    from fastapi.testclient import TestClient

    from verdeelwijzer.afspraken.uitpakken import pak_uit
    from verdeelwijzer.fouten import InvoerFout
    from verdeelwijzer.web import WebInstellingen, maak_app

    parser = argparse.ArgumentParser()
    parser.add_argument("--herhalingen", type=int, default=20)
    n = parser.parse_args().herhalingen
    with tempfile.TemporaryDirectory() as tmp:
        app = maak_app(WebInstellingen(map=Path(tmp), db_url=f"sqlite:///{tmp}/b.sqlite", geheim="bench"))
        with TestClient(app) as c:
            token = c.get("/api/sessie").json()["csrf_token"]
            z = c.get("/download/voorbeeld/haaglanden.zip").content

            def via_zip() -> None:
                r = c.post("/afspraken", data={"csrf_token": token}, files={"bestand": ("h.zip", z)})
                assert r.status_code == 200

            def via_voorbeeld() -> None:
                assert c.get("/afspraken?voorbeeld=haaglanden.yaml").status_code == 200

            bom = io.BytesIO()
            with zipfile.ZipFile(bom, "w", zipfile.ZIP_DEFLATED) as b:
                b.writestr("kader.yaml", "naam: x")
                with b.open("bom.csv", "w") as f:
                    for _ in range(60):
                        f.write(b"0" * 1_000_000)
            bom_bytes = bom.getvalue()

            def uitpakken() -> None:
                with tempfile.TemporaryDirectory() as doel:
                    pak_uit(z, "h.zip", Path(doel))

            def bom_weigeren() -> None:
                with tempfile.TemporaryDirectory() as doel:
                    try:
                        pak_uit(bom_bytes, "bom.zip", Path(doel))
                    except InvoerFout:
                        return
                    raise AssertionError("zipbom niet geweigerd")

            metingen: dict[str, list[float]] = {k: [] for k in ("zip", "voorbeeld", "pak_uit", "zipbom")}
            functies = {"zip": via_zip, "voorbeeld": via_voorbeeld, "pak_uit": uitpakken, "zipbom": bom_weigeren}
            for f in functies.values():
                f()  # warm-up
            for _ in range(n):
                for naam, f in functies.items():
                    t = time.perf_counter()
                    f()
                    metingen[naam].append((time.perf_counter() - t) * 1000)
    for naam, w in metingen.items():
        print(f"{naam:10s} mediaan {statistics.median(w):8.2f} ms   p95 {_p95(w):8.2f} ms   (n={len(w)})")
    print(f"zip/voorbeeld: mediaan ×{statistics.median(metingen['zip']) / statistics.median(metingen['voorbeeld']):.2f}"
          f", p95 ×{_p95(metingen['zip']) / _p95(metingen['voorbeeld']):.2f}")


if __name__ == "__main__":
    main()
