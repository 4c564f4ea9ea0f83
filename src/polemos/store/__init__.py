"""The event store: one interface (`base.Store`), two backends (DuckDB file, PostgreSQL).

    store = open_store(url_or_path)     # "polemos.duckdb" | "postgresql://..." ; POLEMOS_DB
"""
