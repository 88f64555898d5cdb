"""Bounds on what one request may cost the server: body size (while it streams in, before anyone is
authenticated), and time and parallelism of parsing and computing uploads (off the event loop).
Plus HEAD for every GET page.

These are plain ASGI middlewares so they run before FastAPI reads a body or resolves a dependency: an
anonymous 100 MB body is refused with 413 after reading at most the limit, not after reading it all.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import json
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from fastapi import HTTPException

Scope = dict[str, Any]
Ontvang = Callable[[], Any]
Zend = Callable[[dict[str, Any]], Any]
T = TypeVar("T")


def mb_tekst(aantal: int) -> str:
    mb = aantal / (1024 * 1024)
    return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB".replace(".", ",")


class Verzoekgrootte:
    """Refuse request bodies above a limit with 413 and a Dutch message.

    `Content-Length` above the limit is refused without reading a byte; a body without it (chunked) is
    counted as it arrives and refused as soon as the count passes the limit (the application then sees a
    disconnect, and its answer is replaced by the 413). `per_pad`: (path prefix, limit) pairs for routes
    that legitimately take more (uploads, the monitoring import); the first matching prefix wins."""

    def __init__(self, app: Any, standaard: int, per_pad: Sequence[tuple[str, int]] = ()) -> None:
        self.app = app
        self.standaard = standaard
        self.per_pad = tuple(per_pad)

    def limiet(self, pad: str) -> int:
        for voorvoegsel, limiet in self.per_pad:
            if pad == voorvoegsel or pad.startswith(voorvoegsel.rstrip("/") + "/") or (
                    voorvoegsel.endswith("*") and pad.startswith(voorvoegsel[:-1])):
                return limiet
        return self.standaard

    async def __call__(self, scope: Scope, receive: Ontvang, send: Zend) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limiet = self.limiet(scope.get("path", ""))
        lengte = None
        for naam, waarde in scope.get("headers", ()):
            if naam == b"content-length":
                try:
                    lengte = int(waarde)
                except ValueError:
                    await _antwoord(scope, send, 400, "Ongeldige Content-Length in het verzoek.")
                    return
        if lengte is not None and lengte > limiet:
            await _antwoord(scope, send, 413, _te_groot(limiet))
            return

        ontvangen = 0
        te_groot = False
        begonnen = False

        async def ontvang() -> dict[str, Any]:
            nonlocal ontvangen, te_groot
            if te_groot:
                return {"type": "http.disconnect"}
            bericht = await receive()
            if bericht["type"] == "http.request":
                ontvangen += len(bericht.get("body", b""))
                if ontvangen > limiet:
                    te_groot = True
                    return {"type": "http.disconnect"}
            return bericht

        async def zend(bericht: dict[str, Any]) -> None:
            nonlocal begonnen
            if te_groot and not begonnen:
                return  # the application's answer to a cut-off body is replaced by the 413 below
            if bericht["type"] == "http.response.start":
                begonnen = True
            await send(bericht)

        try:
            await self.app(scope, ontvang, zend)
        except Exception:
            if not te_groot:
                raise
        if te_groot and not begonnen:
            await _antwoord(scope, send, 413, _te_groot(limiet))


def _te_groot(limiet: int) -> str:
    return (f"Het verzoek is te groot: hoogstens {mb_tekst(limiet)} voor dit adres. Maak het bestand kleiner "
            "of splits het op.")


async def _antwoord(scope: Scope, send: Zend, status: int, melding: str) -> None:
    """A small Dutch answer without involving the application (JSON for /api, else HTML)."""
    if scope.get("path", "").startswith("/api/"):
        inhoud = json.dumps({"detail": melding}, ensure_ascii=False).encode("utf-8")
        soort = b"application/json"
    else:
        from html import escape

        inhoud = ("<!doctype html><html lang=\"nl\"><meta charset=\"utf-8\"><title>Verzoek geweigerd</title>"
                  f"<h1>Verzoek geweigerd</h1><p>{escape(melding)}</p></html>").encode()
        soort = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", soort), (b"content-length", str(len(inhoud)).encode()), (b"connection", b"close"),
        (b"x-content-type-options", b"nosniff")]})
    await send({"type": "http.response.body", "body": inhoud if scope.get("method") != "HEAD" else b""})


class HeadAlsGet:
    """Answer HEAD like GET without the body (FastAPI's routes know only GET), so `HEAD /` gives 200."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Ontvang, send: Zend) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def zend(bericht: dict[str, Any]) -> None:
            if bericht["type"] == "http.response.body":
                bericht = {**bericht, "body": b""}
            await send(bericht)

        await self.app({**scope, "method": "GET"}, receive, zend)


class Beveiligingskoppen:
    """Security headers on every answer (CSP, nosniff, referrer, frame), and `Vary: HX-Request` where htmx asked
    for a fragment. Plain ASGI rather than Starlette's `BaseHTTPMiddleware`, which costs every request an extra
    task and a streamed copy of the body; headers an endpoint set itself win."""

    def __init__(self, app: Any, koppen: Sequence[tuple[str, str]]) -> None:
        self.app = app
        self.koppen = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in koppen]

    async def __call__(self, scope: Scope, receive: Ontvang, send: Zend) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        htmx = any(k == b"hx-request" for k, _ in scope.get("headers", ()))

        async def zend(bericht: dict[str, Any]) -> None:
            if bericht["type"] == "http.response.start":
                koppen = list(bericht.get("headers", ()))
                aanwezig = {k.lower() for k, _ in koppen}
                koppen += [(k, v) for k, v in self.koppen if k not in aanwezig]
                if htmx:
                    koppen = [(k, v) for k, v in koppen if k.lower() != b"vary"] + [(b"vary", b"HX-Request")]
                bericht = {**bericht, "headers": koppen}
            await send(bericht)

        await self.app(scope, receive, zend)


