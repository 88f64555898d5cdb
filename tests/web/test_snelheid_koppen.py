"""Transport (issue 15, item 8, first part): pages are sent gzip-compressed when the browser asks for it,
and static files carry cache headers (vendored, versioned files as immutable)."""

from __future__ import annotations


def test_pagina_gecomprimeerd(lokaal) -> None:
    r = lokaal.get("/verdeling", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers.get("content-encoding") == "gzip"
    assert "<html" in r.text  # the client decompresses: same page
    zonder = lokaal.get("/verdeling", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in zonder.headers and zonder.text == r.text


def test_statische_bestanden_met_cachekoppen(lokaal) -> None:
    eigen = lokaal.get("/static/css/verdeelwijzer.css")
    assert eigen.status_code == 200 and "max-age=3600" in eigen.headers["cache-control"]
    assert eigen.headers.get("etag")
    vendor = lokaal.get("/static/vendor/htmx-2.0.11.min.js")
    assert vendor.status_code == 200 and "immutable" in vendor.headers["cache-control"]
