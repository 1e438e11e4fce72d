"""What every section notebook does the same way: open the summary, label, save, cite.

A notebook calls `nb = start("02", city, year, lang, data_dir, output_dir)` in its first cell
after the parameters, and then shows what a section's `analyse` returned: `nb.state` (statements,
with the quotes of the figures they rest on), `nb.table`, `nb.show` (a chart), `nb.key_figures`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from IPython.display import display

from helpers.calc.statements import ASSUMPTIONS_SEP, Items
from helpers.data import regions
from helpers.data.csvsafe import safe_frame
from helpers.data.figures import Figure, Summary
from helpers.data.notes import note_in
from helpers.present import catalog, numbers, plots
from helpers.present import display as disp
from helpers.present.i18n import check_lang, t

KEY_COLUMNS = ["figure", "value", "unit", "note"]
STATEMENT_COLUMNS = ["topic", "predicate", "key", "strength", "figures", "sources", "text"]


@dataclass
class Notebook:
    number: str
    summary: Summary
    lang: str
    output_dir: Path
    stated: list = field(default_factory=list)
    captions: dict = field(default_factory=dict)  # tables/NN_name.csv -> the caption it is shown with
    explained: set = field(default_factory=set)  # assumptions spelt out in this section's prose

    @property
    def city(self) -> str:
        return self.summary.city

    @property
    def year(self) -> int:
        return self.summary.year

    @property
    def city_name(self) -> str:
        """The selected city's name in the notebook's language (data/regions.csv)."""
        return self.region_name(self.city)

    @property
    def province_name(self) -> str:
        """The name of the selected city's province ('the province' when the table lacks it)."""
        return regions.province_name(self.summary.regions, self.lang, self.data_dir)

    def region_name(self, region: str) -> str:
        """A region's name in the notebook's language (data/regions.csv)."""
        return regions.region_name(region, self.lang, self.data_dir)

    @property
    def data_dir(self) -> Path:
        return self.summary.dataset.data_dir

    def t(self, key: str) -> str:
        return t(key, self.lang)

    def note(self, f: Figure | None) -> str:
        """The figure's note in the report's language (notes_zh.csv for Chinese); '' if none."""
        return note_in(f.note, self.lang, self.data_dir) if f is not None and f.note else ""

    @property
    def target_year(self) -> int:
        """The year the selection's own targets are for ({next} in the catalogs): the next year
        for a summary's plan, the plan's own year when a plan leads (a 2019 plan sets 2019 targets)."""
        return self.year if self.summary.plan_led else self.year + 1

    def show(self, fig, name: str) -> Path | None:
        """Save the chart as figures/NN_name.png and display that file (nothing for no chart)."""
        if fig is None:
            return None
        if self.lang == "zh":
            plots.chinese_numbers(fig)
        return plots.show(fig, self.output_dir, f"{self.number}_{name}")

    def title(self, key: str) -> str:
        """A chart or table title from the catalog (`chart.<key>`), with the selection's names."""
        return catalog.message(f"chart.{key}", self.lang).format(
            city=self.city_name, province=self.province_name, year=self.year, next=self.target_year)

    def table(self, df: pd.DataFrame, name: str | None = None, caption: str | None = None) -> None:
        """Display a table, captioned (by `caption`, else by the heading of the part it is in); with a
        name, also write tables/NN_name.csv. An empty table is not shown."""
        if df is None or df.empty:
            return
        caption = caption or getattr(self, "part", None)  # every table says what it is: its part's heading
        if name:
            folder = self.output_dir / "tables"
            folder.mkdir(parents=True, exist_ok=True)
            safe_frame(whole_numbers(df)).to_csv(folder / f"{self.number}_{name}.csv", index=False,
                                                 lineterminator="\n")
            self._write_caption(f"{self.number}_{name}.csv", caption)
        display(disp.table(df, caption=caption, lang=self.lang))

    def captioned(self, paths: dict, key: str) -> dict:
        """Caption the tables a section wrote itself ({name: path}, e.g. audit.write_outputs) from
        the catalog (`chart.<key>.<name>`), as `table` captions those it shows; returns `paths`."""
        for name, path in paths.items():
            if Path(path).parent.name == "tables":
                self._write_caption(Path(path).name, self.title(f"{key}.{name}"))
        return paths

    def _write_caption(self, file: str, caption: str | None) -> None:
        """captions/NN.csv: each table file with its caption, so the report's list of downloads
        names a table as the page does, in the page's language (helpers.build.html)."""
        if not caption:
            return
        self.captions[file] = caption
        folder = self.output_dir / "captions"
        folder.mkdir(parents=True, exist_ok=True)
        pd.DataFrame(sorted(self.captions.items()), columns=["file", "caption"]).to_csv(
            folder / f"{self.number}.csv", index=False, lineterminator="\n")

    def cite(self, figures, quotes=()) -> None:
        """Show where the numbers came from: the source and each figure's quote (folded); `quotes`:
        (name, quote, source) of the items of a list a document gives."""
        rows = list(dict.fromkeys(f for f in figures if f is not None))  # each once
        recs = [{"indicator": f.indicator, "name": f.name(self.lang),
                 "value": numbers.listed(f, self.lang),
                 "unit": "", "quote": f.quote, "note": self.note(f),
                 "document": self.summary.source_title(f.source)} for f in rows]
        cited = {(r["quote"], r["document"]) for r in recs}  # a list item that is a cited figure: listed once, with its value
        recs += [{"name": name, "value": "", "unit": "", "quote": quote, "note": "",
                  "document": self.summary.source_title(source)} for name, quote, source in quotes
                 if (quote, self.summary.source_title(source)) not in cited]
        display(disp.provenance(recs, self.summary.title, self.lang))

    def text(self, statement) -> str:
        """A statement's sentence in the notebook's language (helpers.present.catalog)."""
        return catalog.render(statement, self.lang, self.data_dir)

    def state(self, statements) -> None:
        """Show statements as one paragraph, with the quotes of the figures they rest on, and
        record them in tables/NN_statements.csv. Nothing is shown when there is none."""
        statements = [s for s in (statements or ()) if s is not None]
        if not statements:
            return
        display(disp.note(" ".join(self._sentence(s, self.explained) for s in statements) if self.lang == "en"
                          else "".join(self._sentence(s, self.explained) for s in statements)))
        self.record(statements)
        figures = list(dict.fromkeys(f for s in statements for f in s.figures))
        quotes = list(dict.fromkeys(q for s in statements for q in self._list_quotes(s)))
        if figures or quotes:  # a statement about a document (the appendix's) has no quote of its own
            self.cite(figures, quotes)

    def record(self, statements) -> list:
        """Record statements shown in a section's own form (a list of key judgements, a table) in
        tables/NN_statements.csv, as `state` does for a paragraph; returns those recorded."""
        statements = [s for s in (statements or ()) if s is not None]
        self.stated.extend(statements)
        self._write_statements()
        return statements

    def _list_quotes(self, statement) -> list[tuple[str, str, str]]:
        """(item, quote, source) for the items of the lists a statement states: each quote once, named
        by the items it stands for."""
        out: dict[str, list[str]] = {}
        for _, v in statement.slots:
            if isinstance(v, Items) and v.quotes:
                pairs = zip(v.items, v.quotes) if len(v.quotes) == len(v.items) else \
                    ((x, q) for q in v.quotes for x in v.items)
                for item, quote in pairs:
                    out.setdefault(quote, []).append(catalog.item_text(item, self.lang))
                source = v.sources[0] if v.sources else self.summary.source["source"]
        sep = "、" if self.lang == "zh" else "; "
        return [(sep.join(dict.fromkeys(names)), quote, source) for quote, names in out.items()]

    def _sentence(self, statement, explained: set | None = None) -> str:
        """The statement as written, with the assumption it rests on; in the section's prose
        (`explained`: the assumptions already spelt out there) an assumption is spelt out once and
        then pointed back to; a row of the statements table always spells it out."""
        text = self.text(statement)
        if statement.strength != "assumption":
            return text
        keys = statement.assumption.split(ASSUMPTIONS_SEP)  # every assumption it rests on
        before = set() if explained is None else set(explained)
        new = [k for k in keys if k not in before]
        sep = "；" if self.lang == "zh" else "; "
        # "the assumption above" points back only when one was spelt out above; with several (a
        # target's two readings) the pointer names its own in short (目标所指年度为推定)
        named = sep.join(catalog.message(f"assumption.short.{k}", self.lang) for k in keys if k in before)
        if not new:
            if len(before) > 1:
                return text + catalog.message("assumption.tag", self.lang).format(assumption=named)
            return text + catalog.message("assumption.tag.again", self.lang)
        if explained is not None:
            explained.update(new)
        said = sep.join(catalog.message(f"assumption.{k}", self.lang) for k in new)
        if len(new) < len(keys):  # some were spelt out earlier in the section
            said += (sep + named) if len(before) > 1 else catalog.message("assumption.and_above", self.lang)
        return text + catalog.message("assumption.tag", self.lang).format(assumption=said)

    def heading(self, topic: str, *contents) -> bool:
        """The heading of a part of the section (catalog `heading.<topic>`), shown only when the
        part has something to show: any of `contents` (statements, tables, figures) non-empty."""
        def filled(c):
            if c is None:
                return False
            if isinstance(c, pd.DataFrame):
                return not c.empty
            if isinstance(c, (list, tuple)):
                return any(filled(x) for x in c)
            return True
        if not any(filled(c) for c in contents):
            return False
        from IPython.display import Markdown
        said = [st for c in contents if isinstance(c, (list, tuple)) for st in c if hasattr(st, "predicate")]
        lists = [st.predicate == "list" for st in said]
        if topic == "others" and any(lists):  # a list the document gives is no figure: 文件所列其他事项
            topic = "others.lists" if all(lists) else "others.mixed"
        self.part = catalog.message(f"heading.{topic}", self.lang).format(
            city=self.city_name, province=self.province_name, year=self.year, next=self.target_year)
        display(Markdown("## " + self.part))
        return True

    def _write_statements(self) -> None:
        folder = self.output_dir / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        rows = [(s.topic, s.predicate, s.key, s.strength,
                 "; ".join(f"{f.indicator}:{f.region}:{f.period}:{f.kind}" for f in s.figures),
                 "; ".join(s.sources), self._sentence(s)) for s in self.stated]
        safe_frame(pd.DataFrame(rows, columns=STATEMENT_COLUMNS)).to_csv(
            folder / f"{self.number}_statements.csv", index=False, lineterminator="\n")

    def key_figures(self, rows: list[tuple[str, object, str, str]]) -> str:
        """Write tables/NN_key_figures.csv and return it as plain text for the nbval-checked cell.

        rows: (figure label, value, unit, note); value None is written as 'not reported'.
        """
        df = pd.DataFrame(
            [(label, _plain(value), unit, note)
             for label, value, unit, note in rows], columns=KEY_COLUMNS)
        folder = self.output_dir / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        safe_frame(df).to_csv(folder / f"{self.number}_key_figures.csv", index=False,
                              lineterminator="\n")
        with pd.option_context("display.width", 200, "display.max_colwidth", 60):
            return df.to_string(index=False)


def _plain(value) -> str:
    """A key figure as plain text: 4 not 4.00, 5731.79 not 5.73e+03, None as 'not reported'."""
    if value is None:
        return "not reported"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{round(value, 4):.4f}".rstrip("0").rstrip(".")
    return str(value)



def whole_numbers(df: pd.DataFrame) -> pd.DataFrame:
    """The table with its number columns whose values are all whole written as whole numbers: a
    count of firms is 1286 in the CSV, never 1286.0 (a column with a missing cell is float in
    pandas)."""
    out = df.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values) and values.dropna().map(float.is_integer).all():
            out[column] = values.astype("Int64")
    return out


def start(number: str, city: str, year: int, lang: str, data_dir: str | Path,
          output_dir: str | Path) -> Notebook:
    """Validate the parameters, open the summary, set the chart style for `lang`."""
    check_lang(lang)
    summary = Summary.select(city, int(year), data_dir)
    plots.setup(lang)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    nb = Notebook(number=number, summary=summary, lang=lang, output_dir=out)
    nb._write_statements()  # none yet: a section that states nothing is left out of the report
    return nb
