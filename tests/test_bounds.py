"""Per-variable counts of Template.bounds without a rendering each (smsparts._bounds)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from smsparts import Template, _bounds, analyze
from smsparts.template import _CLOSING, _OPENING, _is_space

from . import scaling

FLAG = "\U0001f1eb\U0001f1f7"  # FR: two regional indicators, one cluster
RI_F = "\U0001f1eb"


def _counts(template: Template, *, grapheme: bool = True, bits: int = 8) -> _bounds.OwnCounts:
    return _bounds.OwnCounts(
        template._literals,
        [v.key for v in template._vars],
        _is_space,
        _CLOSING,
        _OPENING,
        grapheme=grapheme,
        reference_bits=bits,
    )


def _expected(template: Template, key: str, value: str, boundary: str = "grapheme") -> int:
    text = template._assemble([value if v.key == key else "" for v in template._vars])
    return analyze(text, boundary=boundary).segments  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "source",
    [
        # A value between regional indicators changes how the run pairs up after it.
        pytest.param(RI_F + "@a" + FLAG * 60, id="flag-parity"),
        pytest.param("x" * 50 + " @a " + RI_F + FLAG * 40 + " fin", id="flag-after-space"),
        # Combining marks after the value join it, not the text before.
        pytest.param("x" * 40 + "(@a)\u0301\u0301" + "e\u0301" * 80, id="marks"),
        pytest.param("😀\u200d@a😀" + "😀\u200d😀" * 30, id="zwj"),
        pytest.param("\r@a\n" + "\r\n" * 100, id="cr-lf"),
        # Chains of lone spaces between empty values: one step per chain.
        pytest.param("Bonjour @a @b @c @d @a, " + "y" * 150, id="chain"),
    ],
)
def test_own_count_near_clusters_equals_analyze(source: str) -> None:
    """Each value length gives the count analyze() gives, near every cut."""
    template = Template(source, missing="empty")
    counts = _counts(template)
    for key in {v.key for v in template._vars}:
        for char in ("a", "€", "\U0001d400"):
            for length in range(0, 150, 3):
                value = char * length
                assert counts.segments(key, value) == _expected(template, key, value), (
                    key,
                    value,
                )


def test_chain_of_spaces_keeps_one_space_at_each_end() -> None:
    """Filling one variable of "@a @b @c" renders as the template does."""
    template = Template("x @a @b @c @d y", missing="empty")
    counts = _counts(template)
    for key in "abcd":
        patches = counts.layout.patches(counts.occurrences[key], "V")
        text = counts.layout.text
        out, at = [], 0
        for start, end, piece in patches:
            out += [text[at:start], piece]
            at = end
        out.append(text[at:])
        contact = {"phone": "1", **dict.fromkeys("abcd", ""), key: "V"}
        assert "".join(out) == template.render(contact)


def test_lone_surrogate_value_is_left_to_analyze() -> None:
    """A value with a lone surrogate is not counted here (analyze() raises on it)."""
    assert _counts(Template("a @b c")).segments("b", "\ud800") is None


def _commas(variables: int) -> Template:
    return Template("Bonjour " + ", ".join(f"@v{i}" for i in range(variables)) + " !")


def _chain(variables: int) -> Template:
    return Template(" ".join(f"@v{i}" for i in range(variables)) + " fin.")


@pytest.mark.parametrize("shape", ["comma", "chain"])
def test_bounds_scale_linearly_in_variables(shape: str) -> None:
    """10x the variables takes far less than 100x the time (it was quadratic)."""
    make = _commas if shape == "comma" else _chain
    assert scaling.ratio(make, lambda t: t.bounds(default_max_length=10), 100) < scaling.MAX_RATIO


def _flags(variables: int) -> Template:
    return Template("".join(f"{RI_F}@v{i}" for i in range(variables)) + RI_F)


def _joined(variables: int) -> Template:
    return Template("😀" + "".join(f"\u200d@v{i}" for i in range(variables)) + "\u200d😀")


# Sizes where the text spans many segments (fewer fit in one and cost nothing).
@pytest.mark.parametrize(("make", "size"), [(_flags, 30), (_joined, 100)], ids=["flags", "zwj"])
def test_bounds_inside_one_cluster_run_scale_linearly(
    make: Callable[[int], Template], size: int
) -> None:
    """Variables between flags or joiners (one run, one cluster when empty) stay linear."""
    run = lambda t: t.bounds(default_max_length=10)  # noqa: E731
    assert scaling.ratio(make, run, size) < scaling.MAX_RATIO


@pytest.mark.parametrize("key", ["v0", "v9"])
def test_joined_variables_count_exactly(key: str) -> None:
    """Inside one cluster of joiners, each value's count is analyze()'s."""
    template = _joined(10)
    counts = _counts(template)
    for value in ("a" * 5, "\U0001d400" * 40, "😀", "😀\u200d" * 20, "a" * 90, "\u0301" * 70):
        assert counts.segments(key, value) == _expected(template, key, value)


@pytest.mark.parametrize("key", ["v0", "v7", "v19"])
def test_flags_between_variables_count_exactly(key: str) -> None:
    """Inside one run of indicators, each value's count is analyze()'s."""
    template = _flags(20)
    counts = _counts(template)
    for value in ("a" * 5, "\U0001d400" * 40, RI_F, RI_F * 3, "a" * 90):
        assert counts.segments(key, value) == _expected(template, key, value)
