"""The Starlette application: the calculator page and the JSON API.

``POST /api/analyze`` and ``POST /api/split`` answer with exactly the JSON that
``smsparts analyze --json`` and ``smsparts split --json`` print; ``POST /api/explain``
is what the page asks as you type (the same analysis, the segments, the cost of every
character, the warnings and a template's bounds in one answer); ``POST /api/check`` runs
the campaign check.  See docs/server.md.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from importlib import resources
from typing import Any, Final

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._options import check_int
from ..charset import DEFAULT
from ..errors import (
    InvalidCharacter,
    InvalidOption,
    MessageTooLong,
    SmsError,
    UnencodableCharacter,
)
from ..hygiene import text_warnings
from ..segment import Analysis, Boundary, analyze, split
from ..template import Template
from ..transliteration import Level, savings_report, transliterate
from ..views import (
    analysis_view,
    bounds_view,
    char_view,
    savings_view,
    segment_view,
    transliteration_view,
)
from . import _check
from . import _request as rq

__all__ = [
    "DEFAULT_MAX_BODY_OCTETS",
    "DEFAULT_MAX_CHECK_OCTETS",
    "LOCAL_HOSTS",
    "SECURITY_HEADERS",
    "create_app",
]

#: Largest body the text endpoints read: a 255-segment message is under 40,000
#: characters, at most 160 kB of JSON even with every character escaped as ``\\uXXXX``.
DEFAULT_MAX_BODY_OCTETS: Final = 256 * 1024
#: Largest body ``/api/check`` reads (a campaign payload with its contacts).
DEFAULT_MAX_CHECK_OCTETS: Final = 8 * 1024 * 1024
#: Host names the server answers to by default (it binds to 127.0.0.1): a page on
#: another site that rebinds its own name to 127.0.0.1 is refused (DNS rebinding).
LOCAL_HOSTS: Final = ("127.0.0.1", "localhost", "::1")

#: Sent with every response.  No inline script or style is allowed: the page's
#: JavaScript and CSS are files of the package, served from this origin.
SECURITY_HEADERS: Final[Mapping[str, str]] = {
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
        "object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

_COST_CODES: Final = bytes.maketrans(b"\x00\x01", b"12")
_LEVELS: Final = rq.LEVELS
_ALPHABETS: Final = ("gsm7-basic", "gsm7", "ucs2")

ANALYZE_FIELDS: Final = (*rq.ENCODING_FIELDS, "smart", "suggest")
SPLIT_FIELDS: Final = (*rq.ENCODING_FIELDS, "max_segments")
EXPLAIN_FIELDS: Final = (
    *rq.ENCODING_FIELDS,
    "smart",
    "max_segments",
    "max_length",
    "default_max_length",
    "alphabet",
)


class _SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_name(header: str | None) -> str | None:
    """The host part of a ``Host`` header (``"[::1]:8000"`` -> ``"::1"``), or ``None``."""
    if not header:
        return None
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        rest = value[end + 1 :]
        if end < 0 or (rest and not rest.startswith(":")):
            return None
        return value[1:end]
    name, _, _port = value.partition(":")
    return name or None


class _HostCheck:
    """ASGI middleware answering 400 to a ``Host`` it does not serve (DNS rebinding)."""

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str]) -> None:
        self.app = app
        self.allowed = frozenset(host.lower().strip("[]") for host in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            header = Headers(scope=scope).get("host")
            if host_name(header) not in self.allowed:
                shown = ", ".join(sorted(self.allowed))
                response = JSONResponse(
                    {"field": "Host", "reason": f"this server answers only to {shown}"},
                    status_code=400,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


# ---------------------------------------------------------------------------
# library errors as API errors


def _library_error(exc: SmsError) -> rq.ApiError:
    """A library error on a well-formed request: 422 naming the field."""
    reason = str(exc).split("\n", 1)[0]
    if isinstance(exc, InvalidOption):
        return rq.ApiError(422, exc.option, reason)
    if isinstance(exc, UnencodableCharacter):
        return rq.ApiError(
            422,
            "text",
            reason,
            start=exc.start,
            end=exc.end,
            characters=[char_view(i, ch) for i, ch in exc.characters[:100]],
        )
    if isinstance(exc, InvalidCharacter):
        return rq.ApiError(422, "text", reason, start=exc.start, end=exc.end)
    if isinstance(exc, MessageTooLong):
        return rq.ApiError(
            422, "text", reason, segments=exc.segments, max_segments=exc.max_segments
        )
    return rq.ApiError(422, "text", reason)


# ---------------------------------------------------------------------------
# the computations (run in a worker thread: the event loop never counts)


def _smart_options(options: Mapping[str, Any]) -> dict[str, Any]:
    # transliterate() and savings_report() weigh the natural encoding, as in the CLI.
    return {k: v for k, v in options.items() if k != "encoding"}


def _analyze(data: dict[str, Any]) -> dict[str, Any]:
    rq.check_fields(data, ANALYZE_FIELDS)
    original = rq.get_text(data)
    options = rq.encoding_options(data)
    level = rq.get_choice(data, "smart", _LEVELS)
    suggest = rq.get_bool(data, "suggest")
    return _analysis_member(original, options, level, suggest)[1]


def _analysis_member(
    original: str, options: Mapping[str, Any], level: str | None, suggest: bool
) -> tuple[Analysis, dict[str, Any]]:
    """``analyze --json [--smart LEVEL] [--suggest]``, and the analysis behind it."""
    text = original
    smart = None
    if level is not None:
        smart = transliterate(original, level=level, **_smart_options(options))
        text = smart.text
    result = analyze(text, **options)
    out = analysis_view(result, warnings=text_warnings(text))
    if smart is not None and level is not None:
        out["smart"] = transliteration_view(smart, level=level)
    if suggest:
        report = savings_report(original, level=level or Level.ASCII, **_smart_options(options))
        out["suggest"] = savings_view(report)
    return result, out


def _split(data: dict[str, Any]) -> list[dict[str, Any]]:
    rq.check_fields(data, SPLIT_FIELDS)
    text = rq.get_text(data)
    options = rq.encoding_options(data)
    max_segments = rq.get_int(data, "max_segments", 255, 1, 255)
    assert max_segments is not None
    return _segments(text, max_segments, options)


def _segments(text: str, max_segments: int, options: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``split --json``: every segment, numbered from 1."""
    segments = split(text, max_segments=max_segments, **options)
    return [segment_view(i, seg) for i, seg in enumerate(segments, 1)]


