"""``POST /api/check``: the campaign check (:mod:`smsparts.campaign`) over HTTP.

The request holds the platform's payload and, optionally, what ``smsparts check`` reads
from files: uploaded contact files (CSV, JSON array or JSON lines, read by
:mod:`smsparts.readers` with the same hygiene rules as the CLI), a groups mapping and a
price table.  The answer is :meth:`CampaignReport.to_json`, the object ``smsparts check
--json`` prints.
"""

from __future__ import annotations

import base64
import binascii
import importlib
import importlib.util
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from typing import Any, Final

from ..errors import InvalidOption, SmsError
from ..readers import ContactRow, InputFileError, check_encoding, iter_contacts
from . import _request as rq

CHECK_FIELDS: Final = (
    "payload",
    "contacts",
    "groups",
    "prices",
    "encoding",
    "now",
    "tz",
    "until",
    "max_segments",
    "missing",
    "defaults",
    "max_issues",
    "fields",
)
FILE_FIELDS: Final = ("name", "content", "content_base64")
#: The most contact files one request may upload.
MAX_FILES: Final = 20
#: A file name as the issues show it: a base name of ordinary characters.
_SAFE_NAME: Final = re.compile(r"[^\w.\- ]")
_SUFFIXES: Final = (".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson")


def _unavailable(reason: str) -> rq.ApiError:
    return rq.ApiError(501, None, reason)


def _optional_str(data: Mapping[str, Any], field: str) -> str | None:
    value = data.get(field)
    if value is not None and not isinstance(value, str):
        raise rq.ApiError(422, field, f"must be a string or null, not {rq.json_type(value)}")
    return value


def _file_name(index: int, value: object) -> str:
    field = f"contacts[{index}].name"
    if not isinstance(value, str):
        raise rq.ApiError(422, field, f"must be a string, not {rq.json_type(value)}")
    name = _SAFE_NAME.sub("_", os.path.basename(value.replace("\\", "/"))).strip()
    if not name or name in (".", ".."):
        raise rq.ApiError(422, field, "must be a file name (contacts.csv)")
    if not name.lower().endswith(_SUFFIXES):
        listed = ", ".join(_SUFFIXES)
        raise rq.ApiError(422, field, f"must end with one of {listed}, not {value!r}")
    return name[:100]


def _file_octets(index: int, item: Mapping[str, Any]) -> bytes:
    text, packed = item.get("content"), item.get("content_base64")
    if (text is None) == (packed is None):
        raise rq.ApiError(422, f"contacts[{index}]", "give content or content_base64, one of them")
    if text is not None:
        field = f"contacts[{index}].content"
        if not isinstance(text, str):
            raise rq.ApiError(422, field, f"must be a string, not {rq.json_type(text)}")
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise rq.ApiError(
                422, field, f"lone surrogate U+{ord(text[exc.start]):04X} at index {exc.start}"
            ) from None
    field = f"contacts[{index}].content_base64"
    if not isinstance(packed, str):
        raise rq.ApiError(422, field, f"must be a string, not {rq.json_type(packed)}")
    try:
        return base64.b64decode(packed, validate=True)
    except (binascii.Error, ValueError):
        raise rq.ApiError(422, field, "is not base64") from None


def _uploads(data: Mapping[str, Any]) -> list[tuple[str, bytes]]:
    value = data.get("contacts")
    if value is None:
        return []
    if not isinstance(value, list):
        raise rq.ApiError(422, "contacts", f"must be an array, not {rq.json_type(value)}")
    if len(value) > MAX_FILES:
        raise rq.ApiError(422, "contacts", f"at most {MAX_FILES} files, not {len(value)}")
    files = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise rq.ApiError(
                422, f"contacts[{index}]", f"must be an object, not {rq.json_type(item)}"
            )
        for key in item:
            if key not in FILE_FIELDS:
                raise rq.ApiError(422, f"contacts[{index}].{key}", "unknown field")
        files.append((_file_name(index, item.get("name")), _file_octets(index, item)))
    return files


def _rows(path: str, name: str, encoding: str, index: int) -> Iterator[ContactRow]:
    """The rows of one uploaded file, named as the user named it (not the temporary path)."""
    try:
        for row in iter_contacts(path, encoding=encoding):
            yield row._replace(source=name)
    except InputFileError as exc:
        # The CLI's way out names its option; here it is the request's member.
        reason = str(exc).replace(path, name).replace("--encoding ", "encoding: ")
        raise rq.ApiError(
            422, f"contacts[{index}]", reason, line=exc.line, offset=exc.offset
        ) from None


