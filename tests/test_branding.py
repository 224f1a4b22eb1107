"""Branding in rendered files, measured from outside: intro, end card, logo, web address, captions.

Short, low-resolution projects are rendered once per module; the tests then decode pixels with the
bundled ffmpeg (``mediacheck``), never with ShopReel's own probe, and look at known places and
times. The clips are flat colours (or the flat-gray ``counter`` clip), so every overlay stands out
against them and "absent" means "the clip's own colour is there".

Timeline arithmetic (30 fps): a part of N seconds is round(N * 30) frames; the cross-fades between
intro, content and end card last 0.5 s (15 frames) but never more than a third of either side, and
each one overlaps the parts it joins, so total = intro + content + end card - cross-fades.

Colours: brand colours within a tolerance for compression and the colour-matrix round trip; the
title and end card's background is the primary colour as a gentle vertical gradient (lighter at
the top), so it is compared row by row.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from conftest import FPS, write_project
from mediacheck import (
    FFMPEG,
    decoded_audio_seconds,
    frame_count,
    frame_number,
    streams,
    top_level_boxes,
    video_duration,
)
from PIL import Image, ImageDraw, ImageFont

from shopreel.video.brand import example_kit
from shopreel.video.fonts import bundled_font
from shopreel.video.plan import plan_render
from shopreel.video.project import load_project
from shopreel.video.render import render_to_end
from shopreel.video.synth import make_clip

Frame = npt.NDArray[np.uint8]  # (height, width, 3) RGB
Frames = npt.NDArray[np.uint8]  # (frames, height, width, 3)
Mask = npt.NDArray[np.bool_]
RGB = tuple[int, int, int]

SHOPREEL = [sys.executable, "-m", "shopreel.app"]
RATE = 48_000
FRAME = 1 / FPS


def rgb(hex_color: str) -> RGB:
    value = hex_color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


KIT = example_kit()  # resources/brands/hofladen: logo.png, www.hof-laden.de, the colours below
PRIMARY_HEX = "#2e7d32"  # the kit's primary colour
PRIMARY = rgb(PRIMARY_HEX)
KIT_ACCENT = rgb("#ffb300")  # the kit's accent colour (also the sun in its logo)
MAGENTA_HEX = "#e040fb"  # the accent the main project sets over the kit's
MAGENTA = rgb(MAGENTA_HEX)
BLUE_HEX, PURPLE_HEX = "#3060c0", "#6a1b9a"
BLUE, PURPLE = rgb(BLUE_HEX), rgb(PURPLE_HEX)
RED: RGB = (255, 0, 0)


def shade(color: RGB, factor: float, offset: int = 0) -> RGB:
    red, green, blue = (min(255, round(c * factor + offset)) for c in color)
    return red, green, blue


# The card background: the primary colour, lighter at the top, darker at the bottom.
CARD_TOP, CARD_BOTTOM = shade(PRIMARY, 1.12, 10), shade(PRIMARY, 0.78)
COFFEE = "\u2615"  # not in Inter (the primary font), drawn by DejaVu Sans (the fallback)
POSITIONS = ["top-left", "top-center", "top-right", "center-left", "center", "center-right",
             "bottom-left", "bottom-center", "bottom-right"]


# --- measuring -----------------------------------------------------------------------------------


def _ffmpeg(*args: str) -> bytes:
    done = subprocess.run([FFMPEG, "-hide_banner", "-nostdin", "-v", "error", *args],
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done.stdout


def decode_video(path: Path) -> Frames:
    """Every frame as decoded RGB, in order."""
    info = streams(path)
    data = _ffmpeg("-i", str(path), "-map", "0:v:0", "-f", "rawvideo", "-pix_fmt", "rgb24", "-")
    return np.frombuffer(data, dtype=np.uint8).reshape(-1, info.height, info.width, 3)


def decode_audio(path: Path) -> npt.NDArray[np.float32]:
    """The sound as a player hears it, mixed to mono at 48 kHz."""
    data = _ffmpeg("-i", str(path), "-map", "0:a:0", "-ac", "1", "-ar", str(RATE),
                   "-f", "f32le", "-acodec", "pcm_f32le", "-")
    return np.frombuffer(data, dtype=np.float32)


def rms(sound: npt.NDArray[np.float32], first_frame: int, end_frame: int) -> float:
    """Loudness of the sound under video frames [first_frame, end_frame)."""
    part = sound[round(first_frame * FRAME * RATE): round(end_frame * FRAME * RATE)]
    return float(np.sqrt(np.mean(part.astype(np.float64) ** 2)))


def dominant_hz(sound: npt.NDArray[np.float32], start: float, end: float) -> float:
    part = sound[round(start * RATE): round(end * RATE)]
    spectrum = np.abs(np.fft.rfft(part * np.hanning(len(part))))
    return float(np.fft.rfftfreq(len(part), 1 / RATE)[int(np.argmax(spectrum))])


def near(pixels: Frame, color: RGB, tolerance: int = 24) -> Mask:
    """Pixels within ``tolerance`` of ``color`` in every channel."""
    difference = np.abs(pixels.astype(int) - np.array(color)).max(axis=-1)
    return np.asarray(difference <= tolerance)


def differs(pixels: Frame, color: RGB, tolerance: int = 24) -> Mask:
    return ~near(pixels, color, tolerance)


def all_near(pixels: Frame, color: RGB, tolerance: int = 16) -> bool:
    return bool(near(pixels, color, tolerance).all())


def luma(pixels: Frame) -> npt.NDArray[np.float64]:
    """Brightness (BT.709), free of the colour bleeding that 4:2:0 chroma adds at edges."""
    return np.asarray(pixels.astype(float) @ np.array([0.2126, 0.7152, 0.0722]))


def mean_color(pixels: Frame) -> RGB:
    red, green, blue = pixels.reshape(-1, 3).mean(axis=0)
    return round(red), round(green), round(blue)


def greenness(pixels: Frame) -> float:
    """How much green stands out over red and blue (0 for gray, ~77 for the primary colour)."""
    red, green, blue = pixels.reshape(-1, 3).astype(float).mean(axis=0)
    return float(green - (red + blue) / 2)


@dataclass(frozen=True)
class Box:
    """Pixels [x0, x1) x [y0, y1)."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2

    def of(self, frame: Frame) -> Frame:
        return frame[self.y0: self.y1, self.x0: self.x1]

    def grown(self, pixels: int) -> Box:
        return Box(self.x0 - pixels, self.y0 - pixels, self.x1 + pixels, self.y1 + pixels)

    def contains(self, other: Box) -> bool:
        return (self.x0 <= other.x0 and other.x1 <= self.x1
                and self.y0 <= other.y0 and other.y1 <= self.y1)


