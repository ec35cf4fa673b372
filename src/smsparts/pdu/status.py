"""TP-Status: what a status report says about a message (23.040 9.2.3.15).

Bits 6..5 of TP-ST give the category; the low bits the reason within it:

=========  ===================================================================
``0x00``   transaction completed: short message received by the SME
``0x01``   forwarded by the SC to the SME, the SC is unable to confirm delivery
``0x02``   short message replaced by the SC
``0x20``   temporary error, SC still trying: congestion (``0x21`` SME busy,
           ``0x22`` no response from SME, ``0x23`` service rejected, ``0x24``
           quality of service not available, ``0x25`` error in SME)
``0x40``   permanent error: remote procedure error (``0x41`` incompatible
           destination, ``0x42`` connection rejected by SME, ``0x43`` not
           obtainable, ``0x44`` quality of service not available, ``0x45`` no
           interworking available, ``0x46`` SM validity period expired, ``0x47``
           SM deleted by originating SME, ``0x48`` SM deleted by SC
           administration, ``0x49`` SM does not exist)
``0x60``   temporary error, SC not making any more transfer attempts:
           congestion (``0x61`` .. ``0x65`` as ``0x21`` .. ``0x25``)
=========  ===================================================================

``0x10``-``0x1F``, ``0x30``-``0x3F``, ``0x50``-``0x5F`` and ``0x70``-``0x7F`` are values
specific to each SC; the other values of each category, and every value with bit 7
set, are reserved.

>>> status = TpStatus.from_octet(0x46)
>>> status.category.value, status.meaning, status.final
('permanent', 'SM validity period expired', True)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from .._options import check_int

__all__ = ["StatusCategory", "TpStatus"]


class StatusCategory(StrEnum):
    """The four kinds of TP-ST (bits 6..5, 23.040 9.2.3.15), and reserved (bit 7 set)."""

    COMPLETED = "completed"
    """Short message transaction completed (``0x00``-``0x1F``)."""
    TEMPORARY_RETRYING = "temporary-retrying"
    """Temporary error, SC still trying to transfer the SM (``0x20``-``0x3F``)."""
    PERMANENT = "permanent"
    """Permanent error, SC is not making any more transfer attempts (``0x40``-``0x5F``)."""
    TEMPORARY_GIVEN_UP = "temporary-given-up"
    """Temporary error, SC is not making any more transfer attempts (``0x60``-``0x7F``)."""
    RESERVED = "reserved"
    """Bit 7 set: a reserved value (``0x80``-``0xFF``)."""


_CATEGORIES: Final = (
    StatusCategory.COMPLETED,
    StatusCategory.TEMPORARY_RETRYING,
    StatusCategory.PERMANENT,
    StatusCategory.TEMPORARY_GIVEN_UP,
)

_TEMPORARY: Final = (
    "congestion",
    "SME busy",
    "no response from SME",
    "service rejected",
    "quality of service not available",
    "error in SME",
)

#: 23.040 9.2.3.15, every value the table defines.
_MEANINGS: Final[dict[int, str]] = {
    0x00: "short message received by the SME",
    0x01: "short message forwarded by the SC to the SME but the SC is unable to confirm delivery",
    0x02: "short message replaced by the SC",
    **{0x20 + i: text for i, text in enumerate(_TEMPORARY)},
    0x40: "remote procedure error",
    0x41: "incompatible destination",
    0x42: "connection rejected by SME",
    0x43: "not obtainable",
    0x44: "quality of service not available",
    0x45: "no interworking available",
    0x46: "SM validity period expired",
    0x47: "SM deleted by originating SME",
    0x48: "SM deleted by SC administration",
    0x49: "SM does not exist",
    **{0x60 + i: text for i, text in enumerate(_TEMPORARY)},
}


@dataclass(frozen=True, slots=True, kw_only=True)
class TpStatus:
    """A TP-ST octet with its category and meaning (23.040 9.2.3.15).

    Attributes:
        value: the octet as received.
        category: its :class:`StatusCategory`.
        meaning: the spec's words for it, ``"specific to the SC"`` or ``"reserved"``.
    """

    value: int
    category: StatusCategory
    meaning: str

    @classmethod
    def from_octet(cls, value: int) -> TpStatus:
        """The status an octet means.

        Raises:
            TypeError: ``value`` is not an ``int``.
            InvalidOption: ``value`` is not 0..255.

        >>> TpStatus.from_octet(0x00).meaning
        'short message received by the SME'
        """
        check_int("status", value, 0, 255)
        if value & 0x80:
            return cls(value=value, category=StatusCategory.RESERVED, meaning="reserved")
        category = _CATEGORIES[value >> 5]
        meaning = _MEANINGS.get(value)
        if meaning is None:
            meaning = "specific to the SC" if value & 0x10 else "reserved"
        return cls(value=value, category=category, meaning=meaning)

    @property
    def completed(self) -> bool:
        """Whether the transaction completed (category ``0x00``-``0x1F``)."""
        return self.category is StatusCategory.COMPLETED

    @property
    def delivered(self) -> bool:
        """Whether the SME received the message (``0x00``: "received by the SME").

        ``0x01`` (forwarded, delivery not confirmed) and ``0x02`` (replaced) complete
        the transaction but do not say the recipient has it.
        """
        return self.value == 0x00

    @property
    def final(self) -> bool:
        """Whether the SC stops here: completed, permanent or given-up temporary error.

        ``False`` while the SC is still trying (``0x20``-``0x3F``) and for reserved
        values, whose meaning is unknown.
        """
        return self.category in (
            StatusCategory.COMPLETED,
            StatusCategory.PERMANENT,
            StatusCategory.TEMPORARY_GIVEN_UP,
        )

    @property
    def sc_specific(self) -> bool:
        """Whether the value is one each SC defines (``0x10``-``0x1F``, ``0x30``-...)."""
        return not self.value & 0x80 and bool(self.value & 0x10)
