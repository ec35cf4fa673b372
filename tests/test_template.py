"""Tests of smsparts.template: grammar, built-in variables, errors, counting and bounds.

Expected texts and counts are worked out by hand from the grammar of issue 5 and the
capacities of 23.040 9.2.3.24 (160/153 septets, 70/67 UTF-16 code units).
"""

from __future__ import annotations

import copy
import json
import pickle
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from smsparts import (
    Encoding,
    InvalidOption,
    MissingValue,
    NationalLanguage,
    SmsError,
    Template,
    TemplateSyntaxError,
    UnknownVariable,
    analyze,
)
from smsparts.cli import main
from smsparts.template import BUILTIN_VARIABLES, Bounds, ValueAlphabet

from . import scaling

ZOE: dict[str, Any] = {
    "id": "c-001",
    "phone": "+33612345678",
    "firstName": "Zoé",
    "lastName": "Martin",
    "sex": "F",
}
FRANCOIS: dict[str, Any] = {
    "id": "c-002",
    "phone": "+33698765432",
    "firstName": "François",
    "lastName": "Garçon",
    "sex": "M",
}
NAMED: dict[str, Any] = {"phone": "+33611223344", "name": "J.-B. de La Rochefoucauld"}
PHONE_ONLY: dict[str, Any] = {"phone": "+33755667788"}


# ---------------------------------------------------------------------------
# grammar


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("Votre code est prêt.", "Votre code est prêt.", id="no-at"),
        pytest.param("", "", id="empty"),
        pytest.param(
            "Écrivez à contact@exemple.fr, @prenom",
            "Écrivez à contact@exemple.fr, Zoé",
            id="email-untouched",
        ),
        pytest.param("rdv2@cabinet.fr", "rdv2@cabinet.fr", id="email-after-digit"),
        pytest.param("Suivez @@prenom", "Suivez @prenom", id="double-at-literal"),
        pytest.param("a@@b", "a@b", id="double-at-after-letter"),
        pytest.param("@@@prenom", "@Zoé", id="double-at-then-variable"),
        pytest.param("Bonjour @", "Bonjour @", id="trailing-at"),
        pytest.param("@", "@", id="lone-at"),
        pytest.param("Bonjour @ prenom", "Bonjour @ prenom", id="at-space"),
        pytest.param("Payez @5 €", "Payez @5 €", id="at-digit"),
        pytest.param("@-@!", "@-@!", id="at-punctuation"),
        pytest.param("(@prenom)", "(Zoé)", id="parentheses"),
        pytest.param("@prenom!", "Zoé!", id="exclamation"),
        pytest.param("«@prenom»", "«Zoé»", id="guillemets"),
        pytest.param("Merci @prenom.", "Merci Zoé.", id="full-stop"),
        pytest.param("@prenom's", "Zoé's", id="apostrophe"),
        pytest.param("@prénom", "Zoé", id="accented-name"),
        pytest.param("@pre\u0301nom", "Zoé", id="decomposed-accent"),
        pytest.param("@Prénom @PRENOM @First_Name", "Zoé Zoé Zoé", id="case-insensitive"),
        pytest.param("@nom_complet", "Zoé Martin", id="longest-match"),
        pytest.param("@nom-@nom", "Martin-Martin", id="hyphen-ends-name"),
        pytest.param("@prenom@nom", "Zoé@nom", id="at-after-name-is-literal"),
        pytest.param("20% pour @prenom", "20% pour Zoé", id="percent-literal"),
        pytest.param("Line\n@prenom", "Line\nZoé", id="after-newline"),
    ],
)
def test_grammar(source: str, expected: str) -> None:
    """Each grammar rule of the issue renders as specified."""
    assert Template(source).render(ZOE) == expected


def test_variables_in_order_of_first_use() -> None:
    """.variables lists names as written, in order of first use, once each."""
    t = Template("@nom, @prenom @nom @Prénom contact@x.fr @@civilite")
    assert t.variables == ("nom", "prenom", "Prénom")


def test_longest_name_is_taken() -> None:
    """@nom_complet is one name, and @prenom2 is the unknown name prenom2."""
    assert Template("@nom_complet").variables == ("nom_complet",)
    assert Template("@prenom2 @_x @élève").variables == ("prenom2", "_x", "élève")


@pytest.mark.parametrize(
    "value",
    ["@nom", "@@", "%s", "%(x)s", "{0}", "@prenom@nom", "\\1"],
    ids=["variable", "double-at", "percent-s", "percent-name", "braces", "glued", "backref"],
)
def test_values_are_never_parsed(value: str) -> None:
    """A value is inserted as it is, whatever it contains."""
    contact = {**ZOE, "firstName": value}
    assert Template("Bonjour @prenom, @nom").render(contact) == f"Bonjour {value}, Martin"


def test_braces_are_a_syntax_error() -> None:
    """@{prenom} raises TemplateSyntaxError with the span and the fix."""
    with pytest.raises(TemplateSyntaxError) as info:
        Template("Bonjour @{prenom} !")
    err = info.value
    assert (err.start, err.end) == (8, 17)
    assert str(err) == (
        "braces are not template syntax: write @prenom (index 8)\n"
        "Bonjour @{prenom} !\n"
        "        ^^^^^^^^^"
    )


def test_braces_without_a_name_are_literal() -> None:
    """@{ not followed by a name and } is plain text."""
    assert Template("@{ @{} @{1} @{prenom").render(ZOE) == "@{ @{} @{1} @{prenom"


def test_lone_surrogate_is_a_syntax_error() -> None:
    """A lone surrogate cannot be sent: TemplateSyntaxError at its index."""
    with pytest.raises(TemplateSyntaxError) as info:
        Template("ab\ud83d")
    assert (info.value.start, info.value.end) == (2, 3)
    assert str(info.value).splitlines()[0] == "lone surrogate U+D83D cannot be sent (index 2)"


def test_source_must_be_str() -> None:
    """A non-str source is a TypeError, and so are fields given as one str."""
    with pytest.raises(TypeError, match="must be a str"):
        Template(b"Bonjour")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not one str"):
        Template("@ville", fields="ville")
    with pytest.raises(TypeError, match=r"defaults\['prenom'\] must be a str"):
        Template("@prenom", defaults={"prenom": 1})  # type: ignore[dict-item]