class Rekenbank:
    """Parsing and computing of uploads runs here: off the event loop, at most `werkers` at a time, and
    the answer is given up after `tijd_s` seconds (503 with a Dutch message).

    Python cannot stop a thread, so work past its time keeps its worker until it ends; the fixed number of
    workers bounds how much CPU and memory such work can hold, and the event loop (and with it every other
    page) keeps answering. Bounding the work itself is the parsers' job (number syntax, YAML, rows, xlsx)."""

    def __init__(self, werkers: int, tijd_s: float) -> None:
        self.werkers = max(1, werkers)
        self.tijd_s = tijd_s
        self._pool: ThreadPoolExecutor | None = None
        self._slot = threading.Lock()

    @property
    def pool(self) -> ThreadPoolExecutor:
        with self._slot:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.werkers, thread_name_prefix="verdeelwijzer-reken")
            return self._pool

    async def voer_uit(self, functie: Callable[..., T], *args: Any, melding: str | None = None,
                       **kwargs: Any) -> T:
        context = contextvars.copy_context()
        toekomst = self.pool.submit(context.run, functools.partial(functie, *args, **kwargs))
        try:
            return await asyncio.wait_for(asyncio.wrap_future(toekomst), self.tijd_s)
        except TimeoutError:
            toekomst.cancel()  # still queued: never starts; already running: it finishes unseen
            tekst = f"Het verwerken duurde langer dan {self.tijd_s:g} seconden en is opgegeven. " + (
                melding or "Maak het bestand kleiner of eenvoudiger, of probeer het later opnieuw.")
            raise HTTPException(503, tekst, headers={"Retry-After": "30"}) from None

    def sluit(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


async def reken(request: Any, functie: Callable[..., T], *args: Any, melding: str | None = None,
                **kwargs: Any) -> T:
    """Run `functie(*args, **kwargs)` on the app's Rekenbank (time bound, bounded parallelism); `melding`
    is added to the Dutch 503 when the time runs out."""
    bank: Rekenbank = request.app.state.rekenbank
    return await bank.voer_uit(functie, *args, melding=melding, **kwargs)
