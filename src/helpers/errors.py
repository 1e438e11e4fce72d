"""The two kinds of bad input a user can give, each with one message that says what and where."""
from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """A data file is wrong: names the file, the line (1 = header), the column and the bad value."""

    def __init__(self, file: str | Path, problem: str, line: int | None = None,
                 column: str | None = None, value: object = None):
        self.file = str(file)
        self.line = line
        self.column = column
        self.value = value
        self.problem = problem
        where = self.file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        shown = "" if value is None else f" {value!r}:"
        super().__init__(f"{where}:{shown} {problem}")


class SelectionError(ValueError):
    """A parameter names something the data do not hold (city, year, language, notebook)."""


class StatementError(ValueError):
    """A statement would say more than its figures support (a target as a level, unlike measures
    compared, a checks verdict after no check): a bug in a section, caught where it is built."""
