"""The main window: open a project, see its clips, render it with progress and Cancel.

Everything here calls the same functions as the command line (plan_render, render); the window
holds no media logic of its own.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopreel.app.gui.worker import GeneratorWorker
from shopreel.video.errors import Cancelled, ShopReelError
from shopreel.video.plan import RenderPlan, plan_render
from shopreel.video.presets import PRESETS
from shopreel.video.project import Project, load_project
from shopreel.video.render import render
from shopreel.video.timecode import format_time


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("ShopReel")
        self.resize(900, 520)
        self.project: Project | None = None
        self.project_path: Path | None = None
        self.worker: GeneratorWorker | None = None
        self.last_output: Path | None = None

        self.open_button = QPushButton("Open project…")
        self.open_button.clicked.connect(self._choose_project)
        self.project_label = QLabel("No project open")
        self.clips = QTableWidget(0, 4)
        self.clips.setHorizontalHeaderLabels(["Clip", "In", "Out / duration", "Size"])
        self.clips.horizontalHeader().setStretchLastSection(True)
        self.clips.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preset = QComboBox()
        self.preset.addItems(list(PRESETS))
        self.render_button = QPushButton("Render")
        self.render_button.setEnabled(False)
        self.render_button.clicked.connect(self.start_render)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_render)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel("")

        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.project_label, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("Preset:"))
        bottom.addWidget(self.preset)
        bottom.addWidget(self.render_button)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.progress, 1)
        layout = QVBoxLayout()
        layout.addLayout(top)
        layout.addWidget(self.clips, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

    # Documents ------------------------------------------------------------------------------

    def _choose_project(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open project", "",
                                              "ShopReel projects (*.shopreel.json *.json)")
        if name:
            self.open_project(Path(name))

    def open_project(self, path: Path) -> bool:
        """Load a project; on a bad file show the one-line error and keep what was open."""
        try:
            project = load_project(path)
        except ShopReelError as exc:
            self._show_error("Cannot open the project", exc)
            return False
        self.project, self.project_path = project, path
        self.project_label.setText(f"{project.title or path.name}  ({path})")
        self.preset.setCurrentText(project.output.preset)
        self.clips.setRowCount(len(project.clips))
        for row, clip in enumerate(project.clips):
            trim_in = format_time(clip.in_) if clip.in_ is not None else ""
            end = clip.out if clip.out is not None else clip.duration
            cells = [clip.path, trim_in, format_time(end) if end is not None else "", ""]
            for column, text in enumerate(cells):
                self.clips.setItem(row, column, QTableWidgetItem(text))
        self.render_button.setEnabled(True)
        self.status.setText(f"{len(project.clips)} clip(s)")
        return True

    # Rendering ------------------------------------------------------------------------------

    def start_render(self) -> None:
        if self.project is None or self.project_path is None or self.worker is not None:
            return
        try:
            plan = plan_render(self.project, self.project_path,
                               preset_name=self.preset.currentText())
        except ShopReelError as exc:
            self._show_error("The project cannot be rendered yet", exc)
            return
        self._show_clip_sizes(plan)
        started = time.monotonic()
        self.worker = GeneratorWorker(lambda token: render(plan, cancel=token))
        self.worker.progressed.connect(self._on_progress)
        self.worker.succeeded.connect(lambda: self._on_done(plan, time.monotonic() - started))
        self.worker.failed.connect(self._on_failed)
        self.worker.finished.connect(self._on_finished)
        self.render_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(f"Rendering {plan.output.name}…")
        self.worker.start()

    def cancel_render(self) -> None:
        if self.worker is not None:
            self.status.setText("Cancelling…")
            self.worker.cancel()

    def _show_clip_sizes(self, plan: RenderPlan) -> None:
        for segment in plan.segments:
            info = segment.info
            self.clips.setItem(segment.clip_index, 3, QTableWidgetItem(
                f"{info.display_width}x{info.display_height}"
                + (f", {format_time(info.duration)}" if info.duration else "")))

    def _on_progress(self, event: object) -> None:
        fraction = getattr(event, "fraction", 0.0)
        self.progress.setValue(round(fraction * 1000))
        eta = getattr(event, "eta_seconds", None)
        if eta is not None:
            self.status.setText(f"Rendering… {fraction:.0%}, about {eta:.0f} s left")

    def _on_done(self, plan: RenderPlan, seconds: float) -> None:
        self.last_output = plan.output
        self.progress.setValue(1000)
        self.status.setText(f"Wrote {plan.output} in {seconds:.1f} s")

    def _on_failed(self, exc: object) -> None:
        if isinstance(exc, (Cancelled, KeyboardInterrupt)):
            self.progress.setValue(0)
            self.status.setText("Cancelled; nothing was written")
            return
        self._show_error("The render failed", exc)

    def _on_finished(self) -> None:
        if self.worker is not None:
            self.worker.wait()
        self.worker = None
        self.render_button.setEnabled(self.project is not None)
        self.cancel_button.setEnabled(False)

    def _show_error(self, title: str, exc: object) -> None:
        text = exc.one_line() if isinstance(exc, ShopReelError) else f"Internal error: {exc}"
        self.status.setText(text)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        details = getattr(exc, "stderr_tail", "")
        if details:
            box.setDetailedText(details)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()
        super().closeEvent(event)  # type: ignore[arg-type]
