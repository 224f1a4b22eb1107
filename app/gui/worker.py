"""Long work off the UI thread through one helper.

A core generator (render, thumbnails, publish, upload) runs in a QThread; each yielded
progress event becomes a signal for the progress bar, ``cancel()`` sets the core's CancelToken,
and errors arrive as the typed exception for the dialog. The generator's return value (a
PublishResult, a preview frame ...) arrives with ``returned``. Workers get a snapshot (the
frozen project or a plan), never live GUI objects.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal

from shopreel.video.runner import CancelToken, Followed


class GeneratorWorker(QObject):
    """Runs ``job(cancel_token)`` (an iterator of progress events) on its own thread."""

    progressed = Signal(object)  # each yielded event
    returned = Signal(object)  # the generator's return value, before succeeded
    succeeded = Signal()
    failed = Signal(object)  # the exception (ShopReelError or unexpected)
    finished = Signal()  # after succeeded or failed, always

    def __init__(self, job: Callable[[CancelToken], Iterator[Any]]) -> None:
        super().__init__()
        self._job = job
        self._token = CancelToken()
        self.result: Any = None
        self.error: BaseException | None = None
        self._thread = QThread()
        self.moveToThread(self._thread)
        self._thread.started.connect(self._run)
        # Direct: the thread ends itself, so wait() from the UI thread never waits for the UI.
        self.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)

    @property
    def cancelled(self) -> bool:
        return self._token.cancelled

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._token.cancel()

    def wait(self, milliseconds: int = 30_000) -> bool:
        return self._thread.wait(milliseconds)

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def _run(self) -> None:
        try:
            followed = Followed(self._job(self._token))
            for event in followed:
                self.progressed.emit(event)
            self.result = followed.result
        except BaseException as exc:  # reported to the UI thread, never lost in this one
            self.error = exc
            self.failed.emit(exc)
        else:
            self.returned.emit(self.result)
            self.succeeded.emit()
        finally:
            self.finished.emit()


def call(function: Callable[[CancelToken], Any]) -> Callable[[CancelToken], Generator[Any, None, Any]]:
    """A plain function as a job without progress: its result arrives with ``returned``."""
    def job(token: CancelToken) -> Generator[Any, None, Any]:
        return function(token)
        yield  # makes this a generator

    return job


class LatestWins(QObject):
    """Runs one job at a time; a request made meanwhile replaces any earlier waiting one.

    Used for previews: while a frame is being drawn, only the newest request is kept, so the
    preview follows the user without queueing stale work and the UI never waits.
    """

    done = Signal(object, object)  # (request key, result)
    error = Signal(object, object)  # (request key, exception)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: GeneratorWorker | None = None
        self._waiting: tuple[object, Callable[[CancelToken], Any]] | None = None

    @property
    def busy(self) -> bool:
        return self._worker is not None or self._waiting is not None

    def request(self, key: object, function: Callable[[CancelToken], Any]) -> None:
        self._waiting = (key, function)
        if self._worker is None:
            self._next()

    def _next(self) -> None:
        if self._waiting is None:
            self.idle.emit()
            return
        key, function = self._waiting
        self._waiting = None
        worker = GeneratorWorker(call(function))
        worker.returned.connect(lambda result: self._report(self.done, key, result))
        worker.failed.connect(lambda exc: self._report(self.error, key, exc))
        worker.finished.connect(self._finished)
        self._worker = worker
        worker.start()

    def _report(self, signal: Any, key: object, value: object) -> None:
        # Results overtaken by a newer request are still shown: while the user drags the
        # playhead, the preview keeps up in steps instead of waiting for the drag to end.
        signal.emit(key, value)

    def _finished(self) -> None:
        if self._worker is not None:
            self._worker.wait()
        self._worker = None
        self._next()

    def shutdown(self) -> None:
        self._waiting = None
        if self._worker is not None:
            self._worker.cancel()
            self._worker.wait()
            self._worker = None
