"""Alembic environment for Verdeelwijzer. Run programmatically by `verdeelwijzer.opslag.database.migreer`,
which passes an open connection in ``config.attributes["connection"]`` (no alembic.ini needed).

For developers creating a new revision::

    alembic -x url=sqlite:///tmp.sqlite -c /dev/null revision --autogenerate -m "..."   # or via python API
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from verdeelwijzer.opslag.modellen import Basis

config = context.config
doelmetadata = Basis.metadata


def _draai(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=doelmetadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


verbinding = config.attributes.get("connection")
if verbinding is not None:
    _draai(verbinding)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as c:
        _draai(c)