def test_fields_property() -> None:
    """.fields holds the declared fields (NFC), or None."""
    assert Template("@ville", fields=["ville", "code"]).fields == frozenset({"ville", "code"})
    assert Template("@ville").fields is None


# ---------------------------------------------------------------------------
# built-in variables against platform contacts


@pytest.mark.parametrize(
    ("variable", "contact", "expected"),
    [
        pytest.param("nom_complet", ZOE, "Zoé Martin", id="nom_complet-first-last"),
        pytest.param("nom_complet", NAMED, "J.-B. de La Rochefoucauld", id="nom_complet-name"),
        pytest.param(
            "nom_complet",
            {**ZOE, "name": "Zoé M."},
            "Zoé M.",
            id="nom_complet-name-wins",
        ),
        pytest.param(
            "nom_complet", {"phone": "1", "firstName": "Zoé"}, "Zoé", id="nom_complet-first-only"
        ),
        pytest.param(
            "nom_complet", {"phone": "1", "lastName": "Martin"}, "Martin", id="nom_complet-last"
        ),
        pytest.param("full_name", FRANCOIS, "François Garçon", id="full_name"),
        pytest.param("prenom", ZOE, "Zoé", id="prenom"),
        pytest.param("prénom", FRANCOIS, "François", id="prénom"),
        pytest.param("first_name", ZOE, "Zoé", id="first_name"),
        pytest.param("nom", ZOE, "Martin", id="nom"),
        pytest.param("last_name", FRANCOIS, "Garçon", id="last_name"),
        pytest.param("telephone", ZOE, "+33612345678", id="telephone"),
        pytest.param("téléphone", PHONE_ONLY, "+33755667788", id="téléphone"),
        pytest.param("phone", ZOE, "+33612345678", id="phone"),
        pytest.param("civilite", ZOE, "Mme", id="civilite-F"),
        pytest.param("civilité", FRANCOIS, "M.", id="civilité-M"),
        pytest.param("civilite", {"phone": "1", "sex": " f "}, "Mme", id="civilite-lenient"),
        pytest.param("id", ZOE, "c-001", id="other-field"),
        pytest.param("sex", ZOE, "F", id="sex-as-is"),
        pytest.param("name", NAMED, "J.-B. de La Rochefoucauld", id="name-field"),
        pytest.param("firstName", ZOE, "Zoé", id="camelCase-field"),
        pytest.param("codePostal", {"phone": "1", "codePostal": "75011"}, "75011", id="custom"),
        pytest.param("phone", {"phone": 33612345678}, "33612345678", id="number-value"),
    ],
)
def test_builtin_variables(variable: str, contact: dict[str, Any], expected: str) -> None:
    """Every built-in name and alias, and plain fields, read platform-shaped contacts."""
    assert Template(f"@{variable}").render(contact) == expected


def test_builtin_table_is_documented() -> None:
    """BUILTIN_VARIABLES lists the French names first, each with its aliases."""
    assert list(BUILTIN_VARIABLES) == ["nom_complet", "prenom", "nom", "telephone", "civilite"]
    assert BUILTIN_VARIABLES["prenom"][0] == ("prenom", "prénom", "first_name")


def test_platform_field_wins_then_own_name_then_snake_case() -> None:
    """A built-in reads firstName, then a field named as written, then first_name."""
    t = Template("@prenom")
    assert t.render({"phone": "1", "firstName": "Zoé", "prenom": "Z"}) == "Zoé"
    assert t.render({"phone": "1", "prenom": "Zoé"}) == "Zoé"
    assert t.render({"phone": "1", "prenom": " ", "first_name": "Zoé"}) == "Zoé"


@dataclass
class _Contact:
    phone: str
    first_name: str | None = None
    lastName: str | None = None  # noqa: N815 - the platform's spelling


def test_object_and_mapping_contacts() -> None:
    """Contacts may be any mapping or an object with attributes."""
    t = Template("Bonjour @prenom @nom (@telephone)")
    expected = "Bonjour Zoé Martin (+33612345678)"
    assert t.render(MappingProxyType(ZOE)) == expected
    assert t.render(_Contact("+33612345678", "Zoé", "Martin")) == expected


class _Sex(StrEnum):
    F = "F"
    M = "M"


def test_str_subclass_values() -> None:
    """str subclasses (a StrEnum sex, a tagged name) are text, on every path."""
    contact = {"phone": "1", "sex": _Sex.F, "lastName": _Sex.M}
    t = Template("@civilite @nom")
    assert t.render(contact) == "Mme M"
    assert t.render(MappingProxyType(contact)) == "Mme M"


def test_rendering_never_mutates_a_defaultdict_contact() -> None:
    """A defaultdict contact is read, never written: an absent field stays unknown."""
    contact: defaultdict[str, str] = defaultdict(str, {"phone": "1"})
    with pytest.raises(UnknownVariable) as info:
        Template("Bonjour @ville").render(contact)
    assert info.value.contact == "1"
    assert dict(contact) == {"phone": "1"}


# ---------------------------------------------------------------------------
# missing values


def test_missing_value_raises_with_contact_and_span() -> None:
    """MissingValue names the variable, the contact id, the reason and the span."""
    with pytest.raises(MissingValue) as info:
        Template("Bonjour @prenom, à demain").render({"id": 42, "phone": "+33700000000"})
    err = info.value
    assert (err.name, err.contact, err.start, err.end) == ("prenom", "42", 8, 15)
    assert str(err) == (
        "contact 42 has no value for @prenom (no firstName) at index 8\n"
        "Bonjour @prenom, à demain\n"
        "        ^^^^^^^"
    )