def _options(data: Mapping[str, Any], estimate: Any) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for field in ("now", "tz", "until"):
        value = _optional_str(data, field)
        if value is not None:
            options[field] = value
    options["max_segments"] = rq.get_int(data, "max_segments", None, 1, 255)
    options["max_issues"] = rq.get_int(data, "max_issues", None, 0, 1_000_000)
    options["missing"] = rq.get_choice(data, "missing", ("raise", "empty")) or "raise"
    defaults = data.get("defaults")
    if defaults is not None:
        if not isinstance(defaults, dict):
            raise rq.ApiError(422, "defaults", f"must be an object, not {rq.json_type(defaults)}")
        for name, value in defaults.items():
            if not isinstance(value, str):
                raise rq.ApiError(
                    422, f"defaults.{name}", f"must be a string, not {rq.json_type(value)}"
                )
        options["defaults"] = {name.lstrip("@"): value for name, value in defaults.items()}
    groups = data.get("groups")
    if groups is not None:
        if not isinstance(groups, dict):
            raise rq.ApiError(422, "groups", f"must be an object, not {rq.json_type(groups)}")
        options["groups"] = groups
    fields = data.get("fields")
    if isinstance(fields, str):
        fields = [f.strip() for f in fields.split(",") if f.strip()]
    if fields is not None:
        if not isinstance(fields, list):
            raise rq.ApiError(
                422, "fields", f"must be a string or an array, not {rq.json_type(fields)}"
            )
        for index, name in enumerate(fields):
            if not isinstance(name, str):
                raise rq.ApiError(
                    422, f"fields[{index}]", f"must be a string, not {rq.json_type(name)}"
                )
        options["fields"] = fields
    prices = _optional_str(data, "prices")
    if prices is not None:
        try:
            options["prices"] = estimate.PriceTable.from_csv(prices, source="prices")
        except SmsError as exc:
            raise rq.ApiError(422, "prices", str(exc).split("\n", 1)[0]) from None
    return options


def check(data: dict[str, Any]) -> dict[str, Any]:
    """The campaign report of a ``/api/check`` request, as ``smsparts check --json``."""
    rq.check_fields(data, CHECK_FIELDS)
    if "payload" not in data:
        raise rq.ApiError(422, "payload", "required: the sms.campain.create object")
    try:
        campaign = importlib.import_module("smsparts.campaign")
        estimate = importlib.import_module("smsparts.estimate")
    except ImportError as exc:
        if exc.name in ("smsparts.campaign", "smsparts.estimate"):
            raise _unavailable(
                "the campaign check is not part of this build (smsparts.campaign is missing)"
            ) from None
        raise _unavailable(_extra_reason(exc)) from None
    if not _importable("phonenumbers"):
        raise _unavailable(
            "the campaign check needs the 'campaign' extra (phonenumbers is not installed): "
            "pip install 'smsparts[campaign]'"
        )
    encoding = _optional_str(data, "encoding") or "utf-8"
    try:
        check_encoding(encoding)
    except InvalidOption:
        raise rq.ApiError(422, "encoding", f"no such character encoding: {encoding!r}") from None
    options = _options(data, estimate)
    uploads = _uploads(data)
    try:
        checker = campaign.CampaignChecker(data["payload"], contact_files=bool(uploads), **options)
    except ImportError as exc:
        raise _unavailable(_extra_reason(exc)) from None
    except InvalidOption as exc:
        raise rq.ApiError(422, exc.option, str(exc).split("\n", 1)[0]) from None
    with tempfile.TemporaryDirectory(prefix="smsparts-check-") as folder:
        sources = []
        for index, (name, octets) in enumerate(uploads):
            path = os.path.join(folder, f"{index}-{name}")
            with open(path, "wb") as handle:
                handle.write(octets)
            sources.append(_rows(path, name, encoding, index))
        report = checker.check(*sources)
    result: dict[str, Any] = report.to_json(max_issues=options["max_issues"])
    return result


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _extra_reason(exc: ImportError) -> str:
    missing = exc.name or "a module"
    return (
        f"the campaign check needs the 'campaign' extra ({missing} is not installed): "
        "pip install 'smsparts[campaign]'"
    )
