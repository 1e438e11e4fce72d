"""The lists a text gives in words (主要原因是：一是…二是…) and the schemes it names (“宜春科贷通”):
the draft records numbers only, so it names these passages for the user to record in
data/lists.csv (each list named once in data/list_catalog.csv) and data/schemes.csv. Without them a
report would state a fall and none of its causes, and call a city's scheme by neutral words."""
from __future__ import annotations

import re

FIRST, SECOND = "一是", "二是"
SENTENCE_END = re.compile(r"[。！？\n]")


def list_passages(text: str, width: int = 40) -> list[tuple[int, str]]:
    """(line number, opening words) of each sentence that enumerates items (一是…二是…), in order."""
    out = []
    at = text.find(FIRST)
    while at >= 0:
        ends = [m.start() for m in SENTENCE_END.finditer(text, 0, at)]
        start = ends[-1] + 1 if ends else 0
        end = SENTENCE_END.search(text, at)
        stop = end.start() if end else len(text)
        if SECOND in text[at:stop] or SECOND in text[stop:stop + 200]:
            passage = text[start:stop].strip()
            out.append((text.count("\n", 0, start) + 1, passage[:width] + ("…" if len(passage) > width else "")))
        at = text.find(FIRST, stop)
    return out


def notice(text: str) -> str:
    """What the draft tells the user about the text's lists, or '' when it gives none."""
    found = list_passages(text)
    if not found:
        return ""
    lines = [f"the text gives {len(found)} list(s) in words that the draft does not record: add each to "
             "data/lists.csv (an item a row) and name it in data/list_catalog.csv (README, Next year):"]
    lines += [f"  line {n}: {words}" for n, words in found]
    return "\n".join(lines)


# a quoted name ending like a scheme's: “洪城科贷通”, “双百计划”, “井冈英才工程”
SCHEME_NAME = re.compile(r"“([^”]{2,12}(?:贷通|计划|工程|基金|行动|贷|保))”")


def scheme_notice(text: str, known: set[str]) -> str:
    """What the draft tells the user about the schemes the text names that data/schemes.csv lacks,
    or '' when there is none."""
    names = list(dict.fromkeys(m.group(1) for m in SCHEME_NAME.finditer(text) if m.group(1) not in known))
    if not names:
        return ""
    return (f"the text names {len(names)} scheme(s) that data/schemes.csv does not hold: "
            + "、".join(names) + "; add a row for each the report should name (README, Next year)")
