"""Properties of smsparts.template: identity, no re-expansion, counting, bounds."""

from __future__ import annotations

import itertools
from types import MappingProxyType
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from smsparts import NationalLanguage, SmsError, Template, analyze
from smsparts.charset import DEFAULT
from smsparts.template import ValueAlphabet

from . import anything

# Characters whose Grapheme_Cluster_Break is Other (or a lone control that breaks on
# both sides): they never join a neighbour into one cluster, the documented condition
# of exact bounds with grapheme boundaries.  CR and LF are left out (CR LF is one
# cluster).
GSM_BASIC = sorted(DEFAULT.basic - {"\r", "\n", "@"})
GSM_EXTENSION = sorted(DEFAULT.shifted)
NON_GSM = ["ç", "ê", "œ", "’", "Ł", "Ω", "中", "😀", "🔥", "\U0001d400", "𝒜"]
ALPHABET_CHARS = {
    ValueAlphabet.GSM7_BASIC: GSM_BASIC,
    ValueAlphabet.GSM7: GSM_BASIC + GSM_EXTENSION,
    ValueAlphabet.UCS2: GSM_BASIC + GSM_EXTENSION + NON_GSM,
}
# One representative per cost class: (GSM-7 septets, UTF-16 code units, in GSM-7?).
# Segment counts of standalone characters depend on nothing else, so enumerating
# values over these four is enumerating every value.
REPRESENTATIVES = {
    ValueAlphabet.GSM7_BASIC: ["a"],
    ValueAlphabet.GSM7: ["a", "€"],
    ValueAlphabet.UCS2: ["a", "€", "ç", "\U0001d400"],
}
NAMES = ["prenom", "nom", "nom_complet", "civilite", "ville", "codePostal"]
# Literal lengths near the capacities of 23.040 9.2.3.24 (70/67, 160/153 and sums).
NEAR_CAPACITY = [n + d for n in (67, 70, 134, 153, 160, 201, 306) for d in (-3, -2, -1, 0, 1)]

literal_chars = st.sampled_from(GSM_BASIC + GSM_EXTENSION + NON_GSM)
literals = st.text(alphabet=literal_chars, max_size=60)


@st.composite
def padded_literals(draw: st.DrawFn) -> str:
    """Literal text, often of a length that puts a variable at a segment boundary."""
    size = draw(st.one_of(st.sampled_from(NEAR_CAPACITY), st.integers(0, 320)))
    base = "x" * size
    extra = draw(st.lists(st.sampled_from(GSM_EXTENSION + NON_GSM), max_size=3))
    for ch in extra:
        at = draw(st.integers(0, len(base)))
        base = base[:at] + ch + base[at + 1 :]
    return base


def template_source(parts: list[str], names: list[str]) -> str:
    """``parts[0] @names[0] parts[1] ...``, a space on each side of every variable."""
    out = [parts[0]]
    for name, part in zip(names, parts[1:], strict=True):
        out.append(f" @{name} {part}")
    return "".join(out)


@given(st.text().filter(lambda s: "@" not in s))
def test_template_without_at_renders_to_itself(source: str) -> None:
    """A template without @ has no variables and renders to itself."""
    t = Template(source)
    assert t.variables == ()
    assert t.render({}) == source


@given(
    st.lists(literals, min_size=3, max_size=3),
    st.lists(st.text(min_size=1).filter(lambda s: not s.isspace()), min_size=2, max_size=2),
)
def test_rendering_never_reexpands_a_value(parts: list[str], values: list[str]) -> None:
    """Values are inserted verbatim, even when they hold @names, @@ or % signs."""
    parts = [p.replace("@", "") for p in parts]
    t = Template(template_source(parts, ["ville", "codePostal"]))
    contact = {"ville": values[0], "codePostal": values[1]}
    expected = f"{parts[0]} {values[0]} {parts[1]} {values[1]} {parts[2]}"
    assert t.render(contact) == expected
    assert t.render(MappingProxyType(contact)) == expected


