"""What a web player needs to know about an MP4, read from the file itself.

The box order (``moov`` before ``mdat`` starts playback before the download ends), the H.264
profile (from the ``avcC`` box), and the lengths of the picture and the sound (from packet
timestamps, no decoding).
"""

from __future__ import annotations

import re
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

from shopreel.video.errors import MediaError
from shopreel.video.escape import ffmpeg_url
from shopreel.video.ffmpeg_binary import ffmpeg_exe, subprocess_flags
from shopreel.video.probe import MediaInfo, probe

H264_PROFILES = {66: "Baseline", 77: "Main", 88: "Extended", 100: "High", 110: "High 10",
                 122: "High 4:2:2", 244: "High 4:4:4"}
# Boxes that hold other boxes, on the way from the file down to the H.264 sample description.
_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}


@dataclass(frozen=True)
class WebFacts:
    info: MediaInfo
    top_level_boxes: tuple[str, ...]
    h264_profile: str | None
    video_seconds: float | None
    audio_seconds: float | None

    @property
    def faststart(self) -> bool:
        boxes = self.top_level_boxes
        return "moov" in boxes and "mdat" in boxes and boxes.index("moov") < boxes.index("mdat")


def web_facts(path: Path) -> WebFacts:
    """Read the facts of ``path``. Raises MediaError for files that are not media at all."""
    info = probe(path)
    boxes, profile = _mp4_structure(path)
    video_seconds, audio_seconds = _stream_lengths(path, info)
    return WebFacts(info=info, top_level_boxes=tuple(boxes), h264_profile=profile,
                    video_seconds=video_seconds, audio_seconds=audio_seconds)


def _mp4_structure(path: Path) -> tuple[list[str], str | None]:
    boxes: list[str] = []
    profile: str | None = None
    try:
        with open(path, "rb") as handle:
            size = path.stat().st_size
            for kind, start, length in _boxes(handle, 0, size):
                boxes.append(kind.decode("latin-1"))
                if kind == b"moov" and profile is None:
                    profile = _find_profile(handle, start, length)
    except OSError as exc:
        raise MediaError(str(path), f"cannot be read ({exc.strerror})") from None
    return boxes, profile


def _boxes(handle: object, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(type, payload start, payload length) of the boxes between ``start`` and ``end``."""
    found = []
    position = start
    read = handle.read  # type: ignore[attr-defined]
    seek = handle.seek  # type: ignore[attr-defined]
    while position + 8 <= end:
        seek(position)
        header = read(8)
        if len(header) < 8:
            break
        size, kind = struct.unpack(">I4s", header)
        payload = position + 8
        if size == 1:
            size = struct.unpack(">Q", read(8))[0]
            payload += 8
        elif size == 0:
            size = end - position
        if size < 8 or not kind.isascii():
            break  # not an MP4 box structure (another container, or damage)
        found.append((kind, payload, position + size - payload))
        position += size
    return found


def _find_profile(handle: object, start: int, length: int) -> str | None:
    for kind, payload, size in _boxes(handle, start, start + length):
        if kind in _CONTAINERS:
            profile = _find_profile(handle, payload, size)
            if profile:
                return profile
        elif kind == b"stsd":
            # Full box header (4) and entry count (4), then the sample entries.
            handle.seek(payload + 8)  # type: ignore[attr-defined]
            entry = handle.read(min(size - 8, 4096))  # type: ignore[attr-defined]
            at = entry.find(b"avcC")
            if at >= 0 and at + 6 <= len(entry):
                code = entry[at + 5]  # configurationVersion, then AVCProfileIndication
                return H264_PROFILES.get(code, f"profile {code}")
    return None


_TIMEBASE = re.compile(r"#tb (\d+): (\d+)/(\d+)")


def _stream_lengths(path: Path, info: MediaInfo) -> tuple[float | None, float | None]:
    """Seconds from the first to the end of the last packet of the first video and audio stream."""
    maps = (["-map", "0:v:0"] if info.kind == "video" else []) + (
        ["-map", "0:a:0"] if info.has_audio else [])
    if not maps:
        return None, None
    done = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", ffmpeg_url(path),
         *maps, "-c", "copy", "-f", "framecrc", "-"],
        capture_output=True, creationflags=subprocess_flags(), check=False)
    text = done.stdout.decode("utf-8", "replace")
    timebases = {int(index): (int(num), int(den)) for index, num, den in _TIMEBASE.findall(text)}
    spans: dict[int, tuple[int, int]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split(",")]
        index, pts, duration = int(fields[0]), int(fields[2]), int(fields[3])
        first, last = spans.get(index, (pts, pts + duration))
        spans[index] = (min(first, pts), max(last, pts + duration))

    def seconds(index: int) -> float | None:
        if index not in spans or index not in timebases:
            return None
        num, den = timebases[index]
        first, last = spans[index]
        return (last - first) * num / den

    video_index = 0 if info.kind == "video" else None
    audio_index = (1 if video_index is not None else 0) if info.has_audio else None
    return (seconds(video_index) if video_index is not None else None,
            seconds(audio_index) if audio_index is not None else None)
