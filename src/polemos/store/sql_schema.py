"""The store's schema: the migrations shipped in polemos/store/migrations and applying them."""
from __future__ import annotations

from importlib import resources

from polemos.store.sql_conn import SqlDb


def migrations(backend: str = "duckdb") -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped in polemos/store/migrations, in order:
    `NNN_name.sql` for both backends, or `NNN_name.duckdb.sql` / `NNN_name.postgres.sql` where
    the dialects differ."""
    out = {}
    for f in resources.files("polemos.store").joinpath("migrations").iterdir():
        name = f.name
        if not (name.endswith(".sql") and name[:3].isdigit()):
            continue
        parts = name.split(".")
        if len(parts) == 3 and parts[1] != backend:
            continue
        out[int(name[:3])] = f.read_text(encoding="utf-8")
    return sorted(out.items())


def latest_version() -> int:
    return migrations()[-1][0]   # both backends have every version


def statements(sql: str) -> list[str]:
    """The statements of a migration file (comment lines dropped, split at semicolons)."""
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def schema_version(db: SqlDb) -> int:
    """The store's schema version (0: an empty database)."""
    n = db.rows("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
                " AND table_schema = current_schema()")
    if not n[0][0]:
        return 0
    v = db.rows("SELECT max(version) FROM schema_version")[0][0]
    return int(v or 0)


def migrate(db: SqlDb) -> None:
    """Apply the migrations the store lacks, each in its own transaction (a concurrent process
    that got there first is noticed under the writer lock)."""
    current = schema_version(db)
    for version, sql in migrations(db.backend):
        if version <= current:
            continue
        db.execute("BEGIN")
        try:
            db.lock_writers()
            if schema_version(db) >= version:   # another process got there first
                db.execute("ROLLBACK")
                continue
            for stmt in statements(sql):
                db.execute(stmt)
            db.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