field_values = st.one_of(
    st.none(),
    st.text(alphabet=literal_chars, max_size=12),
    st.sampled_from(["", " ", "M", "F", "m", " f", "X"]),
    st.integers(-5, 10**12),
    st.booleans(),
    st.lists(st.integers(), max_size=1),
)
contacts = st.dictionaries(
    st.sampled_from(
        [
            *("id", "phone", "name", "firstName", "lastName", "sex", "prenom", "first_name"),
            *("last_name", "civilite", "ville"),
        ]
    ),
    field_values,
)


@given(
    st.lists(literals.map(lambda s: s.replace("@", "")), min_size=4, max_size=4),
    st.lists(st.sampled_from(NAMES), min_size=3, max_size=3),
    contacts,
    st.sampled_from(["raise", "empty"]),
    st.dictionaries(st.sampled_from(NAMES), st.sampled_from(["", " ", "client", "M./Mme"])),
    st.booleans(),
)
def test_dict_fast_path_agrees_with_careful_path(
    parts: list[str],
    names: list[str],
    contact: dict[str, Any],
    missing: Any,
    defaults: dict[str, str],
    declare: bool,
) -> None:
    """A dict contact (compiled path) renders exactly as the same contact as a mapping."""
    t = Template(
        template_source(parts, names),
        missing=missing,
        unknown="keep",
        defaults=defaults,
        fields=["ville"] if declare else None,
    )
    outcomes = []
    for c in (contact, MappingProxyType(contact)):
        try:
            outcomes.append(t.render(c))
        except SmsError as exc:
            outcomes.append(f"{type(exc).__name__}: {exc}")
    assert outcomes[0] == outcomes[1]


@given(
    st.lists(padded_literals(), min_size=2, max_size=2),
    contacts,
    st.fixed_dictionaries(
        {},
        optional={
            "languages": st.sets(st.sampled_from(list(NationalLanguage)), max_size=2),
            "boundary": st.sampled_from(["grapheme", "codepoint"]),
            "reference_bits": st.sampled_from([8, 16]),
        },
    ),
)
def test_analyze_equals_analyze_of_render(
    parts: list[str], contact: dict[str, Any], options: dict[str, Any]
) -> None:
    """template.analyze(c, **o) == analyze(template.render(c), **o)."""
    t = Template(template_source(parts, ["nom_complet"]), missing="empty")
    assert t.analyze(contact, **options) == analyze(t.render(contact), **options)


@st.composite
def bounded_cases(draw: st.DrawFn) -> tuple[Template, dict[str, int], dict[str, ValueAlphabet]]:
    count = draw(st.integers(1, 3))
    names = draw(st.lists(st.sampled_from(["prenom", "nom", "ville"]), min_size=count))
    parts = [draw(st.one_of(padded_literals(), literals.map(lambda s: s.replace("@", ""))))]
    parts += [draw(literals.map(lambda s: s.replace("@", ""))) for _ in names]
    keys = list(dict.fromkeys(names))
    lengths = {k: draw(st.integers(0, 25)) for k in keys}
    alphabets = {k: draw(st.sampled_from(list(ValueAlphabet))) for k in keys}
    # A default stands in for an empty value, and with unknown="keep" the name as
    # written for an absent field, whatever the lengths and alphabets say.
    defaults = draw(st.dictionaries(st.sampled_from(keys), st.text(literal_chars, max_size=30)))
    unknown: Any = draw(st.sampled_from(["raise", "keep"]))
    template = Template(
        template_source(parts, names), missing="empty", defaults=defaults, unknown=unknown
    )
    return template, lengths, alphabets


