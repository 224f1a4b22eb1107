"""Render a project: plan, compile, run ffmpeg once, write the MP4 atomically."""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from shopreel.video.artwork import draw_artwork
from shopreel.video.atomic import atomic_target
from shopreel.video.compose import compile_render
from shopreel.video.errors import Stalled
from shopreel.video.ffmpeg_binary import ffmpeg_exe
from shopreel.video.loudness import Loudness, measure_file
from shopreel.video.plan import RenderPlan
from shopreel.video.probe import MediaInfo, probe
from shopreel.video.runner import CancelToken, Progress, finish, run_ffmpeg, within
from shopreel.video.sound import SoundReport
from shopreel.video.sound_levels import measure_levels, sound_report
from shopreel.video.stills import prepare_stills

log = logging.getLogger(__name__)

# Where each stage ends on the job's progress (0..1): the audio-only passes are quick.
_MEASURED, _RENDERED = 0.04, 0.98


@dataclass(frozen=True)
class RenderResult:
    output: Path
    info: MediaInfo
    size_bytes: int
    elapsed_seconds: float
    sound: SoundReport | None = None

    def to_json(self) -> dict[str, object]:
        return {"event": "done", "output": str(self.output), "size_bytes": self.size_bytes,
                "elapsed_seconds": round(self.elapsed_seconds, 2), "media": self.info.to_json(),
                "sound": self.sound.to_json() if self.sound else None}


def render(plan: RenderPlan, *, cancel: CancelToken | None = None
           ) -> Generator[Progress, None, SoundReport]:
    """Run the render and yield progress; return what was done to the sound.

    Stages: "loudness" (measuring the sound, audio only), "render" (the one ffmpeg pass that
    writes the video), "check" (measuring the written file's loudness). The output appears only
    when the render succeeded. Raises RenderError when ffmpeg fails and Cancelled when
    ``cancel`` is set; in both cases an existing file at the output path is left as it was.
    """
    exe = ffmpeg_exe()
    with tempfile.TemporaryDirectory(prefix="shopreel-") as work:
        plan = prepare_stills(plan, Path(work))
        artwork = draw_artwork(plan.branding, plan.timeline, plan.canvas, Path(work))
        levels = yield from within(measure_levels(plan, exe, cancel=cancel), 0.0, _MEASURED)
        with atomic_target(plan.output) as partial:
            args = compile_render(plan, partial, exe, artwork, levels)
            seconds = float(plan.duration)
            try:
                yield from within(run_ffmpeg(args, seconds, cancel=cancel), _MEASURED, _RENDERED)
            except Stalled:
                # A stuck run is rare and not the input's fault: one fresh attempt, then give up.
                log.warning("ffmpeg stopped making progress; starting the render once more")
                yield from within(run_ffmpeg(args, seconds, cancel=cancel), _MEASURED, _RENDERED)
    output: Loudness = yield from within(
        measure_file(plan.output, cancel=cancel, stage="check"), _RENDERED, 1.0)
    return sound_report(plan, levels, output)


def render_to_end(plan: RenderPlan, *, cancel: CancelToken | None = None) -> RenderResult:
    """Render without watching progress; return what was written."""
    started = time.monotonic()
    sound = finish(render(plan, cancel=cancel))
    return describe_output(plan, time.monotonic() - started, sound)


def describe_output(plan: RenderPlan, elapsed_seconds: float,
                    sound: SoundReport | None = None) -> RenderResult:
    """Facts of the freshly written output, for the CLI summary and the GUI."""
    info = probe(plan.output)
    return RenderResult(output=plan.output, info=info, size_bytes=plan.output.stat().st_size,
                        elapsed_seconds=elapsed_seconds, sound=sound)
