"""The REST API and web UI as one ASGI app over an Engine: ``create_app(engine)``; ``serve(engine)`` runs it."""

from .app import create_app
from .inputs import Upload, read_uploads, resolve_role
from .limits import Limits
from .server import serve

__all__ = ["Limits", "Upload", "create_app", "read_uploads", "resolve_role", "serve"]
