"""Properties of the command line: any arguments and any standard input give an exit
status and at most a few lines on stderr, never a traceback nor the last-resort path."""

from __future__ import annotations

import argparse
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsparts.cli import ExitStatus, build_parser, main

from ..strategies import UCS2_ONLY

_FOLDER = tempfile.TemporaryDirectory(prefix="smsparts-cli-props-")
_ROOT = Path(_FOLDER.name)
_FILES = {
    "msg.txt": "Bonjour @prenom,\r\nà demain\u00a0!\n".encode(),
    "bom.txt": b"\xef\xbb\xbfHi\n",
    "cp1252.txt": b"l\x92\xe9t\xe9\n",
    "empty.txt": b"",
    "c.csv": 'phone;prenom\n336;Zoé\n337;"a\nb"\n338\n'.encode(),
    "c.json": json.dumps([{"phone": "1", "prenom": "Zoé"}, 5, {"id": "x"}]).encode(),
    "c.jsonl": b'{"phone": "1"}\n[1]\n{bad\n',
    "deep.json": b"[" + b"[" * 5000 + b"]" * 5000 + b"]",
    "broken.json": b'[{"a": 1',
    "bin.csv": b"\xff\xfe\x00a,b\n\x00\x01",
}
for _name, _data in _FILES.items():
    (_ROOT / _name).write_bytes(_data)
PATHS = [str(_ROOT / name) for name in _FILES] + [str(_ROOT / "missing.txt"), "-"]
OUT_PATHS = [str(_ROOT / "out.jsonl"), str(_ROOT / "no" / "dir" / "out.jsonl"), "-"]

SUBCOMMANDS = ["analyze", "split", "render", "pdu", "decode", "bogus", "--version"]
FLAGS = [
    "--json", "--smart", "--suggest", "--boundary", "--languages", "--single-shift",
    "--locking-shift", "--encoding", "--sms-encoding", "--newlines", "--keep-final-newline",
    "--max-segments", "--contact", "--bounds", "--fields", "--missing", "--default",
    "--keep-unknown", "--max-length", "--default-max-length", "--alphabet",
    "--reference-bits", "--format", "--delimiter", "--trim", "--no-trim", "--quiet", "--ref",
    "--ref16", "--unpacked", "--packed", "--smpp", "--to", "--smsc", "--validity",
    "--status-report", "--mr", "--no-smsc", "--lenient", "--raw", "--bogus", "-",
]  # fmt: skip
VALUES = [
    "0", "1", "255", "256", "-1", "99999999999999999999", "١", "²", "gsm7", "ucs2",
    "cp1252", "utf-16", "klingon", "spanish", "turkish,3", "all", "ascii", "accents",
    "keep", "lf", "grapheme", "codepoint", "{}", '{"prenom": "Zoé"}', "[]", "{",
    '{"a": ' * 300, "prenom=3", "x", "nom=", "=x", "4d", "64w", "9999999999w", "0m",
    "+33612345678", "00", "0011000B915121551532F40000AA01D8", "ZZ", "csv", "json",
    "jsonl", ";", "ab", "\udce9", "\ud800", "Bonjour @prenom", "@{x}", "\x1b[2J", "",
]  # fmt: skip
texts = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from([*UCS2_ONLY, "\r", "\n", "\x1b", "\udce9", "@", "\ufeff"]),
    ),
    max_size=40,
)
arguments = st.lists(
    st.one_of(
        st.sampled_from(FLAGS),
        st.sampled_from(VALUES),
        texts,
        st.tuples(st.sampled_from(["--file", "-f", "--contacts"]), st.sampled_from(PATHS)),
        st.tuples(st.just("--messages"), st.sampled_from(OUT_PATHS)),
    ),
    max_size=8,
)
stdins = st.one_of(
    st.binary(max_size=60),
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(list(_FILES.values())),
)


def _flatten(items: list[str | tuple[str, str]]) -> Iterator[str]:
    for item in items:
        if isinstance(item, tuple):
            yield from item
        else:
            yield item


