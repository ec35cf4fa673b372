"""Running the application under uvicorn (what ``smsparts serve`` calls)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from typing import Final

import uvicorn

from .app import DEFAULT_MAX_BODY_OCTETS, DEFAULT_MAX_CHECK_OCTETS, LOCAL_HOSTS, create_app

DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 8000


def allowed_hosts_for(host: str) -> tuple[str, ...] | None:
    """The ``Host`` names to answer when bound to ``host``.

    Bound to a loopback address or name: the local names only (a foreign page that
    rebinds its name to 127.0.0.1 gets a 400).  Bound to a wildcard (``0.0.0.0``,
    ``::``): any name, since the machine's own names are not known here.  Bound to
    another address: that address and the local names.

    >>> allowed_hosts_for("127.0.0.1")
    ('127.0.0.1', 'localhost', '::1')
    >>> allowed_hosts_for("0.0.0.0") is None
    True
    """
    name = host.strip("[]")
    if name in LOCAL_HOSTS:
        return LOCAL_HOSTS
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return (name.lower(), *LOCAL_HOSTS)
    if address.is_unspecified:
        return None
    if address.is_loopback:
        return (*LOCAL_HOSTS, name) if name not in LOCAL_HOSTS else LOCAL_HOSTS
    return (name, *LOCAL_HOSTS)


def make_server(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    max_body_octets: int = DEFAULT_MAX_BODY_OCTETS,
    max_check_octets: int = DEFAULT_MAX_CHECK_OCTETS,
    log_level: str = "info",
) -> uvicorn.Server:
    """A configured (not yet started) uvicorn server for the application."""
    app = create_app(
        max_body_octets=max_body_octets,
        max_check_octets=max_check_octets,
        allowed_hosts=allowed_hosts_for(host),
    )
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,  # message texts never reach a log; errors still do
        server_header=False,
        proxy_headers=False,
        lifespan="off",
    )
    return uvicorn.Server(config)


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    max_body_octets: int = DEFAULT_MAX_BODY_OCTETS,
    max_check_octets: int = DEFAULT_MAX_CHECK_OCTETS,
    sockets: Sequence[socket.socket] | None = None,
) -> None:
    """Serve the page and the API until interrupted (Ctrl-C)."""
    server = make_server(
        host, port, max_body_octets=max_body_octets, max_check_octets=max_check_octets
    )
    server.run(sockets=list(sockets) if sockets else None)
