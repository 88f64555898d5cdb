"""Attack tests: each reproduces a hole found by a hostile reader of the web app (issue 10) and checks that
the answer is now safe — a Dutch 4xx, never the contents of a file the user did not send, bounded time and
memory where that was the problem.

Tests of the bounded parsers through the web (number syntax, YAML aliases, CSV rows, xlsx size) run
the attack in a child process with a memory limit that is killed after its answer (or a deadline), so an
unbounded parser cannot hog this test run.
"""

from __future__ import annotations

import base64
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from verdeelwijzer.web import maak_app

from .conftest import WACHTWOORD, LiveServer, _instellingen

GEHEIM = "DB_PASSWORD=hunter2-zeer-geheim"


def _csrf(c: TestClient) -> str:
    return c.get("/api/sessie").json()["csrf_token"]


@pytest.fixture
def geheime_bestanden(tmp_path: Path) -> dict[str, Path]:
    """Files a server might hold, in the shapes the readers accept; each holds the secret."""
    map = tmp_path / "server"
    map.mkdir()
    bestanden = {
        "csv": map / "geheim.csv",
        "txt": map / "geheim.txt",
        "yaml": map / "geheim.yaml",
        "zonder_extensie": map / "geheim",
    }
    bestanden["csv"].write_text(f"gemeentenaam,aantal\n{GEHEIM},5\n", encoding="utf-8")
    bestanden["txt"].write_text(f"{GEHEIM}\n", encoding="utf-8")
    bestanden["yaml"].write_text(f"naam: x\ngemeenten: ['{GEHEIM}']\n", encoding="utf-8")
    bestanden["zonder_extensie"].write_text(f"{GEHEIM}\n", encoding="utf-8")
    return bestanden


@pytest.fixture
def geen_regiobestand(monkeypatch):
    """Fail loudly if anything on the web path reads a region file."""
    from verdeelwijzer.gegevens import regios

    def verboden(*_: object, **__: object) -> None:
        raise AssertionError("de webapplicatie las een regiobestand")

    monkeypatch.setattr(regios, "regio_uit_bestand", verboden)


# -- 1. no filesystem access from web input ------------------------------------------------------------------


@pytest.fixture(scope="module")
def lokaal_m(tmp_path_factory):
    """One local-mode app for the many read-route cases (module scope: building an app takes a while)."""
    app = maak_app(_instellingen(tmp_path_factory.mktemp("aanval")))
    with TestClient(app) as c:
        yield c
    app.state.koppeling.sluit()


GET_ROUTES = ["/", "/api/gemeenten", "/download/gemeenten.csv", "/verdeling", "/scenarios",
              "/api/betaalbaarheid/voorbeeld", "/download/programma_sjabloon.xlsx", "/vaststelling",
              "/download/behoefte_sjabloon.xlsx"]


@pytest.mark.parametrize("soort", ["csv", "txt", "yaml", "zonder_extensie"])
@pytest.mark.parametrize("route", GET_ROUTES)
def test_regio_als_pad_in_query_leest_geen_bestand(lokaal_m, geheime_bestanden, geen_regiobestand, route, soort):
    r = lokaal_m.get(route, params={"regio": str(geheime_bestanden[soort])})
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    assert "hunter2" not in r.text
    assert "niet met een bestand" in r.text


@pytest.mark.parametrize("route", ["/api/verdeling", "/api/verdeling/vergelijk", "/api/verdeling/afsprakenkader"])
def test_regio_als_pad_in_json_leest_geen_bestand(lokaal_m, geheime_bestanden, geen_regiobestand, route):
    lichaam: dict[str, object] = {"regio": str(geheime_bestanden["csv"])}
    if route.endswith("vergelijk"):
        lichaam = {"instellingen": {"regio": str(geheime_bestanden["csv"])},
                   "scenarios": [{"naam": "A", "sleutel": "inwoners=100%"},
                                 {"naam": "B", "sleutel": "huishoudens=100%"}]}
    r = lokaal_m.post(route, json=lichaam)
    assert r.status_code == 422, r.text[:300]
    assert "hunter2" not in r.text
    assert "niet met een bestand" in r.text  # Dutch, and it says why


def test_regio_als_relatief_pad_of_lijst_leest_geen_bestand(lokaal_m, geheime_bestanden, geen_regiobestand,
                                                             monkeypatch):
    monkeypatch.chdir(geheime_bestanden["csv"].parent)
    for regio in ("geheim.csv", "geheim", f"Delft,{geheime_bestanden['txt']}", "../server/geheim.txt"):
        r = lokaal_m.get("/api/gemeenten", params={"regio": regio})
        assert r.status_code == 422, (regio, r.text[:300])
        assert "hunter2" not in r.text


