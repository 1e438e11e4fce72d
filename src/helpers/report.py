"""`python -m helpers.build.report`: the build command named in DESIGN.md (see helpers.build.report)."""
from helpers.build.report import main

if __name__ == "__main__":
    raise SystemExit(main())