class _Stdin(io.TextIOWrapper):
    """Standard input over bytes, never a terminal."""

    def isatty(self) -> bool:
        return False


@given(
    command=st.sampled_from(SUBCOMMANDS),
    items=arguments,
    stdin=stdins,
    out_encoding=st.sampled_from(["utf-8", "ascii", "cp1252"]),
)
def test_main_never_crashes(
    command: str, items: list[str | tuple[str, str]], stdin: bytes, out_encoding: str
) -> None:
    """Any argv and stdin: an exit status and one-line errors, never a traceback."""
    argv = [command, *_flatten(items)]
    stdout = io.TextIOWrapper(io.BytesIO(), encoding=out_encoding, errors="strict")
    stderr = io.TextIOWrapper(io.BytesIO(), encoding=out_encoding, errors="strict")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", _Stdin(io.BytesIO(stdin), encoding="utf-8"))
        patch.setattr("sys.stdout", stdout)
        patch.setattr("sys.stderr", stderr)
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help, --version, a bad option
            code = exc.code if isinstance(exc.code, int) else 2
    stderr.flush()
    errors = stderr.buffer.getvalue().decode(out_encoding)
    assert code != ExitStatus.INTERNAL, (argv, errors)
    assert code in {0, 1, 2}, (argv, code, errors)
    assert "Traceback" not in errors, (argv, errors)
    for line in errors.splitlines():
        assert line.startswith("smsparts: ") or "  error: " in line, (argv, errors)


# Options that take a value, with values worth trying; and options that take none.
VALUED = {
    "--smart": ["ascii", "accents", "typography"],
    "--boundary": ["grapheme", "codepoint"],
    "--languages": ["turkish", "all", "spanish,portuguese", "3"],
    "--single-shift": ["spanish", "all", "turkish"],
    "--locking-shift": ["turkish", "portuguese"],
    "--encoding": ["utf-8", "cp1252", "gsm7", "ucs2", "utf-16"],
    "--sms-encoding": ["gsm7", "ucs2"],
    "--newlines": ["keep", "lf"],
    "--max-segments": ["1", "2", "255"],
    "--contact": ["{}", '{"prenom": "Zoé", "phone": "336"}', '{"prenom": "\\ud800"}'],
    "--contacts": PATHS,
    "--messages": OUT_PATHS,
    "--fields": ["prenom", "phone,prenom", ""],
    "--missing": ["raise", "empty"],
    "--default": ["prenom=client", "civilite=Madame, Monsieur"],
    "--max-length": ["prenom=20", "nom_complet=40", "x=0"],
    "--default-max-length": ["0", "10", "300"],
    "--alphabet": ["gsm7", "ucs2", "gsm7-basic", "prenom=gsm7"],
    "--reference-bits": ["8", "16"],
    "--format": ["csv", "json", "jsonl"],
    "--delimiter": [";", ",", "|"],
    "--ref": ["0", "255", "65535"],
    "--to": ["+33612345678", "0612345678", "123"],
    "--smsc": ["+33609001390"],
    "--validity": ["5m", "12h", "4d", "63w"],
    "--mr": ["0", "255"],
}
BARE = [
    "--json", "--suggest", "--keep-final-newline", "--bounds", "--keep-unknown",
    "--no-trim", "--quiet", "--ref16", "--unpacked", "--packed", "--smpp",
    "--status-report", "--no-smsc", "--lenient", "--raw",
]  # fmt: skip
TEMPLATES = ["Bonjour @prenom", "@nom_complet, votre RDV", "@{x}", "Prix : 10€ @@", "ç @x"]
PDUS = [
    "0011000B915121551532F40000AA01D8",
    "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07",
    "0011000B915121551532F40008AA02D800",
    "00",
]


def _accepted() -> dict[str, set[str]]:
    """The option strings each subcommand accepts, read from the parser itself."""
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {
        name: {s for action in child._actions for s in action.option_strings}
        for name, child in sub.choices.items()
    }


ACCEPTED = _accepted()


