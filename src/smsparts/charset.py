"""GSM 7-bit character sets: the default alphabet and the national language tables.

A :class:`Charset` is one pair of tables that a receiver applies to a segment
(3GPP TS 23.038 6.2.1.2): a *locking shift* table that replaces the default alphabet
(one septet per character) and a *single shift* table reached with ESC (two septets per
character).  ``Charset(0, 0)`` is the default alphabet with its extension table
(23.038 6.2.1 and 6.2.1.1).  The tables are generated from the spec transcriptions in
``tools/data`` into :mod:`smsparts._tables`.

Encoding rules (see docs/conformance.md):

* a character in the locking table is encoded there, even if the single shift table
  holds it too (one septet is cheaper than two);
* where a table holds a character twice, the lowest septet is used, except septets
  marked ``decode-only`` (Kannada locking 0x24, whose meaning differs between the spec
  and Android), which are never emitted;
* septet 0x1B is ESC and never a character; single shift 0x0D (CR2) and 0x1B (SS2)
  are never characters.
"""

from __future__ import annotations

import codecs
import re
from enum import IntEnum, StrEnum
from functools import cache
from typing import Final

from . import _tables
from ._options import check_bool, check_int
from .errors import InvalidOption

__all__ = [
    "DEFAULT",
    "ESC",
    "Charset",
    "Encoding",
    "NationalLanguage",
    "charset",
    "fill_bits",
    "gsm7_septets_per_segment",
    "header_septets",
    "ucs2_code_units_per_segment",
    "udh_octets",
]

ESC: Final = 0x1B  # 23.038 6.2.1.1: escape to the extension / single shift table
UNDEFINED: Final = "\ufffe"  # marks an undefined septet in the _tables strings

#: Octets of user data in one TPDU (23.040 9.2.3.24: 140 octets, 1120 bits).
MAX_USER_DATA_OCTETS: Final = 140
#: Septets of user data in one TPDU: TP-UDL at most 160 (23.040 9.2.3.16, 1120 // 7).
MAX_GSM7_SEPTETS: Final = 8 * MAX_USER_DATA_OCTETS // 7
#: Size in octets of the information elements that change a segment's capacity.
CONCAT_8BIT_IE_OCTETS: Final = 5  # 23.040 9.2.3.24.1: IEI, IEDL, ref, total, seq
CONCAT_16BIT_IE_OCTETS: Final = 6  # 23.040 9.2.3.24.8: IEI, IEDL, ref(2), total, seq
SHIFT_IE_OCTETS: Final = 3  # 23.040 9.2.3.24.15 / .16: IEI, IEDL, language id


class Encoding(StrEnum):
    """The alphabet a message is sent in (23.038 clause 4, data coding scheme)."""

    GSM7 = "gsm7"
    """GSM 7-bit default alphabet (with extension or national tables): DCS 0x00."""
    UCS2 = "ucs2"
    """UCS-2, sent as UTF-16BE as handsets do (surrogate pairs allowed): DCS 0x08."""


class NationalLanguage(IntEnum):
    """National Language Identifiers of 23.038 6.2.1.2.4, as carried in IEs 0x24/0x25."""

    TURKISH = 1
    SPANISH = 2
    PORTUGUESE = 3
    BENGALI = 4
    GUJARATI = 5
    HINDI = 6
    KANNADA = 7
    MALAYALAM = 8
    ORIYA = 9
    PUNJABI = 10
    TAMIL = 11
    TELUGU = 12
    URDU = 13


def _check_reference_bits(reference_bits: object) -> int:
    bits = check_int("reference_bits", reference_bits)
    if bits != 8 and bits != 16:
        raise InvalidOption("reference_bits", reference_bits, "8 or 16")
    return bits