def test_regionamen_met_schuine_streep_werken_nog(lokaal_m):
    """'Arnhem/Nijmegen' is a COROP region, not a path."""
    r = lokaal_m.get("/api/gemeenten", params={"regio": "corop:Arnhem/Nijmegen"})
    assert r.status_code == 200 and len(r.json()["gemeenten"]) > 5


def _kader(**extra: str) -> str:
    """A small, otherwise valid agreement with `extra` YAML lines merged in at the right place."""
    categorie = extra.get("categorie", "")
    kader = (f"naam: Aanval\nregio: {extra.get('regio', 'Haaglanden')}\nperiode: {{start: 2027, jaren: 1}}\n"
             f"{extra.get('boven', '')}"
             "categorieen:\n  - naam: test\n    totaal: {per_jaar: 100}\n    sleutel: {inwoners: 1}\n"
             f"{categorie}")
    return kader


def _verwijzingen(pad: str) -> dict[str, str]:
    """Every place an agreement names a file, pointing at `pad`."""
    q = json.dumps(pad)
    return {
        "gegevens": _kader(boven=f"gegevens: [{q}]\n"),
        "herkomst": _kader(categorie=f"    herkomst: {{bestand: {q}, alpha: 1}}\n"),
        "ingroeipad.huidig": _kader(categorie=f"    ingroeipad: {{huidig: {q}, jaren: 3}}\n"),
        "onderverdeling": _kader(categorie=f"    onderverdeling: {{bestand: {q}}}\n"),
        "statushouders.correcties": _kader(
            boven=f"statushouders: {{landelijk_per_jaar: {{2027: 20000}}, correcties: {q}}}\n"),
        "spoor1.programma": _kader(boven=f"spoor1: {{programma: {q}}}\n"),
        "spoor1.plan": _kader(boven=f"spoor1: {{programma: programma.csv, plan: {q}}}\n"),
        "regio": _kader(regio=q),
    }


def _relatief_naar(doel: Path) -> str:
    """'../../…' from an upload's temporary folder to `doel` (as the original attack did)."""
    upload_map = Path(tempfile.gettempdir()) / "verdeelwijzer-afspraak-x"
    return os.path.relpath(doel, upload_map)


@pytest.mark.parametrize("plek", list(_verwijzingen("x")))
@pytest.mark.parametrize("soort", ["absoluut", "relatief"])
def test_afsprakenkader_upload_leest_geen_bestand_buiten_de_upload(lokaal_m, geheime_bestanden, plek, soort):
    doel = geheime_bestanden["csv"]
    pad = str(doel) if soort == "absoluut" else _relatief_naar(doel)
    assert soort == "absoluut" or pad.startswith("..")
    tekst = _verwijzingen(pad)[plek]
    r = lokaal_m.post("/api/afspraken/bereken", json={"tekst": tekst, "naam": "aanval.yaml"})
    assert r.status_code == 422, r.text[:500]
    detail = r.json()["detail"]
    assert "hunter2" not in r.text
    assert ("buiten de map van het afsprakenkader" in detail) or ("niet met een bestand" in detail), detail
    # The same through the upload form.
    r = lokaal_m.post("/afspraken", data={"csrf_token": _csrf(lokaal_m)},
                    files={"bestand": ("aanval.yaml", tekst.encode(), "application/yaml")})
    assert r.status_code == 422 and "hunter2" not in r.text


def test_afsprakenkader_symbolische_link_naar_buiten_geweigerd(tmp_path, geheime_bestanden):
    from verdeelwijzer.afspraken.laden import GeladenAfspraken, lees_afspraken_tekst
    from verdeelwijzer.fouten import InvoerFout

    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "link.csv").symlink_to(geheime_bestanden["csv"])
    (upload / "eigen.csv").write_text("gemeentenaam,aantal\nDelft,1\n", encoding="utf-8")
    tekst = _kader(boven="gegevens: [link.csv]\n")
    geladen = GeladenAfspraken(lees_afspraken_tekst(tekst, "a.yaml"), upload / "a.yaml", tekst, opgesloten=True)
    with pytest.raises(InvoerFout, match="buiten de map") as fout:
        geladen.pad_van("link.csv")
    assert "hunter2" not in str(fout.value)
    assert geladen.pad_van("eigen.csv") == upload / "eigen.csv"  # a file next to the upload is fine
    # The command line reads what its user names (not confined).
    cli = GeladenAfspraken(geladen.kader, upload / "a.yaml", tekst)
    assert cli.pad_van(str(geheime_bestanden["csv"])) == geheime_bestanden["csv"]


