"""Open the site database: SQLite (embedded default) or PostgreSQL, with durable settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event, text

from app.core.errors import StoreError
from app.core.store.schema import metadata


def open_engine(url: str) -> Engine:
    """Create an engine for ``url`` and the tables; refuse unsafe SQLite settings.

    SQLite runs in WAL mode with ``synchronous=FULL``: a receipt the console has acknowledged
    to an edge node must survive a power cut, because the node may prune it after the ack.
    """
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        with engine.connect() as conn:
            mode = conn.execute(text("PRAGMA journal_mode")).scalar()
            sync = conn.execute(text("PRAGMA synchronous")).scalar()
        in_memory = ":memory:" in url or url.rstrip("/") == "sqlite:"
        if not in_memory and (str(mode).lower() != "wal" or sync != 2):
            raise StoreError(
                f"{url}: SQLite refused durable settings (journal_mode={mode}, "
                f"synchronous={sync}); expected WAL and FULL (2). Use a local disk."
            )
    metadata.create_all(engine)
    return engine
