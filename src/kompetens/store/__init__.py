"""Persistence: one class owns the database (SQLite in the data folder, or PostgreSQL by URL); Accounts and
Records keep their tables in it. ``Store`` (and SQLAlchemy with it) is imported on first use: commands that
store nothing start without it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .accounts import Accounts

if TYPE_CHECKING:
    from .database import Store

__all__ = ["Accounts", "Store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from .database import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