# -- 3. request size limits, enforced while streaming, before authentication --------------------------------


def _rss_piek_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _lees_antwoord(s: socket.socket, deadline: float) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and time.monotonic() < deadline:
        try:
            stuk = s.recv(65536)
        except (BlockingIOError, TimeoutError):
            continue
        if not stuk:
            break
        data += stuk
    kop, _, rest = data.partition(b"\r\n\r\n")
    lengte = next((int(r.split(b":")[1]) for r in kop.split(b"\r\n") if r.lower().startswith(b"content-length")), 0)
    while len(rest) < lengte and time.monotonic() < deadline:
        stuk = s.recv(65536)
        if not stuk:
            break
        rest += stuk
    return kop + b"\r\n\r\n" + rest


@pytest.fixture(scope="module")
def live_met_gebruikers(app_met_gebruikers):
    with LiveServer(app_met_gebruikers) as server:
        yield server


def test_anonieme_100mb_json_met_lengte_wordt_geweigerd_zonder_lezen(live_met_gebruikers):
    """Content-Length 100 MB, only 64 kB actually sent: the 413 comes before the rest, and before the 401."""
    piek = _rss_piek_mb()
    with socket.create_connection(("127.0.0.1", live_met_gebruikers.poort), timeout=10) as s:
        s.sendall(b"POST /api/verdeling HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 104857600\r\n\r\n" + b"[" * 65536)
        antwoord = _lees_antwoord(s, time.monotonic() + 10)
    assert antwoord.startswith(b"HTTP/1.1 413"), antwoord[:300]
    tekst = antwoord.decode("utf-8", "replace")
    assert "te groot" in tekst and "hoogstens 2 MB" in tekst
    assert _rss_piek_mb() - piek < 50


def test_anonieme_100mb_json_zonder_lengte_wordt_afgebroken(live_met_gebruikers):
    """Chunked body (no Content-Length): counted while it streams, refused soon after the limit."""
    blok = b"[" * (256 * 1024)
    verzonden = 0
    piek = _rss_piek_mb()
    with socket.create_connection(("127.0.0.1", live_met_gebruikers.poort), timeout=10) as s:
        s.sendall(b"POST /api/gebruikers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n")
        s.setblocking(False)
        deadline = time.monotonic() + 30
        antwoord = b""
        while verzonden < 100 * 1024 * 1024 and time.monotonic() < deadline:
            try:
                antwoord = s.recv(65536)
                if antwoord:
                    break
            except BlockingIOError:
                pass
            try:
                s.send(f"{len(blok):x}\r\n".encode() + blok + b"\r\n")
                verzonden += len(blok)
            except BlockingIOError:
                time.sleep(0.01)
            except (BrokenPipeError, ConnectionResetError):
                break
        s.setblocking(True)
        s.settimeout(10)
        antwoord += _lees_antwoord(s, time.monotonic() + 10) if b"\r\n\r\n" not in antwoord else b""
    assert antwoord.startswith(b"HTTP/1.1 413"), antwoord[:300]
    assert verzonden < 20 * 1024 * 1024, f"{verzonden / 2**20:.1f} MB verzonden voor de weigering"
    assert _rss_piek_mb() - piek < 50


def test_kleine_anonieme_json_krijgt_401(klanten):
    """The control for the two tests above: without the size, the same request is refused as anonymous."""
    assert klanten[None].post("/api/gebruikers", json={}).status_code == 401


def test_limieten_per_route_en_instelbaar(tmp_path, instellingen):
    app = maak_app(instellingen(tmp_path, max_verzoek=4096, max_import=64 * 1024))
    c = TestClient(app)
    groot = {"regio": "Haaglanden", "eenheid": "x" * 5000}
    r = c.post("/api/verdeling", json=groot)
    assert r.status_code == 413 and "hoogstens" in r.json()["detail"]
    # the monitoring import may take more than the default …
    csv = b"periode,gemeentecode,categorie,instroom\n" + b"2025,GM0503,medisch,1\n" * 1000
    r = c.post("/api/monitoring/importeer", files={"bestand": ("i.csv", csv, "text/csv")})
    assert r.status_code != 413
    # … but not without bound (the original: 150 MB → 3.5 GB RSS)
    r = c.post("/api/monitoring/importeer", files={"bestand": ("i.csv", csv * 4, "text/csv")})
    assert r.status_code == 413
    r = c.post("/monitoring/importeer", files={"bestand": ("i.csv", csv * 4, "text/csv")})
    assert r.status_code == 413 and "Verzoek geweigerd" in r.text
    app.state.koppeling.sluit()


