"""Draw the plan's graphics once, as PNG layers placed on the canvas and the timeline.

Layers are cropped to their content, so ffmpeg composites small images; their place comes from
the safe area and the nine positions, and captions shown together are stacked, never drawn over
each other or over the logo and the web address.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from shopreel.video.branding import Branding, OverlaySpec
from shopreel.video.fonts import font_chain
from shopreel.video.graphics import (
    Palette,
    caption_image,
    card_block,
    load_logo,
    logo_image,
    readable_on,
    rgba,
    url_image,
)
from shopreel.video.layout import Placed, Rect, place, safe_area, stack
from shopreel.video.text import TextStyle
from shopreel.video.timeline import Timeline, Window

# A caption may take at most this share of the safe height; longer text is set smaller.
MAX_CAPTION_SHARE = 0.4


@dataclass(frozen=True)
class Layer:
    """A PNG shown at (x, y) during ``window`` (output frames), fading in and out."""

    path: Path
    x: int
    y: int
    width: int
    height: int
    window: Window
    fade_frames: int


@dataclass(frozen=True)
class Artwork:
    intro_background: Path | None
    intro_block: Layer | None  # window relative to the start of the intro
    intro_slide: bool
    outro_card: Path | None
    overlays: tuple[Layer, ...]


def text_size(canvas: tuple[int, int], fraction: float) -> int:
    """Pixels for text that reads the same on 16:9, 1:1 and 9:16 canvases."""
    return max(10, round(min(canvas) * fraction))


def draw_artwork(branding: Branding, timeline: Timeline, canvas: tuple[int, int],
                 work: Path) -> Artwork:
    """Draw every graphic of ``branding`` into ``work`` and place it."""
    brand = branding.brand
    palette = Palette(rgba(brand.colors.primary), rgba(brand.colors.accent), rgba(brand.colors.text))
    logo = load_logo(brand.logo) if brand.logo is not None else None
    area = safe_area(*canvas)
    gap = max(4, round(min(canvas) * 0.015))
    placed: list[Placed] = []
    overlays: list[Layer] = []

    def add(image: Image.Image, name: str, position: str, window: Window, fade: int) -> None:
        rect = place(position, image.size, area)
        rect = stack(position, rect, window, placed, area, gap)
        placed.append(Placed(rect, window))
        path = work / f"{name}.png"
        image.save(path, compress_level=1)
        overlays.append(Layer(path, rect.x, rect.y, image.width, image.height, window,
                              min(fade, window.frames // 2)))

    if branding.logo is not None and logo is not None:
        spec = branding.logo
        add(logo_image(logo, round(canvas[1] * spec.size), spec.opacity, area.width // 3),
            "logo", spec.position, spec.window, spec.fade_frames)
    if branding.url is not None and brand.url:
        spec = branding.url
        add(_url_layer(brand.url, spec, palette, brand.font, canvas, area), "url", spec.position,
            spec.window, spec.fade_frames)
    caption_chain = font_chain("semibold", brand.font)
    for number, caption in enumerate(sorted(branding.captions, key=lambda c: c.window.start)):
        width = area.width if caption.style == "banner" else round(area.width * 0.9)

        def draw_caption(scale: float, text: str = caption.text, style: str = caption.style,
                         width: int = width) -> Image.Image:
            size = max(10, round(text_size(canvas, 0.055) * scale))
            return caption_image(text, style, palette, caption_chain, size, width)

        image = _fitted(draw_caption, area.height * MAX_CAPTION_SHARE)
        add(image, f"caption-{number}", caption.position, caption.window, caption.fade_frames)

    intro_background = intro_block = None
    if branding.intro_card is not None:
        card = branding.intro_card
        intro_background = _background(palette, canvas, work / "intro-background.png")
        block = _card_block(palette, brand.font, canvas, area, logo, card.title, card.subtitle)
        path = work / "intro-block.png"
        block.save(path, compress_level=1)
        rect = place("center", block.size, area)
        fade = round(timeline.fps * 0.6)
        intro_block = Layer(path, rect.x, rect.y, block.width, block.height,
                            Window(0, timeline.intro_frames), fade)
    outro_card = None
    if branding.has_outro:
        outro_card = work / "outro.png"
        background = Image.open(_background(palette, canvas, outro_card)).convert("RGBA")
        block = _card_block(palette, brand.font, canvas, area, logo, branding.outro_text,
                            brand.url, subtitle_color=palette.accent)
        rect = place("center", block.size, area)
        background.alpha_composite(block, (rect.x, rect.y))
        background.convert("RGB").save(outro_card, compress_level=1)
    return Artwork(intro_background, intro_block,
                   branding.intro_card is not None and branding.intro_card.style == "slide",
                   outro_card, tuple(overlays))


def _url_layer(url: str, spec: OverlaySpec, palette: Palette, font: Path | None,
               canvas: tuple[int, int], area: Rect) -> Image.Image:
    image = url_image(url, spec.style, palette, font_chain("semibold", font),
                      max(10, round(canvas[1] * spec.size * 0.62)), area.width // 2)
    if spec.opacity < 1:
        image.putalpha(image.getchannel("A").point(lambda a: round(a * spec.opacity)))
    return image


def _background(palette: Palette, canvas: tuple[int, int], path: Path) -> Path:
    """The brand colour, a little lighter at the top: a calm, not flat, card background."""
    width, height = canvas
    top = tuple(min(255, round(c * 1.12 + 10)) for c in palette.primary[:3])
    bottom = tuple(round(c * 0.78) for c in palette.primary[:3])
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(Image.new("RGB", canvas, bottom), Image.new("RGB", canvas, top),
                            gradient)
    image.save(path, compress_level=1)
    return path


def _fitted(draw: Callable[[float], Image.Image], max_height: float) -> Image.Image:
    """Draw at full size, then smaller until the result is no taller than ``max_height``.

    Long text wraps to the width; this keeps it inside the height too, so nothing leaves the
    frame or covers the whole picture.
    """
    scale = 1.0
    image = draw(scale)
    while image.height > max_height and scale > 0.2:
        scale *= 0.85
        image = draw(scale)
    return image


def _card_block(palette: Palette, font: Path | None, canvas: tuple[int, int], area: Rect,
                logo: Image.Image | None, title: str | None, subtitle: str | None,
                subtitle_color: tuple[int, int, int, int] | None = None) -> Image.Image:
    ink = readable_on(palette.primary, palette.text)
    if not title and not subtitle and logo is None:
        return Image.new("RGBA", (2, 2), (0, 0, 0, 0))

    def draw(scale: float) -> Image.Image:
        lines: list[tuple[str, TextStyle]] = []
        if title:
            lines.append((title, TextStyle(font_chain("bold", font),
                                           max(10, round(text_size(canvas, 0.1) * scale)), ink)))
        if subtitle:
            color = readable_on(palette.primary, subtitle_color or (*ink[:3], 220))
            lines.append((subtitle, TextStyle(font_chain("regular", font),
                                              max(10, round(text_size(canvas, 0.05) * scale)),
                                              color)))
        mark = (logo_image(logo, max(8, round(min(canvas) * 0.16 * scale)), 1.0, area.width)
                if logo else None)
        return card_block(lines, mark, area.width, round(min(canvas) * 0.03 * scale))

    return _fitted(draw, area.height)
