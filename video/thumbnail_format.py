"""Thumbnail files: formats, sizes, the 2 MB limit, and the record ShopReel keeps inside them.

Limits (see specs/README.md): YouTube takes custom thumbnails up to 2 MB; Google's video
sitemap wants at least 160x90 and at most 1920x1080 pixels. JPEG and WebP are written at the
best quality that fits the byte limit, lowered step by step; PNG cannot trade quality for size,
so a PNG that does not fit is an error that says what to do instead.

Every thumbnail carries its maker in the EXIF ``Software`` tag and a small JSON record (the
chosen time and what it was chosen from) in the EXIF ``UserComment``. The record travels with
the image and is replaced with it in one atomic rename, so it can never describe another file;
and a file without the tag is someone else's, which ShopReel does not overwrite.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from shopreel.video.errors import OutputError

MAX_BYTES = 2_000_000  # YouTube's "2 MB", read strictly
MIN_SIZE = (160, 90)
MAX_SIZE = (1920, 1080)
# The default fits the video's shape into this box: 1280x720 for 16:9 (YouTube's size),
# 1080x1080 for 1:1, 608x1080 for 9:16.
DEFAULT_BOX = (1280, 1080)

FORMATS = ("jpg", "png", "webp")
SUFFIXES = {"jpg": ".jpg", "png": ".png", "webp": ".webp"}
_ALIASES = {"jpeg": "jpg", "jpg": "jpg", "png": "png", "webp": "webp"}
_PILLOW_NAMES = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}
QUALITIES = (95, 92, 90, 88, 84, 80, 76, 72, 68, 64, 60, 55, 50, 45, 40, 35, 30, 25, 20)
# Full colour resolution keeps coloured title text crisp; below this quality halving the colour
# resolution saves more than it costs.
FULL_CHROMA_QUALITY = 90

_SOFTWARE = 0x0131
_EXIF_IFD = 0x8769
_USER_COMMENT = 0x9286
_ASCII_PREFIX = b"ASCII\x00\x00\x00"  # the character-code header EXIF puts before a comment
MAKER = "ShopReel"


def image_format(name: str) -> str:
    """``jpg``, ``png`` or ``webp`` from a format name or suffix. Raises ValueError."""
    key = name.lower().lstrip(".")
    if key not in _ALIASES:
        raise ValueError(f"{name!r} is not a thumbnail format; choose jpg, png or webp")
    return _ALIASES[key]


def parse_size(text: str) -> tuple[int, int]:
    """``"1280x720"`` -> (1280, 720), checked against the limits. Raises ValueError."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise ValueError(f"{text!r} is not a size; write WIDTHxHEIGHT, like 1280x720")
    size = int(match.group(1)), int(match.group(2))
    problem = size_problem(size)
    if problem:
        raise ValueError(problem)
    return size


def size_problem(size: tuple[int, int]) -> str | None:
    """Why ``size`` breaks Google's thumbnail limits, or None."""
    width, height = size
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        return f"{width}x{height} is too small: search engines need at least 160x90"
    if width > MAX_SIZE[0] or height > MAX_SIZE[1]:
        return f"{width}x{height} is too large: search engines take at most 1920x1080"
    return None


def default_size(shown: tuple[int, int]) -> tuple[int, int]:
    """The default thumbnail size for a video shown at ``shown``: its shape in DEFAULT_BOX."""
    width, height = shown
    scale = min(DEFAULT_BOX[0] / width, DEFAULT_BOX[1] / height)
    size = (round(width * scale / 2) * 2, round(height * scale / 2) * 2)
    # Extreme shapes (a 30:1 banner) would drop below the minimum: the picture is cropped then.
    return max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1])


@dataclass(frozen=True)
class Encoded:
    data: bytes
    quality: int | None  # None for PNG


def _exif(record: dict[str, Any]) -> Image.Exif:
    exif = Image.Exif()
    try:
        version = metadata.version("shopreel")
    except metadata.PackageNotFoundError:  # running from a source tree
        version = ""
    exif[_SOFTWARE] = f"{MAKER} {version}".strip()
    text = json.dumps(record, separators=(",", ":"), ensure_ascii=True)
    exif.get_ifd(_EXIF_IFD)[_USER_COMMENT] = _ASCII_PREFIX + text.encode("ascii")
    return exif


def encode(image: Image.Image, fmt: str, record: dict[str, Any],
           max_bytes: int = MAX_BYTES) -> Encoded:
    """The image as ``fmt`` bytes no larger than ``max_bytes``, with ShopReel's record.

    Raises OutputError when even the lowest quality (or a PNG) does not fit.
    """
    fmt = image_format(fmt)
    exif = _exif(record)
    rgb = image.convert("RGB")
    if fmt == "png":
        data = _save(rgb, "png", exif=exif, compress_level=9)
        if len(data) > max_bytes:
            raise OutputError(
                f"the PNG would be {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit "
                "of YouTube thumbnails",
                "use --format jpg (quality is lowered until it fits) or a smaller --size")
        return Encoded(data, None)
    for quality in QUALITIES:
        if fmt == "jpg":
            chroma = "4:4:4" if quality >= FULL_CHROMA_QUALITY else "4:2:0"
            try:
                data = _save(rgb, fmt, exif=exif, quality=quality, optimize=True,
                             subsampling=chroma)
            except OSError:
                # Pillow gives an optimising libjpeg a buffer of one byte per pixel; a noisy
                # picture at high quality needs more ("Suspension not allowed here").
                data = _save(rgb, fmt, exif=exif, quality=quality, subsampling=chroma)
        else:
            data = _save(rgb, fmt, exif=exif, quality=quality, method=4)
        if len(data) <= max_bytes:
            return Encoded(data, quality)
    raise OutputError(f"the thumbnail does not fit in {max_bytes / 1e6:g} MB even at quality "
                      f"{QUALITIES[-1]}", "choose a smaller --size")


def _save(image: Image.Image, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, _PILLOW_NAMES[fmt], **options)
    return buffer.getvalue()


def read_record(path: Path) -> dict[str, Any] | None:
    """ShopReel's record in a thumbnail; ``{}`` for a ShopReel file without one; None if the
    file is missing, unreadable or not made by ShopReel."""
    try:
        with Image.open(path) as image:
            exif = image.getexif()
            software = str(exif.get(_SOFTWARE, ""))
            comment = exif.get_ifd(_EXIF_IFD).get(_USER_COMMENT)
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError):
        return None
    if not software.startswith(MAKER):
        return None
    if not isinstance(comment, bytes) or not comment.startswith(_ASCII_PREFIX):
        return {}
    try:
        record = json.loads(comment[len(_ASCII_PREFIX):].decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return record if isinstance(record, dict) else {}


def made_by_shopreel(path: Path) -> bool:
    """True when ``path`` is an image ShopReel wrote (so it may be replaced)."""
    return read_record(path) is not None
