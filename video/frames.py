"""Single frames out of a video: for previews, the README, and (later) thumbnails."""

from __future__ import annotations

import subprocess
from pathlib import Path

from shopreel.video.atomic import atomic_target
from shopreel.video.errors import MediaError, OutputError, RenderError
from shopreel.video.escape import ffmpeg_url
from shopreel.video.ffmpeg_binary import ffmpeg_exe, subprocess_flags
from shopreel.video.hints import hint_for, last_error_line
from shopreel.video.probe import probe
from shopreel.video.timecode import format_time

IMAGE_SUFFIXES = {".png": "png", ".jpg": "mjpeg", ".jpeg": "mjpeg", ".webp": "libwebp"}


def extract_frame(video: Path, seconds: float, out: Path, width: int | None = None) -> Path:
    """Write the frame shown at ``seconds`` as PNG, JPEG or WebP (by suffix), atomically.

    Raises MediaError for an unreadable video or a time outside it, OutputError for a bad
    output name, RenderError if ffmpeg fails.
    """
    codec = IMAGE_SUFFIXES.get(out.suffix.lower())
    if codec is None:
        raise OutputError(f"{out}: the frame must be a .png, .jpg or .webp file")
    info = probe(video)
    length = info.duration or 0.0
    if info.kind != "video":
        raise MediaError(str(video), "is not a video")
    if not 0 <= seconds < length:
        raise MediaError(str(video), f"{format_time(seconds)} is outside the video "
                         f"({format_time(length)} long)", "choose a time inside the video")
    scale = ["-vf", f"scale={width}:-2:flags=lanczos"] if width else []
    with atomic_target(out) as partial:
        command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                   "-ss", f"{seconds:.6f}", "-i", ffmpeg_url(video), "-frames:v", "1", *scale,
                   "-c:v", codec, "-q:v", "3", "-f", "image2", "-update", "1", ffmpeg_url(partial)]
        done = subprocess.run(command, capture_output=True, text=True,
                              creationflags=subprocess_flags())
        if done.returncode != 0 or partial.stat().st_size == 0:
            raise RenderError(f"cannot take a frame: {last_error_line(done.stderr)}",
                              hint_for(done.stderr), cmd=command, returncode=done.returncode,
                              stderr_tail=done.stderr[-2000:])
    return out
