"""TP-UD read back: the header, the payload and the text (23.040 9.2.3.16, 9.2.3.24).

:func:`decode_user_data` reads a TP-UD (or an SMPP ``short_message``) given its TP-UDL,
DCS and TP-UDHI; the TPDU parsers call :func:`decode_at` with the offset where TP-UD
starts, so that error offsets count from the start of the PDU.

>>> decode_user_data(bytes.fromhex("D4F29C0E"), udl=4).text
'Test'
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Final

from .._codec_impl import decode, tables
from .._octets import as_octets
from .._options import check_bool, check_int, check_str
from ..charset import MAX_GSM7_SEPTETS, MAX_USER_DATA_OCTETS, NationalLanguage, charset
from ..errors import InvalidOption, PduDecodeError
from ..septets import Octets, unpack_septets
from ..udh import UserDataHeader
from .dcs import DCS_GSM7, Alphabet, dcs_alphabet

__all__ = [
    "MAX_GSM7_UDL",
    "UserData",
    "check_errors",
    "check_udl",
    "decode_at",
    "decode_user_data",
    "ud_octets",
]

MAX_GSM7_UDL: Final = MAX_GSM7_SEPTETS  # 160 septets (23.040 9.2.3.16)
#: Standard handlers that only know UnicodeEncodeError (a decoder cannot use them).
_ENCODE_ONLY: Final = frozenset({"xmlcharrefreplace", "namereplace"})


@dataclass(frozen=True, slots=True, kw_only=True)
class UserData:
    """A decoded TP-UD: its header and its text.

    Attributes:
        header: the user data header, or ``None``.
        alphabet: from the DCS.
        payload: what follows the header: septets one per octet (GSM-7), octets
            (8-bit) or UTF-16BE (UCS-2).
        text: the decoded text; ``None`` for 8-bit data.  UCS-2 text keeps a lone
            surrogate half as is (a sender that split a surrogate pair between two
            parts); :func:`~smsparts.pdu.reassemble` joins the halves.
        fill_bits: the fill bits read between the header and the septets.
    """

    header: UserDataHeader | None
    alphabet: Alphabet
    payload: bytes
    text: str | None
    fill_bits: int = 0


def ud_octets(alphabet: Alphabet, udl: int) -> int:
    """Octets of TP-UD for a TP-UDL (23.040 9.2.3.16: septets for GSM-7, else octets).

    >>> ud_octets(Alphabet.GSM7, 160), ud_octets(Alphabet.UCS2, 140)
    (140, 140)
    """
    return (7 * udl + 7) // 8 if alphabet is Alphabet.GSM7 else udl


def check_udl(alphabet: Alphabet, udl: int, offset: int) -> None:
    """A ``PduDecodeError`` on ``tp_udl`` at ``offset`` if TP-UDL exceeds one TPDU."""
    limit = MAX_GSM7_UDL if alphabet is Alphabet.GSM7 else MAX_USER_DATA_OCTETS
    if not 0 <= udl <= limit:
        unit = "septets" if alphabet is Alphabet.GSM7 else "octets"
        raise PduDecodeError(
            f"TP-UDL {udl} exceeds {limit} {unit} (23.040 9.2.3.16)",
            field="tp_udl",
            offset=offset,
        )


def check_errors(errors: object) -> str:
    """``errors`` if it names a registered codec error handler.

    Raises:
        TypeError: not a ``str``.
        InvalidOption: no such handler (``codecs.lookup_error`` does not know it), or
            one that only encodes (``xmlcharrefreplace``, ``namereplace``).
    """
    if type(errors) is str and errors in ("strict", "replace"):
        return errors  # the common case, without a registry lookup
    check_str("errors", errors)
    assert isinstance(errors, str)
    try:
        codecs.lookup_error(errors)
    except LookupError:
        found = False
    else:
        found = errors not in _ENCODE_ONLY
    if not found:
        raise InvalidOption(
            "errors", errors, "a decoding error handler name ('strict', 'replace', ...)"
        )
    return errors


def _shifted(err: PduDecodeError, base: int) -> PduDecodeError:
    return PduDecodeError(err.reason, field=err.field, offset=err.offset + base)


def _table(language: NationalLanguage | None, kind: str) -> int:
    """A language id with a table of that kind, else 0 (23.040 9.2.3.24: ignore)."""
    if language is None:
        return 0
    try:
        if kind == "locking":
            charset(int(language), 0)
        else:
            charset(0, int(language))
    except ValueError:
        return 0  # Spanish has no locking shift table: the element is not supported
    return int(language)


def decode_at(
    data: bytes,
    base: int,
    *,
    udl: int,
    udl_offset: int,
    alphabet: Alphabet,
    udhi: bool,
    errors: str,
    packed: bool = True,
) -> UserData:
    """Decode TP-UD ``data`` (exactly the octets TP-UDL implies) found at ``base``.

    Args:
        data: the TP-UD octets.
        base: offset of ``data[0]`` in the input, added to every error offset.
        udl: TP-UDL.
        udl_offset: the offset an error about TP-UDL names: the TP-UDL octet in a
            TPDU; ``base`` when the input holds only the user data.
        alphabet, udhi, errors, packed: as for :func:`decode_user_data`.
    """
    header: UserDataHeader | None = None
    head = 0
    if udhi:
        try:
            header, head = UserDataHeader.parse(data)
        except PduDecodeError as exc:
            raise _shifted(exc, base) from None
    if alphabet is not Alphabet.GSM7:
        payload = bytes(data[head:])
        if alphabet is Alphabet.EIGHT_BIT:
            return UserData(header=header, alphabet=alphabet, payload=payload, text=None)
        if len(payload) % 2:
            raise PduDecodeError(
                f"{len(payload)} octets of UCS-2 after the header: not whole code units",
                field="tp_udl",
                offset=udl_offset,
            )
        text = payload.decode("utf-16-be", "surrogatepass")
        return UserData(header=header, alphabet=alphabet, payload=payload, text=text)
    if packed:
        # The header's septets and fill bits are the header's own arithmetic (udh).
        header_septets = header.header_septets if header else 0
        fill = header.fill_bits if header else 0
        count = udl - header_septets
        if count < 0:
            raise PduDecodeError(
                f"TP-UDL {udl} septets is less than the {header_septets} the header takes",
                field="tp_udl",
                offset=udl_offset,
            )
        septets = unpack_septets(data[head:], count=count, fill_bits=fill)
    else:
        fill = 0  # one septet per octet: nothing to align
        septets = bytes(data[head:])
    locking = _table(header.locking_shift, "locking") if header else 0
    single = _table(header.single_shift, "single") if header else 0
    try:
        text = decode(septets, tables(locking, single), errors)[0]
    except UnicodeDecodeError as exc:
        raise PduDecodeError(
            f"septet 0x{septets[exc.start]:02X} at septet {exc.start}: {exc.reason} "
            f"(locking table {locking}, single shift table {single})",
            field="tp_ud.text",
            offset=base + head + ((fill + 7 * exc.start) // 8 if packed else exc.start),
        ) from None
    return UserData(header=header, alphabet=alphabet, payload=septets, text=text, fill_bits=fill)


def decode_user_data(
    user_data: Octets,
    *,
    udl: int,
    dcs: int = DCS_GSM7,
    udhi: bool = False,
    errors: str = "strict",
    packed: bool = True,
) -> UserData:
    """Decode a TP-UD given its TP-UDL, DCS and TP-UDHI.

    The header's national language shift elements select the GSM-7 tables
    (23.040 9.2.3.24.15 / .16; an unsupported language is ignored, 9.2.3.24).

    Args:
        user_data: TP-UD, or an SMPP ``short_message``.
        udl: TP-UDL: septets (packed GSM-7, header and fill bits included) or
            octets (unpacked GSM-7, 8-bit, UCS-2; an SMPP ``sm_length``).
        dcs: TP-DCS (or SMPP ``data_coding``).
        udhi: whether ``user_data`` starts with a header (SMPP: ``esm_class & 0x40``).
        errors: how undefined septets decode (``"strict"`` raises, ``"replace"``
            gives U+FFFD), as for :func:`smsparts.codec.decode_gsm7`.
        packed: ``False`` for GSM-7 with one septet per octet, as SMPP routes send it;
            ``udl`` then counts octets, up to 255.

    Raises:
        TypeError: an argument of the wrong type.
        InvalidOption: ``errors`` names no codec error handler.
        PduDecodeError: the DCS, the length, the header or a septet is bad; offsets
            count from ``user_data[0]`` and lie in ``0..len(user_data)``.  TP-UDL is not
            in the input, so a TP-UDL that disagrees with the header or the octets
            given is reported at offset 0, where the user data it describes starts.

    >>> decode_user_data(bytes.fromhex("D4F29C0E"), udl=4).text
    'Test'
    """
    user_data = as_octets("user_data", user_data)
    check_int("udl", udl)
    check_bool("udhi", udhi)
    check_bool("packed", packed)
    check_errors(errors)
    alphabet = dcs_alphabet(dcs)
    unpacked = not packed and alphabet is Alphabet.GSM7
    if unpacked:
        if not 0 <= udl <= 255:
            raise PduDecodeError(
                f"length {udl} is not an octet count 0..255", field="tp_udl", offset=0
            )
        needed = udl
    else:
        check_udl(alphabet, udl, 0)
        needed = ud_octets(alphabet, udl)
    if len(user_data) != needed:
        raise PduDecodeError(
            f"TP-UDL {udl} needs {needed} octets of user data, {len(user_data)} given",
            field="tp_ud",
            offset=min(needed, len(user_data)),
        )
    return decode_at(
        user_data,
        0,
        udl=udl,
        udl_offset=0,
        alphabet=alphabet,
        udhi=udhi,
        errors=errors,
        packed=not unpacked,
    )
