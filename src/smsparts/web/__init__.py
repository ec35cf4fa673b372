"""A local SMS calculator page and JSON API over smsparts (the ``web`` extra).

Start it with ``smsparts serve`` (or :func:`serve`), or mount :func:`create_app` in any
ASGI server.  It binds to 127.0.0.1 by default and answers only to local host names.
The API (``POST /api/analyze``, ``/api/split``, ``/api/explain``, ``/api/check``) is
described in docs/server.md.

Importing this package needs Starlette and uvicorn: ``pip install 'smsparts[web]'``.
"""

from __future__ import annotations

try:
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised by the CLI test with a fake import
    raise ImportError(
        f"the smsparts server needs the 'web' extra ({exc.name} is not installed): "
        "pip install 'smsparts[web]'"
    ) from exc

from .app import (
    DEFAULT_MAX_BODY_OCTETS,
    DEFAULT_MAX_CHECK_OCTETS,
    LOCAL_HOSTS,
    SECURITY_HEADERS,
    character_costs,
    create_app,
)
from .server import DEFAULT_HOST, DEFAULT_PORT, serve

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_MAX_BODY_OCTETS",
    "DEFAULT_MAX_CHECK_OCTETS",
    "DEFAULT_PORT",
    "LOCAL_HOSTS",
    "SECURITY_HEADERS",
    "character_costs",
    "create_app",
    "serve",
]
