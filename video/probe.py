"""Media facts from the ffmpeg binary alone (no ffprobe): ``probe(path) -> MediaInfo``.

Videos are read from what ``ffmpeg -i`` prints plus one stream-copy pass over the video packets
(no decoding, so it stays fast on long clips) that gives the exact duration, the frame count and
whether the frame rate is variable, and finds truncated files. Still images are read with Pillow,
which also knows their EXIF orientation.
"""

from __future__ import annotations

import dataclasses
import os
import re
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shopreel.video.errors import MediaError
from shopreel.video.escape import ffmpeg_url
from shopreel.video.ffmpeg_binary import ffmpeg_exe, subprocess_flags

# What ShopReel takes as each kind of media, by file name (probing then tells for sure).
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi", ".mts", ".m2ts", ".ts",
                  ".mpg", ".mpeg", ".wmv", ".3gp")
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"})
AUDIO_SUFFIXES = frozenset({".mp3", ".wav", ".m4a", ".aac", ".ogg", ".flac"})
MEDIA_SUFFIXES = frozenset(VIDEO_SUFFIXES) | IMAGE_SUFFIXES | AUDIO_SUFFIXES
_IMAGE_CODECS = frozenset({"mjpeg", "png", "webp", "bmp", "tiff"})
_IMAGE_DEMUXERS = ("image2", "png_pipe", "jpeg_pipe", "webp_pipe", "bmp_pipe", "tiff_pipe")

_CHANNELS = {"mono": 1, "stereo": 2, "2.1": 3, "3.0": 3, "quad": 4, "4.0": 4, "4.1": 5,
             "5.0": 5, "5.1": 6, "6.1": 7, "7.1": 8, "downmix": 2}

FORMAT_HINT = "use a video (MP4, MOV, MKV, WebM, AVI) or a photo (JPG, PNG, WebP)"


@dataclass(frozen=True)
class MediaInfo:
    """What ShopReel knows about one media file.

    ``width``/``height`` are the stored size; ``display_width``/``display_height`` are what a
    viewer sees after rotation metadata (phone clips) and non-square pixels are applied.
    ``rotation`` is the clockwise turn, in degrees, that shows the stored picture upright.
    """

    path: str
    kind: str  # "video", "image" or "audio"
    container: str
    duration: float | None
    width: int | None = None
    height: int | None = None
    display_width: int | None = None
    display_height: int | None = None
    rotation: int = 0
    sar: tuple[int, int] = (1, 1)
    fps: float | None = None
    nominal_fps: float | None = None
    variable_frame_rate: bool = False
    frame_count: int | None = None
    pix_fmt: str | None = None
    color_matrix: str | None = None  # as tagged in the file (bt709, bt470bg, ...); None: untagged
    video_codec: str | None = None
    has_audio: bool = False
    audio_codec: str | None = None
    sample_rate: int | None = None
    channels: int | None = None
    start_time: float = 0.0

    @property
    def is_still(self) -> bool:
        return self.kind == "image"

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``shopreel probe`` and ``--progress json``."""
        data = dataclasses.asdict(self)
        data["sar"] = f"{self.sar[0]}:{self.sar[1]}"
        return data


_cache: dict[tuple[str, int, int], MediaInfo] = {}


def probe(path: str | os.PathLike[str]) -> MediaInfo:
    """Return the facts of a video, still image or audio file.

    Raises MediaError (one line naming the file) for a missing, empty, unreadable, truncated or
    unrecognised file. Results are cached per (path, size, mtime) for the life of the process.
    """
    file = Path(path)
    shown = str(path)
    try:
        stat = file.stat()
    except FileNotFoundError:
        raise MediaError(shown, "file not found", "check the path and the file name") from None
    except OSError as exc:
        raise MediaError(shown, f"cannot read the file ({exc.strerror})") from None
    if file.is_dir():
        raise MediaError(shown, "is a folder, not a media file")
    if stat.st_size == 0:
        raise MediaError(shown, "the file is empty (0 bytes)",
                         "copy it again from the camera or phone")
    if not os.access(file, os.R_OK):
        raise MediaError(shown, "permission denied", "make the file readable for your user")
    key = (str(file.absolute()), stat.st_size, stat.st_mtime_ns)
    if key not in _cache:
        if file.suffix.lower() in IMAGE_SUFFIXES:
            info = _probe_image(file, shown)
        else:
            info = _probe_with_ffmpeg(file, shown)
        _cache[key] = info
    return dataclasses.replace(_cache[key], path=shown)


def _probe_image(file: Path, shown: str) -> MediaInfo:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(file) as image:
            image.load()  # decodes fully, so a truncated JPEG fails here and not mid-render
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
            fmt = (image.format or file.suffix.lstrip(".")).lower()
            mode = image.mode
    except UnidentifiedImageError:
        raise MediaError(shown, "not an image ShopReel can read", FORMAT_HINT) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise MediaError(shown, f"the image is damaged ({exc})",
                         "export or copy it again") from None
    # EXIF orientations 5..8 are turned by a quarter; 3 and 4 by half a turn.
    rotation = {3: 180, 4: 180, 5: 90, 6: 90, 7: 270, 8: 270}.get(orientation, 0)
    shown_w, shown_h = (height, width) if rotation in (90, 270) else (width, height)
    return MediaInfo(
        path=shown, kind="image", container=fmt, duration=None,
        width=width, height=height, display_width=shown_w, display_height=shown_h,
        rotation=rotation, video_codec=fmt, pix_fmt=mode.lower(),
    )


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        encoding="utf-8", errors="replace", timeout=600, creationflags=subprocess_flags(),
    )


def _probe_with_ffmpeg(file: Path, shown: str) -> MediaInfo:
    exe = ffmpeg_exe()
    header = _run([exe, "-hide_banner", "-nostdin", "-i", ffmpeg_url(file)]).stderr
    info = parse_ffmpeg_header(header, shown)
    if info.kind == "video" and not info.is_still:
        info = _scan_video_packets(exe, file, info)
    return info


_INPUT_RE = re.compile(r"^Input #0, (?P<fmt>.+?), from ", re.M)
_DURATION_RE = re.compile(r"Duration: (?P<d>N/A|[\d:.]+)(?:, start: (?P<s>-?[\d.]+))?")
_STREAM_RE = re.compile(r"^\s*Stream #0:\d+(?:\[\w+\])?(?:\(\w+\))?: (?P<type>Video|Audio): (?P<rest>.*)$")
_SIZE_RE = re.compile(r"^(\d+)x(\d+)(?: \[SAR (\d+):(\d+) DAR \d+:\d+\])?")
_ROTATION_RE = re.compile(r"rotation of (-?[\d.]+) degrees")
_ROTATE_TAG_RE = re.compile(r"^\s*rotate\s*:\s*(-?\d+)", re.M)


def _split_top_level(text: str) -> list[str]:
    """Split at commas that are not inside parentheses: ``yuvj420p(pc, bt709)`` stays whole."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return parts


