"""Graph pieces for branding: title and end cards, cross-fades, and timed overlay layers.

Every graphic is a PNG decoded once and repeated by the ``loop`` filter; overlays switch on and
off by output frame number (``enable``) and fade through their alpha channel.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import ffmpeg

from shopreel.video.artwork import Artwork, Layer
from shopreel.video.escape import ffmpeg_url
from shopreel.video.timeline import Timeline

# The title block's entrance: how long the slide takes, and how far it travels (of the height).
_SLIDE_SECONDS = 0.7
_SLIDE_DISTANCE = 0.06


def still_frames(path: Path, frames: int, fps: Fraction,
                 prepare: Callable[[Any], Any] | None = None) -> Any:
    """A PNG as ``frames`` frames at ``fps``: decoded once, repeated in memory.

    ``prepare`` (scaling, pixel format) runs on the one decoded picture before it is repeated,
    so a full-canvas card is converted once, not once per frame.
    """
    image = ffmpeg.input(ffmpeg_url(path), f="image2", framerate=str(fps))["v"]
    if prepare is not None:
        image = prepare(image)
    return (image.filter("loop", loop=max(0, frames - 1), size=1, start=0)
            .filter("setpts", "N/FRAME_RATE/TB"))


def _canvas_picture(canvas: tuple[int, int]) -> Callable[[Any], Any]:
    def prepare(image: Any) -> Any:
        return _finish(image.filter("scale", canvas[0], canvas[1], out_color_matrix="bt709",
                                    out_range="tv"))
    return prepare


def video_timebase(stream: Any, fps: Fraction) -> Any:
    """One time base for every piece that meets in a cross-fade (xfade insists on it)."""
    return stream.filter("settb", str(1 / fps)).filter("setpts", "N")


def _finish(stream: Any) -> Any:
    return stream.filter("setsar", 1).filter("format", "yuv420p").filter(
        "setparams", range="tv", color_primaries="bt709", color_trc="bt709", colorspace="bt709")


def intro_card(artwork: Artwork, timeline: Timeline, canvas: tuple[int, int]) -> Any:
    """The generated title card: background, and the title block fading (and sliding) in."""
    assert artwork.intro_background is not None and artwork.intro_block is not None
    frames, fps = timeline.intro_frames, timeline.fps
    background = still_frames(artwork.intro_background, frames, fps, _canvas_picture(canvas))
    block = artwork.intro_block
    title = (still_frames(block.path, frames, fps, lambda image: image.filter("format", "rgba"))
             .filter("fade", type="in", start_frame=min(2, frames // 4),
                     nb_frames=block.fade_frames, alpha=1))
    y: str | int = block.y
    if artwork.intro_slide:
        distance = round(canvas[1] * _SLIDE_DISTANCE)
        y = f"{block.y}+{distance}*pow(max(0,1-t/{_SLIDE_SECONDS}),2)"
    card = ffmpeg.overlay(background, title, x=block.x, y=y, eof_action="pass")
    # End the card by count: xfade waits for its first input to end, and overlay alone was seen
    # to hold that end back now and then (a stuck render at the end of the intro).
    return _finish(card.filter("trim", end_frame=frames))


def outro_card(artwork: Artwork, timeline: Timeline, canvas: tuple[int, int]) -> Any:
    assert artwork.outro_card is not None
    return still_frames(artwork.outro_card, timeline.outro_frames, timeline.fps,
                        _canvas_picture(canvas))


def video_crossfade(first: Any, second: Any, offset_frames: int, transition_frames: int,
                    fps: Fraction) -> Any:
    """Cross-fade two pictures; the second starts ``offset_frames`` into the first.

    The sound overlaps by the same exact amount (``compose_audio.audio_crossfade``), so picture
    and sound stay in sync.
    """
    return ffmpeg.filter([video_timebase(first, fps), video_timebase(second, fps)],
                         "xfade", transition="fade",
                         duration=f"{float(Fraction(transition_frames) / fps):.6f}",
                         offset=f"{float(Fraction(offset_frames) / fps):.6f}")


def apply_overlays(main: Any, layers: tuple[Layer, ...], fps: Fraction) -> Any:
    """Put each layer on ``main`` during its window (output frames), fading in and out."""
    for layer in layers:
        frames = layer.window.frames
        graphic = still_frames(layer.path, frames, fps, lambda image: image.filter("format", "rgba"))
        if layer.fade_frames:
            graphic = (graphic
                       .filter("fade", type="in", start_frame=0, nb_frames=layer.fade_frames, alpha=1)
                       .filter("fade", type="out", start_frame=frames - layer.fade_frames,
                               nb_frames=layer.fade_frames, alpha=1))
        graphic = graphic.filter("setpts", f"PTS+{layer.window.start}/FRAME_RATE/TB")
        main = ffmpeg.overlay(main, graphic, x=layer.x, y=layer.y, eof_action="pass",
                              enable=f"between(n,{layer.window.start},{layer.window.end - 1})")
    return main
