"""Rendered files, measured from outside: what a viewer and a web player would notice.

One combined project (every kind of input the renderer must handle, fit ``pad``) is rendered once
through the command line at the small test size; many small tests then measure that file. A few
more renders cover the other fit modes, a real preset size and the atomic replacement of an
existing output. Every fact is read with ``mediacheck`` or straight from the bundled ffmpeg binary
(decoded pixels and samples), never with ShopReel's own probe.

Tolerances: durations within one frame (1/fps); colours within a few levels (compression and the
colour-matrix conversion); the ``counter`` clip's gray level tells each source frame apart.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from conftest import COUNTER_STEP, FPS, TEST_SIZE, write_project
from mediacheck import (
    FFMPEG,
    decoded_audio_seconds,
    frame_count,
    streams,
    top_level_boxes,
    video_duration,
)
from PIL import Image

from shopreel.video.errors import MediaError, RenderError
from shopreel.video.plan import plan_render
from shopreel.video.project import load_project
from shopreel.video.render import render, render_to_end
from shopreel.video.runner import run_ffmpeg
from shopreel.video.synth import make_photo

Frames = npt.NDArray[np.uint8]  # (frames, height, width, 3) RGB
Samples = npt.NDArray[np.float32]  # (samples, channels)
RGB = tuple[int, int, int]

SHOPREEL = [sys.executable, "-m", "shopreel.app"]
WIDTH, HEIGHT = (int(n) for n in TEST_SIZE.split("x"))
FRAME = 1 / FPS
RATE = 48_000

PAD = "#2e7d32"  # brand.colors.primary: the bars of fit "pad"
PAD_RGB: RGB = (0x2E, 0x7D, 0x32)
RED: RGB = (255, 0, 0)
BLUE: RGB = (0, 0, 255)
PRODUCT: RGB = (0xC8, 0x55, 0x3D)  # make_photo's round "product"
BACKDROP: RGB = (0xF4, 0xEF, 0xE6)  # make_photo's background
TONE_HZ = 440.0  # make_clip's tone
TONE_PEAK = 0.3  # make_clip's tone amplitude at the top of its loudness swell
# Nothing else in the picture: the default intro and overlays would cover what is measured.
PLAIN = {"intro": None, "overlays": {"logo": None, "url": None}}
EARLIER = b"an earlier render the user wants to keep\n"


# --- measuring -----------------------------------------------------------------------------------


def _ffmpeg(*args: str) -> bytes:
    done = subprocess.run([FFMPEG, "-hide_banner", "-nostdin", "-v", "error", *args],
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done.stdout


def decode_video(path: Path, size: tuple[int, int] | None = None) -> Frames:
    """Every frame as decoded RGB, in order (``size`` scales with ffmpeg on the way)."""
    width, height = size or (streams(path).width, streams(path).height)
    scale = ["-vf", f"scale={width}:{height}"] if size else []
    data = _ffmpeg("-i", str(path), "-map", "0:v:0", *scale, "-f", "rawvideo",
                   "-pix_fmt", "rgb24", "-")
    return np.frombuffer(data, dtype=np.uint8).reshape(-1, height, width, 3)


def decode_audio(path: Path) -> Samples:
    """Every sample as the player hears it, at the stream's own rate and channel count."""
    channels = 2 if streams(path).channel_layout == "stereo" else 1
    data = _ffmpeg("-i", str(path), "-map", "0:a:0", "-f", "f32le", "-acodec", "pcm_f32le", "-")
    return np.frombuffer(data, dtype=np.float32).reshape(-1, channels)


def sample_aspect_ratio(path: Path) -> str:
    text = subprocess.run([FFMPEG, "-hide_banner", "-nostdin", "-i", str(path)],
                          capture_output=True, text=True, check=False).stderr
    video = next(line for line in text.splitlines() if "Video:" in line)
    return video.split("[SAR ", 1)[1].split(" ", 1)[0]


