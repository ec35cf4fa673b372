"""smsparts.scale: partitions read like the whole file, and every engine gives one report."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("phonenumbers")
pa = pytest.importorskip("pyarrow")

from smsparts import InvalidOption, scale  # noqa: E402
from smsparts.campaign import check_campaign  # noqa: E402
from smsparts.readers import iter_contacts  # noqa: E402
from smsparts.scale._sources import (  # noqa: E402
    SourceError,
    iter_partition,
    plan_csv,
    plan_jsonl,
    plan_parquet,
    plan_source,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import gen_contacts  # noqa: E402

NOW = "2024-03-18T08:00:00Z"
PAYLOAD: dict[str, Any] = {
    "contacts": [{"phone": "2250701000001", "firstName": "Zoé", "lastName": "Koné"}],
    "text": "Bonjour @prenom, votre séance est demain à 10h.",
    "senderId": "My Sender",
}
ROWS = 1500


def _rows(parts: list[scale.Partition]) -> list[tuple[object, ...]]:
    return [tuple(row) for part in parts for row in iter_partition(part)]


def _whole(path: Path, **options: Any) -> list[tuple[object, ...]]:
    return [tuple(row) for row in iter_contacts(path, **options)]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("contacts")
    return {
        suffix: gen_contacts.write(folder / f"contacts{suffix}", ROWS, seed=5, row_group_rows=200)
        for suffix in (".csv", ".jsonl", ".parquet")
    }


@pytest.fixture(scope="module")
def reference(files: dict[str, Path]) -> dict[str, Any]:
    """The one-process report of each file (Parquet: the serial engine in one partition)."""
    out: dict[str, Any] = {}
    for suffix, path in files.items():
        if suffix == ".parquet":
            report = scale.check(PAYLOAD, [path], engine="serial", partitions=1, now=NOW)
        else:
            report = check_campaign(PAYLOAD, contacts=[path], now=NOW)
        out[suffix] = report.to_state()
    return out


# ---------------------------------------------------------------------------
# planning and reading


@pytest.mark.parametrize("partitions", [1, 2, 3, 7, 50])
def test_csv_partitions_read_as_the_whole_file(tmp_path: Path, partitions: int) -> None:
    """CSV byte ranges give the rows, line numbers and problems of one reader of the file."""
    path = tmp_path / "c.csv"
    lines = ["phone;name;note\r\n"]
    for i in range(120):
        note = ['"two\nlines"', '"a ""quote"""', "plain", '"semi;colon"', ""][i % 5]
        extra = ";x" if i % 17 == 0 else ""  # a ragged row
        lines.append(f"225070100{i:04d};Zoé {i};{note}{extra}\r\n")
        if i % 23 == 0:
            lines.append("\r\n")  # a blank line
    path.write_bytes(("\ufeff" + "".join(lines)).encode("utf-8"))
    parts = plan_csv(path, partitions=partitions)
    assert len(parts) == min(partitions, 50)
    assert _rows(parts) == _whole(path)
    assert any(row[3] is not None for row in _rows(parts))  # ragged rows are reported


