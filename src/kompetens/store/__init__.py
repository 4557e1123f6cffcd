"""Persistence: one class owns the database."""

from .sqlite import Store

__all__ = ["Store"]