@given(bounded_cases(), st.data())
def test_rendered_count_lies_within_bounds(
    case: tuple[Template, dict[str, int], dict[str, ValueAlphabet]], data: st.DataObject
) -> None:
    """Values within their max length and alphabet give a count within bounds."""
    template, lengths, alphabets = case
    b = template.bounds(lengths, alphabet=dict(alphabets))
    contact = {
        key: data.draw(
            st.text(alphabet=st.sampled_from(ALPHABET_CHARS[alphabets[key]]), max_size=size)
        )
        for key, size in lengths.items()
    }
    contact = {("firstName" if k == "prenom" else "lastName" if k == "nom" else k): v
               for k, v in contact.items()}  # fmt: skip
    if template._unknown == "keep" and data.draw(st.booleans()):
        contact.pop("ville", None)
    count = template.analyze(contact).segments
    assert b.min_segments <= count <= b.max_segments
    assert analyze(b.worst_case).segments == b.max_segments


@given(
    padded_literals(),
    padded_literals(),
    st.one_of(
        st.lists(st.integers(0, 3), min_size=1, max_size=1),
        st.lists(st.integers(0, 2), min_size=2, max_size=2),
    ),
    st.lists(st.sampled_from(list(ValueAlphabet)), min_size=2, max_size=2),
    st.sampled_from(["grapheme", "codepoint"]),
)
def test_bounds_are_exact_by_exhaustion(
    head: str,
    tail: str,
    lengths: list[int],
    alphabets: list[ValueAlphabet],
    boundary: Any,
) -> None:
    """Every value (by cost class) is tried: bounds are the true minimum and maximum.

    This is the brute-force check of the escape-pair argument: a 2-septet character
    or a surrogate pair cannot be split, so it may waste a unit at a segment end, and
    the maximum must still be reached by filling every value with its costliest
    character.
    """
    names = ["ville", "codePostal"][: len(lengths)]
    template = Template(template_source([head, *([tail] * len(names))], names))
    max_lengths = dict(zip(names, lengths, strict=False))
    abc = dict(zip(names, alphabets, strict=False))
    b = template.bounds(max_lengths, alphabet=dict(abc), boundary=boundary)

    def values(name: str) -> list[str]:
        reps = REPRESENTATIVES[abc[name]]
        return [
            "".join(chars)
            for size in range(max_lengths[name] + 1)
            for chars in itertools.product(reps, repeat=size)
        ]

    counts = set()
    for combo in itertools.product(*(values(name) for name in names)):
        contact = dict(zip(names, combo, strict=True))
        counts.add(template.analyze(contact, missing="empty", boundary=boundary).segments)
    assert (min(counts), max(counts)) == (b.min_segments, b.max_segments)


#: Defaults of every kind: shorter or longer than the maximum, with 2-septet or
#: non-GSM characters, a surrogate pair, edges that join a neighbour's cluster.
STAND_INS = ["", "a", "ab", "€", "a€", "€€€", "abcdef", "ç", "çç", "😀", "a😀b", "x" * 9,
             "\u0301a", "a\u200d", "🇫🇷"]  # fmt: skip


@given(
    padded_literals(),
    padded_literals(),
    st.lists(st.integers(0, 2), min_size=2, max_size=2),
    st.lists(st.sampled_from(list(ValueAlphabet)), min_size=2, max_size=2),
    st.lists(st.sampled_from(STAND_INS), min_size=2, max_size=2),
    st.sampled_from(["grapheme", "codepoint"]),
)
def test_bounds_with_defaults_are_exact_by_exhaustion(
    head: str,
    tail: str,
    lengths: list[int],
    alphabets: list[ValueAlphabet],
    stand_ins: list[str],
    boundary: Any,
) -> None:
    """With defaults beyond the lengths or alphabets, the maximum is still exact.

    Every value (by cost class) and the absent field (which gets the default) are
    tried: the worst case found by exhaustion is the one bounds() reports, although it
    no longer tries every combination of defaults (it fixes the clearly costlier one).
    """
    names = ["ville", "codePostal"]
    defaults = {name: text for name, text in zip(names, stand_ins, strict=True) if text}
    source = template_source([head, tail, tail], names)
    template = Template(source, fields=names, defaults=defaults)
    max_lengths = dict(zip(names, lengths, strict=True))
    abc = dict(zip(names, alphabets, strict=True))
    b = template.bounds(max_lengths, alphabet=dict(abc), boundary=boundary)

    def options(name: str) -> list[str | None]:
        reps = REPRESENTATIVES[abc[name]]
        values: list[str | None] = [
            "".join(chars)
            for size in range(max_lengths[name] + 1)
            for chars in itertools.product(reps, repeat=size)
        ]
        return [*values, None]  # None: the contact lacks the field

    counts = set()
    for combo in itertools.product(*(options(name) for name in names)):
        contact = {n: v for n, v in zip(names, combo, strict=True) if v is not None}
        counts.add(template.analyze(contact, missing="empty", boundary=boundary).segments)
    assert max(counts) == b.max_segments
    assert analyze(b.worst_case, boundary=boundary).segments == b.max_segments