@pytest.mark.parametrize("partitions", [1, 3, 7])
def test_jsonl_partitions_read_as_the_whole_file(tmp_path: Path, partitions: int) -> None:
    """JSON-lines byte ranges give the rows, line numbers and problems of one reader."""
    path = tmp_path / "c.jsonl"
    lines = []
    for i in range(80):
        lines.append(json.dumps({"phone": f"22507010{i:05d}", "name": "Zoé"}, ensure_ascii=False))
        if i % 13 == 0:
            lines.append("[1, 2]")  # not an object
        if i % 19 == 0:
            lines.append("{broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = plan_jsonl(path, partitions=partitions)
    assert len(parts) == partitions
    assert _rows(parts) == _whole(path)


def test_cp1252_csv_is_read_with_its_encoding(tmp_path: Path) -> None:
    """A spreadsheet's cp1252 export is read when its encoding is given."""
    path = tmp_path / "c.csv"
    path.write_bytes("phone,name\n2250701000001,Fran\xe7oise\n".encode("cp1252"))
    parts = plan_csv(path, partitions=2, encoding="cp1252")
    assert [row.fields["name"] for part in parts for row in iter_partition(part)] == ["Françoise"]


def test_undecodable_csv_names_file_line_and_way_out(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 give an error naming the file, the line and --encoding."""
    path = tmp_path / "c.csv"
    path.write_bytes(b"phone,name\n2250701000001,ok\n2250701000002,Fran\xe7oise\n")
    (part,) = plan_csv(path, partitions=1)
    with pytest.raises(SourceError) as caught:
        list(iter_partition(part))
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"{path}:3: not valid utf-8 (byte 0xE7) at byte offset 46")
    assert "--encoding cp1252" in str(caught.value)


def test_utf16_cannot_be_cut_into_byte_ranges(tmp_path: Path) -> None:
    """An encoding whose line break is not one byte is refused with a way out."""
    path = tmp_path / "c.csv"
    path.write_bytes("phone\n1\n".encode("utf-16"))
    with pytest.raises(SourceError, match="cannot be cut into byte ranges"):
        plan_csv(path, partitions=2, encoding="utf-16")


def test_empty_csv_is_an_error_at_line_1(tmp_path: Path) -> None:
    """An empty CSV file has no header: an error at line 1, not an empty report."""
    path = tmp_path / "c.csv"
    path.write_bytes(b"")
    with pytest.raises(SourceError) as caught:
        plan_csv(path, partitions=3)
    assert caught.value.line == 1


def test_header_only_csv_has_no_rows(tmp_path: Path) -> None:
    """A CSV file with a header and no row plans to partitions with no row."""
    path = tmp_path / "c.csv"
    path.write_text("phone,name\n", encoding="utf-8")
    assert _rows(plan_csv(path, partitions=3)) == []


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    """A file that does not exist is named in a SourceError."""
    with pytest.raises(SourceError, match="cannot read"):
        plan_source(tmp_path / "nope.csv", partitions=2)


def test_json_array_is_refused_with_the_alternatives(tmp_path: Path) -> None:
    """A JSON array cannot be cut: the error names JSON lines, CSV and Parquet."""
    path = tmp_path / "c.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(SourceError, match="JSON lines"):
        plan_source(path, partitions=2)


def test_parquet_rows_are_numbered_from_1_per_file(files: dict[str, Path]) -> None:
    """Parquet partitions follow row groups and number rows from 1 in the file."""
    parts = plan_parquet(files[".parquet"], partitions=3)
    rows = _rows(parts)
    assert [row[1] for row in rows] == list(range(1, ROWS + 1))
    assert len(parts) == 3
    assert sum(len(p.row_groups) for p in parts) == -(-ROWS // 200)


def test_parquet_folder_numbers_each_file(tmp_path: Path) -> None:
    """A folder of Parquet files is read file by file, rows numbered per file."""
    for name in ("a.parquet", "b.parquet"):
        gen_contacts.write(tmp_path / name, 30, seed=len(name), row_group_rows=10)
    parts = plan_parquet(tmp_path, partitions=4)
    sources = {p.source for p in parts}
    assert sources == {str(tmp_path / "a.parquet"), str(tmp_path / "b.parquet")}
    rows = _rows(parts)
    assert [r[1] for r in rows if str(r[0]).endswith("b.parquet")] == list(range(1, 31))


# ---------------------------------------------------------------------------
# the same report from every engine


ENGINES = [
    pytest.param("serial", None, id="serial"),
    pytest.param("local", None, id="local"),
    pytest.param("dask", "synchronous", id="dask-synchronous"),
]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
@pytest.mark.parametrize("partitions", [1, 3, 7])
@pytest.mark.parametrize(("engine", "scheduler"), ENGINES)
def test_every_engine_gives_the_one_process_report(
    files: dict[str, Path],
    reference: dict[str, Any],
    suffix: str,
    partitions: int,
    engine: str,
    scheduler: str | None,
) -> None:
    """Serial, a process pool and Dask give the one-process report, for 1, 3 and 7 parts."""
    report = scale.check(
        PAYLOAD,
        [files[suffix]],
        engine=engine,
        scheduler=scheduler,
        workers=2,
        partitions=partitions,
        now=NOW,
    )
    assert report.to_state() == reference[suffix]


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A 2-worker Dask cluster's address: the one CI started, or a LocalCluster.

    ``.ci/run`` starts ``dask scheduler`` and ``dask worker`` as separate programs and
    names the scheduler in ``SMSPARTS_DASK_SCHEDULER``, so the tests reach a cluster the
    way a user's cluster is reached; without it, a LocalCluster is started and stopped.
    """
    distributed = pytest.importorskip("distributed")
    address = os.environ.get("SMSPARTS_DASK_SCHEDULER")
    if address:
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
        return
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
    ) as running:
        yield running.scheduler_address


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
@pytest.mark.parametrize("partitions", [1, 3, 7])
def test_dask_local_cluster_gives_the_one_process_report(
    cluster: str, files: dict[str, Path], reference: dict[str, Any], suffix: str, partitions: int
) -> None:
    """A 2-worker LocalCluster, reached by its address, gives the one-process report."""
    report = scale.check(
        PAYLOAD, [files[suffix]], engine="dask", scheduler=cluster, partitions=partitions, now=NOW
    )
    assert report.to_state() == reference[suffix]


def test_dask_embedded_local_cluster(files: dict[str, Path], reference: dict[str, Any]) -> None:
    """engine="dask" without a scheduler starts a 2-worker LocalCluster, and stops it."""
    pytest.importorskip("distributed")
    report = scale.check(
        PAYLOAD, [files[".jsonl"]], engine="dask", workers=2, partitions=3, now=NOW
    )
    assert report.to_state() == reference[".jsonl"]


def test_dask_dataframe_source(
    cluster: str, files: dict[str, Path], reference: dict[str, Any]
) -> None:
    """A Dask DataFrame the caller built is checked partition by partition, rows from 1."""
    dd = pytest.importorskip("dask.dataframe")
    frame = dd.read_parquet(files[".parquet"], split_row_groups=True)
    assert frame.npartitions > 1
    report = scale.check(
        PAYLOAD,
        [frame],
        engine="dask",
        scheduler=cluster,
        frame_name=str(files[".parquet"]),
        now=NOW,
    )
    assert report.to_state() == reference[".parquet"]


def test_dataframe_needs_the_dask_engine(files: dict[str, Path]) -> None:
    """A Dask DataFrame with another engine is an InvalidOption naming the engine."""
    dd = pytest.importorskip("dask.dataframe")
    frame = dd.read_parquet(files[".parquet"])
    with pytest.raises(InvalidOption, match="engine"):
        scale.check(PAYLOAD, [frame], engine="local", now=NOW)


def test_cross_partition_duplicates_are_exact(tmp_path: Path) -> None:
    """A phone repeated in a later partition is one recipient and one warning at the repeat."""
    path = tmp_path / "c.csv"
    rows = [f"2250701{i:06d},Zoé" for i in range(300)]
    rows[250] = rows[10]  # the same phone in the first and the last part
    rows[260] = "2250701000001,Zoé"  # a phone of the payload's own contacts
    path.write_text("phone,firstName\n" + "\n".join(rows) + "\n", encoding="utf-8")
    single = check_campaign(PAYLOAD, contacts=[path], now=NOW)
    split = scale.check(PAYLOAD, [path], engine="serial", partitions=4, now=NOW)
    assert split.to_state() == single.to_state()
    duplicates = [i.path for i in split.issues if i.code == "phone.duplicate"]
    # row 1 (line 3) is the payload contact's phone too
    assert duplicates == [f"{path}:3.phone", f"{path}:252.phone", f"{path}:262.phone"]


def test_groups_are_checked_after_every_partition(tmp_path: Path) -> None:
    """Group members that were recipients in a file are duplicates, as in one process."""
    path = tmp_path / "c.csv"
    path.write_text(
        "phone,firstName\n" + "\n".join(f"2250701{i:06d},Zoé" for i in range(50)) + "\n",
        encoding="utf-8",
    )
    payload = {**PAYLOAD, "groupsIds": ["g1"]}
    groups = {
        "g1": [
            {"phone": "2250701000040", "firstName": "Awa"},
            {"phone": "2250709999999", "firstName": "Yao"},
        ]
    }
    single = check_campaign(payload, contacts=[path], groups=groups, now=NOW)
    split = scale.check(payload, [path], engine="serial", partitions=3, groups=groups, now=NOW)
    assert split.to_state() == single.to_state()
    # the payload contact, the 49 other file rows (row 1 repeats it), one new group member
    assert single.estimate.recipients == 1 + 49 + 1


def test_partials_round_trip_through_json(files: dict[str, Path]) -> None:
    """A partial result survives JSON (for Spark, Ray or a queue) and merges the same."""
    parts = scale.plan([files[".csv"]], partitions=3)
    job = {"payload": PAYLOAD, "options": {"now": NOW}, "trim": True}
    partials = [scale.check_partition(job, part) for part in parts]
    again = [scale.Partial.from_json(json.loads(json.dumps(p.to_json()))) for p in partials]
    assert again == partials
    assert (
        scale.merge_partials(reversed(again)).to_state()
        == scale.merge_partials(partials).to_state()
    )


def test_bad_options_are_rejected_before_any_work(files: dict[str, Path]) -> None:
    """Unknown engines, a scheduler without dask and bad worker counts are clear errors."""
    with pytest.raises(InvalidOption, match="engine"):
        scale.check(PAYLOAD, [files[".csv"]], engine="spark", now=NOW)
    with pytest.raises(InvalidOption, match="scheduler"):
        scale.check(PAYLOAD, [files[".csv"]], engine="local", scheduler="tcp://x:1", now=NOW)
    with pytest.raises(TypeError, match="workers"):
        scale.check(PAYLOAD, [files[".csv"]], workers="2", now=NOW)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="source"):
        scale.check(PAYLOAD, [42], engine="serial", now=NOW)


