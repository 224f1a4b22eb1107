"""The preview: the composed frame at the playhead, playback, and the quick preview.

The still frame comes from ``video.preview.preview_frame`` (the render's own graph at preview
size), drawn in the background with latest-request-wins, so dragging the playhead or typing a
caption never blocks the window. Playback (``playback.py``: Qt Multimedia with sound, or
ffmpeg frames where the system lacks it) plays the quick preview (the whole video rendered
small) when it is up to date, otherwise the source clip under the playhead, to its trim's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from PIL import Image
from PIL.ImageQt import ImageQt
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from shopreel.app.gui.document import project_data
from shopreel.app.gui.playback import Player, PlayRequest, open_player
from shopreel.app.gui.worker import LatestWins
from shopreel.video.errors import ShopReelError
from shopreel.video.plan import RenderPlan, Segment
from shopreel.video.preview import preview_frame, preview_plan
from shopreel.video.project import Project
from shopreel.video.runner import CancelToken
from shopreel.video.timecode import format_time


@dataclass(frozen=True)
class Placed:
    """A content segment and where it sits on the output timeline (seconds)."""

    segment: Segment
    start: float
    end: float


def placed_segments(plan: RenderPlan) -> list[Placed]:
    timeline = plan.timeline
    frame = timeline.content_start
    placed = []
    for segment in plan.segments:
        placed.append(Placed(segment, float(Fraction(frame) / plan.fps),
                             float(Fraction(frame + segment.frames) / plan.fps)))
        frame += segment.frames
    return placed


def segment_at(plan: RenderPlan, seconds: float) -> Placed | None:
    """The content segment shown at ``seconds`` (the first one during the intro)."""
    placed = placed_segments(plan)
    for item in placed:
        if seconds < item.end:
            return item
    return placed[-1] if placed else None


def _key(project: Project) -> str:
    return str(project_data(project))


class PreviewPane(QWidget):
    playhead_changed = Signal(float)
    plan_ready = Signal(object)  # RenderPlan
    frame_shown = Signal(float)  # the playhead time of the frame now shown
    problem = Signal(str)

    def __init__(self, base_dir: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base_dir = base_dir  # callable: the project file's path for the core functions
        self.project: Project | None = None
        self.plan: RenderPlan | None = None
        self.seconds = 0.0
        self.image: Image.Image | None = None
        self.quick_file: Path | None = None
        self.quick_key: str | None = None
        self._plans: dict[str, RenderPlan] = {}
        self._frames = LatestWins(self)
        self._frames.done.connect(self._frame_done)
        self._frames.error.connect(self._frame_failed)
        self._player: Player | None = None  # made on first play: startup stays fast
        self._play_offset = 0.0  # output time = played file time + offset
        self._play_end: float | None = None  # output time where playback of a clip stops

        self.view = QLabel(self.tr("Import clips to see the preview"))
        self.view.setObjectName("previewFrame")
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setMinimumSize(320, 180)
        self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.view.setStyleSheet("background: #15171a; color: #aab;")
        self.view.setToolTip(self.tr("The finished video at the playhead: intro, logo, web "
                                     "address and captions exactly as they will be rendered"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("playhead")
        self.slider.setToolTip(self.tr("The playhead: drag to move through the video"))
        self.slider.valueChanged.connect(lambda ms: self.seek(ms / 1000, from_slider=True))
        self.time = QLabel("0:00 / 0:00")
        self.time.setToolTip(self.tr("Playhead / length of the finished video"))
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setToolTip(self.tr("Play or pause (Space)"))
        self.play_button.clicked.connect(self.toggle_play)
        self.mute_button = QPushButton(self.tr("Sound"))
        self.mute_button.setCheckable(True)
        self.mute_button.setChecked(True)
        self.mute_button.setToolTip(self.tr("Sound on or off while playing"))
        self.mute_button.toggled.connect(self._sound_toggled)
        self.quick_button = QPushButton(self.tr("Quick preview"))
        self.quick_button.setToolTip(self.tr("Render the whole video small and fast in the "
                                             "background, then play it"))
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.mute_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time)
        controls.addWidget(self.quick_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(controls)

    # Still frames -------------------------------------------------------------------------------

    def set_project(self, project: Project) -> None:
        self.project = project
        if not project.clips:
            self.plan = None
            self.image = None
            self.view.setPixmap(QPixmap())
            self.view.setText(self.tr("Import clips to see the preview"))
            return
        self.request()

    def seek(self, seconds: float, *, from_slider: bool = False) -> None:
        if self.playing and from_slider:
            self.stop()
        self.seconds = max(0.0, seconds)
        if not from_slider:
            self.slider.blockSignals(True)
            self.slider.setValue(round(self.seconds * 1000))
            self.slider.blockSignals(False)
        self._show_time()
        self.playhead_changed.emit(self.seconds)
        if not self.playing:
            self.request()

    def request(self) -> None:
        """Ask for the frame at the playhead of the current project (latest request wins)."""
        project, seconds = self.project, self.seconds
        if project is None or not project.clips:
            return
        key = _key(project)
        plans, path = self._plans, self._base_dir()

        def draw(_token: CancelToken) -> tuple[RenderPlan, Image.Image]:
            plan = plans.get(key)
            if plan is None:
                plan = preview_plan(project, path)
                plans.clear()
                plans[key] = plan
            return plan, preview_frame(plan, seconds)
        self._frames.request((key, seconds), draw)

    @property
    def busy(self) -> bool:
        return self._frames.busy

    def _frame_done(self, key: tuple[str, float], result: tuple[RenderPlan, Image.Image]) -> None:
        plan, image = result
        if self.plan is None or self.plan.duration != plan.duration:
            self.slider.blockSignals(True)
            self.slider.setRange(0, int(plan.duration * 1000))
            self.slider.setValue(round(self.seconds * 1000))
            self.slider.blockSignals(False)
        self.plan = plan
        self.image = image
        self._show_time()
        self._show(ImageQt(image.convert("RGBA")))
        self.plan_ready.emit(plan)
        self.frame_shown.emit(key[1])

    def _frame_failed(self, _key: object, exc: object) -> None:
        text = exc.one_line() if isinstance(exc, ShopReelError) else str(exc)
        self.image = None
        self.view.setPixmap(QPixmap())
        self.view.setText(self.tr("No preview: {0}").format(text))
        self.view.setWordWrap(True)
        self.problem.emit(text)

    def _show(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        self._pixmap = pixmap
        self.view.setPixmap(pixmap.scaled(self.view.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        pixmap = getattr(self, "_pixmap", None)
        if pixmap is not None and not self.playing:
            self.view.setPixmap(pixmap.scaled(self.view.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation))

    def _show_time(self) -> None:
        total = float(self.plan.duration) if self.plan else 0.0
        self.time.setText(f"{format_time(self.seconds)} / {format_time(total)}")

    # Playback -----------------------------------------------------------------------------------

    @property
    def player(self) -> Player:
        if self._player is None:
            self._player = open_player(self)
            self._player.frame.connect(self._played)
            self._player.ended.connect(self._play_finished)
            self._player.failed.connect(self._play_failed)
            self._player.set_muted(not self.mute_button.isChecked())
            if not self._player.with_sound:
                self.mute_button.setChecked(False)
                self.mute_button.setEnabled(False)
                self.mute_button.setToolTip(self.tr("Playback has no sound: {0}").format(
                    self._player.silent_reason))
        return self._player

    @property
    def playing(self) -> bool:
        return self._player is not None and self._player.active

    def quick_preview_current(self) -> bool:
        return (self.quick_file is not None and self.quick_file.is_file()
                and self.project is not None and self.quick_key == _key(self.project))

    def toggle_play(self) -> None:
        if self.playing:
            self.stop()
        else:
            self.play()

    def play(self) -> bool:
        if self.playing or self.plan is None:
            return False
        end: float | None = None
        if self.quick_preview_current():
            assert self.quick_file is not None
            source, start, self._play_offset = self.quick_file, self.seconds, 0.0
            if self.seconds >= float(self.plan.duration) - 0.05:
                start = 0.0
        else:
            placed = segment_at(self.plan, self.seconds)
            if placed is None or placed.segment.is_still:
                return False
            offset = max(0.0, self.seconds - placed.start)
            source = placed.segment.source
            start = float(placed.segment.start) + offset
            self._play_offset = placed.start - float(placed.segment.start)
            end = placed.end
        self._play_end = end
        self.player.play(PlayRequest(source, start, self.plan.canvas, float(self.plan.fps)))
        self.play_button.setText(self.tr("Pause"))
        return True

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()

    def _sound_toggled(self, on: bool) -> None:
        if self._player is not None:
            self._player.set_muted(not on)

    def _played(self, image: QImage, file_seconds: float) -> None:
        if not self.playing:
            return
        seconds = file_seconds + self._play_offset
        if self._play_end is not None and seconds >= self._play_end:
            self.stop()
            return
        self._show(image)
        self.seconds = seconds
        self.slider.blockSignals(True)
        self.slider.setValue(round(seconds * 1000))
        self.slider.blockSignals(False)
        self._show_time()
        self.playhead_changed.emit(seconds)

    def _play_failed(self, text: str) -> None:
        self.problem.emit(text)

    def _play_finished(self) -> None:
        self.play_button.setText(self.tr("Play"))
        self.request()  # back to the composed frame at the playhead

    def shutdown(self) -> None:
        if self._player is not None:
            self._player.shutdown()
        self._frames.shutdown()