def packet_timestamps(path: Path) -> tuple[Fraction, list[int]]:
    """(time base, presentation timestamps in display order) of the video packets."""
    text = _ffmpeg("-i", str(path), "-map", "0:v:0", "-c", "copy", "-f", "framecrc", "-").decode()
    num, den = text.split("#tb 0: ", 1)[1].split()[0].split("/")
    pts = sorted(int(line.split(",")[2]) for line in text.splitlines()
                 if line.strip() and not line.startswith("#"))
    return Fraction(int(num), int(den)), pts


def dominant_hz(samples: npt.NDArray[np.float32]) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / RATE)[int(np.argmax(spectrum))])


def is_color(pixel: npt.NDArray[np.uint8], rgb: RGB, tolerance: int = 16) -> bool:
    return int(np.max(np.abs(pixel.astype(int) - np.array(rgb)))) <= tolerance


def region_is_color(region: Frames, rgb: RGB, tolerance: int = 16) -> bool:
    return int(np.max(np.abs(region.reshape(-1, 3).astype(int) - np.array(rgb)))) <= tolerance


def gray_level(frame: Frames) -> float:
    """Mean level of a frame's middle (the counter clip is one flat gray per frame)."""
    h, w = frame.shape[:2]
    return float(frame[h // 4: 3 * h // 4, w // 4: 3 * w // 4].mean())


def assert_web_ready(path: Path, size: tuple[int, int], seconds: float) -> None:
    """What every render must be: the web-safe formats, the exact size and length, faststart."""
    found = streams(path)
    assert (found.video_codec, found.video_profile, found.pix_fmt) == ("h264", "High", "yuv420p")
    assert (found.width, found.height) == size
    assert sample_aspect_ratio(path) == "1:1"
    assert (found.audio_codec, found.sample_rate, found.channel_layout) == ("aac", RATE, "stereo")
    boxes = top_level_boxes(path)
    assert boxes.index("moov") < boxes.index("mdat"), boxes
    picture = video_duration(path)
    assert picture == pytest.approx(seconds, abs=FRAME)
    assert frame_count(path) == round(seconds * FPS)
    assert decoded_audio_seconds(path) == pytest.approx(picture, abs=FRAME)


def no_partial_files(folder: Path) -> None:
    leftovers = [p.name for p in folder.iterdir() if ".part" in p.name]
    assert leftovers == [], leftovers


def shopreel(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SHOPREEL, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)


# --- the combined render -------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One clip of the combined project and where it must land in the output."""

    name: str
    clip: dict[str, object]
    seconds: Fraction
    first_frame: int = 0

    @property
    def frames(self) -> int:
        return round(self.seconds * FPS)

    @property
    def last_frame(self) -> int:
        return self.first_frame + self.frames - 1

    def inner_span(self, margin: float = 0.06) -> slice:
        """Audio samples of this part, minus a margin at both cuts (AAC frames straddle them)."""
        start = float(self.first_frame / FPS) + margin
        end = float((self.first_frame + self.frames) / FPS) - margin
        return slice(round(start * RATE), round(end * RATE))


@dataclass
class Combined:
    path: Path
    parts: dict[str, Part]
    done: subprocess.CompletedProcess[str]

    @property
    def seconds(self) -> float:
        return float(sum(part.seconds for part in self.parts.values()))

    @cached_property
    def frames(self) -> Frames:
        return decode_video(self.path)

    @cached_property
    def audio(self) -> Samples:
        return decode_audio(self.path)

    def part_frames(self, name: str) -> Frames:
        part = self.parts[name]
        return self.frames[part.first_frame: part.last_frame + 1]


def halves_photo(path: Path) -> Path:
    """A photo stored top red / bottom blue with EXIF orientation 6 ("turn 90° clockwise"):
    upright it is blue on the left, red on the right."""
    image = Image.new("RGB", (400, 300), RED)
    image.paste(BLUE, (0, 150, 400, 300))
    exif = image.getexif()
    exif[0x0112] = 6
    image.save(path, exif=exif)
    return path


@pytest.fixture(scope="module")
def combined(media: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Combined:
    """Every kind of input in one project, rendered once by ``shopreel render --progress json``.

    Neighbouring parts look different, so each cut can be checked on both sides.
    """
    folder = tmp_path_factory.mktemp("combined")
    exif_photo = make_photo(folder / "turned photo.jpg", size=(400, 300), exif_orientation=6)
    halves = halves_photo(folder / "turned halves.jpg")
    plan = [
        Part("counter", {"path": str(media["counter"])}, Fraction(12, 5)),
        Part("portrait", {"path": str(media["portrait"])}, Fraction(1)),
        # Both trims cut between keyframes (the counter clip has them at frames 0 and 60).
        Part("trim 15-44", {"path": str(media["counter"]), "in": 0.5, "out": 1.5}, Fraction(1)),
        Part("mono", {"path": str(media["mono"])}, Fraction(1)),
        Part("trim 21-35", {"path": str(media["counter"]), "in": 0.7, "out": 1.2}, Fraction(1, 2)),
        Part("no audio", {"path": str(media["no_audio"])}, Fraction(1)),
        Part("odd", {"path": str(media["odd"])}, Fraction(1)),
        Part("still", {"path": str(media["still"]), "duration": 1}, Fraction(1)),
        Part("vfr", {"path": str(media["vfr"]), "in": 0.5, "out": 2.5}, Fraction(2)),
        Part("exif photo", {"path": str(exif_photo), "duration": 1}, Fraction(1)),
        Part("exif halves", {"path": str(halves), "duration": 0.5}, Fraction(1, 2)),
    ]
    parts: dict[str, Part] = {}
    first = 0
    for part in plan:
        parts[part.name] = Part(part.name, part.clip, part.seconds, first)
        first += parts[part.name].frames
    project = write_project(folder, {
        "title": "Every input", **PLAIN,
        "clips": [part.clip for part in plan],
        "brand": {"colors": {"primary": PAD}},
        "output": {"fit": "pad"},
    })
    output = folder / "out" / "every input.mp4"
    done = shopreel("render", project, "-o", output, "--progress", "json")
    return Combined(output, parts, done)


def test_render_command_succeeds(combined: Combined) -> None:
    assert combined.done.returncode == 0, combined.done.stderr
    assert combined.path.is_file()


def test_progress_json_lines_grow_to_one_and_end_with_done(combined: Combined) -> None:
    events = [json.loads(line) for line in combined.done.stdout.splitlines()]
    progress, last = events[:-1], events[-1]
    assert progress and all(event["event"] == "progress" for event in progress)
    fractions = [event["fraction"] for event in progress]
    assert all(0 <= f <= 1 for f in fractions)
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert last["event"] == "done"
    assert Path(last["output"]) == combined.path
    assert last["size_bytes"] == combined.path.stat().st_size


def test_progress_does_not_jump_back_while_ffmpeg_finishes_the_file() -> None:
    # ffmpeg says out_time=N/A while it flushes and moves the index to the front (seen in real
    # renders under load); a stand-in ffmpeg replays that deterministically.
    blocks = ["out_time_us=1000000", "out_time_us=N/A", "out_time_us=2000000"]
    script = "".join(f"print({block!r}); print('progress=continue');" for block in blocks)
    fractions = [event.fraction for event in run_ffmpeg(
        [sys.executable, "-c", script + "print('progress=end')"], total_seconds=4.0)]
    assert fractions == [0.25, 0.25, 0.5, 1.0]


def test_combined_render_is_web_ready_and_as_long_as_its_parts(combined: Combined) -> None:
    assert_web_ready(combined.path, (WIDTH, HEIGHT), combined.seconds)


def test_no_partial_file_is_left_beside_the_output(combined: Combined) -> None:
    # The video and the thumbnail `shopreel render` writes beside it, nothing else.
    assert sorted(p.name for p in combined.path.parent.iterdir()) == [
        combined.path.with_suffix(".jpg").name, combined.path.name]


def test_frame_rate_is_constant_although_one_clip_has_a_variable_rate(combined: Combined) -> None:
    time_base, pts = packet_timestamps(combined.path)
    steps = {b - a for a, b in zip(pts, pts[1:])}
    assert len(steps) == 1, sorted(steps)
    assert steps.pop() * time_base == Fraction(1, FPS)


# --- picture ---


def _gray(frame: Frames) -> bool:
    """The counter clip: one flat gray."""
    return float(frame.std()) < 4 and float(np.ptp(frame.mean(axis=(0, 1)))) < 4


def _full_frame_picture(frame: Frames) -> bool:
    """A test pattern filling the canvas: busy, and no brand-coloured bar at either side."""
    return (float(frame.std()) > 20 and not region_is_color(frame[:, :4], PAD_RGB)
            and not region_is_color(frame[:, -4:], PAD_RGB))


def _between_bars(frame: Frames, left: int) -> bool:
    """Brand-coloured bars ``left`` pixels wide at both sides."""
    return (region_is_color(frame[:, : left - 2], PAD_RGB)
            and region_is_color(frame[:, WIDTH - left + 2:], PAD_RGB)
            and not region_is_color(frame[:, left + 2: WIDTH - left - 2], PAD_RGB))


def _portrait(frame: Frames) -> bool:
    # 1080x1920 upright in 320x180: 100x180 in the middle, red above blue.
    return (_between_bars(frame, 110) and is_color(frame[20, 160], RED, 20)
            and is_color(frame[160, 160], BLUE, 20))


def _no_audio(frame: Frames) -> bool:
    return _between_bars(frame, 40) and float(frame[:, 42:278].std()) > 20  # 4:3 test pattern


def _still(frame: Frames) -> bool:
    # 400x300 photo in 320x180: 240x180 from x=40, the round product in the middle.
    return (_between_bars(frame, 40) and is_color(frame[90, 160], PRODUCT)
            and is_color(frame[90, 60], BACKDROP) and is_color(frame[5, 50], BACKDROP))


def _exif_photo(frame: Frames) -> bool:
    # Upright 300x400 in 320x180: 134x180 from x=92.
    return _between_bars(frame, 92) and is_color(frame[90, 160], PRODUCT)


def _exif_halves(frame: Frames) -> bool:
    return (_between_bars(frame, 92) and is_color(frame[90, 110], BLUE, 20)
            and is_color(frame[90, 210], RED, 20))


LOOKS_LIKE: dict[str, Callable[[Frames], bool]] = {
    "counter": _gray, "trim 15-44": _gray, "trim 21-35": _gray,
    "portrait": _portrait, "mono": _full_frame_picture, "no audio": _no_audio,
    "odd": _full_frame_picture, "still": _still, "vfr": _full_frame_picture,
    "exif photo": _exif_photo, "exif halves": _exif_halves,
}


def test_decoded_picture_has_every_planned_frame(combined: Combined) -> None:
    assert len(combined.frames) == sum(part.frames for part in combined.parts.values())


@pytest.mark.parametrize("name", list(LOOKS_LIKE))
def test_each_clip_fills_exactly_its_planned_frames(combined: Combined, name: str) -> None:
    part = combined.parts[name]
    looks_like = LOOKS_LIKE[name]
    frames = combined.frames
    assert looks_like(frames[part.first_frame]), "first frame is not this clip"
    assert looks_like(frames[part.last_frame]), "last frame is not this clip"
    if part.first_frame > 0:
        assert not looks_like(frames[part.first_frame - 1]), "the clip starts early"
    if part.last_frame + 1 < len(frames):
        assert not looks_like(frames[part.last_frame + 1]), "the clip runs on"


def test_untrimmed_clip_shows_every_source_frame_once_in_order(combined: Combined) -> None:
    levels = np.array([gray_level(frame) for frame in combined.part_frames("counter")])
    # 3 levels a frame: a repeated frame would step 0, a skipped one shifts all later ones by 3.
    assert np.diff(levels).min() >= 1
    drift = levels - levels[0] - COUNTER_STEP * np.arange(len(levels))
    assert np.abs(drift).max() <= 2, drift


@pytest.mark.parametrize(("name", "first_source_frame"), [("trim 15-44", 15), ("trim 21-35", 21)])
def test_trim_between_keyframes_cuts_on_the_exact_frame(
    combined: Combined, name: str, first_source_frame: int
) -> None:
    # The untrimmed counter part shows source frame n as its frame n, with the same colour
    # handling, so it is the reference for what each trimmed frame must look like.
    reference = [gray_level(frame) for frame in combined.part_frames("counter")]
    trimmed = [gray_level(frame) for frame in combined.part_frames(name)]
    shown = [int(np.argmin([abs(level - ref) for ref in reference])) for level in trimmed]
    expected = list(range(first_source_frame, first_source_frame + len(trimmed)))
    assert shown == expected
    assert max(abs(level - reference[n]) for level, n in zip(trimmed, expected)) <= 1.0


def test_portrait_phone_clip_is_upright_between_bars_of_the_brand_colour(
    combined: Combined,
) -> None:
    frame = combined.part_frames("portrait")[15]
    assert region_is_color(frame[:, :108], PAD_RGB) and region_is_color(frame[:, 212:], PAD_RGB)
    assert region_is_color(frame[4:80, 114:206], RED, 20)  # red on top ...
    assert region_is_color(frame[100:176, 114:206], BLUE, 20)  # ... blue at the bottom


def test_odd_sized_clip_fills_the_canvas_like_its_source(
    combined: Combined, media: dict[str, Path]
) -> None:
    odd = streams(media["odd"])
    assert (odd.width, odd.height) == (641, 361)  # the input really is odd-sized
    source = decode_video(media["odd"], size=(WIDTH, HEIGHT))
    shown = combined.part_frames("odd")
    assert len(source) == len(shown)
    difference = np.abs(shown.astype(int) - source.astype(int))
    assert difference.mean() < 6
    # The edges too: no black or brand-coloured line from rounding 641x361.
    for edge in (difference[:, :, :2], difference[:, :, -2:], difference[:, :2], difference[:, -2:]):
        assert edge.mean() < 12


def test_still_shows_the_photo_between_bars(combined: Combined) -> None:
    frame = combined.part_frames("still")[0]
    assert region_is_color(frame[:, :38], PAD_RGB) and region_is_color(frame[:, 282:], PAD_RGB)
    assert region_is_color(frame[80:100, 150:170], PRODUCT)
    assert region_is_color(frame[2:20, 44:100], BACKDROP)


def _extent(mask: npt.NDArray[np.bool_]) -> int:
    hits = np.flatnonzero(mask)
    return int(hits[-1] - hits[0] + 1) if hits.size else 0


def _middle(mask: npt.NDArray[np.bool_]) -> float:
    hits = np.flatnonzero(mask)
    return float(hits[0] + hits[-1]) / 2


def test_photo_with_exif_orientation_is_upright(combined: Combined) -> None:
    frame = combined.part_frames("exif photo")[0].astype(int)
    picture = np.abs(frame - np.array(PAD_RGB)).max(axis=2) > 16
    # Stored 400x300, shown 300x400: the picture is taller than wide (134x180 in 320x180).
    assert _extent(picture[HEIGHT // 2]) == pytest.approx(134, abs=3)
    assert _extent(picture[:, WIDTH // 2]) == HEIGHT
    # The product stays round (not squeezed) and in the middle.
    product = np.abs(frame - np.array(PRODUCT)).max(axis=2) <= 24
    across, down = _extent(product[HEIGHT // 2]), _extent(product[:, WIDTH // 2])
    assert across == pytest.approx(down, abs=3) and down == pytest.approx(90, abs=4)
    assert _middle(product[HEIGHT // 2]) == pytest.approx(_middle(picture[HEIGHT // 2]), abs=2)
    assert _middle(product[:, WIDTH // 2]) == pytest.approx(HEIGHT / 2, abs=2)


def test_photo_with_exif_orientation_is_turned_the_right_way(combined: Combined) -> None:
    frame = combined.part_frames("exif halves")[0]
    # Stored red on top; EXIF 6 turns it clockwise, so upright it is blue left, red right.
    assert region_is_color(frame[10:170, 96:155], BLUE, 20)
    assert region_is_color(frame[10:170, 163:222], RED, 20)


# --- sound ---

SOUNDING = ["counter", "portrait", "trim 15-44", "mono", "trim 21-35", "odd", "vfr"]
SILENT = ["no audio", "still", "exif photo", "exif halves"]


def test_decoded_sound_is_as_long_as_the_picture(combined: Combined) -> None:
    assert len(combined.audio) / RATE == pytest.approx(combined.seconds, abs=FRAME)


@pytest.mark.parametrize("name", SOUNDING)
def test_clip_with_sound_keeps_it_at_its_pitch(combined: Combined, name: str) -> None:
    sound = combined.audio[combined.parts[name].inner_span()]
    rms = np.sqrt((sound**2).mean(axis=0))
    assert rms.min() > 0.05, rms
    assert dominant_hz(sound[:, 0]) == pytest.approx(TONE_HZ, abs=5)


@pytest.mark.parametrize("name", SILENT)
def test_clip_without_sound_gets_silence(combined: Combined, name: str) -> None:
    sound = combined.audio[combined.parts[name].inner_span()]
    assert np.abs(sound).max() < 1e-3  # below -60 dBFS


@pytest.mark.parametrize(("cut", "silent_before"), [
    ("no audio", False), ("odd", True), ("still", False), ("vfr", True), ("exif photo", False),
])
def test_sound_starts_and_stops_with_its_picture(
    combined: Combined, cut: str, silent_before: bool
) -> None:
    cut_at = combined.parts[cut].first_frame / FPS
    window = combined.audio[round((cut_at - 0.25) * RATE): round((cut_at + 0.25) * RATE)]
    loud = np.flatnonzero(np.abs(window).max(axis=1) > 0.02)
    edge = loud[0] if silent_before else loud[-1]
    # A sound that is late or early against its picture moves this edge.
    assert (edge / RATE - 0.25) == pytest.approx(0, abs=FRAME)


def test_mono_44k_sound_plays_on_both_channels_at_full_level(combined: Combined) -> None:
    sound = combined.audio[combined.parts["mono"].inner_span()]
    left, right = sound[:, 0], sound[:, 1]
    assert np.abs(left - right).max() < 0.02
    # The swell of the tone reaches 0.3 in this second; a plain upmix would be 3 dB lower.
    assert np.abs(left).max() == pytest.approx(TONE_PEAK, rel=0.12)
    # 44.1 kHz read as 48 kHz would play the 440 Hz tone at 479 Hz.
    assert dominant_hz(left) == pytest.approx(TONE_HZ, abs=5)


# --- fit modes, a real preset size, atomic output ------------------------------------------------


def _render_api(folder: Path, data: dict[str, object], output: Path) -> Path:
    project = write_project(folder, data)
    plan = plan_render(load_project(project), project, output=output)
    render_to_end(plan)
    return output


@pytest.fixture(scope="module")
def fitted(media: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Frames]:
    """Half a second of the upright phone clip in the landscape test canvas, per fit mode."""
    folder = tmp_path_factory.mktemp("fit")
    frames = {}
    for fit in ("crop", "blur"):
        output = _render_api(folder, {
            **PLAIN, "clips": [{"path": str(media["portrait"]), "out": 0.5}],
            "brand": {"colors": {"primary": PAD}}, "output": {"fit": fit},
        }, folder / f"{fit}.mp4")
        assert_web_ready(output, (WIDTH, HEIGHT), 0.5)
        frames[fit] = decode_video(output)
    return frames


def test_crop_fills_the_canvas_without_bars(fitted: dict[str, Frames]) -> None:
    frame = fitted["crop"][7]
    # The middle of the upright clip, edge to edge: red above, blue below.
    assert region_is_color(frame[4:80], RED, 20)
    assert region_is_color(frame[100:176], BLUE, 20)


def _edge_width(column: npt.NDArray[np.int_]) -> int:
    """Rows over which a red-above-blue column goes from 90 % red to 10 % red."""
    redness = column[:, 0] - column[:, 2]
    top, bottom = redness[:10].mean(), redness[-10:].mean()
    share = (redness - bottom) / (top - bottom)
    return int(np.count_nonzero((share > 0.1) & (share < 0.9)))


def test_blur_fills_the_sides_with_a_blurred_copy_and_keeps_the_clip_sharp(
    fitted: dict[str, Frames],
) -> None:
    frame = fitted["blur"][7].astype(int)
    sides = np.concatenate([frame[:, :100], frame[:, 220:]], axis=1)
    # Filled: no flat bars, neither black nor the brand colour.
    assert sides.std(axis=(0, 1)).max() > 20
    assert sides.mean(axis=2).min() > 30
    assert not region_is_color(frame[:, :4].astype(np.uint8), PAD_RGB)
    # The blurred copy is still the clip: reddish above, bluish below.
    assert frame[10, 20, 0] > frame[10, 20, 2] and frame[170, 20, 2] > frame[170, 20, 0]
    # Sharp in the middle: red turns blue within a row or two; at the side over many rows.
    assert _edge_width(frame[:, 160]) <= 4
    assert _edge_width(frame[:, 20]) >= 40 and _edge_width(frame[:, 300]) >= 40
    assert tuple(frame[40, 160]) == pytest.approx(RED, abs=20)
    assert tuple(frame[140, 160]) == pytest.approx(BLUE, abs=20)


@pytest.mark.slow
def test_real_vertical_preset_renders_at_its_exact_size(
    media: dict[str, Path], tmp_path: Path
) -> None:
    project = write_project(tmp_path, {
        **PLAIN, "brand": {"colors": {"primary": PAD}},
        "clips": [{"path": str(media["portrait"]), "out": 0.5},
                  {"path": str(media["counter"]), "in": 0.5, "out": 1.0}],
        "output": {"preset": "vertical-1080", "size": None, "fit": "pad"},
    })
    output = tmp_path / "vertical.mp4"
    done = shopreel("render", project, "-o", output)
    assert done.returncode == 0, done.stderr
    assert_web_ready(output, (1080, 1920), 1.0)
    frames = decode_video(output)
    phone, landscape = frames[7], frames[22]
    # The upright phone clip fills the vertical canvas.
    assert region_is_color(phone[40:900], RED, 20) and region_is_color(phone[1020:1880], BLUE, 20)
    # The 16:9 clip is 1080x608 (even) in the middle, with brand-coloured bars above and below.
    picture = np.abs(landscape[:, 540].astype(int) - np.array(PAD_RGB)).max(axis=1) > 16
    assert _extent(picture) == pytest.approx(608, abs=2)
    assert _middle(picture) == pytest.approx(960, abs=2)
    assert region_is_color(landscape[:650], PAD_RGB) and region_is_color(landscape[-650:], PAD_RGB)
    assert _gray(landscape[660:1260])


def test_existing_output_is_replaced_only_when_the_render_has_succeeded(
    media: dict[str, Path], tmp_path: Path
) -> None:
    output = tmp_path / "out.mp4"
    output.write_bytes(EARLIER)
    project = write_project(tmp_path, {
        **PLAIN, "clips": [{"path": str(media["counter"]), "out": 0.5},
                           {"path": str(media["still"]), "duration": 0.5}]})
    plan = plan_render(load_project(project), project, output=output)
    events = 0
    for event in render(plan):
        if event.stage != "render":
            continue
        # ffmpeg is writing (the last event comes when it has written everything).
        assert output.read_bytes() == EARLIER
        events += 1
    assert events >= 1
    assert_web_ready(output, (WIDTH, HEIGHT), 1.0)
    no_partial_files(tmp_path)


def test_failed_render_keeps_the_existing_output_and_leaves_no_partial_file(
    media: dict[str, Path], tmp_path: Path
) -> None:
    clip = tmp_path / "clip.mp4"
    shutil.copyfile(media["counter"], clip)
    output = tmp_path / "out.mp4"
    output.write_bytes(EARLIER)
    project = write_project(tmp_path, {**PLAIN, "clips": [{"path": str(clip)}]})
    plan = plan_render(load_project(project), project, output=output)
    clip.unlink()  # gone between planning and rendering
    with pytest.raises((RenderError, MediaError)):
        render_to_end(plan)
    assert output.read_bytes() == EARLIER
    no_partial_files(tmp_path)
