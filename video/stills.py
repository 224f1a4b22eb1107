"""Photos made ready for the render: upright, opaque RGB, no larger than the canvas needs.

ffmpeg ignores EXIF orientation and handles odd photo formats (CMYK JPEG, 16-bit PNG, animated
WebP, alpha) unevenly; Pillow reads them all, so each photo is normalised once into a PNG that
ffmpeg loops for the clip's duration.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PIL import Image, ImageOps

from shopreel.video.plan import RenderPlan, Segment

# Packshots with a transparent background sit on white, the shop-page convention.
BACKGROUND = (255, 255, 255)


def normalise_still(source: Path, target: Path, canvas: tuple[int, int]) -> Path:
    """Write ``source`` as an upright RGB PNG at ``target``, scaled down to just cover ``canvas``."""
    with Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened)
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            image = Image.new("RGB", rgba.size, BACKGROUND)
            image.paste(rgba, mask=rgba.getchannel("A"))
        else:
            image = image.convert("RGB")
    width, height = image.size
    # Cover, not fit: crop and blur fits need the picture to fill the canvas in both directions.
    scale = max(canvas[0] / width, canvas[1] / height)
    if scale < 1:
        size = (max(2, round(width * scale)), max(2, round(height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    image.save(target, format="PNG", compress_level=1)
    return target


def prepare_stills(plan: RenderPlan, work: Path) -> RenderPlan:
    """The plan with every photo (content and intro) replaced by its normalised PNG in ``work``."""
    def prepared(segment: Segment) -> Segment:
        if not segment.is_still:
            return segment
        png = normalise_still(segment.source, work / f"still-{segment.clip_index}.png", plan.canvas)
        return dataclasses.replace(segment, source=png)

    intro = prepared(plan.intro_clip) if plan.intro_clip is not None else None
    return dataclasses.replace(plan, segments=tuple(map(prepared, plan.segments)), intro_clip=intro)
