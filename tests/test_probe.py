"""Probing with the ffmpeg binary alone: sizes after rotation, frame rates, audio facts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shopreel.video.errors import MediaError
from shopreel.video.probe import probe
from shopreel.video.synth import make_photo


def test_landscape_clip_with_sound(media: dict[str, Path]) -> None:
    info = probe(media["counter"])
    assert info.kind == "video"
    assert (info.width, info.height) == (640, 360)
    assert (info.display_width, info.display_height) == (640, 360)
    assert info.frame_count == 72
    assert info.duration == pytest.approx(2.4, abs=1 / 30)
    assert info.fps == pytest.approx(30)
    assert not info.variable_frame_rate
    assert info.video_codec == "h264" and info.pix_fmt == "yuv420p"
    assert info.has_audio and info.sample_rate == 48_000 and info.channels == 2


def test_portrait_phone_clip_reports_upright_size(media: dict[str, Path]) -> None:
    info = probe(media["portrait"])
    assert (info.width, info.height) == (1920, 1080)  # stored turned, as phones do
    assert (info.display_width, info.display_height) == (1080, 1920)
    assert info.rotation in (90, 270)


def test_mono_44k_and_no_audio(media: dict[str, Path]) -> None:
    mono = probe(media["mono"])
    assert mono.sample_rate == 44_100 and mono.channels == 1
    silent = probe(media["no_audio"])
    assert not silent.has_audio and silent.sample_rate is None


def test_odd_size(media: dict[str, Path]) -> None:
    info = probe(media["odd"])
    assert (info.width, info.height) == (641, 361)
    assert info.pix_fmt == "yuv444p"


def test_variable_frame_rate_is_detected(media: dict[str, Path]) -> None:
    info = probe(media["vfr"])
    assert info.variable_frame_rate
    assert info.nominal_fps == pytest.approx(30)
    assert info.fps is not None and info.fps < 29  # frames were dropped after the first second


@pytest.mark.parametrize("suffix", [".jpg", ".png", ".webp"])
def test_stills_are_valid_clips(tmp_path: Path, suffix: str) -> None:
    info = probe(make_photo(tmp_path / f"photo{suffix}", size=(400, 300)))
    assert info.kind == "image" and info.is_still
    assert (info.display_width, info.display_height) == (400, 300)
    assert info.duration is None


def test_exif_orientation_turns_the_reported_size(tmp_path: Path) -> None:
    info = probe(make_photo(tmp_path / "turned.jpg", size=(400, 300), exif_orientation=6))
    assert (info.width, info.height) == (400, 300)
    assert (info.display_width, info.display_height) == (300, 400)


def test_unreadable_inputs_raise_media_errors_naming_the_file(tmp_path: Path) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("this is not a video\n")
    empty = tmp_path / "empty.mov"
    empty.write_bytes(b"")
    for path, problem in [(text, "not a video"), (empty, "empty"),
                          (tmp_path / "gone.mp4", "not found"), (tmp_path, "folder")]:
        with pytest.raises(MediaError) as caught:
            probe(path)
        assert str(path) in caught.value.message and problem in caught.value.message


def test_probe_command_prints_json(media: dict[str, Path]) -> None:
    done = subprocess.run([sys.executable, "-m", "shopreel.app", "probe", str(media["portrait"])],
                          capture_output=True, text=True, check=True)
    facts = json.loads(done.stdout)
    assert facts["display_width"] == 1080 and facts["display_height"] == 1920
    assert facts["has_audio"] is True