def extent(mask: Mask) -> Box | None:
    """The bounding box of the True pixels, or None."""
    ys, xs = np.nonzero(mask)
    if not len(xs):
        return None
    return Box(int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


def runs(flags: Mask, min_length: int = 1) -> list[tuple[int, int]]:
    """[start, end) of each run of True in a 1-D array (runs shorter than ``min_length`` dropped)."""
    padded = np.concatenate([[False], flags, [False]]).astype(int)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2]) if b - a >= min_length]


def outside(frame: Frame, box: Box) -> npt.NDArray[np.uint8]:
    """The pixels of ``frame`` outside ``box``, as one (N, 3) array."""
    keep = np.ones(frame.shape[:2], dtype=bool)
    keep[max(0, box.y0): box.y1, max(0, box.x0): box.x1] = False
    return frame[keep]


def safe_area(width: int, height: int) -> Box:
    """Where graphics may go (clear of the players' controls), as the layout promises it:
    5 % margins on landscape and square canvases; portrait: 6 % at the sides, 8 % at the top and
    14 % at the bottom (where the apps put their buttons and captions)."""
    if height > width:
        left, top, bottom = 0.06, 0.08, 0.14
    else:
        left = top = bottom = 0.05
    return Box(round(width * left), round(height * top), width - round(width * left),
               height - round(height * bottom))


def row_runs_of(mask: Mask, min_pixels: int = 1, min_length: int = 2) -> list[tuple[int, int]]:
    """Bands of rows that hold at least ``min_pixels`` True pixels (lines of text, plates)."""
    return runs(mask.sum(axis=1) >= min_pixels, min_length)


# --- rendering -----------------------------------------------------------------------------------


def shopreel(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SHOPREEL, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)


def render_api(project: Path, output: Path, preset: str | None = None) -> Path:
    plan = plan_render(load_project(project), project, preset_name=preset, output=output)
    render_to_end(plan)
    return output


def render_data(folder: Path, name: str, data: dict[str, object]) -> Path:
    project = write_project(folder, data, name=f"{name}.shopreel.json")
    return render_api(project, folder / f"{name}.mp4")


def assert_web_ready(path: Path, size: tuple[int, int], frames: int) -> None:
    """The web formats, the exact size, and picture and sound of the same planned length."""
    found = streams(path)
    assert (found.video_codec, found.video_profile, found.pix_fmt) == ("h264", "High", "yuv420p")
    assert (found.width, found.height) == size
    assert (found.audio_codec, found.sample_rate, found.channel_layout) == ("aac", RATE, "stereo")
    boxes = top_level_boxes(path)
    assert boxes.index("moov") < boxes.index("mdat"), boxes
    assert frame_count(path) == frames
    picture = video_duration(path)
    assert picture == pytest.approx(frames / FPS, abs=FRAME / 2)
    assert decoded_audio_seconds(path) == pytest.approx(picture, abs=FRAME)


@pytest.fixture(scope="module")
def flat_clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Flat-coloured clips with a 440 Hz tone (16:9 unless said otherwise)."""
    folder = tmp_path_factory.mktemp("flat clips")

    def flat(name: str, color: str, seconds: float, size: tuple[int, int] = (320, 180),
             tone_hz: float = 440.0) -> Path:
        return make_clip(folder / f"{name}.mp4", size=size, seconds=seconds,
                         picture=f"color=c=0x{color.lstrip('#')}", tone_hz=tone_hz)

    return {
        "blue": flat("blue", BLUE_HEX, 1.6),
        "blue 1s": flat("blue 1s", BLUE_HEX, 1.0),
        "black": flat("black", "#000000", 0.8),
        "white": flat("white", "#ffffff", 0.8),
        "purple": flat("purple", PURPLE_HEX, 1.0),
        # A 4:3 intro clip with its own, higher tone.
        "red 4:3": flat("red 4x3", "#ff0000", 1.0, size=(320, 240), tone_hz=660.0),
    }


# --- the branded project: intro card, content, end card, logo, URL, captions ---------------------

WIDTH, HEIGHT = 320, 180
SAFE = safe_area(WIDTH, HEIGHT)  # x 16..304, y 9..171
# Frames of the main project's output timeline.
INTRO = 75  # the default 2.5 s title card
CROSSFADE = 15  # 0.5 s
CONTENT = 72 + 48  # the counter clip (2.4 s), then the blue clip (1.6 s)
OUTRO = 45  # 1.5 s
CONTENT_START = INTRO - CROSSFADE  # 60: the first clip starts fading in
OUTRO_START = CONTENT_START + CONTENT - CROSSFADE  # 165: the end card starts fading in
TOTAL = OUTRO_START + OUTRO  # 210 frames, 7 s
BLUE_START = CONTENT_START + 72  # 132: the blue clip

CAPTIONS = [
    # Bottom-center badges (the kit's default style and place), overlapping in time: stacked.
    {"text": "Gratis", "start": 3.0, "end": 4.5, "fade": 0.5},  # frames 90-134, full 105-119
    {"text": "Heute", "start": 3.5, "end": 4.3, "fade": 0.2,
     "position": "bottom-center"},  # frames 105-128, full 111-122
    # Counted from the end: 7 s - 2.8 s .. 7 s - 1.8 s, frames 126-155.
    {"text": "Vorrat", "start": -2.8, "end": -1.8, "position": "top-center", "style": "banner"},
    {"text": "Frisch", "start": 2.7, "end": 3.5, "position": "center", "style": "plain"},  # 81-104
]


@dataclass
class Branded:
    path: Path

    @cached_property
    def frames(self) -> Frames:
        return decode_video(self.path)

    @cached_property
    def sound(self) -> npt.NDArray[np.float32]:
        return decode_audio(self.path)

    def background(self, frame: int) -> RGB:
        """The clip's colour at ``frame``: the left edge, outside the safe area, never covered."""
        return mean_color(self.frames[frame][80:100, 2:12])


@pytest.fixture(scope="module")
def branded(media: dict[str, Path], flat_clips: dict[str, Path],
            tmp_path_factory: pytest.TempPathFactory) -> Branded:
    folder = tmp_path_factory.mktemp("branded")
    shutil.copytree(KIT.parent, folder / "marke")  # the kit beside the project, with its logo
    path = render_data(folder, "branded", {
        "title": "Bio-Gemüsekiste",
        "clips": [{"path": str(media["counter"])}, {"path": str(flat_clips["blue"])}],
        # The kit gives logo, URL, colours and styles; the project overrides one colour.
        "brand": {"kit": "marke/brand.json", "colors": {"accent": MAGENTA_HEX}},
        "intro": {"subtitle": "frisch vom Hof"},  # title from the project, 2.5 s, fade
        "outro": {"text": "Jetzt bestellen", "duration": 1.5},
        "overlays": {"logo": {"size": 0.25, "opacity": 1.0}, "url": {"size": 0.1}},
        "captions": CAPTIONS,
    })
    return Branded(path)


