"""Statements written in each language, from gettext message catalogs read with Babel.

`messages/<lang>/*.po` hold one message per statement key (msgid `hte.level`, msgstr the
sentence with `{slot}` fields). The Chinese is written as Chinese official prose, not translated
clause by clause (docs/zh_style.md). Both languages render the same record, so they say the same
thing; numbers, units, signs and bounds are written by `helpers.present.numbers`, one place per
locale. A field may carry a format spec:

- `{x}` the figure as the report writes it: a bound keeps its word (at least / 以上, about / 约);
  a derived value says how it was computed ("913 (implied: 455 - (-458))");
- `{x:abs}` its size without sign (the sentence says the direction);
- `{x:bare}` the number alone, for a value already explained in the sentence;
- `{x:change}` a change as a reader writes it: "up 10.40%", "down 5%" / 增长10.40%, 下降5%;
- `{x:name}` the indicator's name; `{x:kind}` its kind (actual, estimate, target); `{x.period}` its year;
- `{items}` a list, whole; `{items:ol}` numbered; `{items:and}` a series of names (a, b and c / a、b、c).
"""
from __future__ import annotations

import functools
import string
from pathlib import Path

from babel.messages.pofile import read_po

from helpers.calc.derive import Derived, periods_of
from helpers.calc.statements import Items, Parts, Phrase, Region, Statement, Text, Word, in_sentence
from helpers.data.figures import Figure
from helpers.data.regions import names_en, region_name
from helpers.present import numbers
from helpers.present.i18n import check_lang

MESSAGES = Path(__file__).parent / "messages"


@functools.cache
def messages(lang: str) -> dict[str, str]:
    """Every message of `lang`, from all of messages/<lang>/*.po (a key defined twice is an error)."""
    check_lang(lang)
    out: dict[str, str] = {}
    where: dict[str, str] = {}
    for path in sorted((MESSAGES / lang).glob("*.po")):
        with open(path, "rb") as f:
            cat = read_po(f, locale="zh_Hans_CN" if lang == "zh" else "en")
        for msg in cat:
            if not msg.id:
                continue
            if msg.id in out:
                raise ValueError(f"message {msg.id!r} is defined in {where[msg.id]} and {path.name}")
            if not msg.string:
                raise ValueError(f"{path}: message {msg.id!r} has no text")
            out[msg.id], where[msg.id] = msg.string, path.name
    return out


def message(key: str, lang: str) -> str:
    try:
        return messages(lang)[key]
    except KeyError:
        raise KeyError(f"no {lang} message for {key!r} in {MESSAGES / lang}") from None


def word(key: str, lang: str) -> str:
    """A catalog word (`word.<key>`): kinds, verdicts, directions."""
    return message(f"word.{key}", lang)


AFTER_DE = "after-de"


class _Writer(string.Formatter):
    """Fills a message's fields with the statement's slots, written in `lang`."""

    def __init__(self, lang: str, data_dir: Path | None):
        self.lang, self.data_dir = lang, data_dir

    def parse(self, format_string):
        """In Chinese a figure right after 的 takes its bound after the number: 相当于后者的112.8%左右,
        占申报数的26.94%以上, never 的约112.8% or 的超过26.94% (docs/zh_style.md)."""
        for literal, field, spec, conversion in super().parse(format_string):
            if self.lang == "zh" and field is not None and not spec and literal.endswith("的"):
                spec = AFTER_DE  # a figure's bound after it; anything else as it is
            yield literal, field, spec, conversion

    def get_field(self, field_name, args, kwargs):
        if field_name.endswith(".period"):  # a derived value's period is its figures' (one year, or first-last)
            base, key = super().get_field(field_name.rsplit(".", 1)[0], args, kwargs)
            if isinstance(base, Derived):
                periods = periods_of(base)
                return "-".join(str(p) for p in dict.fromkeys((periods[0], periods[-1]))), key
        value, key = super().get_field(field_name, args, kwargs)
        if field_name.endswith((".period", ".year")):  # a year is written as a year: 2021, not 2,021
            return str(value), key
        return value, key

    def format_field(self, value, spec: str) -> str:
        lang = self.lang
        if spec == AFTER_DE:
            spec = "post" if isinstance(value, (Figure, Derived)) else ""
        if isinstance(value, (Figure, Derived)):
            if spec == "name":
                return value.name(lang) if isinstance(value, Figure) else _derived_name(value, lang)
            if spec == "kind":  # actual, estimate, target; implied for a level no document prints
                return word(getattr(value, "kind", "estimate"), lang)
            return numbers.figure(value, lang, spec)
        if isinstance(value, Text):
            return value(lang)
        if isinstance(value, Phrase):  # words the catalog gives, e.g. a scheme the data do not name
            return value.render(lang, message)
        if isinstance(value, Region):
            return region_name(value.id, lang, self.data_dir)
        if isinstance(value, Word):
            return word(value.key, lang)
        if isinstance(value, Parts):  # each figure with its own name, never a sum
            parts = [f"{f.name(lang)}{numbers.figure(f, lang)}" if lang == "zh"
                     else f"{in_sentence(f.name(lang))} ({numbers.figure(f, lang)})" for f in value.figures]
            return numbers.items(parts, lang, series=True)
        if isinstance(value, Items):
            text = numbers.items([item_text(i, lang) for i in value.items], lang, numbered=spec == "ol" and value.numbered,
                                 series=spec == "and", names=names_en(self.data_dir),
                                 run_on=spec == "ol" and not value.numbered)  # as the document runs it
            text += message("list.open", lang) if value.open else ""
            return text + message("list.main", lang).format(what=value.main(lang)) if value.main else text
        if isinstance(value, bool):
            return word("yes" if value else "no", lang)
        if isinstance(value, (int, float)):
            return numbers.number(value, lang, spec)
        return super().format_field(value, spec)