def test_monitoring_import_150mb_geweigerd(live_met_gebruikers):
    with socket.create_connection(("127.0.0.1", live_met_gebruikers.poort), timeout=10) as s:
        s.sendall(b"POST /api/monitoring/importeer HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 157286400\r\n\r\n--x\r\n")
        antwoord = _lees_antwoord(s, time.monotonic() + 10)
    assert antwoord.startswith(b"HTTP/1.1 413"), antwoord[:300]


# -- 2. (web part) parsing and computing off the event loop, with a time bound --------------------------------


def test_trage_upload_blokkeert_de_server_niet(tmp_path, instellingen, monkeypatch):
    import httpx

    from verdeelwijzer.fouten import InvoerFout
    from verdeelwijzer.web.toestand import GegevensToestand

    def traag(self: GegevensToestand, naam: str, inhoud: bytes) -> Path:
        time.sleep(3)
        raise InvoerFout("te traag")

    monkeypatch.setattr(GegevensToestand, "controleer", traag)
    app = maak_app(instellingen(tmp_path))
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        csrf = c.get("/api/sessie").json()["csrf_token"]
        uitkomst: dict[str, int] = {}

        def upload() -> None:
            r = c.post("/api/gegevens/bestanden", headers={"X-CSRF-Token": csrf},
                       files={"bestand": ("a.csv", b"gemeentecode,x\nGM0503,1\n", "text/csv")})
            uitkomst["status"] = r.status_code

        draad = threading.Thread(target=upload)
        draad.start()
        time.sleep(0.5)
        with httpx.Client(base_url=server.url, timeout=30) as ander:
            begin = time.monotonic()
            assert ander.get("/api/versie").status_code == 200
            duur = time.monotonic() - begin
        draad.join(20)
        assert uitkomst["status"] == 422
        assert duur < 2.0, f"de server antwoordde pas na {duur:.1f} s tijdens een trage upload"
    app.state.koppeling.sluit()


def test_rekentijd_is_begrensd(tmp_path, instellingen, monkeypatch):
    from verdeelwijzer.web.toestand import GegevensToestand

    monkeypatch.setattr(GegevensToestand, "controleer", lambda self, naam, inhoud: time.sleep(3))
    app = maak_app(instellingen(tmp_path, rekentijd_s=0.5))
    c = TestClient(app)
    begin = time.monotonic()
    r = c.post("/api/gegevens/bestanden", headers={"X-CSRF-Token": _csrf(c)},
               files={"bestand": ("a.csv", b"gemeentecode,x\nGM0503,1\n", "text/csv")})
    assert r.status_code == 503 and "duurde langer dan 0.5 seconden" in r.json()["detail"]
    assert time.monotonic() - begin < 2.5
    app.state.koppeling.sluit()


AANVAL_SCRIPT = r"""
import base64, json, os, resource, sys, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
from fastapi.testclient import TestClient
from verdeelwijzer.web import WebInstellingen, maak_app
map = Path(sys.argv[1])
app = maak_app(WebInstellingen(map=map, db_url=f"sqlite:///{map / 't.sqlite'}", geheim="x", rekentijd_s=5))
c = TestClient(app, raise_server_exceptions=False)
c.get("/api/versie")
verzoek = json.loads(Path(sys.argv[2]).read_text())
if "bestand" in verzoek:
    naam, inhoud = verzoek.pop("bestand")
    verzoek["files"] = {verzoek.pop("veld"): (naam, base64.b64decode(inhoud))}
begin = time.monotonic()
r = c.post(verzoek.pop("pad"), **verzoek)
print(json.dumps({"status": r.status_code, "tekst": r.text[:3000], "duur": time.monotonic() - begin}), flush=True)
os._exit(0)
"""


