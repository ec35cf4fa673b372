"""The smsparts command line: the ``pdu`` and ``decode`` subcommands (wire format)."""

from __future__ import annotations

import io
import json

import pytest

from smsparts.cli import main

from .conftest import load_vectors

TPDU = {v["id"]: v for v in load_vectors("tpdu")["vectors"]}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_pdu_single_segment(capsys: pytest.CaptureFixture[str]) -> None:
    """pdu prints DCS, UDL, header and the packed user data of each segment."""
    code, out, err = run(capsys, "pdu", "hellohello")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "[1/1] gsm7, DCS 0x00, UDL 10 septets",
        "  udh:        none",
        "  user data:  E8329BFD4697D9EC37",
    ]


def test_pdu_to_builds_cmgs(capsys: pytest.CaptureFixture[str]) -> None:
    """--to prints AT+CMGS=<length> and the PDU of the SMS-SUBMIT vector."""
    code, out, _ = run(capsys, "pdu", "hellohello", "--to", "+46708251358", "--validity", "4d")
    assert code == 0
    lines = out.splitlines()
    assert lines[-2:] == ["  AT+CMGS=23", "  " + TPDU["submit-hellohello"]["pdu_hex"]]


def test_pdu_concatenated_smpp(capsys: pytest.CaptureFixture[str]) -> None:
    """--smpp sends GSM-7 unpacked and prints submit_sm fields with UDHI in esm_class."""
    code, out, _ = run(capsys, "pdu", "1" * 161, "--smpp", "--ref", "23")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "[1/2] gsm7, DCS 0x00, UDL 159 octets"
    assert lines[1] == "  udh:        050003170201 (part 1/2, ref 23 (8-bit))"
    assert lines[2] == "  user data:  050003170201" + "31" * 153
    assert lines[3] == "  submit_sm:  data_coding 0x00, esm_class 0x40, sm_length 159"


def test_pdu_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--json gives per-segment header, fill bits, UDL and user data."""
    code, out, _ = run(capsys, "pdu", "Ğş", "--languages", "turkish", "--json")
    assert code == 0
    (row,) = json.loads(out)
    assert row["udh"]["hex"] == "03250101"
    assert row["udh"]["locking_shift"] == "turkish"
    assert (row["fill_bits"], row["udl"], row["dcs"]) == (3, 5 + 2, 0)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["x", "--ref", "300"], "--ref must be 0 to 255", id="ref"),
        pytest.param(["x", "--to", "12a"], "'a' is not a digit", id="number"),
        pytest.param(["x", "--to", "1", "--unpacked"], "packed", id="unpacked-tpdu"),
        pytest.param(["x", "--to", "1", "--validity", "64w"], "63 weeks", id="validity"),
        pytest.param(["x", "--validity", "3y"], "bad validity", id="validity-unit"),
    ],
)
def test_pdu_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Bad options are one line on stderr and exit code 2."""
    try:
        code = main(["pdu", *argv])
    except SystemExit as exc:  # argparse rejects a bad --validity itself
        code = int(exc.code or 0)
    _, err = capsys.readouterr()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert message in err


def test_decode_deliver(capsys: pytest.CaptureFixture[str]) -> None:
    """decode prints the fields and text of an SMS-DELIVER."""
    code, out, _ = run(capsys, "decode", TPDU["deliver-test"]["pdu_hex"])
    assert code == 0
    assert out.splitlines() == [
        "type:        SMS-DELIVER",
        "smsc:        +14155551212 (TOA 0x91)",
        "originator:  +16505551111 (TOA 0x91)",
        "timestamp:   2006-06-06T15:03:03-07:00",
        "pid:         0x00",
        "dcs:         0x00 (gsm7)",
        "udl:         4",
        "udh:         none",
        "text:        Test",
    ]


def test_decode_json_concatenated(capsys: pytest.CaptureFixture[str]) -> None:
    """decode --json gives the header's concatenation fields and fill bits."""
    code, out, _ = run(capsys, "decode", TPDU["deliver-concat-part2"]["pdu_hex"], "--json")
    assert code == 0
    result = json.loads(out)
    assert result["udh"]["concatenation"] == {
        "reference": 0,
        "total": 2,
        "sequence": 2,
        "reference_bits": 8,
    }
    assert result["fill_bits"] == 1
    assert result["text"] == "1111111" + "2" * 21


def test_decode_no_smsc(capsys: pytest.CaptureFixture[str]) -> None:
    """--no-smsc reads a bare TPDU; spaces in the hex are ignored."""
    code, out, _ = run(
        capsys, "decode", "--no-smsc", "01 00 0B917228001011F1 0000 0CC8329BFD065DDF72363904"
    )
    assert code == 0
    assert out.splitlines()[-1] == "text:        Hello World!"


