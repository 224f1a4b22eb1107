"""Thumbnails: the frame chosen, the design drawn, the limits kept, many inputs at once.

Media is synthesised small (640x360, a few seconds). Frames are checked by their pixels: the
"segments" clip is black, then blurred, then dim, then sharp and well lit; the "counter" clip's
gray level says which frame is shown. Command-line tests run ``python -m shopreel.app``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from conftest import FPS, counter_level, write_project
from PIL import Image

from shopreel.video.errors import Cancelled, OutputError
from shopreel.video.ffmpeg_binary import ffmpeg_exe
from shopreel.video.graphics import readable_on, rgba
from shopreel.video.probe import probe
from shopreel.video.runner import CancelToken
from shopreel.video.synth import make_clip
from shopreel.video.thumbnail import (
    ThumbnailSpec,
    make_thumbnail,
    rank_candidates,
    video_range,
)
from shopreel.video.thumbnail_design import Design
from shopreel.video.thumbnail_format import MAX_BYTES, QUALITIES, read_record
from shopreel.video.thumbnail_frames import keyframe_command, showinfo_times

SHOPREEL = [sys.executable, "-m", "shopreel.app"]
# Where each part of the "segments" clip is, in seconds.
BLACK, BLURRED, DIM, SHARP = (0.0, 1.5), (1.5, 3.0), (3.0, 4.5), (4.5, 6.0)
SEGMENTS = ("drawbox=c=black:t=fill:enable='lt(t,1.5)',"
            "gblur=sigma=6:enable='between(t,1.5,3)',"
            "eq=brightness=-0.3:enable='between(t,3,4.5)'")
ACCENT = "#f59e0b"  # the default brand accent: the title plate's colour


def shopreel(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUTF8": "1"}
    return subprocess.run([*SHOPREEL, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout)


def json_events(done: subprocess.CompletedProcess[str]) -> list[dict]:
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def one_error(done: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Exactly one error line (exit 2, no traceback) that contains every needle."""
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("shopreel: error: "), lines[0]
    for needle in needles:
        assert needle in lines[0], f"{needle!r} missing from: {lines[0]}"
    assert done.returncode == 2, (done.returncode, lines[0])
    return lines[0]


def no_partial_files(folder: Path) -> None:
    assert [p.name for p in folder.rglob("*") if ".part" in p.name] == []


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory, media: dict[str, Path]) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("thumbclips")
    return {
        # Keyframes every half second, so fast seeking finds one in every part.
        "segments": make_clip(folder / "segments.mp4", size=(640, 360), seconds=6, fps=FPS,
                              tone_hz=None, gop=15, draw=SEGMENTS),
        # One keyframe at the start (and x264's own at the cuts): too few to choose from.
        "long_gop": make_clip(folder / "long gop.mp4", size=(640, 360), seconds=6, fps=FPS,
                              tone_hz=None, gop=600, draw=SEGMENTS),
        "square": make_clip(folder / "square.mp4", size=(360, 360), seconds=1.5, tone_hz=None),
        "portrait": make_clip(folder / "portrait.mp4", size=(360, 640), seconds=1.5,
                              tone_hz=None),
        "counter": media["counter"],
    }


def mean_rgb(image: Image.Image, box: tuple[int, int, int, int]) -> np.ndarray:
    return np.asarray(image.convert("RGB").crop(box), dtype=float).reshape(-1, 3).mean(axis=0)


# --- choosing the frame ---


def test_auto_picks_a_frame_from_the_sharp_well_lit_part(clips: dict[str, Path],
                                                         tmp_path: Path) -> None:
    result = make_thumbnail(clips["segments"], ThumbnailSpec(), tmp_path / "t.jpg")
    assert result.choice == "auto"
    assert SHARP[0] < result.seconds < SHARP[1], result.seconds
    assert result.score is not None and result.score.rejected is None


def test_auto_finds_the_sharp_part_with_too_few_keyframes_to_seek_to(
        clips: dict[str, Path]) -> None:
    info = probe(clips["long_gop"])
    ranked = rank_candidates(clips["long_gop"], info, video_range(info))
    assert SHARP[0] < ranked[0].seconds < SHARP[1], [c.seconds for c in ranked]
    # Black frames come last: rejected, whatever their noise looks like to the sharpness measure.
    assert all(c.score.rejected == "near-black" for c in ranked if c.seconds < BLACK[1] - 0.05)
    assert ranked[-1].seconds < BLACK[1]