def _rate(token: str, unit: str) -> float | None:
    match = re.fullmatch(rf"([\d.]+)(k?) {unit}", token)
    if not match:
        return None
    value = float(match.group(1)) * (1000 if match.group(2) else 1)
    return value or None


def _seconds(clock: str) -> float:
    hours, minutes, seconds = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def parse_ffmpeg_header(text: str, shown: str) -> MediaInfo:
    """Turn what ``ffmpeg -i FILE`` printed into MediaInfo (or a MediaError that explains)."""
    input_match = _INPUT_RE.search(text)
    if not input_match:
        raise _header_error(text, shown)
    container = input_match.group("fmt")
    duration = start = None
    if match := _DURATION_RE.search(text):
        if match.group("d") != "N/A":
            duration = _seconds(match.group("d"))
        if match.group("s"):
            start = float(match.group("s"))

    video: dict[str, Any] | None = None
    audio: dict[str, Any] | None = None
    lines = text.splitlines()
    for index, line in enumerate(lines):
        stream = _STREAM_RE.match(line)
        if not stream:
            continue
        parts = _split_top_level(stream.group("rest"))
        if stream.group("type") == "Video" and video is None and "(attached pic)" not in line:
            video = _parse_video_parts(parts)
            video["rotation"] = _rotation_after(lines, index)
        elif stream.group("type") == "Audio" and audio is None:
            audio = _parse_audio_parts(parts)

    if video is None:
        if audio is None:
            raise MediaError(shown, "contains no video or audio stream", FORMAT_HINT)
        return MediaInfo(path=shown, kind="audio", container=container, duration=duration,
                         has_audio=True, start_time=start or 0.0, **audio)

    width, height = video["width"], video["height"]
    sar_n, sar_d = video["sar"]
    shown_w = round(width * sar_n / sar_d) if sar_n and sar_d else width
    shown_h = height
    if video["rotation"] in (90, 270):
        shown_w, shown_h = shown_h, shown_w
    still = video["codec"] in _IMAGE_CODECS and container.startswith(_IMAGE_DEMUXERS)
    return MediaInfo(
        path=shown, kind="image" if still else "video", container=container,
        duration=None if still else duration,
        width=width, height=height, display_width=shown_w, display_height=shown_h,
        rotation=video["rotation"], sar=(sar_n or 1, sar_d or 1),
        fps=video["fps"], nominal_fps=video["tbr"], pix_fmt=video["pix_fmt"],
        color_matrix=video["color_matrix"],
        video_codec=video["codec"], has_audio=audio is not None, start_time=start or 0.0,
        **(audio or {}),
    )


def _header_error(text: str, shown: str) -> MediaError:
    if "misdetection possible" in text:  # ffmpeg guessed from the extension alone
        return MediaError(shown, "not a video, photo or audio file (only its name says so)",
                          FORMAT_HINT)
    if "moov atom not found" in text:
        return MediaError(shown, "the file is incomplete (its index, the moov atom, is missing)",
                          "the copy or download did not finish; copy it again from the source")
    if "Permission denied" in text:
        return MediaError(shown, "permission denied", "make the file readable for your user")
    if "No such file" in text:
        return MediaError(shown, "file not found")
    return MediaError(shown, "not a video, photo or audio file ffmpeg can read", FORMAT_HINT)


