"""The job bar: one long job at a time (render, publish, thumbnails, quick preview) with a
progress bar, the time left and Cancel. The job runs on a GeneratorWorker; the window stays live."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Generator
from typing import Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from shopreel.app.gui.worker import GeneratorWorker
from shopreel.video.errors import Cancelled
from shopreel.video.runner import CancelToken

# QT_TRANSLATE_NOOP returns its text unchanged (it only marks it for lupdate); the stubs say object.
STAGES = cast("dict[str, str]", {
    "loudness": QT_TRANSLATE_NOOP("JobBar", "Measuring the sound"),
    "render": QT_TRANSLATE_NOOP("JobBar", "Rendering"),
    "check": QT_TRANSLATE_NOOP("JobBar", "Checking"),
    "thumbnail": QT_TRANSLATE_NOOP("JobBar", "Making the thumbnail"),
    "done": QT_TRANSLATE_NOOP("JobBar", "Finishing")})


def eta_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = max(0, round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class JobBar(QWidget):
    started = Signal(str)  # the job's name
    finished = Signal(str, bool, object)  # name, succeeded, result or exception

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker: GeneratorWorker | None = None
        self.name = ""
        self._started = 0.0
        self._cancelled = False
        self._on_done: Callable[[Any], None] | None = None
        self._on_error: Callable[[object], None] | None = None
        self._closed = False  # after shutdown(): no new job, no callbacks
        self.label = QLabel(self.tr("Ready"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setToolTip(self.tr("Progress of the running job"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the running job; nothing half-written is kept"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.progress, 2)
        layout.addWidget(self.cancel_button)

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def run(self, name: str, title: str, job: Callable[[CancelToken], Generator[Any, None, Any]],
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[object], None] | None = None) -> bool:
        """Start ``job``; False when another job is still running (or after shutdown)."""
        if self.worker is not None or self._closed:
            return False
        self.name = name
        # Objects that exist now (the window, the project) live on; moving them out of the
        # collector's sight keeps its pauses during the job short. A full collection holds the
        # interpreter lock for tens of milliseconds in a big process, on whichever thread runs it.
        gc.freeze()
        self._on_done, self._on_error = on_done, on_error
        self._started = time.monotonic()
        self._cancelled = False
        self.worker = GeneratorWorker(job)
        self.worker.progressed.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.progress.setValue(0)
        self.label.setText(title)
        self._title = title
        self.cancel_button.setEnabled(True)
        self.started.emit(name)
        self.worker.start()
        return True

    def cancel(self) -> None:
        if self.worker is not None:
            self._cancelled = True
            self.label.setText(self.tr("Cancelling…"))
            self.worker.cancel()

    def _progress(self, event: object) -> None:
        fraction = float(getattr(event, "fraction", 0.0))
        self.progress.setValue(round(fraction * 1000))
        if self._cancelled:
            return
        stage = str(getattr(event, "stage", ""))
        elapsed = time.monotonic() - self._started
        eta = elapsed * (1 - fraction) / fraction if fraction > 0.03 else None
        text = self.tr(STAGES[stage]) if stage in STAGES else self._title
        if eta is not None:
            text = self.tr("{0}… {1}%, about {2} left").format(
                text, round(fraction * 100), eta_text(eta))
        self.label.setText(text)

    def _finished(self) -> None:
        worker = self.worker
        if worker is None:
            return
        worker.wait()
        self.worker = None
        gc.unfreeze()  # what run() set aside is collectable again: no garbage kept for good
        if self._closed:
            # The window closed while the job ended: its callbacks would start new work (the
            # quick preview starts playback) that nobody would stop or wait for.
            return
        self.cancel_button.setEnabled(False)
        error = worker.error
        name = self.name
        if error is None:
            self.progress.setValue(1000)
            self.label.setText(self.tr("Done in {0:.1f} s").format(time.monotonic() - self._started))
            if self._on_done is not None:
                self._on_done(worker.result)
            self.finished.emit(name, True, worker.result)
            return
        self.progress.setValue(0)
        if isinstance(error, (Cancelled, KeyboardInterrupt)):
            self.label.setText(self.tr("Cancelled; nothing was written"))
            self.finished.emit(name, False, Cancelled())
            return
        self.label.setText(self.tr("Failed: {0}").format(getattr(error, "message", error)))
        if self._on_error is not None:
            self._on_error(error)
        self.finished.emit(name, False, error)

    def shutdown(self) -> None:
        """Cancel the running job and wait for its thread (the window is closing)."""
        self._closed = True
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()  # if it times out, the worker module keeps the thread alive
