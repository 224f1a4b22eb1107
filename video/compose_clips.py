"""Graph pieces for the clips: open each input once, trim, turn upright, fit, normalise.

Every clip comes out as exactly its planned number of frames (yuv420p, square pixels, the plan's
frame rate) and samples (48 kHz stereo), so pieces join without drift.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import ffmpeg

from shopreel.video.escape import ffmpeg_color, ffmpeg_url
from shopreel.video.plan import SAMPLE_RATE, RenderPlan, Segment
from shopreel.video.sound import EDGE_FADE_SECONDS

# Read a little past each trim so the exact cut is made by the trim filters, never by the demuxer.
_READ_MARGIN = Fraction(1, 2)
# The blurred fill is computed at 1/8 of the canvas and scaled up: same look, a fraction of the work.
_BLUR_SCALE = 8


def _seconds(value: Fraction) -> str:
    return f"{float(value):.6f}"


def _even(value: float) -> int:
    return max(2, int(value) // 2 * 2)


def silence(count: int) -> list[Any]:
    """``count`` streams of silence from one source."""
    if not count:
        return []
    source = ffmpeg.input(f"anullsrc=r={SAMPLE_RATE}:cl=stereo", f="lavfi")["a"]
    return _fan_out(source, count, "asplit")


def clip_pieces(plan: RenderPlan, segments: list[Segment],
                gains_db: list[float]) -> tuple[list[Any], list[Any]]:
    """Pictures and sounds of the segments, each exactly its planned frames and samples long.

    ``gains_db`` holds one level correction per segment.
    """
    videos, audios = decoded_streams(plan, segments)
    pictures = [_video_chain(plan, segment, video) for segment, video in zip(segments, videos)]
    return pictures, clip_sounds(segments, audios, gains_db)


def clip_sounds(segments: list[Segment], audios: list[Any], gains_db: list[float]) -> list[Any]:
    """Each segment's sound: levelled, with soft edges, or silence of the same length."""
    return [audio_chain(segment, audio, gain) if segment.use_audio else
            audio.filter("atrim", end_sample=segment.samples).filter("asetpts", "N/SR/TB")
            for segment, audio, gain in zip(segments, audios, gains_db)]


def decoded_streams(plan: RenderPlan, segments: list[Segment],
                    *, pictures: bool = True) -> tuple[list[Any], list[Any]]:
    """One decoded video and audio stream per segment, each input opened and decoded once.

    Segments cut from the same place of the same file share one input through ``split``; all
    silent segments share one silence source. Without ``pictures`` (measuring the sound) no
    picture is decoded at all and the video list holds None.
    """
    groups: dict[tuple[Path, Fraction, bool], list[int]] = {}
    for index, segment in enumerate(segments):
        groups.setdefault((segment.source, segment.start, segment.is_still), []).append(index)
    videos: list[Any] = [None] * len(segments)
    audios: list[Any] = [None] * len(segments)
    for members in groups.values():
        talking = [i for i in members if segments[i].use_audio]
        if not pictures and not talking:
            continue
        longest = max(segments[i].frames for i in members)
        source = _open_input(plan, segments[members[0]], Fraction(longest) / plan.fps, pictures)
        if pictures:
            for index, stream in zip(members, _fan_out(source["v:0"], len(members), "split")):
                videos[index] = stream
        for index, stream in zip(talking, _fan_out(source["a:0"], len(talking), "asplit")):
            audios[index] = stream
    silent = [i for i, segment in enumerate(segments) if not segment.use_audio]
    for index, stream in zip(silent, silence(len(silent))):
        audios[index] = stream
    return videos, audios


def _fan_out(stream: Any, count: int, splitter: str) -> list[Any]:
    if count <= 1:
        return [stream] * count
    node = stream.filter_multi_output(splitter)
    return [node[k] for k in range(count)]


def _open_input(plan: RenderPlan, segment: Segment, length: Fraction, pictures: bool = True) -> Any:
    read_for = _seconds(length + _READ_MARGIN)
    if segment.is_still:
        return ffmpeg.input(ffmpeg_url(segment.source), f="image2", loop=1,
                            framerate=str(plan.fps), t=read_for)
    options: dict[str, str | None] = {"t": read_for}
    if not pictures:
        options["vn"] = None  # the demuxer drops the picture: measuring never decodes video
    if segment.start:
        # Input seeking is frame-accurate while transcoding: ffmpeg decodes from the keyframe
        # before and drops frames up to the cut, and both streams keep one time origin.
        options["ss"] = _seconds(segment.start)
    return ffmpeg.input(ffmpeg_url(segment.source), **options)