@pytest.mark.parametrize(
    ("contact", "reason"),
    [
        pytest.param({"phone": "+33700000000"}, "no name, firstName or lastName", id="absent"),
        pytest.param({"phone": "+33700000000", "name": ""}, "name is empty", id="empty"),
        pytest.param({"phone": "+33700000000", "name": "  "}, "name is blank", id="blank"),
        pytest.param({"phone": "+33700000000", "name": None}, "name is null", id="null"),
        pytest.param(
            {"phone": "+33700000000", "name": ["Zoé"]}, "name is a list, not text", id="list"
        ),
    ],
)
def test_missing_value_reasons(contact: dict[str, Any], reason: str) -> None:
    """The reason says what was found instead of a value; the phone names the contact."""
    with pytest.raises(MissingValue) as info:
        Template("@nom_complet").render(contact)
    assert str(info.value).splitlines()[0] == (
        f"contact +33700000000 has no value for @nom_complet ({reason}) at index 0"
    )


def test_missing_civility_reason() -> None:
    """A sex other than M or F is reported as such."""
    with pytest.raises(MissingValue, match=r"sex is 'X', not 'M' or 'F'"):
        Template("@civilite").render({"phone": "1", "sex": "X"})


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("Bonjour @prenom, à demain", "Bonjour, à demain", id="before-comma"),
        pytest.param("Bonjour @prenom !", "Bonjour !", id="between-spaces"),
        pytest.param("Bonjour @prenom", "Bonjour", id="at-end"),
        pytest.param("Bonjour @prenom\nVotre code", "Bonjour\nVotre code", id="before-newline"),
        pytest.param("@prenom bonjour", "bonjour", id="at-start"),
        pytest.param("Ligne\n@prenom bonjour", "Ligne\nbonjour", id="line-start"),
        pytest.param("Cher @civilite @prenom,", "Cher,", id="two-empty"),
        pytest.param("Cher @civilite @nom, ok", "Cher Martin, ok", id="one-of-two"),
        pytest.param("(@prenom)", "()", id="no-space-around"),
        pytest.param("Bonjour @prenom-Anne", "Bonjour -Anne", id="space-then-hyphen"),
        pytest.param("Bonjour  @prenom", "Bonjour ", id="own-double-space-kept-once"),
        pytest.param("@prenom, votre colis", ", votre colis", id="start-before-comma"),
    ],
)
def test_empty_values_never_leave_double_spaces(source: str, expected: str) -> None:
    """missing="empty" removes one adjacent space as documented."""
    contact = {"phone": "1", "lastName": "Martin"}
    assert Template(source, missing="empty").render(contact) == expected


def test_empty_value_never_eats_a_value() -> None:
    """Spaces inside neighbouring values are never removed."""
    t = Template("@nom @prenom", missing="empty")
    assert t.render({"phone": "1", "lastName": "Martin "}) == "Martin "


def test_defaults_per_variable() -> None:
    """defaults fills a missing value; a built-in's key covers all its spellings."""
    t = Template("Bonjour @prénom, @nom", defaults={"prenom": "client"}, missing="empty")
    assert t.render({"phone": "1"}) == "Bonjour client,"
    assert t.render({"phone": "1", "firstName": "Zoé", "lastName": "Martin"}) == (
        "Bonjour Zoé, Martin"
    )
    t = Template("Bonjour @prenom")
    assert t.render({"phone": "1"}, defaults={"first_name": "cher client"}) == (
        "Bonjour cher client"
    )


def test_a_default_covers_a_field_the_contact_lacks() -> None:
    """A field with a default is known: a contact without that field gets the default."""
    # JSON contacts leave optional fields out rather than sending null.
    expected = "Rendez-vous à l'agence"
    t = Template("Rendez-vous à @ville", defaults={"ville": "l'agence"})
    assert t.render(PHONE_ONLY) == expected
    assert t.render(MappingProxyType(PHONE_ONLY)) == expected
    assert Template("Rendez-vous à @ville").render(PHONE_ONLY, defaults={"ville": "l'agence"}) == (
        expected
    )
    declared = Template("Rendez-vous à @ville", fields=["id"], defaults={"ville": "l'agence"})
    assert declared.render(PHONE_ONLY) == expected
    with pytest.raises(UnknownVariable, match="unknown variable @vile"):
        Template("Rendez-vous à @vile", defaults={"ville": "l'agence"}).render(PHONE_ONLY)


def test_render_options_override_template_options() -> None:
    """Options given to render() apply to that call only."""
    t = Template("Bonjour @prenom !", missing="empty")
    assert t.render(PHONE_ONLY) == "Bonjour !"
    with pytest.raises(MissingValue):
        t.render(PHONE_ONLY, missing="raise")


@pytest.mark.parametrize(
    "options",
    [{"missing": "skip"}, {"unknown": "drop"}],
    ids=["missing", "unknown"],
)
def test_bad_options(options: dict[str, Any]) -> None:
    """An unknown option value is an InvalidOption naming the choices."""
    with pytest.raises(InvalidOption, match="must be one of 'raise', "):
        Template("@prenom", **options)


@pytest.mark.parametrize(
    "options",
    [{"missing": "skip"}, {"unknown": "drop"}, {"defaults": {"prenom": 1}}],
    ids=["missing", "unknown", "defaults"],
)
@pytest.mark.parametrize("source", ["Bonjour @prenom", "Bonjour"], ids=["variable", "none"])
def test_bad_render_options_fail_even_when_unused(source: str, options: dict[str, Any]) -> None:
    """A bad render() option fails for every contact, not only those it would apply to."""
    with pytest.raises((ValueError, TypeError), match="must be"):
        Template(source).render(ZOE, **options)


# ---------------------------------------------------------------------------
# unknown variables


def test_unknown_variable_at_render() -> None:
    """Without declared fields, an unknown name raises at render with suggestions."""
    with pytest.raises(UnknownVariable) as info:
        Template("Bonjour @prenon").render(ZOE)
    err = info.value
    assert (err.name, err.start, err.end, err.contact) == ("prenon", 8, 15, "c-001")
    assert err.suggestions == ("prenom",)
    assert str(err) == (
        "unknown variable @prenon at index 8 (contact c-001); did you mean @prenom?\n"
        "Bonjour @prenon\n"
        "        ^^^^^^^"
    )


