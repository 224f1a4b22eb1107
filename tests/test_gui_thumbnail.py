"""Picking the thumbnail in the editor: the best frames of the rendered video as a contact sheet,
one click to use one, undoable; the same ranking as `shopreel thumbnail --candidates`."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from conftest import write_project  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from shopreel.app.gui.main_window import MainWindow  # noqa: E402
from shopreel.video.probe import probe  # noqa: E402
from shopreel.video.thumbnail import rank_candidates  # noqa: E402
from shopreel.video.thumbnail_project import project_content  # noqa: E402


def test_candidates_come_from_the_render_and_one_click_uses_one(qtbot, tmp_path: Path,
                                                                media: dict[str, Path]) -> None:
    path = write_project(tmp_path, {
        "clips": [{"path": str(media["vfr"])}, {"path": str(media["counter"])}],
        "intro": None, "overlays": {"logo": None, "url": None}})
    window = MainWindow()
    qtbot.addWidget(window)
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    window.show()
    window.open_project(path)
    panel = window.thumbnail_panel
    assert window.project.thumbnail.at == "auto"

    # Before a render there is nothing to rank: a message, no job.
    boxes: list[object] = []
    window.show_error = lambda title, exc: boxes.append((title, exc))  # type: ignore[method-assign]
    assert not window.find_thumbnail_candidates()
    assert len(boxes) == 1 and panel.candidates.count() == 0

    with qtbot.waitSignal(window.render_finished, timeout=120_000):
        assert window.start_render()
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=10_000)
    panel.search.click()  # the panel's button asks the window, which runs it in the background
    qtbot.waitUntil(lambda: panel.candidates.count() > 0, timeout=60_000)
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=10_000)

    # The sheet shows the core's ranking, best first, each with its time and a picture.
    plan = window._plan()
    assert plan is not None
    ranked = rank_candidates(plan.output, probe(plan.output), project_content(plan))
    shown = [panel.candidates.item(row).data(Qt.ItemDataRole.UserRole)
             for row in range(panel.candidates.count())]
    assert 1 <= len(shown) <= 8
    assert shown[0] in [c.seconds for c in ranked[:3]]
    assert not panel.candidates.item(0).icon().isNull()

    second = panel.candidates.item(min(1, panel.candidates.count() - 1))
    panel.candidates.itemClicked.emit(second)
    assert window.project.thumbnail.at == pytest.approx(second.data(Qt.ItemDataRole.UserRole),
                                                        abs=0.001)
    assert panel.chosen.text() != "Auto (best frame)"
    window.document.undo_stack.undo()
    assert window.project.thumbnail.at == "auto"
    window.document.undo_stack.redo()
    assert window.project.thumbnail.at != "auto"
