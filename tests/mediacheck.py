"""Independent measurements of rendered files, for tests.

Deliberately does not use ShopReel's own probe: every fact is read straight from the bundled
ffmpeg binary or from the MP4 bytes, so a bug in ShopReel cannot hide itself.
"""

from __future__ import annotations

import re
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
import numpy as np

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([FFMPEG, "-hide_banner", "-nostdin", *args], capture_output=True,
                          check=False)


@dataclass
class Streams:
    video_codec: str
    video_profile: str
    pix_fmt: str
    width: int
    height: int
    audio_codec: str | None
    audio_profile: str | None
    sample_rate: int | None
    channel_layout: str | None


def streams(path: Path) -> Streams:
    text = _run("-i", str(path)).stderr.decode("utf-8", "replace")
    video = re.search(r"Video: (\w+) \(([^)]+)\)[^,]*, (\w+)(?:\([^)]*\))?, (\d+)x(\d+)", text)
    audio = re.search(r"Audio: (\w+) \((\w+)\)[^,]*, (\d+) Hz, ([\w.]+)", text)
    assert video, text
    return Streams(
        video.group(1), video.group(2), video.group(3), int(video.group(4)), int(video.group(5)),
        audio.group(1) if audio else None, audio.group(2) if audio else None,
        int(audio.group(3)) if audio else None, audio.group(4) if audio else None,
    )


def top_level_boxes(path: Path) -> list[str]:
    """The MP4's top-level box types in file order (``moov`` before ``mdat`` = faststart)."""
    boxes = []
    with open(path, "rb") as handle:
        while header := handle.read(8):
            size, kind = struct.unpack(">I4s", header)
            if size == 1:
                size = struct.unpack(">Q", handle.read(8))[0]
                handle.seek(size - 16, 1)
            elif size == 0:
                boxes.append(kind.decode())
                break
            else:
                handle.seek(size - 8, 1)
            boxes.append(kind.decode())
    return boxes


def video_duration(path: Path) -> float:
    """Duration of the first video stream from its packet timestamps, in seconds."""
    out = _run("-i", str(path), "-map", "0:v:0", "-c", "copy", "-f", "framecrc", "-")
    text = out.stdout.decode()
    tb_num, tb_den = map(int, re.search(r"#tb 0: (\d+)/(\d+)", text).groups())
    packets = [line.split(",") for line in text.splitlines() if line and not line.startswith("#")]
    start = min(int(p[2]) for p in packets)
    end = max(int(p[2]) + int(p[3]) for p in packets)
    return (end - start) * tb_num / tb_den


def frame_count(path: Path) -> int:
    out = _run("-i", str(path), "-map", "0:v:0", "-c", "copy", "-f", "framecrc", "-")
    return sum(1 for line in out.stdout.decode().splitlines() if line and not line.startswith("#"))


def decoded_audio_seconds(path: Path, rate: int = 48_000) -> float:
    """Length of the sound a player plays (decoded, so AAC priming and edit lists count right)."""
    out = _run("-i", str(path), "-map", "0:a:0", "-f", "s16le", "-ac", "1", "-ar", str(rate), "-")
    return len(out.stdout) / 2 / rate


def frame_at(path: Path, seconds: float, pix_fmt: str = "rgb24") -> np.ndarray:
    """The decoded frame shown at ``seconds`` as an array (H, W, C) or (H, W) for gray."""
    info = streams(path)
    out = _run("-ss", f"{seconds:.6f}", "-i", str(path), "-frames:v", "1", "-f", "rawvideo",
               "-pix_fmt", pix_fmt, "-")
    channels = {"rgb24": 3, "gray": 1}[pix_fmt]
    data = np.frombuffer(out.stdout, dtype=np.uint8)
    assert data.size == info.width * info.height * channels, out.stderr.decode()[-500:]
    shape = (info.height, info.width) if channels == 1 else (info.height, info.width, channels)
    return data.reshape(shape)


def frame_number(path: Path, index: int, pix_fmt: str = "gray") -> np.ndarray:
    """Decoded frame number ``index`` (0-based), exact regardless of timestamps."""
    info = streams(path)
    out = _run("-i", str(path), "-vf", f"select=eq(n\\,{index})", "-frames:v", "1",
               "-f", "rawvideo", "-pix_fmt", pix_fmt, "-")
    channels = {"rgb24": 3, "gray": 1}[pix_fmt]
    data = np.frombuffer(out.stdout, dtype=np.uint8)
    shape = (info.height, info.width) if channels == 1 else (info.height, info.width, channels)
    return data.reshape(shape)


@dataclass
class Loudness:
    integrated: float  # LUFS
    true_peak: float  # dBTP
    lra: float  # LU


def ebur128(path: Path, start: float | None = None, seconds: float | None = None) -> Loudness:
    """Loudness measured by ffmpeg's ebur128 filter (not loudnorm, which ShopReel uses)."""
    window = ([] if start is None else ["-ss", f"{start:.6f}"]) + (
        [] if seconds is None else ["-t", f"{seconds:.6f}"])
    out = _run(*window, "-i", str(path), "-map", "0:a:0", "-af", "ebur128=peak=true",
               "-f", "null", "-")
    text = out.stderr.decode("utf-8", "replace")
    summary = text[text.rindex("Summary:"):]

    def number(label: str) -> float:
        found = re.search(label + r":\s+(-?[\d.]+|-inf)", summary)
        assert found, summary
        return float(found.group(1))

    return Loudness(number("I"), number("Peak"), number("LRA"))


def audio_samples(path: Path, rate: int = 48_000) -> np.ndarray:
    """The decoded sound, mixed to mono, as float32 samples."""
    out = _run("-i", str(path), "-map", "0:a:0", "-f", "f32le", "-ac", "1", "-ar", str(rate), "-")
    return np.frombuffer(out.stdout, dtype="<f4")


def band_level_db(samples: np.ndarray, rate: int, low: float, high: float) -> float:
    """Level (dB re full scale) of the energy between ``low`` and ``high`` Hz."""
    window = np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(samples * window)) ** 2
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    energy = spectrum[(freqs >= low) & (freqs <= high)].sum()
    return float(10 * np.log10(max(energy, 1e-20) / (window ** 2).sum()))
