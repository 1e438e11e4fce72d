"""`python -m helpers.data.draft`: the drafting command (see helpers.data.draft)."""
from helpers.data.draft import main

if __name__ == "__main__":
    raise SystemExit(main())
