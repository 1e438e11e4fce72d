"""pytest plugin loaded first (`-p tests.session`, make test and make test-slow): skip
rfc3987_syntax before nbval's plugin imports nbformat. jsonschema imports it for an IRI format
check nbformat never uses, and it compiles its grammars on import: about 2 s in pytest and in each
of its workers (the build skips it the same way, helpers.build.report.fast_imports)."""
import sys

sys.modules.setdefault("rfc3987_syntax", None)
