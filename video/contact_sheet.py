"""A contact sheet of the best thumbnail candidates, so a person can choose one by its time.

Each tile is a candidate as the scorer saw it, labelled with its rank, its time (ready for
``--at``) and its score; the automatic choice is framed in the accent colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from shopreel.video.atomic import atomic_write_bytes
from shopreel.video.fonts import font_chain
from shopreel.video.frame_score import FrameScore
from shopreel.video.graphics import rgba
from shopreel.video.text import TextStyle, draw_lines
from shopreel.video.thumbnail_format import encode
from shopreel.video.timecode import format_time

BACKGROUND = (24, 24, 27)
INK = (240, 240, 240, 255)
MUTED = (160, 160, 170, 255)
CHOSEN = "#f59e0b"
TILE_WIDTH = 320
# The sheet is a document for people, not a thumbnail: no 2 MB rule, but keep it reasonable.
MAX_BYTES = 8_000_000


@dataclass(frozen=True)
class SheetEntry:
    seconds: float
    score: FrameScore
    image: Image.Image
    note: str = ""  # e.g. "caption" when a caption was on screen


def contact_sheet(entries: Sequence[SheetEntry], chosen: float | None = None,
                  title: str = "") -> Image.Image:
    """The entries, best first, as a grid of labelled tiles."""
    if not entries:
        raise ValueError("a contact sheet needs at least one candidate")
    columns = min(len(entries), 4 if len(entries) > 6 else 3)
    rows = math.ceil(len(entries) / columns)
    tile_h = max(2, round(TILE_WIDTH * entries[0].image.height / entries[0].image.width))
    pad, label_h, header_h = 12, 46, 44 if title else 0
    chain = font_chain("semibold")
    big, small = TextStyle(chain, 17, INK), TextStyle(chain, 14, MUTED)
    sheet = Image.new("RGBA", (pad + columns * (TILE_WIDTH + pad),
                               header_h + pad + rows * (tile_h + label_h + pad)), BACKGROUND)
    if title:
        draw_lines(sheet, [title], TextStyle(chain, 20, INK), (pad, 12),
                   width=sheet.width - 2 * pad, align="left")
    draw = ImageDraw.Draw(sheet)
    for rank, entry in enumerate(entries):
        row, column = divmod(rank, columns)
        x = pad + column * (TILE_WIDTH + pad)
        y = header_h + pad + row * (tile_h + label_h + pad)
        sheet.paste(entry.image.convert("RGB").resize((TILE_WIDTH, tile_h)), (x, y))
        if chosen is not None and abs(entry.seconds - chosen) < 1e-6:
            draw.rectangle((x - 4, y - 4, x + TILE_WIDTH + 3, y + tile_h + 3),
                           outline=rgba(CHOSEN), width=4)
        label = f"#{rank + 1}  {format_time(entry.seconds)}  ({entry.seconds:.3f} s)"
        details = f"score {entry.score.total:.3f}  sharp {entry.score.sharpness:.2f}  " \
                  f"light {entry.score.exposure:.2f}  colour {entry.score.colourfulness:.2f}"
        extra = entry.score.rejected or entry.note
        draw_lines(sheet, [label + (f"  {extra}" if extra else "")], big, (x, y + tile_h + 4),
                   width=TILE_WIDTH, align="left")
        draw_lines(sheet, [details], small, (x, y + tile_h + 26), width=TILE_WIDTH, align="left")
    return sheet.convert("RGB")


def write_contact_sheet(entries: Sequence[SheetEntry], out: Path, *, chosen: float | None = None,
                        title: str = "") -> Path:
    """Write the contact sheet atomically (format by suffix: .jpg, .png or .webp)."""
    image = contact_sheet(entries, chosen, title)
    record = {"contact_sheet": [round(entry.seconds, 6) for entry in entries]}
    data = encode(image, out.suffix, record, MAX_BYTES).data
    atomic_write_bytes(out, data)
    return out
