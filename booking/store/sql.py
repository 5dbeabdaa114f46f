"""Small SQL helpers that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite


def upsert(dialect: str, table: Any) -> Any:
    """An ``INSERT`` that knows ``ON CONFLICT``, in the given dialect (both of ours speak it)."""
    if dialect == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)
