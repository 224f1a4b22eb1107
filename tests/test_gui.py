"""The desktop editor drives the same functions as the command line, off the UI thread.

The real window runs offscreen: clips are imported by the same code path as a drop, edited by
undo commands, saved and reopened, rendered, cancelled and published.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from conftest import write_project  # noqa: E402
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from shopreel.app.gui.document import project_data  # noqa: E402
from shopreel.app.gui.main_window import MainWindow  # noqa: E402
from shopreel.video.errors import RenderError  # noqa: E402
from shopreel.video.project import load_project  # noqa: E402
from shopreel.video.runner import Progress  # noqa: E402
from shopreel.video.synth import make_clip  # noqa: E402


def make_window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # never a blocking question
    window.show()
    return window


def settle(qtbot, window: MainWindow, timeout: int = 30_000) -> None:
    """Wait until thumbnails and the preview frame are done."""
    qtbot.waitUntil(lambda: not window.library.busy and not window.preview.busy, timeout=timeout)


def test_import_trim_caption_undo_redo_save_and_reopen(qtbot, tmp_path: Path,
                                                       media: dict[str, Path]) -> None:
    window = make_window(qtbot)
    assert window.windowTitle().startswith("Untitled")
    # Dropped files arrive through MediaBin.dropEvent -> files_dropped -> import_files.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(media["counter"])), QUrl.fromLocalFile(str(media["still"]))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.imported, timeout=10_000):
        window.bin.dropEvent(drop)
    assert [Path(c.path).name for c in window.project.clips] == ["counter.mp4", "Packshot Äpfel's.jpg"]
    assert window.storyboard.count() == 2 and window.isWindowModified()
    settle(qtbot, window)
    assert window.bin.count() == 2 and "0:02.4" in window.bin.item(0).text()

    # Trim the first clip in the trim bar, as a user types it.
    window.storyboard.setCurrentRow(0)
    window.trim.trim_in.setValue(0.5)
    window.trim.trim_in.editingFinished.emit()
    window.trim.trim_out.setValue(1.5)
    window.trim.trim_out.editingFinished.emit()
    assert (window.project.clips[0].in_, window.project.clips[0].out) == (0.5, 1.5)

    # A caption through the table: add a row, type the text.
    window.inspector.setCurrentWidget(window.captions_panel)
    assert window.captions_panel.add_caption(start=0.2, end=1.0)
    table = window.captions_panel.table
    table.item(0, 0).setText("Jetzt kaufen")
    assert window.project.captions[0].text == "Jetzt kaufen"
    window.undo_action.trigger()
    assert window.project.captions[0].text != "Jetzt kaufen"
    assert table.item(0, 0).text() == window.project.captions[0].text
    window.redo_action.trigger()
    assert table.item(0, 0).text() == "Jetzt kaufen"

    target = tmp_path / "edited.shopreel.json"
    assert window.save_to(target)
    assert not window.isWindowModified() and window.windowTitle().startswith("edited")
    saved = window.project
    settle(qtbot, window)
    window.close()

    again = make_window(qtbot)
    assert again.open_project(target)
    assert project_data(again.project) == project_data(saved)
    assert again.project == load_project(target) == saved
    assert again.captions_panel.table.rowCount() == 1
    settle(qtbot, again)


def test_a_bad_edit_is_refused_and_the_project_stays(qtbot, tmp_path: Path,
                                                     media: dict[str, Path]) -> None:
    project = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}],
                                       "captions": [{"text": "A", "start": 0.2, "end": 1.0}]})
    window = make_window(qtbot)
    window.open_project(project)
    before = window.project
    window.captions_panel.table.item(0, 2).setText("0.1")  # end before start
    assert window.project == before and not window.isWindowModified()
    assert "captions[0].end" in window.status.text()
    assert window.captions_panel.table.item(0, 2).text() == "0:01"
    settle(qtbot, window)


def test_render_then_cancel_leaves_no_file_and_the_window_usable(qtbot, tmp_path: Path) -> None:
    long_clip = make_clip(tmp_path / "long.mp4", size=(640, 360), seconds=20)
    project = write_project(tmp_path, {"clips": [{"path": str(long_clip)}],
                                       "output": {"size": "1280x720", "encoder_speed": "slow"}})
    window = make_window(qtbot)
    window.open_project(project)
    assert window.start_render()
    assert not window.render_button.isEnabled()
    qtbot.waitUntil(lambda: window.progress.value() > 0, timeout=30_000)
    with qtbot.waitSignal(window.render_finished, timeout=30_000) as finished:
        window.cancel_render()
    assert finished.args == [False]
    assert "Cancelled" in window.status.text()
    assert not (tmp_path / "test.mp4").exists()
    assert not list(tmp_path.glob(".*part*"))
    # Still usable: edits, undo and a new job are possible.
    assert window.render_button.isEnabled()
    assert window.document.set_value("title", ("title",), "Nach dem Abbruch")
    window.undo_action.trigger()
    assert window.project.title == ""
    settle(qtbot, window)


def test_render_writes_the_same_video_as_the_command_line(qtbot, tmp_path: Path,
                                                          media: dict[str, Path]) -> None:
    project = write_project(tmp_path, {"clips": [
        {"path": str(media["counter"]), "in": 0.5, "out": 1.5},
        {"path": str(media["still"]), "duration": 0.5}], "intro": None})
    window = make_window(qtbot)
    window.open_project(project)
    with qtbot.waitSignal(window.render_finished, timeout=60_000) as done:
        window.start_render()
    assert done.args == [True]
    assert window.last_output == tmp_path / "test.mp4" and window.last_output.exists()
    assert window.progress.value() == 1000
    settle(qtbot, window)


def test_a_render_failing_midway_shows_the_hint_and_keeps_the_project(
        qtbot, tmp_path: Path, media: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    project = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]})

    def failing(plan, cancel=None):
        yield Progress(0.3, 0.5, 2.0, 0.1)
        raise RenderError("ffmpeg stopped: No space left on device",
                          "the disk is full; free some space", cmd=["ffmpeg", "-i", "x"],
                          stderr_tail="[out] No space left on device")

    monkeypatch.setattr("shopreel.app.gui.main_jobs.render", failing)
    window = make_window(qtbot)
    window.open_project(project)
    before = project.read_bytes()
    with qtbot.waitSignal(window.render_finished, timeout=20_000) as done:
        window.start_render()
    assert done.args == [False]
    box = window.last_error
    assert box is not None and box.isVisible()
    assert "No space left" in box.text() and "disk is full" in box.informativeText()
    assert "ffmpeg -i x" in box.detailedText()
    box.accept()
    assert project.read_bytes() == before and not window.isWindowModified()
    assert window.render_button.isEnabled()
    settle(qtbot, window)


def test_publish_a_tiny_project_from_the_window(qtbot, tmp_path: Path,
                                                media: dict[str, Path]) -> None:
    project = write_project(tmp_path, {
        "title": "Kiste", "clips": [{"path": str(media["counter"]), "out": 1.5}], "intro": None,
        "publish": {"page_url": "https://shop.example/kiste", "video_url": "https://shop.example/k.mp4",
                    "thumbnail_url": "https://shop.example/k.jpg", "description": "Eine Kiste.",
                    "sitemap": "site/video-sitemap.xml"}})
    window = make_window(qtbot)
    window.open_project(project)
    window.publish()
    qtbot.waitUntil(lambda: window.checklist is not None and window.checklist.isVisible(),
                    timeout=30_000)
    texts = [window.checklist.table.topLevelItem(i).text(1)
             for i in range(window.checklist.table.topLevelItemCount())]
    assert texts and "rendered" not in " ".join(texts)
    with qtbot.waitSignal(window.published, timeout=90_000) as published:
        window.checklist.publish_button.click()
    result = published.args[0]
    assert result.video.exists() and (tmp_path / "site" / "video-sitemap.xml").exists()
    summary = window.summary
    assert summary is not None and summary.isVisible()
    assert summary.copy_button.isEnabled() and summary.page_button.isEnabled()
    summary.copy_snippet()
    from PySide6.QtGui import QGuiApplication
    assert "<video" in QGuiApplication.clipboard().text()
    summary.accept()
    settle(qtbot, window)


def test_dropping_a_non_media_file_explains_and_changes_nothing(qtbot, tmp_path: Path,
                                                                media: dict[str, Path]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a video")
    fake = tmp_path / "broken.mp4"
    fake.write_bytes(b"\x00" * 100)
    window = make_window(qtbot)
    problems = window.import_files([notes, fake])
    assert len(problems) == 2 and "notes.txt" in problems[0]
    assert not window.project.clips and not window.isWindowModified()
    assert window.last_error is not None and window.last_error.isVisible()
    window.last_error.accept()
    # A sound file becomes the music, a folder is imported file by file.
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.mp4").write_bytes(media["no_audio"].read_bytes())
    assert window.import_files([folder]) == []
    assert len(window.project.clips) == 1
    settle(qtbot, window)


def test_a_missing_clip_is_shown_and_can_be_relinked(qtbot, tmp_path: Path,
                                                     media: dict[str, Path]) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(media["no_audio"].read_bytes())
    project = write_project(tmp_path, {"clips": [{"path": "clip.mp4"}]})
    moved = tmp_path / "moved"
    moved.mkdir()
    clip.rename(moved / "clip.mp4")
    window = make_window(qtbot)
    assert window.open_project(project)
    assert window.bin.missing() == ["clip.mp4"]
    assert "missing" in window.bin.item(0).text()
    qtbot.waitUntil(lambda: not window.preview.busy, timeout=20_000)
    assert "No preview" in window.preview.view.text()
    assert window.relink("clip.mp4", moved / "clip.mp4")
    assert window.project.clips[0].path == "moved/clip.mp4"
    assert window.bin.missing() == []
    settle(qtbot, window)
    assert window.preview.image is not None


def test_a_broken_project_shows_one_line_and_keeps_the_open_one(qtbot, tmp_path: Path,
                                                                 media: dict[str, Path]) -> None:
    good = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]})
    bad = tmp_path / "bad.shopreel.json"
    bad.write_text('{"version": 1, "clips": [{"path": "a.mp4", "inn": 1}]}')
    window = make_window(qtbot)
    window.open_project(good)
    assert not window.open_project(bad)
    assert "clips[0].inn: unknown key" in window.status.text()
    assert window.project_path == good
    window.last_error.accept()
    settle(qtbot, window)


def test_the_event_loop_stays_responsive_during_a_render(qtbot, tmp_path: Path) -> None:
    """Timer jitter on the UI thread while a render runs (the issue's limit: under 100 ms)."""
    clip = make_clip(tmp_path / "clip.mp4", size=(640, 360), seconds=6)
    project = write_project(tmp_path, {"clips": [{"path": str(clip)}], "intro": None,
                                       "captions": [{"text": "Jetzt", "start": 1, "end": 4}]})
    window = make_window(qtbot)
    window.open_project(project)
    settle(qtbot, window)
    jitter = measure_jitter(qtbot, window)
    print(jitter)  # the figure for bench/README.md (pytest -s)
    assert jitter.ticks > 20
    # The target (under 100 ms) is a timing figure: measured and recorded with
    # bench/gui_jitter.py, not asserted here, where a shared CI machine adds noise.
    # A UI thread that waited for the render would be late by seconds; this catches that.
    assert jitter.worst_ms < 500, jitter


class Jitter:
    def __init__(self) -> None:
        self.ticks = 0
        self.worst_ms = 0.0
        self.last = time.perf_counter()

    def tick(self, interval_ms: float) -> None:
        now = time.perf_counter()
        self.worst_ms = max(self.worst_ms, (now - self.last) * 1000 - interval_ms)
        self.last = now
        self.ticks += 1

    def __repr__(self) -> str:
        return f"Jitter(ticks={self.ticks}, worst_ms={self.worst_ms:.1f})"


def measure_jitter(qtbot, window: MainWindow, interval_ms: int = 10) -> Jitter:
    """Run a render and measure how late a 10 ms UI timer fires (test-only helper)."""
    jitter = Jitter()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: jitter.tick(interval_ms))
    with qtbot.waitSignal(window.render_finished, timeout=60_000):
        window.start_render()
        jitter.last = time.perf_counter()
        timer.start(interval_ms)
    timer.stop()
    return jitter
