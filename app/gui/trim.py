"""The trim row under the storyboard: in and out of the selected clip (a two-handle slider above
two spin boxes, kept in sync), or a photo's duration; mute, move and remove. I and O set in and
out at the playhead (see MainWindow)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopreel.app.gui.clips import MediaLibrary
from shopreel.app.gui.document import ProjectDocument
from shopreel.app.gui.range_slider import RangeSlider
from shopreel.video.project import Project, resolve_path


class TrimBar(QWidget):
    def __init__(self, document: ProjectDocument, library: MediaLibrary,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.library = document, library
        self.index = -1
        self.name = QLabel()
        self.trim_in = self._spin(self.tr("In"), self.tr("Where the clip starts (seconds of the "
                                                          "source); I sets it at the playhead"))
        self.trim_out = self._spin(self.tr("Out"), self.tr("Where the clip ends (seconds of the "
                                                            "source); O sets it at the playhead"))
        self.length = self._spin(self.tr("Duration"), self.tr("How long the photo is shown"))
        self.trim_in.editingFinished.connect(lambda: self._commit("in", self.trim_in))
        self.trim_out.editingFinished.connect(lambda: self._commit("out", self.trim_out))
        self.length.editingFinished.connect(lambda: self._commit("duration", self.length))
        self.mute = QCheckBox(self.tr("Mute"))
        self.mute.setToolTip(self.tr("Leave out this clip's own sound"))
        self.mute.toggled.connect(lambda on: self.document.set_value(
            self.tr("Mute clip"), ("clips", self.index, "mute"), True if on else None))
        self.left = QPushButton("◀")
        self.left.setToolTip(self.tr("Move the clip earlier"))
        self.left.clicked.connect(lambda: self.move_clip(-1))
        self.right = QPushButton("▶")
        self.right.setToolTip(self.tr("Move the clip later"))
        self.right.clicked.connect(lambda: self.move_clip(1))
        self.remove = QPushButton(self.tr("Remove clip"))
        self.remove.setToolTip(self.tr("Take the clip out of the video (the file stays)"))
        self.remove.clicked.connect(self.remove_clip)
        self.slider = RangeSlider()
        self.slider.moved.connect(self._slider_moved)
        self.slider.edit_finished.connect(self._slider_finished)
        self.trim_in.valueChanged.connect(lambda v: self.slider.set_values(v, self.trim_out.value()))
        self.trim_out.valueChanged.connect(lambda v: self.slider.set_values(self.trim_in.value(), v))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.slider)
        layout = QHBoxLayout()
        outer.addLayout(layout)
        layout.addWidget(self.name, 1)
        for label, widget in ((self.tr("In"), self.trim_in), (self.tr("Out"), self.trim_out),
                              (self.tr("Duration"), self.length)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            widget.setProperty("caption", caption)
            layout.addWidget(caption)
            layout.addWidget(widget)
        for control in (self.mute, self.left, self.right, self.remove):
            layout.addWidget(control)
        document.changed.connect(lambda project: self.show_clip(self.index, project))
        library.updated.connect(lambda _key: self.show_clip(self.index, self.document.project))
        self.show_clip(-1, document.project)

    def _spin(self, name: str, tip: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setAccessibleName(name)
        spin.setToolTip(tip)
        spin.setDecimals(2)
        spin.setSingleStep(0.1)
        spin.setSuffix(" s")
        spin.setKeyboardTracking(False)
        spin.setRange(0, 24 * 3600)
        return spin

    def show_clip(self, index: int, project: Project | None = None) -> None:
        project = project or self.document.project
        if not 0 <= index < len(project.clips):
            index = -1
        self.index = index
        widgets: list[Any] = [self.trim_in, self.trim_out, self.length, self.mute, self.left,
                              self.right, self.remove, self.slider]
        for widget in widgets:
            widget.setEnabled(index >= 0)
        if index < 0:
            self.name.setText(self.tr("No clip selected"))
            return
        clip = project.clips[index]
        source = resolve_path(self.document.base_dir, clip.path)
        info = self.library.infos.get(str(source))
        still = info.is_still if info is not None else clip.duration is not None
        self.name.setText(f"{index + 1}. {source.name}")
        self.name.setToolTip(str(source))
        blockers = [QSignalBlocker(w) for w in widgets]
        length = info.duration if info is not None and info.duration else 24 * 3600.0
        self.trim_in.setRange(0, length)
        self.trim_out.setRange(0, length)
        self.trim_in.setValue(clip.in_ or 0.0)
        self.trim_out.setValue(clip.out if clip.out is not None else length)
        self.length.setValue(clip.duration or 3.0)
        self.mute.setChecked(clip.mute)
        fps = info.fps if info is not None else None
        self.slider.set_length(length, fps)
        self.slider.set_values(self.trim_in.value(), self.trim_out.value())
        del blockers
        # Without a known length (not probed yet) the slider would span a day: leave it out.
        self.slider.setVisible(not still and info is not None and bool(info.duration))
        for widget in (self.trim_in, self.trim_out, self.mute):
            widget.setVisible(not still)
            caption = widget.property("caption")
            if caption is not None:
                caption.setVisible(not still)
        self.length.setVisible(still)
        self.length.property("caption").setVisible(still)
        self.left.setEnabled(index > 0)
        self.right.setEnabled(index < len(project.clips) - 1)

    def _slider_moved(self, low: float, high: float) -> None:
        # Only the spin boxes follow a drag; the project changes once, when it ends.
        for spin, value in ((self.trim_in, low), (self.trim_out, high)):
            blocker = QSignalBlocker(spin)
            spin.setValue(value)
            del blocker

    def _slider_finished(self, low: float, high: float) -> None:
        """A finished drag (or key step) sets in and out together: one undo command."""
        index = self.index
        if index < 0:
            return
        clip = self.document.project.clips[index]
        info = self.library.infos.get(str(resolve_path(self.document.base_dir, clip.path)))
        values: dict[str, float | None] = {"in": round(low, 3) or None, "out": round(high, 3)}
        if info is not None and info.duration and high >= info.duration - 0.001:
            values["out"] = None  # to the end

        def change(data: dict[str, Any]) -> None:
            for key, value in values.items():
                if value is None:
                    data["clips"][index].pop(key, None)
                else:
                    data["clips"][index][key] = value
        if not self.document.edit(self.tr("Trim clip"), change):
            self.show_clip(index)

    def _commit(self, key: str, spin: QDoubleSpinBox) -> None:
        if self.index < 0:
            return
        value: float | None = round(spin.value(), 3)
        clip = self.document.project.clips[self.index]
        info = self.library.infos.get(str(resolve_path(self.document.base_dir, clip.path)))
        if key == "in" and value == 0:
            value = None
        if key == "out" and info is not None and info.duration and value is not None \
                and value >= info.duration - 0.001:
            value = None  # to the end
        current = {"in": clip.in_, "out": clip.out, "duration": clip.duration}[key]
        if value == current:
            return
        if not self.document.set_value(self.tr("Trim clip"), ("clips", self.index, key), value):
            self.show_clip(self.index)

    def set_trim(self, index: int, key: str, seconds: float | None) -> bool:
        """Set ``in`` or ``out`` of clip ``index`` (None: no trim)."""
        value = None if seconds is None else round(seconds, 3)
        return self.document.set_value(self.tr("Trim clip"), ("clips", index, key), value)

    def move_clip(self, step: int) -> None:
        # Not move(): that is QWidget.move(x, y), which this would hide.
        index = self.index
        target = index + step
        if index < 0 or not 0 <= target < len(self.document.project.clips):
            return

        def change(data: dict[str, Any]) -> None:
            clips = data["clips"]
            clips[index], clips[target] = clips[target], clips[index]
        if self.document.edit(self.tr("Move clip"), change):
            self.index = target
            self.show_clip(target)

    def remove_clip(self) -> None:
        index = self.index
        if index < 0:
            return

        def change(data: dict[str, Any]) -> None:
            del data["clips"][index]
        self.document.edit(self.tr("Remove clip"), change)