def test_auto_choice_is_the_same_on_every_run(clips: dict[str, Path]) -> None:
    info = probe(clips["segments"])
    first = [(c.seconds, c.value) for c in rank_candidates(clips["segments"], info, video_range(info))]
    again = [(c.seconds, c.value) for c in rank_candidates(clips["segments"], info, video_range(info))]
    assert first == again
    assert len(first) >= 8  # candidates from the whole video, not just a few
    assert min(s for s, _ in first) < BLURRED[1] and max(s for s, _ in first) > DIM[1]


@pytest.mark.parametrize(("at", "frame"), [(1.0, 30), (1.01, 30), (1.03, 30), (1.034, 31),
                                           (0.0, 0), (2.38, 71)])
def test_at_takes_the_frame_shown_at_that_time(clips: dict[str, Path], tmp_path: Path,
                                               at: float, frame: int) -> None:
    result = make_thumbnail(clips["counter"], ThumbnailSpec(at=at, format="png"),
                            tmp_path / "t.png")
    image = Image.open(result.path)
    # The counter's gray level: 3 apart from one frame to the next.
    gray = mean_rgb(image, (600, 320, 680, 400))
    shown = min(range(72), key=lambda n: abs(counter_level(n) - gray[1]))
    assert shown == frame and abs(gray[1] - counter_level(frame)) < 1.3, (gray, frame)
    assert abs(gray[0] - gray[2]) < 2  # gray stays gray
    assert result.seconds == pytest.approx(frame / FPS, abs=1e-6)


def test_time_past_the_end_is_refused(clips: dict[str, Path], tmp_path: Path) -> None:
    done = shopreel("thumbnail", clips["counter"], "--at", "2.4", "--out-dir", tmp_path)
    one_error(done, "counter.mp4", "0:02.4 is past the end of the video", "0:02.4 long")
    assert list(tmp_path.iterdir()) == []


# --- design ---


def test_title_is_drawn_on_a_plate_in_the_accent_colour(clips: dict[str, Path],
                                                        tmp_path: Path) -> None:
    plain = make_thumbnail(clips["counter"], ThumbnailSpec(at=1.0, format="png"), tmp_path / "a.png")
    titled = make_thumbnail(clips["counter"], ThumbnailSpec(
        at=1.0, format="png", design=Design(title="Bio-Kiste")), tmp_path / "b.png")
    before = np.asarray(Image.open(plain.path), dtype=int)
    after = np.asarray(Image.open(titled.path), dtype=int)
    accent = np.array(rgba(ACCENT)[:3])
    is_accent = np.abs(after - accent).max(axis=2) <= 3
    ys, xs = np.nonzero(is_accent)
    # A plate, bottom centre, inside the safe area (5 % margins), about a tenth of the height.
    assert is_accent.sum() > 30_000
    assert 640 - 60 < (xs.min() + xs.max()) / 2 < 640 + 60
    assert ys.max() <= 720 - 36 and ys.min() > 720 / 2
    assert not (np.abs(before - accent).max(axis=2) <= 3).any()
    # The text on it is in the colour that reads on amber (near black), inside the plate.
    ink = np.array(readable_on(rgba(ACCENT), (255, 255, 255, 255))[:3])
    plate = after[ys.min():ys.max(), xs.min():xs.max()]
    assert (np.abs(plate - ink).max(axis=2) <= 40).sum() > 2_000
    # Away from the plate the picture is untouched.
    assert np.abs(after[:300] - before[:300]).max() == 0


