"""pytest plugin loaded first (`-p tests.session`, make test and make test-slow): skip
rfc3987_syntax before nbval's plugin imports nbformat. jsonschema imports it for an IRI format
check nbformat never uses, and it compiles its grammars on import: about 2 s in pytest and in each
of its workers (the build skips it the same way, helpers.build.report.fast_imports).

It also orders the run for two workers: the notebooks (a kernel each) and the modules marked
`long` go first, so the many short tests fill the end of the run instead of one worker waiting
for the other's last long module (make test passes --no-loadscope-reorder, which would otherwise
order files by their number of tests)."""
import sys

sys.modules.setdefault("rfc3987_syntax", None)


def pytest_collection_modifyitems(items):
    def first(item) -> bool:
        return item.path.suffix == ".ipynb" or item.get_closest_marker("long") is not None

    items.sort(key=lambda item: not first(item))  # stable: each file keeps its own order
