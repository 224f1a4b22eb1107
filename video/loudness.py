"""Loudness facts (EBU R 128 / ITU-R BS.1770) as ffmpeg's ``loudnorm`` measures them.

Measuring never decodes pictures: the commands map audio only. The numbers come from the JSON
block ``loudnorm`` prints when its stream ends (``print_format=json``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Generator
from dataclasses import dataclass, replace
from pathlib import Path

from shopreel.video.errors import MediaError
from shopreel.video.escape import ffmpeg_url
from shopreel.video.ffmpeg_binary import ffmpeg_exe
from shopreel.video.runner import CancelToken, Progress, run_ffmpeg

# Below this a signal counts as silence: BS.1770's absolute gate.
SILENCE_LUFS = -70.0
# loudnorm's widest loudness range. Measuring with it means a measurement never depends on LRA.
MAX_LRA = 50.0

# level+: every line says its level, so decoding errors can be told from information.
MEASURE_OPTIONS = ("-hide_banner", "-nostdin", "-y", "-loglevel", "level+info",
                   "-progress", "pipe:1", "-nostats", "-stats_period", "0.5")


@dataclass(frozen=True)
class Loudness:
    integrated_lufs: float
    true_peak_dbtp: float
    range_lu: float
    threshold_lufs: float
    decode_errors: int = 0  # damaged places met while decoding the sound

    @property
    def silent(self) -> bool:
        return not self.integrated_lufs > SILENCE_LUFS  # also true for -inf and nan

    def to_json(self) -> dict[str, float | None]:
        return {
            "integrated_lufs": _finite(self.integrated_lufs),
            "true_peak_dbtp": _finite(self.true_peak_dbtp),
            "range_lu": _finite(self.range_lu),
        }


def _finite(value: float) -> float | None:
    # JSON has no infinity: silence is reported as null.
    return round(value, 2) if math.isfinite(value) else None


def measuring_filter(lufs: float, true_peak: float) -> str:
    """The ``loudnorm`` filter that only measures (its output is thrown away)."""
    return f"loudnorm=I={lufs:g}:TP={true_peak:g}:LRA={MAX_LRA:g}:print_format=json"


_JSON_BLOCK = re.compile(r"\{[^{}]*\"input_i\"[^{}]*\}", re.S)


def parse_measurement(stderr: str, what: str) -> Loudness:
    """The last loudnorm JSON block in ffmpeg's log; ``what`` names the measured sound."""
    blocks = _JSON_BLOCK.findall(stderr)
    if not blocks:
        raise MediaError(what, "its sound could not be measured",
                         "the audio may be damaged; re-export the file or mute it")
    values = json.loads(blocks[-1])
    return Loudness(
        integrated_lufs=float(values["input_i"]), true_peak_dbtp=float(values["input_tp"]),
        range_lu=float(values["input_lra"]), threshold_lufs=float(values["input_thresh"]),
    )


def measure_command(
    args: list[str], seconds: float, what: str, *, cancel: CancelToken | None = None,
    stage: str = "loudness",
) -> Generator[Progress, None, Loudness]:
    """Run a measuring command (ending in ``-f null -``); return its Loudness when done.

    A generator: ``loudness = yield from measure_command(...)``.
    """
    log = yield from run_ffmpeg(args, seconds, cancel=cancel, stage=stage)
    measured = parse_measurement(log.tail, what)
    return replace(measured, decode_errors=len(log.errors))


def measure_file(path: Path, *, lufs: float = -14.0, true_peak: float = -1.0,
                 cancel: CancelToken | None = None, stage: str = "loudness"
                 ) -> Generator[Progress, None, Loudness]:
    """Loudness of the first audio stream of any media file. Raises MediaError without one."""
    from shopreel.video.probe import probe

    info = probe(path)
    if not info.has_audio:
        raise MediaError(str(path), "has no sound to measure", "choose a file with an audio track")
    args = [ffmpeg_exe(), *MEASURE_OPTIONS, "-vn", "-sn", "-dn", "-i", ffmpeg_url(path),
            "-map", "0:a:0", "-af", measuring_filter(lufs, true_peak), "-f", "null", "-"]
    loudness = yield from measure_command(args, info.duration or 0.0, str(path), cancel=cancel,
                                          stage=stage)
    return loudness


def measure_file_now(path: Path) -> Loudness:
    """``measure_file`` without progress, for the command line and checks."""
    events = measure_file(path)
    while True:
        try:
            next(events)
        except StopIteration as done:
            result: Loudness = done.value
            return result
