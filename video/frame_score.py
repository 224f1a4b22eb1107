"""How good a frame would look as a thumbnail: sharp, well exposed, contrasty, colourful.

Scores are computed on small frames (about 320 pixels wide, as the candidate sampler decodes
them) with plain numpy arithmetic, so scoring two dozen candidates takes a few milliseconds and
gives the same numbers for the same pixels on every run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

# Below these a frame is not a candidate at all: a fade, a black gap, a solid card.
NEAR_BLACK_MEAN = 22.0  # mean luma (0..255)
BLOWN_OUT_MEAN = 238.0
BLANK_STD = 5.0  # luma standard deviation of an (almost) uniform picture
# A rejected frame keeps a small score, so a video made only of bad frames still gets one.
REJECTED_FACTOR = 0.05

# Weights of the parts of the score: a crisp product sells; colour and light come next.
WEIGHTS = {"sharpness": 0.40, "exposure": 0.25, "colourfulness": 0.20, "contrast": 0.15}
# Variance of the second difference of the luma (0..255, 320 px wide) in the blurrier direction
# at which a frame counts as fully sharp. Measured on lavfi's test picture: about 135 sharp, 3
# after a gaussian blur of 4 px, 2 after a horizontal motion smear of 20 px.
SHARP_VARIANCE = 200.0


@dataclass(frozen=True)
class FrameScore:
    """The parts of a frame's score (each 0..1) and the total that ranks candidates."""

    total: float
    sharpness: float
    exposure: float
    contrast: float
    colourfulness: float
    rejected: str | None = None  # "near-black", "blown-out" or "blank"

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            key: round(value, 4) for key, value in (
                ("total", self.total), ("sharpness", self.sharpness), ("exposure", self.exposure),
                ("contrast", self.contrast), ("colourfulness", self.colourfulness))}
        data["rejected"] = self.rejected
        return data


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def score_frame(image: Image.Image) -> FrameScore:
    """Score an RGB picture (any size; meant for ~320 px wide candidates)."""
    rgb = np.asarray(image.convert("RGB"), dtype=np.float32)
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    luma = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    mean = float(luma.mean())
    std = float(luma.std())

    clipped = float(np.mean((luma < 12) | (luma > 248)))
    exposure = _clamp(1 - ((mean - 125) / 110) ** 2) * (1 - 0.8 * clipped)
    contrast = _clamp(std / 64)

    # Hasler & Suesstrunk's colourfulness: spread and strength of the opponent colours.
    rg = red - green
    yb = 0.5 * (red + green) - blue
    colourful = (math.hypot(float(rg.std()), float(yb.std()))
                 + 0.3 * math.hypot(float(rg.mean()), float(yb.mean())))
    colourfulness = _clamp(colourful / 80)

    sharpness = _sharpness(luma)

    rejected = None
    if mean < NEAR_BLACK_MEAN:
        rejected = "near-black"
    elif mean > BLOWN_OUT_MEAN:
        rejected = "blown-out"
    elif std < BLANK_STD and math.hypot(float(rg.std()), float(yb.std())) < BLANK_STD * 2:
        rejected = "blank"
    total = sum(WEIGHTS[name] * value for name, value in (
        ("sharpness", sharpness), ("exposure", exposure), ("colourfulness", colourfulness),
        ("contrast", contrast)))
    if rejected:
        total *= REJECTED_FACTOR
    return FrameScore(total=total, sharpness=sharpness, exposure=exposure, contrast=contrast,
                      colourfulness=colourfulness, rejected=rejected)


def _sharpness(luma: np.ndarray) -> float:
    """Fine detail of the blurrier direction, 0..1, from second differences of the luma.

    Taking the weaker of the horizontal and vertical detail makes one measure catch both a
    missed focus (both directions soft) and motion blur (detail smeared along one direction,
    however crisp the edges across it stay).
    """
    if luma.shape[0] < 3 or luma.shape[1] < 3:
        return 0.0
    across = float(np.diff(luma, n=2, axis=1).var())
    along = float(np.diff(luma, n=2, axis=0).var())
    # Logarithmic: doubling the detail of an already sharp frame matters less than the first
    # bit of focus.
    return _clamp(math.log1p(min(across, along)) / math.log1p(SHARP_VARIANCE))
