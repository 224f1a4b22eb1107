"""Graphics drawn by Pillow: fonts with fallback, wrapping, plates, placement and stacking."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from shopreel.video.fonts import bundled_font, font_chain
from shopreel.video.graphics import Palette, caption_image, contrast, readable_on, rgba, url_image
from shopreel.video.layout import Placed, Rect, place, safe_area, stack
from shopreel.video.text import TextStyle, block_size, draw_lines, text_width, wrap
from shopreel.video.timeline import Window

PALETTE = Palette(rgba("#2e7d32"), rgba("#ffb300"), rgba("#ffffff"))
COFFEE = "\u2615"  # not in Inter, present in DejaVu Sans


def _ink_pixels(image: Image.Image) -> int:
    return int((np.asarray(image.convert("RGBA"))[:, :, 3] > 0).sum())


def test_bundled_fonts_and_licences_are_installed() -> None:
    for family, weight in [("Inter", "regular"), ("Inter", "bold"), ("DejaVu Sans", "regular")]:
        assert bundled_font(family, weight).is_file()
    folder = bundled_font("Inter", "regular").parent
    assert (folder / "LICENSE-Inter.txt").is_file() and (folder / "LICENSE-DejaVu.txt").is_file()


def test_german_text_needs_no_fallback() -> None:
    chain = font_chain()
    text = "Grüße aus dem Hofladen – „Bio“ für 5 € ÄÖÜ ß ẞ"
    assert chain.missing(text) == set()
    assert [index for index, _ in chain.runs(text)] == [0]


def test_cyrillic_and_greek_are_drawn() -> None:
    assert font_chain().missing("Доставка бесплатно · Δωρεάν αποστολή") == set()


def test_a_missing_glyph_is_drawn_by_the_fallback_font() -> None:
    chain = font_chain()
    assert COFFEE not in chain.missing(COFFEE)
    assert dict(chain.runs(f"Kaffee {COFFEE}")) == {0: "Kaffee ", 1: COFFEE}
    style = TextStyle(chain, 48, (0, 0, 0, 255))

    def drawn(text: str) -> Image.Image:
        image = Image.new("RGBA", (200, 80), (0, 0, 0, 0))
        draw_lines(image, [text], style, (0, 0), width=200, align="left")
        return image

    # The fallback draws the real cup: compare with what the primary font alone would draw.
    with_fallback = drawn(COFFEE)
    primary_only = Image.new("RGBA", (200, 80), (0, 0, 0, 0))
    from PIL import ImageDraw

    ImageDraw.Draw(primary_only).text((0, style.ascent), COFFEE, font=chain.font(0, 48),
                                       fill=(0, 0, 0, 255), anchor="ls")
    assert _ink_pixels(with_fallback) > 0
    assert not np.array_equal(np.asarray(with_fallback), np.asarray(primary_only))
    reference = Image.new("RGBA", (200, 80), (0, 0, 0, 0))
    ImageDraw.Draw(reference).text((0, style.ascent), COFFEE, font=chain.font(1, 48),
                                    fill=(0, 0, 0, 255), anchor="ls")
    assert np.array_equal(np.asarray(with_fallback), np.asarray(reference))


def test_long_text_wraps_and_long_words_are_split() -> None:
    style = TextStyle(font_chain(), 40, (0, 0, 0, 255))
    text = "Heute ohne Versandkosten für alle Bestellungen über fünfzig Euro"
    lines = wrap(text, style, 400)
    assert len(lines) > 1
    assert all(text_width(line, style) <= 400 for line in lines)
    assert " ".join(lines) == text
    word = "Donaudampfschifffahrtsgesellschaftskapitän"
    pieces = wrap(word, style, 300)
    assert "".join(pieces) == word and all(text_width(p, style) <= 300 for p in pieces)
    assert wrap("erste\nzweite", style, 1000) == ["erste", "zweite"]


@pytest.mark.parametrize("style", ["badge", "banner", "plain"])
def test_caption_styles_fit_the_width(style: str) -> None:
    image = caption_image("Nur solange der Vorrat reicht – jetzt bestellen und sparen", style,
                          PALETTE, font_chain(), 40, 500)
    assert image.width <= 500 + 40  # badges carry a small shadow margin
    assert image.height > 2 * 40  # wrapped to at least two lines


def test_badge_text_stays_readable_on_a_light_accent() -> None:
    ink = readable_on(PALETTE.accent, PALETTE.text)  # white on amber is too weak
    assert contrast(PALETTE.accent, ink) >= 4.5
    assert readable_on(PALETTE.primary, PALETTE.text) == PALETTE.text


def test_url_never_wraps_it_shrinks() -> None:
    image = url_image("www.ein-sehr-langer-hofladen-name.de", "plate", PALETTE, font_chain(), 60,
                      300)
    assert image.width <= 300 + 20
    size = block_size(["x"], TextStyle(font_chain(), 60, (0, 0, 0, 255)))[1]
    assert image.height < size * 2


@pytest.mark.parametrize("canvas", [(1920, 1080), (1080, 1080), (1080, 1920)])
def test_every_position_is_inside_the_safe_area(canvas: tuple[int, int]) -> None:
    area = safe_area(*canvas)
    assert area.x > 0 and area.right < canvas[0] and area.y > 0 and area.bottom < canvas[1]
    for position in ["top-left", "top-center", "top-right", "center-left", "center",
                     "center-right", "bottom-left", "bottom-center", "bottom-right"]:
        rect = place(position, (300, 100), area)
        assert area.x <= rect.x and rect.right <= area.right
        assert area.y <= rect.y and rect.bottom <= area.bottom


def test_overlapping_captions_are_stacked_not_drawn_over_each_other() -> None:
    area = Rect(0, 0, 1000, 1000)
    first = place("bottom-center", (400, 100), area)
    placed = [Placed(first, Window(0, 100))]
    second = stack("bottom-center", place("bottom-center", (400, 100), area), Window(50, 150),
                   placed, area, gap=10)
    assert second.bottom == first.y - 10
    later = stack("bottom-center", place("bottom-center", (400, 100), area), Window(100, 200),
                  placed, area, gap=10)
    assert later == first  # not shown at the same time: keeps its natural place


def test_very_long_text_is_set_smaller_instead_of_leaving_the_frame(tmp_path) -> None:
    from fractions import Fraction
    from pathlib import Path

    from shopreel.video.artwork import MAX_CAPTION_SHARE, draw_artwork
    from shopreel.video.brand import effective_brand, example_kit
    from shopreel.video.branding import Branding, CaptionSpec, IntroCard
    from shopreel.video.project import Brand
    from shopreel.video.timeline import build_timeline

    brand = effective_brand(Brand(kit=str(example_kit())), Path("."))
    timeline = build_timeline(Fraction(30), 300, Fraction(5, 2), Fraction(3))
    long_text = "Frische Bio-Äpfel aus der Region, jede Woche neu geerntet. " * 8
    branding = Branding(brand, IntroCard(long_text[:200], long_text[:200], "fade"), long_text, True,
                        None, None, (CaptionSpec("captions[0]", long_text, Window(0, 100),
                                                 "bottom-center", "badge", 9),))
    canvas = (1280, 720)
    artwork = draw_artwork(branding, timeline, canvas, tmp_path)
    area = safe_area(*canvas)
    assert artwork.intro_block is not None
    assert artwork.intro_block.height <= area.height
    caption = artwork.overlays[0]
    assert caption.height <= area.height * MAX_CAPTION_SHARE
    assert area.y <= caption.y and caption.y + caption.height <= area.bottom
