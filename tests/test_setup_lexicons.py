"""Lexicon rows read by splitting at tabs are the rows csv reads."""

from __future__ import annotations

import csv

import pytest

from kg.lexicons import LEXICON_DIR, parse_tsv, rows


def _csv_rows(lines: list[str]) -> tuple[dict[str, str], ...]:
    return tuple(dict(r) for r in csv.DictReader(lines, delimiter="\t"))


@pytest.mark.parametrize("lines", [
    ["name\tshort\tlevel\n", "临江市\t临江\tprefecture\n", "青禾县\t青禾\tcounty\n"],
    ["word\n", "科技\n", "新材料"],  # the last line without its line break
    ["name\tnote\n", "临江\t\n", "\t空名\n"],  # empty fields
    ["name\tnote\n", '"临江\t市"\t引号里的制表符\n'],  # a quoted tab: csv reads it
    ["name\tnote\n", '临江\t"多\n', '行"\n'],  # a quoted line break joins two lines
    ["name\tnote\r\n", "临江\t江边\r\n"],  # carriage returns
    ["name\tnote\tlevel\n", "临江\t江边\n", "青禾\t禾田\tcounty\textra\n"],  # too few and too many fields
    ["name\n"],  # a header alone
    [],
])
def test_setup_lexicon_split_gives_the_rows_csv_gives(lines: list[str]) -> None:
    assert parse_tsv(lines) == _csv_rows(lines)


def test_setup_every_lexicon_file_reads_as_csv_reads_it() -> None:
    for path in sorted(LEXICON_DIR.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as fh:
            lines = [line for line in fh if line.strip() and not line.startswith("#")]
        assert rows(path.stem) == _csv_rows(lines), path.name
