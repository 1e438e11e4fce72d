"""The one shape every section analysis returns: the figures its notebook shows and its key figures.

A section module offers `analyse(summary) -> SectionResult` (or a subclass with the section's
own structures); the notebook presents it. Key figures are language-neutral rows
(label, value, unit, how it was obtained) that nbval and the golden files compare.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from helpers.calc.derive import Derived

KeyFigure = tuple[str, object, str, str]


def key_row(label: str, x, decimals: int = 2, note: str = "") -> KeyFigure:
    """(label, value rounded, unit, 'printed' | 'implied: formula' | 'not reported' [; note])."""
    if x is None:
        return label, None, "", "not reported" + (f"; {note}" if note else "")
    how = f"implied: {x.formula}" if isinstance(x, Derived) else "printed"
    return label, round(x.value, decimals), x.unit, how + (f"; {note}" if note else "")


@dataclass
class SectionResult:
    """Printed figures by indicator id, derived figures by name, yes/no findings by name."""
    printed: dict = field(default_factory=dict)
    derived: dict = field(default_factory=dict)
    flags: dict = field(default_factory=dict)
    key_figures: list = field(default_factory=list)

    def __getitem__(self, name: str):
        if name in self.derived:
            return self.derived[name]
        if name in self.printed:
            return self.printed[name]
        raise KeyError(name)

    def figures(self) -> list:
        """Every printed figure behind the result (for citations), each once."""
        from helpers.calc.derive import figures_behind
        return list(figures_behind(*[x for x in (*self.printed.values(), *self.derived.values())
                                     if x is not None]))
