"""Dialogs: a readable error, the readiness checklist, the publish summary.

Each dialog's content is computed by a plain function or in the constructor, and dialogs are
shown with ``open()`` (window-modal, non-blocking), so tests can read and accept them without a
nested event loop.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopreel.publish.pipeline import PublishResult
from shopreel.publish.readiness import Readiness
from shopreel.video.errors import RenderError, ShopReelError

translate = QCoreApplication.translate


def error_text(exc: object) -> tuple[str, str, str]:
    """(message, hint, details) of an error, as the dialog shows them."""
    if isinstance(exc, ShopReelError):
        details = ""
        if isinstance(exc, RenderError):
            details = "\n".join(filter(None, [" ".join(exc.cmd), exc.stderr_tail]))
        return exc.message, exc.hint or "", details
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)) \
        if isinstance(exc, BaseException) else str(exc)
    return translate("Dialogs", "Something went wrong inside ShopReel: {0}").format(exc), \
        translate("Dialogs", "Please report this with the details below."), details


def error_box(parent: QWidget | None, title: str, exc: object) -> QMessageBox:
    """A warning box: the message, the hint underneath, the technical details expandable."""
    message, hint, details = error_text(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("errorBox")
    if hint:
        box.setInformativeText(hint)
    if details:
        box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


_MARKS = {"pass": "✔", "warn": "⚠", "fail": "✖"}


def checklist_rows(report: Readiness) -> list[tuple[str, str, str, str]]:
    """(mark + status, checklist item, what was found, how to fix it), failures first."""
    order = {"fail": 0, "warn": 1, "pass": 2}
    status_name = {"pass": translate("Dialogs", "pass"), "warn": translate("Dialogs", "warning"),
                   "fail": translate("Dialogs", "fail")}
    return [(f"{_MARKS[c.status]} {status_name[c.status]}", c.what, c.found, c.fix)
            for c in sorted(report.checks, key=lambda c: order[c.status])]


class ChecklistDialog(QDialog):
    """The readiness checklist before publishing. Continue is possible past warnings (and, on
    the user's explicit choice, past failures, which publishes with ``force``)."""

    def __init__(self, report: Readiness, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistDialog")
        self.setWindowTitle(translate("Dialogs", "Ready to publish?"))
        self.report = report
        self.force = False
        failures, warnings = len(report.failures), len(report.warnings)
        if failures:
            summary = translate("Dialogs", "{0} check(s) failed, {1} warning(s). Fix the failures, "
                                "or publish "
                         "anyway.").format(failures, warnings)
        elif warnings:
            summary = translate("Dialogs", "Everything needed is there; {0} warning(s) could make the video "
                         "better.").format(warnings)
        else:
            summary = translate("Dialogs", "All checks passed.")
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([translate("Dialogs", "Result"), translate("Dialogs", "Check"),
                                    translate("Dialogs", "Found"), translate("Dialogs", "How to fix")])
        colours = {"✔": Qt.GlobalColor.darkGreen, "⚠": Qt.GlobalColor.darkYellow,
                   "✖": Qt.GlobalColor.red}
        for row in checklist_rows(report):
            item = QTreeWidgetItem(list(row))
            item.setForeground(0, colours[row[0][0]])
            item.setToolTip(3, row[3])
            self.table.addTopLevelItem(item)
        for column in range(3):
            self.table.resizeColumnToContents(column)
        buttons = QDialogButtonBox()
        self.publish_button = buttons.addButton(
            translate("Dialogs", "Publish anyway") if failures else translate("Dialogs", "Publish"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.publish_button.setToolTip(translate(
            "Dialogs", "Render, make the thumbnail, write the sitemap entry, "
                                          "JSON-LD and embed snippet"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._publish)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 380)

    def _publish(self) -> None:
        self.force = bool(self.report.failures)
        self.accept()


class SummaryDialog(QDialog):
    """What publishing wrote, with the next steps one click away."""

    snippet_copied = Signal()

    def __init__(self, result: PublishResult, youtube_url: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryDialog")
        self.setWindowTitle(translate("Dialogs", "Published"))
        self.publish_result = result  # not self.result: that is QDialog.result()
        lines = [translate("Dialogs", "Video: {0}").format(result.video)]
        if result.thumbnail:
            lines.append(translate("Dialogs", "Thumbnail: {0}").format(result.thumbnail.name))
        if result.sitemap:
            lines.append(translate("Dialogs", "Sitemap: {0}").format(result.sitemap))
        lines.append(translate("Dialogs", "Render reused (nothing changed)") if result.reused_render
                     else translate("Dialogs", "Rendered fresh"))
        lines += [translate("Dialogs", "Note: {0}").format(w) for w in result.warnings]
        self.text = QLabel("\n".join(lines))
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        self.folder_button = self._button(row, translate("Dialogs", "Open folder"),
                                          translate("Dialogs", "Show the published files"),
                                          lambda: self._open(result.video.parent))
        self.copy_button = self._button(row, translate("Dialogs", "Copy embed snippet"),
                                        translate("Dialogs",
                                                  "Copy the HTML for the product page to the clipboard"),
                                        self.copy_snippet)
        self.copy_button.setEnabled("embed" in result.files)
        preview = result.files.get("preview")
        self.page_button = self._button(row, translate("Dialogs", "Open preview page"),
                                        translate("Dialogs",
                                                  "See the video on a mock-up of the product page"),
                                        lambda: self._open(preview) if preview else None)
        self.page_button.setEnabled(preview is not None)
        self.youtube_button = self._button(row, translate("Dialogs", "Open on YouTube"),
                                           translate("Dialogs", "Open the uploaded video on YouTube"),
                                           lambda: QDesktopServices.openUrl(QUrl(youtube_url or "")))
        self.youtube_button.setEnabled(bool(youtube_url))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(close)

    @staticmethod
    def _button(row: QHBoxLayout, text: str, tip: str, action: object) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(action)
        row.addWidget(button)
        return button

    @staticmethod
    def _open(path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def snippet(self) -> str:
        embed = self.publish_result.files.get("embed")
        return embed.read_text(encoding="utf-8") if embed and embed.is_file() else ""

    def copy_snippet(self) -> None:
        QGuiApplication.clipboard().setText(self.snippet())
        self.snippet_copied.emit()
