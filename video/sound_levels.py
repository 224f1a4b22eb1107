"""Measuring the sound before the render: each clip, the music, then the finished mix.

Every measurement decodes audio only (pictures are dropped by the demuxer), so the extra passes
cost a small fraction of the render. Clip and music results are remembered per file version, so
rendering again after an edit measures only what changed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Generator
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from shopreel.video.compose import (
    compile_clip_measurement,
    compile_mix_measurement,
    timeline_segments,
)
from shopreel.video.errors import MediaError, ProjectError, RenderError
from shopreel.video.escape import ffmpeg_url
from shopreel.video.loudness import MEASURE_OPTIONS, Loudness, measure_command, measuring_filter
from shopreel.video.plan import SAMPLE_RATE, RenderPlan, Segment
from shopreel.video.runner import CancelToken, Progress, within
from shopreel.video.sound import (
    Levels,
    Music,
    Normalisation,
    NormalisationMode,
    SoundReport,
    choose_normalisation,
    clip_gain,
    combined_loudness,
    music_gain,
)

T = TypeVar("T")
log = logging.getLogger(__name__)
_CacheKey = tuple[str, int, int, str]
_LIMITER_CORRECTIONS = 3
_LIMITER_TOLERANCE_LU = 0.2
_cache: dict[_CacheKey, Loudness] = {}
_cache_lock = threading.Lock()


def measure_levels(
    plan: RenderPlan, exe: str, *, cancel: CancelToken | None = None
) -> Generator[Progress, None, Levels]:
    """Decide every gain of the sound track. A generator of progress; returns the Levels."""
    sound = plan.sound
    if not sound.normalize:
        music = sound.music
        return Levels(music_gain_db=music.gain_db if music is not None else 0.0)
    segments = timeline_segments(plan)
    fields = (["intro.clip"] if plan.intro_clip is not None else []) + [
        f"clips[{segment.clip_index}]" for segment in plan.segments]
    total = sum(s.samples / SAMPLE_RATE for s in segments if s.use_audio) + float(plan.duration)
    if sound.music is not None:
        total += sound.music.info.duration or 0.0
    steps = _Steps(total)

    gains = []
    clips = []
    for field, segment in zip(fields, segments):
        if not segment.use_audio:
            gains.append(0.0)
            continue
        seconds = segment.samples / SAMPLE_RATE
        measured = yield from steps.next(_clip_loudness(plan, segment, exe, field, cancel), seconds)
        if measured.decode_errors:
            log.warning(f"{field}: the sound of {segment.source.name} is damaged in places "
                        f"({measured.decode_errors} decoding errors); those moments will be "
                        "silent or garbled: re-export the clip, or mute it")
        gains.append(clip_gain(measured, sound.target_lufs))
        clips.append((field, measured, seconds))
    intro_gain = gains.pop(0) if plan.intro_clip is not None else 0.0
    levels = Levels(clip_gain_db=tuple(gains), intro_gain_db=intro_gain, clips=tuple(clips))
    if sound.music is not None:
        measured = yield from steps.next(_music_loudness(sound.music, exe, cancel),
                                         sound.music.info.duration or 0.0)
        levels = replace(levels, music_gain_db=music_gain(measured, sound.music, sound.target_lufs))

    mix = yield from steps.next(_measure_mix(plan, exe, levels, cancel), float(plan.duration))
    if mix.silent:
        return replace(levels, mix=mix)
    levels = replace(levels, mix=mix,
                     final=choose_normalisation(mix, sound.target_lufs, sound.true_peak_db))
    for _ in range(_LIMITER_CORRECTIONS):
        final = levels.final
        if final is None or final.mode == "linear":
            break
        # The limiter takes some loudness off with the peaks: measure the finished sound and
        # correct the gain (one round is usually within 0.1 LU).
        limited = yield from steps.next(_measure_mix(plan, exe, levels, cancel), 0.0)
        error = sound.target_lufs - limited.integrated_lufs
        if abs(error) <= _LIMITER_TOLERANCE_LU:
            break
        levels = replace(levels, final=replace(final, gain_db=final.gain_db + error))
    return levels


def _measure_mix(plan: RenderPlan, exe: str, levels: Levels,
                 cancel: CancelToken | None) -> Generator[Progress, None, Loudness]:
    args = compile_mix_measurement(plan, exe, levels)
    return (yield from _translated(
        measure_command(args, float(plan.duration), "the sound track", cancel=cancel),
        "the sound track", "run with -v to see ffmpeg's output"))


def sound_report(plan: RenderPlan, levels: Levels, output: Loudness | None) -> SoundReport:
    sound = plan.sound
    final: Normalisation | None = levels.final
    mode: NormalisationMode
    if not sound.normalize:
        mode = "off"
    elif final is None:
        mode = "silent"
    else:
        mode = final.mode
    gains = dict(zip([f"clips[{s.clip_index}]" for s in plan.segments], levels.clip_gain_db))
    gains["intro.clip"] = levels.intro_gain_db
    clips: tuple[dict[str, object], ...] = tuple(
        {"clip": field, **loudness.to_json(), "gain_db": round(gains.get(field, 0.0), 2)}
        for field, loudness, _ in levels.clips)
    return SoundReport(mode=mode, target_lufs=sound.target_lufs, true_peak_db=sound.true_peak_db,
                       gain_db=final.gain_db if final else 0.0,
                       input=combined_loudness([(loudness, seconds)
                                                for _, loudness, seconds in levels.clips]),
                       measured=levels.mix, output=output, clips=clips)


class _Steps:
    """The measurements as shares of one progress scale, by the seconds of sound each reads."""

    def __init__(self, total_seconds: float) -> None:
        self._total = total_seconds
        self._done = 0.0

    def next(self, job: Generator[Progress, None, T], seconds: float
             ) -> Generator[Progress, None, T]:
        start = self._share(self._done)
        self._done += seconds
        return within(job, start, self._share(self._done))

    def _share(self, seconds: float) -> float:
        return min(1.0, seconds / self._total) if self._total else 1.0


def _translated(events: Generator[Progress, None, Loudness], field: str,
                hint: str) -> Generator[Progress, None, Loudness]:
    """A measurement whose failure is reported against the project field it concerns."""
    try:
        result = yield from events
    except (RenderError, MediaError) as exc:
        raise ProjectError(f"{field}: the sound cannot be decoded ({exc.message})", hint,
                           field=field) from None
    return result


def _file_key(path: Path, detail: str) -> _CacheKey:
    try:
        stat = path.stat()
    except OSError as exc:
        raise MediaError(str(path), f"cannot be read ({exc.strerror})",
                         "check that the file is still there and open the project again") from None
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns, detail


def _remembered(key: _CacheKey, events: Generator[Progress, None, Loudness]
                ) -> Generator[Progress, None, Loudness]:
    with _cache_lock:
        known = _cache.get(key)
    if known is not None:
        return known
    measured = yield from events
    with _cache_lock:
        _cache[key] = measured
    return measured


def _clip_loudness(plan: RenderPlan, segment: Segment, exe: str, field: str,
                   cancel: CancelToken | None) -> Generator[Progress, None, Loudness]:
    key = _file_key(segment.source, f"{segment.start}:{segment.samples}")
    args = compile_clip_measurement(plan, segment, exe)
    seconds = segment.samples / SAMPLE_RATE
    hint = f're-export the clip, or set "mute": true for {field}'
    return (yield from _remembered(key, _translated(
        measure_command(args, seconds, str(segment.source), cancel=cancel), field, hint)))


def _music_loudness(music: Music, exe: str,
                    cancel: CancelToken | None) -> Generator[Progress, None, Loudness]:
    args = [exe, *MEASURE_OPTIONS, "-vn", "-sn", "-dn", "-i", ffmpeg_url(music.path),
            "-map", "0:a:0", "-af", measuring_filter(), "-f", "null", "-"]
    events = measure_command(args, music.info.duration or 0.0, str(music.path), cancel=cancel)
    hint = "convert the music to MP3, M4A or WAV, or choose another file"
    return (yield from _remembered(_file_key(music.path, "music"),
                                   _translated(events, "audio.music", hint)))
