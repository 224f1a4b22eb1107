"""The clips: the media bin (import, thumbnails, missing files) and the storyboard (order, trim).

Media facts and thumbnails are read in the background (``MediaLibrary``); the lists show a
placeholder until they arrive. A clip whose file went missing is shown as missing and can be
relinked; nothing else about the project changes.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PIL.ImageQt import ImageQt
from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from shopreel.app.gui.document import ProjectDocument
from shopreel.video.errors import ShopReelError
from shopreel.video.preview import source_frame
from shopreel.video.probe import MediaInfo, probe
from shopreel.video.project import Clip, Project, resolve_path
from shopreel.video.timecode import format_time

THUMB = QSize(112, 63)
PathRole = Qt.ItemDataRole.UserRole
IndexRole = Qt.ItemDataRole.UserRole + 1


class MediaLibrary(QObject):
    """Facts and thumbnails of media files, read on a background thread and cached."""

    updated = Signal(str)  # the path whose facts or thumbnail arrived (on the UI thread)
    _loaded = Signal(str)  # emitted on a pool thread, delivered queued to the UI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.infos: dict[str, MediaInfo] = {}
        self.errors: dict[str, str] = {}
        self.images: dict[str, Any] = {}  # PIL images; pixmaps are made on the UI thread
        self._pixmaps: dict[str, dict[float, QPixmap]] = {}  # by path, then pixel ratio
        # Frames are read once, big enough for the sharpest screen attached (at least 2x).
        ratios = [screen.devicePixelRatio() for screen in QGuiApplication.screens()]
        self._frame_scale = max(2, math.ceil(max(ratios, default=1.0)))
        self._pending: set[str] = set()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="media")
        self._closed = False
        self._loaded.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

    def request(self, path: Path) -> None:
        key = str(path)
        if key in self.infos or key in self.errors or key in self._pending:
            return
        if self._closed:
            return  # the window closed; a list refreshed during its teardown asks no more
        self._pending.add(key)
        self._pool.submit(self._load, path)

    def forget(self, path: Path) -> None:
        for store in (self.infos, self.errors, self.images, self._pixmaps):
            store.pop(str(path), None)

    def _load(self, path: Path) -> None:
        key = str(path)
        try:
            info = probe(path)
            seconds = min(1.0, (info.duration or 0) / 3)
            image = source_frame(path, seconds, (THUMB.width() * self._frame_scale,
                                                 THUMB.height() * self._frame_scale))
        except ShopReelError as exc:
            self.errors[key] = exc.one_line()
        except Exception as exc:  # noqa: BLE001 (a thumbnail must never take the window down)
            self.errors[key] = str(exc)
        else:
            self.infos[key] = info
            self.images[key] = image
        self._loaded.emit(key)

    def _arrived(self, key: str) -> None:
        self._pending.discard(key)
        self.updated.emit(key)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def pixmap(self, path: Path, ratio: float = 1.0) -> QPixmap:
        """The thumbnail of ``path`` (a placeholder until it is read), THUMB in logical size.

        ``ratio`` is the screen's device pixel ratio (a widget's ``devicePixelRatioF()``): the
        pixmap has that many pixels per logical pixel, so it is sharp on high-DPI screens.
        """
        key = str(path)
        if ratio in self._pixmaps.get(key, {}):
            return self._pixmaps[key][ratio]
        pixels = THUMB * ratio
        canvas = QPixmap(pixels)
        canvas.setDevicePixelRatio(ratio)
        canvas.fill(QColor("#30343b"))
        painter = QPainter(canvas)
        image = self.images.get(key)
        if image is not None:
            picture = QPixmap.fromImage(ImageQt(image.convert("RGBA")))
            picture = picture.scaled(pixels, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
            picture.setDevicePixelRatio(ratio)
            # Centred on whole device pixels, so the picture is not resampled once more.
            painter.drawPixmap(QPointF((pixels.width() - picture.width()) // 2 / ratio,
                                       (pixels.height() - picture.height()) // 2 / ratio), picture)
        elif key in self.errors:
            painter.setPen(QColor("#ff6b6b"))
            painter.drawText(QRect(0, 0, THUMB.width(), THUMB.height()),
                             Qt.AlignmentFlag.AlignCenter, "✖")
        painter.end()
        if image is not None or key in self.errors:
            self._pixmaps.setdefault(key, {})[ratio] = canvas
        return canvas

    def shutdown(self) -> None:
        # Waits for the loads already running: each ends by emitting on this object, which
        # must still exist then (the window deletes it only after closeEvent).
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)


def describe(info: MediaInfo | None) -> str:
    if info is None:
        return "…"
    size = f"{info.display_width}x{info.display_height}" if info.display_width else ""
    length = format_time(info.duration) if info.duration and not info.is_still else ""
    return " · ".join(part for part in (length, size) if part)


class ClipList(QListWidget):
    """A list of clip thumbnails that follows the project, the media library and the screen."""

    def __init__(self, name: str, document: ProjectDocument, library: MediaLibrary,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.document, self.library = document, library
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(THUMB)
        document.changed.connect(self.refresh)
        library.updated.connect(lambda _key: self.refresh(self.document.project))

    def refresh(self, project: Project) -> None:
        raise NotImplementedError

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DevicePixelRatioChange:  # moved to another kind of screen
            self.refresh(self.document.project)  # thumbnails at the new screen's pixel ratio
        return super().event(event)


class MediaBin(ClipList):
    """The project's media files. Accepts files dropped from the desktop."""

    files_dropped = Signal(list)  # list[Path]
    relink_requested = Signal(str)  # the clip path as written in the project
    add_requested = Signal(str)

    def __init__(self, document: ProjectDocument, library: MediaLibrary,
                 parent: QWidget | None = None) -> None:
        super().__init__("mediaBin", document, library, parent)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 48))
        self.setMovement(QListWidget.Movement.Static)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setToolTip(self.tr("Your clips and photos. Drop files here, or use Import. "
                                "Double-click to add a clip to the storyboard again."))
        self.itemDoubleClicked.connect(self._activated)

    def refresh(self, project: Project) -> None:
        self.clear()
        seen: set[str] = set()
        for clip in project.clips:
            if clip.path in seen:
                continue
            seen.add(clip.path)
            source = resolve_path(self.document.base_dir, clip.path)
            item = QListWidgetItem()
            item.setData(PathRole, clip.path)
            if not source.exists():
                item.setText(self.tr("{0}\nmissing").format(source.name))
                item.setForeground(QColor("#d32f2f"))
                item.setToolTip(self.tr("{0} is missing. Double-click to find it again "
                                        "(relink).").format(source))
                item.setIcon(QIcon(self.library.pixmap(source, self.devicePixelRatioF())))
            else:
                self.library.request(source)
                info = self.library.infos.get(str(source))
                item.setText(f"{source.name}\n{describe(info)}")
                item.setIcon(QIcon(self.library.pixmap(source, self.devicePixelRatioF())))
                item.setToolTip(self.library.errors.get(str(source), str(source)))
            self.addItem(item)

    def missing(self) -> list[str]:
        return [self.item(i).data(PathRole) for i in range(self.count())
                if not resolve_path(self.document.base_dir, self.item(i).data(PathRole)).exists()]

    def _activated(self, item: QListWidgetItem) -> None:
        path = str(item.data(PathRole))
        if resolve_path(self.document.base_dir, path).exists():
            self.add_requested.emit(path)
        else:
            self.relink_requested.emit(path)

    # Drag and drop: the same import as the menu (MainWindow.import_files).
    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)


