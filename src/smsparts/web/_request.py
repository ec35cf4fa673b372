"""Reading and checking API requests: size limit, JSON, field types and values.

Every failure is an :class:`ApiError` carrying the HTTP status, the field (a dotted
path into the request object, or ``None`` for the body as a whole) and the reason.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from typing import Any, Final

from .. import _tables
from ..charset import Encoding, NationalLanguage
from ..transliteration import Level

_JSON_TYPES: Final = ("application/json",)


class ApiError(Exception):
    """A request the API refuses: ``status``, ``field`` (or ``None``) and ``reason``."""

    def __init__(self, status: int, field: str | None, reason: str, **extra: Any) -> None:
        self.status = status
        self.field = field
        self.reason = reason
        self.extra = extra
        super().__init__(status, field, reason)

    def to_json(self) -> dict[str, Any]:
        """The error body: ``{"field": ..., "reason": ..., ...}``."""
        return {"field": self.field, "reason": self.reason, **self.extra}


async def read_body(stream: AsyncIterator[bytes], declared: str | None, max_octets: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``max_octets``.

    A ``Content-Length`` above the limit is refused before anything is read; a body sent
    without one (chunked) is counted while it arrives and never kept past the limit.
    """
    if declared is not None:
        try:
            length = int(declared)
        except ValueError:
            raise ApiError(400, None, "Content-Length is not a number") from None
        if length > max_octets:
            raise _too_large(max_octets)
    chunks: list[bytes] = []
    received = 0
    async for chunk in stream:
        received += len(chunk)
        if received > max_octets:
            raise _too_large(max_octets)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(max_octets: int) -> ApiError:
    return ApiError(
        413, None, f"request body is larger than {max_octets} octets", max_octets=max_octets
    )


def check_content_type(value: str | None) -> None:
    """Only ``application/json`` bodies (415 otherwise).

    Requiring it also means a page on another origin cannot post to this server with a
    plain form: a JSON content type needs a CORS preflight, which this server never grants.
    """
    media = (value or "").split(";", 1)[0].strip().lower()
    if media not in _JSON_TYPES:
        shown = media or "none"
        raise ApiError(415, None, f"Content-Type must be application/json, not {shown}")


