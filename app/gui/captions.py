"""The Captions panel: a table of text, start, end, position and style, with Add and Remove."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopreel.app.gui.document import ProjectDocument
from shopreel.app.gui.forms import position_options
from shopreel.video.project import Project
from shopreel.video.timecode import format_time

TEXT, START, END, POSITION, STYLE = range(5)


def _time(value: float) -> str:
    return ("-" + format_time(-value)) if value < 0 else format_time(value)


class CaptionsPanel(QWidget):
    title = "Captions"
    seek = Signal(float)  # show a caption's start in the preview

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.playhead = 0.0
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("captionsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Text"), self.tr("Start"), self.tr("End"), self.tr("Position"), self.tr("Style")])
        self.table.setToolTip(self.tr("Call-to-action captions. Times are on the finished video "
                                      "(intro included); negative times count back from the end."))
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(TEXT, 170)
        for column in (START, END):
            self.table.setColumnWidth(column, 64)
        self.table.itemChanged.connect(self._item_changed)
        self.table.currentCellChanged.connect(self._row_selected)
        self.add_button = QPushButton(self.tr("Add caption"))
        self.add_button.setToolTip(self.tr("Add a caption at the playhead, 3 seconds long"))
        self.add_button.clicked.connect(lambda: self.add_caption())
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected caption"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        document.changed.connect(self.refresh)
        self.refresh(document.project)

    def refresh(self, project: Project) -> None:
        blocker = QSignalBlocker(self.table)
        row_before = self.table.currentRow()
        self.table.setRowCount(len(project.captions))
        for row, caption in enumerate(project.captions):
            for column, text in ((TEXT, caption.text), (START, _time(caption.start)),
                                 (END, _time(caption.end))):
                item = QTableWidgetItem(text)
                item.setToolTip(self.table.toolTip())
                self.table.setItem(row, column, item)
            self._combo(row, POSITION, [(None, self.tr("default")), *position_options()],
                        caption.position)
            self._combo(row, STYLE, [(None, self.tr("default")), ("badge", self.tr("badge")),
                         ("banner", self.tr("banner")), ("plain", self.tr("plain"))],
                        caption.style)
        if 0 <= row_before < len(project.captions):
            self.table.setCurrentCell(row_before, self.table.currentColumn())
        del blocker
        self.remove_button.setEnabled(bool(project.captions))

    def _combo(self, row: int, column: int, options: list[tuple[Any, str]], value: Any) -> None:
        combo = QComboBox()
        combo.setToolTip(self.tr("Position") if column == POSITION else self.tr("Style"))
        for data, text in options:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        key = "position" if column == POSITION else "style"
        combo.activated.connect(lambda index: self.document.set_value(
            self.tr("Change caption {0}").format(key), ("captions", row, key), combo.itemData(index)))
        self.table.setCellWidget(row, column, combo)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        row, column = item.row(), item.column()
        key = {TEXT: "text", START: "start", END: "end"}.get(column)
        if key is None:
            return
        value: Any = item.text()
        if key != "text":
            # A clock string such as 0:12.5 stays text; the reader checks it.
            with contextlib.suppress(ValueError):
                value = float(value)
        if not self.document.set_value(self.tr("Edit caption {0}").format(key),
                                       ("captions", row, key), value):
            self.refresh(self.document.project)

    def _row_selected(self, row: int, *_: int) -> None:
        captions = self.document.project.captions
        if 0 <= row < len(captions) and captions[row].start >= 0:
            self.seek.emit(captions[row].start + 0.5 * min(1.0, captions[row].end - captions[row].start))

    def add_caption(self, text: str | None = None, start: float | None = None,
                    end: float | None = None) -> bool:
        start = round(self.playhead if start is None else start, 2)
        caption = {"text": text or self.tr("Order today"), "start": start,
                   "end": round(start + 3.0 if end is None else end, 2)}

        def change(data: dict[str, Any]) -> None:
            data.setdefault("captions", []).append(caption)
        added = self.document.edit(self.tr("Add caption"), change)
        if added:
            self.table.setCurrentCell(self.table.rowCount() - 1, TEXT)
        return added

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return

        def change(data: dict[str, Any]) -> None:
            del data["captions"][row]
        self.document.edit(self.tr("Remove caption"), change)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Delete and self.table.hasFocus() and \
                self.table.state() != QTableWidget.State.EditingState:
            self.remove_selected()
            return
        super().keyPressEvent(event)
