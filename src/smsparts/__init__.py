"""smsparts: exact SMS alphabet detection, counting, segmentation and wire format.

>>> from smsparts import analyze
>>> a = analyze("Bonjour à tous !")
>>> a.encoding, a.units, a.segments
(<Encoding.GSM7: 'gsm7'>, 16, 1)
"""

from .charset import Encoding, NationalLanguage
from .errors import (
    InvalidCharacter,
    InvalidOption,
    MessageTooLong,
    MissingValue,
    PduDecodeError,
    SmsError,
    TemplateSyntaxError,
    UnencodableCharacter,
    UnknownVariable,
)
from .route import Route
from .segment import Analysis, Segment, analyze, split
from .template import Template
from .transliteration import (
    CharacterSavings,
    Replacement,
    Transliteration,
    savings_report,
    transliterate,
)

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "CharacterSavings",
    "Encoding",
    "InvalidCharacter",
    "InvalidOption",
    "MessageTooLong",
    "MissingValue",
    "NationalLanguage",
    "PduDecodeError",
    "Replacement",
    "Route",
    "Segment",
    "SmsError",
    "Template",
    "TemplateSyntaxError",
    "Transliteration",
    "UnencodableCharacter",
    "UnknownVariable",
    "__version__",
    "analyze",
    "savings_report",
    "split",
    "transliterate",
]
