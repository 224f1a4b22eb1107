"""Known ffmpeg failures, translated into what a shop owner can do about them."""

from __future__ import annotations

import re

# (pattern in ffmpeg's stderr, the one-line hint). First match wins, so specific before general.
_HINTS: tuple[tuple[str, str], ...] = (
    (r"No space left on device", "the disk is full; free some space or choose another output folder"),
    (r"Permission denied", "ShopReel may not write or read there; check the folder's permissions"),
    (r"Read-only file system", "the output folder is read-only; choose another one"),
    (r"Cannot allocate memory|Out of memory",
     "not enough memory; close other programs or use a smaller preset"),
    (r"moov atom not found", "a clip is incomplete (copy or download did not finish); copy it again"),
    (r"Unknown encoder 'libx264'|Encoder not found",
     "this ffmpeg has no H.264 encoder; unset SHOPREEL_FFMPEG to use the bundled ffmpeg"),
    (r"No such filter",
     "this ffmpeg lacks a filter ShopReel needs; unset SHOPREEL_FFMPEG to use the bundled ffmpeg"),
    (r"Invalid data found when processing input|corrupt|Error while decoding",
     "a clip is damaged; run `shopreel probe FILE` on each clip to find it, then export it again"),
    (r"File name too long", "the output path is too long; choose a shorter name or folder"),
)


def hint_for(stderr_tail: str) -> str | None:
    """The hint for the first known failure found in ffmpeg's stderr, or None."""
    for pattern, hint in _HINTS:
        if re.search(pattern, stderr_tail, re.IGNORECASE):
            return hint
    return None


def last_error_line(stderr_tail: str) -> str:
    """The most telling line of ffmpeg's stderr, for a one-line message."""
    lines = [line.strip() for line in stderr_tail.splitlines() if line.strip()]
    for line in reversed(lines):
        if re.search(r"error|invalid|failed|cannot|unable|denied|no such", line, re.IGNORECASE):
            return re.sub(r"^\[[^\]]+\]\s*", "", line)
    return lines[-1] if lines else "ffmpeg stopped without a message"
