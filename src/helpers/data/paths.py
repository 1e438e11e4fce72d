"""Where things live, so notebooks, tests and the build agree without hard-coding paths.

NSR_DATA_DIR points everything at another data/ folder (a copy with next year's document, say)
without a change to any file.
"""
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
DATA_DIR = Path(os.environ.get("NSR_DATA_DIR") or REPO_ROOT / "data").resolve()
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
REPORTS_DIR = REPO_ROOT / "reports"