def udh_octets(*, shift_ies: int = 0, concatenated: bool = False, reference_bits: int = 8) -> int:
    """Octets of the user data header, UDHL included; 0 when there is no header.

    Clause: 23.040 9.2.3.24 (UDHL + information elements).

    Args:
        shift_ies: national language shift IEs (0, 1 or 2: 23.040 9.2.3.24.15, .16).
        concatenated: whether the header carries a concatenation IE.
        reference_bits: 8 or 16, the size of the concatenation reference.

    Raises:
        TypeError: an option of the wrong type (a ``bool`` is no count).
        InvalidOption: ``shift_ies`` outside 0..2 or ``reference_bits`` not 8 or 16.

    >>> udh_octets(concatenated=True)
    6
    >>> udh_octets(shift_ies=2, concatenated=True, reference_bits=16)
    13
    """
    shift_ies = check_int("shift_ies", shift_ies, 0, 2)
    concatenated = check_bool("concatenated", concatenated)
    reference_bits = _check_reference_bits(reference_bits)
    if not shift_ies and not concatenated:
        return 0
    concat = 0
    if concatenated:
        concat = CONCAT_16BIT_IE_OCTETS if reference_bits == 16 else CONCAT_8BIT_IE_OCTETS
    return 1 + SHIFT_IE_OCTETS * shift_ies + concat


def header_septets(udh_octets: int) -> int:
    """Septets a user data header of ``udh_octets`` octets takes in GSM-7 user data.

    Clause: 23.040 9.2.3.24: with the default alphabet, TP-UDL counts septets and "the
    UDH ... is followed by fill bits so that the SM starts on a septet boundary", so a
    header (UDHL included) of ``n`` octets takes ``ceil(8 * n / 7)`` septets of TP-UDL.

    Args:
        udh_octets: octets of the header, UDHL included (0 to 140; 0: no header).

    Raises:
        TypeError: ``udh_octets`` is not an ``int``.
        InvalidOption: ``udh_octets`` outside 0..140.

    >>> header_septets(6), header_septets(7), header_septets(0)
    (7, 8, 0)
    """
    octets = check_int("udh_octets", udh_octets, 0, MAX_USER_DATA_OCTETS)
    return (8 * octets + 6) // 7


def fill_bits(udh_octets: int) -> int:
    """Fill bits between a header of ``udh_octets`` octets and the first septet (0 to 6).

    Clause: 23.040 9.2.3.24 (fill bits up to the next septet boundary):
    ``7 * header_septets(udh_octets) - 8 * udh_octets``.  Errors as for
    :func:`header_septets`.

    >>> fill_bits(6), fill_bits(7), fill_bits(0)
    (1, 0, 0)
    """
    return 7 * header_septets(udh_octets) - 8 * udh_octets


def gsm7_septets_per_segment(
    *, shift_ies: int = 0, concatenated: bool = False, reference_bits: int = 8
) -> int:
    """Septets of text one GSM-7 segment holds after its header and fill bits.

    Clause: 23.040 9.2.3.24 (the header is counted in TP-UDL septets, padded with fill
    bits to a septet boundary): ``160 - header_septets(udh_octets)``, which is
    ``floor((1120 - 8 * udh_octets) / 7)``.  Options and errors as for
    :func:`udh_octets`.

    >>> gsm7_septets_per_segment(), gsm7_septets_per_segment(concatenated=True)
    (160, 153)
    >>> gsm7_septets_per_segment(shift_ies=1), gsm7_septets_per_segment(shift_ies=2)
    (155, 152)
    """
    octets = udh_octets(
        shift_ies=shift_ies, concatenated=concatenated, reference_bits=reference_bits
    )
    return MAX_GSM7_SEPTETS - header_septets(octets)


def ucs2_code_units_per_segment(*, concatenated: bool = False, reference_bits: int = 8) -> int:
    """UTF-16 code units of text one UCS-2 segment holds after its header.

    Clause: 23.040 9.2.3.24 (TP-UDL in octets; an odd octet left over is unused).
    Options and errors as for :func:`udh_octets`.

    >>> ucs2_code_units_per_segment(), ucs2_code_units_per_segment(concatenated=True)
    (70, 67)
    >>> ucs2_code_units_per_segment(concatenated=True, reference_bits=16)
    66
    """
    octets = udh_octets(concatenated=concatenated, reference_bits=reference_bits)
    return (MAX_USER_DATA_OCTETS - octets) // 2


class _MissingTable(InvalidOption):
    """A language id with no table of that kind (Spanish has no locking shift table)."""

    def __str__(self) -> str:
        kind = "locking" if self.option == "locking" else "single"
        return f"no {kind} shift table for language {self.value}"