@pytest.mark.parametrize(
    ("hex_text", "code", "message"),
    [
        pytest.param("zz", 2, "not hex: 'z' at index 0", id="not-hex"),
        pytest.param("001", 2, "odd number of hex digits", id="odd"),
        pytest.param("0002", 1, "tp_mr at octet 2", id="truncated-status-report"),
        pytest.param("0001000B9172", 1, "tp_da.value at octet 5", id="truncated"),
    ],
)
def test_decode_errors(
    capsys: pytest.CaptureFixture[str], hex_text: str, code: int, message: str
) -> None:
    """Bad hex exits 2, undecodable bytes exit 1; one line on stderr either way."""
    got, out, err = run(capsys, "decode", hex_text)
    assert (got, out) == (code, "")
    assert len(err.splitlines()) == 1
    assert message in err


def test_decode_submit_fields(capsys: pytest.CaptureFixture[str]) -> None:
    """A SUBMIT shows its SMSC, TP-MR and validity period in its own unit."""
    code, out, _ = run(capsys, "decode", TPDU["submit-this-is-testing"]["pdu_hex"])
    assert code == 0
    assert out.splitlines()[:5] == [
        "type:        SMS-SUBMIT",
        "smsc:        +358405202090 (TOA 0x91)",
        "destination: +358478400241 (TOA 0x91)",
        "mr:          0",
        "validity:    A7 (1 day)",
    ]


def test_decode_8bit_data(capsys: pytest.CaptureFixture[str]) -> None:
    """8-bit user data is shown as hex, not text."""
    code, out, _ = run(capsys, "decode", TPDU["submit-8bit"]["pdu_hex"])
    assert code == 0
    lines = out.splitlines()
    assert "dcs:         0x04 (8bit)" in lines
    assert lines[-1] == "data:        48656C6C6F20776F726C6421"


def test_decode_reads_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without HEX, decode reads standard input."""
    monkeypatch.setattr("sys.stdin", io.StringIO(TPDU["deliver-ucs2"]["pdu_hex"] + "\n"))
    code, out, _ = run(capsys, "decode", "--json")
    assert code == 0
    assert json.loads(out)["text"] == "™©®hello"


def test_pdu_smsc_status_report_mr(capsys: pytest.CaptureFixture[str]) -> None:
    """--smsc, --status-report and --mr go into the TPDU; UCS-2 text counts octets."""
    code, out, _ = run(
        capsys,
        *("pdu", "世界您好！", "--to", "+123456789", "--smsc", "+44000000000"),
        *("--validity", "52w", "--status-report", "--mr", "5", "--json"),
    )
    assert code == 0
    (row,) = json.loads(out)
    # SRR (0x20) added to the vector's first octet 0x11; TP-MR 05
    assert row["tpdu"] == TPDU["submit-ucs2-cjk"]["pdu_hex"].replace("F01100", "F03105", 1)
    assert (row["cmgs_length"], row["udl"], row["dcs"]) == (23, 10, 8)


def test_pdu_bad_mr(capsys: pytest.CaptureFixture[str]) -> None:
    """--mr outside 0..255 exits 2."""
    with pytest.raises(SystemExit) as info:  # argparse checks the range itself
        main(["pdu", "x", "--to", "1", "--mr", "256"])
    assert info.value.code == 2
    assert capsys.readouterr().err == (
        "smsparts: error: argument --mr: expected a number from 0 to 255, not 256\n"
    )


REPORTS = {v["id"]: v for v in load_vectors("status_report")["vectors"]}


def test_decode_status_report(capsys: pytest.CaptureFixture[str]) -> None:
    """A status report (python-gsmmodem / ATLib vector) decodes with its status."""
    vector = REPORTS["sr-received-default-smsc"]
    code, out, err = run(capsys, "decode", vector["pdu_hex"])
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "type:        SMS-STATUS-REPORT",
        "recipient:   +31628870634 (TOA 0x91)",
        "mr:          214",
        "timestamp:   2011-01-11T17:59:15+01:00",
        "discharge:   2011-01-11T17:59:17+01:00",
        "status:      0x00 (completed: short message received by the SME)",
    ]
    code, out, _ = run(capsys, "decode", vector["pdu_hex"], "--json")
    data = json.loads(out)
    decoded = vector["decoded"]
    assert (data["recipient"]["value"], data["message_reference"]) == (
        decoded["recipient"],
        decoded["message_reference"],
    )
    assert (data["first_octet"], data["status"]["value"]) == (
        decoded["first_octet"],
        decoded["status"],
    )
    assert data["status"]["delivered"] is True
