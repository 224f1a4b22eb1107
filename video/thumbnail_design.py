"""The thumbnail's design: the frame cropped to size, a title, the logo, an accent frame.

Everything is drawn by the same graphics code as the video's captions, logo and web address
(``graphics``, ``text``, ``fonts``, ``layout``): the title is a caption plate (``badge``, in the
brand's accent colour) or band (``banner``, in the primary colour), with its text colour switched
to black or white when the brand colour would be hard to read, set large enough to read on a
phone's search results, and kept inside the safe area clear of what is already on the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from shopreel.video.errors import MediaError
from shopreel.video.fonts import font_chain
from shopreel.video.graphics import Palette, caption_image, load_logo, logo_image, rgba
from shopreel.video.layout import Placed, Rect, place, safe_area, stack
from shopreel.video.project import Colors
from shopreel.video.text import TextStyle, text_width
from shopreel.video.timeline import Window

TITLE_STYLES = ("badge", "banner")
POSITIONS = ("top-left", "top-center", "top-right", "center-left", "center", "center-right",
             "bottom-left", "bottom-center", "bottom-right")
# Title text height as a share of the thumbnail's shorter side. At 1280x720 that is 86 px,
# still about 11 px when YouTube or Google show the thumbnail 94 px high.
TITLE_SIZE = 0.12
# The title may take at most this share of the safe height; longer titles are set smaller.
TITLE_MAX_SHARE = 0.45
LOGO_SIZE = 0.14  # of the thumbnail's height
FRAME_WIDTH = 0.018  # of the shorter side


@dataclass(frozen=True)
class Design:
    """What is drawn over the frame. Colours are ``#rrggbb`` like in the project file."""

    title: str | None = None
    title_style: str = "badge"
    title_position: str = "bottom-center"
    logo: Path | None = None
    logo_position: str = "top-right"
    frame: bool = False
    colors: Colors = Colors()
    font: Path | None = None

    def palette(self) -> Palette:
        return Palette(rgba(self.colors.primary), rgba(self.colors.accent), rgba(self.colors.text))


@dataclass(frozen=True)
class Crop:
    """The part of the source frame that fills the thumbnail: box in source pixels, and scale."""

    x: float
    y: float
    width: float
    height: float
    scale: float  # thumbnail pixels per source pixel

    def map(self, rect: Rect) -> Rect:
        """A rectangle on the source frame, in thumbnail pixels."""
        x = round((rect.x - self.x) * self.scale)
        y = round((rect.y - self.y) * self.scale)
        return Rect(x, y, max(1, round(rect.width * self.scale)),
                    max(1, round(rect.height * self.scale)))


def cover(frame: Image.Image, size: tuple[int, int]) -> tuple[Image.Image, Crop]:
    """Scale ``frame`` to fill ``size``, cutting the centre out when the shapes differ."""
    width, height = frame.size
    scale = max(size[0] / width, size[1] / height)
    box_w, box_h = size[0] / scale, size[1] / scale
    x, y = (width - box_w) / 2, (height - box_h) / 2
    picture = frame.resize(size, Image.Resampling.LANCZOS, box=(x, y, x + box_w, y + box_h))
    return picture, Crop(x, y, box_w, box_h, scale)


def check_logo(path: Path) -> None:
    """Raise MediaError (naming the file) unless ``path`` is a logo image ShopReel can read."""
    try:
        load_logo(path)
    except FileNotFoundError:
        raise MediaError(str(path), "logo file not found", "check the path of the logo") from None
    except (OSError, ValueError, SyntaxError):
        raise MediaError(str(path), "not an image ShopReel can read",
                         "use a PNG (with transparency), JPEG or WebP logo") from None


def draw_design(picture: Image.Image, design: Design,
                keep_out: Sequence[Rect] = ()) -> Image.Image:
    """``picture`` (already at the thumbnail's size) with the design drawn over it.

    ``keep_out`` are areas the title and logo should stay clear of (the video's own logo and
    web address, in thumbnail pixels). Raises ProjectError for an unusable font file and
    OSError/ValueError for an unreadable logo.
    """
    canvas = picture.convert("RGBA")
    width, height = canvas.size
    palette = design.palette()
    area = safe_area(width, height)
    gap = max(4, round(min(width, height) * 0.015))
    always = Window(0, 1)
    placed = [Placed(rect, always) for rect in keep_out]

    if design.frame:
        border = max(3, round(min(width, height) * FRAME_WIDTH))
        ImageDraw.Draw(canvas).rectangle((0, 0, width - 1, height - 1), outline=palette.accent,
                                         width=border)
    if design.logo is not None:
        logo = logo_image(load_logo(design.logo), round(height * LOGO_SIZE), 1.0, area.width // 3)
        rect = stack(design.logo_position, place(design.logo_position, logo.size, area),
                     always, placed, area, gap)
        canvas.alpha_composite(logo, (rect.x, rect.y))
        placed.append(Placed(rect, always))
    if design.title and design.title.strip():
        plate = _title_plate(design, palette, (width, height), area)
        rect = stack(design.title_position, place(design.title_position, plate.size, area),
                     always, placed, area, gap)
        canvas.alpha_composite(plate, (rect.x, rect.y))
    return canvas.convert("RGB")


def _title_plate(design: Design, palette: Palette, size: tuple[int, int],
                 area: Rect) -> Image.Image:
    chain = font_chain("bold", design.font)
    style = design.title_style if design.title_style in TITLE_STYLES else "badge"
    max_width = area.width if style == "banner" else round(area.width * 0.9)
    text_px = max(10, round(min(size) * TITLE_SIZE))
    title = (design.title or "").strip()
    # Set smaller until no word has to be broken (a narrow 9:16 thumbnail and a long compound
    # word) and the title does not cover the product.
    while text_px > 10 and not _words_fit(title, TextStyle(chain, text_px, palette.text),
                                          max_width - 2 * round(text_px * 0.7)):
        text_px = max(10, round(text_px * 0.92))
    plate = caption_image(title, style, palette, chain, text_px, max_width)
    while plate.height > area.height * TITLE_MAX_SHARE and text_px > 10:
        text_px = max(10, round(text_px * 0.88))
        plate = caption_image(title, style, palette, chain, text_px, max_width)
    return plate


def _words_fit(text: str, style: TextStyle, width: int) -> bool:
    # caption_image pads the text by 0.7 of its size on each side (see graphics.caption_image).
    return all(text_width(word, style) <= width for word in text.split())
