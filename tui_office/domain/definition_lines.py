"""Provides `Lines`: where a table entry or key of a definition file is, by scanning its text.

`tomllib` gives no positions, so problems are located by finding `[[fields]]` / `[[steps]]`
headers, `id = "…"` lines and `key =` lines — enough to point at the right entry and key.
"""

from __future__ import annotations

import re


class Lines:
    """Finds the line of a table entry or key in the source text (1-based; best effort)."""

    HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.end = len(self.lines) + 1
        self.headers: list[tuple[int, str, bool]] = []
        for number, line in enumerate(self.lines, start=1):
            match = self.HEADER.match(line)
            if match:
                self.headers.append((number, match.group(1).replace(" ", ""), line.lstrip().startswith("[[")))

    def span_end(self, start: int, prefix: str) -> int:
        """First header after `start` that is not inside `prefix` (a sub-table of the entry)."""
        for number, name, _ in self.headers:
            if number > start and not name.startswith(prefix + "."):
                return number
        return self.end

    def top_span(self) -> tuple[int, int]:
        return 1, self.headers[0][0] if self.headers else self.end

    def section(self, name: str) -> tuple[int, int] | None:
        """(start, end) lines of the table `[name]`, or None when the file has no such header."""
        for number, found, double in self.headers:
            if found == name and not double:
                return number, self.span_end(number, name)
        return None

    def entry(self, array: str, index: int, ident: object, within: tuple[int, int] | None = None) -> tuple[int, int]:
        """(start, end) lines of the `index`-th entry of array `array` (e.g. "fields.columns")."""
        lo, hi = within or (1, self.end)
        found = [n for n, name, double in self.headers if double and name == array and lo <= n < hi]
        if index < len(found):
            start = found[index]
            return start, min(self.span_end(start, array), hi)
        if isinstance(ident, str):
            pattern = re.compile(rf"(^|[\s{{,])id\s*=\s*[\"']{re.escape(ident)}[\"']")
            for number in range(lo, min(hi, self.end)):
                if pattern.search(self.lines[number - 1]):
                    return number, number + 1
        leaf = array.split(".")[-1]
        return self.key((lo, hi), leaf), hi

    def key(self, span: tuple[int, int], key: str, value: object = None) -> int:
        """Line of `key =` inside span (optionally the one with that string value); else the span start."""
        lo, hi = span
        pattern = re.compile(rf"(^|[\s{{,\"])\"?{re.escape(key)}\"?\s*=")
        wanted = re.compile(rf"(^|[\s{{,])\"?{re.escape(key)}\"?\s*=\s*[\"']{re.escape(value)}[\"']") if isinstance(value, str) else None
        first = 0
        for number in range(max(lo, 1), min(hi, self.end)):
            line = self.lines[number - 1]
            if line.lstrip().startswith("#"):
                continue
            if wanted is not None and wanted.search(line):
                return number
            if not first and pattern.search(line):
                first = number
        return first or lo

    def value(self, span: tuple[int, int], text: str) -> int:
        """Line inside span containing the literal `text` (e.g. an expression); else the span start."""
        lo, hi = span
        for number in range(max(lo, 1), min(hi, self.end)):
            if text and text in self.lines[number - 1]:
                return number
        return lo