def test_unknown_variable_in_a_long_template() -> None:
    """A long template is shown as a window around the variable, caret aligned."""
    source = "x" * 100 + " @prenon " + "y" * 100
    with pytest.raises(UnknownVariable) as info:
        Template(source, fields=[])
    # The window starts 30 characters before the "@" (index 101) and is 60 wide.
    assert str(info.value).splitlines() == [
        "unknown variable @prenon at index 101; did you mean @prenom?",
        "…" + "x" * 29 + " @prenon " + "y" * 22 + "…",
        " " * 31 + "^" * 7,
    ]


def test_unknown_variable_against_declared_fields() -> None:
    """With fields=, an unknown name raises at parse time, suggesting built-ins."""
    with pytest.raises(UnknownVariable) as info:
        Template("Bonjour @nom_complt, RDV à @vile", fields=["ville"])
    err = info.value
    assert err.contact is None
    assert str(err) == (
        "unknown variable @nom_complt at index 8; did you mean @nom_complet?\n"
        "Bonjour @nom_complt, RDV à @vile\n"
        "        ^^^^^^^^^^^"
    )


def test_unknown_suggests_accented_spelling_when_typed_with_accents() -> None:
    """A name typed with accents gets the accented built-in as suggestion."""
    with pytest.raises(UnknownVariable) as info:
        Template("@téléphonne", fields=[])
    assert info.value.suggestions == ("téléphone",)


def test_unknown_suggests_contact_fields() -> None:
    """Field names of the contact (case differs) are suggested, attributes too."""
    with pytest.raises(UnknownVariable) as info:
        Template("@Ville").render({"phone": "1", "ville": "Lyon"})
    assert info.value.suggestions[0] == "ville"
    with pytest.raises(UnknownVariable) as info:
        Template("@lastname").render(_Contact("+33612345678", "Zoé", "Martin"))
    assert info.value.suggestions[0] == "lastName"
    assert info.value.contact == "+33612345678"


def test_unknown_suggests_unaccented_builtin_for_accented_typo() -> None:
    """A built-in without an accented spelling is suggested as is."""
    with pytest.raises(UnknownVariable) as info:
        Template("@nôn", fields=[])
    assert info.value.suggestions == ("nom",)


def test_missing_value_of_an_object_contact() -> None:
    """Objects are explained by their attributes."""
    with pytest.raises(MissingValue, match=r"contact \+33612345678 has no value for @nom \("):
        Template("@nom").render(_Contact("+33612345678", "Zoé"))


def test_declared_field_absent_is_missing_not_unknown() -> None:
    """A declared field absent from a contact is a missing value."""
    t = Template("À @ville", fields=["ville"])
    with pytest.raises(MissingValue, match=r"no value for @ville \(no ville\)"):
        t.render(ZOE)
    assert t.render({**ZOE, "ville": "Lyon"}) == "À Lyon"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: Template("@ville @prenom", unknown="keep"), id="at-render"),
        pytest.param(
            lambda: Template("@ville @prenom", fields=["x"], unknown="keep"), id="at-parse"
        ),
    ],
)
def test_keep_unknown_variables(make: Any) -> None:
    """unknown="keep" leaves unknown variables as their literal text."""
    t = make()
    assert t.render(ZOE) == "@ville Zoé"


def test_keep_unknown_for_one_call() -> None:
    """render(unknown="keep") overrides the template's "raise" for that call."""
    t = Template("@ville @prenom")
    assert t.render(ZOE, unknown="keep") == "@ville Zoé"
    with pytest.raises(UnknownVariable):
        t.render(ZOE)


def test_error_classes_are_sms_errors() -> None:
    """The template errors are SmsError (ValueError) subclasses and pickle-safe args."""
    for cls in (TemplateSyntaxError, UnknownVariable, MissingValue):
        assert issubclass(cls, SmsError)
        assert issubclass(cls, ValueError)
    err = UnknownVariable("@x", 0, 2, "x", ("y",), None)
    again = UnknownVariable(*err.args)
    assert str(again) == str(err)


# ---------------------------------------------------------------------------
# counting


@pytest.mark.parametrize(
    ("contact", "options"),
    [
        pytest.param(ZOE, {}, id="gsm7"),
        pytest.param(FRANCOIS, {}, id="ucs2-cedilla"),
        pytest.param(FRANCOIS, {"languages": [NationalLanguage.PORTUGUESE]}, id="portuguese"),
        pytest.param(ZOE, {"encoding": Encoding.UCS2, "reference_bits": 16}, id="forced"),
    ],
)
def test_analyze_is_analyze_of_render(contact: dict[str, Any], options: dict[str, Any]) -> None:
    """template.analyze(c, **o) == analyze(template.render(c), **o)."""
    t = Template("Bonjour @prenom @nom, votre colis est arrivé. " * 3)
    assert t.analyze(contact, **options) == analyze(t.render(contact), **options)


def test_one_cedilla_flips_the_count() -> None:
    """The same template costs 1 segment for Zoé and 2 for François (UCS-2 by ç)."""
    t = Template("Bonjour @prenom, " + "x" * 50 + " " + "y" * 20)
    zoe, francois = t.analyze(ZOE), t.analyze(FRANCOIS)
    # "Bonjour Zoé, " is 13 characters, then 50 + 1 + 20: 84 septets in GSM-7.
    assert (zoe.encoding, zoe.units, zoe.segments) == (Encoding.GSM7, 84, 1)
    # "Bonjour François, " is 18 characters: 89 UTF-16 code units > 70.
    assert (francois.encoding, francois.units, francois.segments) == (Encoding.UCS2, 89, 2)


# ---------------------------------------------------------------------------
# bounds


def test_bounds_short_template() -> None:
    """A short GSM template with a 20-character first name is 1 segment either way."""
    b = Template("Bonjour @prenom").bounds({"prenom": 20}, alphabet="gsm7")
    assert isinstance(b, Bounds)
    assert (b.min_segments, b.max_segments) == (1, 1)
    assert b.ucs2_variables == ()
    assert b.warnings == ()


