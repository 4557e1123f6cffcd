"""Persistence: one class owns the database; Accounts keeps its tables in the same file."""

from .accounts import Accounts
from .sqlite import Store

__all__ = ["Accounts", "Store"]
