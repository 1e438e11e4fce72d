"""The CJK font, from a Python package rather than the host, so charts and the offline HTML
report show Chinese on any machine (intranet PCs often have no CJK font and no network)."""
from __future__ import annotations

import base64
import functools
import io
import string
from importlib import resources
from pathlib import Path

FONT_FILE = "NotoSansCJKsc-Regular.otf"
FONT_FAMILY = "Noto Sans CJK SC"  # the name matplotlib and the font itself use

# Always in the subset, so numbers, Latin labels and Chinese punctuation never fall back.
_ALWAYS = (
    string.printable
    + "，。、；：？！“”‘’（）《》〈〉【】「」『』—–…·％～＋－×÷≥≤±°、"
    + "０１２３４５６７８９"
)


def cjk_font_path() -> Path:
    """Noto Sans CJK SC shipped by the mplfonts package."""
    try:
        path = Path(str(resources.files("mplfonts") / "fonts" / FONT_FILE))
    except ModuleNotFoundError:
        raise FileNotFoundError(
            f"{FONT_FILE} not found: the 'mplfonts' package is not installed "
            "(pip install mplfonts); it provides the CJK font for charts and the report"
        ) from None
    if not path.is_file():
        raise FileNotFoundError(
            f"{FONT_FILE} not found at {path}: reinstall the 'mplfonts' package"
        )
    return path


@functools.lru_cache(maxsize=8)
def _subset_bytes(chars: str) -> tuple[bytes, str]:
    """Subset the 16 MB font to `chars` (sorted, unique); returns (font bytes, css format)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    try:  # WOFF2 needs brotli; WOFF (zlib) always works
        import brotli  # noqa: F401
        flavor = "woff2"
    except ImportError:
        flavor = "woff"
    opts = subset.Options()
    opts.flavor = flavor
    opts.hinting = False
    opts.layout_features = []  # CJK running text needs no shaping; dropping layout halves the time
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    opts.name_IDs = [1, 2, 3, 4, 6]
    opts.name_languages = [0x409]
    opts.notdef_outline = True
    # recalcTimestamp=False keeps head.modified from the file, so the bytes are reproducible
    font = TTFont(str(cjk_font_path()), recalcTimestamp=False, lazy=True)
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    font.flavor = flavor
    buf = io.BytesIO()
    font.save(buf)
    font.close()
    return buf.getvalue(), flavor


def font_face_css(text: str, family: str = "NSR CJK") -> str:
    """A CSS @font-face rule embedding the font subset to the characters of `text`.

    Same text gives the same bytes, so the report build is reproducible.
    """
    chars = "".join(sorted(set(text) | set(_ALWAYS)))
    chars = "".join(c for c in chars if c.isprintable() and c not in "\t\n\r\x0b\x0c")
    data, flavor = _subset_bytes(chars)
    b64 = base64.b64encode(data).decode("ascii")
    fam = family.replace("\\", "\\\\").replace('"', '\\"')
    return (
        "@font-face{"
        f'font-family:"{fam}";'
        f'src:url(data:font/{flavor};base64,{b64}) format("{flavor}");'
        "font-weight:400;font-style:normal;font-display:block;"
        "}"
    )
