"""Joining the parts of a concatenated message (23.040 9.2.3.24.1).

Parts may come in any order; identical duplicates are dropped and listed; missing
sequence numbers are listed and the text is then ``None``: nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..address import Address
from ..errors import PduDecodeError
from ..udh import IEI_CONCAT_8BIT, IEI_CONCAT_16BIT, UserDataHeader
from .dcs import Alphabet
from .tpdu import ParsedTpdu, SmsSubmit
from .user_data import UserData

__all__ = ["Reassembly", "reassemble"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Reassembly:
    """The parts of one concatenated message, joined when complete.

    Attributes:
        text: the whole text, or ``None`` when parts are missing or a part is 8-bit
            data (join :attr:`parts` payloads then).
        reference: the concatenation reference, or ``None`` for a lone part
            without a concatenation element.
        total: the number of parts the message has.
        parts: the parts received, by sequence number, duplicates dropped.
        missing: sequence numbers not received, ascending.
        duplicates: sequence numbers received more than once (identical copies).
    """

    text: str | None
    reference: int | None
    total: int
    parts: tuple[UserData, ...]
    missing: tuple[int, ...] = ()
    duplicates: tuple[int, ...] = ()

    @property
    def complete(self) -> bool:
        """Whether every part is there."""
        return not self.missing


def _concat_offset(header: UserDataHeader, item: int) -> int:
    """Octet offset in TP-UD of item ``item`` (-2 total, -1 sequence, 0 reference)."""
    pos = 1
    found = pos
    for element in header.elements:
        if element.iei in (IEI_CONCAT_8BIT, IEI_CONCAT_16BIT):
            found = pos
        pos += element.octets
    size = 3 if header.concatenation and header.concatenation.reference_bits == 8 else 4
    return found + 2 + (item % size)


def reassemble(parts: Iterable[UserData | ParsedTpdu]) -> Reassembly:
    """Join the parts of one concatenated message (23.040 9.2.3.24.1).

    Parts may come in any order; identical duplicates are dropped and listed; missing
    sequence numbers are listed and the text is then ``None`` (nothing is guessed).
    UCS-2 surrogate halves split between parts are joined.

    Args:
        parts: decoded parts (:class:`UserData` or :class:`ParsedTpdu`) of one message.

    Returns:
        A :class:`Reassembly`.

    Raises:
        TypeError: ``parts`` is not an iterable of :class:`UserData` /
            :class:`ParsedTpdu`.
        PduDecodeError: no parts; parsed TPDUs with different addresses (TP-OA or
            TP-DA; ``offset`` 0); parts with different references, reference sizes or
            totals; two different parts with the same sequence number; several parts
            without a concatenation element (``field`` names the part, as
            ``"parts[2].udh.concatenation.total"``, ``offset`` is in its TP-UD).
    """
    if isinstance(parts, UserData | ParsedTpdu | str | bytes) or not hasattr(parts, "__iter__"):
        raise TypeError(
            f"parts must be an iterable of UserData or ParsedTpdu, not {type(parts).__name__}"
        )
    given = list(parts)
    for index, part in enumerate(given):
        if not isinstance(part, UserData | ParsedTpdu):
            raise TypeError(
                f"parts[{index}] must be a UserData or a ParsedTpdu, not {type(part).__name__}"
            )
    items = [p.user_data if isinstance(p, ParsedTpdu) else p for p in given]
    if not items:
        raise PduDecodeError("no parts to reassemble", field="parts", offset=0)
    # The reference is chosen per sender (or per destination), so parts with another
    # TP-OA / TP-DA belong to another message even when the reference matches.
    sender: Address | None = None
    for index, part in enumerate(given):
        if not isinstance(part, ParsedTpdu):
            continue
        if sender is None:
            sender = part.address
        elif part.address != sender:
            name = "tp_da" if isinstance(part.message, SmsSubmit) else "tp_oa"
            raise PduDecodeError(
                f"address {part.address.value} differs from the first part's {sender.value}",
                field=f"parts[{index}].{name}",
                offset=0,
            )
    first = items[0].header.concatenation if items[0].header else None
    if first is None:
        if len(items) > 1:
            raise PduDecodeError(
                "part has no concatenation element, but several parts were given",
                field="parts[0].udh",
                offset=0,
            )
        only = items[0]
        return Reassembly(text=only.text, reference=None, total=1, parts=(only,))
    by_sequence: dict[int, UserData] = {}
    duplicates: list[int] = []
    for index, part in enumerate(items):
        header = part.header
        concat = header.concatenation if header else None
        path = f"parts[{index}].udh"
        if header is None or concat is None:
            raise PduDecodeError("part has no concatenation element", field=path, offset=0)
        if (concat.reference, concat.reference_bits) != (first.reference, first.reference_bits):
            raise PduDecodeError(
                f"reference {concat.reference} ({concat.reference_bits}-bit) differs from "
                f"parts[0]'s {first.reference} ({first.reference_bits}-bit)",
                field=f"{path}.concatenation.reference",
                offset=_concat_offset(header, 0),
            )
        if concat.total != first.total:
            raise PduDecodeError(
                f"total {concat.total} differs from parts[0]'s {first.total}",
                field=f"{path}.concatenation.total",
                offset=_concat_offset(header, -2),
            )
        seen = by_sequence.get(concat.sequence)
        if seen is None:
            by_sequence[concat.sequence] = part
        elif seen == part:
            duplicates.append(concat.sequence)
        else:
            raise PduDecodeError(
                f"two different parts have sequence number {concat.sequence}",
                field=f"{path}.concatenation.sequence",
                offset=_concat_offset(header, -1),
            )
    ordered = tuple(by_sequence[s] for s in sorted(by_sequence))
    missing = tuple(s for s in range(1, first.total + 1) if s not in by_sequence)
    text: str | None = None
    texts = [p.text for p in ordered]
    if not missing and all(t is not None for t in texts):
        text = "".join(t for t in texts if t is not None)
        if any(p.alphabet is Alphabet.UCS2 for p in ordered):
            # Re-pair surrogate halves that a sender split between two parts.
            text = text.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")
    return Reassembly(
        text=text,
        reference=first.reference,
        total=first.total,
        parts=ordered,
        missing=missing,
        duplicates=tuple(sorted(set(duplicates))),
    )
