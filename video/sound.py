"""The sound plan and the decisions measurement feeds: clip gains, music level, final gain.

Plain data and arithmetic; the measuring itself is in ``sound_levels``, the filter graph in
``compose_audio``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from shopreel.video.loudness import Loudness
from shopreel.video.probe import MediaInfo

# A clip is raised by at most this much: beyond it a quiet clip is mostly room noise.
CLIP_BOOST_LIMIT_DB = 30.0
CLIP_CUT_LIMIT_DB = 40.0
# Short fades at every clip edge, so a cut never lands mid-waveform as an audible click.
EDGE_FADE_SECONDS = 0.012
# AAC encoding adds a little to the true peak; linear gain keeps this much headroom for it.
CODEC_PEAK_HEADROOM_DB = 0.5
# The music's entrance and exit (shortened for very short videos).
MUSIC_FADE_IN_SECONDS = 1.0
MUSIC_FADE_OUT_SECONDS = 2.0

NormalisationMode = Literal["linear", "dynamic", "off", "silent"]


@dataclass(frozen=True)
class Music:
    path: Path
    info: MediaInfo
    gain_db: float  # relative to the target loudness: the bed's level under the clips' sound
    duck: bool


@dataclass(frozen=True)
class SoundPlan:
    normalize: bool
    target_lufs: float
    true_peak_db: float
    music: Music | None = None


@dataclass(frozen=True)
class Normalisation:
    """The last step of the sound track: one gain (linear), or a gain and a true-peak limiter."""

    mode: Literal["linear", "dynamic"]
    gain_db: float
    measured: Loudness  # the mix before this step
    target_lufs: float
    true_peak_db: float


@dataclass(frozen=True)
class Levels:
    """Gains decided by measurement, in dB: what the graph compiler applies."""

    clip_gain_db: tuple[float, ...] = ()  # one per content segment (0 when not measured)
    # What each clip with sound measured as filmed (the intro clip first): (field, loudness, seconds)
    clips: tuple[tuple[str, Loudness, float], ...] = ()
    intro_gain_db: float = 0.0  # the user's intro clip
    music_gain_db: float = 0.0  # total gain applied to the music file
    mix: Loudness | None = None  # the finished mix before the final step, when measured
    final: Normalisation | None = None

    def clip_gain(self, index: int) -> float:
        return self.clip_gain_db[index] if index < len(self.clip_gain_db) else 0.0


@dataclass(frozen=True)
class SoundReport:
    """What the render did to the sound, for the result and ``--progress json``."""

    mode: NormalisationMode
    target_lufs: float
    true_peak_db: float
    gain_db: float = 0.0
    input: Loudness | None = None  # the clips as filmed, together (see combined_loudness)
    measured: Loudness | None = None  # the mix (levelled clips and music) before the last gain
    output: Loudness | None = None  # the rendered file
    clips: tuple[dict[str, object], ...] = ()  # each clip's own level and the gain it got

    def to_json(self) -> dict[str, object]:
        return {
            "normalization": self.mode, "target_lufs": self.target_lufs,
            "true_peak_ceiling_dbtp": self.true_peak_db, "gain_db": round(self.gain_db, 2),
            "input": self.input.to_json() if self.input else None,
            "mix": self.measured.to_json() if self.measured else None,
            "output": self.output.to_json() if self.output else None,
            "clips": list(self.clips),
        }


def clip_gain(measured: Loudness, target_lufs: float) -> float:
    """The gain that brings one clip to the common level (0 for silence)."""
    if measured.silent:
        return 0.0
    return min(CLIP_BOOST_LIMIT_DB, max(-CLIP_CUT_LIMIT_DB, target_lufs - measured.integrated_lufs))


def music_gain(measured: Loudness, music: Music, target_lufs: float) -> float:
    """Level the music file to the target first, then set it ``music.gain_db`` below."""
    if measured.silent:
        return music.gain_db
    levelled = min(CLIP_BOOST_LIMIT_DB, target_lufs - measured.integrated_lufs)
    return levelled + music.gain_db


def choose_normalisation(mix: Loudness, target_lufs: float, true_peak_db: float) -> Normalisation:
    """Linear gain when it can meet the peak ceiling, else gain plus a true-peak limiter.

    Linear keeps the mix's dynamics untouched; dynamic limits only the peaks that would pass the
    ceiling. Deciding here (not inside loudnorm, which switches silently) lets the render result
    say which it was.
    """
    gain = target_lufs - mix.integrated_lufs
    peak_after = mix.true_peak_dbtp + gain
    ceiling = true_peak_db - CODEC_PEAK_HEADROOM_DB
    mode: Literal["linear", "dynamic"] = "linear" if peak_after <= ceiling else "dynamic"
    return Normalisation(mode=mode, gain_db=gain, measured=mix, target_lufs=target_lufs,
                         true_peak_db=true_peak_db)


def combined_loudness(parts: list[tuple[Loudness, float]]) -> Loudness | None:
    """Loudness of clips played one after another, from each one's measurement and length.

    The power average over time of the integrated loudness (what BS.1770 computes, up to its
    gating across clip borders); the loudest true peak; no range (ranges do not combine).
    """
    audible = [(loudness, seconds) for loudness, seconds in parts if not loudness.silent]
    total = sum(seconds for _, seconds in audible)
    if not audible or total <= 0:
        return None
    power = sum(seconds * 10 ** (loudness.integrated_lufs / 10) for loudness, seconds in audible)
    return Loudness(integrated_lufs=10 * math.log10(power / total),
                    true_peak_dbtp=max(loudness.true_peak_dbtp for loudness, _ in audible),
                    range_lu=math.nan, threshold_lufs=math.nan)


def db_to_ratio(gain_db: float) -> float:
    return math.pow(10.0, gain_db / 20.0)
