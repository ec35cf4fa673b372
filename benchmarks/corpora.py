"""Seeded corpora for the benchmarks, built in code so every run times the same texts."""

from __future__ import annotations

import random
from collections.abc import Callable

SEED = 20261127
SIZE = 1000  # texts per corpus

_WORDS = (
    "your code is valid for minutes please reply STOP to opt out order shipped "
    "tomorrow delivery between and call us at thank you meeting confirmed see you "
    "at the office balance account payment received reminder appointment"
).split()
_FRENCH = (
    "Bonjour votre rendez-vous est confirmé à demain pour la livraison prévue "
    "entre et merci de votre confiance à bientôt répondez STOP pour ne plus "
    "recevoir de messages garçon français élève hôtel fête où déjà très "
    "leçon reçu tâche forêt Noël cœur naïf"
).split()
_TURKISH = (
    "Merhaba siparişiniz yarın teslim edilecek ödeme alındı teşekkürler "
    "randevunuz onaylandı iptal için yanıtlayın şifreniz doğrulama kodu "
    "Işık Ğ İstanbul görüşmek üzere"
).split()
_PORTUGUESE = (
    "Olá sua encomenda será entregue amanhã pagamento recebido obrigado "
    "confirmação código válido por minutos não responda esta mensagem "
    "atenção promoção você está convidado São João"
).split()
_HINDI = (
    "नमस्ते आपका ऑर्डर कल पहुंचेगा भुगतान प्राप्त हुआ धन्यवाद आपका कोड "
    "मिनट के लिए मान्य है कृपया उत्तर न दें बैठक की पुष्टि"
).split()
_EMOJI = ["😀", "🎉", "👍🏽", "❤️", "🇫🇷", "👨\u200d👩\u200d👧", "1️⃣", "🔥", "✅", "🙏"]
_EXTENSION = ["€", "[", "]", "{", "}", "^", "~", "|", "\\"]


def _sentence(rng: random.Random, words: list[str], target: int) -> str:
    out: list[str] = []
    length = 0
    while length < target:
        word = rng.choice(words)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)[:target]


def short_gsm(rng: random.Random) -> str:
    """A one-segment GSM-7 notification (40 to 150 characters)."""
    return _sentence(rng, _WORDS, rng.randint(40, 150)) + " 4821."


def long_gsm_extension(rng: random.Random) -> str:
    """A 300 to 700 character GSM-7 text with extension characters sprinkled in."""
    words = [*_WORDS, *(rng.choice(_EXTENSION) for _ in range(8))]
    return _sentence(rng, words, rng.randint(300, 700))


def french(rng: random.Random) -> str:
    """A French text of 60 to 400 characters; most need UCS-2 for a ç, ô or ê."""
    return _sentence(rng, _FRENCH, rng.randint(60, 400))


def emoji_ucs2(rng: random.Random) -> str:
    """A 50 to 300 character text with an emoji every few words."""
    words = [*_WORDS, *_EMOJI]
    return _sentence(rng, words, rng.randint(50, 300))


def mixed_3000(rng: random.Random) -> str:
    """A 3,000 character text mixing GSM words, French, extension characters and emoji."""
    words = [*_WORDS, *_FRENCH, *_EMOJI, *_EXTENSION]
    return _sentence(rng, words, 3000)


def turkish(rng: random.Random) -> str:
    """A Turkish text of 60 to 400 characters."""
    return _sentence(rng, _TURKISH, rng.randint(60, 400))


def portuguese(rng: random.Random) -> str:
    """A Portuguese text of 60 to 400 characters."""
    return _sentence(rng, _PORTUGUESE, rng.randint(60, 400))


def hindi(rng: random.Random) -> str:
    """A Hindi text of 40 to 300 characters."""
    return _sentence(rng, _HINDI, rng.randint(40, 300))


CORPORA: dict[str, Callable[[random.Random], str]] = {
    "short_gsm": short_gsm,
    "long_gsm_extension": long_gsm_extension,
    "french": french,
    "emoji_ucs2": emoji_ucs2,
    "mixed_3000": mixed_3000,
    "turkish": turkish,
    "portuguese": portuguese,
    "hindi": hindi,
}


