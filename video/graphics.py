"""Branded graphics drawn once with Pillow as transparent RGBA layers.

Caption plates, the URL plate, the logo and the title/end card blocks are plain images here;
``compose`` places them on the video with ffmpeg's overlay, so no Python runs per frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from shopreel.video.fonts import FontChain
from shopreel.video.text import RGBA, TextStyle, block_size, draw_lines, wrap


def rgba(hex_color: str, alpha: int | None = None) -> RGBA:
    value = hex_color.lstrip("#")
    red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    own_alpha = int(value[6:8], 16) if len(value) == 8 else 255
    return red, green, blue, own_alpha if alpha is None else alpha


def _luminance(color: RGBA) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b, _ = color
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: RGBA, b: RGBA) -> float:
    """WCAG contrast ratio of two colours (1..21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_on(background: RGBA, preferred: RGBA) -> RGBA:
    """``preferred`` if it reads well on ``background`` (WCAG 4.5:1), else black or white."""
    if contrast(background, preferred) >= 4.5:
        return preferred
    white, black = (255, 255, 255, 255), (17, 17, 17, 255)
    return white if contrast(background, white) >= contrast(background, black) else black


@dataclass(frozen=True)
class Palette:
    primary: RGBA
    accent: RGBA
    text: RGBA


def caption_image(text: str, style: str, palette: Palette, chain: FontChain, size: int,
                  max_width: int) -> Image.Image:
    """A call-to-action caption: ``badge`` (rounded plate), ``banner`` (band) or ``plain``."""
    pad_x, pad_y = round(size * 0.7), round(size * 0.38)
    if style == "banner":
        plate = (*palette.primary[:3], 232)
        ink = TextStyle(chain, size, readable_on(plate, palette.text))
        lines = wrap(text, ink, max_width - 2 * pad_x)
        _, text_h = block_size(lines, ink)
        image = Image.new("RGBA", (max_width, text_h + 2 * pad_y), plate)
        draw_lines(image, lines, ink, (pad_x, pad_y), width=max_width - 2 * pad_x)
        return image
    if style == "plain":
        ink = TextStyle(chain, size, palette.text)
        margin = size // 2  # room for the shadow
        lines = wrap(text, ink, max_width - 2 * margin)
        text_w, text_h = block_size(lines, ink)
        image = Image.new("RGBA", (text_w + 2 * margin, text_h + 2 * margin), (0, 0, 0, 0))
        draw_lines(image, lines, ink, (margin, margin), width=text_w, shadow=(0, 0, 0, 200))
        return image
    plate = palette.accent
    ink = TextStyle(chain, size, readable_on(plate, palette.text))
    lines = wrap(text, ink, max_width - 2 * pad_x)
    text_w, text_h = block_size(lines, ink)
    return _plate(lines, ink, plate, text_w, text_h, pad_x, pad_y, radius=round(size * 0.45))


def _plate(lines: list[str], ink: TextStyle, color: RGBA, text_w: int, text_h: int, pad_x: int,
           pad_y: int, radius: int) -> Image.Image:
    size = (text_w + 2 * pad_x, text_h + 2 * pad_y)
    shadow_margin = max(2, radius // 2)
    image = Image.new("RGBA", (size[0] + 2 * shadow_margin, size[1] + 2 * shadow_margin),
                      (0, 0, 0, 0))
    shadow = Image.new("RGBA", image.size, (0, 0, 0, 0))
    box = (shadow_margin, shadow_margin, shadow_margin + size[0], shadow_margin + size[1])
    ImageDraw.Draw(shadow).rounded_rectangle(box, radius, fill=(0, 0, 0, 90))
    image.alpha_composite(shadow.filter(ImageFilter.GaussianBlur(shadow_margin / 2)))
    ImageDraw.Draw(image).rounded_rectangle(box, radius, fill=color)
    draw_lines(image, lines, ink, (shadow_margin + pad_x, shadow_margin + pad_y), width=text_w)
    return image


def url_image(url: str, style: str, palette: Palette, chain: FontChain, size: int,
              max_width: int) -> Image.Image:
    """The shop's web address: on a plate in the brand colour, or plain with a shadow."""
    if style == "plain":
        # Must not wrap either: shrink until it fits beside the shadow margins (size // 2 each).
        while size > 8 and (block_size([url], TextStyle(chain, size, palette.text))[0]
                            + 2 * (size // 2) > max_width):
            size -= 1
        return caption_image(url, "plain", palette, chain, size, max_width)
    pad_x, pad_y = round(size * 0.55), round(size * 0.3)
    plate = (*palette.primary[:3], 225)
    ink = TextStyle(chain, size, readable_on(plate, palette.text))
    # A web address must not wrap: shrink it to the width instead.
    while size > 8 and block_size([url], ink)[0] + 2 * pad_x > max_width:
        size -= 1
        ink = TextStyle(chain, size, ink.color)
    text_w, text_h = block_size([url], ink)
    return _plate([url], ink, plate, text_w, text_h, pad_x, pad_y, radius=round(size * 0.35))


def load_logo(path: Path) -> Image.Image:
    """The logo as RGBA (transparency kept). Raises OSError/ValueError for unreadable files."""
    with Image.open(path) as opened:
        opened.load()
        logo: Image.Image = opened.convert("RGBA")
    return logo


def logo_image(logo: Image.Image, height: int, opacity: float, max_width: int) -> Image.Image:
    """The logo scaled to ``height`` pixels (narrower if it would exceed ``max_width``)."""
    scale = min(height / logo.height, max_width / logo.width)
    size = (max(1, round(logo.width * scale)), max(1, round(logo.height * scale)))
    image = logo.resize(size, Image.Resampling.LANCZOS)
    if opacity < 1:
        alpha = image.getchannel("A").point(lambda a: round(a * opacity))
        image.putalpha(alpha)
    return image


def card_block(lines: list[tuple[str, TextStyle]], logo: Image.Image | None, max_width: int,
               gap: int) -> Image.Image:
    """The centred content of a title or end card: optional logo, then text blocks."""
    pieces: list[Image.Image] = []
    if logo is not None:
        pieces.append(logo)
    for text, style in lines:
        wrapped = wrap(text, style, max_width)
        width, height = block_size(wrapped, style)
        piece = Image.new("RGBA", (max(1, width), height), (0, 0, 0, 0))
        draw_lines(piece, wrapped, style, (0, 0), width=width)
        pieces.append(piece)
    width = max(piece.width for piece in pieces)
    height = sum(piece.height for piece in pieces) + gap * (len(pieces) - 1)
    block = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    y = 0
    for piece in pieces:
        block.alpha_composite(piece, ((width - piece.width) // 2, y))
        y += piece.height + gap
    return block
