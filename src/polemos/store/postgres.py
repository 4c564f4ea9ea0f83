"""The team backend: PostgreSQL (psycopg 3). Same SQL as DuckDB; writers are serialised with a
transaction-scoped advisory lock so concurrent ingests (Dask workers, several users) merge
consistently."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import psycopg

from polemos import errors
from polemos.errors import StoreError
from polemos.store.sql import SqlStore, latest_version

_LOCK_KEY = 0x706F6C65   # "pole": the advisory lock every Polemos writer takes


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresStore(SqlStore):
    placeholder = "%s"
    backend = "postgres"

    def __init__(self, url: str, read_only: bool = False) -> None:
        super().__init__(url)
        shown = redact(url)
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as e:
            detail = (str(e).strip().splitlines() or [type(e).__name__])[-1]
            raise StoreError(errors.STORE_CANNOT_OPEN.format(db=shown, detail=detail)) from e
        self.read_only = read_only
        try:
            found = self.schema_version()
            if found > latest_version():
                raise StoreError(errors.STORE_NEWER.format(db=shown, found=found, known=latest_version()))
            if found < latest_version():
                if read_only:
                    raise StoreError(errors.STORE_READ_ONLY_OLD.format(db=shown, known=latest_version()))
                self._migrate()
        except BaseException:
            self.close()
            raise
        if read_only:
            self.conn.execute("SET default_transaction_read_only = on")

    def _lock_writers(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cur = self.conn.execute(self._sql(sql), list(params) or None)
        return cur.fetchall() if cur.description else []

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self._sql(sql), list(params) or None)

    def _insert_bulk(self, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        # COPY streams the rows in one statement (multi-row INSERTs cost a round trip per 100).
        if not rows:
            return
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
            for r in rows:
                cp.write_row(r)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