# --- any input: a result or a documented error --------------------------------------

TEMPLATE_OPTIONS = ["fields", "unknown", "missing", "defaults"]
RENDER_OPTIONS = ["unknown", "missing", "defaults"]
BOUNDS_OPTIONS = ["alphabet", "default_max_length", "boundary", "reference_bits"]
ROUTE_OPTIONS = ["route", "encoding", "boundary", "languages", "single_shift", "locking_shift",
                 "reference_bits"]  # fmt: skip
sources = st.one_of(
    anything.texts,
    st.lists(st.sampled_from(["@prenom", "@nom_complet", "@ville", "@@", "@", " ", "x", "é",
                              "@{nom}", "\u0301", "😀", ",", "\n"]), max_size=12).map("".join),
)  # fmt: skip
contacts = st.one_of(
    anything.anything,
    st.dictionaries(
        st.sampled_from(["phone", "firstName", "lastName", "name", "sex", "ville", "id"])
        | anything.texts,
        anything.anything,
        max_size=5,
    ),
)
lengths = st.one_of(
    anything.anything,
    st.dictionaries(st.sampled_from(NAMES) | anything.texts, anything.anything, max_size=3),
    st.dictionaries(st.sampled_from(NAMES), st.integers(0, 30), max_size=4),
)


def _documented(error: Exception) -> bool:
    """TypeError or SmsError: options passed to analyze() follow the shared policy too."""
    return isinstance(error, TypeError | SmsError)


@given(
    sources,
    st.dictionaries(st.sampled_from(TEMPLATE_OPTIONS), anything.anything, max_size=3),
    contacts,
    st.dictionaries(st.sampled_from(RENDER_OPTIONS), anything.anything, max_size=2),
    lengths,
    st.dictionaries(st.sampled_from(BOUNDS_OPTIONS), anything.anything, max_size=2),
    st.dictionaries(st.sampled_from(ROUTE_OPTIONS), anything.anything, max_size=2),
)
def test_template_any_input_gives_a_result_or_a_documented_error(
    source: str,
    options: dict[str, Any],
    contact: object,
    render_options: dict[str, Any],
    max_lengths: object,
    bounds_options: dict[str, Any],
    route_options: dict[str, Any],
) -> None:
    """Template, render, analyze and bounds on anything: a result or a documented error."""
    failure: Exception | None = None
    try:
        template = Template(source, **options)
    except Exception as error:  # the property is about which errors
        failure = error
    if failure is not None:
        assert _documented(failure), repr(failure)
        return
    for call in (
        lambda: template.render(contact, **render_options),
        lambda: template.analyze(contact, **render_options, **route_options),
        lambda: template.bounds(max_lengths, **bounds_options),  # type: ignore[arg-type]
    ):
        try:
            call()
        except Exception as error:  # the property is about which errors
            failure = error
        if failure is not None:
            assert _documented(failure), repr(failure)
            failure = None