def _parse_video_parts(parts: list[str]) -> dict[str, Any]:
    codec = parts[0].split(" ", 1)[0]
    pix_fmt = color_matrix = None
    width = height = 0
    sar = (1, 1)
    fps = tbr = None
    for part in parts[1:]:
        if size := _SIZE_RE.match(part):
            width, height = int(size.group(1)), int(size.group(2))
            if size.group(3):
                sar = (int(size.group(3)), int(size.group(4)))
        elif (value := _rate(part, "fps")) is not None:
            fps = value
        elif (value := _rate(part, "tbr")) is not None:
            tbr = value
        elif pix_fmt is None and re.match(r"^[a-z][a-z0-9_]*(\(.*\))?$", part) and part != "none":
            pix_fmt = part.split("(", 1)[0]
            color_matrix = _color_matrix(part)
    return {"codec": codec, "pix_fmt": pix_fmt, "width": width, "height": height, "sar": sar,
            "fps": fps, "tbr": tbr, "color_matrix": color_matrix}


_MATRICES = ("bt709", "bt470bg", "smpte170m", "bt2020nc", "bt2020c", "smpte240m", "fcc")


def _color_matrix(pix_fmt_part: str) -> str | None:
    """The colour matrix from ``yuv420p(tv, bt709/bt709/bt709, progressive)``, if tagged."""
    inside = pix_fmt_part.partition("(")[2].rstrip(")")
    for token in (t.strip() for t in inside.split(",")):
        matrix = token.split("/", 1)[0]
        if matrix in _MATRICES:
            return matrix
    return None


def _parse_audio_parts(parts: list[str]) -> dict[str, Any]:
    codec = parts[0].split(" ", 1)[0]
    sample_rate = channels = None
    for part in parts[1:]:
        if match := re.fullmatch(r"(\d+) Hz", part):
            sample_rate = int(match.group(1))
        elif channels is None and sample_rate is not None:
            layout = part.split("(", 1)[0]
            if layout in _CHANNELS:
                channels = _CHANNELS[layout]
            elif match := re.fullmatch(r"(\d+) channels", part):
                channels = int(match.group(1))
    return {"audio_codec": codec, "sample_rate": sample_rate, "channels": channels}


def _rotation_after(lines: list[str], index: int) -> int:
    """The clockwise turn that shows the stream upright, from its side data or rotate tag."""
    for line in lines[index + 1:]:
        if _STREAM_RE.match(line) or line.startswith(("Input #", "Output #", "Stream mapping")):
            break
        if match := _ROTATION_RE.search(line):
            # ffmpeg prints the display matrix's counter-clockwise angle.
            return round(-float(match.group(1))) % 360
        if match := _ROTATE_TAG_RE.match(line):
            return int(match.group(1)) % 360
    return 0


_TB_RE = re.compile(r"^#tb 0: (\d+)/(\d+)", re.M)


def _scan_video_packets(exe: str, file: Path, info: MediaInfo) -> MediaInfo:
    """Exact video duration, frame count and VFR detection from packet timestamps (no decoding)."""
    done = _run([exe, "-hide_banner", "-nostdin", "-v", "error", "-i", ffmpeg_url(file),
                 "-map", "0:v:0", "-c", "copy", "-f", "framecrc", "-"])
    errors = done.stderr.strip()
    tb_match = _TB_RE.search(done.stdout)
    stamps: list[tuple[int, int]] = []
    for line in done.stdout.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = [f.strip() for f in line.split(",")]
        try:
            stamps.append((int(fields[2]), int(fields[3])))
        except (IndexError, ValueError):
            continue
    if done.returncode != 0 or not tb_match or not stamps:
        raise MediaError(info.path, "the video stream cannot be read (the file is damaged)",
                         "copy or export it again")
    if "partial file" in errors or "Truncat" in errors:
        raise MediaError(info.path, "the file is truncated",
                         "the copy or download did not finish; copy it again from the source")
    tb = int(tb_match.group(1)) / int(tb_match.group(2))
    stamps.sort()
    first = stamps[0][0]
    last_pts, last_dur = stamps[-1]
    deltas = [b[0] - a[0] for a, b in zip(stamps, stamps[1:]) if b[0] > a[0]]
    if not last_dur and deltas:
        last_dur = int(statistics.median(deltas))
    video_duration = (last_pts + last_dur - first) * tb
    frames = len(stamps)
    if info.duration and info.duration - video_duration > max(1.0, 0.1 * info.duration):
        raise MediaError(info.path, "the file is truncated (it ends before its stated length)",
                         "the copy or download did not finish; copy it again from the source")
    vfr = False
    if len(deltas) >= 2:
        median = statistics.median(deltas)
        spread = max(deltas) - min(deltas)
        vfr = spread > 2 and spread / median > 0.1
    fps = frames / video_duration if video_duration > 0 else info.fps
    return dataclasses.replace(
        info, duration=round(video_duration, 6), frame_count=frames,
        fps=round(fps, 3) if fps else None, variable_frame_rate=vfr,
    )