_COST_OF_OCTET: Final = bytes(1 if octet > 0x7F else 0 for octet in range(256))


def _char_class(chars: set[str]) -> str:
    return "".join(re.escape(ch) for ch in sorted(chars))


class Charset:
    """A (locking shift, single shift) table pair: what a GSM-7 segment can carry.

    Build one with :func:`charset`, which caches them.  Attributes are read-only by
    convention and describe the encoder's view of the tables:

    Attributes:
        locking: language id of the locking shift table (0: default alphabet).
        single: language id of the single shift table (0: default extension table).
        decoding_locking: 128-character decoding string of the locking table (U+FFFE
            where undefined and at 0x1B).
        decoding_single: the same for the single shift table.
        basic: characters encoded as one septet (locking table).
        shifted: characters encoded as ESC + septet (single shift table, not basic).
        single_chars: every character the single shift table can encode.
        encoding_map: character to septet for ``basic``, character to
            ``0x1B00 | septet`` for ``shifted``.
    """

    __slots__ = (
        "_cost_map",
        "_first_non_basic",
        "_first_non_gsm",
        "_latin_costs",
        "basic",
        "decoding_locking",
        "decoding_single",
        "encoding_map",
        "locking",
        "shifted",
        "single",
        "single_chars",
    )

    def __init__(self, locking: int = 0, single: int = 0) -> None:
        locking = check_int("locking", locking)
        single = check_int("single", single)
        lock_table = _tables.LOCKING.get(locking)
        single_table = _tables.SINGLE.get(single)
        if lock_table is None:
            raise _MissingTable("locking", locking, "a language id with a locking shift table")
        if single_table is None:
            raise _MissingTable("single", single, "a language id with a single shift table")
        self.locking = locking
        self.single = single
        self.decoding_locking = lock_table
        self.decoding_single = single_table
        encoding_map: dict[str, int] = {}
        for septet, ch in enumerate(single_table):
            if ch != UNDEFINED and (single, "single", septet) not in _tables.DECODE_ONLY:
                encoding_map.setdefault(ch, (ESC << 8) | septet)
        self.single_chars: frozenset[str] = frozenset(encoding_map)
        basic: dict[str, int] = {}
        for septet, ch in enumerate(lock_table):
            if ch != UNDEFINED and (locking, "locking", septet) not in _tables.DECODE_ONLY:
                basic.setdefault(ch, septet)
        encoding_map.update(basic)  # one septet beats ESC + septet
        self.encoding_map: dict[str, int] = encoding_map
        self.basic: frozenset[str] = frozenset(basic)
        self.shifted: frozenset[str] = frozenset(encoding_map) - self.basic
        self._first_non_basic = re.compile(f"[^{_char_class(set(self.basic))}]")
        self._first_non_gsm = re.compile(f"[^{_char_class(set(encoding_map))}]")
        # A one-octet-per-character map for CPython's C charmap encoder: basic
        # characters become octets 0x01-0x7F, shifted ones 0x80-0xFF, so one C pass
        # checks a whole text and marks its 2-septet characters.  The octets are not
        # septets: charmap_build only returns its fast EncodingMap (rather than a
        # dict, several times slower) when octet 0x00 decodes to U+0000, and the
        # default alphabet has '@' there.  U+0000 itself is no GSM character, so an
        # encoded 0x00 means "unencodable".
        octets = ["\x00"] + [UNDEFINED] * 255
        for index, ch in enumerate(sorted(basic)):
            octets[1 + index] = ch
        for index, ch in enumerate(sorted(self.shifted)):
            octets[0x80 + index] = ch
        self._cost_map = codecs.charmap_build("".join(octets))
        # A faster route for the default tables, whose characters are Latin-1 but for
        # the Greek capitals (one septet) and the euro sign (two): CPython encodes a
        # Latin-1 text in one copy and ``bytes.translate`` gives the costs, 3 marking a
        # character outside.  The euro sign is written as U+0080 (no GSM character)
        # for the copy, with its own table.
        self._latin_costs: tuple[bytes, bytes] | None = None
        if locking == 0 and single == 0:
            latin = bytearray(b"\x03") * 256
            for ch in basic:
                if ord(ch) < 256:
                    latin[ord(ch)] = 0
            for ch in self.shifted:
                if ord(ch) < 256:
                    latin[ord(ch)] = 1
            latin[0x00] = 3  # U+0000 is no GSM character
            with_euro = bytearray(latin)
            with_euro[0x80] = 1  # U+0080 stands for the euro sign, see costs()
            self._latin_costs = (bytes(latin), bytes(with_euro))

    def __repr__(self) -> str:
        return f"Charset(locking={self.locking}, single={self.single})"

    @property
    def non_basic_pattern(self) -> re.Pattern[str]:
        """A compiled pattern matching one character that is not one septet here."""
        return self._first_non_basic

    @property
    def non_gsm_pattern(self) -> re.Pattern[str]:
        """A compiled pattern matching one character this charset cannot encode."""
        return self._first_non_gsm

    @property
    def shift_ies(self) -> int:
        """How many national language IEs a segment in this charset carries (0 to 2)."""
        return (self.locking != 0) + (self.single != 0)

    def septets(self, text: str) -> int | None:
        """Septets ``text`` takes in this charset, or ``None`` if it cannot be encoded.

        >>> charset().septets("a€"), charset().septets("ç")
        (3, None)
        """
        if self._first_non_basic.search(text) is None:
            return len(text)
        costs = self.costs(text)
        return None if costs is None else len(text) + costs.count(1)

    def costs(self, text: str, start: int = 0) -> bytes | None:
        """One octet per character of ``text[start:]``: 0 for one septet, 1 for two.

        ``None`` when a character cannot be encoded.  Runs in C: a Latin-1 copy and a
        ``bytes.translate`` for the default tables, else a charmap encode.

        >>> charset().costs("a€b")
        b'\\x00\\x01\\x00'
        """
        if start:
            text = text[start:]
        tables = self._latin_costs
        if tables is not None:
            fast: str | None = text
            table = tables[0]
            if "€" in text:
                if "\x80" in text:
                    fast = None  # U+0080 cannot stand for the euro sign: the charmap
                else:
                    fast, table = text.replace("€", "\x80"), tables[1]
            if fast is not None:
                try:
                    costs = fast.encode("latin-1").translate(table)
                except UnicodeEncodeError as exc:
                    if fast[exc.start] not in self.encoding_map:
                        return None  # not a Greek capital: no GSM character
                else:
                    return None if 3 in costs else costs
        try:
            octets = codecs.charmap_encode(text, "strict", self._cost_map)[0]
        except UnicodeEncodeError:
            return None
        if b"\x00" in octets:
            return None  # U+0000 in the text (see __init__)
        return octets.translate(_COST_OF_OCTET)

    def unencodable(self, text: str) -> list[tuple[int, str]]:
        """Every ``(index, char)`` of ``text`` that this charset cannot encode."""
        return [(m.start(), m.group()) for m in self._first_non_gsm.finditer(text)]

    def first_non_basic(self, text: str, pos: int = 0) -> int:
        """Index of the first character not encodable in one septet, or -1."""
        m = self._first_non_basic.search(text, pos)
        return -1 if m is None else m.start()

    def first_unencodable(self, text: str, pos: int = 0) -> int:
        """Index of the first character this charset cannot encode at all, or -1."""
        m = self._first_non_gsm.search(text, pos)
        return -1 if m is None else m.start()


def charset(locking: int = 0, single: int = 0) -> Charset:
    """The (cached) :class:`Charset` for a locking and a single shift language id.

    Clause: 23.038 6.2.1.2.4 (national language identifiers).

    Args:
        locking: 0 for the default alphabet, or a :class:`NationalLanguage` with a
            locking shift table (every language but Spanish).
        single: 0 for the default extension table, or a :class:`NationalLanguage`.

    Raises:
        TypeError: an id that is not an ``int`` (a ``bool`` is none).
        InvalidOption: no such table (Spanish has no locking shift table).

    >>> charset(NationalLanguage.TURKISH, 0)
    Charset(locking=1, single=0)
    """
    if locking.__class__ is not int or single.__class__ is not int:
        locking = check_int("locking", locking)
        single = check_int("single", single)
    return _charset(locking, single)


@cache
def _charset(locking: int, single: int) -> Charset:
    return Charset(locking, single)


DEFAULT: Final = charset(0, 0)
