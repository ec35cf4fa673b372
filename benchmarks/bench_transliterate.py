"""Benchmarks of smart encoding against the floor len(t.encode("utf-16-le")).

The corpus is French as word processors and phones write it: curly apostrophes and
quotes, guillemets with no-break spaces, en dashes, ellipses, and the letters the
default alphabet lacks (ç, ê, ô, œ, ...).  Read the results as ratios within one run.
Target (issue 6): transliterate_text() within 10x of the floor.
"""

from __future__ import annotations

import random

from pytest_benchmark.fixture import BenchmarkFixture

from smsparts import analyze
from smsparts.charset import DEFAULT
from smsparts.transliteration import Level, savings_report, transliterate, transliterate_text

from .corpora import corpus

SEED = 20261127
SIZE = 1000
GROUP = "transliterate-french"

_WORDS = (
    "Bonjour votre rendez-vous est confirmé à demain pour la livraison prévue entre "
    "et merci de votre confiance à bientôt répondez STOP pour ne plus recevoir de "
    "messages garçon français élève hôtel fête où déjà très leçon reçu tâche forêt "
    "Noël cœur naïf c’est l’équipe qu’il aujourd’hui n’oubliez pas « offre » – … "
    "Où êtes-vous ? Ça"
).split()


def french_typography_corpus(size: int = SIZE) -> list[str]:
    """``size`` French texts of 60 to 400 characters, the same on every run."""
    rng = random.Random(f"{SEED}:transliterate-french")
    texts = []
    for _ in range(size):
        target = rng.randint(60, 400)
        words: list[str] = []
        length = 0
        while length < target:
            word = rng.choice(_WORDS)
            words.append(word)
            length += len(word) + 1
        text = " ".join(words)[:target]
        # French typography: a no-break space before ! ? : and inside guillemets.
        texts.append(text.replace(" ?", "\u00a0?").replace("« ", "«\u00a0"))
    return texts


TEXTS = french_typography_corpus()


def _floor(texts: list[str]) -> int:
    return sum(len(t.encode("utf-16-le")) for t in texts)


def _text_only(texts: list[str], level: Level) -> list[str]:
    return [transliterate_text(t, level=level) for t in texts]


def _full(texts: list[str], level: Level) -> int:
    return sum(transliterate(t, level=level).after.segments for t in texts)


def test_floor(benchmark: BenchmarkFixture) -> None:
    """The floor: UTF-16 encode and length of every text."""
    benchmark.group = GROUP
    assert benchmark(_floor, TEXTS) == sum(2 * len(t) for t in TEXTS)


def test_transliterate_text_ascii(benchmark: BenchmarkFixture) -> None:
    """transliterate_text(level="ascii"): the transform alone; every text reaches GSM-7."""
    benchmark.group = GROUP
    result = benchmark(_text_only, TEXTS, Level.ASCII)
    assert all(DEFAULT.septets(t) is not None for t in result)


def test_transliterate_text_typography(benchmark: BenchmarkFixture) -> None:
    """transliterate_text(level="typography"): quotes, dashes, spaces, ellipsis."""
    benchmark.group = GROUP
    assert all(any(ch in t for t in TEXTS) for ch in "’«…\u00a0–")
    result = benchmark(_text_only, TEXTS, Level.TYPOGRAPHY)
    assert not any(ch in t for t in result for ch in "’«…\u00a0–")


def test_transliterate_full(benchmark: BenchmarkFixture) -> None:
    """transliterate(level="ascii"): both analyses, replacements, unmappable characters."""
    benchmark.group = GROUP
    before = sum(analyze(t).segments for t in TEXTS)
    assert benchmark(_full, TEXTS, Level.ASCII) < before


CORE_FRENCH = corpus("french")
CORE_GROUP = "transliterate-french-core"


def test_floor_core_french(benchmark: BenchmarkFixture) -> None:
    """The floor over the core French corpus (benchmarks/corpora.py: accents, no typography)."""
    benchmark.group = CORE_GROUP
    assert benchmark(_floor, CORE_FRENCH) == sum(2 * len(t) for t in CORE_FRENCH)


def test_transliterate_text_ascii_core_french(benchmark: BenchmarkFixture) -> None:
    """transliterate_text(level="ascii") over the core French corpus: all GSM-7 after."""
    benchmark.group = CORE_GROUP
    result = benchmark(_text_only, CORE_FRENCH, Level.ASCII)
    assert all(DEFAULT.septets(t) is not None for t in result)


# Hostile shapes (issue 9): a text is untrusted input.  Each group times the floor over
# the same text; the work must stay a constant multiple of it as the text grows (the
# scaling tests in tests/test_transliterate.py compare 10x sizes).
HOSTILE_SIZE = 1_000_000
HOSTILE_GROUP = "transliterate-hostile-1mb"
# Replaced characters (’, é, °) next to ones no level maps (∞, 中, 😀): every unmappable
# index is mapped back through the edits.
HOSTILE = ("l’été à 20° ∞ 中 😀 " * (HOSTILE_SIZE // 18 + 1))[:HOSTILE_SIZE]
DISTINCT_CJK = "".join(chr(0x4E00 + i % 20_000) for i in range(100_000))


def test_floor_hostile(benchmark: BenchmarkFixture) -> None:
    """The floor over 1,000,000 characters: UTF-16 encode and length."""
    benchmark.group = HOSTILE_GROUP
    assert benchmark(_floor, [HOSTILE]) == len(HOSTILE.encode("utf-16-le"))


def test_transliterate_ascii_hostile(benchmark: BenchmarkFixture) -> None:
    """transliterate(level="ascii", force=True) and its report over 1,000,000 characters."""
    benchmark.group = HOSTILE_GROUP
    result = benchmark.pedantic(  # type: ignore[no-untyped-call]
        transliterate, (HOSTILE,), {"level": "ascii", "force": True}, rounds=3
    )
    expected = [(i, ch) for i, ch in enumerate(HOSTILE) if ch in "∞中😀"]
    assert list(result.unmappable) == expected


def test_floor_distinct_cjk(benchmark: BenchmarkFixture) -> None:
    """The floor over 100,000 CJK characters, 20,000 of them distinct."""
    benchmark.group = "transliterate-savings-cjk"
    assert benchmark(_floor, [DISTINCT_CJK]) == 2 * len(DISTINCT_CJK)


def test_savings_report_distinct_cjk(benchmark: BenchmarkFixture) -> None:
    """savings_report over 100,000 CJK characters: one entry per distinct character."""
    benchmark.group = "transliterate-savings-cjk"
    report = benchmark.pedantic(savings_report, (DISTINCT_CJK,), rounds=3)  # type: ignore[no-untyped-call]
    assert len(report) == 20_000
    assert all(entry.occurrences == 5 for entry in report)
