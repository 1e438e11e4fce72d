"""The report's sections that state findings (helpers.sections.<name>), by their number, and one
run of them all: what the key judgements pick from and the appendix lists the documents of."""
from __future__ import annotations

import importlib

# The report's sections and the module whose `analyse(summary)` states each.
SECTIONS = {1: "overview", 2: "rd", 3: "firms", 4: "platforms", 5: "trading", 6: "finance",
            7: "talent", 8: "hte", 9: "targets"}


def analyse_all(summary) -> dict[int, object]:
    """Every section's `analyse(summary)` result, by section number."""
    return {n: importlib.import_module(f"helpers.sections.{name}").analyse(summary) for n, name in SECTIONS.items()}


def cited_figures(results: dict[int, object]) -> set:
    """Every figure a statement of any section rests on: what a section's table of printed figures,
    the appendix and the key caveats count as cited."""
    return {f for sts in statements(results).values() for st in sts for f in st.figures}


def cited_sources(results: dict[int, object]) -> set:
    """Every document a statement of any section cites: its figures' and its listed items'."""
    return {s for sts in statements(results).values() for st in sts for s in st.sources}


def statements(results: dict[int, object]) -> dict[int, list]:
    """Each section's statements (`.statements`), by section number; none for a section that states
    nothing."""
    return {n: [s for s in getattr(r, "statements", None) or () if s is not None] for n, r in results.items()}
