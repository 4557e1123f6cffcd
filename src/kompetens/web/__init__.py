"""The web UI: server-rendered pages over the Engine, mounted by ``kompetens.api.create_app``."""

from .views import web_router

__all__ = ["web_router"]