@pytest.mark.parametrize(
    ("max_length", "alphabet", "segments", "encoding", "units"),
    [
        # 150 literal septets + m.
        pytest.param(10, "gsm7-basic", 1, Encoding.GSM7, 160, id="basic-fits"),
        pytest.param(11, "gsm7-basic", 2, Encoding.GSM7, 161, id="basic-overflows"),
        # 150 + 2 * 10 = 170 septets > 160.
        pytest.param(10, "gsm7", 2, Encoding.GSM7, 170, id="extension"),
        # UCS-2: 150 + 2 * 10 code units (astral) = 170 > 2 * 67 = 134: 3 segments.
        pytest.param(10, "ucs2", 3, Encoding.UCS2, 170, id="ucs2"),
        pytest.param(0, "ucs2", 1, Encoding.GSM7, 149, id="always-empty"),
    ],
)
def test_bounds_max(
    max_length: int, alphabet: str, segments: int, encoding: Encoding, units: int
) -> None:
    """The maximum puts every value at its costliest, by alphabet."""
    t = Template("x" * 149 + " @prenom")
    b = t.bounds({"prenom": max_length}, alphabet=alphabet)
    assert (b.max_segments, b.max_encoding, b.max_units) == (segments, encoding, units)
    assert b.min_segments == 1
    assert analyze(b.worst_case).segments == segments


def test_bounds_escape_pair_at_a_boundary() -> None:
    """A 2-septet value that cannot split wastes a septet: 306 septets need 3 segments."""
    # 152 septets, then one € (2 septets) that does not fit in the 1 left of 153, then
    # 1 + 151 = 152: segments of 152, then 2 + 152 = 154 > 153, so a third.
    t = Template("x" * 151 + " @v " + "y" * 151)
    assert t.bounds({"v": 1}, alphabet="gsm7").max_segments == 3
    assert t.bounds({"v": 1}, alphabet="gsm7-basic").max_segments == 2


def test_bounds_warnings_for_a_validator() -> None:
    """Warnings say what a long name, a ç and emoji do to the count."""
    # Literal: "Bonjour " + ", " + 120 x = 130 septets; 40 basic characters: 170 > 160.
    # One ç: UCS-2, 170 code units > 134: 3 segments; 40 astral: 210 > 201: 4.
    t = Template("Bonjour @nom_complet, " + "x" * 120)
    b = t.bounds({"nom_complet": 40})
    assert (b.min_segments, b.max_segments) == (1, 4)
    assert b.ucs2_variables == ("nom_complet",)
    assert b.warnings == (
        "`@nom_complet` up to 40 characters makes this 2 segments; a `ç` in it makes it 3; "
        "emoji make it up to 4",
    )
    (v,) = b.variables
    assert (v.key, v.max_length, v.alphabet, v.forces_ucs2) == (
        "nom_complet",
        40,
        ValueAlphabet.UCS2,
        True,
    )
    assert (v.segments_basic, v.segments_max) == (2, 4)


def test_bounds_warning_for_one_character() -> None:
    """A one-character maximum is written in the singular."""
    # 160 literal septets and one more: 161 > 160, 2 segments.
    b = Template("x" * 159 + " @v").bounds({"v": 1}, alphabet="gsm7-basic")
    assert b.warnings == ("`@v` up to 1 character makes this 2 segments",)


def test_bounds_warn_beyond_the_concatenation_limit() -> None:
    """A worst case over 255 segments cannot be sent at all, and the warnings say so."""
    # 40,000 septets in segments of 153: 261 full ones and a 262nd.
    b = Template("@v").bounds({"v": 40_000}, alphabet="gsm7-basic")
    assert b.max_segments == 262
    assert b.warnings == (
        "`@v` up to 40000 characters makes this 262 segments",
        "up to 262 segments: a message of more than 255 cannot be sent (23.040 9.2.3.24.1)",
    )


def test_bounds_count_a_default_beyond_the_max_length() -> None:
    """A contact without a value gets the template's default: the maximum counts it."""
    # Literal: "Bonjour " + ", " + 140 x = 150 septets; "aa": 152, 1 segment; the
    # default "cher client" (11): 161 > 160, 2 segments.
    source = "Bonjour @prenom, " + "x" * 140
    b = Template(source, defaults={"prenom": "cher client"}).bounds(
        {"prenom": 2}, alphabet="gsm7-basic"
    )
    assert (b.min_segments, b.max_segments, b.max_encoding, b.max_units) == (
        1,
        2,
        Encoding.GSM7,
        161,
    )
    assert b.worst_case == "Bonjour cher client, " + "x" * 140
    assert (b.variables[0].segments_basic, b.variables[0].segments_max) == (1, 2)
    assert b.warnings == (
        "`@prenom` up to 2 characters keeps this at 1 segment; "
        "its default `cher client` makes it 2",
    )
    # A default the lengths and alphabet allow is one of the values already counted.
    within = Template(source, defaults={"prenom": "ab"})
    assert within.bounds({"prenom": 2}, alphabet="gsm7-basic") == Template(source).bounds(
        {"prenom": 2}, alphabet="gsm7-basic"
    )


def test_bounds_count_an_unknown_variable_kept_as_text() -> None:
    """With unknown="keep", a contact without the field renders the name as written."""
    # Literal: 155 x and a space, 156 septets; "aaa": 159, 1 segment; "@ville": 162 > 160.
    t = Template("x" * 155 + " @ville", unknown="keep")
    assert analyze(t.render(PHONE_ONLY)).segments == 2
    b = t.bounds({"ville": 3}, alphabet="gsm7-basic")
    assert (b.min_segments, b.max_segments, b.max_units) == (1, 2, 162)
    assert b.worst_case == "x" * 155 + " @ville"
    assert b.warnings == (
        "`@ville` up to 3 characters keeps this at 1 segment; kept as text, `@ville` makes it 2",
    )


def test_bounds_a_default_can_force_ucs2() -> None:
    """A default outside the declared alphabet can flip the message to UCS-2."""
    # "Bonjour €€€€€ !": 20 septets; the default: "Bonjour François !", 18 code units.
    t = Template("Bonjour @prenom !", defaults={"prenom": "François"})
    b = t.bounds({"prenom": 5}, alphabet="gsm7")
    assert (b.max_segments, b.max_encoding, b.max_units) == (1, Encoding.UCS2, 18)
    assert b.ucs2_variables == ("prenom",)
    assert b.variables[0].forces_ucs2
    assert b.worst_case == "Bonjour François !"


