"""The desktop window drives the same render as the command line, off the UI thread."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from conftest import write_project  # noqa: E402

from shopreel.app.gui.main_window import MainWindow  # noqa: E402
from shopreel.video.synth import make_clip  # noqa: E402


def test_open_and_render_a_project(qtbot, tmp_path: Path, media: dict[str, Path]) -> None:
    project = write_project(tmp_path, {"title": "GUI", "clips": [
        {"path": str(media["counter"]), "in": 0.5, "out": 1.5},
        {"path": str(media["still"]), "duration": 0.5}]})
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_project(project)
    assert window.clips.rowCount() == 2
    assert window.clips.item(0, 1).text() == "0:00.5"
    window.start_render()
    assert window.worker is not None and not window.render_button.isEnabled()
    qtbot.waitUntil(lambda: window.worker is None, timeout=60_000)
    assert window.last_output == tmp_path / "test.mp4"
    assert window.last_output.exists()
    assert window.progress.value() == 1000


def test_cancel_stops_the_render_and_writes_nothing(qtbot, tmp_path: Path) -> None:
    long_clip = make_clip(tmp_path / "long.mp4", size=(640, 360), seconds=20)
    project = write_project(tmp_path, {"clips": [{"path": str(long_clip)}],
                                       "output": {"size": "1280x720", "encoder_speed": "slow"}})
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(project)
    window.start_render()
    qtbot.waitUntil(lambda: window.progress.value() > 0, timeout=30_000)
    window.cancel_render()
    qtbot.waitUntil(lambda: window.worker is None, timeout=30_000)
    assert "Cancelled" in window.status.text()
    assert not (tmp_path / "test.mp4").exists()
    assert not list(tmp_path.glob(".*part*"))


def test_a_broken_project_shows_one_line_and_keeps_the_open_one(qtbot, tmp_path: Path,
                                                                 media: dict[str, Path]) -> None:
    good = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]})
    bad = tmp_path / "bad.shopreel.json"
    bad.write_text('{"version": 1, "clips": [{"path": "a.mp4", "inn": 1}]}')
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(good)
    assert not window.open_project(bad)
    assert "clips[0].inn: unknown key" in window.status.text()
    assert window.project_path == good
