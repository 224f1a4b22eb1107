"""Colours survive the render: untagged HD clips are read the way players show them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from conftest import write_project
from mediacheck import FFMPEG, frame_at

from shopreel.video.probe import probe
from shopreel.video.synth import make_clip

BRICK = (0xC0, 0x40, 0x2A)


def _untagged(clip: Path) -> Path:
    """A copy whose H.264 stream says nothing about its colours (2 = unspecified)."""
    out = clip.with_name("untagged " + clip.name)
    subprocess.run([FFMPEG, "-v", "error", "-y", "-i", str(clip), "-c", "copy", "-bsf:v",
                    "h264_metadata=matrix_coefficients=2:colour_primaries=2:"
                    "transfer_characteristics=2", str(out)], check=True)
    return out


def test_probe_reports_the_tagged_colour_matrix(tmp_path: Path) -> None:
    hd = make_clip(tmp_path / "hd.mp4", size=(1280, 720), seconds=0.5, tone_hz=None)
    sd = make_clip(tmp_path / "sd.mp4", size=(320, 180), seconds=0.5, tone_hz=None)
    assert probe(hd).color_matrix == "bt709"
    assert probe(sd).color_matrix in ("bt470bg", "smpte170m")
    assert probe(_untagged(hd)).color_matrix is None


def test_an_untagged_hd_clip_keeps_its_colour(tmp_path: Path) -> None:
    clip = _untagged(make_clip(tmp_path / "brick.mp4", size=(1280, 720), seconds=0.5,
                               tone_hz=None, picture="color=c=0xC0402A"))
    assert probe(clip).color_matrix is None
    project = write_project(tmp_path, {"clips": [{"path": str(clip)}]})
    out = tmp_path / "out.mp4"
    subprocess.run([sys.executable, "-m", "shopreel.app", "render", str(project), "-o", str(out)],
                   check=True, capture_output=True)
    pixel = frame_at(out, 0.2)[90, 160].astype(int)
    assert np.abs(pixel - np.array(BRICK)).max() <= 6, pixel
