"""The tables (SQLAlchemy 2 typed ORM). The schema itself is created by the Alembic migrations in
`opslag/migraties`; a test checks that the migrations and these models agree.

Counts are integers; shares and money are stored as exact fraction text ("3/10", "25000").
Times are stored in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from verdeelwijzer.fouten import VerdeelwijzerFout

ROLLEN = ("regio-beheerder", "gemeente", "lezer", "transferpunt")

NAAMGEVING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def nu() -> datetime:
    return datetime.now(UTC)


class UtcTijd(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("tijdstip zonder tijdzone")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Basis(DeclarativeBase):
    metadata = MetaData(naming_convention=NAAMGEVING)


class Regio(Basis):
    __tablename__ = "regio"
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200), unique=True)
    gemeentecodes: Mapped[str] = mapped_column(Text)  # comma separated CBS codes
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)

    def codes(self) -> list[str]:
        return [c for c in self.gemeentecodes.split(",") if c]


class Afspraakversie(Basis):
    """One version of the afsprakenkader. Once `vastgesteld_op` is set the row can no longer change."""

    __tablename__ = "afspraakversie"
    __table_args__ = (UniqueConstraint("regio_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id"))
    naam: Mapped[str] = mapped_column(String(300))
    inhoud: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    besluit: Mapped[str | None] = mapped_column(Text)
    mutatiegrens: Mapped[str | None] = mapped_column(String(60))
    vereffening_tarief: Mapped[str | None] = mapped_column(String(60))
    categorieen: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, in agreement order
    vastgesteld_op: Mapped[datetime | None] = mapped_column(UtcTijd)
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)
    door: Mapped[str] = mapped_column(String(200))
    regio: Mapped[Regio] = relationship()


class Periode(Basis):
    __tablename__ = "periode"
    __table_args__ = (UniqueConstraint("regio_id", "code"), CheckConstraint("eind >= begin", name="volgorde"))
    id: Mapped[int] = mapped_column(primary_key=True)
    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id"))
    code: Mapped[str] = mapped_column(String(40))
    begin: Mapped[date] = mapped_column(Date)
    eind: Mapped[date] = mapped_column(Date)


class Doel(Basis):
    __tablename__ = "doel"
    __table_args__ = (UniqueConstraint("afspraakversie_id", "periode_id", "gemeentecode", "categorie"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    afspraakversie_id: Mapped[int] = mapped_column(ForeignKey("afspraakversie.id"))
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id"))
    gemeentecode: Mapped[str] = mapped_column(String(6))
    categorie: Mapped[str] = mapped_column(String(200))
    aantal: Mapped[int] = mapped_column(Integer)
    periode: Mapped[Periode] = relationship()


class Importbestand(Basis):
    __tablename__ = "importbestand"
    __table_args__ = (UniqueConstraint("regio_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id"))
    bestandsnaam: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    soort: Mapped[str] = mapped_column(String(40))
    ingelezen_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)
    door: Mapped[str] = mapped_column(String(200))
    aantal_rijen: Mapped[int] = mapped_column(Integer)


class Realisatie(Basis):
    """Realised placements (instroom) per gemeente × categorie × periode."""

    __tablename__ = "realisatie"
    __table_args__ = (UniqueConstraint("periode_id", "gemeentecode", "categorie"),
                      CheckConstraint("aantal >= 0", name="niet_negatief"))
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id"))
    gemeentecode: Mapped[str] = mapped_column(String(6))
    categorie: Mapped[str] = mapped_column(String(200))
    aantal: Mapped[int] = mapped_column(Integer)
    importbestand_id: Mapped[int] = mapped_column(ForeignKey("importbestand.id"))


class Verhuringen(Basis):
    """Lettings (mutaties) per gemeente × periode."""

    __tablename__ = "verhuringen"
    __table_args__ = (UniqueConstraint("periode_id", "gemeentecode"),
                      CheckConstraint("aantal >= 0", name="niet_negatief"))
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id"))
    gemeentecode: Mapped[str] = mapped_column(String(6))
    aantal: Mapped[int] = mapped_column(Integer)
    importbestand_id: Mapped[int] = mapped_column(ForeignKey("importbestand.id"))


class Bouw(Basis):
    """Construction realised per gemeente × segment × periode."""

    __tablename__ = "bouw"
    __table_args__ = (UniqueConstraint("periode_id", "gemeentecode", "segment"),
                      CheckConstraint("aantal >= 0", name="niet_negatief"))
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id"))
    gemeentecode: Mapped[str] = mapped_column(String(6))
    segment: Mapped[str] = mapped_column(String(60))
    aantal: Mapped[int] = mapped_column(Integer)
    importbestand_id: Mapped[int] = mapped_column(ForeignKey("importbestand.id"))


class Auditregel(Basis):
    """Append-only: rows are inserted, never updated or deleted (guarded here and by database triggers)."""

    __tablename__ = "auditlog"
    id: Mapped[int] = mapped_column(primary_key=True)
    wanneer: Mapped[datetime] = mapped_column(UtcTijd, default=nu)
    wie: Mapped[str] = mapped_column(String(200))
    actie: Mapped[str] = mapped_column(String(60))
    onderwerp: Mapped[str] = mapped_column(Text)
    oud: Mapped[str | None] = mapped_column(Text)  # JSON
    nieuw: Mapped[str | None] = mapped_column(Text)  # JSON
    regio_id: Mapped[int | None] = mapped_column(ForeignKey("regio.id"))


class Gebruiker(Basis):
    __tablename__ = "gebruiker"
    __table_args__ = (
        CheckConstraint("rol IN ('regio-beheerder', 'gemeente', 'lezer', 'transferpunt')", name="rol"),
        CheckConstraint("rol <> 'gemeente' OR gemeentecode IS NOT NULL", name="gemeente_heeft_code"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    gebruikersnaam: Mapped[str] = mapped_column(String(200), unique=True)
    wachtwoord_hash: Mapped[str] = mapped_column(String(500))
    rol: Mapped[str] = mapped_column(String(40))
    gemeentecode: Mapped[str | None] = mapped_column(String(6))
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)


class Sessie(Basis):
    """A web login session kept on the server: the cookie holds a random token, this row its SHA-256 hash.
    Logout, deactivation and a password change set `beeindigd_op`, after which the cookie is worthless."""

    __tablename__ = "sessie"
    id: Mapped[int] = mapped_column(primary_key=True)
    sleutel_hash: Mapped[str] = mapped_column(String(64), unique=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)
    verloopt_op: Mapped[datetime] = mapped_column(UtcTijd)
    beeindigd_op: Mapped[datetime | None] = mapped_column(UtcTijd)


# -- transferpunt (migration 0005_transferpunt) ------------------------------------------------------
# Pseudonymised case data lives only here: case numbers and the attributes the rules need, never names or BSN.


class TransferpuntKader(Basis):
    """The afsprakenkader a transferpunt works with (its text, so a round can be recomputed)."""

    __tablename__ = "transferpunt_kader"
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(300))
    inhoud: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    bewaartermijn_maanden: Mapped[int] = mapped_column(Integer)
    termijn_maanden: Mapped[int] = mapped_column(Integer)
    ingelezen_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)
    door: Mapped[str] = mapped_column(String(200))


class TransferpuntKandidaat(Basis):
    __tablename__ = "transferpunt_kandidaat"
    __table_args__ = (UniqueConstraint("kader_id", "dossier"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kader_id: Mapped[int] = mapped_column(ForeignKey("transferpunt_kader.id"))
    dossier: Mapped[str] = mapped_column(String(40))
    categorie: Mapped[str] = mapped_column(String(200))
    herkomstgemeente: Mapped[str] = mapped_column(String(6))
    inschrijfdatum: Mapped[date] = mapped_column(Date)
    urgentiedatum: Mapped[date | None] = mapped_column(Date)
    gegevens: Mapped[str] = mapped_column(Text)  # JSON: the other attributes the rules need
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | geplaatst | gesloten
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)
    eerste_aanbod_op: Mapped[date | None] = mapped_column(Date)
    gesloten_op: Mapped[date | None] = mapped_column(Date)


class TransferpuntAanbod(Basis):
    __tablename__ = "transferpunt_aanbod"
    __table_args__ = (UniqueConstraint("kader_id", "aanbodnummer"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kader_id: Mapped[int] = mapped_column(ForeignKey("transferpunt_kader.id"))
    aanbodnummer: Mapped[str] = mapped_column(String(40))
    gemeentecode: Mapped[str] = mapped_column(String(6))
    gegevens: Mapped[str] = mapped_column(Text)  # JSON
    status: Mapped[str] = mapped_column(String(20), default="vrij")  # vrij | toegewezen
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)
    gesloten_op: Mapped[date | None] = mapped_column(Date)


class TransferpuntRonde(Basis):
    __tablename__ = "transferpunt_ronde"
    id: Mapped[int] = mapped_column(primary_key=True)
    kader_id: Mapped[int] = mapped_column(ForeignKey("transferpunt_kader.id"))
    periode: Mapped[str] = mapped_column(String(40))
    datum: Mapped[date] = mapped_column(Date)
    uitkomst: Mapped[str] = mapped_column(Text)  # JSON of the round (quota, reasons), for the record
    gestart_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)
    door: Mapped[str] = mapped_column(String(200))


class TransferpuntVoorstel(Basis):
    __tablename__ = "transferpunt_voorstel"
    id: Mapped[int] = mapped_column(primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("transferpunt_ronde.id"))
    kandidaat_id: Mapped[int] = mapped_column(ForeignKey("transferpunt_kandidaat.id"))
    aanbod_id: Mapped[int] = mapped_column(ForeignKey("transferpunt_aanbod.id"))
    gemeentecode: Mapped[str] = mapped_column(String(6))
    categorie: Mapped[str] = mapped_column(String(200))
    rang: Mapped[int] = mapped_column(Integer)
    uitleg: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="voorgesteld")  # voorgesteld | geaccepteerd | afgewezen
    besloten_op: Mapped[datetime | None] = mapped_column(UtcTijd)
    besloten_door: Mapped[str | None] = mapped_column(String(200))
    reden: Mapped[str | None] = mapped_column(Text)


class OnveranderlijkFout(VerdeelwijzerFout):
    """An attempt to change what may not change (audit log, adopted agreement, its targets)."""


@event.listens_for(Auditregel, "before_update")
@event.listens_for(Auditregel, "before_delete")
def _audit_onveranderlijk(mapper, connection, doel: Auditregel) -> None:
    raise OnveranderlijkFout("Het auditlog kan alleen worden aangevuld; regels wijzigen of verwijderen kan niet.")


@event.listens_for(Afspraakversie, "before_update")
@event.listens_for(Afspraakversie, "before_delete")
def _afspraak_onveranderlijk(mapper, connection, doel: Afspraakversie) -> None:
    from sqlalchemy import inspect

    geschiedenis = inspect(doel).attrs.vastgesteld_op.history
    oud = (geschiedenis.deleted or geschiedenis.unchanged or [None])[0]
    if oud is not None:
        raise OnveranderlijkFout(
            f"Afspraakversie '{doel.naam}' is vastgesteld en kan niet meer worden gewijzigd of verwijderd; "
            "leg een nieuwe versie vast met 'verdeelwijzer monitor init'."
        )


@event.listens_for(Doel, "before_update")
@event.listens_for(Doel, "before_delete")
def _doel_onveranderlijk(mapper, connection, doel: Doel) -> None:
    raise OnveranderlijkFout("Doelen horen bij een vastgestelde afspraakversie en kunnen niet worden gewijzigd.")


class Vaststelling(Basis):
    """Vaststelling tracker (issue 14): one recorded stage of a gemeente's VHP or HVO; rows are a history."""

    __tablename__ = "vaststelling"
    id: Mapped[int] = mapped_column(primary_key=True)
    regio: Mapped[str] = mapped_column(String(200))
    gemeentecode: Mapped[str] = mapped_column(String(10))
    document: Mapped[str] = mapped_column(String(3))  # vhp | hvo
    stap: Mapped[str] = mapped_column(String(20))  # concept | college | inspraak | raad | vastgesteld
    datum: Mapped[date] = mapped_column(Date)
    toelichting: Mapped[str | None] = mapped_column(Text)
    door: Mapped[str] = mapped_column(String(200))
    vastgelegd_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)


