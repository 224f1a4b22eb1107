"""Frames for thumbnails: many small candidates quickly, then one exact frame at full size.

Candidates are keyframes reached by fast input seeking (``-ss T`` before ``-i``, no accurate
seek: the first frame decoded is the keyframe at or before T), several inputs of the same file
in one ffmpeg process, scaled down to about 320 pixels wide and piped out as raw RGB. The cost
grows with the number of candidates, not with the length of the video. Only when a video has
too few keyframes in the range (a long GOP) are the frames of the range decoded one after
another instead.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from PIL import Image

from shopreel.video.errors import MediaError, RenderError
from shopreel.video.escape import ffmpeg_url
from shopreel.video.ffmpeg_binary import ffmpeg_exe, subprocess_flags
from shopreel.video.hints import hint_for, last_error_line
from shopreel.video.probe import MediaInfo
from shopreel.video.timecode import format_time

CANDIDATE_WIDTH = 320
# Inputs per ffmpeg process at 1080p (each holds a decoder and its frames, ~15 MB at 1080p);
# fewer for larger videos, so a 4K phone clip does not take gigabytes.
INPUTS_PER_PROCESS = 12
# ffmpeg processes decoding candidates side by side (each decodes on about one core).
PROCESSES = max(1, min(2, os.cpu_count() or 1))
TIMEOUT_SECONDS = 300
_SHOWINFO_RE = re.compile(r"Parsed_showinfo_(\d+) .*? pts_time:\s*(-?[\d.]+)")


@dataclass(frozen=True)
class Sample:
    """A decoded frame and its time on the video's own timeline (0 = the start)."""

    seconds: float
    image: Image.Image


def display_size(info: MediaInfo) -> tuple[int, int]:
    """The size a viewer sees (rotation and non-square pixels applied)."""
    width = info.display_width or info.width or 0
    height = info.display_height or info.height or 0
    if width < 2 or height < 2:
        raise MediaError(info.path, "the video has no picture size", "export it again")
    return width, height


def candidate_size(info: MediaInfo) -> tuple[int, int]:
    """Candidates are about 320 px wide (never larger than the video), even sizes."""
    width, height = display_size(info)
    small_w = min(CANDIDATE_WIDTH, width) // 2 * 2
    small_h = max(2, round(small_w * height / width / 2) * 2)
    return max(2, small_w), small_h


def _to_rgb(info: MediaInfo, size: tuple[int, int], flags: str) -> str:
    """A scale filter to ``size`` in RGB, reading untagged colours the way players do."""
    options = f"w={size[0]}:h={size[1]}:flags={flags}"
    if info.color_matrix is None:
        # swscale reads untagged video as BT.601; players show untagged HD as BT.709.
        shown_height = min(display_size(info))
        options += f":in_color_matrix={'bt709' if shown_height >= 720 else 'bt601'}"
    return f"scale={options},setsar=1,format=rgb24"


def keyframe_command(exe: str, video: Path, info: MediaInfo, times: Sequence[float],
                     size: tuple[int, int], *, stream_info: bool = True) -> list[str]:
    """One ffmpeg that seeks ``len(times)`` inputs of ``video`` and writes one small frame each.

    Each input yields the keyframe at or before its time; ``showinfo`` logs its timestamp
    (``-copyts`` keeps the file's own), so the output frames are matched to their times.
    """
    args = [exe, "-hide_banner", "-nostdin", "-loglevel", "info", "-copyts"]
    chains = []
    for index, seconds in enumerate(times):
        if not stream_info:
            # The decoder's parameters are in the container's header for MP4/MOV/MKV; reading
            # them from the first frames of every input again would cost more than the seek.
            args.append("-nofind_stream_info")
        # No -skip_frame nokey: with B-frames the decoder holds a keyframe back until later
        # frames arrive, and skipping those makes it decode the next keyframe too (twice the
        # cost). The few frames after the keyframe are cheap; trim stops the input after it.
        args += ["-threads", "1", "-noaccurate_seek", "-ss", f"{seconds:.6f}",
                 "-an", "-sn", "-dn", "-i", ffmpeg_url(video)]
        chains.append(f"[{index}:v:0]{_chain_filters(info, size)}[v{index}]")
    joined = "".join(f"[v{index}]" for index in range(len(times)))
    graph = ";".join(chains) + f";{joined}concat=n={len(times)}:v=1:a=0[out]"
    return [*args, "-filter_complex", graph, "-map", "[out]", "-fps_mode", "passthrough",
            "-f", "rawvideo", "pipe:1"]


def _chain_filters(info: MediaInfo, size: tuple[int, int]) -> str:
    return f"trim=end_frame=1,showinfo,{_to_rgb(info, size, 'area')}"


