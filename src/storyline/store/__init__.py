"""The store: SQLite by default, PostgreSQL by URL."""

from storyline.store.database import Store, database_url, open_store

__all__ = ["Store", "database_url", "open_store"]
