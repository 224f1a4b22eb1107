"""The filter-graph compiler: a RenderPlan and its artwork become one ffmpeg argument list.

One process decodes every input once, trims each clip frame-exactly, turns it upright, fits it to
the canvas, normalises frame rate, pixel format and audio, joins everything, adds the intro, the
end card and the branded overlays, levels the sound, and encodes for the web. The functions here
are pure: tests check their arguments without running ffmpeg.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ffmpeg

from shopreel.video.artwork import Artwork
from shopreel.video.compose_audio import normalised, sound_track
from shopreel.video.compose_branding import (
    apply_overlays,
    intro_card,
    outro_card,
    video_crossfade,
)
from shopreel.video.compose_clips import audio_chain, clip_pieces, clip_sounds, decoded_streams
from shopreel.video.escape import ffmpeg_url
from shopreel.video.loudness import MEASURE_OPTIONS, MEASURING_FILTER, MEASURING_OPTIONS
from shopreel.video.plan import SAMPLE_RATE, RenderPlan, Segment
from shopreel.video.sound import Levels

GLOBAL_OPTIONS = ("-hide_banner", "-nostdin", "-y", "-loglevel", "warning",
                  "-progress", "pipe:1", "-nostats", "-stats_period", "0.5")


def timeline_segments(plan: RenderPlan) -> list[Segment]:
    """Every clip in output order: the user's intro clip (if any), then the content."""
    return ([plan.intro_clip] if plan.intro_clip is not None else []) + list(plan.segments)


def _gains(plan: RenderPlan, levels: Levels) -> list[float]:
    gains = [levels.clip_gain(index) for index in range(len(plan.segments))]
    return ([levels.intro_gain_db] if plan.intro_clip is not None else []) + gains


def compile_render(plan: RenderPlan, output: Path, exe: str, artwork: Artwork,
                   levels: Levels | None = None) -> list[str]:
    """The complete ffmpeg command for ``plan`` writing an MP4 to ``output``.

    ``artwork`` holds the graphics drawn for ``plan.branding`` (see ``draw_artwork``);
    ``levels`` the gains found by measuring the sound (see ``sound_levels``), none by default.
    """
    levels = levels or Levels()
    pictures, sounds = clip_pieces(plan, timeline_segments(plan), _gains(plan, levels))
    video = _picture_track(plan, artwork, pictures)
    audio = normalised(sound_track(plan, sounds, levels), levels.final)
    stream = ffmpeg.output(video, audio, ffmpeg_url(output), **_encoder_options(plan))
    # Global options go first: ffmpeg ignores options that trail the last output.
    return [exe, *GLOBAL_OPTIONS, *stream.get_args()]


def compile_mix_measurement(plan: RenderPlan, exe: str, levels: Levels) -> list[str]:
    """Measure the sound track as ``levels`` make it, without decoding any picture.

    Without ``levels.final`` this is the mix before its last gain; with it, the finished sound.
    """
    segments = timeline_segments(plan)
    _, audios = decoded_streams(plan, segments, pictures=False)
    track = sound_track(plan, clip_sounds(segments, audios, _gains(plan, levels)), levels)
    return _measuring_command(exe, normalised(track, levels.final))


def compile_clip_measurement(plan: RenderPlan, segment: Segment, exe: str) -> list[str]:
    """Measure one clip's sound as it enters the mix (trimmed, stereo, 48 kHz)."""
    _, audios = decoded_streams(plan, [segment], pictures=False)
    return _measuring_command(exe, audio_chain(segment, audios[0]))


def _measuring_command(exe: str, track: Any) -> list[str]:
    track = track.filter(MEASURING_FILTER, **MEASURING_OPTIONS)
    stream = ffmpeg.output(track, "-", f="null")
    return [exe, *MEASURE_OPTIONS, *stream.get_args()]


def _picture_track(plan: RenderPlan, artwork: Artwork, pictures: list[Any]) -> Any:
    timeline = plan.timeline
    pictures = list(pictures)
    intro = pictures.pop(0) if plan.intro_clip is not None else None
    video = ffmpeg.concat(*pictures, v=1, a=0) if len(pictures) > 1 else pictures[0]
    if intro is None and artwork.intro_block is not None:
        intro = intro_card(artwork, timeline, plan.canvas)
    if intro is not None:
        video = video_crossfade(intro, video, timeline.content_start, timeline.intro_transition,
                                timeline.fps)
    if artwork.outro_card is not None:
        video = video_crossfade(video, outro_card(artwork, timeline, plan.canvas),
                                timeline.outro_start, timeline.outro_transition, timeline.fps)
    return apply_overlays(video, artwork.overlays, timeline.fps)


def _encoder_options(plan: RenderPlan) -> dict[str, Any]:
    preset = plan.preset
    fps = plan.fps
    options: dict[str, Any] = {
        "c:v": "libx264", "profile:v": "high", "preset": preset.encoder_speed,
        "crf": preset.crf, "pix_fmt": "yuv420p", "r": str(fps), "fps_mode": "cfr",
        "c:a": "aac", "b:a": f"{preset.audio_bitrate_kbps}k", "ar": SAMPLE_RATE, "ac": 2,
        # The index (moov) goes before the media data so playback starts before the download ends.
        "movflags": "+faststart", "f": "mp4",
        # Phones write GPS positions into clips; a shop's published video must not carry them.
        "map_metadata": -1, "map_chapters": -1,
        "metadata": f"title={plan.title}",
    }
    if preset.youtube_gop:
        options.update({"g": max(1, round(fps / 2)), "bf": 2, "flags": "+cgop"})
    else:
        options["g"] = max(1, round(fps * 2))  # a keyframe every 2 s: quick seeking on the web
    if preset.maxrate_kbps:
        options.update({"maxrate": f"{preset.maxrate_kbps}k", "bufsize": f"{2 * preset.maxrate_kbps}k"})
    return options