def _aanval(tmp_path: Path, verzoek: dict[str, object], deadline_s: float = 25) -> dict[str, object]:
    """Run one request against a fresh local-mode app in a child process (3 GB address-space limit,
    5 s computing bound, killed at the deadline); return status, text and duration of the request."""
    (tmp_path / "verzoek.json").write_text(json.dumps(verzoek), encoding="utf-8")
    (tmp_path / "app").mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in [os.environ.get("PYTHONPATH", "")] if p)}
    try:
        r = subprocess.run([sys.executable, "-c", AANVAL_SCRIPT, str(tmp_path / "app"), str(tmp_path / "verzoek.json")],
                           capture_output=True, text=True, timeout=deadline_s, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"geen antwoord binnen {deadline_s} s: de server hing")
    regels = [r for r in r.stdout.splitlines() if r.startswith("{")]
    assert regels, r.stderr[-2000:]
    return json.loads(regels[-1])


def _geen_last(uitkomst: dict[str, object], max_s: float = 6.0) -> None:
    # Generous for a loaded 2-core machine; the unbounded parsers took 11 s to more than 10 minutes.
    assert uitkomst["status"] == 422, uitkomst
    assert float(uitkomst["duur"]) < max_s, uitkomst  # type: ignore[arg-type]
    assert "Traceback" not in str(uitkomst["tekst"])



def test_reusachtige_exponent_als_gewicht(tmp_path):
    uitkomst = _aanval(tmp_path, {"pad": "/api/verdeling", "json": {
        "regio": "Haaglanden", "gewichten": {"inwoners": "1e5000000"}}})
    _geen_last(uitkomst, max_s=3.0)


def test_billion_laughs_yaml(tmp_path):
    lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, n in enumerate("bcdefghi"):
        vorige = "abcdefghi"[i]
        lol.append(f"{n}: &{n} [" + ",".join([f"*{vorige}"] * 9) + "]")
    tekst = "\n".join(lol) + "\nnaam: *i\n"
    _geen_last(_aanval(tmp_path, {"pad": "/api/afspraken/bereken", "json": {"tekst": tekst}}))


def test_csv_met_veel_foute_rijen(tmp_path):
    rijen = "".join(f"Onbekendstad{i},1,2\n" for i in range(20000))  # ~420 kB, every row an error
    inhoud = ("gemeentenaam,gecontracteerd,niet_gecontracteerd\n" + rijen).encode()
    assert len(inhoud) > 400_000
    _geen_last(_aanval(tmp_path, {"pad": "/api/betaalbaarheid", "veld": "programma",
                                  "bestand": ["prog.csv", base64.b64encode(inhoud).decode()]}))


def _zipbom() -> bytes:
    """A valid .xlsx whose sheet unpacks to ~300 MB of XML rows (a few hundred kB packed)."""
    import io
    import zipfile

    from openpyxl import Workbook

    boek = Workbook()
    boek.active.append(["gemeentenaam", "gecontracteerd", "niet_gecontracteerd"])
    klein = io.BytesIO()
    boek.save(klein)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(klein.getvalue())) as bron, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in bron.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                z.writestr(item, bron.read(item.filename))
                continue
            with z.open("xl/worksheets/sheet1.xml", "w") as blad:
                blad.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org'
                           b'/spreadsheetml/2006/main"><sheetData>')
                rij = b'<row><c t="inlineStr"><is><t>Delft</t></is></c><c><v>1</v></c><c><v>2</v></c></row>' * 10000
                for _ in range(400):
                    blad.write(rij)
                blad.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def test_zipbom_xlsx(tmp_path):
    bom = _zipbom()
    assert len(bom) < 5 * 1024 * 1024
    _geen_last(_aanval(tmp_path, {"pad": "/api/betaalbaarheid", "veld": "programma",
                                  "bestand": ["prog.xlsx", base64.b64encode(bom).decode()]}))


# -- 4. no anonymous admin on first run ---------------------------------------------------------------------

SERVE_SCRIPT = r"""
import sys
import uvicorn
uvicorn.run = lambda *a, **k: print("UVICORN_RUN", k.get("host"), flush=True)  # never bind in a test
from verdeelwijzer.cli import main
sys.argv = ["verdeelwijzer", *sys.argv[1:]]
main()
"""


def _serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(tmp_path), "VERDEELWIJZER_GEBRUIKER": "test", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-c", SERVE_SCRIPT, "serve", "--db", str(tmp_path / "vw.sqlite"),
                           "--map", str(tmp_path / "map"), *args], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)


def test_serve_op_netwerkadres_zonder_gebruikers_weigert(tmp_path):
    r = _serve(tmp_path, "--host", "0.0.0.0")
    assert r.returncode == 2, r.stdout + r.stderr
    assert "UVICORN_RUN" not in r.stdout
    melding = " ".join(r.stderr.split())
    assert "verdeelwijzer gebruiker maak-beheerder NAAM" in melding and "--zonder-login" in melding
    assert "Traceback" not in r.stderr


