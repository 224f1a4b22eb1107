"""Playing a file in the preview: Qt Multimedia, with sound, where the system has it; otherwise
frames decoded by ffmpeg, without sound.

Both players report the same way: ``frame`` carries each picture (upright, as a QImage) with its
time in the played file, and ``ended`` comes once whenever playback stops (end of file, stop(),
or after ``failed``). The preview pane maps file time to the output timeline and stops the
player at the end of a clip's trim.

Qt Multimedia ships in PySide6-Addons; on Linux it also needs the system's PulseAudio client
library (libpulse.so.0, part of every desktop, often missing on servers). When it cannot load,
the silent player keeps playback working and ``silent_reason`` says why, for the sound button's
tooltip.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QImage

from shopreel.app.gui.worker import GeneratorWorker
from shopreel.video.errors import ShopReelError
from shopreel.video.preview import PlayedFrame, play_frames
from shopreel.video.runner import CancelToken

translate = QCoreApplication.translate


@dataclass(frozen=True)
class PlayRequest:
    source: Path
    start: float  # seconds into the file
    size: tuple[int, int]  # the preview canvas: frames are fitted into it
    fps: float


class Player(QObject):
    """What the preview pane needs from a player."""

    frame = Signal(QImage, float)  # the picture and its time in the played file (seconds)
    ended = Signal()
    failed = Signal(str)  # one line

    with_sound = False
    silent_reason = ""

    @property
    def active(self) -> bool:
        raise NotImplementedError

    def play(self, request: PlayRequest) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def set_muted(self, muted: bool) -> None:
        """Silent players have nothing to mute."""

    def shutdown(self) -> None:
        self.stop()


class FramePlayer(Player):
    """ffmpeg decodes the file at preview size on a worker thread, paced to the frame rate."""

    def __init__(self, parent: QObject | None = None, silent_reason: str = "") -> None:
        super().__init__(parent)
        self.silent_reason = silent_reason
        self._worker: GeneratorWorker | None = None

    @property
    def active(self) -> bool:
        return self._worker is not None

    def play(self, request: PlayRequest) -> None:
        self.shutdown()  # a new file replaces the old one without an ``ended`` in between

        def paced(token: CancelToken) -> Generator[PlayedFrame, None, None]:
            began = time.monotonic()
            frames = play_frames(request.source, request.start, request.size, request.fps,
                                 cancel=token)
            for number, played in enumerate(frames):
                wait = began + number / request.fps - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                yield played

        worker = GeneratorWorker(paced)
        # Bound methods of this QObject, queued to the UI thread (a lambda would run on the
        # worker's). A replaced worker may still have deliveries queued: sender() tells them.
        worker.progressed.connect(self._show)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        self._worker = worker
        worker.start()

    def _current(self) -> GeneratorWorker | None:
        """The worker that sent the signal being handled, if it is still the current one."""
        worker = self._worker
        return worker if worker is not None and self.sender() is worker else None

    def _show(self, played: PlayedFrame) -> None:
        worker = self._current()
        if worker is None or worker.cancelled:
            return
        image = QImage(played.rgb, played.width, played.height, played.width * 3,
                       QImage.Format.Format_RGB888).copy()  # copy: the bytes are not kept
        self.frame.emit(image, played.seconds)

    def _failed(self, exc: object) -> None:
        worker = self._current()
        if worker is None or worker.cancelled:
            return  # stopped by the user, not a problem
        self.failed.emit(exc.one_line() if isinstance(exc, ShopReelError) else str(exc))

    def _finished(self) -> None:
        worker = self._current()
        if worker is None:
            return
        worker.wait()
        self._worker = None
        self.ended.emit()

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def shutdown(self) -> None:
        """Stop now and wait for the decoder, without reporting ``ended``."""
        if self._worker is not None:
            worker, self._worker = self._worker, None
            worker.cancel()
            worker.wait()


def explain_import_error(exc: ImportError) -> str:
    """Why Qt Multimedia did not load, and what to do, in one line."""
    first = str(exc).split(":")[0]
    if ".so" in first:  # a system library Qt Multimedia links to
        return translate("Playback", "Qt Multimedia needs the system library {0} (the PulseAudio "
                         "client; on Debian and Ubuntu: apt install libpulse0)").format(first)
    return translate("Playback", "Qt Multimedia is not installed ({0}); reinstall "
                     "ShopReel").format(exc)


def multimedia_problem() -> str:
    """Why Qt Multimedia cannot play here ("" when it can)."""
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError as exc:
        return explain_import_error(exc)
    return ""


def open_player(parent: QObject | None = None) -> Player:
    """The best player this system has: with sound if Qt Multimedia loads, silent otherwise."""
    problem = multimedia_problem()
    if problem:
        return FramePlayer(parent, problem)
    from shopreel.app.gui.playback_media import MediaPlayer

    return MediaPlayer(parent)
