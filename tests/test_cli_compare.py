"""smsparts compare: every provider profile's count of one message, side by side."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from smsparts.cli import main
from smsparts.profiles import PROFILES


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, stdin: str | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("sys.stdin", io.StringIO(stdin))
            code = main(list(argv))
    else:
        code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_prints_one_row_per_builtin(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --profiles every built-in is compared, one table row each."""
    code, out, err = run(capsys, "compare", "]" * 153)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["profile", "encoding", "units", "chars", "segments"]
    assert [line.split()[0] for line in lines[1:]] == list(PROFILES)
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert rows["twilio"][4] == "3"
    assert rows["notify"][4] == "2"


def test_compare_selected_profiles(capsys: pytest.CaptureFixture[str]) -> None:
    """--profiles a,b keeps those profiles, in that order."""
    code, out, _ = run(capsys, "compare", "--profiles", "smpp-bytes, spec", "a" * 157)
    assert code == 0
    assert out.splitlines() == [
        "profile     encoding  units  chars  segments  limits  why it differs",
        "smpp-bytes  gsm7        157    157         2  -       sent unsplit only up to 140 "
        "septets (the spec: 160): 157 septets are cut into 2 parts",
        "spec        gsm7        157    157         1  -       -",
    ]


def test_compare_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints the comparison as one JSON object."""
    code, out, _ = run(capsys, "compare", "--json", "--profiles", "twilio", "a" * 1601)
    assert code == 0
    data = json.loads(out)
    assert data["characters"] == 1601
    (twilio,) = data["profiles"]
    assert twilio["segments"] == 11
    assert twilio["limits_hit"][0]["kind"] == "max_characters"


def test_compare_reads_stdin_and_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The message comes from standard input or --file, with the usual hygiene."""
    code, out, _ = run(capsys, "compare", "--profiles", "spec", stdin="Bonjour\n")
    assert code == 0
    assert out.splitlines()[1].split()[:5] == ["spec", "gsm7", "7", "7", "1"]
    path = tmp_path / "m.txt"
    path.write_text("é" * 161, encoding="utf-8")
    code, out, _ = run(capsys, "compare", "--profiles", "spec", "--file", str(path))
    assert code == 0
    assert out.splitlines()[1].split()[:5] == ["spec", "gsm7", "161", "161", "2"]


def test_compare_custom_profile_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--profile-file adds a custom profile after the chosen built-ins."""
    path = tmp_path / "agg.toml"
    path.write_text('name = "agg"\nbase = "smpp-bytes"\nmax_segments = 1\n', encoding="utf-8")
    code, out, _ = run(
        capsys, "compare", "--profiles", "spec", "--profile-file", str(path), "a" * 157
    )
    assert code == 0
    agg = out.splitlines()[2]
    assert agg.startswith("agg ")
    assert "2 segments > 1 (refused)" in agg


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--profiles", "twillio"], "did you mean 'twilio'?"),
        (["--profiles", " , "], "--profiles: give at least one profile name"),
        (["--profile-file", "/nonexistent/p.toml"], "--profile-file /nonexistent/p.toml"),
    ],
)
def test_compare_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """A bad profile name, an empty list or a missing file exits 2 with one line."""
    code, out, err = run(capsys, "compare", *argv, "hi")
    assert code == 2
    assert out == ""
    assert err.startswith("smsparts: error: ")
    assert message in err
    assert len(err.splitlines()) == 1


def test_compare_bad_key_in_profile_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An unknown key in a profile file exits 2 naming the key, its line and a suggestion."""
    path = tmp_path / "p.toml"
    path.write_text('name = "p"\nmax_segment = 3\n', encoding="utf-8")
    code, _, err = run(capsys, "compare", "--profile-file", str(path), "hi")
    assert code == 2
    assert err == (
        "smsparts: error: max_segment (line 2) must be a known key "
        "(did you mean 'max_segments'?), not 3\n"
    )


TEMPLATE = (
    "Bonjour @prenom, votre colis [réf. {@nom}] est arrivé. Retrait au point relais "
    "avant samedi 18h, muni d'une pièce d'identité. Merci !"
)
CSV = (
    "phone,firstName,lastName\n"
    "33612345678,Zoé,Lefèvre\n"
    "33612345679,François,Dupont\n"
    "33612345670,,Martin\n"
)


def test_compare_contacts_totals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """With --contacts, TEXT is a template and each profile's totals are printed."""
    path = tmp_path / "c.csv"
    path.write_text(CSV, encoding="utf-8")
    code, out, err = run(
        capsys, "compare", "--contacts", str(path), "--profiles", "spec,notify", TEMPLATE
    )
    assert code == 1  # the third contact has no first name: not rendered, not counted
    assert out.splitlines() == [
        "profile  messages  segments  vs spec  refused  corrupting  differing",
        "spec            2         4        0        0           0          0",
        "notify          2         2       -2        0           0          1",
    ]
    assert err.startswith("smsparts: error: 1 contact not rendered, not counted (first: ")
    assert f"{path}:4: " in err


def test_compare_contacts_missing_empty_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--missing empty renders every contact; --json gives the totals and the skipped count."""
    path = tmp_path / "c.csv"
    path.write_text(CSV, encoding="utf-8")
    code, out, err = run(
        capsys,
        "compare",
        "--contacts",
        str(path),
        "--missing",
        "empty",
        "--profiles",
        "spec",
        "--json",
        TEMPLATE,
    )
    assert code == 0
    assert err == ""
    data = json.loads(out)
    assert data["skipped"] == 0
    assert data["profiles"][0]["messages"] == 3