def test_logo_and_accent_frame_are_drawn(clips: dict[str, Path], tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGBA", (200, 100), (200, 30, 30, 255)).save(logo)
    result = make_thumbnail(clips["counter"], ThumbnailSpec(
        at=1.0, format="png", design=Design(logo=logo, frame=True)), tmp_path / "t.png")
    image = Image.open(result.path)
    assert np.allclose(mean_rgb(image, (0, 0, 1280, 6)), rgba(ACCENT)[:3], atol=2)  # frame
    # The logo: top right inside the safe area, 14 % of the height tall.
    red = np.asarray(image, dtype=int)
    ys, xs = np.nonzero((red[..., 0] > 180) & (red[..., 1] < 60))
    assert xs.max() <= 1280 - 64 and ys.min() >= 36 and xs.min() > 900
    assert abs((ys.max() - ys.min() + 1) - round(720 * 0.14)) <= 2


# --- sizes, formats, limits ---


@pytest.mark.parametrize(("clip", "args", "size", "fmt"), [
    ("counter", [], (1280, 720), "JPEG"),
    ("counter", ["--size", "640x360", "--format", "webp"], (640, 360), "WEBP"),
    ("square", ["--format", "png"], (1080, 1080), "PNG"),
    ("portrait", [], (608, 1080), "JPEG"),
    ("portrait", ["--size", "1280x720"], (1280, 720), "JPEG"),
])
def test_sizes_follow_the_video_and_formats_are_as_asked(
        clips: dict[str, Path], tmp_path: Path, clip: str, args: list[str],
        size: tuple[int, int], fmt: str) -> None:
    done = shopreel("thumbnail", clips[clip], "--at", "0.5", "--out-dir", tmp_path, *args)
    assert done.returncode == 0, done.stderr
    (written,) = list(tmp_path.iterdir())
    with Image.open(written) as image:
        assert (image.size, image.format) == (size, fmt)
    assert written.stem == clips[clip].stem
    assert written.stat().st_size <= MAX_BYTES
    assert read_record(written)["at"] == 0.5


def test_a_large_noisy_frame_still_ends_up_within_2_mb(tmp_path: Path) -> None:
    # Stored losslessly, so the noise reaches the thumbnail unsmoothed.
    noisy = tmp_path / "noisy.mkv"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "testsrc2=s=1920x1080:r=30:d=0.1,noise=alls=70:allf=t+u", "-c:v", "ffv1",
                    str(noisy)], check=True)
    result = make_thumbnail(noisy, ThumbnailSpec(at=0.0, size=(1920, 1080)), tmp_path / "n.jpg")
    assert result.size_bytes == result.path.stat().st_size <= MAX_BYTES
    assert result.quality is not None and result.quality < QUALITIES[0]  # it was lowered
    with Image.open(result.path) as image:
        assert image.size == (1920, 1080)
    # PNG cannot be made smaller: a clear error, and nothing written.
    with pytest.raises(OutputError, match="over the 2 MB limit"):
        make_thumbnail(noisy, ThumbnailSpec(at=0.0, size=(1920, 1080), format="png"),
                       tmp_path / "n.png")
    assert not (tmp_path / "n.png").exists()
    no_partial_files(tmp_path)


def test_sizes_outside_the_limits_are_refused(clips: dict[str, Path], tmp_path: Path) -> None:
    for size, words in (("100x50", "at least 160x90"), ("2560x1440", "at most 1920x1080")):
        done = shopreel("thumbnail", clips["counter"], "--size", size, "--out-dir", tmp_path)
        assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


# --- many inputs ---