def options(command: str) -> st.SearchStrategy[list[str | tuple[str, str]]]:
    """Options of ``command`` (every one of VALUED and BARE it accepts) with values."""
    valued = sorted(flag for flag in VALUED if flag in ACCEPTED[command])
    bare = [flag for flag in BARE if flag in ACCEPTED[command]]
    return st.lists(
        st.one_of(
            st.sampled_from(valued).flatmap(
                lambda flag: st.tuples(st.just(flag), st.sampled_from(VALUED[flag]))
            ),
            st.sampled_from(bare),
            st.tuples(st.just("--file"), st.sampled_from(PATHS)),
        ),
        max_size=5,
    )


positional = st.one_of(
    st.none(), texts, st.sampled_from(TEMPLATES), st.sampled_from(PDUS), st.just("-")
)


@given(
    call=st.sampled_from(["analyze", "split", "render", "pdu", "decode"]).flatmap(
        lambda command: st.tuples(st.just(command), options(command))
    ),
    text=positional,
    stdin=stdins,
)
def test_main_with_plausible_arguments_never_crashes(
    call: tuple[str, list[str | tuple[str, str]]], text: str | None, stdin: bytes
) -> None:
    """Arguments each subcommand knows, in any mix: never the last-resort path."""
    command, items = call
    argv = [command, *([] if text is None else [text]), *_flatten(items)]
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", _Stdin(io.BytesIO(stdin), encoding="utf-8"))
        patch.setattr("sys.stdout", stdout)
        patch.setattr("sys.stderr", stderr)
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    stderr.flush()
    errors = stderr.buffer.getvalue().decode("utf-8")
    assert code in {0, 1, 2}, (argv, code, errors)
    for line in errors.splitlines():
        assert line.startswith("smsparts: ") or "  error: " in line, (argv, errors)


contact_values = st.one_of(texts, st.integers(), st.none(), st.booleans())
contact_objects = st.dictionaries(
    st.sampled_from(["id", "phone", "prenom", "nom", "firstName", "lastName", "sex", "x"]),
    contact_values,
    max_size=5,
)


@given(
    template=st.one_of(st.sampled_from(TEMPLATES), texts),
    contacts=st.lists(contact_objects, max_size=6),
    kind=st.sampled_from(["json", "jsonl", "csv"]),
    extra=st.lists(st.sampled_from(["--json", "-q", "--no-trim", "--keep-unknown"]), max_size=2),
    missing=st.sampled_from(["raise", "empty"]),
)
def test_render_contacts_never_crashes(
    template: str, contacts: list[dict[str, object]], kind: str, extra: list[str], missing: str
) -> None:
    """render --contacts over generated contacts: an exit status, JSON that parses."""
    path = _ROOT / f"generated.{kind}"
    if kind == "json":
        path.write_text(json.dumps(contacts), encoding="utf-8", errors="surrogatepass")
    elif kind == "jsonl":
        path.write_text("".join(json.dumps(c) + "\n" for c in contacts), encoding="utf-8")
    else:
        names = sorted({k for c in contacts for k in c}) or ["phone"]
        lines = [";".join(names)] + [
            ";".join('"' + str(c.get(n, "")).replace('"', '""') + '"' for n in names)
            for c in contacts
        ]
        path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogateescape"))
    argv = ["render", "--contacts", str(path), "--missing", missing, *extra]
    # "--" before the template: a template may start with "-" (as "-:" does)
    argv += ["--messages", str(_ROOT / "generated-out.jsonl"), "--", template]
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", _Stdin(io.BytesIO(b""), encoding="utf-8"))
        patch.setattr("sys.stdout", stdout)
        patch.setattr("sys.stderr", stderr)
        code = main(argv)
    stdout.flush()
    stderr.flush()
    errors = stderr.buffer.getvalue().decode("utf-8")
    assert code in {0, 1, 2}, (argv, code, errors)
    if "--json" in extra and code != 2 and stdout.buffer.getvalue():
        json.loads(stdout.buffer.getvalue().decode("utf-8"))
    for line in (_ROOT / "generated-out.jsonl").read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) <= {"id", "phone", "text", "encoding", "units", "segments"}