def test_bounds_literal_already_ucs2() -> None:
    """A template whose own text is UCS-2 says so, and no variable 'forces' UCS-2."""
    b = Template("Colis reçu, @prenom").bounds({"prenom": 10}, alphabet="gsm7")
    assert b.min_encoding is Encoding.UCS2
    assert b.ucs2_variables == ()
    assert b.warnings == (
        "the template text itself needs UCS-2 (`ç` at index 8): every message is sent in UCS-2",
    )


def test_bounds_without_variables() -> None:
    """A template without variables has one count: its own."""
    b = Template("x" * 161).bounds()
    assert (b.min_segments, b.max_segments, b.variables, b.warnings) == (2, 2, (), ())


def test_bounds_civility_defaults() -> None:
    """@civilite needs no max length: its values are M. or Mme (GSM-7)."""
    b = Template("@civilite @nom").bounds({"nom": 5}, alphabet={"nom": "gsm7-basic"})
    assert [(v.key, v.max_length, v.alphabet) for v in b.variables] == [
        ("civilite", 3, ValueAlphabet.GSM7_BASIC),
        ("nom", 5, ValueAlphabet.GSM7_BASIC),
    ]


def test_bounds_keys_match_aliases_and_ignore_unused() -> None:
    """max_lengths keys match any spelling; keys for other templates are ignored."""
    b = Template("@Prénom").bounds({"first_name": 5, "ville": 30}, alphabet="gsm7-basic")
    assert b.variables[0].max_length == 5


def test_bounds_missing_max_length() -> None:
    """A variable without a max length is a MissingValue at its span."""
    with pytest.raises(MissingValue) as info:
        Template("Bonjour @prenom").bounds({})
    assert str(info.value) == (
        "no value for @prenom (no maximum length: give max_lengths['prenom'] or "
        "default_max_length) at index 8\n"
        "Bonjour @prenom\n"
        "        ^^^^^^^"
    )
    assert Template("@prenom").bounds(default_max_length=3).variables[0].max_length == 3


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param(
            {"max_lengths": {"prenom": -1}},
            "max_lengths['prenom'] must be an int >= 0, not -1",
            id="negative",
        ),
        pytest.param(
            {"max_lengths": {"prenom": 3}, "alphabet": "latin1"},
            "alphabet must be one of 'gsm7-basic', 'gsm7', 'ucs2', not 'latin1'",
            id="abc",
        ),
        pytest.param(
            {"max_lengths": {"prenom": 3}, "alphabet": {"prenom": "utf8"}},
            "alphabet['prenom'] must be one of 'gsm7-basic', 'gsm7', 'ucs2', not 'utf8'",
            id="abc-per-name",
        ),
        pytest.param(
            {"default_max_length": -5},
            "default_max_length must be an int >= 0, not -5",
            id="negative-default",
        ),
    ],
)
def test_bounds_bad_arguments(kwargs: dict[str, Any], message: str) -> None:
    """Bad lengths and alphabets are InvalidOptions naming the option."""
    with pytest.raises(InvalidOption) as info:
        Template("@prenom").bounds(**kwargs)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"max_lengths": {"prenom": 2.5}}, "must be an int, not float", id="float"),
        pytest.param({"max_lengths": {"prenom": True}}, "must be an int, not bool", id="bool"),
        pytest.param({"max_lengths": [("prenom", 3)]}, "max_lengths must be a mapping", id="list"),
        pytest.param({"max_lengths": {3: 3}}, "max_lengths key must be a str", id="key"),
        pytest.param(
            {"alphabet": 7, "default_max_length": 3}, "alphabet must be a mapping", id="a"
        ),
        pytest.param({"default_max_length": "3"}, "default_max_length must be an int", id="d"),
    ],
)
def test_bounds_wrong_types(kwargs: dict[str, Any], message: str) -> None:
    """Lengths and alphabets of a wrong type are TypeErrors naming the option."""
    with pytest.raises(TypeError, match=re.escape(message)):
        Template("@prenom").bounds(**kwargs)


