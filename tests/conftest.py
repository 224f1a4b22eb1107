"""Shared fixtures: media synthesised with the bundled ffmpeg, once per test session."""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

# Real Qt, no screen: every Qt test runs on the offscreen platform.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from shopreel.video.runner import Followed, Progress  # noqa: E402
from shopreel.video.synth import make_clip, make_photo  # noqa: E402

# Small canvases keep the suite fast on two cores; a few tests render a real preset size.
TEST_SIZE = "320x180"
FPS = 30
# Gray level of frame n in the "counter" clip, so a pixel tells which source frame is shown.
COUNTER_STEP = 3


def counter_level(frame: int) -> int:
    return 16 + COUNTER_STEP * frame


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has its own editor settings file: never the user's, never another test's."""
    file = tmp_path / "settings" / "shopreel.ini"
    monkeypatch.setenv("SHOPREEL_SETTINGS", str(file))
    return file


@pytest.fixture(autouse=True)
def no_thread_outlives_its_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a GUI test (pytest-qt has closed its windows by then): no worker thread still runs.

    A thread left running reports into deleted windows and aborts the process when its QThread
    is destroyed (at exit, or by a garbage collection). The windows pytest-qt closed are then
    deleted and collected here, on the UI thread, not later by a collection that happens to run
    on some worker thread. Tests that never imported the GUI import no Qt here either.
    """
    yield
    worker = sys.modules.get("shopreel.app.gui.worker")
    if worker is None:
        return
    left = worker.running_workers()
    assert worker.stop_all(), "a background job did not stop within 30 s"
    if "qtbot" in request.fixturenames:  # only where windows were made (a collection costs)
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
    assert left == 0, f"{left} worker thread(s) still running after the test's windows closed"


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every kind of input the renderer must handle, made once."""
    folder = tmp_path_factory.mktemp("media")
    clips = {
        # Landscape with sound; every frame's gray level encodes its number; keyframes 2 s apart
        # so trims fall between keyframes.
        "counter": make_clip(folder / "counter.mp4", size=(640, 360), seconds=2.4, fps=FPS,
                             picture="color=c=black", gop=60,
                             draw=f"format=gray,geq=lum='16+{COUNTER_STEP}*N',format=yuv420p"),
        # A phone held upright (1080x1920): stored turned, with rotation metadata. Red on top.
        "portrait": make_clip(folder / "portrait phone.mp4", size=(1080, 1920), seconds=1.0,
                              picture="color=c=red",
                              draw="drawbox=x=0:y=ih/2:w=iw:h=ih/2:color=blue:t=fill",
                              display_rotation=90),
        "no_audio": make_clip(folder / "no audio.mp4", size=(320, 240), seconds=1.0, tone_hz=None),
        "mono": make_clip(folder / "mono 44k.mov", size=(640, 360), seconds=1.0,
                          sample_rate=44_100, channels=1),
        "odd": make_clip(folder / "odd size.mkv", size=(641, 361), seconds=1.0, pix_fmt="yuv444p"),
        "vfr": make_clip(folder / "vfr.mp4", size=(640, 360), seconds=3.0,
                         variable_frame_rate=True),
        "still": make_photo(folder / "Packshot Äpfel's.jpg", size=(400, 300)),
    }
    return clips


def drain(job: Generator[Progress, None, Any]) -> tuple[list[Progress], Any]:
    """Every progress event of a core job, and what it returned."""
    followed = Followed(job)
    events = list(followed)
    return events, followed.result


def write_project(folder: Path, data: dict, name: str = "test.shopreel.json") -> Path:
    """Write a project file (raw JSON, as a user would) and return its path."""
    data = {"version": 1, **data}
    data.setdefault("output", {}).setdefault("size", TEST_SIZE)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