def test_serve_lokaal_of_expliciet_zonder_login_of_met_gebruikers_start(tmp_path):
    r = _serve(tmp_path, "--host", "127.0.0.1")
    assert r.returncode == 0 and "UVICORN_RUN 127.0.0.1" in r.stdout, r.stderr
    r = _serve(tmp_path, "--host", "0.0.0.0", "--zonder-login")
    assert r.returncode == 0 and "UVICORN_RUN 0.0.0.0" in r.stdout and "beheerrechten" in r.stderr
    from verdeelwijzer.opslag.database import open_database
    from verdeelwijzer.opslag.gebruikers import maak_gebruiker

    db = open_database(str(tmp_path / "vw.sqlite"))
    with db.sessie() as s:
        maak_gebruiker(s, "anna", WACHTWOORD, "regio-beheerder", door="test")
    db.sluit()
    r = _serve(tmp_path, "--host", "0.0.0.0")
    assert r.returncode == 0 and "UVICORN_RUN 0.0.0.0" in r.stdout, r.stderr


# -- 7. sessions end on the server; password change; rate limits; common passwords; concurrent logins ---------


@pytest.fixture
def snel_hashen(monkeypatch):
    """scrypt at N=2^14 instead of 2^17 where the cost itself is not under test (8× faster)."""
    from verdeelwijzer.opslag import gebruikers

    monkeypatch.setattr(gebruikers, "SCRYPT_N", 2**14)


@pytest.fixture
def app_met_anna(tmp_path, instellingen, snel_hashen):
    app = maak_app(instellingen(tmp_path, inlog_per_gebruiker=3, inlog_per_adres=6))
    app.state.koppeling.maak_gebruiker("test", "beheer", WACHTWOORD, "regio-beheerder", None)
    app.state.koppeling.maak_gebruiker("test", "anna", WACHTWOORD, "lezer", None)
    yield app
    app.state.koppeling.sluit()


def _login(app, naam: str, wachtwoord: str = WACHTWOORD) -> TestClient:
    c = TestClient(app)
    r = c.post("/api/sessie", json={"gebruikersnaam": naam, "wachtwoord": wachtwoord})
    assert r.status_code == 200, r.text
    c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c


def _opnieuw(app, c: TestClient) -> TestClient:
    """A second client replaying `c`'s cookie (as an attacker who copied it would)."""
    return TestClient(app, cookies={"verdeelwijzer_sessie": c.cookies["verdeelwijzer_sessie"]})


def test_cookie_na_uitloggen_geweigerd(app_met_anna):
    anna = _login(app_met_anna, "anna")
    kopie = _opnieuw(app_met_anna, anna)
    assert kopie.get("/api/gemeenten?regio=Haaglanden").status_code == 200
    assert anna.delete("/api/sessie").status_code == 204
    assert kopie.get("/api/gemeenten?regio=Haaglanden").status_code == 401
    assert kopie.get("/api/sessie").json()["gebruikersnaam"] is None
    # the page form too
    anna = _login(app_met_anna, "anna")
    kopie = _opnieuw(app_met_anna, anna)
    r = anna.post("/uitloggen", data={"csrf_token": anna.headers["X-CSRF-Token"]}, follow_redirects=False)
    assert r.status_code == 303
    assert kopie.get("/", follow_redirects=False).status_code == 303


def test_cookie_na_uitschakelen_ook_na_weer_inschakelen_geweigerd(app_met_anna):
    anna = _login(app_met_anna, "anna")
    kopie = _opnieuw(app_met_anna, anna)
    beheer = _login(app_met_anna, "beheer")
    csrf = beheer.headers["X-CSRF-Token"]
    assert beheer.post("/gebruikers/anna/actief", data={"actief": "nee", "csrf_token": csrf}).status_code == 200
    assert kopie.get("/api/gemeenten").status_code == 401
    assert beheer.post("/gebruikers/anna/actief", data={"actief": "ja", "csrf_token": csrf}).status_code == 200
    assert kopie.get("/api/gemeenten").status_code == 401
    assert anna.get("/api/gemeenten").status_code == 401
    assert _login(app_met_anna, "anna").get("/api/gemeenten").status_code == 200


