"""The one place where paths and values are escaped for ffmpeg.

ffmpeg commands are argument lists, never shell strings, so the shell needs no escaping at all.
What remains is ffmpeg's own syntax: a file name with a colon could be read as a protocol
(``clip:1.mp4``) and one starting with ``-`` as an option. Filter arguments are escaped by
ffmpeg-python when it compiles the graph, so values handed to it stay raw.
"""

from __future__ import annotations

import os
from pathlib import Path


def ffmpeg_url(path: str | os.PathLike[str]) -> str:
    """An absolute ``file:`` URL for ffmpeg's -i / output arguments.

    Absolute paths can never start with ``-``; the explicit ``file:`` protocol stops ffmpeg from
    treating ``name:with:colons`` as some other protocol. Spaces, quotes and umlauts need nothing.
    """
    return "file:" + os.fspath(Path(path).absolute())


def ffmpeg_color(hex_color: str) -> str:
    """``#rrggbb`` / ``#rrggbbaa`` in the ``0xRRGGBB[AA]`` form ffmpeg's colour parser accepts."""
    return "0x" + hex_color.lstrip("#")
