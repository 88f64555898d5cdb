"""`verdeelwijzer serve` (the web application) and `verdeelwijzer gebruiker ...` (accounts for it)."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Annotated

import typer

from verdeelwijzer.cli import app
from verdeelwijzer.fouten import InvoerFout

DbOptie = Annotated[
    str | None,
    typer.Option("--db", help="Database: pad naar een SQLite-bestand of een URL (postgresql://…). "
                 "Standaard: omgevingsvariabele VERDEELWIJZER_DB, anders een SQLite-bestand in de gebruikersmap."),
]


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="Adres om op te luisteren; 0.0.0.0 voor het hele netwerk.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Poort.", min=1, max=65535)] = 8000,
    db: DbOptie = None,
    map: Annotated[Path | None, typer.Option(
        "--map", help="Map voor de sessiesleutel en ingelezen eigen gegevensbestanden "
        "(standaard naast de database in de gebruikersmap, of VERDEELWIJZER_MAP).")] = None,
    zonder_login: Annotated[bool, typer.Option(
        "--zonder-login", help="Lokale modus voor één gebruiker: geen inloggen, iedereen is beheerder. "
        "Alleen gebruiken op een eigen computer (standaard zolang er nog geen gebruikers zijn).")] = False,
    https: Annotated[bool, typer.Option(
        "--https", help="De app staat achter https (reverse proxy): sessiecookie alleen over https (Secure).")]
    = False,
    werkers: Annotated[int, typer.Option("--werkers", help="Aantal processen (uvicorn workers).", min=1)] = 1,
) -> None:
    """Start de webapplicatie: kaart, verdeling, scenario's, regels, gegevens en API (/api/docs)."""
    try:
        import uvicorn

        from verdeelwijzer.web import WebInstellingen, maak_app
    except ImportError as e:
        raise InvoerFout(f"De webapplicatie mist een onderdeel ({e.name}). Installeer Verdeelwijzer opnieuw: "
                         "python3 -m pip install .") from None
    from verdeelwijzer.opslag.database import database_url

    try:
        instellingen = WebInstellingen(db_url=database_url(db), zonder_login=zonder_login, https=https,
                                       **({"map": map} if map else {}))
    except ValueError as e:  # a limit in the environment that is not a number
        raise InvoerFout(str(e)) from None
    lokaal_adres = is_loopback(host)
    if not lokaal_adres and zonder_login:
        typer.echo("Let op: --zonder-login op een netwerkadres geeft iedereen op het netwerk beheerrechten.", err=True)
    elif not lokaal_adres and not heeft_gebruikers(instellingen.db_url):
        # Without users the app runs in local mode: on a network address the first visitor would be admin.
        raise InvoerFout(
            f"Weigert te starten op netwerkadres {host}: er zijn nog geen gebruikers, dus iedereen op het netwerk "
            "zou beheerder zijn. Maak eerst een regio-beheerder aan met 'verdeelwijzer gebruiker maak-beheerder "
            "NAAM' (met dezelfde --db), of start bewust zonder inloggen met --zonder-login.")
    _controleer_poort(host, port)
    typer.echo(f"Verdeelwijzer draait op http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{port}/ "
               "(stoppen met Ctrl+C)")
    if werkers > 1:
        os.environ["VERDEELWIJZER_DB"] = instellingen.db_url or ""
        instellingen.sessiesleutel()  # one key file shared by all workers
        os.environ["VERDEELWIJZER_MAP"] = str(instellingen.map)
        os.environ["VERDEELWIJZER_ZONDER_LOGIN"] = "1" if zonder_login else ""
        os.environ["VERDEELWIJZER_HTTPS"] = "1" if https else ""
        uvicorn.run("verdeelwijzer.web.app:app_uit_omgeving", factory=True, host=host, port=port, workers=werkers,
                    log_level="warning", proxy_headers=https)
    else:
        uvicorn.run(maak_app(instellingen), host=host, port=port, log_level="warning", proxy_headers=https)