def parse_object(body: bytes) -> dict[str, Any]:
    """The body as a JSON object (400 for bad JSON, 422 for another JSON value)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, None, f"body is not UTF-8: bad octet at offset {exc.start}") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise ApiError(400, None, "body is not JSON: nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            None,
            f"body is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except ValueError as exc:  # a number of more than 4,300 digits (int_max_str_digits)
        raise ApiError(400, None, f"body is not JSON this server reads: {exc}") from None
    if not isinstance(data, dict):
        raise ApiError(422, None, f"body must be a JSON object, not {json_type(data)}")
    return data


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def check_fields(data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    """422 for a member the endpoint does not know (a typo is never ignored)."""
    for name in data:
        if name not in allowed:
            known = ", ".join(allowed)
            raise ApiError(422, name, f"unknown field (known: {known})")


def _wrong_type(field: str, expected: str, value: object) -> ApiError:
    return ApiError(422, field, f"must be {expected}, not {json_type(value)}")


def get_text(data: Mapping[str, Any], field: str = "text") -> str:
    """The required string member ``field``."""
    if field not in data:
        raise ApiError(422, field, "required")
    value = data[field]
    if not isinstance(value, str):
        raise _wrong_type(field, "a string", value)
    return value


def get_bool(data: Mapping[str, Any], field: str, default: bool = False) -> bool:
    """An optional boolean member."""
    value = data.get(field, default)
    if not isinstance(value, bool):
        raise _wrong_type(field, "a boolean", value)
    return value


def get_int(
    data: Mapping[str, Any], field: str, default: int | None, low: int, high: int
) -> int | None:
    """An optional integer member within ``low..high`` (``null`` gives ``default``)."""
    value = data.get(field)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong_type(field, "an integer", value)
    if not low <= value <= high:
        raise ApiError(422, field, f"must be an integer in {low}..{high}, not {value}")
    return value


def get_choice(data: Mapping[str, Any], field: str, choices: tuple[str, ...]) -> str | None:
    """An optional string member among ``choices`` (``null``: not given)."""
    value = data.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _wrong_type(field, "a string or null", value)
    if value not in choices:
        listed = ", ".join(choices)
        raise ApiError(422, field, f"must be one of {listed}, not {value!r}")
    return value


def _language(field: str, item: object) -> NationalLanguage:
    if isinstance(item, int) and not isinstance(item, bool):
        try:
            return NationalLanguage(item)
        except ValueError:
            pass
    elif isinstance(item, str):
        name = item.strip()
        try:
            if name.isdecimal() and name.isascii():
                return NationalLanguage(int(name))
            return NationalLanguage[name.upper()]
        except (KeyError, ValueError):
            pass
    else:
        raise _wrong_type(field, "a language name or id", item)
    known = ", ".join(lang.name.lower() for lang in NationalLanguage)
    raise ApiError(422, field, f"unknown language {item!r} (known: {known}, or ids 1-13)")


def get_languages(data: Mapping[str, Any], field: str) -> tuple[NationalLanguage, ...] | None:
    """National languages, as ``--languages`` takes them or as an array.

    ``"turkish,3"``, ``"all"``, ``["turkish", 3]``; ``null`` or absent: none.
    """
    value = data.get(field)
    if value is None:
        return None
    if isinstance(value, str):
        if value.strip().lower() == "all":
            return tuple(NationalLanguage)
        items: list[object] = [part for part in value.split(",") if part.strip()]
    elif isinstance(value, list):
        items = value
    else:
        raise _wrong_type(field, "a string, an array or null", value)
    return tuple(_language(f"{field}[{i}]", item) for i, item in enumerate(items))


ENCODINGS: Final = tuple(e.value for e in Encoding)
#: Languages with a locking shift table (every one but Spanish, 23.038 A.3).
_LOCKING: Final = frozenset(lang for lang in NationalLanguage if int(lang) in _tables.LOCKING)
BOUNDARIES: Final = ("grapheme", "codepoint")
LEVELS: Final = tuple(level.value for level in Level)


def _locking_languages(data: Mapping[str, Any]) -> tuple[NationalLanguage, ...] | None:
    """``locking_shift``: only languages with a locking shift table (``"all"``: those)."""
    languages = get_languages(data, "locking_shift")
    if languages is None:
        return None
    value = data.get("locking_shift")
    if isinstance(value, str) and value.strip().lower() == "all":
        return tuple(lang for lang in languages if lang in _LOCKING)
    for index, lang in enumerate(languages):
        if lang not in _LOCKING:
            raise ApiError(
                422,
                f"locking_shift[{index}]",
                f"{lang.name.lower()} has no locking shift table (23.038 A.3 leaves it void): "
                "use single_shift or languages",
            )
    return languages


def _sms_encoding(data: Mapping[str, Any]) -> Encoding | None:
    """``sms_encoding`` (as ``--sms-encoding``), or ``encoding``, its older name."""
    chosen = get_choice(data, "sms_encoding", ENCODINGS)
    older = get_choice(data, "encoding", ENCODINGS)
    if chosen is not None and older is not None and chosen != older:
        raise ApiError(422, "encoding", f"encoding {older} and sms_encoding {chosen} disagree")
    value = chosen or older
    return None if value is None else Encoding(value)


def encoding_options(data: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword options of ``analyze``/``split`` from the request (the CLI's names)."""
    return {
        "encoding": _sms_encoding(data),
        "boundary": get_choice(data, "boundary", BOUNDARIES) or "grapheme",
        "languages": get_languages(data, "languages"),
        "single_shift": get_languages(data, "single_shift"),
        "locking_shift": _locking_languages(data),
    }


ENCODING_FIELDS: Final = (
    "text",
    "sms_encoding",
    "encoding",
    "boundary",
    "languages",
    "single_shift",
    "locking_shift",
)
