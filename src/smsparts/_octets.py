"""The one octet reader of the wire parsers (private): TPDUs, addresses, headers.

Every parser of bytes in smsparts (:mod:`smsparts.pdu`, :mod:`smsparts.address`,
:mod:`smsparts.udh`) reads through :class:`OctetReader`, so running out of data is always
the same :class:`~smsparts.errors.PduDecodeError`, naming the field and the offset where
the missing field starts.

Offsets policy (documented in docs/wire-format.md): an offset always lies inside the
input, ``0 <= offset <= len(data)``.  ``offset == len(data)`` means "the data ends here:
the field named is missing" (truncated input); any other offset points at an octet.
"""

from __future__ import annotations

from .errors import PduDecodeError

__all__ = ["OctetReader", "as_octets"]


class OctetReader:
    """Reads octets of ``data`` in order from ``pos``, never past ``end``.

    Args:
        data: the input (offsets in errors count from ``data[0]``).
        pos: where reading starts.
        end: where the structure being read ends (default: the end of ``data``); a
            header reader stops at the end of its UDHL.
    """

    __slots__ = ("data", "end", "pos")

    def __init__(self, data: bytes, pos: int = 0, end: int | None = None) -> None:
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    @property
    def remaining(self) -> int:
        """Octets left before ``end``."""
        return max(0, self.end - self.pos)

    def octet(self, field: str) -> int:
        """The next octet; a ``PduDecodeError`` on ``field`` when there is none."""
        pos = self.pos
        if pos >= self.end:
            raise PduDecodeError(
                "the data ends before this field", field=field, offset=min(pos, len(self.data))
            )
        self.pos = pos + 1
        return self.data[pos]

    def take(self, size: int, field: str) -> bytes:
        """The next ``size`` octets; a ``PduDecodeError`` on ``field`` when fewer are left."""
        pos = self.pos
        if pos + size > self.end:
            raise PduDecodeError(
                f"needs {size} octets, {self.remaining} left",
                field=field,
                offset=min(pos, len(self.data)),
            )
        self.pos = pos + size
        return bytes(self.data[pos : pos + size])


def as_octets(option: str, value: object) -> bytes:
    """``value`` as ``bytes`` if it is ``bytes``, ``bytearray`` or ``memoryview``.

    Anything else is a ``TypeError`` naming ``option``: ``bytes(5)`` would be five zero
    octets and ``bytes([1, 2])`` a guess, so neither an int nor a list is accepted.
    """
    if isinstance(value, bytes):
        return value
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    raise TypeError(f"{option} must be bytes, bytearray or memoryview, not {type(value).__name__}")