def showinfo_times(stderr: str, chains: int, info: MediaInfo,
                   size: tuple[int, int]) -> dict[int, float]:
    """{chain index: pts seconds} from the showinfo lines of ``keyframe_command``'s stderr.

    ffmpeg names the filters of a graph ``Parsed_NAME_K`` with K counting every filter in the
    order written, so the chain of a showinfo line follows from K.
    """
    filters = _chain_filters(info, size).split(",")
    per_chain, position_of_showinfo = len(filters), filters.index("showinfo")
    found: dict[int, float] = {}
    for match in _SHOWINFO_RE.finditer(stderr):
        chain, position = divmod(int(match.group(1)), per_chain)
        if position == position_of_showinfo and chain < chains and chain not in found:
            found[chain] = float(match.group(2))
    return found


def _run(command: list[str], what: str) -> subprocess.CompletedProcess[bytes]:
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=TIMEOUT_SECONDS, creationflags=subprocess_flags())
    except subprocess.TimeoutExpired:
        raise RenderError(f"ffmpeg took longer than {TIMEOUT_SECONDS} s to {what}",
                          "try again; if it happens again, run with -v and report it",
                          cmd=command) from None
    except OSError as exc:
        raise RenderError(f"cannot start ffmpeg ({exc.strerror})",
                          "reinstall ShopReel or check SHOPREEL_FFMPEG", cmd=command) from None
    return done


def _failed(command: list[str], done: subprocess.CompletedProcess[bytes], what: str) -> RenderError:
    stderr = done.stderr.decode("utf-8", "replace")
    return RenderError(f"cannot {what}: {last_error_line(stderr)}", hint_for(stderr),
                       cmd=command, returncode=done.returncode, stderr_tail=stderr[-2000:])


def _frames(data: bytes, size: tuple[int, int]) -> list[Image.Image]:
    frame_bytes = size[0] * size[1] * 3
    return [Image.frombytes("RGB", size, data[offset:offset + frame_bytes])
            for offset in range(0, len(data) - frame_bytes + 1, frame_bytes)]