def _video_chain(plan: RenderPlan, segment: Segment, video: Any) -> Any:
    # fps first: everything after it works on output frames only. start_time=0 pads a late first
    # frame so picture and sound keep the same origin.
    video = video.filter("fps", fps=str(plan.fps), start_time=0)
    sar_n, sar_d = segment.info.sar
    if sar_n != sar_d and not segment.is_still:
        video = video.filter("scale", w="trunc(iw*sar/2)*2", h="ih").filter("setsar", 1)
    video = _fit(plan, segment, video)
    video = video.filter("setsar", 1).filter("format", "yuv420p").filter(
        "setparams", range="tv", color_primaries="bt709", color_trc="bt709", colorspace="bt709")
    # Clone the last frame if the source ends early, then cut at exactly the planned frame count.
    video = video.filter("tpad", stop_mode="clone", stop=-1)
    return video.filter("trim", end_frame=segment.frames).filter("setpts", "N/FRAME_RATE/TB")


_SWS_MATRIX = {"bt709": "bt709", "bt470bg": "bt601", "smpte170m": "bt601", "bt2020nc": "bt2020",
               "bt2020c": "bt2020", "smpte240m": "smpte240m", "fcc": "fcc"}


def _input_matrix(segment: Segment) -> str:
    """The colour matrix a player would assume: the tagged one, else BT.709 for HD and up.

    swscale's own default for untagged input is BT.601, which shifts the colours of untagged
    HD clips (screen recordings, older cameras) away from what every player shows.
    """
    info = segment.info
    if info.color_matrix in _SWS_MATRIX:
        return _SWS_MATRIX[info.color_matrix]
    return "bt709" if min(info.width or 0, info.height or 0) >= 720 else "bt601"


def _fit(plan: RenderPlan, segment: Segment, video: Any) -> Any:
    color = {"out_color_matrix": "bt709", "out_range": "tv"}
    if not segment.is_still:  # photos arrive as RGB: no matrix to interpret
        color["in_color_matrix"] = _input_matrix(segment)
    width, height = plan.preset.width, plan.preset.height
    info = segment.info
    shown_w, shown_h = info.display_width or width, info.display_height or height
    same_aspect = abs(Fraction(shown_w, shown_h) / plan.preset.aspect - 1) < Fraction(1, 100)
    if same_aspect:
        return video.filter("scale", width, height, flags="bicubic", **color)
    if plan.fit == "crop":
        return (video.filter("scale", width, height, force_original_aspect_ratio="increase",
                             flags="bicubic", **color)
                .filter("crop", width, height))
    fitted_w, fitted_h = _contain(shown_w, shown_h, width, height)
    if plan.fit == "pad":
        return (video.filter("scale", fitted_w, fitted_h, flags="bicubic", **color)
                .filter("pad", width, height, (width - fitted_w) // 2 // 2 * 2,
                        (height - fitted_h) // 2 // 2 * 2, color=ffmpeg_color(plan.pad_color)))
    # blur: the clip over a blurred, enlarged copy of itself.
    split = video.filter_multi_output("split")
    small_w, small_h = _even(width / _BLUR_SCALE), _even(height / _BLUR_SCALE)
    background = (split[0]
                  .filter("scale", small_w, small_h, force_original_aspect_ratio="increase",
                          flags="fast_bilinear", **color)
                  .filter("crop", small_w, small_h)
                  .filter("gblur", sigma=max(2, small_h // 12))
                  .filter("eq", brightness=-0.06)
                  .filter("scale", width, height, flags="bilinear"))
    foreground = split[1].filter("scale", fitted_w, fitted_h, flags="bicubic", **color)
    return ffmpeg.overlay(background, foreground, x=(width - fitted_w) // 2 // 2 * 2,
                          y=(height - fitted_h) // 2 // 2 * 2, format="yuv420")


def _contain(src_w: int, src_h: int, width: int, height: int) -> tuple[int, int]:
    """The largest even size with the source's aspect that fits inside width x height."""
    scale = min(Fraction(width, src_w), Fraction(height, src_h))
    return min(width, _even(round(src_w * scale))), min(height, _even(round(src_h * scale)))


def audio_chain(segment: Segment, audio: Any, gain_db: float = 0.0) -> Any:
    # first_pts=0 pads with silence when a source's sound starts after its picture; async fills
    # gaps so the sound stays on the picture's clock.
    audio = audio.filter("aresample", SAMPLE_RATE, **{"async": 1, "first_pts": 0})
    if segment.info.channels == 1:
        # Mono phone audio goes to both speakers at full level (a plain upmix would drop 3 dB).
        # (Named argument: ffmpeg-python's escaping of '=' only survives the key=value parser.)
        audio = audio.filter("pan", args="stereo|c0=c0|c1=c0")
    audio = audio.filter("aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE,
                         channel_layouts="stereo")
    if gain_db:
        audio = audio.filter("volume", volume=f"{gain_db:.3f}dB")
    audio = (audio.filter("apad").filter("atrim", end_sample=segment.samples)
             .filter("asetpts", "N/SR/TB"))
    edge = min(round(EDGE_FADE_SECONDS * SAMPLE_RATE), segment.samples // 4)
    if edge < 2:
        return audio
    return (audio.filter("afade", type="in", start_sample=0, nb_samples=edge)
            .filter("afade", type="out", start_sample=segment.samples - edge, nb_samples=edge))
