"""From a validated project to a render plan: every clip probed, every time checked and exact.

The plan is plain data, fixed before ffmpeg starts, so bad input is reported before anything is
written, and the graph compiler (``compose``) is a pure function of it. Segment lengths are whole
frames and whole audio samples counted on the output timeline, so cuts never drift.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

from shopreel.video.branding import Branding, intro_card, plan_branding, resolve_brand
from shopreel.video.errors import MediaError, OutputError, ProjectError
from shopreel.video.presets import PRESETS, Preset, choose_fps
from shopreel.video.probe import MediaInfo, probe
from shopreel.video.project import SUFFIX, Project, resolve_path
from shopreel.video.sound import Music, SoundPlan
from shopreel.video.timecode import format_time
from shopreel.video.timeline import Timeline, build_timeline

SAMPLE_RATE = 48_000
DEFAULT_STILL_SECONDS = Fraction(3)
OUTPUT_SUFFIXES = (".mp4", ".m4v")


@dataclass(frozen=True)
class Segment:
    """One clip as it appears in the output."""

    clip_index: int
    source: Path
    info: MediaInfo
    start: Fraction  # trim in, seconds of source time
    frames: int  # output video frames
    samples: int  # output audio samples at SAMPLE_RATE
    use_audio: bool

    @property
    def is_still(self) -> bool:
        return bool(self.info.is_still)


@dataclass(frozen=True)
class RenderPlan:
    title: str
    preset: Preset
    fps: Fraction
    fit: str
    pad_color: str
    segments: tuple[Segment, ...]  # the content, in order
    output: Path
    timeline: Timeline
    branding: Branding
    sound: SoundPlan
    intro_clip: Segment | None = None  # the user's own intro (instead of a title card)
    warnings: tuple[str, ...] = ()

    @property
    def canvas(self) -> tuple[int, int]:
        return self.preset.width, self.preset.height

    @property
    def total_frames(self) -> int:
        return self.timeline.total_frames

    @property
    def duration(self) -> Fraction:
        return Fraction(self.total_frames) / self.fps


def default_output(project_path: Path) -> Path:
    """``bio-kiste.shopreel.json`` -> ``bio-kiste.mp4`` beside it."""
    name = project_path.name
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else project_path.stem
    return project_path.with_name(stem + ".mp4")


def plan_render(
    project: Project,
    project_path: Path,
    *,
    preset_name: str | None = None,
    output: Path | None = None,
) -> RenderPlan:
    """Probe and check every clip and the output path; return the exact plan of the render.

    Raises ProjectError naming the field (``clips[1].out: ...``), MediaError for unusable files
    and OutputError for an output that cannot or must not be written.
    """
    base_dir = project_path.parent
    name = preset_name or project.output.preset
    if name not in PRESETS:
        raise ProjectError(f"unknown preset {name!r}", f"choose one of {', '.join(PRESETS)}")
    overrides = project.output
    size = None
    if overrides.size:
        width, height = overrides.size.split("x")
        size = (int(width), int(height))
    preset = PRESETS[name].with_overrides(
        size=size,
        fps=Fraction(overrides.fps).limit_denominator(1001) if overrides.fps else None,
        crf=overrides.crf, encoder_speed=overrides.encoder_speed,
    )
    infos = [_probe_clip(f"clips[{index}].path", resolve_path(base_dir, clip.path))
             for index, clip in enumerate(project.clips)]
    fps = preset.max_fps if overrides.fps else choose_fps(
        [info.nominal_fps or info.fps or 0 for info in infos if not info.is_still], preset.max_fps)

    segments: list[Segment] = []
    elapsed = Fraction(0)
    for index, (clip, info) in enumerate(zip(project.clips, infos)):
        start, length = _trim(index, clip.in_, clip.out, clip.duration, info)
        first_frame = round(elapsed * fps)
        elapsed += length
        frames = round(elapsed * fps) - first_frame
        if frames < 1:
            raise ProjectError(f"clips[{index}]: shorter than one frame at {float(fps):g} fps",
                               "make the trim longer or remove the clip", field=f"clips[{index}]")
        segments.append(Segment(
            clip_index=index, source=resolve_path(base_dir, clip.path), info=info, start=start,
            frames=frames, samples=0, use_audio=info.has_audio and not clip.mute,
        ))
    segments = _assign_samples(segments, fps)

    warnings: list[str] = []
    brand = resolve_brand(project, base_dir)
    intro_clip = _intro_clip(project, base_dir, fps)
    intro_seconds: Fraction | None = None
    if intro_clip is not None:
        intro_seconds = Fraction(intro_clip.frames) / fps
    elif intro_card(project) is not None and project.intro is not None:
        intro_seconds = _exact(project.intro.duration)
    outro_seconds = _exact(project.outro.duration) if project.outro is not None else None
    timeline = build_timeline(fps, sum(s.frames for s in segments), intro_seconds, outro_seconds)
    branding = plan_branding(project, brand, timeline, warnings)

    target = (output or (resolve_path(base_dir, overrides.path) if overrides.path
                         else default_output(project_path))).absolute()
    sources = [segment.source for segment in segments]
    if intro_clip is not None:
        sources.append(intro_clip.source)
    sound = _sound_plan(project, base_dir, preset)
    if sound.music is not None:
        sources.append(sound.music.path)
    _check_output(target, sources)
    return RenderPlan(
        title=project.title, preset=preset, fps=fps, fit=overrides.fit,
        pad_color=brand.colors.primary, segments=tuple(segments), output=target,
        timeline=timeline, branding=branding, sound=sound, intro_clip=intro_clip,
        warnings=tuple(warnings),
    )


def _sound_plan(project: Project, base_dir: Path, preset: Preset) -> SoundPlan:
    audio = project.audio
    music = None
    if audio.music:
        path = resolve_path(base_dir, audio.music)
        info = _probe_field("audio.music", path)
        if not info.has_audio:
            raise ProjectError(f"audio.music: {path}: has no sound",
                               "choose an audio file (MP3, M4A, WAV, ...)", field="audio.music")
        music = Music(path=path, info=info, gain_db=audio.music_gain_db, duck=audio.duck)
    own_peak = "true_peak_db" in audio.model_fields_set
    return SoundPlan(
        normalize=audio.normalize,
        target_lufs=audio.loudness_lufs if audio.loudness_lufs is not None else preset.loudness_lufs,
        true_peak_db=audio.true_peak_db if own_peak else preset.true_peak_db,
        music=music,
    )


def _intro_clip(project: Project, base_dir: Path, fps: Fraction) -> Segment | None:
    """The user's own intro clip as a segment, fitted and converted like any clip."""
    intro = project.intro
    if intro is None or not intro.clip:
        return None
    source = resolve_path(base_dir, intro.clip)
    info = _probe_clip("intro.clip", source)
    own_length = "duration" in intro.model_fields_set
    if info.is_still:
        length = _exact(intro.duration)
    else:
        length = _exact(info.duration or 0)
        if own_length:
            length = min(length, _exact(intro.duration))
    frames = round(length * fps)
    if frames < 1:
        raise ProjectError("intro.clip: shorter than one frame", field="intro.clip")
    return Segment(clip_index=-1, source=source, info=info, start=Fraction(0), frames=frames,
                   samples=round(Fraction(frames) / fps * SAMPLE_RATE), use_audio=info.has_audio)


