"""Where the ffmpeg binary is, and what version it is.

ShopReel never assumes a system ffmpeg or ffprobe: ``SHOPREEL_FFMPEG`` wins if set, otherwise the
static build that ships inside the imageio-ffmpeg wheel is used, so a fresh machine needs only pip.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

from shopreel.video.errors import FFmpegNotFoundError

ENV_VAR = "SHOPREEL_FFMPEG"


def ffmpeg_exe() -> str:
    """Return the path of the ffmpeg binary to use.

    Raises FFmpegNotFoundError when ``SHOPREEL_FFMPEG`` points nowhere or imageio-ffmpeg has no
    binary for this platform.
    """
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override).expanduser()
        if not path.is_file() or not os.access(path, os.X_OK):
            raise FFmpegNotFoundError(
                f"{ENV_VAR}={override}: not an executable file",
                "point it at an ffmpeg binary or unset it to use the bundled one",
            )
        return str(path)
    return _bundled_ffmpeg()


@functools.lru_cache(maxsize=1)
def _bundled_ffmpeg() -> str:
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except Exception as exc:  # imageio-ffmpeg raises RuntimeError with its own wording
        raise FFmpegNotFoundError(
            "the bundled ffmpeg binary is missing",
            f"reinstall ShopReel with pip or set {ENV_VAR} ({exc})",
        ) from exc


def subprocess_flags() -> int:
    """Creation flags that keep ffmpeg from opening a console window on Windows."""
    return getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0


def ffmpeg_version(exe: str | None = None) -> str:
    """The version string ffmpeg reports about itself, e.g. ``9.0.2``."""
    exe = exe or ffmpeg_exe()
    return _version_of(exe)


@functools.lru_cache(maxsize=4)
def _version_of(exe: str) -> str:
    try:
        done = subprocess.run(
            [exe, "-hide_banner", "-version"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=30,
            creationflags=subprocess_flags(),
        )
    except OSError as exc:
        raise FFmpegNotFoundError(f"{exe}: cannot run ffmpeg ({exc.strerror})") from exc
    match = re.search(r"ffmpeg version (\S+)", done.stdout)
    if not match:
        raise FFmpegNotFoundError(f"{exe}: does not look like ffmpeg")
    version = match.group(1)
    # Builds name themselves like "n9.0.2-17-g2a57..."; the release number is what users compare.
    release = re.match(r"n?(\d+(?:\.\d+)+)", version)
    return release.group(1) if release else version
