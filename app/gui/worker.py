"""Long work off the UI thread through one helper.

A core generator (render, thumbnails, publish, upload) runs in a QThread; each yielded
progress event becomes a signal for the progress bar, ``cancel()`` sets the core's CancelToken,
and errors arrive as the typed exception for the dialog. The generator's return value (a
PublishResult, a preview frame ...) arrives with ``returned``. Workers get a snapshot (the
frozen project or a plan), never live GUI objects.
"""

from __future__ import annotations

import atexit
import traceback
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal

from shopreel.video.runner import CancelToken, Followed

# Workers whose thread may still run. Qt aborts the process when a QThread object is destroyed
# while its thread runs ("QThread: Destroyed while thread is still running"), and the last Python
# reference to a worker can go at any moment: its owner (a window) deleted first, or a garbage
# collection of the owner's reference cycles. So each worker keeps itself here from start()
# until a wait() on the UI thread has seen its thread end.
_running: set[GeneratorWorker] = set()


class GeneratorWorker(QObject):
    """Runs ``job(cancel_token)`` (a generator of progress events) on its own thread."""

    progressed = Signal(object)  # each yielded event
    returned = Signal(object)  # the generator's return value, before succeeded
    succeeded = Signal()
    failed = Signal(object)  # the exception (ShopReelError or unexpected)
    finished = Signal()  # after succeeded or failed, always

    def __init__(self, job: Callable[[CancelToken], Generator[Any, None, Any]]) -> None:
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
        _reap()
        _running.add(self)
        self._thread.start()

    def cancel(self) -> None:
        self._token.cancel()

    def wait(self, milliseconds: int = 30_000) -> bool:
        if not self._thread.wait(milliseconds):
            return False  # still running: stays in _running, so its QThread is not destroyed
        _running.discard(self)
        if self.error is not None:
            # The traceback holds _run's frame, which holds self: a reference cycle that only the
            # garbage collector would free, on whichever thread it happens to run, destroying
            # this QObject and its QThread off the UI thread. The text of the traceback stays.
            traceback.clear_frames(self.error.__traceback__)
        return True

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


def _reap() -> None:
    """Forget workers whose thread ended though nobody waited for it (its owner went first)."""
    for worker in tuple(_running):
        if worker._thread.isFinished():
            worker.wait()


def running_workers() -> int:
    """How many workers' threads have not been waited for yet (the tests check it is 0)."""
    _reap()
    return len(_running)


def stop_all(milliseconds: int = 30_000) -> bool:
    """Cancel every worker still running and wait for its thread; False if one did not end.

    Runs at interpreter exit too: a thread still running Python code there would take the
    interpreter down with it while it is being finalized.
    """
    workers = tuple(_running)
    for worker in workers:
        worker.cancel()
    return all([worker.wait(milliseconds) for worker in workers])


atexit.register(stop_all)


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
        self._key: object = None  # the running worker's request key
        self._waiting: tuple[object, Callable[[CancelToken], Any]] | None = None
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._worker is not None or self._waiting is not None

    def request(self, key: object, function: Callable[[CancelToken], Any]) -> None:
        if self._closed:
            return  # after shutdown (the window is closing) a new thread would outlive it
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
        # Bound methods of this QObject, not lambdas: PySide runs a lambda on the thread that
        # emits (the worker's), where it would touch this object while the UI thread may be
        # deleting it. These are queued to the UI thread, and dropped if this object is gone.
        # The worker's returned/failed arrive before its finished, so self._key is still its key.
        worker.returned.connect(self._returned)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        self._worker, self._key = worker, key
        worker.start()

    def _returned(self, result: object) -> None:
        self._report(self.done, self._key, result)

    def _failed(self, exc: object) -> None:
        self._report(self.error, self._key, exc)

    def _report(self, signal: Any, key: object, value: object) -> None:
        # Results overtaken by a newer request are still shown: while the user drags the
        # playhead, the preview keeps up in steps instead of waiting for the drag to end.
        if not self._closed:  # after shutdown the receivers are being torn down
            signal.emit(key, value)

    def _finished(self) -> None:
        if self._worker is not None:
            self._worker.wait()
        self._worker = None
        self._next()

    def shutdown(self) -> None:
        """Cancel and wait for the running job; later requests and deliveries are ignored."""
        self._closed = True
        self._waiting = None
        if self._worker is not None:
            self._worker.cancel()
            self._worker.wait()  # if it times out, _running keeps the thread's object alive
            self._worker = None