def sample_keyframes(video: Path, info: MediaInfo, times: Sequence[float]) -> list[Sample]:
    """The keyframe at or before each of ``times``, small; duplicates and failures left out.

    The times are split over a few ffmpeg processes that run side by side: decoding a keyframe
    is entropy decoding on one core, so a single process would leave the others idle.
    Raises RenderError if ffmpeg fails on the file.
    """
    exe = ffmpeg_exe()
    size = candidate_size(info)
    width, height = display_size(info)
    most = max(2, min(INPUTS_PER_PROCESS, INPUTS_PER_PROCESS * 1920 * 1080 // (width * height)))
    per_process = max(1, min(most, math.ceil(len(times) / PROCESSES)))
    chunks = [list(times[first:first + per_process])
              for first in range(0, len(times), per_process)]
    with ThreadPoolExecutor(max_workers=PROCESSES) as pool:
        decoded = list(pool.map(lambda chunk: _keyframes(exe, video, info, chunk, size), chunks))
    samples: dict[float, Sample] = {}
    for sample in (sample for chunk in decoded for sample in chunk):
        samples.setdefault(sample.seconds, sample)
    return sorted(samples.values(), key=lambda sample: sample.seconds)


def _keyframes(exe: str, video: Path, info: MediaInfo, times: list[float],
               size: tuple[int, int]) -> list[Sample]:
    command = keyframe_command(exe, video, info, times, size, stream_info=False)
    done = _run(command, "read frames for the thumbnail")
    if done.returncode != 0 or not done.stdout:
        # Containers without codec parameters in their header (MPEG-TS) need the probe.
        command = keyframe_command(exe, video, info, times, size)
        done = _run(command, "read frames for the thumbnail")
    if done.returncode != 0:
        raise _failed(command, done, "read frames for the thumbnail")
    stamps = showinfo_times(done.stderr.decode("utf-8", "replace"), len(times), info, size)
    images = _frames(done.stdout, size)
    # concat emits the chains' frames in chain order; chains without a frame are skipped.
    return [Sample(round(stamps[chain] - info.start_time, 6), image)
            for chain, image in zip(sorted(stamps), images)]


def sample_decoded(video: Path, info: MediaInfo, start: float, end: float,
                   count: int) -> list[Sample]:
    """``count`` frames evenly spread over [start, end], decoding every frame of the range.

    For videos with too few keyframes for ``sample_keyframes``; costs one decode of the range.
    """
    fps = info.fps or 30.0
    frames_in_range = max(1, int((end - start) * fps))
    step = max(1, frames_in_range // max(1, count))
    size = candidate_size(info)
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "info", "-copyts",
               "-ss", f"{start:.6f}", "-t", f"{end - start:.6f}", "-an", "-sn", "-dn",
               "-i", ffmpeg_url(video),
               "-vf", f"select='not(mod(n\\,{step}))',showinfo,{_to_rgb(info, size, 'area')}",
               "-fps_mode", "passthrough", "-f", "rawvideo", "pipe:1"]
    done = _run(command, "read frames for the thumbnail")
    if done.returncode != 0:
        raise _failed(command, done, "read frames for the thumbnail")
    stderr = done.stderr.decode("utf-8", "replace")
    stamps = [float(match.group(2)) for match in _SHOWINFO_RE.finditer(stderr)]
    return [Sample(round(seconds - info.start_time, 6), image)
            for seconds, image in zip(stamps, _frames(done.stdout, size))][:count + 1]


def exact_fps(info: MediaInfo) -> Fraction | None:
    """The frame rate as an exact fraction for constant-rate videos (None for VFR)."""
    if info.variable_frame_rate or not info.frame_count or not info.duration:
        return None
    return (Fraction(info.frame_count) / Fraction(repr(info.duration))).limit_denominator(1001)


def frame_start(info: MediaInfo, seconds: float) -> float:
    """When the frame shown at ``seconds`` starts (its timestamp), for constant-rate videos.

    For variable-rate videos ``seconds`` is returned: the frame at or after it is taken.
    """
    fps = exact_fps(info)
    if fps is None:
        return seconds
    index = math.floor(Fraction(repr(seconds)) * fps + Fraction(1, 10**6))
    index = max(0, min(index, (info.frame_count or 1) - 1))
    return float(index / fps)


def decode_frame(video: Path, info: MediaInfo, seconds: float, *,
                 keyframe: bool = False) -> Image.Image:
    """The frame shown at ``seconds``, upright, at the size a viewer sees, as RGB.

    ``keyframe=True`` says a keyframe starts exactly at ``seconds`` (a candidate's time): it is
    then decoded on its own instead of from the keyframe before it.
    Raises MediaError when no frame is there, RenderError when ffmpeg fails.
    """
    size = display_size(info)
    # Bicubic with full chroma interpolation: crisp colour edges. (accurate_rnd would add a
    # third to the conversion's time for differences of one level.)
    to_rgb = _to_rgb(info, size, "bicubic+full_chroma_int")
    exe, url = ffmpeg_exe(), ffmpeg_url(video)
    if keyframe:
        # Seeking lands on the keyframe at or before the position; a little past its start
        # makes sure that is this one, whatever the rounding of its timestamp.
        done = _run_fast_then_full(lambda probe: [
            exe, "-hide_banner", "-nostdin", "-loglevel", "info", "-copyts", *probe,
            "-noaccurate_seek", "-ss", f"{seconds + 0.001:.6f}", "-an", "-sn", "-dn", "-i", url,
            "-map", "0:v:0", "-frames:v", "1", "-vf", f"showinfo,{to_rgb}", "-f", "rawvideo",
            "pipe:1"])
        stamps = _SHOWINFO_RE.findall(done.stderr.decode("utf-8", "replace"))
        frames = _frames(done.stdout, size)
        if (done.returncode == 0 and frames and stamps
                and abs(float(stamps[0][1]) - info.start_time - seconds) < 0.001):
            return frames[0]
        # Not a keyframe after all: take it the exact way below.
    fps = exact_fps(info)
    start = frame_start(info, seconds)
    # Accurate seeking drops every frame before the position: half a frame early keeps the
    # wanted one and nothing before it, whatever the rounding of its timestamp.
    position = max(0.0, start - (0.5 / float(fps) if fps else 0.0005))

    def command(probe: list[str]) -> list[str]:
        return [exe, "-hide_banner", "-nostdin", "-loglevel", "error", *probe,
                "-ss", f"{position:.6f}", "-an", "-sn", "-dn", "-i", url, "-map", "0:v:0",
                "-frames:v", "1", "-vf", to_rgb, "-f", "rawvideo", "pipe:1"]

    done = _run_fast_then_full(command)
    if done.returncode != 0:
        raise _failed(command([]), done, "take the frame")
    frames = _frames(done.stdout, size)
    if not frames:
        raise MediaError(info.path, f"no frame at {format_time(seconds)}",
                         "choose an earlier time")
    return frames[0]


def _run_fast_then_full(command: Callable[[list[str]], list[str]]
                        ) -> subprocess.CompletedProcess[bytes]:
    """Run without ffmpeg's stream probing (it decodes the first frames of the file: a third
    of the cost of one frame); once more with it if that fails or gives no picture."""
    done = _run(command(["-nofind_stream_info"]), "take the frame")
    if done.returncode == 0 and done.stdout:
        return done
    return _run(command([]), "take the frame")