def _controleer_poort(host: str, port: int) -> None:
    """Try the address before starting: a busy port is a Dutch message, not uvicorn's log line and exit 1."""
    import errno
    import socket

    try:
        familie, soort, proto, _, adres = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror:
        raise InvoerFout(f"Adres '{host}' is onbekend; gebruik bv. --host 127.0.0.1.") from None
    with socket.socket(familie, soort, proto) as proef:
        proef.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            proef.bind(adres)
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                ander = port + 1 if port < 65535 else 8000
                raise InvoerFout(f"De poort {port} is al in gebruik op {host}; stop het andere programma of kies "
                                 f"een andere poort met --port (bv. --port {ander}).") from None
            raise InvoerFout(f"Kan niet luisteren op {host}:{port} ({e.strerror or type(e).__name__}).") from None


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or 'localhost': only this computer can connect."""
    import ipaddress

    naam = host.strip().strip("[]").lower()
    if naam == "localhost":
        return True
    try:
        return ipaddress.ip_address(naam).is_loopback
    except ValueError:
        return False


def heeft_gebruikers(db_url: str | None) -> bool:
    from sqlalchemy import func, select

    from verdeelwijzer.opslag.database import open_database
    from verdeelwijzer.opslag.modellen import Gebruiker

    database = open_database(db_url)
    try:
        with database.sessie() as s:
            return bool(s.scalar(select(func.count()).select_from(Gebruiker)))
    finally:
        database.sluit()


gebruiker_app = typer.Typer(help="Gebruikers van de webapplicatie beheren.", no_args_is_help=True)
app.add_typer(gebruiker_app, name="gebruiker")


def _wachtwoord(wachtwoord: str | None) -> str:
    if wachtwoord:
        return wachtwoord
    if os.environ.get("VERDEELWIJZER_WACHTWOORD"):
        return os.environ["VERDEELWIJZER_WACHTWOORD"]
    eerste = getpass.getpass("Wachtwoord (minstens 8 tekens, geen veelgebruikt wachtwoord): ")
    tweede = getpass.getpass("Nogmaals: ")
    if eerste != tweede:
        raise InvoerFout("De twee wachtwoorden zijn niet gelijk.")
    return eerste


@gebruiker_app.command("maak-beheerder")
def maak_beheerder(
    gebruikersnaam: Annotated[str, typer.Argument(help="Naam van de nieuwe regio-beheerder.")],
    db: DbOptie = None,
    wachtwoord: Annotated[str | None, typer.Option(
        "--wachtwoord", help="Wachtwoord (anders gevraagd, of uit VERDEELWIJZER_WACHTWOORD).")] = None,
) -> None:
    """Maak een regio-beheerder aan (de eerste gebruiker; daarna beheert die de rest in de webapplicatie)."""
    _maak(gebruikersnaam, "regio-beheerder", None, db, wachtwoord)


@gebruiker_app.command("maak")
def maak(
    gebruikersnaam: Annotated[str, typer.Argument(help="Naam van de nieuwe gebruiker.")],
    rol: Annotated[str, typer.Option("--rol", help="regio-beheerder, gemeente of lezer.")] = "lezer",
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Gemeentecode of -naam (bij rol gemeente).")]
    = None,
    db: DbOptie = None,
    wachtwoord: Annotated[str | None, typer.Option("--wachtwoord", help="Wachtwoord (anders gevraagd).")] = None,
) -> None:
    """Maak een gebruiker aan met een rol (gemeente-gebruikers horen bij één gemeente)."""
    code = None
    if gemeente:
        from verdeelwijzer.gegevens import laad_gemeenten

        zoeker = laad_gemeenten().zoeker
        assert zoeker is not None
        code = zoeker.zoek(gemeente, "--gemeente")
    _maak(gebruikersnaam, rol, code, db, wachtwoord)


def _maak(naam: str, rol: str, code: str | None, db: str | None, wachtwoord: str | None) -> None:
    from verdeelwijzer.opslag.audit import huidige_gebruiker
    from verdeelwijzer.opslag.database import open_database
    from verdeelwijzer.opslag.gebruikers import maak_gebruiker

    database = open_database(db)
    try:
        with database.sessie() as s:
            maak_gebruiker(s, naam, _wachtwoord(wachtwoord), rol, code, door=f"cli:{huidige_gebruiker()}")
    finally:
        database.sluit()
    typer.echo(f"Gebruiker '{naam.strip()}' ({rol}{', ' + code if code else ''}) is aangemaakt.")


@gebruiker_app.command("wachtwoord")
def wachtwoord(
    gebruikersnaam: Annotated[str, typer.Argument(help="Naam van de gebruiker.")],
    db: DbOptie = None,
    nieuw: Annotated[str | None, typer.Option(
        "--wachtwoord", help="Nieuw wachtwoord (anders gevraagd, of uit VERDEELWIJZER_WACHTWOORD).")] = None,
) -> None:
    """Stel een nieuw wachtwoord in (ook als het oude vergeten is); alle sessies van de gebruiker eindigen."""
    from verdeelwijzer.opslag.audit import huidige_gebruiker
    from verdeelwijzer.opslag.database import open_database
    from verdeelwijzer.opslag.gebruikers import wijzig_wachtwoord

    database = open_database(db)
    try:
        wijzig_wachtwoord(database, gebruikersnaam, _wachtwoord(nieuw), door=f"cli:{huidige_gebruiker()}")
    finally:
        database.sluit()
    typer.echo(f"Het wachtwoord van '{gebruikersnaam.strip()}' is gewijzigd; de gebruiker is overal uitgelogd.")


@gebruiker_app.command("lijst")
def lijst(db: DbOptie = None) -> None:
    """Alle gebruikers met rol en gemeente."""
    from sqlalchemy import select

    from verdeelwijzer.opslag.database import open_database
    from verdeelwijzer.opslag.modellen import Gebruiker

    database = open_database(db)
    try:
        with database.sessie() as s:
            rijen = list(s.scalars(select(Gebruiker).order_by(Gebruiker.gebruikersnaam)))
            if not rijen:
                typer.echo("Nog geen gebruikers: de webapplicatie draait in de lokale modus (zonder inloggen).")
            for r in rijen:
                typer.echo(f"{r.gebruikersnaam}\t{r.rol}\t{r.gemeentecode or ''}\t{'actief' if r.actief else 'uit'}")
    finally:
        database.sluit()