def character_costs(result: Analysis) -> str:
    """One letter per character of the analysed text: what it costs in this message.

    ``1``: one septet; ``2``: two septets (an escape to the extension or single shift
    table, 23.038 6.2.1.1); ``u``: a character that needs UCS-2.  In a UCS-2 message the
    other characters keep their GSM-7 letter, so the page shows which ones force it.
    """
    text = result.text
    table = result.charset
    if table is not None:
        costs = table.costs(text)
        if costs is not None:
            return costs.translate(_COST_CODES).decode("ascii")
    basic, shifted = DEFAULT.basic, DEFAULT.shifted
    return "".join("1" if ch in basic else "2" if ch in shifted else "u" for ch in text)


#: The most distinct variables whose bounds ``/api/explain`` computes: the page needs a
#: handful, and the bounds' work grows with their number.
MAX_BOUND_VARIABLES: Final = 50


def _template_options(data: Mapping[str, Any]) -> dict[str, Any]:
    """``max_length``, ``default_max_length``, ``alphabet`` and ``boundary`` for bounds."""
    lengths_value = data.get("max_length")
    lengths: dict[str, int] = {}
    if lengths_value is not None:
        if not isinstance(lengths_value, dict):
            raise rq.ApiError(
                422, "max_length", f"must be an object, not {rq.json_type(lengths_value)}"
            )
        for name in lengths_value:
            try:
                got = rq.get_int(lengths_value, name, None, 0, 10_000)
            except rq.ApiError as exc:
                raise rq.ApiError(exc.status, f"max_length.{name}", exc.reason) from None
            if got is None:
                raise rq.ApiError(422, f"max_length.{name}", "must be an integer, not null")
            lengths[name.lstrip("@")] = got
    boundary: Boundary = (
        "codepoint" if rq.get_choice(data, "boundary", rq.BOUNDARIES) == "codepoint" else "grapheme"
    )
    return {
        "max_lengths": lengths,
        "default_max_length": rq.get_int(data, "default_max_length", 30, 0, 10_000),
        "alphabet": rq.get_choice(data, "alphabet", _ALPHABETS) or "ucs2",
        "boundary": boundary,
    }


def _template_member(original: str, options: Mapping[str, Any]) -> dict[str, Any] | None:
    """Variables and bounds of a text with ``@variables``, or ``None`` without any."""
    if "@" not in original:
        return None
    try:
        template = Template(original)
    except SmsError as exc:
        return {"variables": [], "bounds": None, "error": _template_error(exc)}
    variables = list(template.variables)
    if not variables:
        return None
    if len(variables) > MAX_BOUND_VARIABLES:
        reason = (
            f"{len(variables)} variables: the page computes bounds for at most "
            f"{MAX_BOUND_VARIABLES} (smsparts render --bounds has no such limit)"
        )
        return {"variables": variables, "bounds": None, "error": {"reason": reason}}
    try:
        bounds = template.bounds(
            options["max_lengths"],
            alphabet=options["alphabet"],
            default_max_length=options["default_max_length"],
            boundary=options["boundary"],
        )
    except SmsError as exc:
        return {"variables": variables, "bounds": None, "error": _template_error(exc)}
    return {"variables": variables, "bounds": bounds_view(bounds), "error": None}


