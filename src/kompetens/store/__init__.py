"""Persistence: one class owns the database (SQLite in the data folder, or PostgreSQL by URL); Accounts and
Records keep their tables in it."""

from .accounts import Accounts
from .database import Store

__all__ = ["Accounts", "Store"]