def test_total_length_is_intro_plus_content_plus_end_card_minus_crossfades(
    branded: Branded,
) -> None:
    assert_web_ready(branded.path, (WIDTH, HEIGHT), TOTAL)


# --- intro ---


def card_row(y: int, height: int = HEIGHT) -> RGB:
    """The card background's colour at row ``y`` (a linear gradient from top to bottom)."""
    share = y / (height - 1)
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(CARD_TOP, CARD_BOTTOM))
    return red, green, blue


@pytest.mark.parametrize("frame", [0, 30, 59])
def test_intro_card_is_the_primary_colour_lighter_at_the_top(branded: Branded, frame: int) -> None:
    picture = branded.frames[frame]
    for y in (2, 45, 90, 135, 177):
        # The left and right edges: outside the centred title block.
        for strip in (picture[y, 0:10], picture[y, -10:]):
            assert all_near(strip, card_row(y), 10), (y, mean_color(strip), card_row(y))
    assert all_near(picture[85:95, 0:10], PRIMARY, 12)


def title_block(frame: Frame) -> Frame:
    return frame[30:150, 20:300]


def text_pixels(frame: Frame, level: int = 225) -> Mask:
    """White text (every channel bright)."""
    return np.asarray(frame.min(axis=-1) >= level)


def card_lines(block: Frame) -> tuple[tuple[int, int], tuple[int, int], Box]:
    """(title rows, rows of the smaller line under it, the logo's sun) of a title or end card.

    The title is the tallest band of light text; the logo (with its small lettering) is above it.
    Light means brighter than the dark card: compression softens the small lines' white.
    """
    lines = row_runs_of(text_pixels(block, 140), min_pixels=3)
    title = max(lines, key=lambda run: run[1] - run[0])
    assert title[1] - title[0] >= 0.06 * HEIGHT, lines  # set at 10 % of the height
    below = [run for run in lines if run[0] >= title[1]]
    assert below, lines
    sun = extent(near(block, KIT_ACCENT, 40))
    assert sun is not None
    return title, below[0], sun


def test_intro_shows_title_subtitle_and_logo(branded: Branded) -> None:
    block = title_block(branded.frames[45])
    title, subtitle, sun = card_lines(block)
    assert subtitle[1] - subtitle[0] < title[1] - title[0]
    assert sun.y1 <= title[0] and abs(sun.center[0] - block.shape[1] / 2) <= 3


def test_intro_title_fades_in(branded: Branded) -> None:
    first = branded.frames[0].astype(int)

    def change(frame: int) -> float:
        return float(np.abs(title_block(branded.frames[frame]).astype(int)
                            - title_block(first)).mean())

    assert change(1) < 0.5  # nothing drawn yet
    assert 0.5 < change(8) < 0.8 * change(40)  # part of the way
    assert change(40) == pytest.approx(change(55), rel=0.05)  # fully there, and still


def text_height_center(frame: Frame, empty: Frame) -> float:
    """Vertical centre of everything drawn over ``empty`` (the same card without the title)."""
    drawn = np.abs(frame.astype(int) - empty.astype(int)).max(axis=-1) > 8
    rows = np.flatnonzero(drawn.any(axis=1))
    weights = drawn.sum(axis=1)[rows]
    return float(np.average(rows, weights=weights))


def test_fade_intro_does_not_move_the_title(branded: Branded) -> None:
    empty = branded.frames[0]
    assert text_height_center(branded.frames[8], empty) == pytest.approx(
        text_height_center(branded.frames[45], empty), abs=1)


def test_intro_lasts_its_default_then_cross_fades_into_the_first_clip(branded: Branded) -> None:
    strip = [greenness(frame[80:100, 0:10]) for frame in branded.frames[:INTRO + 5]]
    card = strip[0]
    assert card > 50
    # The card alone until the first clip starts, then a cross-fade of 0.5 s into the gray clip.
    assert all(abs(value - card) < 3 for value in strip[:CONTENT_START])
    fading = strip[CONTENT_START + 1: INTRO - 1]
    assert all(3 < value < card - 3 for value in fading), list(fading)
    assert all(b <= a + 1 for a, b in zip(fading, fading[1:])), fading  # steadily
    assert all(abs(value) < 3 for value in strip[INTRO:]), strip[INTRO:]


def test_intro_is_silent_and_the_sound_fades_in_with_the_first_clip(branded: Branded) -> None:
    sound = branded.sound
    assert rms(sound, 0, CONTENT_START - 2) < 1e-3
    assert rms(sound, CONTENT_START, CONTENT_START + 5) < rms(sound, INTRO - 5, INTRO)
    assert rms(sound, INTRO, INTRO + 20) > 0.1


# --- logo ---

LOGO_PIXELS = round(0.25 * HEIGHT)  # 45: the logo's size is a fraction of the output height


def corner(frame: Frame, right: bool) -> Frame:
    """The top corner of the safe area where the logo goes (right) or its mirror (left)."""
    rows = slice(SAFE.y0, SAFE.y0 + LOGO_PIXELS + 2)
    return frame[rows, SAFE.x1 - LOGO_PIXELS - 2: SAFE.x1] if right else \
        frame[rows, SAFE.x0: SAFE.x0 + LOGO_PIXELS + 2][:, ::-1]


def logo_shown(frame: Frame) -> bool:
    """Anything in the top-right corner that the mirrored top-left corner does not have."""
    difference = np.abs(corner(frame, True).astype(int) - corner(frame, False).astype(int))
    return bool((difference.max(axis=-1) > 40).sum() > 100)


@pytest.mark.parametrize(("frame", "shown"), [
    (30, False), (CONTENT_START + 10, False), (INTRO - 1, False),  # intro, cross-fade
    (INTRO + 15, True), (BLUE_START + 5, True),  # after the intro, over both clips
    (OUTRO_START + 20, False), (TOTAL - 1, False),  # the end card has its own, centred logo
])
def test_logo_is_in_its_corner_after_the_intro_only(
    branded: Branded, frame: int, shown: bool
) -> None:
    assert logo_shown(branded.frames[frame]) == shown


def assert_logo_fills(drawn: Box | None, box: Box) -> None:
    """The logo's badge fills ``box``: logo.png has a transparent margin of 3 % around it, and
    compression may smear the white rim of the badge by a pixel."""
    assert drawn is not None and SAFE.grown(1).contains(drawn), drawn
    insets = [drawn.x0 - box.x0, box.x1 - drawn.x1, drawn.y0 - box.y0, box.y1 - drawn.y1]
    assert all(-1 <= inset <= 3 for inset in insets), (drawn, box)