def test_progress_is_called_per_partition(files: dict[str, Path]) -> None:
    """The progress callback sees every partition finish, the last call (total, total)."""
    calls: list[tuple[int, int]] = []
    scale.check(
        PAYLOAD,
        [files[".jsonl"]],
        engine="serial",
        partitions=3,
        now=NOW,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_core_never_imports_the_optional_engines() -> None:
    """import smsparts and analyze import neither pyarrow, dask nor phonenumbers."""
    code = (
        "import sys, smsparts; smsparts.analyze('hi'); "
        "print(sorted(m for m in ('pyarrow', 'dask', 'distributed', 'phonenumbers') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert out.stdout.strip() == "[]"


def test_generated_phones_are_checked_by_phonenumbers() -> None:
    """The generator's clean phones are valid mobiles for phonenumbers itself."""
    import phonenumbers

    clean = [c["phone"] for c in gen_contacts.contacts(300, seed=1, mistakes=0.0)]
    for phone in clean:
        number = phonenumbers.parse("+" + phone)
        assert phonenumbers.is_valid_number(number), phone


def test_csv_written_by_the_generator_is_plain_csv(files: dict[str, Path]) -> None:
    """The generated CSV reads back with csv.DictReader to the generator's rows."""
    with files[".csv"].open(encoding="utf-8", newline="") as handle:
        read = list(csv.DictReader(handle))
    assert read == list(gen_contacts.contacts(ROWS, seed=5))


# ---------------------------------------------------------------------------
# the command line


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from smsparts.cli import main

    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_engine_prints_the_one_process_report(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check --engine serial|local prints the JSON and exit status of the one-process check."""
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(PAYLOAD, ensure_ascii=False), encoding="utf-8")
    base = ["check", str(payload), "--contacts", str(files[".csv"]), "--now", NOW, "--json"]
    status, single, _ = _cli(base, capsys)
    for extra in (
        ["--engine", "serial", "--partitions", "3"],
        ["--engine", "local", "--workers", "2"],
    ):
        got_status, got, err = _cli([*base, *extra], capsys)
        assert (got_status, json.loads(got)) == (status, json.loads(single)), err
    assert status == 1  # the generated list has errors on purpose


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--workers", "2"], "--workers goes with --engine"),
        (["--engine", "local", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler goes with"),
        (["--engine", "local", "--messages", "out.jsonl"], "drop --engine"),
        (["--engine", "spark"], "invalid choice"),
    ],
)
def test_cli_engine_usage_errors(
    files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    """Scale-out options used wrongly are usage errors (exit 2) in one line, no traceback."""
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(PAYLOAD), encoding="utf-8")
    argv = ["check", str(payload), "--contacts", str(files[".csv"]), "--now", NOW, *extra]
    try:
        status, _, err = _cli(argv, capsys)
    except SystemExit as exit_:  # argparse's own usage errors
        status, err = int(exit_.code or 0), capsys.readouterr().err
    assert status == 2
    assert message in err
    assert "Traceback" not in err


def test_cli_json_array_with_engine_names_the_way_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON array cannot be partitioned: the error names the file and the alternatives."""
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(PAYLOAD), encoding="utf-8")
    contacts = tmp_path / "c.json"
    contacts.write_text('[{"phone": "2250701000009"}]', encoding="utf-8")
    status, _, err = _cli(
        ["check", str(payload), "--contacts", str(contacts), "--engine", "local"], capsys
    )
    assert status == 2
    assert str(contacts) in err
    assert "JSON lines" in err


def test_cli_unreachable_scheduler_is_a_usage_error(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scheduler address where nothing listens is reported in one line (exit 2)."""
    pytest.importorskip("distributed")
    import socket

    with socket.socket() as probe:  # a free local port: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(PAYLOAD), encoding="utf-8")
    argv = [
        "check",
        str(payload),
        "--contacts",
        str(files[".csv"]),
        "--now",
        NOW,
        "--engine",
        "dask",
        "--scheduler",
        f"tcp://127.0.0.1:{port}",
    ]
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        status, _, err = _cli(argv, capsys)
    assert status == 2
    assert "cannot connect" in err