def test_folder_with_a_corrupt_video_does_the_others_and_reports_it(
        clips: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "videos"
    folder.mkdir()
    for name in ("a.mp4", "b.mov", "c d.mkv"):
        shutil.copy(clips["counter"], folder / name)
    data = clips["counter"].read_bytes()
    (folder / "broken.mp4").write_bytes(data[: len(data) // 3])
    (folder / "notes.txt").write_text("not a video\n")
    out = tmp_path / "thumbs"
    done = shopreel("thumbnail", folder, "--out-dir", out, "--jobs", "3", "--progress", "json")
    assert done.returncode == 2, done.stderr
    events = json_events(done)
    errors = [e for e in events if e["event"] == "error"]
    assert [e["input"] for e in errors] == [str(folder / "broken.mp4")]
    assert "broken.mp4" in errors[0]["message"] and "incomplete" in errors[0]["message"]
    assert sorted(p.name for p in out.iterdir()) == ["a.jpg", "b.jpg", "c d.jpg"]
    for thumb in out.iterdir():
        with Image.open(thumb) as image:
            image.load()  # complete files only
    progress = [e["done"] for e in events if e["event"] == "progress"]
    assert progress == [1, 2, 3, 4]
    assert events[-1] == {"event": "done", "written": 3, "failed": 1}
    no_partial_files(tmp_path)


def test_batch_reports_each_bad_input_once_and_keeps_going(clips: dict[str, Path],
                                                           tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    text = tmp_path / "fake.mp4"
    text.write_text("hello\n")
    good = shutil.copy(clips["counter"], tmp_path / "good.mp4")
    done = shopreel("thumbnail", empty, text, tmp_path / "missing.mp4", good, "--at", "1",
                    "--progress", "none")
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("shopreel: error:")]
    assert len(errors) == 3, done.stderr
    assert any("empty" in e and "no videos in this folder" in e for e in errors)
    assert any("fake.mp4" in e and "not a video" in e for e in errors)
    assert any("missing.mp4" in e and "not found" in e for e in errors)
    assert "3 of 4 inputs failed; 1 thumbnail written" in done.stderr
    assert (tmp_path / "good.jpg").is_file() and "Wrote" in done.stdout
    assert "Traceback" not in done.stderr


def test_output_folder_that_cannot_be_written_is_named(clips: dict[str, Path],
                                                       tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("notes\n")
    done = shopreel("thumbnail", clips["counter"], "--out-dir", blocker / "thumbs")
    one_error(done, "file.txt", "is a file, not a folder")
    assert blocker.read_text() == "notes\n"


def test_a_missing_logo_is_named_once_for_the_whole_batch(clips: dict[str, Path],
                                                          tmp_path: Path) -> None:
    done = shopreel("thumbnail", clips["counter"], clips["square"], "--logo",
                    tmp_path / "logo.png", "--out-dir", tmp_path / "out")
    one_error(done, "logo.png", "logo file not found")
    assert not (tmp_path / "out").exists()


def test_an_image_shopreel_did_not_make_is_not_overwritten(clips: dict[str, Path],
                                                          tmp_path: Path) -> None:
    video = Path(shutil.copy(clips["counter"], tmp_path / "kiste.mp4"))
    photo = tmp_path / "kiste.jpg"
    Image.new("RGB", (50, 50), "red").save(photo)
    original = photo.read_bytes()
    one_error(shopreel("thumbnail", video, "--at", "1"), "kiste.jpg", "not made by ShopReel",
              "--force")
    assert photo.read_bytes() == original
    assert shopreel("thumbnail", video, "--at", "1", "--force").returncode == 0
    assert read_record(photo) is not None
    # Its own thumbnails it replaces without asking.
    assert shopreel("thumbnail", video, "--at", "2").returncode == 0
    assert read_record(photo)["at"] == 2.0


def test_running_again_keeps_the_choice_and_leaves_an_unchanged_file_alone(
        clips: dict[str, Path], tmp_path: Path) -> None:
    first = make_thumbnail(clips["segments"], ThumbnailSpec(), tmp_path / "t.jpg")
    stamp = first.path.stat().st_mtime_ns
    again = make_thumbnail(clips["segments"], ThumbnailSpec(), tmp_path / "t.jpg")
    assert (again.choice, again.seconds) == ("recorded", first.seconds)
    assert first.path.stat().st_mtime_ns == stamp  # same bytes: not written again
    retitled = make_thumbnail(clips["segments"], ThumbnailSpec(design=Design(title="Neu")),
                              tmp_path / "t.jpg")
    assert (retitled.choice, retitled.seconds) == ("recorded", first.seconds)
    assert first.path.stat().st_mtime_ns != stamp


def test_contact_sheet_shows_the_best_candidates(clips: dict[str, Path], tmp_path: Path) -> None:
    result = make_thumbnail(clips["segments"], ThumbnailSpec(candidates=6), tmp_path / "s.jpg")
    assert result.contact_sheet == tmp_path / "s.candidates.jpg"
    with Image.open(result.contact_sheet) as sheet:
        assert sheet.width > 3 * 320 and sheet.height > 2 * 180
    assert len(read_record(result.contact_sheet)["contact_sheet"]) == 6


def test_cancel_leaves_nothing_behind(clips: dict[str, Path], tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        make_thumbnail(clips["segments"], ThumbnailSpec(), tmp_path / "t.jpg", cancel=token)
    assert list(tmp_path.iterdir()) == []


# --- projects: the render flow ---


@dataclass(frozen=True)
class Rendered:
    project: Path
    events: list[dict]  # what `shopreel render --progress json` printed


@pytest.fixture(scope="module")
def rendered(clips: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """A branded project rendered by ``shopreel render``: intro, a caption, an end card."""
    folder = tmp_path_factory.mktemp("thumbproject")
    path = write_project(folder, {
        "title": "Kiste", "clips": [{"path": str(clips["segments"])}],
        "intro": {"title": "Kiste", "duration": 1.0}, "outro": {"text": "Kaufen", "duration": 1.0},
        # Over the first half of the sharp part (output time = source time + 2/3 s of intro).
        "captions": [{"text": "Heute ohne Versand", "start": 5.2, "end": 5.9}],
        "thumbnail": {"at": "auto", "title": "Bio-Kiste"},
    }, name="kiste.shopreel.json")
    done = shopreel("render", path, "--progress", "json")
    assert done.returncode == 0, done.stderr
    return Rendered(path, json_events(done))


def test_render_writes_the_thumbnail_beside_the_video(rendered: Rendered) -> None:
    final = rendered.events[-1]
    thumb = Path(final["thumbnail"])
    assert final["event"] == "done" and thumb == Path(final["output"]).with_suffix(".jpg")
    record = read_record(thumb)
    assert record["choice"] == "auto"
    # From the sharp part, after the intro, before the end card, and clear of the caption.
    at = record["at"]
    assert 2 / 3 + SHARP[0] <= at + 1e-6 and at < 7 + 1 / 3 - 1.0, at
    assert not 5.2 <= at < 5.9, at


def test_thumbnail_of_a_project_keeps_its_recorded_frame(rendered: Rendered) -> None:
    project = rendered.project
    before = read_record(project.with_name("kiste.jpg"))["at"]
    done = shopreel("thumbnail", project, "--title", "Neuer Titel", "--progress", "json")
    assert done.returncode == 0, done.stderr
    (event,) = [e for e in json_events(done) if e["event"] == "thumbnail"]
    assert (event["choice"], event["at"]) == ("recorded", before)
    done = shopreel("thumbnail", project, "--fresh", "--progress", "json")
    (event,) = [e for e in json_events(done) if e["event"] == "thumbnail"]
    assert (event["choice"], event["at"]) == ("auto", before)  # the same video, the same choice


def test_project_thumbnail_time_outside_the_video_is_named_before_rendering(
        clips: dict[str, Path], tmp_path: Path) -> None:
    path = write_project(tmp_path, {"clips": [{"path": str(clips["counter"])}], "intro": None,
                                    "thumbnail": {"at": 30}})
    one_error(shopreel("render", path), "thumbnail.at", "past the end")
    assert not (tmp_path / "test.mp4").exists()


def test_project_not_rendered_yet_says_how_to_render_it(clips: dict[str, Path],
                                                       tmp_path: Path) -> None:
    path = write_project(tmp_path, {"clips": [{"path": str(clips["counter"])}]})
    one_error(shopreel("thumbnail", path), "has not been rendered yet",
              f"shopreel render {path}")


def test_showinfo_lines_are_matched_to_their_inputs(clips: dict[str, Path]) -> None:
    info = probe(clips["segments"])
    command = keyframe_command("ffmpeg", clips["segments"], info, [1.0, 2.0, 3.0], (320, 180))
    graph = command[command.index("-filter_complex") + 1]
    per_chain = graph.split(";")[0].count(",") + 1
    stderr = "".join(f"[Parsed_showinfo_{chain * per_chain + 1} @ 0x1] n:   0 pts: 1 "
                     f"pts_time:{seconds}\n" for chain, seconds in ((2, 2.5), (0, 0.5)))
    assert showinfo_times(stderr, 3, info, (320, 180)) == {0: 0.5, 2: 2.5}