def test_wachtwoord_wijzigen_beeindigt_andere_sessies(app_met_anna):
    laptop = _login(app_met_anna, "anna")
    telefoon = _login(app_met_anna, "anna")
    oude_cookie = _opnieuw(app_met_anna, laptop)
    nieuw = "paarse-olifant-42"
    r = laptop.post("/api/sessie/wachtwoord", json={"huidig": "fout-fout-fout", "nieuw": nieuw})
    assert r.status_code == 422 and "huidige wachtwoord klopt niet" in r.json()["detail"]
    r = laptop.post("/api/sessie/wachtwoord", json={"huidig": WACHTWOORD, "nieuw": nieuw})
    assert r.status_code == 200, r.text
    laptop.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    assert laptop.get("/api/gemeenten").status_code == 200  # fresh session for this device
    assert telefoon.get("/api/gemeenten").status_code == 401
    assert oude_cookie.get("/api/gemeenten").status_code == 401
    assert TestClient(app_met_anna).post("/api/sessie", json={"gebruikersnaam": "anna",
                                                               "wachtwoord": WACHTWOORD}).status_code == 401
    _login(app_met_anna, "anna", nieuw)


def test_wachtwoord_wijzigen_via_formulier(app_met_anna):
    anna = _login(app_met_anna, "anna")
    csrf = anna.headers["X-CSRF-Token"]
    assert "Wachtwoord wijzigen" in anna.get("/wachtwoord").text
    r = anna.post("/wachtwoord", data={"huidig": WACHTWOORD, "nieuw": "welkom01", "herhaal": "welkom01",
                                       "csrf_token": csrf})
    assert r.status_code == 422 and "veelgebruikte wachtwoorden" in r.text
    r = anna.post("/wachtwoord", data={"huidig": WACHTWOORD, "nieuw": "groene-kikker-7", "herhaal": "anders-dan-dat",
                                       "csrf_token": csrf})
    assert r.status_code == 422 and "niet gelijk" in r.text
    r = anna.post("/wachtwoord", data={"huidig": WACHTWOORD, "nieuw": "groene-kikker-7",
                                       "herhaal": "groene-kikker-7", "csrf_token": csrf})
    assert r.status_code == 200 and "is gewijzigd" in r.text
    _login(app_met_anna, "anna", "groene-kikker-7")