def _probe_field(field: str, path: Path) -> MediaInfo:
    """Probe the file a project field names; its problems become errors naming that field."""
    try:
        return probe(path)
    except MediaError as exc:
        hint = exc.hint
        if exc.problem == "file not found":
            hint = "check the path; relative paths start at the project file's folder"
        raise ProjectError(f"{field}: {exc.message}", hint, field=field) from None


def _probe_clip(field: str, path: Path) -> MediaInfo:
    info = _probe_field(field, path)
    if info.kind == "audio":
        raise ProjectError(f"{field}: {path}: has no picture (audio only)",
                           "use it as background music (audio.music) instead", field=field)
    return info


def _exact(seconds: float) -> Fraction:
    # The decimal the user wrote, not the binary float nearest to it.
    return Fraction(repr(seconds))


def _trim(
    index: int, start: float | None, end: float | None, duration: float | None, info: MediaInfo
) -> tuple[Fraction, Fraction]:
    """(trim in, length) of a clip, checked against the source."""
    field = f"clips[{index}]"
    if info.is_still:
        for key, value in (("in", start), ("out", end)):
            if value is not None:
                raise ProjectError(f"{field}.{key}: only videos can be trimmed",
                                   "give a photo a duration instead", field=f"{field}.{key}")
        return Fraction(0), _exact(duration) if duration is not None else DEFAULT_STILL_SECONDS
    if duration is not None:
        raise ProjectError(f"{field}.duration: only photos have a duration",
                           "trim a video with in and out", field=f"{field}.duration")
    length = _exact(info.duration or 0)
    # Half a frame of slack: container and stream durations disagree by that much routinely.
    slack = Fraction(1, 2) / Fraction(info.fps or 30).limit_denominator(1001)
    first = _exact(start) if start is not None else Fraction(0)
    last = _exact(end) if end is not None else length
    if first >= length:
        raise ProjectError(
            f"{field}.in: {format_time(float(first))} is at or after the end of the clip "
            f"({format_time(float(length))})", "choose an earlier in point", field=f"{field}.in")
    if last > length + slack:
        raise ProjectError(
            f"{field}.out: {format_time(float(last))} is beyond the end of the clip "
            f"({format_time(float(length))})", "choose an earlier out point or remove it",
            field=f"{field}.out")
    return first, min(last, length) - first


def _assign_samples(segments: list[Segment], fps: Fraction) -> list[Segment]:
    """Audio sample counts that end exactly where each segment's video ends (no drift)."""
    result = []
    frames_done = 0
    samples_done = 0
    for segment in segments:
        frames_done += segment.frames
        boundary = round(Fraction(frames_done) / fps * SAMPLE_RATE)
        result.append(replace(segment, samples=boundary - samples_done))
        samples_done = boundary
    return result


def _check_output(target: Path, sources: list[Path]) -> None:
    if target.suffix.lower() not in OUTPUT_SUFFIXES:
        raise OutputError(f"{target}: the output must be an .mp4 file",
                          "give the output a name ending in .mp4")
    if target.is_dir():
        raise OutputError(f"{target}: is a folder", "give the output a file name ending in .mp4")
    for source in sources:
        if target == source.absolute() or (target.exists() and os.path.samefile(target, source)):
            raise OutputError(f"{target}: is one of the clips; rendering would overwrite it",
                              "choose another output path")
    folder = next((p for p in target.parents if p.exists()), None)
    if folder is not None and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder", "choose another output folder")
    if folder is not None and not os.access(folder, os.W_OK):
        raise OutputError(f"{folder}: no permission to write here", "choose another output folder")
