"""The player with sound: Qt Multimedia's QMediaPlayer, pictures taken from a QVideoSink.

Imported only when ``playback.multimedia_problem()`` found Qt Multimedia loadable. The pictures
go through the preview pane's own view (not a QVideoWidget), so played and composed frames share
one widget, one scaling and one test path. ``QVideoFrame.toImage()`` applies the clip's rotation
metadata, so phone clips play upright.

Every call that may wait for the player's own threads (play, pause, seek, stop, a new source)
goes through ``QMetaObject.invokeMethod``, which releases Python's interpreter lock while Qt
works. PySide's direct method calls keep it, and the player's threads need it to tear down what
they connected to our Python-made objects: a direct ``stop()`` could deadlock both sides.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer, QVideoFrame, QVideoSink

from shopreel.app.gui.playback import Player, PlayRequest, translate

Status = QMediaPlayer.MediaStatus
READY = (Status.LoadedMedia, Status.BufferingMedia, Status.BufferedMedia, Status.EndOfMedia)


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


class MediaPlayer(Player):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = QMediaPlayer(self)
        self._audio = QAudioOutput(self)
        self._player.setAudioOutput(self._audio)
        self._sink = QVideoSink(self)
        self._player.setVideoSink(self._sink)
        self.with_sound = bool(QMediaDevices.audioOutputs())
        if not self.with_sound:
            self.silent_reason = translate("Playback", "this computer has no sound output")
        self._request: PlayRequest | None = None
        self._seeking = False  # waiting for the media to load before seeking to the start
        self._loaded: tuple[int, int, int] | None = None  # the loaded file's identity
        self._next_picture = 0.0  # monotonic time before which pictures are dropped
        self._sink.videoFrameChanged.connect(self._frame)
        self._player.mediaStatusChanged.connect(self._status)
        self._player.errorOccurred.connect(self._error)

    @property
    def active(self) -> bool:
        return self._request is not None

    def play(self, request: PlayRequest) -> None:
        self._request = request
        url = QUrl.fromLocalFile(str(request.source))
        identity = _identity(request.source)
        if (self._player.source() == url and identity == self._loaded
                and self._player.mediaStatus() in READY):
            self._start()  # the same file again, unchanged: no need to load it anew
            return
        if self._player.source() == url:
            # Rewritten since (a new quick preview at the same path): setSource would not reload.
            self._call(self._player, "setSource", Q_ARG(QUrl, QUrl()))
        self._seeking = True
        self._loaded = identity
        self._call(self._player, "setSource", Q_ARG(QUrl, url))  # continues in _status

    def _call(self, target: QObject, slot: str, *args: Any) -> None:
        """Call a Qt slot with the interpreter lock released (see the module's docstring)."""
        QMetaObject.invokeMethod(target, slot, Qt.ConnectionType.DirectConnection, *args)

    def _start(self) -> None:
        assert self._request is not None
        self._seeking = False
        self._call(self._player, "setPosition", Q_ARG("qint64", round(self._request.start * 1000)))
        self._call(self._player, "play")

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if self._request is None:
            return
        if status == Status.LoadedMedia and self._seeking:
            self._start()
        elif status == Status.EndOfMedia:
            self._finish()
        elif status == Status.InvalidMedia:
            self._error(self._player.error(), self._player.errorString())

    def _frame(self, frame: QVideoFrame) -> None:
        request = self._request
        if request is None or self._seeking or not frame.isValid():
            return
        position = self._player.position() / 1000
        micro = frame.startTime()
        seconds = micro / 1_000_000 if micro >= 0 else position
        if abs(seconds - position) > 0.5:
            return  # a picture from before the seek, still on its way
        began = time.monotonic()
        if began < self._next_picture:
            return  # the sound plays on; this picture is dropped to keep the window responsive
        # Converting a 4K phone frame takes the UI thread about 20 ms: pictures are taken at most
        # half of the time, and made preview-sized at once so showing them costs little.
        width, height = request.size
        image = frame.toImage().scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
        self._next_picture = time.monotonic() + (time.monotonic() - began)
        self.frame.emit(image, seconds)

    def _error(self, _error: QMediaPlayer.Error, text: str) -> None:
        if self._request is None:
            return
        self.failed.emit(text or "the file cannot be played")
        self._finish()

    def _finish(self) -> None:
        if self._request is None:
            return
        self._request = None
        self._seeking = False
        self._call(self._player, "pause")  # keeps the media loaded: the next play is quick
        self.ended.emit()

    def stop(self) -> None:
        self._finish()

    def set_muted(self, muted: bool) -> None:
        self._call(self._audio, "setMuted", Q_ARG(bool, muted))

    def shutdown(self) -> None:
        """Stop and let go of the file: the player's threads end here, not at exit."""
        self._request = None
        self._loaded = None
        self._call(self._player, "stop")
        self._call(self._player, "setSource", Q_ARG(QUrl, QUrl()))