def item_text(item, lang: str) -> str:
    """One item of a list: worded by the catalog (Phrase), a figure with its name as the prose
    writes it (R&D expenditure: more than CNY 3.8 bn / 研发投入超过38亿元), or words of the data."""
    if isinstance(item, Phrase):
        return item.render(lang, message)
    if isinstance(item, Figure):  # a target whose year is assumed says so on its own item (review 18)
        value = numbers.listed(item, lang) + (message("item.year.assumed", lang) if item.year_assumed else "")
        return f"{item.name(lang)}{value}" if lang == "zh" else f"{item.name(lang)}: {value}"
    return item(lang)


def _derived_name(value: Derived, lang: str) -> str:
    """A sum of printed figures (label 'total') is named by its parts: 'A plus B' / 'A与B之和';
    an implied level by the figure it stands for; any other derived value by its label."""
    if value.stands_for is not None:
        return value.name(lang)
    parts = value.inputs
    if value.label == "total" and len(parts) > 1 and all(isinstance(f, Figure) for f in parts):
        names = list(dict.fromkeys(f.name(lang) for f in parts))
        return "、".join(names[:-1]) + "与" + names[-1] + "之和" if lang == "zh" else \
            ", ".join(names[:1] + [in_sentence(n) for n in names[1:-1]]) + " plus " + in_sentence(names[-1])
    return value.label


def words(value: Text | Phrase, lang: str) -> str:
    """Words from the data (Text) or worded by the catalog (Phrase) in `lang`."""
    return value.render(lang, message) if isinstance(value, Phrase) else value(lang)


def render(statement: Statement, lang: str, data_dir: Path | str | None = None) -> str:
    """The statement's sentence in `lang`."""
    template = message(statement.key, lang)
    writer = _Writer(lang, Path(data_dir) if data_dir else None)
    text = writer.format(template, **dict(statement.slots))
    if lang == "en" and template.startswith("{") and template.rstrip().endswith(".") and text[:1].islower():
        text = text[0].upper() + text[1:]  # a sentence that opens with a slot ('the credit scheme …')
    if statement.later:  # printed after the leading document: not known when it came out
        docs = [message("flag.later.document" + ("" if p else ".undated"), lang).format(title=t, published=p[:4])
                for t, p in statement.later]
        text += message("flag.later", lang).format(documents=numbers.items(docs, lang, series=True))
    for note in dict.fromkeys(writer.format(message(key, lang), **dict(slots))  # each once: two
                              for key, slots in statement.notes):  # readings point back in one phrase
        text += note  # what the rules add: two documents, a printed growth, a reading of the text
    if statement.flags:  # the flag goes where the figure goes; the audit gives the reasons
        labels = [zh if lang == "zh" else en for en, zh in statement.flags]
        text += message("flag.implausible", lang).format(labels=numbers.items(labels, lang, series=True))
    return numbers.tidy(text, lang)


def strength_word(statement: Statement, lang: str) -> str:
    """printed / implied / depends on an assumption, naming each assumption in short (取决于假设：目标
    所指年度为推定), so a key judgement repeated alone keeps its caveat."""
    text = word(f"strength_{statement.strength}", lang)
    if statement.strength != "assumption" or not statement.assumption:
        return text
    from helpers.calc.statements import ASSUMPTIONS_SEP
    short = [message(f"assumption.short.{k}", lang) for k in statement.assumption.split(ASSUMPTIONS_SEP)]
    return text + ("：" if lang == "zh" else ": ") + ("；" if lang == "zh" else "; ").join(short)