_TEMPLATE: Any = Template


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        pytest.param(lambda: _TEMPLATE(5), TypeError, "source must be a str", id="source"),
        pytest.param(
            lambda: _TEMPLATE("@a", fields=[1]), TypeError, "fields[] must be a str", id="fields"
        ),
        pytest.param(
            lambda: _TEMPLATE("@a", fields=3), TypeError, "fields must be an iterable", id="f3"
        ),
        pytest.param(
            lambda: _TEMPLATE("@a", unknown=None), TypeError, "unknown must be a str", id="u"
        ),
        pytest.param(
            lambda: _TEMPLATE("@a", missing=1), TypeError, "missing must be a str", id="m"
        ),
        pytest.param(
            lambda: _TEMPLATE("@a", defaults=[("a", "b")]),
            TypeError,
            "defaults must be a mapping",
            id="defaults",
        ),
        pytest.param(
            lambda: _TEMPLATE("@a", defaults={1: "b"}),
            TypeError,
            "defaults key must be a str",
            id="defaults-key",
        ),
        pytest.param(
            lambda: _TEMPLATE("@a").render({}, missing=True),
            TypeError,
            "missing must be a str",
            id="render-missing",
        ),
        pytest.param(
            lambda: _TEMPLATE("@a").render({}, defaults="x"),
            TypeError,
            "defaults must be a mapping",
            id="render-defaults",
        ),
        pytest.param(
            lambda: _TEMPLATE("@a", unknown="drop"),
            InvalidOption,
            "unknown must be one of 'raise', 'keep', not 'drop'",
            id="unknown-value",
        ),
    ],
)
def test_template_options_follow_the_policy(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    """Wrong types are TypeErrors and bad values InvalidOptions, each naming the option."""
    with pytest.raises(error, match=re.escape(message)):
        call()


def test_template_is_immutable_value() -> None:
    """Templates cannot be changed, compare by source and options, and hash."""
    t = Template("Bonjour @prenom")
    with pytest.raises(AttributeError):
        t.source = "x"
    assert t == Template("Bonjour @prenom")
    assert t != Template("Bonjour @prenom", missing="empty")
    assert len({t, Template("Bonjour @prenom")}) == 1
    assert repr(t) == "Template('Bonjour @prenom')"
    assert t != "Bonjour @prenom"


def test_template_pickles_and_copies() -> None:
    """A template survives pickle and copy with its options."""
    t = Template("Bonjour @prénom", fields=["ville"], missing="empty", defaults={"prenom": "x"})
    for again in (pickle.loads(pickle.dumps(t)), copy.copy(t), copy.deepcopy(t)):
        assert again == t
        assert again.render(PHONE_ONLY) == "Bonjour x"


# ---------------------------------------------------------------------------
# CLI: smsparts render


def test_cli_render_one_contact(capsys: pytest.CaptureFixture[str]) -> None:
    """--contact renders and counts one contact."""
    code = main(["render", "Bonjour @prenom !", "--contact", json.dumps(FRANCOIS)])
    out = capsys.readouterr().out
    assert code == 0
    # "Bonjour François !" is 18 characters; ç forces UCS-2.
    assert out == "Bonjour François !\n-- ucs2, 18 code units, 1 segment\n"


def test_cli_render_reference_bits(capsys: pytest.CaptureFixture[str]) -> None:
    """--reference-bits 16 leaves 152 septets per segment: 305 need 3, not 2."""
    argv = ["render", "x" * 305, "--contact", "{}"]
    assert main(argv) == 0
    assert capsys.readouterr().out.endswith("-- gsm7, 305 septets, 2 segments\n")
    assert main([*argv, "--reference-bits", "16"]) == 0
    assert capsys.readouterr().out.endswith("-- gsm7, 305 septets, 3 segments\n")


def test_cli_render_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints the text with the analysis."""
    assert main(["render", "@prenom", "--contact", json.dumps(ZOE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["text"], data["encoding"], data["units"], data["segments"]) == (
        "Zoé",
        "gsm7",
        3,
        1,
    )


def test_cli_render_contacts_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--contacts prints one line per contact and a total; failures exit 1."""
    path = tmp_path / "contacts.json"
    path.write_text(json.dumps([ZOE, FRANCOIS, PHONE_ONLY]), encoding="utf-8")
    code = main(["render", "Bonjour @prenom", "--contacts", str(path)])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert lines == [
        "c-001         1 segment  gsm7  11 septets",
        "c-002         1 segment  ucs2  16 code units",
        "+33755667788  error: contact +33755667788 has no value for @prenom "
        "(no firstName) at index 8",
        "total: 2 segments for 2 recipients (1 failed); per recipient: 1 segment ×2",
    ]


def test_cli_render_contacts_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV file with a header (here ;-separated) is read as contacts."""
    path = tmp_path / "contacts.csv"
    path.write_text("id;phone;firstName\n1;+33600000001;Léa\n", encoding="utf-8")
    assert main(["render", "@prenom", "--contacts", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "1  1 segment  gsm7  3 septets"


def test_cli_render_bounds(capsys: pytest.CaptureFixture[str]) -> None:
    """--bounds prints the range, the UCS-2 variables and the warnings."""
    source = "Bonjour @nom_complet, " + "x" * 120
    assert main(["render", source, "--bounds", "--max-length", "nom_complet=40"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "segments:  1 to 4",
        "encoding:  gsm7 to ucs2",
        "can force UCS-2: @nom_complet",
        "warning: `@nom_complet` up to 40 characters makes this 2 segments; "
        "a `ç` in it makes it 3; emoji make it up to 4",
    ]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        pytest.param(["render", "@prenom"], 2, "give one of --contact", id="no-source"),
        pytest.param(["render", "@prenom", "--contact", "{"], 2, "not JSON", id="bad-json"),
        pytest.param(["render", "@prenom", "--contact", "[]"], 2, "JSON object", id="array"),
        pytest.param(
            ["render", "@prenom", "--contact", "{}", "--default", "x"],
            2,
            "NAME=VALUE",
            id="bad-default",
        ),
        pytest.param(["render", "@{prenom}", "--contact", "{}"], 1, "braces are not", id="syntax"),
        pytest.param(
            ["render", "@prenom", "--bounds", "--max-length", "prenom=x"],
            2,
            "number of characters",
            id="bad-length",
        ),
        # An unknown alphabet is a bad option value: a usage error (exit 2).
        pytest.param(
            ["render", "@prenom", "--bounds", "--max-length", "prenom=3", "--alphabet", "x"],
            2,
            "--alphabet must be one of",
            id="bad-alphabet",
        ),
    ],
)
def test_cli_render_errors(
    argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad usage exits 2, template errors exit 1, each with one line on stderr."""
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.startswith("smsparts: error: ")
    assert message in err
    assert err.count("\n") == 1


def test_examples_render() -> None:
    """The shipped example template renders every example contact with defaults."""
    root = Path(__file__).parent.parent / "examples"
    template = Template((root / "template.txt").read_text(encoding="utf-8").strip())
    contacts = json.loads((root / "contacts.json").read_text(encoding="utf-8"))
    texts = [template.render(c, missing="empty") for c in contacts]
    assert texts[0].startswith("Bonjour Mme Martin, votre rendez-vous")
    assert all("  " not in text for text in texts)


# ---------------------------------------------------------------------------
# keys after NFC, str subclasses


NFD_PRENOM = "pre\u0301nom"  # "prénom" with a combining acute accent (NFD)


@pytest.mark.parametrize("missing", ["raise", "empty"])
def test_decomposed_contact_key_matches_the_variable(missing: Any) -> None:
    """A contact key in NFD matches @prénom: the value is not dropped in silence."""
    t = Template("Bonjour @prénom !", missing=missing)
    assert t.render({"phone": "1", NFD_PRENOM: "Zoé"}) == "Bonjour Zoé !"
    assert t.render({"phone": "1", "ville": "x", NFD_PRENOM: "Zoé"}) == "Bonjour Zoé !"


def test_decomposed_key_matches_a_field_variable() -> None:
    """Any field, not only built-ins: @ville_préférée reads a decomposed key."""
    t = Template("À @ville_préférée", missing="empty")
    assert t.render({"ville_pre\u0301fe\u0301re\u0301e": "Lyon"}) == "À Lyon"


def test_decomposed_variable_name_matches_a_composed_key() -> None:
    """A template written in NFD matches a contact key in NFC (both sides normalized)."""
    t = Template("@ville_pre\u0301fe\u0301re\u0301e !")
    assert t.render({"ville_préférée": "Lyon"}) == "Lyon !"


def test_composed_key_wins_over_its_decomposed_twin() -> None:
    """When a contact has both forms of one key, the NFC one is read, in either order."""
    t = Template("@ville_préférée")
    nfd = "ville_pre\u0301fe\u0301re\u0301e"
    assert t.render({nfd: "", "ville_préférée": "Lyon"}) == "Lyon"
    assert t.render({"ville_préférée": "Lyon", nfd: "Paris"}) == "Lyon"


def test_decomposed_key_is_named_in_errors() -> None:
    """A decomposed key that exists is no unknown variable: the error is a MissingValue."""
    t = Template("@ville_préférée")
    with pytest.raises(MissingValue, match="ville_préférée is empty"):
        t.render({"ville_pre\u0301fe\u0301re\u0301e": ""})


class Shouting(str):
    """A str subclass whose __str__ and isspace lie: its characters are what counts."""

    __slots__ = ()

    def __str__(self) -> str:
        return self.upper()

    def isspace(self) -> bool:
        return True


@pytest.mark.parametrize(
    "source", ["Bonjour @prenom", "@ville !", "@nom_complet", "@prenom et @prenom"]
)
def test_str_subclass_renders_alike_on_both_paths(source: str) -> None:
    """A str subclass value gives its own characters, whether the fast path runs or not."""
    t = Template(source, missing="empty")
    value = Shouting("zoé")
    contact = {"firstName": value, "ville": value, "name": value}
    fast = t.render(contact)
    careful = t.render(MappingProxyType(contact))  # not a dict: the careful path
    assert fast == careful
    assert "zoé" in fast
    assert "ZOÉ" not in fast


def test_str_subclass_default_gives_its_characters() -> None:
    """A default given as a str subclass is inserted as its characters."""
    t = Template("Bonjour @prenom", defaults={"prenom": Shouting("client")})
    assert t.render({"phone": "1"}) == "Bonjour client"


# ---------------------------------------------------------------------------
# linear time


def _empty_fields(size: int) -> tuple[Template, dict[str, str]]:
    source = " ".join(f"@v{i}" for i in range(size))
    return Template(source, missing="empty"), {f"v{i}": "" for i in range(size)}


def test_many_empty_fields_render_in_linear_time() -> None:
    """missing="empty" next to many empty fields grows linearly (it was quadratic)."""
    # Before: each emptied value searched left through every emptied piece: 10,000
    # fields took 7.4 s against 0.07 s for 1,000.
    ratio = scaling.ratio(_empty_fields, lambda case: case[0].render(case[1]), 1_000)
    assert ratio < scaling.MAX_RATIO


def test_many_empty_fields_collapse_every_space() -> None:
    """Every value empty: all the spaces between them go, and nothing else."""
    template, contact = _empty_fields(5_000)
    assert template.render(contact) == ""
    contact["v4999"] = "fin"
    assert template.render(contact) == "fin"


def test_suggestion_for_a_long_unknown_name_is_bounded() -> None:
    """A long unknown name costs the same whatever its length: no quadratic comparison."""

    def make(size: int) -> tuple[Template, dict[str, int]]:
        fields = {"ab" * size: 1, "ba" * size: 1, "a" * size + "b" * size: 1}
        return Template("@" + "ab" * size + "x"), fields

    def run(case: tuple[Template, dict[str, int]]) -> None:
        with pytest.raises(UnknownVariable):
            case[0].render(case[1])

    assert scaling.ratio(make, run, 300) < scaling.MAX_RATIO


def test_suggestions_skip_names_of_very_different_length() -> None:
    """Close names are still suggested; a name far longer or shorter is not compared."""
    with pytest.raises(UnknownVariable) as info:
        Template("@vile").render({"ville": "x", "v": "y", "villeneuve_sur_lot_x": "z"})
    assert info.value.suggestions[0] == "ville"
    assert not {"v", "villeneuve_sur_lot_x"} & set(info.value.suggestions)
    with pytest.raises(UnknownVariable) as info:
        Template("@" + "x" * 65).render({"x" * 65 + "y": 1})
    assert info.value.suggestions == ()


def _kept_fields(size: int) -> Template:
    return Template(" ".join(f"@v{i}" for i in range(size)), unknown="keep")


def test_bounds_with_many_stand_ins_is_not_exponential() -> None:
    """Many fields kept as text: the bounds no longer try every combination of stand-ins."""
    # Before: 2 ** 16 analyses for 16 fields (1.2 s), twice as many per field added;
    # a 237-character template gave no answer after 8 s.
    template = _kept_fields(40)
    b = template.bounds(default_max_length=1, alphabet="gsm7")
    # Each "@vN" kept as text (3 or 4 septets) is costlier than one € (2 septets): the
    # worst case is the template itself: 189 septets, 2 segments.
    assert b.worst_case == template.source
    assert (b.max_segments, b.max_units) == (2, 189)


def test_bounds_stand_ins_that_cannot_be_ordered_are_combined() -> None:
    """A default that is neither clearly costlier nor cheaper is tried against the value."""
    # "€" (2 septets, atomic) against a value "aa" (2 septets that can split): at 159
    # literal septets before it, "€" cannot fit in the 1 septet left of a segment.
    t = Template("x" * 151 + " @v " + "y" * 151, defaults={"v": "€"})
    b = t.bounds({"v": 2}, alphabet="gsm7-basic")
    assert b.max_segments == 3
    assert analyze(b.worst_case).segments == 3
