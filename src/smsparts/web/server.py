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


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port`` (``port`` 0: a free one).

    Bound here rather than by uvicorn, so that a port in use is an ``OSError`` for the
    caller to report (uvicorn would exit the process), and port 0 tells its number.

    Raises:
        OSError: the address cannot be resolved or bound (in use, not allowed).
    """
    infos = socket.getaddrinfo(
        host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


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
    log_level: str = "info",
) -> None:
    """Serve the page and the API on ``host``:``port`` until interrupted (Ctrl-C).

    Args:
        host, port: where to listen (default 127.0.0.1:8000); the ``Host`` names
            answered follow from ``host`` (see :func:`allowed_hosts_for`).
        max_body_octets, max_check_octets: the request size limits of
            :func:`~smsparts.web.create_app`.
        sockets: sockets already listening (see :func:`bind_socket`) to serve on
            instead of binding ``host``:``port``.
        log_level: uvicorn's log level (no access log is written at any level).
    """
    server = make_server(
        host,
        port,
        max_body_octets=max_body_octets,
        max_check_octets=max_check_octets,
        log_level=log_level,
    )
    server.run(sockets=list(sockets) if sockets else None)
