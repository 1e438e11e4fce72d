"""The CJK font, from a Python package rather than the host, so charts and the offline HTML
report show Chinese on any machine (intranet PCs often have no CJK font and no network)."""
from __future__ import annotations

import base64
import functools
import io
import os
import string
import sys
import tempfile
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


# The characters of the base font: GB2312 (the 6,763 hanzi of official text), the punctuation
# and Latin of _ALWAYS, and the symbol blocks a page also uses (nbconvert's ¶ anchors, ↑ → in the
# trend labels, the minus sign −, fullwidth ［］). A page's subset is cut from it (0.3 s) rather
# than from the 16 MB font with its 65,000 glyphs (0.8 s a page); a character outside it is cut
# from the full font. `make` cuts the base (about 9 s) when it installs the environment; the name
# changes with its characters, so an environment cut for fewer makes it again.
BASE_FILE = "NotoSansCJKsc-base-2.otf"
BASE_BLOCKS = ((0x00A0, 0x0100), (0x2000, 0x2070), (0x2190, 0x2200), (0x2200, 0x2300),
               (0xFF00, 0xFFF0))


@functools.cache
def base_chars() -> frozenset[str]:
    out = set(_ALWAYS)
    out.update(chr(code) for start, end in BASE_BLOCKS for code in range(start, end))
    for code in range(0x3000, 0xA000):
        c = chr(code)
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        out.add(c)
    return frozenset(out)


def base_font_path() -> Path:
    """Where the environment keeps the base font (made once: `python -m helpers.present.fonts`,
    which `make` runs when it installs the environment)."""
    return Path(sys.prefix) / "share" / "nsr" / BASE_FILE


def _options(flavor: str | None):
    from fontTools import subset

    opts = subset.Options()
    opts.flavor = flavor
    opts.hinting = False
    opts.layout_features = []  # CJK running text needs no shaping; dropping layout halves the time
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    opts.name_IDs = [1, 2, 3, 4, 6]
    opts.name_languages = [0x409]
    opts.notdef_outline = True
    return opts


def _cut(source: Path, chars: str, flavor: str | None) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # recalcTimestamp=False keeps head.modified from the file, so the bytes are reproducible;
    # recalcBBoxes=False keeps the font's own bounding box (any box that holds the glyphs serves a
    # browser) instead of measuring every glyph again, half the time of a cut
    font = TTFont(str(source), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    subsetter = subset.Subsetter(_options(flavor))
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    font.flavor = flavor
    buf = io.BytesIO()
    font.save(buf)
    font.close()
    return buf.getvalue()


def prepare_base() -> Path:
    """Cut the base font from the full one, once per environment (written whole or not at all);
    `python -m helpers.present.fonts`, run by make."""
    path = base_font_path()
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".base.", suffix=".otf")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_cut(cjk_font_path(), "".join(sorted(base_chars())), None))
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    for old in path.parent.glob("NotoSansCJKsc-base*.otf"):  # a base cut for other characters
        if old != path:
            old.unlink()
    return path


def _source(chars: str) -> Path:
    """The base font when the environment has it and it holds every character, else the full
    font. Either gives the same bytes (the subset keeps the full font's glyph ids), so a report
    does not depend on which was used; the base is only faster."""
    base = base_font_path()
    return base if set(chars) <= base_chars() and base.is_file() else cjk_font_path()


@functools.lru_cache(maxsize=8)
def _subset_bytes(chars: str) -> tuple[bytes, str]:
    """Subset the font to `chars` (sorted, unique); returns (font bytes, css format)."""
    try:  # WOFF2 needs brotli; WOFF (zlib) always works
        import brotli  # noqa: F401
        flavor = "woff2"
    except ImportError:
        flavor = "woff"
    return _cut(_source(chars), chars, flavor), flavor


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


if __name__ == "__main__":  # make: cut the base font once, when it installs the environment
    print(prepare_base())
