"""The filter-graph compiler: a RenderPlan and its artwork become one ffmpeg argument list.

One process decodes every input once, trims each clip frame-exactly, turns it upright, fits it to
the canvas, normalises frame rate, pixel format and audio, joins everything, adds the intro, the
end card and the branded overlays, and encodes for the web. ``compile_render`` is pure: tests
check its arguments without running ffmpeg.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ffmpeg

from shopreel.video.artwork import Artwork
from shopreel.video.compose_branding import apply_overlays, crossfade, intro_card, outro_card
from shopreel.video.compose_clips import clip_pieces, silence
from shopreel.video.escape import ffmpeg_url
from shopreel.video.plan import SAMPLE_RATE, RenderPlan

GLOBAL_OPTIONS = ("-hide_banner", "-nostdin", "-y", "-loglevel", "warning",
                  "-progress", "pipe:1", "-nostats", "-stats_period", "0.5")

def compile_render(plan: RenderPlan, output: Path, exe: str, artwork: Artwork) -> list[str]:
    """The complete ffmpeg command for ``plan`` writing an MP4 to ``output``.

    ``artwork`` holds the graphics drawn for ``plan.branding`` (see ``draw_artwork``).
    """
    timeline = plan.timeline
    segments = list(plan.segments)
    if plan.intro_clip is not None:
        segments.insert(0, plan.intro_clip)
    pieces = clip_pieces(plan, segments)
    intro = pieces.pop(0) if plan.intro_clip is not None else None
    cards = silence((artwork.intro_block is not None) + (artwork.outro_card is not None))

    parts = [stream for piece in pieces for stream in piece]
    content = ffmpeg.concat(*parts, v=1, a=1).node if len(pieces) > 1 else None
    main: tuple[Any, Any] = (content[0], content[1]) if content is not None else pieces[0]
    if intro is None and artwork.intro_block is not None:
        samples = round(timeline.seconds(timeline.intro_frames) * SAMPLE_RATE)
        intro = (intro_card(artwork, timeline, plan.canvas),
                 cards.pop(0).filter("atrim", end_sample=samples))
    if intro is not None:
        main = crossfade(intro, main, timeline.content_start, timeline.intro_transition,
                         timeline.fps, SAMPLE_RATE)
    if artwork.outro_card is not None:
        samples = round(timeline.seconds(timeline.outro_frames) * SAMPLE_RATE)
        outro = (outro_card(artwork, timeline, plan.canvas),
                 cards.pop(0).filter("atrim", end_sample=samples))
        main = crossfade(main, outro, timeline.outro_start, timeline.outro_transition,
                         timeline.fps, SAMPLE_RATE)
    video = apply_overlays(main[0], artwork.overlays, timeline.fps)
    stream = ffmpeg.output(video, main[1], ffmpeg_url(output), **_encoder_options(plan))
    # Global options go first: ffmpeg ignores options that trail the last output.
    return [exe, *GLOBAL_OPTIONS, *stream.get_args()]


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
