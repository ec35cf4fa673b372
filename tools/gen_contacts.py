"""Seeded contact lists for the scale-out tests and benchmarks (generated, never committed).

``python tools/gen_contacts.py OUT.csv --rows 400000 [--seed 7]`` writes a list in the
platform's form: phones with the country code and no ``+`` (mostly valid mobiles of Côte
d'Ivoire, France, Senegal and Cameroon, built from ``phonenumbers``' example numbers),
French names with ``ç`` and long compound names, and a share of mistakes a real export
has: a ``+``, spaces, a number too short, an empty phone, a bad ``sex``, a duplicate.
The suffix picks the format: ``.csv``, ``.jsonl`` or ``.parquet`` (needs pyarrow).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Iterator
from pathlib import Path

FIRST = [
    "Zoé",
    "Jean-Baptiste",
    "Françoise",
    "Aïcha",
    "Kouadio",
    "Marie-Laure",
    "Awa",
    "Ibrahim",
    "Léa",
    "Yao",
    "François",
    "Fatou",
    "Grâce",
    "Moussa",
    "Anne-Sophie",
]
LAST = [
    "Koné",
    "Traoré",
    "Diallo",
    "N'Guessan",
    "Martin",
    "Garçon",
    "Kouassi-Bédié",
    "de la Fontaine-Villeneuve",
    "Ouattara",
    "Bamba",
    "Mbappé",
    "Ndiaye",
    "Çelik",
]
FIELDS = ["id", "phone", "firstName", "lastName", "sex"]

# Valid mobile numbers by country code, national part's first digits and length
# (the example numbers of Google's metadata, as phonenumbers ships them, varied in their
# last digits: the tests check each one with phonenumbers itself, never trust this list).
_MOBILES = [("225", "0701", 10), ("33", "61", 9), ("221", "77", 9), ("237", "67", 9)]


def _phone(rng: random.Random) -> str:
    code, start, length = rng.choice(_MOBILES)
    rest = "".join(rng.choice("0123456789") for _ in range(length - len(start)))
    return code + start + rest


def _mistake(rng: random.Random, phone: str) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return "+" + phone
    if kind == 1:
        return phone[:3] + " " + phone[3:5] + " " + phone[5:]
    if kind == 2:
        return phone[:-3]
    if kind == 3:
        return ""
    return phone + "x"


def contacts(rows: int, *, seed: int = 7, mistakes: float = 0.02) -> Iterator[dict[str, str]]:
    """``rows`` contacts as CSV-ready dicts, the same for the same ``seed``."""
    rng = random.Random(seed)
    previous: list[str] = []
    for index in range(rows):
        phone = _phone(rng)
        roll = rng.random()
        if roll < mistakes:
            phone = _mistake(rng, phone)
        elif roll < mistakes * 1.5 and previous:
            phone = rng.choice(previous)  # a duplicate of an earlier row
        if len(previous) < 1000:
            previous.append(phone)
        elif rng.random() < 0.01:
            previous[rng.randrange(1000)] = phone
        sex = rng.choice(["M", "F", "", "M", "F", "m"] if roll < mistakes else ["M", "F", ""])
        yield {
            "id": f"c{index}",
            "phone": phone,
            "firstName": rng.choice(FIRST),
            "lastName": rng.choice(LAST),
            "sex": sex,
        }


def write(path: Path, rows: int, *, seed: int = 7, row_group_rows: int = 50_000) -> Path:
    """Write ``rows`` contacts to ``path`` in the format its suffix names."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        with path.open("w", encoding="utf-8") as out:
            for contact in contacts(rows, seed=seed):
                record = {k: v for k, v in contact.items() if v}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return path
    if suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns: dict[str, list[str | None]] = {name: [] for name in FIELDS}
        for contact in contacts(rows, seed=seed):
            for name in FIELDS:
                columns[name].append(contact[name] or None)
        pq.write_table(pa.table(columns), path, row_group_size=row_group_rows)
        return path
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, FIELDS)
        writer.writeheader()
        writer.writerows(contacts(rows, seed=seed))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write(args.out, args.rows, seed=args.seed)


if __name__ == "__main__":
    main()