class WoonvormToezegging(Basis):
    """A pledge entered on the web page for one afsprakenkader (issue 13). One row per gemeente × woonvorm ×
    jaar (NULL = every year / the period); a new entry replaces the row (the old value is in the audit log).
    `kader`: 'voorbeeld:<file>' or 'afspraak:<sha256>' (the adopted version's text)."""

    __tablename__ = "woonvorm_toezegging"
    __table_args__ = (
        CheckConstraint("aantal >= 0", name="aantal"),
        CheckConstraint("capaciteit IS NULL OR capaciteit >= aantal", name="capaciteit"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kader: Mapped[str] = mapped_column(String(200), index=True)
    gemeentecode: Mapped[str] = mapped_column(String(10))
    woonvorm: Mapped[str] = mapped_column(String(100))
    jaar: Mapped[int | None] = mapped_column(Integer)
    aantal: Mapped[int] = mapped_column(Integer)
    capaciteit: Mapped[int | None] = mapped_column(Integer)
    toelichting: Mapped[str | None] = mapped_column(Text)
    door: Mapped[str] = mapped_column(String(200))
    gewijzigd_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)


class WoonvormRealisatie(Basis):
    """Realised places per kader × gemeente × woonvorm × jaar (issue 13, monitoring); a new import replaces the
    cells it contains (old values in the audit log)."""

    __tablename__ = "woonvorm_realisatie"
    __table_args__ = (
        UniqueConstraint("kader", "gemeentecode", "woonvorm", "jaar"),
        CheckConstraint("aantal >= 0", name="aantal"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kader: Mapped[str] = mapped_column(String(200))
    gemeentecode: Mapped[str] = mapped_column(String(10))
    woonvorm: Mapped[str] = mapped_column(String(100))
    jaar: Mapped[int] = mapped_column(Integer)
    aantal: Mapped[int] = mapped_column(Integer)
    door: Mapped[str] = mapped_column(String(200))
    gewijzigd_op: Mapped[datetime] = mapped_column(UtcTijd, default=nu)