def corpus(name: str, size: int = SIZE) -> list[str]:
    """``size`` texts of the named corpus, the same on every run."""
    rng = random.Random(f"{SEED}:{name}")
    make = CORPORA[name]
    count = size if name != "mixed_3000" else max(1, size // 20)
    return [make(rng) for _ in range(count)]


# Grapheme-heavy shapes (issue 9): texts that are mostly clusters, built from the seed.
# Each is one text of ``n`` characters; the long clusters are what made the old walk
# quadratic (100,000 regional indicators took 26 s).
_MARKS = ["\u0301", "\u0300", "\u0308", "\u0327", "\u0323", "\u0302"]
_PEOPLE = ["\U0001f468", "\U0001f469", "\U0001f467", "\U0001f466"]


def regional_indicators(rng: random.Random, n: int) -> str:
    """``n`` regional indicators: flags paired by GB12/13 (2 code units each)."""
    return "".join(chr(0x1F1E6 + rng.randrange(26)) for _ in range(n))


def combining_marks(rng: random.Random, n: int) -> str:
    """Letters carrying runs of 1 to 300 combining marks (some runs exceed a segment)."""
    out: list[str] = []
    size = 0
    while size < n:
        run = "e" + "".join(rng.choice(_MARKS) for _ in range(rng.choice([1, 2, 3, 300])))
        out.append(run)
        size += len(run)
    return "".join(out)[:n]


def zwj_emoji(rng: random.Random, n: int) -> str:
    """ZWJ sequences of 2 to 40 people (some longer than a segment)."""
    out: list[str] = []
    size = 0
    while size < n:
        seq = "\u200d".join(rng.choice(_PEOPLE) for _ in range(rng.choice([2, 3, 4, 40])))
        out.append(seq)
        size += len(seq)
    return "".join(out)[:n]


def hangul_jamo(rng: random.Random, n: int) -> str:
    """Conjoining jamo syllables L+ V+ T*, some of them hundreds of jamo long."""
    out: list[str] = []
    size = 0
    while size < n:
        k = rng.choice([1, 1, 2, 200])
        syllable = (
            "".join(chr(0x1100 + rng.randrange(19)) for _ in range(k))
            + chr(0x1161 + rng.randrange(21)) * k
            + chr(0x11A8 + rng.randrange(27)) * rng.randrange(k + 1)
        )
        out.append(syllable)
        size += len(syllable)
    return "".join(out)[:n]


def indic_conjuncts(rng: random.Random, n: int) -> str:
    """Devanagari conjuncts (consonant + virama + consonant ...), some very long (GB9c)."""
    consonants = [chr(c) for c in range(0x0915, 0x0939)]
    out: list[str] = []
    size = 0
    while size < n:
        k = rng.choice([1, 2, 3, 150])
        conjunct = "\u094d".join(rng.choice(consonants) for _ in range(k + 1))
        out.append(conjunct + rng.choice(["", "\u093e", "\u093f"]))
        size += len(conjunct)
    return "".join(out)[:n]


SHAPES: dict[str, Callable[[random.Random, int], str]] = {
    "regional_indicators": regional_indicators,
    "combining_marks": combining_marks,
    "zwj_emoji": zwj_emoji,
    "hangul_jamo": hangul_jamo,
    "indic_conjuncts": indic_conjuncts,
}


def shape(name: str, n: int) -> str:
    """One text of ``n`` characters of the named grapheme-heavy shape, the same every run."""
    return SHAPES[name](random.Random(f"{SEED}:{name}:{n}"), n)


def utf16_floor(texts: list[str]) -> int:
    """The reference floor of the core benchmarks: UTF-16 octets of every text."""
    return sum(len(t.encode("utf-16-le")) for t in texts)


def utf16_octets_expected(texts: list[str]) -> int:
    """What :func:`utf16_floor` must return, counted character by character."""
    return sum(2 * len(t) + 2 * sum(c > "\uffff" for c in t) for t in texts)
