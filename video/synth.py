"""Synthetic media made with the bundled ffmpeg: the demo's clips, benchmark sources, test inputs.

Nothing large is committed to the repository; these recipes make the media on demand.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any

from shopreel.video.errors import RenderError
from shopreel.video.escape import ffmpeg_url
from shopreel.video.ffmpeg_binary import ffmpeg_exe, subprocess_flags

# A tone whose level moves slowly, like speech or music; a pure sine has no loudness range.
MODULATED_TONE = "{amp}*sin(2*PI*{freq}*t)*(0.65+0.35*sin(2*PI*1.3*t))"


def _ffmpeg(*args: str) -> None:
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    done = subprocess.run(command, capture_output=True, text=True, creationflags=subprocess_flags())
    if done.returncode != 0:
        raise RenderError("could not make synthetic media", cmd=command,
                          returncode=done.returncode, stderr_tail=done.stderr[-2000:])


def make_clip(
    path: Path,
    *,
    size: tuple[int, int] = (640, 360),
    seconds: float = 2.0,
    fps: float = 30,
    picture: str = "testsrc2",
    tone_hz: float | None = 440.0,
    tone_amplitude: float = 0.3,
    sample_rate: int = 48_000,
    channels: int = 2,
    display_rotation: int = 0,
    pix_fmt: str = "yuv420p",
    encoder_speed: str = "ultrafast",
    gop: int | None = None,
    draw: str | None = None,
    variable_frame_rate: bool = False,
) -> Path:
    """Write a short H.264/AAC clip (or MOV/MKV by suffix) and return its path.

    ``picture`` is any lavfi video source (``testsrc2``, ``gradients``, ``color=c=red``);
    ``tone_hz=None`` makes a clip without sound. ``display_rotation`` makes a phone-style clip:
    ``size`` is the upright picture, stored turned, with the metadata (degrees counter-clockwise)
    that makes players show it upright again. ``draw`` is a filter chain applied to the upright
    picture; ``variable_frame_rate`` drops frames unevenly after the first second, like a phone
    in low light.
    """
    width, height = size
    source = f"{picture}{'=' if '=' not in picture else ':'}s={width}x{height}:r={fps}:d={seconds}"
    args = ["-f", "lavfi", "-i", source]
    if tone_hz is not None:
        expression = MODULATED_TONE.format(amp=tone_amplitude, freq=tone_hz)
        layout = "|".join([expression] * channels)
        args += ["-f", "lavfi", "-i", f"aevalsrc={layout}:s={sample_rate}:d={seconds}"]
    stored_turn = {0: "", 90: "transpose=clock,", 180: "hflip,vflip,", 270: "transpose=cclock,"}
    filters = [draw] if draw else []
    if variable_frame_rate:
        filters.append("select='if(lt(t,1),1,not(mod(n,3)))+if(gte(t,2),1,0)'")
    # Some sources round odd sizes to even ones; the scale makes the size exactly as asked.
    # Untagged, like many files in the wild, with the matrix players then assume: BT.709 for HD.
    matrix = "bt709" if min(width, height) >= 720 else "bt601"
    filters.append(f"scale={width}:{height}:out_color_matrix={matrix}")
    filters.append(stored_turn[display_rotation % 360] + "setsar=1")
    args += ["-vf", ",".join(filters), "-c:v", "libx264", "-preset", encoder_speed, "-pix_fmt", pix_fmt]
    if gop:
        args += ["-g", str(gop)]
    if tone_hz is not None:
        args += ["-c:a", "aac", "-b:a", "128k"]
    args += ["-shortest"] + (["-fps_mode", "vfr"] if variable_frame_rate else [])
    if not display_rotation:
        _ffmpeg(*args, ffmpeg_url(path))
        return path
    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / ("plain" + path.suffix)
        _ffmpeg(*args, ffmpeg_url(plain))
        _ffmpeg("-display_rotation:v", str(display_rotation), "-i", ffmpeg_url(plain),
                "-c", "copy", ffmpeg_url(path))
    return path


def make_photo(
    path: Path,
    *,
    size: tuple[int, int] = (800, 600),
    colors: tuple[str, str] = ("#f4efe6", "#c8553d"),
    exif_orientation: int = 1,
) -> Path:
    """A product-photo stand-in: a soft background with a round 'product' in the middle."""
    from PIL import Image, ImageDraw

    width, height = size
    image = Image.new("RGB", size, colors[0])
    draw = ImageDraw.Draw(image)
    radius = min(size) // 3
    draw.ellipse((width // 2 - radius, height // 2 - radius, width // 2 + radius, height // 2 + radius),
                 fill=colors[1])
    options: dict[str, Any] = {}
    if exif_orientation != 1:
        exif = image.getexif()
        exif[0x0112] = exif_orientation
        options["exif"] = exif
    image.save(path, **options)
    return path


# A calm four-chord loop (C, A minor, F, G; two seconds each) with a soft pulse on the beat:
# the demo's background music, and music with a known spectrum for the tests.
_CHORDS = ((261.63, 329.63, 392.00), (220.00, 261.63, 329.63), (174.61, 220.00, 261.63),
           (196.00, 246.94, 293.66))


def make_music(path: Path, *, seconds: float = 8.0, amplitude: float = 0.25,
               tone_hz: float | None = None) -> Path:
    """Write background music (MP3, M4A, WAV, ... by suffix) and return its path.

    ``tone_hz`` makes a single modulated tone instead of the chords, so a test can follow the
    music's level through a mix by its frequency.
    """
    if tone_hz is not None:
        expression = MODULATED_TONE.format(amp=amplitude, freq=tone_hz)
    else:
        voices = []
        for index, chord in enumerate(_CHORDS):
            active = f"between(mod(t,8),{2 * index},{2 * index + 2})"
            notes = "+".join(f"sin(2*PI*{freq}*t)" for freq in chord)
            voices.append(f"{active}*({notes})")
        pulse = "(0.75+0.25*exp(-6*mod(t,0.5)))"
        expression = f"{amplitude / 3:.4f}*{pulse}*({'+'.join(voices)})"
    # Quoted: the expression's commas would otherwise split the lavfi graph.
    _ffmpeg("-f", "lavfi", "-i", f"aevalsrc='{expression}|{expression}':s=48000:d={seconds}",
            ffmpeg_url(path))
    return path
