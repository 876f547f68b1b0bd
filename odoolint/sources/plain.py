"""Line-oriented kinds: env files, requirements and CSV are read as lines (PO: sources/po.py, JavaScript: sources/js.py)."""
from __future__ import annotations

import csv
import io

from . import ParseFailure, Text, parser


# plain classes, not dataclasses: `dataclasses` imports `inspect`, most of a one-file run's start-up budget

class CsvRow:
    __slots__ = ("line", "cells")

    def __init__(self, line: int, cells: list[str]):
        self.line = line     # 1-based line where the row starts
        self.cells = cells


class CsvTree:
    __slots__ = ("header", "rows")

    def __init__(self, header: list[str], rows: list[CsvRow]):
        self.header, self.rows = header, rows


@parser("csv")
def parse_csv(text: Text, path: str) -> CsvTree:
    reader = csv.reader(io.StringIO(text.text, newline=""))
    rows: list[CsvRow] = []
    try:
        line = 1
        for cells in reader:
            rows.append(CsvRow(line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ParseFailure(f"CSV error: {exc}", reader.line_num or 1) from None
    if not rows:
        return CsvTree([], [])
    return CsvTree(rows[0].cells, rows[1:])


class EnvEntry:
    __slots__ = ("line", "key", "value", "key_column", "value_column")

    def __init__(self, line: int, key: str, value: str, key_column: int, value_column: int):
        self.line, self.key, self.value = line, key, value
        self.key_column, self.value_column = key_column, value_column


@parser("env-file")
def parse_env(text: Text, path: str) -> list[EnvEntry]:
    entries = []
    for i in range(1, text.index.line_count + 1):
        raw = text.index.line_text(i)
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        body = stripped[7:].lstrip() if stripped.startswith("export ") else stripped
        if "=" not in body:
            continue
        key, _, value = body.partition("=")
        key_col = raw.find(key) + 1
        value_col = key_col + len(key) + 1
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        entries.append(EnvEntry(i, key.strip(), value, key_col, value_col))
    return entries


@parser("requirements")
def parse_lines(text: Text, path: str) -> list[str]:
    return text.text.splitlines()