def clip_label(index: int, clip: Clip, info: MediaInfo | None) -> str:
    if info is not None and info.is_still:
        return f"{index + 1}. {Path(clip.path).name}\n{format_time(clip.duration or 3.0)}"
    start = clip.in_ or 0.0
    end = clip.out if clip.out is not None else (info.duration if info else None)
    span = f"{format_time(start)}–{format_time(end)}" if end is not None else format_time(start)
    return f"{index + 1}. {Path(clip.path).name}\n{span}"


class Storyboard(ClipList):
    """The clips in output order. Drag to reorder; the selection is the clip being trimmed."""

    reordered = Signal(list)  # the new order as old indexes

    def __init__(self, document: ProjectDocument, library: MediaLibrary,
                 parent: QWidget | None = None) -> None:
        super().__init__("storyboard", document, library, parent)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setGridSize(QSize(THUMB.width() + 40, THUMB.height() + 48))
        self.setMovement(QListWidget.Movement.Snap)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFixedHeight(THUMB.height() + 70)
        self.setToolTip(self.tr("The clips in the order they play. Drag to reorder; select one "
                                "to trim it (I and O set in and out at the playhead)."))
        self.model().rowsMoved.connect(lambda *_: self._moved())

    def refresh(self, project: Project) -> None:
        current = self.currentRow()
        self.blockSignals(True)
        self.clear()
        for index, clip in enumerate(project.clips):
            source = resolve_path(self.document.base_dir, clip.path)
            info = self.library.infos.get(str(source))
            thumbnail = self.library.pixmap(source, self.devicePixelRatioF())
            item = QListWidgetItem(QIcon(thumbnail), clip_label(index, clip, info))
            item.setData(IndexRole, index)
            if not source.exists():
                item.setForeground(QColor("#d32f2f"))
                item.setToolTip(self.tr("{0} is missing").format(source))
            self.addItem(item)
        self.blockSignals(False)
        if project.clips:
            self.setCurrentRow(min(max(current, 0), len(project.clips) - 1))

    def _moved(self) -> None:
        order = [int(self.item(row).data(IndexRole)) for row in range(self.count())]
        if order != sorted(order):
            self.reordered.emit(order)
