"""A two-handle slider over a clip's length: drag the in and out handles, or use the keys.

The slider only shows and reports times; the trim bar turns a finished drag into one undo
command, so a drag is one step in the history however many mouse moves it took.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from shopreel.video.timecode import format_time

IN, OUT = 0, 1
_HANDLE = 10.0  # handle width in pixels
_MIN_GAP_FRAMES = 1  # out stays at least one frame after in


class RangeSlider(QWidget):
    """In and out of a clip as two handles. ``moved`` fires while dragging or on a key,
    ``edit_finished`` once a drag ends (mouse release) or after each key step."""

    moved = Signal(float, float)  # in, out (seconds)
    edit_finished = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.length = 1.0
        self.fps = 30.0
        self.values = [0.0, 1.0]
        self.active = IN  # the handle keys move
        self._dragging: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(False)
        self.setAccessibleName(self.tr("Trim range"))
        self._update_tip()

    # Values -----------------------------------------------------------------------------------

    @property
    def low(self) -> float:
        return self.values[IN]

    @property
    def high(self) -> float:
        return self.values[OUT]

    def set_length(self, seconds: float, fps: float | None = None) -> None:
        self.length = max(seconds, 0.001)
        if fps:
            self.fps = fps
        self.set_values(*self.values)

    def set_values(self, low: float, high: float) -> None:
        """Show ``low``/``high`` (clamped to the length); emits nothing."""
        high = min(max(high, 0.0), self.length)
        low = min(max(low, 0.0), high)
        self.values = [low, high]
        self._update_tip()
        self.update()

    def _move_handle(self, handle: int, seconds: float) -> bool:
        gap = _MIN_GAP_FRAMES / self.fps
        if seconds < self.length:  # whole frames, except the very end of the clip
            seconds = round(seconds * self.fps) / self.fps
        if handle == IN:
            seconds = min(max(seconds, 0.0), self.high - gap)
        else:
            seconds = max(min(seconds, self.length), self.low + gap)
        seconds = round(seconds, 3)
        if seconds == self.values[handle]:
            return False
        self.values[handle] = seconds
        self._update_tip()
        self.update()
        self.moved.emit(self.low, self.high)
        return True

    def _update_tip(self) -> None:
        which = self.tr("in") if self.active == IN else self.tr("out")
        self.setToolTip(self.tr("Drag the handles to set where the clip starts and ends "
                                "(now {0} to {1}). Arrow keys move the {2} handle by one frame, "
                                "Shift+arrow by one second; Tab switches handles.")
                        .format(format_time(self.low), format_time(self.high), which))

    # Geometry ---------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, 22)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(60, 22)

    def _track(self) -> QRectF:
        return QRectF(_HANDLE / 2, 0, max(1.0, self.width() - _HANDLE), self.height())

    def x_of(self, seconds: float) -> float:
        """Where ``seconds`` is on the widget (pixels)."""
        track = self._track()
        return track.left() + track.width() * seconds / self.length

    def _seconds_at(self, x: float) -> float:
        track = self._track()
        return (x - track.left()) / track.width() * self.length

    # Events -----------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        mid = self.height() / 2
        track = self._track()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(QRectF(track.left(), mid - 3, track.width(), 6), 3, 3)
        left, right = self.x_of(self.low), self.x_of(self.high)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawRect(QRectF(left, mid - 3, right - left, 6))
        for handle, x in ((IN, left), (OUT, right)):
            focused = self.hasFocus() and handle == self.active
            painter.setBrush(palette.color(QPalette.ColorRole.Button))
            painter.setPen(palette.color(QPalette.ColorRole.Highlight) if focused
                           else QColor(palette.color(QPalette.ColorRole.Shadow)))
            painter.drawRoundedRect(QRectF(QPointF(x - _HANDLE / 2, 1),
                                           QSize(int(_HANDLE), self.height() - 2)), 2, 2)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        x = event.position().x()
        near_in, near_out = abs(x - self.x_of(self.low)), abs(x - self.x_of(self.high))
        # Equal distance (handles together): the side of the click decides.
        if near_in < near_out or (near_in == near_out and x < self.x_of(self.low)):
            self.active = IN
        else:
            self.active = OUT
        self._dragging = self.active
        self._move_handle(self.active, self._seconds_at(x))
        self._update_tip()
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging is not None:
            self._move_handle(self._dragging, self._seconds_at(event.position().x()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging is None or event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        self._move_handle(self._dragging, self._seconds_at(event.position().x()))
        self._dragging = None
        self.edit_finished.emit(self.low, self.high)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        step = 1.0 if shift else 1.0 / self.fps
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            sign = -1 if key == Qt.Key.Key_Left else 1
            if self._move_handle(self.active, self.values[self.active] + sign * step):
                self.edit_finished.emit(self.low, self.high)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            target = 0.0 if key == Qt.Key.Key_Home else self.length
            if self._move_handle(self.active, target):
                self.edit_finished.emit(self.low, self.high)
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002
        # Tab goes from the in handle to the out handle before it leaves the slider.
        if next and self.active == IN:
            self._activate(OUT)
            return True
        if not next and self.active == OUT:
            self._activate(IN)
            return True
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        if event.reason() == Qt.FocusReason.TabFocusReason:
            self.active = IN
        elif event.reason() == Qt.FocusReason.BacktabFocusReason:
            self.active = OUT
        self._update_tip()
        super().focusInEvent(event)

    def _activate(self, handle: int) -> None:
        self.active = handle
        self._update_tip()
        self.update()
