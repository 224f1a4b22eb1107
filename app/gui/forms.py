"""Form fields bound to one key of the project: they show the project and edit it by undo command.

A bound field reads its value from the full project (defaults included) and writes through
``ProjectDocument.set_value``, so every change is one undoable, validated edit. A rejected value
snaps back to what the project holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopreel.app.gui.document import ProjectDocument
from shopreel.video.project import Project

Keys = tuple[str | int, ...]
_SECONDS = "@seconds"  # the combo entry of time_choice that means "a number of seconds"
POSITIONS = ("top-left", "top-center", "top-right", "center-left", "center", "center-right",
             "bottom-left", "bottom-center", "bottom-right")
# QT_TRANSLATE_NOOP returns its text unchanged (it only marks it for lupdate); the stubs say object.
_POSITION_NAMES = cast("tuple[str, ...]", (
    QT_TRANSLATE_NOOP("Positions", "top left"), QT_TRANSLATE_NOOP("Positions", "top centre"),
    QT_TRANSLATE_NOOP("Positions", "top right"), QT_TRANSLATE_NOOP("Positions", "centre left"),
    QT_TRANSLATE_NOOP("Positions", "centre"), QT_TRANSLATE_NOOP("Positions", "centre right"),
    QT_TRANSLATE_NOOP("Positions", "bottom left"), QT_TRANSLATE_NOOP("Positions", "bottom centre"),
    QT_TRANSLATE_NOOP("Positions", "bottom right")))


def position_options() -> list[tuple[str, str]]:
    """(value in the file, name shown) of the nine positions."""
    return [(value, QCoreApplication.translate("Positions", name))
            for value, name in zip(POSITIONS, _POSITION_NAMES)]


def full_data(project: Project) -> dict[str, Any]:
    """Every value of the project, defaults included, as JSON data."""
    data: dict[str, Any] = project.model_dump(mode="json", by_alias=True)
    return data


def lookup(data: Any, keys: Keys) -> Any:
    for key in keys:
        if data is None:
            return None
        data = data.get(key) if isinstance(data, dict) else data[key]  # JSON: a dict or a list
    return data


class Binding:
    def __init__(self, keys: Keys, show: Callable[[Any], None], widget: QWidget) -> None:
        self.keys, self.show, self.widget = keys, show, widget


class Panel(QScrollArea):
    """An inspector panel: a form of bound fields, refreshed from every new project snapshot."""

    title = "Panel"

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.bindings: list[Binding] = []
        self.setWidgetResizable(True)
        body = QWidget()
        self.outer = QVBoxLayout(body)
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
        self.setWidget(body)
        document.changed.connect(self.refresh)

    def finish(self) -> None:
        self.outer.addStretch(1)
        self.refresh(self.document.project)

    def refresh(self, project: Project) -> None:
        data = full_data(project)
        for binding in self.bindings:
            blocker = QSignalBlocker(binding.widget)
            binding.show(lookup(data, binding.keys))
            del blocker
        self.refreshed(project)

    def refreshed(self, project: Project) -> None:
        """Panels with more than bound fields update the rest here."""

    def _set(self, label: str, keys: Keys, value: Any) -> None:
        if not self.document.set_value(label, keys, value):
            self.refresh(self.document.project)

    # Field kinds ------------------------------------------------------------------------------

    def line(self, label: str, keys: Keys, tip: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setToolTip(tip)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.editingFinished.connect(
            lambda: self._set(label, keys, edit.text().strip() or None)
            if (edit.text().strip() or None) != lookup(full_data(self.document.project), keys)
            else None)
        self.bindings.append(Binding(keys, lambda v: edit.setText("" if v is None else str(v)), edit))
        self.form.addRow(label, edit)
        return edit

    def text(self, label: str, keys: Keys, tip: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setToolTip(tip)
        edit.setMaximumHeight(90)

        def commit() -> None:
            if edit.toPlainText() != (lookup(full_data(self.document.project), keys) or ""):
                self._set(label, keys, edit.toPlainText())
        edit.focusOutEvent = _after(edit.focusOutEvent, commit)  # type: ignore[method-assign]
        self.bindings.append(Binding(keys, lambda v: edit.setPlainText(v or ""), edit))
        self.form.addRow(label, edit)
        return edit

    def number(self, label: str, keys: Keys, tip: str, low: float, high: float, step: float = 0.1,
               decimals: int = 2, suffix: str = "", none_text: str = "") -> QDoubleSpinBox:
        """A number; with ``none_text`` the lowest value means "not set" (the default)."""
        spin = QDoubleSpinBox()
        spin.setToolTip(tip)
        spin.setDecimals(decimals)
        spin.setSingleStep(step)
        spin.setSuffix(suffix)
        spin.setRange(low - (step if none_text else 0), high)
        spin.setKeyboardTracking(False)
        if none_text:
            spin.setSpecialValueText(none_text)

        def commit() -> None:
            value = None if none_text and spin.value() < low else round(spin.value(), decimals)
            if value != lookup(full_data(self.document.project), keys):
                self._set(label, keys, value)
        spin.editingFinished.connect(commit)
        spin.valueChanged.connect(lambda _v: commit() if not spin.hasFocus() else None)

        def show(value: Any) -> None:
            spin.setValue(spin.minimum() if value is None else float(value))
        self.bindings.append(Binding(keys, show, spin))
        self.form.addRow(label, spin)
        return spin

    def choice(self, label: str, keys: Keys, tip: str,
               options: list[tuple[Any, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setToolTip(tip)
        for value, shown in options:
            combo.addItem(shown, value)
        combo.activated.connect(lambda index: self._set(label, keys, combo.itemData(index)))
        self.bindings.append(Binding(keys, lambda v: combo.setCurrentIndex(max(0, combo.findData(v))),
                                     combo))
        self.form.addRow(label, combo)
        return combo

    def time_choice(self, label: str, keys: Keys, tip: str, named: list[tuple[Any, str]],
                    seconds_text: str, high: float = 3600) -> tuple[QComboBox, QDoubleSpinBox]:
        """A time that is either one of the ``named`` values (e.g. "start") or seconds: a combo
        with the names plus ``seconds_text``, and a spin box used in the seconds case. The first
        name should be the default."""
        combo = QComboBox()
        combo.setToolTip(tip)
        for value, shown in named:
            combo.addItem(shown, value)
        combo.addItem(seconds_text, _SECONDS)
        spin = QDoubleSpinBox()
        spin.setToolTip(self.tr("Seconds from the start of the video"))
        spin.setAccessibleName(label)
        spin.setDecimals(2)
        spin.setSingleStep(0.5)
        spin.setSuffix(" s")
        spin.setRange(0, high)
        spin.setKeyboardTracking(False)

        def commit() -> None:
            chosen = combo.currentData()
            value = round(spin.value(), 2) if chosen == _SECONDS else chosen
            spin.setEnabled(chosen == _SECONDS)
            if value != lookup(full_data(self.document.project), keys):
                self._set(label, keys, value)
        combo.activated.connect(lambda _index: commit())
        spin.editingFinished.connect(commit)
        spin.valueChanged.connect(lambda _v: commit() if not spin.hasFocus() else None)

        def show(value: Any) -> None:
            names = [combo.itemData(i) for i in range(combo.count() - 1)]
            seconds = isinstance(value, (int, float)) and not isinstance(value, bool)
            # No value (the overlay is off): show the first name, the model's default.
            index = combo.count() - 1 if seconds else names.index(value) if value in names else 0
            combo.setCurrentIndex(index)
            blocker = QSignalBlocker(spin)
            spin.setValue(float(value) if seconds else 0.0)
            del blocker
            spin.setEnabled(seconds)
        self.bindings.append(Binding(keys, show, combo))
        row = QHBoxLayout()
        row.addWidget(combo, 1)
        row.addWidget(spin)
        self.form.addRow(label, row)
        return combo, spin

    def check(self, label: str, keys: Keys, tip: str) -> QCheckBox:
        box = QCheckBox(label)
        box.setToolTip(tip)
        box.toggled.connect(lambda on: self._set(label, keys, on))
        self.bindings.append(Binding(keys, lambda v: box.setChecked(bool(v)), box))
        self.form.addRow("", box)
        return box

    def section(self, label: str, key: str, tip: str, enabled_value: Any) -> QCheckBox:
        """A switch for an optional part (intro, end card): off writes null."""
        box = QCheckBox(label)
        box.setToolTip(tip)
        box.toggled.connect(lambda on: self.document.set_section(
            label, key, enabled_value if on else None))
        self.bindings.append(Binding((key,), lambda v: box.setChecked(v is not None), box))
        self.form.addRow("", box)
        return box

    def overlay_switch(self, label: str, name: str, tip: str) -> QCheckBox:
        box = QCheckBox(label)
        box.setToolTip(tip)

        def toggle(on: bool) -> None:
            def change(data: dict[str, Any]) -> None:
                overlays = data.setdefault("overlays", {})
                if on:
                    overlays.pop(name, None)
                else:
                    overlays[name] = None
            self.document.edit(label, change)
        box.toggled.connect(toggle)
        self.bindings.append(Binding(("overlays", name), lambda v: box.setChecked(v is not None), box))
        self.form.addRow("", box)
        return box

    def file(self, label: str, keys: Keys, tip: str, filters: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setToolTip(tip)
        edit.setClearButtonEnabled(True)
        edit.editingFinished.connect(lambda: self._set(label, keys, edit.text().strip() or None)
                                     if (edit.text().strip() or None)
                                     != lookup(full_data(self.document.project), keys) else None)
        browse = QToolButton()
        browse.setText("…")
        browse.setToolTip(self.tr("Choose a file"))

        def choose() -> None:
            name, _ = QFileDialog.getOpenFileName(self, label, str(self.document.base_dir), filters)
            if name:
                self._set(label, keys, self.document.relative_path(Path(name)))
        browse.clicked.connect(choose)
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        self.bindings.append(Binding(keys, lambda v: edit.setText(v or ""), edit))
        self.form.addRow(label, row)
        return edit

    def colour(self, label: str, keys: Keys, tip: str) -> QLineEdit:
        edit = self.line(label, keys, tip, "#rrggbb")
        button = QPushButton(self.tr("Pick…"))
        button.setToolTip(self.tr("Choose the colour"))

        def pick() -> None:
            chosen = QColorDialog.getColor(QColor(edit.text() or "#ffffff"), self, label)
            if chosen.isValid():
                self._set(label, keys, chosen.name())
        button.clicked.connect(pick)
        self.form.addRow("", button)
        return edit


def _after(original: Callable[[Any], None], extra: Callable[[], None]) -> Callable[[Any], None]:
    def handler(event: Any) -> None:
        original(event)
        extra()
    return handler
