"""Benchmark of the campaign check against reading the same CSV with csv.DictReader.

Issue 11: checking a CSV list of contacts (full phone validity, prices, one template
variable) may take at most 6x the time of reading the same file with ``csv.DictReader``
in the same run, with peak memory under 150 MB for 1,000,000 contacts.  The group times,
over one seeded CSV written to a temporary directory:

* the floor: ``csv.DictReader`` over the file, every row read;
* ``smsparts.readers.iter_contacts`` over the file (what the check reads through);
* ``CampaignChecker.check`` over the file: phones, template, segments, duplicates,
  prices, the report (target: at most 6x the floor).

Peak memory is measured in a child process (``ru_maxrss``, the resident set at its
peak, interpreter and imports included) running the same check.

The default list holds 20,000 contacts so the CI smoke run stays fast; set
``SMSPARTS_BENCH_CAMPAIGN_CONTACTS=1000000`` for the issue's size.
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

pytest.importorskip("phonenumbers")

from smsparts.campaign import CampaignChecker, CampaignReport
from smsparts.estimate import PriceTable
from smsparts.readers import iter_contacts

CONTACTS = int(os.environ.get("SMSPARTS_BENCH_CAMPAIGN_CONTACTS", "20000"))
SEED = 20261201
GROUP = "campaign-check"
#: Rounds per timing: one for big lists (each round reads the whole file).
ROUNDS = 3 if CONTACTS <= 100_000 else 1
MEMORY_LIMIT_MB = 150

PAYLOAD: dict[str, Any] = {
    "name": "Rappel",
    "contacts": [],
    "text": "Bonjour @nom_complet, votre commande est disponible en agence. STOP 36111",
    "senderId": "My Sender",
}
NOW = "2024-03-18T08:00:00Z"
PRICES_CSV = "prefix,price\n225,0.0200\n22501,0.0180\n22505,0.0190\n22507,0.0170\n33,0.0650\n"

_FIRST = [
    "Awa",
    "Koffi",
    "Aïcha",
    "François",
    "Jean-Baptiste",
    "Adjoua",
    "Mariam",
    "Yao",
    "Marie-Françoise",
    "Ibrahim",
    "Fatoumata",
    "Kouadio",
    "Ahou",
    "Sékou",
    "Éric",
]
_LAST = ["Koné", "Traoré", "Kouassi", "N'Guessan", "Ouattara", "Bamba", "Diabaté",
         "Kouamé-Yao", "Garçon de la Fontaine", "Touré", "Coulibaly", "Brou", "Aka"]  # fmt: skip


def _phone(rng: random.Random) -> str:
    """Mostly valid Ivorian mobiles (01, 05, 07 + 8 digits), some French, 2% malformed."""
    roll = rng.random()
    if roll < 0.90:
        return f"225{rng.choice(['01', '05', '07'])}{rng.randrange(10**8):08d}"
    if roll < 0.98:
        return f"336{rng.randrange(10**8):08d}"
    if roll < 0.99:
        return f"+225{rng.choice(['01', '05', '07'])}{rng.randrange(10**8):08d}"
    return f"2250{rng.randrange(10**7):07d}"  # too short since 2021


def write_contacts(path: Path, count: int) -> None:
    """The seeded contact list: ``phone,name,sex`` rows, 1 in 20 without a name."""
    rng = random.Random(SEED)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["phone", "name", "sex"])
        for _ in range(count):
            name = "" if rng.random() < 0.05 else f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            writer.writerow([_phone(rng), name, rng.choice("MF")])


@pytest.fixture(scope="module")
def contacts_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("campaign") / "contacts.csv"
    write_contacts(path, CONTACTS)
    return path


def _prices() -> PriceTable:
    return PriceTable.from_csv(PRICES_CSV)


def check_file(path: str) -> CampaignReport:
    """The benchmarked work: one checker, one pass over the file."""
    checker = CampaignChecker(PAYLOAD, now=NOW, prices=_prices(), missing="empty", max_issues=20)
    return checker.check(iter_contacts(path))


def _dict_reader(path: str) -> int:
    with open(path, newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def _readers(path: str) -> int:
    return sum(1 for _ in iter_contacts(path))


def _run(benchmark: BenchmarkFixture, fn: Any, *args: Any) -> Any:
    benchmark.group = GROUP
    return benchmark.pedantic(fn, args=args, rounds=ROUNDS, iterations=1)  # type: ignore[no-untyped-call]


def test_floor_dict_reader(benchmark: BenchmarkFixture, contacts_csv: Path) -> None:
    """Floor: csv.DictReader over every row of the file."""
    assert _run(benchmark, _dict_reader, str(contacts_csv)) == CONTACTS


def test_readers(benchmark: BenchmarkFixture, contacts_csv: Path) -> None:
    """iter_contacts over every row (the reader the check uses)."""
    assert _run(benchmark, _readers, str(contacts_csv)) == CONTACTS


def test_check(benchmark: BenchmarkFixture, contacts_csv: Path) -> None:
    """The campaign check of every contact (target: at most 6x the floor)."""
    report = _run(benchmark, check_file, str(contacts_csv))
    e = report.estimate
    assert e.recipients + e.excluded + e.duplicates == CONTACTS
    # 1% of the phones carry a '+' and 1% are too short: both are errors.
    counts = dict(report.issue_counts)
    assert 0.005 * CONTACTS < counts["phone.plus_sign"] < 0.015 * CONTACTS
    assert 0.005 * CONTACTS < counts["phone.too_short"] < 0.015 * CONTACTS
    assert e.segments >= e.recipients > 0.9 * CONTACTS
    assert e.unpriced == ()  # every valid phone has a price
    assert report.cost is not None
    assert report.cost.total > 0


def check_file_twilio(path: str) -> CampaignReport:
    """:func:`check_file` with ``profile="twilio"`` (billed segments, its limits)."""
    checker = CampaignChecker(
        PAYLOAD, now=NOW, prices=_prices(), missing="empty", max_issues=20, profile="twilio"
    )
    return checker.check(iter_contacts(path))


def test_check_twilio_profile(benchmark: BenchmarkFixture, contacts_csv: Path) -> None:
    """The campaign check with the Twilio profile (same list; compare with test_check)."""
    report = _run(benchmark, check_file_twilio, str(contacts_csv))
    plain = check_file(str(contacts_csv))
    # This text is GSM-7 within one segment everywhere: Twilio bills what the spec does.
    assert report.estimate == plain.estimate


_CHILD = """
import json, resource, sys
sys.path.insert(0, {root!r})
from benchmarks.bench_campaign import check_file
report = check_file({path!r})
# Linux keeps ru_maxrss across exec (a child of a big pytest process would report the
# parent's size): VmHWM is the peak of this address space alone, new at exec.
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1])
print(json.dumps({{"peak_kib": peak, "recipients": report.estimate.recipients}}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB on Linux")
def test_peak_memory(contacts_csv: Path) -> None:
    """Peak resident memory of a process checking the whole list stays under 150 MB."""
    root = str(Path(__file__).resolve().parent.parent)
    code = _CHILD.format(root=root, path=str(contacts_csv))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=3600
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    peak_mb = result["peak_kib"] / 1024
    print(f"\npeak resident memory, {CONTACTS:,} contacts: {peak_mb:.1f} MB")
    assert result["recipients"] > 0.9 * CONTACTS
    assert peak_mb < MEMORY_LIMIT_MB


def test_prices_are_decimal() -> None:
    """The price table of the benchmark is read as Decimal."""
    assert _prices().prices["22507"] == Decimal("0.0170")
