"""Published CSV tables are opened in spreadsheets: text that starts with = + - @ (or a tab or a
carriage return) would be run as a formula there. Such cells get a leading apostrophe, which a
spreadsheet shows as text; plain numbers such as -5 or +3.2% are left as they are."""
from __future__ import annotations

import re

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?%?")


def neutralise(value):
    if isinstance(value, str) and value.startswith(TRIGGERS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of df whose text cells (and column names) cannot start a spreadsheet formula."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    return out


def restore(value):
    """The cell as it was before neutralise (a draft read back for appending keeps its quotes)."""
    if isinstance(value, str) and value.startswith("'") and neutralise(value[1:]) == value:
        return value[1:]
    return value