def test_logo_is_its_fraction_of_the_height_in_the_corner_of_the_safe_area(
    branded: Branded,
) -> None:
    frame = 120  # nothing else is drawn in the upper half now
    picture = branded.frames[frame][: HEIGHT // 2]
    background = luma(np.array([[branded.background(frame)]], dtype=np.uint8))[0, 0]
    logo = extent(np.abs(luma(picture) - background) > 20)
    assert_logo_fills(logo, Box(SAFE.x1 - LOGO_PIXELS, SAFE.y0, SAFE.x1, SAFE.y0 + LOGO_PIXELS))
    assert logo is not None
    assert near(logo.of(picture), KIT_ACCENT, 40).sum() > 20  # the kit's logo: its amber sun


# --- web address ---


def test_url_plate_in_the_primary_colour_sits_at_the_bottom_left_of_the_safe_area(
    branded: Branded,
) -> None:
    for frame in (INTRO + 20, BLUE_START + 5):
        lower_left = branded.frames[frame][HEIGHT // 2:, : WIDTH // 2]
        plate = extent(near(lower_left, PRIMARY, 30))
        assert plate is not None
        plate = Box(plate.x0, plate.y0 + HEIGHT // 2, plate.x1, plate.y1 + HEIGHT // 2)
        assert abs(plate.x0 - SAFE.x0) <= 3 and abs(plate.y1 - SAFE.y1) <= 3, plate
        assert 60 < plate.width < WIDTH // 2 and 10 < plate.height < 30, plate
        # The address on it, in white.
        assert text_pixels(plate.of(branded.frames[frame]), 200).sum() > 20


# --- captions ---


def caption_bands(frame: Frame) -> list[tuple[int, int]]:
    """Rows of the magenta (accent) plates in the bottom-centre of the safe area."""
    area = frame[HEIGHT // 2: SAFE.y1, 100:220]
    return [(a + HEIGHT // 2, b + HEIGHT // 2)
            for a, b in row_runs_of(near(area, MAGENTA, 40), min_pixels=10, min_length=4)]


BOTH = 115  # both badges fully shown


@pytest.fixture(scope="module")
def badge_rows(branded: Branded) -> dict[str, tuple[int, int]]:
    bands = caption_bands(branded.frames[BOTH])
    assert len(bands) == 2, bands
    upper, lower = sorted(bands)
    # The first caption keeps its place at the bottom; the later one is stacked above it.
    return {"Gratis": lower, "Heute": upper}


def test_two_captions_at_the_same_place_and_time_are_stacked_not_overlapping(
    branded: Branded, badge_rows: dict[str, tuple[int, int]],
) -> None:
    upper, lower = badge_rows["Heute"], badge_rows["Gratis"]
    assert upper[1] < lower[0]  # a gap between the two plates
    assert lower[1] <= SAFE.y1 and lower[1] >= SAFE.y1 - 6
    for rows in (upper, lower):
        plate = extent(near(branded.frames[BOTH][rows[0]: rows[1]], MAGENTA, 40))
        assert plate is not None and abs(plate.center[0] - WIDTH / 2) <= 2
        # Dark text on the plate (readable on the light accent).
        assert (branded.frames[BOTH][rows[0]: rows[1], plate.x0: plate.x1].max(axis=-1)
                < 80).sum() > 10


def test_badge_uses_the_accent_colour_set_by_the_project_over_the_kit(
    branded: Branded, badge_rows: dict[str, tuple[int, int]],
) -> None:
    rows = badge_rows["Gratis"]
    badge = branded.frames[BOTH][rows[0]: rows[1], 100:220]
    assert near(badge, MAGENTA, 40).sum() > 200
    assert near(badge, KIT_ACCENT, 60).sum() == 0


# (caption, frames before, inside and after its window)
WINDOWS = [("Gratis", 85, 112, 140), ("Heute", 100, 116, 132), ("Vorrat", 120, 140, 160),
           ("Frisch", 76, 92, 110)]


def caption_seen(branded: Branded, badge_rows: dict[str, tuple[int, int]], name: str,
                 frame: int) -> bool:
    picture = branded.frames[frame]
    if name in badge_rows:
        rows = badge_rows[name]
        return bool(near(picture[rows[0]: rows[1], 100:220], MAGENTA, 40).sum() > 50)
    if name == "Vorrat":  # a banner: a band of the primary colour across the safe width
        band = near(picture[:, SAFE.x0: SAFE.x1], PRIMARY, 30).mean(axis=1) > 0.9
        return bool(band.sum() >= 8)
    return bool(text_pixels(picture[60:120, 100:220]).sum() > 20)  # plain white text


@pytest.mark.parametrize(("name", "before", "inside", "after"), WINDOWS,
                         ids=[name for name, *_ in WINDOWS])
def test_caption_is_visible_inside_its_window_only(
    branded: Branded, badge_rows: dict[str, tuple[int, int]], name: str, before: int,
    inside: int, after: int,
) -> None:
    assert not caption_seen(branded, badge_rows, name, before)
    assert caption_seen(branded, badge_rows, name, inside)
    assert not caption_seen(branded, badge_rows, name, after)


def test_caption_times_counted_from_the_end_are_exact(branded: Branded) -> None:
    # "Vorrat" runs from 2.8 s to 1.8 s before the end: frames 126 to 155 of 210.
    band = [caption_seen(branded, {}, "Vorrat", frame) for frame in range(110, 175)]
    shown = [frame for frame, seen in zip(range(110, 175), band) if seen]
    # It fades in and out over 0.3 s (9 frames), so fully there from 135 to 146.
    assert shown[0] in range(126, 136) and shown[-1] in range(146, 156), shown
    assert shown == list(range(shown[0], shown[-1] + 1))


def test_banner_spans_the_safe_width_below_the_logo(branded: Branded) -> None:
    picture = branded.frames[140]
    rows = np.flatnonzero(near(picture[:, SAFE.x0: SAFE.x1], PRIMARY, 30).mean(axis=1) > 0.9)
    assert len(rows) >= 8
    band = picture[rows[0]: rows[-1] + 1]
    assert near(band[:, SAFE.x0 + 1: SAFE.x1 - 1], PRIMARY, 30).mean() > 0.8
    assert all_near(band[:, : SAFE.x0 - 2], BLUE, 20) and all_near(band[:, SAFE.x1 + 2:], BLUE, 20)
    assert rows[0] >= SAFE.y0 + LOGO_PIXELS  # stacked below the logo, not over it


def test_plain_caption_is_text_without_a_plate(branded: Branded) -> None:
    picture = branded.frames[92]
    middle = Box(SAFE.x0, 60, SAFE.x1, 130)  # below the logo, above the web address
    text = extent(text_pixels(middle.of(picture)))
    assert text is not None
    text = Box(text.x0 + middle.x0, text.y0 + middle.y0, text.x1 + middle.x0, text.y1 + middle.y0)
    assert abs(text.center[0] - WIDTH / 2) <= 3 and abs(text.center[1] - HEIGHT / 2) <= 6
    background = branded.background(92)
    frame_around = text.grown(5)
    for x, y in [(frame_around.x0, frame_around.y0), (frame_around.x1, frame_around.y0),
                 (frame_around.x0, frame_around.y1), (frame_around.x1, frame_around.y1)]:
        assert all_near(picture[y: y + 1, x: x + 1], background, 12), (x, y)


def test_caption_fades_in_and_out(branded: Branded, badge_rows: dict[str, tuple[int, int]]) -> None:
    rows = badge_rows["Gratis"]
    y = (rows[0] + rows[1]) // 2
    # The plate's left end (no text there), over the gray clip.
    full = branded.frames[BOTH][y, 100:220]
    x = 100 + int(np.flatnonzero(near(full, MAGENTA, 40))[2])

    def distance(frame: int, color: RGB) -> int:
        return int(np.abs(branded.frames[frame][y, x].astype(int) - np.array(color)).max())

    for frame in (97, 127):  # half-way into the fade-in and the fade-out (0.5 s each)
        background = branded.background(frame)
        assert distance(frame, MAGENTA) > 40 and distance(frame, background) > 40
    assert distance(BOTH, MAGENTA) <= 24


# --- end card ---


def test_end_card_fills_the_last_seconds(branded: Branded) -> None:
    card = branded.frames[TOTAL - 1]
    # Still for its whole duration after the cross-fade.
    for frame in branded.frames[OUTRO_START + CROSSFADE: TOTAL]:
        assert np.abs(frame.astype(int) - card.astype(int)).mean() < 0.5
    assert not np.array_equal(branded.frames[OUTRO_START - 1], card)
    for y in (2, 90, 177):
        assert all_near(card[y, 0:10], card_row(y), 10)
    # The logo, "Jetzt bestellen", and the web address under it.
    block = card[20:170, 30:290]
    title, url, sun = card_lines(block)
    assert url[1] - url[0] < title[1] - title[0]
    assert sun.y1 <= title[0] and abs(sun.center[0] - block.shape[1] / 2) <= 3


def test_sound_fades_out_into_the_silent_end_card(branded: Branded) -> None:
    sound = branded.sound
    assert rms(sound, OUTRO_START - 30, OUTRO_START) > 0.1
    first, last = (rms(sound, OUTRO_START + offset, OUTRO_START + offset + 5) for offset in (0, 10))
    assert first > 2 * last
    assert rms(sound, OUTRO_START + CROSSFADE + 1, TOTAL) < 1e-3


# --- intro variants: slide entrance, the user's own intro clip -----------------------------------


@pytest.fixture(scope="module")
def slide(flat_clips: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Frames:
    """A 1 s title card sliding in, at 640x360 (the slide travels 6 % of the height)."""
    folder = tmp_path_factory.mktemp("slide")
    return decode_video(render_data(folder, "slide", {
        "title": "Hofladen", "clips": [{"path": str(flat_clips["blue"]), "out": 0.5}],
        "brand": {"colors": {"primary": PRIMARY_HEX}},
        "intro": {"style": "slide", "duration": 1.0}, "overlays": {"logo": None, "url": None},
        "output": {"size": "640x360"},
    }))


def test_slide_intro_moves_the_title_up_into_place(slide: Frames) -> None:
    empty = slide[0]
    # 0.27 s into the 0.7 s slide the title is 22 * (1 - 0.27 / 0.7)² = 8.4 px below its place;
    # at 0.73 s it has arrived.
    lower = text_height_center(slide[8], empty) - text_height_center(slide[22], empty)
    assert lower == pytest.approx(8.4, abs=2.5)
    assert text_height_center(slide[22], empty) == pytest.approx(
        text_height_center(slide[24], empty), abs=0.5)


INTRO_CLIP = 30  # 1 s
INTRO_CLIP_CROSSFADE = 10  # a third of the 1 s parts


@pytest.fixture(scope="module")
def intro_clip(flat_clips: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user's own 4:3 red intro (660 Hz), then 1 s of the blue clip (440 Hz), fit pad."""
    folder = tmp_path_factory.mktemp("intro clip")
    return render_data(folder, "intro clip", {
        "title": "Hofladen",  # ignored: the clip replaces the title card
        "clips": [{"path": str(flat_clips["blue 1s"])}],
        "brand": {"colors": {"primary": PRIMARY_HEX}},
        "intro": {"clip": str(flat_clips["red 4:3"])}, "overlays": {"logo": None, "url": None},
        "output": {"fit": "pad"},
    })


def test_intro_clip_then_content_minus_one_crossfade(intro_clip: Path) -> None:
    assert_web_ready(intro_clip, (WIDTH, HEIGHT), 2 * INTRO_CLIP - INTRO_CLIP_CROSSFADE)


def test_intro_clip_is_fitted_like_any_clip_and_cross_fades_into_the_content(
    intro_clip: Path,
) -> None:
    frames = decode_video(intro_clip)
    start = INTRO_CLIP - INTRO_CLIP_CROSSFADE
    for frame in frames[:start]:
        # 4:3 in 16:9 with pad: 240x180 in the middle between bars of the primary colour.
        assert all_near(frame[:, 44:276], RED, 20)
        assert all_near(frame[:, :36], PRIMARY, 16) and all_near(frame[:, -36:], PRIMARY, 16)
    # Red minus blue in the middle: 255 for the red intro, 48 - 192 = -144 for the blue clip.
    redness = [int(frame[90, 160, 0]) - int(frame[90, 160, 2]) for frame in frames]
    fading = redness[start + 1: INTRO_CLIP - 1]
    assert all(-130 < value < 240 for value in fading), fading
    assert all(b < a for a, b in zip(fading, fading[1:])), fading
    for frame in frames[INTRO_CLIP:]:
        assert all_near(frame, BLUE, 16)


def test_intro_clip_plays_its_own_sound(intro_clip: Path) -> None:
    sound = decode_audio(intro_clip)
    assert dominant_hz(sound, 0.05, 0.6) == pytest.approx(660, abs=5)
    assert dominant_hz(sound, 1.05, 1.6) == pytest.approx(440, abs=5)


# --- the logo at each of the nine positions, half opaque -----------------------------------------

POSITION_LOGO = round(0.3 * HEIGHT)  # 54 px


@pytest.fixture(scope="module")
def logo_at(flat_clips: dict[str, Path],
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Frame, Frame]]:
    """Per position: the frame over black and the frame over white, the logo at half opacity."""
    folder = tmp_path_factory.mktemp("positions")
    shown = {}
    for position in POSITIONS:
        path = render_data(folder, position, {
            "clips": [{"path": str(flat_clips["black"])}, {"path": str(flat_clips["white"])}],
            "brand": {"kit": str(KIT)}, "intro": None,
            "overlays": {"logo": {"position": position, "size": 0.3, "opacity": 0.5,
                                  "from": "start"}, "url": None},
        })
        # The logo fades in and out over 0.4 s; frames 18 (black) and 30 (white) are clear of it.
        shown[position] = (frame_number(path, 18, "rgb24"), frame_number(path, 30, "rgb24"))
    return shown


def expected_logo_box(position: str) -> Box:
    """Where a 54 px logo belongs in the 320x180 safe area at ``position``."""
    vertical, _, horizontal = position.partition("-")
    if position == "center":
        vertical = horizontal = "center"
    x = {"left": SAFE.x0, "right": SAFE.x1 - POSITION_LOGO}.get(
        horizontal, SAFE.x0 + (SAFE.width - POSITION_LOGO) / 2)
    y = {"top": SAFE.y0, "bottom": SAFE.y1 - POSITION_LOGO}.get(
        vertical, SAFE.y0 + (SAFE.height - POSITION_LOGO) / 2)
    return Box(round(x), round(y), round(x) + POSITION_LOGO, round(y) + POSITION_LOGO)


@pytest.mark.parametrize("position", POSITIONS)
def test_logo_sits_at_its_position_inside_the_safe_area(
    logo_at: dict[str, tuple[Frame, Frame]], position: str,
) -> None:
    over_black, _ = logo_at[position]
    assert_logo_fills(extent(luma(over_black) > 12), expected_logo_box(position))


@pytest.fixture(scope="module")
def logo_window(flat_clips: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Frames:
    """2.6 s of blue; the logo from 0.5 s to 2.0 s (frames 15 to 59), fading over 0.4 s."""
    folder = tmp_path_factory.mktemp("logo window")
    return decode_video(render_data(folder, "logo window", {
        "clips": [{"path": str(flat_clips["blue"])}, {"path": str(flat_clips["blue 1s"])}],
        "brand": {"kit": str(KIT)}, "intro": None,
        "overlays": {"logo": {"from": 0.5, "to": "0:02", "size": 0.25, "opacity": 1.0},
                     "url": None},
    }))


def test_logo_is_shown_from_its_from_time_to_its_to_time(logo_window: Frames) -> None:
    box = Box(SAFE.x1 - LOGO_PIXELS, SAFE.y0, SAFE.x1, SAFE.y0 + LOGO_PIXELS)
    # How far the corner is from the plain clip: 0 without the logo, most with all of it.
    amount = [float(np.abs(box.of(frame).astype(int) - np.array(BLUE)).mean())
              for frame in logo_window]
    shown = [frame for frame, value in enumerate(amount) if value > amount[0] + 1]
    assert shown == list(range(shown[0], shown[-1] + 1)), shown
    assert shown[0] in (15, 16) and shown[-1] in (58, 59), shown
    full = max(amount)
    assert all(value > 0.98 * full for value in amount[28:48])  # after the 0.4 s fade-in
    rising, falling = amount[15:28], amount[48:61]
    assert rising == sorted(rising) and falling == sorted(falling, reverse=True)
    assert all(all_near(frame, BLUE, 16) for frame in logo_window[:15])
    assert all(all_near(frame, BLUE, 16) for frame in logo_window[60:])


@pytest.mark.parametrize("position", ["top-left", "center", "bottom-right"])
def test_half_opaque_logo_blends_with_what_is_under_it(
    logo_at: dict[str, tuple[Frame, Frame]], position: str,
) -> None:
    over_black, over_white = logo_at[position]
    middle = expected_logo_box(position)
    inner = Box(middle.x0 + 15, middle.y0 + 15, middle.x1 - 15, middle.y1 - 15)
    # shown = opacity * logo + (1 - opacity) * under: white and black differ by (1 - opacity).
    see_through = (inner.of(over_white).astype(int) - inner.of(over_black).astype(int)) / 255
    assert float(see_through.mean()) == pytest.approx(0.5, abs=0.06)
    assert float(see_through.min()) > 0.35


# --- the same project at square-1080 and vertical-1080: every overlay inside the safe area -------

GERMAN = ("Frische Bio-Gemüsekiste direkt vom Hof: jede Woche saisonal und regional, ohne "
          "Versandkosten bis zur Haustür")
PRESETS = {"square-1080": (1080, 1080), "vertical-1080": (1080, 1920)}


@pytest.fixture(scope="module")
def presets(flat_clips: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Frame]:
    """One project (logo, plain web address, four captions on a purple clip) at both presets."""
    folder = tmp_path_factory.mktemp("presets")
    project = write_project(folder, {
        "title": "Hofladen", "intro": None,
        "clips": [{"path": str(flat_clips["purple"])}],
        "brand": {"kit": str(KIT)},
        "output": {"size": None, "fit": "crop", "encoder_speed": "ultrafast"},
        "overlays": {"url": {"style": "plain"}},
        "captions": [
            {"text": GERMAN, "start": 0, "end": 1},  # the kit's bottom-center badge
            {"text": "Nur heute", "start": 0, "end": 1, "position": "top-center",
             "style": "banner"},
            {"text": "Frisch", "start": 0, "end": 1, "position": "center-right", "style": "plain"},
            {"text": "Bio", "start": 0, "end": 1, "position": "bottom-right"},
        ],
    })
    return {name: frame_number(render_api(project, folder / f"{name}.mp4", name), 15, "rgb24")
            for name in PRESETS}


@pytest.mark.parametrize("preset", PRESETS)
def test_every_overlay_stays_inside_the_safe_area(presets: dict[str, Frame], preset: str) -> None:
    frame = presets[preset]
    assert frame.shape[:2] == PRESETS[preset][::-1]
    area = safe_area(*PRESETS[preset])
    # One pixel of slack for chroma subsampling at an odd edge.
    assert all_near(outside(frame, area.grown(1)), PURPLE, 16)


@pytest.mark.parametrize("preset", PRESETS)
def test_overlays_reach_the_edges_of_the_safe_area(presets: dict[str, Frame], preset: str) -> None:
    frame = presets[preset]
    area = safe_area(*PRESETS[preset])
    drawn = extent(differs(frame, PURPLE, 24))
    assert drawn is not None
    # The banner spans the safe width; the logo's badge sits 3 % of its size below the top; at
    # the bottom the plain web address and the badges keep a shadow margin (under 2 % of the
    # height, far less than the safe area's own margins).
    assert -1 <= drawn.x0 - area.x0 <= 2 and -1 <= area.x1 - drawn.x1 <= 2, (drawn, area)
    assert 0 <= drawn.y0 - area.y0 <= 8, (drawn, area)
    assert 0 <= area.y1 - drawn.y1 <= 0.02 * frame.shape[0], (drawn, area)


def test_long_german_caption_wraps_inside_the_frame_at_9_16(presets: dict[str, Frame]) -> None:
    frame = presets["vertical-1080"]
    area = safe_area(1080, 1920)
    amber = near(frame, KIT_ACCENT, 40)
    # The long caption's plate is the tallest amber band (the "Bio" badge is a small one).
    top, bottom = max(row_runs_of(amber, min_pixels=200), key=lambda run: run[1] - run[0])
    plate = extent(amber[top:bottom])
    assert plate is not None
    plate = Box(plate.x0, top, plate.x1, bottom)
    assert area.contains(plate), (plate, area)
    assert abs(plate.center[0] - 540) <= 2
    # Dark text on the amber plate, in several lines, each inside the plate.
    ink = plate.of(frame).max(axis=-1) < 90
    lines = row_runs_of(ink, min_pixels=3, min_length=10)
    assert len(lines) >= 4, lines
    for first, last in lines:
        line = extent(ink[first:last])
        assert line is not None and line.x0 > 10 and line.x1 < plate.width - 10


@pytest.mark.parametrize("preset", PRESETS)
def test_plain_web_address_is_one_line_of_text_without_a_plate(
    presets: dict[str, Frame], preset: str,
) -> None:
    frame = presets[preset]
    width, height = PRESETS[preset]
    area = safe_area(width, height)
    corner = Box(area.x0, area.y1 - height // 5, area.x0 + area.width // 2, area.y1).of(frame)
    lines = row_runs_of(text_pixels(corner, 200), min_pixels=3, min_length=5)
    assert len(lines) == 1, lines  # a web address never wraps: it shrinks
    assert near(corner, PRIMARY, 30).sum() == 0  # no plate


# --- fonts: the brand's own font file, and the fallback for a missing character ------------------

FONT_TEXT = "Hofladen am Deich"
FONT_PIXELS = round(720 * 0.055)  # caption text size: 5.5 % of the shorter side


@pytest.fixture(scope="module")
def fonts(flat_clips: dict[str, Path],
          tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Frame, Frame]]:
    """(the coffee cup, the words) at 1280x720, with the bundled fonts and with a brand font."""
    folder = tmp_path_factory.mktemp("fonts")
    shutil.copyfile(bundled_font("DejaVu Sans", "bold"), folder / "Hausschrift.ttf")
    shown = {}
    for name, brand in [("bundled", {"kit": str(KIT)}),
                        ("brand font", {"kit": str(KIT), "font": "Hausschrift.ttf"})]:
        path = render_data(folder, name, {
            "clips": [{"path": str(flat_clips["blue 1s"])}], "brand": brand, "intro": None,
            "overlays": {"logo": None, "url": None},
            "output": {"size": "1280x720", "encoder_speed": "ultrafast"},
            "captions": [
                {"text": COFFEE, "start": 0, "end": 0.5, "position": "center", "fade": 0},
                {"text": FONT_TEXT, "start": 0.5, "end": 1, "position": "center", "fade": 0}],
        })
        shown[name] = (frame_number(path, 7, "rgb24"), frame_number(path, 22, "rgb24"))
    return shown


@dataclass(frozen=True)
class Ink:
    box: Box
    pixels: int


def caption_ink(frame: Frame) -> Ink:
    """The dark text on the amber caption plate (away from its rounded corners)."""
    plate = extent(near(frame, KIT_ACCENT, 40))
    assert plate is not None
    inner = Box(plate.x0 + 12, plate.y0 + 4, plate.x1 - 12, plate.y1 - 4)
    # Ink covering a third of a pixel or more: black (17) over amber (255 at most) makes < 170.
    dark = inner.of(frame).max(axis=-1) < 170
    box = extent(dark)
    assert box is not None
    return Ink(box, int(dark.sum()))


def drawn_ink(font: Path, text: str) -> Ink:
    """The same text drawn straight with Pillow in one font file, at the caption's size."""
    image = Image.new("L", (40 * len(text) + 80, 3 * FONT_PIXELS), 0)
    ImageDraw.Draw(image).text((20, 2 * FONT_PIXELS), text, fill=255, anchor="ls",
                               font=ImageFont.truetype(str(font), FONT_PIXELS))
    ink = np.asarray(image) > 85  # covering a third of a pixel or more
    box = extent(ink)
    assert box is not None
    return Ink(box, int(ink.sum()))


def test_character_missing_from_the_primary_font_is_drawn_by_the_fallback(
    fonts: dict[str, tuple[Frame, Frame]],
) -> None:
    shown = caption_ink(fonts["bundled"][0])
    primary_only = drawn_ink(bundled_font("Inter", "semibold"), COFFEE)  # a filled "no glyph" box
    fallback = drawn_ink(bundled_font("DejaVu Sans", "bold"), COFFEE)  # a thin-lined cup
    assert primary_only.pixels > 4 * fallback.pixels  # the two really are different
    # (Compression thins the faint steam above the cup a little.)
    assert shown.box.width == pytest.approx(fallback.box.width, abs=3), shown
    assert shown.box.height == pytest.approx(fallback.box.height, abs=6), shown
    assert shown.pixels < 2 * fallback.pixels < primary_only.pixels
    # The same cup as when the font that has it is the brand's own font.
    own = caption_ink(fonts["brand font"][0])
    assert (own.box.width, own.box.height) == pytest.approx((shown.box.width, shown.box.height),
                                                            abs=2)
    assert own.pixels == pytest.approx(shown.pixels, rel=0.3)


def test_brand_font_file_draws_the_captions(fonts: dict[str, tuple[Frame, Frame]]) -> None:
    inter = drawn_ink(bundled_font("Inter", "semibold"), FONT_TEXT).box.width
    dejavu = drawn_ink(bundled_font("DejaVu Sans", "bold"), FONT_TEXT).box.width
    assert dejavu - inter > 30  # the two fonts set the words at clearly different widths
    assert caption_ink(fonts["bundled"][1]).box.width == pytest.approx(inter, abs=4)
    assert caption_ink(fonts["brand font"][1]).box.width == pytest.approx(dejavu, abs=4)


# --- bad input through the command line (a black box) -------------------------------------------


def write_kit(folder: Path, content: str) -> str:
    (folder / "kit").mkdir(exist_ok=True)
    (folder / "kit" / "marke.json").write_text(content, encoding="utf-8")
    return "kit/marke.json"


def text_file(folder: Path, name: str) -> str:
    (folder / name).write_text("not an image, just notes\n", encoding="utf-8")
    return name


def caption(text: str, start: float = 0.2, end: float = 0.8) -> dict[str, object]:
    return {"captions": [{"text": text, "start": start, "end": end}]}


# (case, the project's brand/overlay/caption keys made in its folder, what the one line must say)
BAD_BRANDING: list[tuple[str, Callable[[Path], dict[str, object]], tuple[str, ...]]] = [
    ("logo file missing", lambda folder: {"brand": {"logo": "marke/logo.png"}},
     ("brand.logo", "logo.png", "file not found")),
    ("logo is a text file", lambda folder: {"brand": {"logo": text_file(folder, "logo.png")}},
     ("brand.logo", "logo.png", "not an image")),
    ("logo of the kit missing",
     lambda folder: {"brand": {"kit": write_kit(folder, '{"version": 1, "logo": "weg.png"}')}},
     ("brand.logo", "weg.png", "file not found")),
    ("caption outside the video", lambda folder: caption("Zu spät", 20, 25),
     ("captions[0]", "outside the video")),
    ("caption counted back before the start", lambda folder: caption("Zu früh", -30, -20),
     ("captions[0]", "outside the video")),
    ("caption text empty", lambda folder: caption(""), ("captions[0].text", "must not be empty")),
    ("caption text only whitespace", lambda folder: caption(" \n\t "),
     ("captions[0].text", "must not be empty")),
    ("logo size 5", lambda folder: {"overlays": {"logo": {"size": 5}}}, ("overlays.logo.size",)),
    ("logo size 0", lambda folder: {"overlays": {"logo": {"size": 0}}}, ("overlays.logo.size",)),
    ("web address size 2", lambda folder: {"overlays": {"url": {"size": 2}}},
     ("overlays.url.size",)),
    ("colour is not a colour", lambda folder: {"brand": {"colors": {"primary": "grün"}}},
     ("brand.colors.primary", "must be a colour")),
    ("kit missing", lambda folder: {"brand": {"kit": "kit/fehlt.json"}},
     ("brand.kit", "fehlt.json", "not found")),
    ("kit is not JSON", lambda folder: {"brand": {"kit": write_kit(folder, "{logo: ")}},
     ("brand.kit", "marke.json", "not valid JSON")),
    ("kit has a bad colour",
     lambda folder: {"brand": {"kit": write_kit(folder, '{"colors": {"primary": "rot"}}')}},
     ("brand.kit", "marke.json", "colors.primary")),
    ("font is not a font", lambda folder: {"brand": {"font": text_file(folder, "schrift.ttf")}},
     ("brand.font", "schrift.ttf", "not a font")),
]


@pytest.mark.parametrize(("make", "needles"), [case[1:] for case in BAD_BRANDING],
                         ids=[case[0] for case in BAD_BRANDING])
def test_bad_branding_is_one_line_naming_the_field_and_nothing_is_written(
    make: Callable[[Path], dict[str, object]], needles: tuple[str, ...],
    flat_clips: dict[str, Path], tmp_path: Path,
) -> None:
    project = write_project(tmp_path, {"clips": [{"path": str(flat_clips["blue 1s"])}],
                                       **make(tmp_path)})
    output = tmp_path / "out" / "video.mp4"
    done = shopreel("render", project, "-o", output)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("shopreel: error: "), done.stderr
    for needle in needles:
        assert needle in lines[0], f"{needle!r} missing from: {lines[0]}"
    assert not output.exists()
    assert [p.name for p in tmp_path.rglob("*") if ".part" in p.name] == []


def test_caption_running_past_the_end_is_shortened_with_a_warning(
    flat_clips: dict[str, Path], tmp_path: Path,
) -> None:
    project = write_project(tmp_path, {
        "clips": [{"path": str(flat_clips["blue 1s"])}], "intro": None,
        "brand": {"kit": str(KIT)}, "overlays": {"logo": None, "url": None},
        "captions": [{"text": "Bis zum Schluss", "start": 0.5, "end": 3, "fade": 0}],
    })
    output = tmp_path / "video.mp4"
    done = shopreel("render", project, "-o", output)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("shopreel: warning: captions[0]: "), lines
    assert_web_ready(output, (WIDTH, HEIGHT), 30)
    frames = decode_video(output)

    def shown(frame: int) -> bool:
        return bool(near(frames[frame], KIT_ACCENT, 40).sum() > 200)

    # From 0.5 s until the very last frame.
    assert [shown(frame) for frame in range(30)] == [False] * 15 + [True] * 15


HOSTILE = ("Äpfel \"süß\" l'été \\ C:\\Pfad; [0:v] {x} %{pts} \\n echt\nneu 🍎 ☕ "
           "Donaudampfschifffahrtsgesellschaftskapitänsmütze")


@pytest.fixture(scope="module")
def hostile(flat_clips: dict[str, Path],
            tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    folder = tmp_path_factory.mktemp("hostile")
    project = write_project(folder, {
        "title": HOSTILE, "clips": [{"path": str(flat_clips["blue 1s"])}],
        "brand": {"kit": str(KIT), "url": "www.hof-laden.de/?q=a:b;c=[d]"},
        "intro": {"subtitle": HOSTILE, "duration": 1.0},
        "outro": {"text": HOSTILE, "duration": 1.0},
        "overlays": {"logo": None},
        "captions": [{"text": HOSTILE, "start": 0.9, "end": 1.4, "fade": 0},
                     {"text": "%{pts}: \\ ' \" ;", "start": 1.0, "end": 1.4, "position": "top-left",
                      "style": "plain", "fade": 0}],
    })
    output = folder / "hostile.mp4"
    return shopreel("render", project, "-o", output), output


def test_hostile_text_renders(hostile: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    done, output = hostile
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    # 1 s title card + 1 s clip + 1 s end card - two cross-fades of a third of a second.
    assert_web_ready(output, (WIDTH, HEIGHT), 70)


def test_hostile_title_reaches_the_file_unchanged(
    hostile: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, output = hostile
    text = _ffmpeg("-i", str(output), "-f", "ffmetadata", "-").decode("utf-8")
    # ffmetadata escapes '=', ';', '#', '\\' and newlines with a backslash.
    value = re.search(r"^title=((?:\\.|[^\\\n])*)$", text, re.MULTILINE | re.DOTALL)
    assert value is not None, text
    assert re.sub(r"\\(.)", r"\1", value.group(1), flags=re.DOTALL) == HOSTILE


def test_hostile_texts_are_drawn(hostile: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, output = hostile
    frames = decode_video(output)
    assert text_pixels(frames[15][20:160], 140).sum() > 200  # the title card's text
    caption_frame = frames[35]  # both captions, over the blue clip
    plate = extent(near(caption_frame, KIT_ACCENT, 40))
    assert plate is not None and SAFE.contains(plate), plate  # wrapped inside the frame
    assert plate.height > 40  # several lines
    assert text_pixels(caption_frame[: HEIGHT // 2, : WIDTH // 2]).sum() > 20  # the plain one
    assert text_pixels(frames[-1][20:170], 140).sum() > 200  # the end card's text
