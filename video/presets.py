"""Output presets: canvas, frame-rate policy, encoder settings and loudness target.

A project names one (``output.preset``) and may override single values (``output.size``,
``output.fps``, ``output.crf``, ``output.encoder_speed``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

# Frame rates a web player and an editor expect; sources are mapped to the nearest one.
STANDARD_RATES = (Fraction(24000, 1001), Fraction(24), Fraction(25), Fraction(30000, 1001),
                  Fraction(30), Fraction(50), Fraction(60000, 1001), Fraction(60))


@dataclass(frozen=True)
class Preset:
    """Everything that decides what the output file is, apart from the edit itself."""

    name: str
    description: str
    width: int
    height: int
    max_fps: Fraction
    crf: int
    encoder_speed: str  # the x264 preset
    maxrate_kbps: int | None
    audio_bitrate_kbps: int
    loudness_lufs: float = -14.0
    true_peak_db: float = -1.0
    # YouTube's recommendation: 2 B-frames and a closed GOP of half the frame rate.
    youtube_gop: bool = False

    @property
    def size(self) -> str:
        return f"{self.width}x{self.height}"

    @property
    def aspect(self) -> Fraction:
        return Fraction(self.width, self.height)

    def with_overrides(
        self,
        *,
        size: tuple[int, int] | None = None,
        fps: Fraction | None = None,
        crf: int | None = None,
        encoder_speed: str | None = None,
    ) -> Preset:
        """A copy with the project's single-value overrides applied."""
        changes: dict[str, Any] = {}
        if size:
            changes["width"], changes["height"] = size
        if fps:
            changes["max_fps"] = fps
        if crf is not None:
            changes["crf"] = crf
        if encoder_speed:
            changes["encoder_speed"] = encoder_speed
        return replace(self, **changes) if changes else self


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset("web-1080p", "Full HD 16:9 for the shop's own site",
               1920, 1080, Fraction(30), 21, "medium", 8000, 192),
        Preset("web-720p", "HD 16:9, smaller files for slow connections",
               1280, 720, Fraction(30), 22, "medium", 5000, 160),
        Preset("youtube-1080p", "YouTube's recommended upload settings, Full HD 16:9",
               1920, 1080, Fraction(60), 18, "slow", None, 384, youtube_gop=True),
        Preset("square-1080", "1:1 for social feeds and product galleries",
               1080, 1080, Fraction(30), 21, "medium", 6000, 192),
        Preset("vertical-1080", "9:16 for phones, Shorts, Reels and stories",
               1080, 1920, Fraction(30), 21, "medium", 8000, 192),
    )
}

DEFAULT_PRESET = "web-1080p"
ENCODER_SPEEDS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow",
                  "slower", "veryslow")


def choose_fps(source_rates: list[float], max_fps: Fraction) -> Fraction:
    """The output frame rate: the standard rate nearest the fastest source, capped by the preset.

    Keeping 25 fps footage at 25 (instead of forcing 30) avoids judder from repeated frames.
    """
    if not source_rates:
        return max_fps if max_fps <= 30 else Fraction(30)
    fastest = max(source_rates)
    nearest = min(STANDARD_RATES, key=lambda rate: abs(float(rate) - fastest))
    return min(nearest, max_fps)
