"""Long work off the UI thread through one helper.

A core generator (render, later thumbnails, publish, upload) runs in a QThread; each yielded
progress event becomes a signal for the progress bar, ``cancel()`` sets the core's CancelToken,
and errors arrive as the typed exception for the dialog. Workers get a snapshot (the frozen
project or a plan), never live GUI objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from shopreel.video.runner import CancelToken


class GeneratorWorker(QObject):
    """Runs ``job(cancel_token)`` (an iterator of progress events) on its own thread."""

    progressed = Signal(object)  # each yielded event
    succeeded = Signal()
    failed = Signal(object)  # the exception (ShopReelError or unexpected)
    finished = Signal()  # after succeeded or failed, always

    def __init__(self, job: Callable[[CancelToken], Iterator[Any]]) -> None:
        super().__init__()
        self._job = job
        self._token = CancelToken()
        self._thread = QThread()
        self.moveToThread(self._thread)
        self._thread.started.connect(self._run)
        self.finished.connect(self._thread.quit)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._token.cancel()

    def wait(self, milliseconds: int = 30_000) -> bool:
        return self._thread.wait(milliseconds)

    def _run(self) -> None:
        try:
            for event in self._job(self._token):
                self.progressed.emit(event)
        except BaseException as exc:  # reported to the UI thread, never lost in this one
            self.failed.emit(exc)
        else:
            self.succeeded.emit()
        finally:
            self.finished.emit()
