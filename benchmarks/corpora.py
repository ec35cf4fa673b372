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


def utf16_floor(texts: list[str]) -> int:
    """The reference floor of the core benchmarks: UTF-16 octets of every text."""
    return sum(len(t.encode("utf-16-le")) for t in texts)


def utf16_octets_expected(texts: list[str]) -> int:
    """What :func:`utf16_floor` must return, counted character by character."""
    return sum(2 * len(t) + 2 * sum(c > "\uffff" for c in t) for t in texts)
