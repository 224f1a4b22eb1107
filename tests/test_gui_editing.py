"""Editing in the window: the trim slider, the overlays' times and the output's fps/quality.

Each edit is one undo command, validated by the same reader as a project file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from conftest import write_project  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from shopreel.app.gui.main_window import MainWindow  # noqa: E402
from shopreel.video.project import load_project  # noqa: E402

FRAME = 1 / 30


def open_window(qtbot, tmp_path: Path, media: dict[str, Path]) -> MainWindow:
    path = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]})
    window = MainWindow()
    qtbot.addWidget(window)
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    window.show()
    assert window.open_project(path)
    qtbot.waitUntil(lambda: not window.library.busy and not window.preview.busy, timeout=30_000)
    window.storyboard.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.trim.slider.isVisible(), timeout=10_000)
    return window


def at(slider, seconds: float) -> QPoint:
    return QPoint(round(slider.x_of(seconds)), slider.height() // 2)


def test_dragging_the_trim_handles_is_one_undo_step_each(qtbot, tmp_path: Path,
                                                          media: dict[str, Path]) -> None:
    window = open_window(qtbot, tmp_path, media)
    slider, stack = window.trim.slider, window.document.undo_stack
    original = window.project
    assert slider.length == pytest.approx(2.4, abs=0.05) and slider.toolTip()
    steps = stack.count()

    # Drag the in handle from 0 to 0.5 s through several moves: the spin box follows at once,
    # the project only on release.
    left = Qt.MouseButton.LeftButton
    QTest.mousePress(slider, left, Qt.KeyboardModifier.NoModifier, at(slider, 0))
    for seconds in (0.1, 0.3, 0.5):
        QTest.mouseMove(slider, at(slider, seconds))
    assert window.trim.trim_in.value() == pytest.approx(0.5, abs=0.05)
    assert window.project is original and stack.count() == steps
    QTest.mouseRelease(slider, left, Qt.KeyboardModifier.NoModifier, at(slider, 0.5))
    assert window.project.clips[0].in_ == pytest.approx(0.5, abs=0.05)
    assert stack.count() == steps + 1

    # The out handle, from the end to 1.8 s.
    QTest.mousePress(slider, left, Qt.KeyboardModifier.NoModifier, at(slider, slider.length))
    QTest.mouseMove(slider, at(slider, 2.0))
    QTest.mouseMove(slider, at(slider, 1.8))
    QTest.mouseRelease(slider, left, Qt.KeyboardModifier.NoModifier, at(slider, 1.8))
    out = window.project.clips[0].out
    assert out == pytest.approx(1.8, abs=0.05) and stack.count() == steps + 2
    assert window.trim.trim_out.value() == pytest.approx(out, abs=0.005)
    after_drags = window.project

    # Keys move the focused (last dragged: out) handle by a frame, with Shift by a second.
    slider.setFocus()
    QTest.keyClick(slider, Qt.Key.Key_Left)
    assert window.project.clips[0].out == pytest.approx(out - FRAME, abs=0.002)
    QTest.keyClick(slider, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert window.project.clips[0].out == pytest.approx(out - FRAME - 1, abs=0.002)
    assert slider.high == pytest.approx(window.trim.trim_out.value())
    # Shift+Tab goes from the out handle back to the in handle (still inside the slider).
    QTest.keyClick(slider, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(slider, Qt.Key.Key_Right)
    assert window.project.clips[0].in_ == pytest.approx(after_drags.clips[0].in_ + FRAME,
                                                        abs=0.002)
    # The in handle never passes the out handle.
    QTest.keyClick(slider, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.project.clips[0].in_ < window.project.clips[0].out

    for _ in range(4):
        window.undo_action.trigger()
    assert window.project == after_drags
    window.undo_action.trigger()  # the out drag
    assert window.project.clips[0].out is None and window.project.clips[0].in_ is not None
    assert slider.high == pytest.approx(slider.length)
    window.undo_action.trigger()  # the in drag
    assert window.project == original
    assert slider.low == 0 and window.trim.trim_in.value() == 0


def test_the_logo_and_address_times_are_edited_by_undo_commands(qtbot, tmp_path: Path,
                                                                media: dict[str, Path]) -> None:
    window = open_window(qtbot, tmp_path, media)
    panel = window.branding_panel
    window.inspector.setCurrentWidget(panel)
    assert window.project.overlays.logo.from_ == "after-intro"
    assert not panel.logo_from_seconds.isEnabled()

    # "At a time", then 1.5 s.
    panel.logo_from.setCurrentIndex(panel.logo_from.count() - 1)
    panel.logo_from.activated.emit(panel.logo_from.count() - 1)
    assert panel.logo_from_seconds.isEnabled()
    panel.logo_from_seconds.setValue(1.5)
    panel.logo_from_seconds.editingFinished.emit()
    assert window.project.overlays.logo.from_ == 1.5

    # The address starts with the video.
    index = panel.url_from.findData("start")
    panel.url_from.setCurrentIndex(index)
    panel.url_from.activated.emit(index)
    assert window.project.overlays.url.from_ == "start"

    window.undo_action.trigger()
    assert window.project.overlays.url.from_ == "after-intro"
    assert panel.url_from.currentData() == "after-intro"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.project.overlays.logo.from_ == "after-intro"
    assert panel.logo_from.currentData() == "after-intro" and not panel.logo_from_seconds.isEnabled()

    # A time that is saved shows as seconds, and survives a save.
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert panel.logo_from_seconds.value() == 1.5
    target = tmp_path / "saved.shopreel.json"
    assert window.save_to(target)
    assert load_project(target).overlays.logo.from_ == 1.5

    # With the logo switched off the fields show the default, and nothing breaks.
    window.document.edit("Logo off", lambda data: data.setdefault("overlays", {}).update(logo=None))
    assert window.project.overlays.logo is None
    assert panel.logo_from.currentData() == "after-intro"
    window.undo_action.trigger()
    assert panel.logo_from_seconds.value() == 1.5


def test_output_fps_and_quality_are_edited_by_undo_commands(qtbot, tmp_path: Path,
                                                            media: dict[str, Path]) -> None:
    window = open_window(qtbot, tmp_path, media)
    panel = window.output_panel
    output = window.project.output
    assert output.fps is None and output.crf is None
    assert panel.fps.text() == "preset default" and panel.crf.text() == "preset default"

    panel.fps.setValue(25)
    assert window.project.output.fps == 25
    panel.crf.setValue(20)
    assert window.project.output.crf == 20 and isinstance(window.project.output.crf, int)
    speed = panel.findChildren(type(window.branding_panel.logo_from))
    combo = next(c for c in speed if c.findData("slow") >= 0)
    combo.activated.emit(combo.findData("slow"))
    assert window.project.output.encoder_speed == "slow"

    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.project.output.crf is None and window.project.output.fps == 25
    assert panel.crf.text() == "preset default"
    # Back to "preset default": the lowest value clears it.
    panel.fps.setValue(panel.fps.minimum())
    assert window.project.output.fps is None
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.project.output == output
