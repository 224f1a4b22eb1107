"""Fonts: the bundled open-licensed faces, the brand's own font, and per-character fallback.

Text is split into runs, each drawn with the first font in the chain that has every glyph of the
run, so a character the brand font lacks is drawn by a bundled font that has it, never as a tofu
box. Coverage is read from each font's character map (fontTools), not guessed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PIL import ImageFont

from shopreel.video.errors import ProjectError

# Inter: a clean screen face with Latin, Greek and Cyrillic. DejaVu Sans: the wide-coverage
# fallback (symbols, arrows, more scripts). Both are bundled with their licence files.
_BUNDLED = {
    ("Inter", "regular"): "Inter-Regular.otf",
    ("Inter", "semibold"): "Inter-SemiBold.otf",
    ("Inter", "bold"): "Inter-Bold.otf",
    ("DejaVu Sans", "regular"): "DejaVuSans.ttf",
    ("DejaVu Sans", "semibold"): "DejaVuSans-Bold.ttf",
    ("DejaVu Sans", "bold"): "DejaVuSans-Bold.ttf",
}
WEIGHTS = ("regular", "semibold", "bold")


def bundled_font(family: str, weight: str) -> Path:
    """Path of a bundled font file (inside the installed package)."""
    name = _BUNDLED[(family, weight)]
    return Path(str(resources.files("shopreel.resources") / "fonts" / name))


@functools.lru_cache(maxsize=32)
def _coverage(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=0) as font:
        cmap = font.getBestCmap() or {}
        return frozenset(cmap)


@functools.lru_cache(maxsize=256)
def _load(path: str, size: int) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if _has_raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, size, layout_engine=layout)


@functools.lru_cache(maxsize=1)
def _has_raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


# Characters that are layout, not glyphs: never a reason to switch fonts.
_NEUTRAL = frozenset(" \t\n\u00a0\u200b\u200d\ufe0f")


@dataclass(frozen=True)
class FontChain:
    """An ordered list of font files: the brand's (or Inter), then the fallbacks."""

    paths: tuple[str, ...]

    def font(self, index: int, size: int) -> ImageFont.FreeTypeFont:
        return _load(self.paths[index], size)

    def index_for(self, char: str) -> int:
        """The first font in the chain that has a glyph for ``char`` (the last one otherwise)."""
        code = ord(char)
        for index, path in enumerate(self.paths):
            if code in _coverage(path):
                return index
        return len(self.paths) - 1

    def runs(self, text: str) -> Iterator[tuple[int, str]]:
        """Split ``text`` into (font index, run) pieces; spaces stay with the run around them."""
        current: int | None = None
        piece = ""
        for char in text:
            index = current if (char in _NEUTRAL and current is not None) else self.index_for(char)
            if current is None or index == current:
                current = index
                piece += char
            else:
                yield current, piece
                current, piece = index, char
        if piece:
            yield current if current is not None else 0, piece

    def missing(self, text: str) -> set[str]:
        """Characters no font in the chain can draw (shown as boxes if drawn at all)."""
        covered = [_coverage(path) for path in self.paths]
        return {ch for ch in text if ch not in _NEUTRAL and not any(ord(ch) in c for c in covered)}


def font_chain(weight: str = "semibold", brand_font: Path | None = None,
               field: str = "brand.font") -> FontChain:
    """The chain for a text style: the brand's font file if given, then Inter, then DejaVu.

    Raises ProjectError naming ``field`` when the brand font is missing or not a font.
    """
    paths: list[str] = []
    if brand_font is not None:
        paths.append(_checked_font(brand_font, field))
    paths += [str(bundled_font("Inter", weight)), str(bundled_font("DejaVu Sans", weight))]
    return FontChain(tuple(dict.fromkeys(paths)))


def _checked_font(path: Path, field: str) -> str:
    if not path.is_file():
        raise ProjectError(f"{field}: {path}: font file not found",
                           "give a .ttf or .otf file, or remove the key to use Inter", field=field)
    try:
        _coverage(str(path))
        _load(str(path), 12)
    except Exception:  # fontTools and FreeType raise many kinds of errors for non-fonts
        raise ProjectError(f"{field}: {path}: not a font file ShopReel can use",
                           "give a .ttf or .otf file", field=field) from None
    return str(path)
