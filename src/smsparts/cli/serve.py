"""``smsparts serve``: the calculator page and the JSON API on this computer.

Needs the ``web`` extra (Starlette and uvicorn); without it, a one-line error says how
to install it.  See docs/server.md.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress

from ._common import ExitStatus, Subparsers, UsageError, count_type, err, out

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: 256 KiB and 8 MiB, as ``smsparts.web`` (repeated here: that module needs the extra).
DEFAULT_MAX_BODY = 256 * 1024
DEFAULT_MAX_CHECK = 8 * 1024 * 1024


def register(sub: Subparsers) -> None:
    """Add ``serve`` and its options."""
    parser = sub.add_parser(
        "serve",
        help="the calculator page and the JSON API on http://127.0.0.1:8000/",
        description="Serve the SMS calculator page and the JSON API (/api/analyze, "
        "/api/split, /api/explain, /api/check) until Ctrl-C. Needs the 'web' extra: "
        "pip install 'smsparts[web]'.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0 "
        "opens it to the network, with no authentication)",
    )
    parser.add_argument(
        "--port",
        type=count_type(0, 65535),
        default=DEFAULT_PORT,
        metavar="N",
        help="TCP port (default 8000; 0: any free port)",
    )
    parser.add_argument(
        "--max-body-octets",
        type=count_type(1, 1 << 30),
        default=DEFAULT_MAX_BODY,
        metavar="N",
        help="largest request body of /api/analyze, /api/split, /api/explain "
        f"(default {DEFAULT_MAX_BODY})",
    )
    parser.add_argument(
        "--max-check-octets",
        type=count_type(1, 1 << 30),
        default=DEFAULT_MAX_CHECK,
        metavar="N",
        help=f"largest request body of /api/check (default {DEFAULT_MAX_CHECK})",
    )
    parser.set_defaults(run=run)


def _is_local(host: str) -> bool:
    name = host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _url(host: str, port: int) -> str:
    name = host.strip("[]")
    shown = f"[{name}]" if ":" in name else name
    return f"http://{shown}:{port}/"


def run(args: argparse.Namespace) -> ExitStatus:
    """Serve until interrupted."""
    try:
        from ..web import server
    except ImportError as exc:
        raise UsageError(
            f"smsparts serve needs the 'web' extra: pip install 'smsparts[web]' ({exc})"
        ) from None
    host: str = args.host
    try:
        sock = server.bind_socket(host, args.port)
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {host} port {args.port}: {exc.strerror or exc}"
        ) from None
    with sock:
        port = sock.getsockname()[1]
        if not _is_local(host):
            err(
                f"smsparts: warning: listening on {host}: anyone who can reach this "
                "computer can use the server (there is no authentication)"
            )
        out(f"smsparts: serving the calculator on {_url(host, port)} (Ctrl-C to stop)")
        # uvicorn shuts down cleanly on Ctrl-C, then raises it again: for a server,
        # Ctrl-C is how it is meant to stop, not an interruption (exit status 0).
        with contextlib.suppress(KeyboardInterrupt):
            server.serve(
                host,
                port,
                max_body_octets=args.max_body_octets,
                max_check_octets=args.max_check_octets,
                sockets=[sock],
                log_level="warning",
            )
    out("smsparts: stopped")
    return ExitStatus.OK
