"""One line about the machine and tools a benchmark ran with, for its printed figures."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version


def describe_machine() -> str:
    from shopreel.video.ffmpeg_binary import ffmpeg_version

    try:
        moviepy = version("moviepy")
    except PackageNotFoundError:
        moviepy = "not installed"
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, ffmpeg {ffmpeg_version()}, moviepy {moviepy}")
