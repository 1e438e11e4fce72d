"""Score the draft tool on texts it was not built around: tests/draft_eval.

    python -m helpers.data.draft --evaluate      (make bench) prints these scores too

Why a second evaluation: the one in helpers.data.draft scores the tool on the documents of
data/, which its rules were written for, so it cannot see how it does on a new text. Here each
text of tests/draft_eval/texts.csv has a key written by hand (keys/<id>.csv: value, unit,
qualifier, kind, period, indicator, region, quote) and a split: rules are tuned on `tune` and
measured on `score`, never tuned on it.

Scoring rules (also in README):
- a key row is matched to the draft row at its number (the first number in the key's quote
  whose value is the key's value); no draft row there counts wrong in every field;
- `value` is right when the signed value agrees; `indicator` when the draft names the key's
  id, or, for a key `new` (no id in data/catalog.csv fits), when the draft proposes a new
  indicator (`new_…`);
- `all` is value, unit, qualifier, kind, period and indicator right together;
- calibration: among draft rows of confidence >= 0.9, the share with `all` right, and the
  number of those that are wrong with an empty `flag` (the Done-when asks for none).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.data.coverage import find_numbers
from helpers.data.paths import DATA_DIR, REPO_ROOT

EVAL_DIR = REPO_ROOT / "tests" / "draft_eval"
FIELDS = ["value", "unit", "qualifier", "kind", "period", "indicator", "region"]
DONE_FIELDS = ["value", "unit", "qualifier", "kind", "period"]   # at least 9 in 10 each
HIGH = 0.9   # the confidence the Done-when speaks of


@dataclass(frozen=True)
class Text:
    id: str
    city: str
    province: str
    year: int
    kind: str
    published: str
    split: str
    text: str
    key: pd.DataFrame


def load_texts(eval_dir: Path = EVAL_DIR) -> list[Text]:
    """The manifest's texts with their keys (every key quote found once, holding its number)."""
    manifest = pd.read_csv(eval_dir / "texts.csv", dtype=str, keep_default_na=False)
    out = []
    for m in manifest.itertuples():
        text = (eval_dir / "texts" / f"{m.id}.txt").read_text(encoding="utf-8")
        key = pd.read_csv(eval_dir / "keys" / f"{m.id}.csv", dtype={"quote": str,
                          "indicator": str, "region": str}, keep_default_na=False)
        out.append(Text(m.id, m.city, m.province or "province", int(m.year), m.kind,
                        m.published, m.split, text, key))
    return out


def key_offset(text: str, quote: str, value: float) -> int:
    """Where the key row's number stands in the text: its quote's first number of that value."""
    at = text.find(quote)
    if at < 0 or text.find(quote, at + 1) >= 0:
        raise ValueError(f"key quote {quote!r} is not found exactly once")
    for num in find_numbers(quote):
        if num.value == abs(value):
            return at + num.start
    raise ValueError(f"key quote {quote!r} does not hold {value:g}")


PROPOSED = re.compile(r"new_[0-9a-f]{8}")   # helpers.data.draft.propose_id (new_rd_institutions is a catalog id)


def indicator_right(drafted: str, key: str) -> bool:
    return bool(PROPOSED.fullmatch(drafted)) if key == "new" else drafted == key


def score_text(t: Text, draft: pd.DataFrame) -> pd.DataFrame:
    """One row per key row: each field right or not, the draft's confidence and flag."""
    by_offset = {int(r["offset"]): r for r in draft.to_dict("records")}
    rows = []
    for k in t.key.itertuples():
        d = by_offset.get(key_offset(t.text, k.quote, float(k.value)))
        if d is None:
            got = dict.fromkeys(FIELDS, False)
            conf, flag = 0.0, "not drafted"
        else:
            got = {
                "value": abs(float(d["value"]) - float(k.value)) < 1e-9,
                "unit": d["unit"] == k.unit, "qualifier": d["qualifier"] == k.qualifier,
                "kind": d["kind"] == k.kind, "period": int(d["period"]) == int(k.period),
                "indicator": indicator_right(d["indicator"], k.indicator),
                "region": d["region"] == k.region,
            }
            conf, flag = float(d["confidence"]), str(d["flag"])
        got["all"] = all(got[f] for f in FIELDS if f != "region")
        rows.append({"text": t.id, "split": t.split, "quote": k.quote, **got,
                     "confidence": conf, "flag": flag})
    return pd.DataFrame(rows)


def draft_text(t: Text, terms, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    from helpers.data import draft as D  # draft imports this module for --evaluate

    ctx = D.Context(t.id, t.year, t.city, t.province, published=t.published, doc_kind=t.kind)
    return D.extract(t.text, ctx, terms)


def evaluate(eval_dir: Path = EVAL_DIR, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Every key row of every text, scored (see the module's docstring)."""
    from helpers.data import draft as D

    terms = D.build_terms(data_dir)
    return pd.concat([score_text(t, draft_text(t, terms, data_dir)) for t in load_texts(eval_dir)],
                     ignore_index=True)


def summary(scored: pd.DataFrame) -> pd.DataFrame:
    """Per split: figures, share right per field, and the calibration at HIGH confidence."""
    out = []
    for split in ("tune", "score"):
        s = scored[scored["split"] == split]
        high = s[s["confidence"] >= HIGH]
        wrong_high = high[~high["all"]]
        out.append({"split": split, "texts": s["text"].nunique(), "figures": len(s),
                    **{f: s[f].mean() for f in FIELDS + ["all"]},
                    "high": len(high), "high_right": high["all"].mean() if len(high) else 1.0,
                    "high_wrong_unflagged": int((wrong_high["flag"] == "").sum())})
    return pd.DataFrame(out)


def format_summary(scored: pd.DataFrame) -> str:
    lines = ["draft vs hand-written keys of tests/draft_eval (tune: rules written with them; "
             "score: never looked at while writing rules)",
             f"{'split':<6}{'texts':>6}{'figures':>8}" + "".join(f"{f:>10}" for f in FIELDS + ["all"])
             + f"{'>=0.9':>7}{'right':>7}{'wrong, no flag':>16}"]
    for r in summary(scored).to_dict("records"):
        lines.append(f"{r['split']:<6}{r['texts']:>6}{r['figures']:>8}"
                     + "".join(f"{100 * r[f]:>9.1f}%" for f in FIELDS + ["all"])
                     + f"{r['high']:>7}{100 * r['high_right']:>6.1f}%{r['high_wrong_unflagged']:>16}")
    per_text = scored.groupby(["split", "text"], sort=False)[FIELDS + ["all"]].mean()
    lines.append("per text (share right)")
    for (split, text), r in per_text.iterrows():
        lines.append(f"  {split:<6}{text:<26}" + "".join(f"{f} {100 * r[f]:.0f}%  " for f in
                                                         ["value", "kind", "period", "indicator", "all"]))
    return "\n".join(lines)


def wrong_rows(scored: pd.DataFrame, split: str = "tune") -> pd.DataFrame:
    """The key rows a split gets wrong: where to look when writing rules (tune only)."""
    s = scored[(scored["split"] == split) & ~scored["all"]]
    return s[["text", "quote"] + [f for f in FIELDS if (~s[f]).any()] + ["confidence"]]
