"""Background threads never outlive the window they report to.

Closing the window while a preview frame, playback or a job is in flight must leave no thread
running and start none: a thread left over reports into deleted objects, and its QThread being
destroyed while it runs aborts the whole process ("QThread: Destroyed while thread is still
running", then "Fatal Python error: Aborted").
"""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from conftest import write_project  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox  # noqa: E402

from shopreel.app.gui.clips import MediaLibrary  # noqa: E402
from shopreel.app.gui.main_window import MainWindow  # noqa: E402
from shopreel.app.gui.worker import (  # noqa: E402
    GeneratorWorker,
    LatestWins,
    call,
    running_workers,
    stop_all,
)


def ready_window(qtbot, tmp_path: Path, media: dict[str, Path]) -> MainWindow:
    """A window with one clip whose preview frame is shown (so it can play)."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    window.show()
    assert window.open_project(write_project(tmp_path, {"clips": [{"path": str(media["counter"])}],
                                                        "intro": None}))
    qtbot.waitUntil(lambda: window.preview.plan is not None and not window.preview.busy
                    and not window.library.busy, timeout=20_000)
    return window


def deliver_queued_events() -> None:
    """What the event loop does right after close(): the deliveries queued meanwhile."""
    for _ in range(3):
        QApplication.processEvents()


def test_closing_while_the_preview_plays_starts_no_thread(qtbot, tmp_path: Path,
                                                          media: dict[str, Path]) -> None:
    window = ready_window(qtbot, tmp_path, media)
    assert window.preview.play()
    window.close()
    # The player's "finished" is queued by now; delivered, it asks for the still frame again.
    deliver_queued_events()
    assert not window.preview.playing and not window.preview.busy
    assert running_workers() == 0


def test_a_job_ending_as_the_window_closes_starts_nothing(qtbot, tmp_path: Path,
                                                          media: dict[str, Path],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def instant(plan, cancel=None):  # a quick preview that is done before Cancel is seen
        return None
        yield

    monkeypatch.setattr("shopreel.app.gui.main_jobs.render", instant)
    window = ready_window(qtbot, tmp_path, media)
    assert window.start_quick_preview()
    window.close()  # waits for the job; its end (which would start playback) is still queued
    deliver_queued_events()
    assert not window.preview.playing and not window.preview.busy
    assert running_workers() == 0
    assert not window.jobs.run("again", "Again", call(lambda _token: None))  # no job after close


def test_latest_wins_reports_on_the_ui_thread_and_nothing_after_shutdown(qtbot) -> None:
    latest = LatestWins()
    reports: list[tuple[object, object, bool]] = []
    latest.done.connect(lambda key, value: reports.append(
        (key, value, threading.current_thread() is threading.main_thread())))
    with qtbot.waitSignal(latest.idle, timeout=10_000):
        latest.request("a", lambda _token: 1)
    assert reports == [("a", 1, True)]
    latest.request("b", lambda _token: threading.Event().wait(0.2))
    latest.shutdown()
    latest.request("c", lambda _token: 3)
    deliver_queued_events()
    assert not latest.busy and running_workers() == 0
    assert reports == [("a", 1, True)]


def test_a_running_worker_survives_losing_its_last_reference(qtbot) -> None:
    release = threading.Event()
    worker = GeneratorWorker(call(lambda _token: release.wait(10)))
    worker.start()
    del worker
    gc.collect()  # before the fix: QThread destroyed while running, the process aborted here
    assert running_workers() == 1
    release.set()
    assert stop_all(10_000)
    assert running_workers() == 0


def test_the_media_library_takes_no_request_after_shutdown(qtbot, media: dict[str, Path]) -> None:
    library = MediaLibrary()
    library.shutdown()
    library.request(media["counter"])  # a list refreshed during the window's teardown
    assert not library.busy


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_the_qt_binding_keeps_its_references_to_none(qtbot) -> None:
    """PySide6 6.12.0 (abi3) on Python 3.10/3.11 returns None from every call that returns
    nothing without counting the reference. Each call takes one reference to None away; after
    some ten thousand calls (minutes of playback or dragging) the process dies with "Fatal
    Python error: none_dealloc". pyproject.toml excludes that release below Python 3.12."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    lost = before - sys.getrefcount(None)
    import PySide6

    assert lost < 100, (f"PySide6 {PySide6.__version__} lost {lost} references to None in 1000 "
                        "calls: install another release (pip install 'pyside6-essentials<6.12')")