def _template_error(exc: SmsError) -> dict[str, Any]:
    out: dict[str, Any] = {"reason": str(exc).split("\n", 1)[0]}
    for name in ("start", "end"):
        value = getattr(exc, name, None)
        if isinstance(value, int):
            out[name] = value
    return out


def _explain(data: dict[str, Any]) -> dict[str, Any]:
    rq.check_fields(data, EXPLAIN_FIELDS)
    original = rq.get_text(data)
    options = rq.encoding_options(data)
    level = rq.get_choice(data, "smart", _LEVELS)
    max_segments = rq.get_int(data, "max_segments", 255, 1, 255)
    assert max_segments is not None
    template = _template_member(original, _template_options(data))
    result, analysis = _analysis_member(original, options, level, True)
    segments: list[dict[str, Any]] | None = None
    split_error: dict[str, Any] | None = None
    try:
        segments = _segments(result.text, max_segments, options)
    except MessageTooLong as exc:
        split_error = _library_error(exc).to_json()
    return {
        "text": result.text,
        "analyze": analysis,
        "split": segments,
        "split_error": split_error,
        "costs": character_costs(result),
        "warnings": analysis["warnings"],
        "template": template,
    }


# ---------------------------------------------------------------------------
# HTTP


Handler = Callable[[dict[str, Any]], Any]


def _json_response(data: object, status: int = 200) -> Response:
    """``data`` as indented UTF-8 JSON, as the CLI prints it.

    A lone surrogate (which UTF-8 cannot carry) makes the whole body ASCII with
    ``\\udXXX`` escapes, still valid JSON that reads back to the same string.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        body = text.encode("utf-8")
    except UnicodeEncodeError:
        body = json.dumps(data, ensure_ascii=True, indent=2).encode("ascii")
    return Response(body, status_code=status, media_type="application/json")


def _endpoint(handler: Handler, max_octets: int) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            rq.check_content_type(request.headers.get("content-type"))
            body = await rq.read_body(
                request.stream(), request.headers.get("content-length"), max_octets
            )
            data = rq.parse_object(body)
            try:
                result = await run_in_threadpool(handler, data)
            except SmsError as exc:
                raise _library_error(exc) from exc
            except ValueError as exc:  # an option the library refuses (a plain ValueError)
                raise rq.ApiError(422, None, str(exc).split("\n", 1)[0]) from exc
        except rq.ApiError as exc:
            return _json_response(exc.to_json(), exc.status)
        return _json_response(result)

    return endpoint


def _index_html() -> bytes:
    return resources.files(__package__).joinpath("static", "index.html").read_bytes()


async def _index(request: Request) -> Response:
    return HTMLResponse(_index_html())


async def _not_found(request: Request, exc: Exception) -> Response:
    return JSONResponse({"field": None, "reason": "not found"}, status_code=404)


async def _method_not_allowed(request: Request, exc: Exception) -> Response:
    return JSONResponse({"field": None, "reason": "method not allowed"}, status_code=405)


def create_app(
    *,
    max_body_octets: int = DEFAULT_MAX_BODY_OCTETS,
    max_check_octets: int = DEFAULT_MAX_CHECK_OCTETS,
    allowed_hosts: Sequence[str] | None = LOCAL_HOSTS,
) -> Starlette:
    """The ASGI application: the page at ``/`` and the API under ``/api/``.

    Args:
        max_body_octets: the largest request body ``/api/analyze``, ``/api/split`` and
            ``/api/explain`` read; a larger one is refused with 413 while it arrives.
        max_check_octets: the same for ``/api/check``.
        allowed_hosts: the ``Host`` names answered (400 for others), or ``None`` for any.

    Raises:
        TypeError: a limit that is not an ``int``.
        InvalidOption: a limit below 1.
    """
    check_int("max_body_octets", max_body_octets, 1)
    check_int("max_check_octets", max_check_octets, 1)
    routes = [
        Route("/", _index, methods=["GET"]),
        Route("/api/analyze", _endpoint(_analyze, max_body_octets), methods=["POST"]),
        Route("/api/split", _endpoint(_split, max_body_octets), methods=["POST"]),
        Route("/api/explain", _endpoint(_explain, max_body_octets), methods=["POST"]),
        Route("/api/check", _endpoint(_check.check, max_check_octets), methods=["POST"]),
        Mount("/static", StaticFiles(packages=[(__package__, "static")]), name="static"),
    ]
    middleware = [Middleware(_SecurityHeaders)]
    if allowed_hosts is not None:
        middleware.append(Middleware(_HostCheck, allowed_hosts=list(allowed_hosts)))
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={404: _not_found, 405: _method_not_allowed},
    )