def test_wachtwoord_wijzigen_op_de_opdrachtregel(app_met_anna, tmp_path):
    anna = _login(app_met_anna, "anna")
    db = app_met_anna.state.instellingen.db_url
    env = {**os.environ, "HOME": str(tmp_path), "VERDEELWIJZER_GEBRUIKER": "cli-beheer",
           "VERDEELWIJZER_WACHTWOORD": "wachtwoord"}
    r = subprocess.run([sys.executable, "-m", "verdeelwijzer", "gebruiker", "wachtwoord", "anna", "--db", db],
                       capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
    assert r.returncode == 2 and "veelgebruikte wachtwoorden" in r.stderr
    assert anna.get("/api/gemeenten").status_code == 200
    env["VERDEELWIJZER_WACHTWOORD"] = "blauwe-reiger-19"
    r = subprocess.run([sys.executable, "-m", "verdeelwijzer", "gebruiker", "wachtwoord", "anna", "--db", db],
                       capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "overal uitgelogd" in r.stdout
    assert anna.get("/api/gemeenten").status_code == 401
    _login(app_met_anna, "anna", "blauwe-reiger-19")
    audit = [a["actie"] for a in app_met_anna.state.koppeling.auditlog(20)]
    assert "wachtwoord gewijzigd" in audit


def test_inlogpogingen_per_gebruiker_begrensd(app_met_anna):
    c = TestClient(app_met_anna)
    for _ in range(3):
        assert c.post("/api/sessie", json={"gebruikersnaam": "anna", "wachtwoord": "raden-raden"}).status_code == 401
    r = c.post("/api/sessie", json={"gebruikersnaam": "anna", "wachtwoord": WACHTWOORD})
    assert r.status_code == 429
    assert "Te veel mislukte inlogpogingen voor deze gebruiker" in r.json()["detail"]
    assert int(r.headers["retry-after"]) > 0
    # the page shows the same, in Dutch, on the login form
    r = c.post("/inloggen", data={"gebruikersnaam": "anna", "wachtwoord": WACHTWOORD, "csrf_token": _csrf(c)})
    assert r.status_code == 429 and "Te veel mislukte inlogpogingen" in r.text
    # other users are not affected
    _login(app_met_anna, "beheer")


def test_inlogpogingen_per_adres_begrensd(app_met_anna):
    c = TestClient(app_met_anna)
    for i in range(6):
        r = c.post("/api/sessie", json={"gebruikersnaam": f"verzonnen{i}", "wachtwoord": "raden-raden"})
        assert r.status_code == 401
    r = c.post("/api/sessie", json={"gebruikersnaam": "beheer", "wachtwoord": WACHTWOORD})
    assert r.status_code == 429 and "voor dit adres" in r.json()["detail"]


def test_veelgebruikte_wachtwoorden_geweigerd(app_met_anna):
    beheer = _login(app_met_anna, "beheer")
    for wachtwoord in ["welkom01", "Password1", "wachtwoord", "qwertyuiop", " Geheim123 "]:
        r = beheer.post("/api/gebruikers", json={"gebruikersnaam": "nieuw", "wachtwoord": wachtwoord, "rol": "lezer"})
        assert r.status_code == 422 and "veelgebruikte wachtwoorden" in r.json()["detail"], wachtwoord
    r = beheer.post("/gebruikers", data={"gebruikersnaam": "nieuw", "wachtwoord": "wachtwoord", "rol": "lezer",
                                         "csrf_token": beheer.headers["X-CSRF-Token"]})
    assert r.status_code == 422 and "veelgebruikte wachtwoorden" in r.text
    r = beheer.post("/api/gebruikers", json={"gebruikersnaam": "nieuw", "wachtwoord": "zeldzaam-Genoeg-31",
                                             "rol": "lezer"})
    assert r.status_code == 201


def test_veelgebruikt_wachtwoord_op_de_opdrachtregel_geweigerd(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "VERDEELWIJZER_WACHTWOORD": "welkom01"}
    r = subprocess.run([sys.executable, "-m", "verdeelwijzer", "gebruiker", "maak-beheerder", "anna", "--db",
                        str(tmp_path / "vw.sqlite")], capture_output=True, text=True, env=env,
                       stdin=subprocess.DEVNULL, timeout=120)
    assert r.returncode == 2 and "veelgebruikte wachtwoorden" in r.stderr


def test_lijst_veelgebruikte_wachtwoorden_heeft_bron():
    from importlib import resources

    from verdeelwijzer.opslag.gebruikers import veelgebruikte_wachtwoorden

    lijst = veelgebruikte_wachtwoorden()
    assert len(lijst) > 5000 and all(len(w) >= 8 for w in lijst)
    bron = resources.files("verdeelwijzer.opslag").joinpath("data/BRON.md").read_text(encoding="utf-8")
    assert "Royce Williams" in bron and "BSD" in bron


def test_40_gelijktijdige_inlogpogingen_zonder_500(tmp_path, instellingen):
    """Before: each login held a database connection while hashing (pool exhausted → 500s) and 40 scrypt
    hashes at once took 2.1 GB. Now: all answer 200, with bounded memory."""
    import httpx

    app = maak_app(instellingen(tmp_path))
    namen = [f"gebruiker{i}" for i in range(4)]
    for naam in namen:
        app.state.koppeling.maak_gebruiker("test", naam, WACHTWOORD, "lezer", None)
    piek = _rss_piek_mb()
    statussen: list[int] = []
    slot = threading.Lock()
    with LiveServer(app) as server:
        def log_in(i: int) -> None:
            try:
                with httpx.Client(base_url=server.url, timeout=120) as c:
                    r = c.post("/api/sessie", json={"gebruikersnaam": namen[i % 4], "wachtwoord": WACHTWOORD})
                    status = r.status_code
            except httpx.HTTPError:
                status = -1
            with slot:
                statussen.append(status)

        draden = [threading.Thread(target=log_in, args=(i,)) for i in range(40)]
        for d in draden:
            d.start()
        for d in draden:
            d.join(180)
    app.state.koppeling.sluit()
    assert sorted(statussen) == [200] * 40, statussen
    assert _rss_piek_mb() - piek < 1024, f"geheugen steeg {_rss_piek_mb() - piek:.0f} MB"


# -- 12. HEAD ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("pad", ["/", "/regels", "/gegevens", "/api/versie", "/static/css/verdeelwijzer.css"])
def test_head_geeft_200_zonder_inhoud(lokaal, pad):
    r = lokaal.head(pad)
    assert r.status_code == 200 and r.content == b""
    assert r.headers["content-type"] == lokaal.get(pad).headers["content-type"]


def test_head_op_alleen_post_route_blijft_geweigerd(lokaal):
    assert lokaal.head("/api/verdeling").status_code == 405
