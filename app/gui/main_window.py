"""The main window: media bin, preview, storyboard with trim, inspector, and the job bar.

Everything here calls the same functions as the command line (``plan_render``, ``render``,
``publish_project``, the readiness checks, the thumbnail ranking); the window holds no media
logic of its own. Long work runs in the background (``JobBar``) and the project is edited only
through the document's undo commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopreel.app.gui.captions import CaptionsPanel
from shopreel.app.gui.clips import MediaBin, MediaLibrary, Storyboard
from shopreel.app.gui.dialogs import ChecklistDialog, SummaryDialog, error_box
from shopreel.app.gui.document import ProjectDocument, pending_recoveries
from shopreel.app.gui.icons import APP_ICON, icon
from shopreel.app.gui.jobs import JobBar
from shopreel.app.gui.main_jobs import JobsMixin
from shopreel.app.gui.panels import MEDIA_FILTER, BrandingPanel, IntroPanel, OutputPanel, SoundPanel
from shopreel.app.gui.panels_publish import PublishPanel, ThumbnailPanel
from shopreel.app.gui.preview_pane import PreviewPane, segment_at
from shopreel.app.gui.settings import Settings
from shopreel.app.gui.trim import TrimBar
from shopreel.video.errors import ShopReelError
from shopreel.video.probe import MEDIA_SUFFIXES, probe
from shopreel.video.project import SUFFIX, Project

THUMB_WIDTH_MIN = 170
INSPECTOR_WIDTH_MIN = 420
PROJECT_FILTER = "ShopReel projects (*.shopreel.json *.json)"


class MainWindow(JobsMixin, QMainWindow):
    imported = Signal(list)  # the paths that became clips
    published = Signal(object)  # PublishResult
    render_finished = Signal(bool)

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon(APP_ICON))
        self.settings = settings or Settings()
        self.document = ProjectDocument(self.settings, self)
        self.library = MediaLibrary(self)
        self.last_output: Path | None = None
        self.last_error: QMessageBox | None = None
        self.checklist: ChecklistDialog | None = None
        self.summary: SummaryDialog | None = None
        self.setAcceptDrops(True)
        self._build()
        self._build_actions()
        self.document.changed.connect(self._project_changed)
        self.document.path_changed.connect(lambda _p: self._update_title())
        self.document.dirty_changed.connect(lambda _d: self._update_title())
        self.document.edit_rejected.connect(lambda text: self.show_status(
            self.tr("Not changed: {0}").format(text)))
        self._update_title()
        self._restore_layout()
        self._project_changed(self.document.project)

    # Layout -------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.preview = PreviewPane(lambda: self.document.plan_path)
        self.preview.playhead_changed.connect(self._playhead_moved)
        self.preview.plan_ready.connect(lambda _plan: self._select_clip_at_playhead())
        self.preview.problem.connect(lambda text: self.show_status(self.tr("Preview: {0}").format(text)))
        self.storyboard = Storyboard(self.document, self.library)
        self.storyboard.reordered.connect(self.reorder)
        self.trim = TrimBar(self.document, self.library)
        self.storyboard.currentRowChanged.connect(lambda row: self.trim.show_clip(row))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel(self.tr("Storyboard")))
        lower_layout.addWidget(self.storyboard)
        lower_layout.addWidget(self.trim)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.preview)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        self.setCentralWidget(splitter)

        self.bin = MediaBin(self.document, self.library)
        self.bin.files_dropped.connect(self.import_files)
        self.bin.relink_requested.connect(self.choose_relink)
        self.bin.add_requested.connect(lambda path: self.add_clip_path(path))
        import_button = QPushButton(self.tr("Import…"))
        import_button.setToolTip(self.tr("Add videos, photos or music (or drop files here)"))
        import_button.clicked.connect(self.choose_import)
        bin_box = QWidget()
        bin_layout = QVBoxLayout(bin_box)
        bin_layout.setContentsMargins(4, 4, 4, 4)
        bin_layout.addWidget(import_button)
        bin_layout.addWidget(self.bin, 1)
        bin_box.setMinimumWidth(THUMB_WIDTH_MIN)
        self.bin_dock = self._dock(self.tr("Media"), "mediaDock", bin_box,
                                   Qt.DockWidgetArea.LeftDockWidgetArea)

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("projectTitle")
        self.title_edit.setPlaceholderText(self.tr("Title of the video"))
        self.title_edit.setToolTip(self.tr("The video's title: intro card, metadata, YouTube"))
        self.title_edit.editingFinished.connect(self._title_edited)
        self.intro_panel = IntroPanel(self.document)
        self.branding_panel = BrandingPanel(self.document)
        self.captions_panel = CaptionsPanel(self.document)
        self.captions_panel.seek.connect(self.preview.seek)
        self.sound_panel = SoundPanel(self.document)
        self.thumbnail_panel = ThumbnailPanel(self.document)
        self.thumbnail_panel.find_candidates.connect(self.find_thumbnail_candidates)
        self.output_panel = OutputPanel(self.document)
        self.publish_panel = PublishPanel(self.document)
        self.inspector = QTabWidget()
        self.inspector.setObjectName("inspector")
        for panel, name, tip in (
                (self.intro_panel, self.tr("Intro"), self.tr("Title card and end card")),
                (self.branding_panel, self.tr("Branding"), self.tr("Logo, web address, colours")),
                (self.captions_panel, self.tr("Captions"), self.tr("Call-to-action captions")),
                (self.sound_panel, self.tr("Sound"), self.tr("Music, ducking, loudness")),
                (self.thumbnail_panel, self.tr("Thumbnail"), self.tr("The picture that sells")),
                (self.output_panel, self.tr("Output"), self.tr("Size, shape and file")),
                (self.publish_panel, self.tr("Publish"), self.tr("Page, sitemap, YouTube"))):
            index = self.inspector.addTab(panel, name)
            self.inspector.setTabToolTip(index, tip)
        inspector_box = QWidget()
        inspector_layout = QVBoxLayout(inspector_box)
        inspector_layout.setContentsMargins(4, 4, 4, 4)
        inspector_layout.addWidget(self.title_edit)
        inspector_layout.addWidget(self.inspector, 1)
        inspector_box.setMinimumWidth(INSPECTOR_WIDTH_MIN)
        self.inspector_dock = self._dock(self.tr("Inspector"), "inspectorDock", inspector_box,
                                         Qt.DockWidgetArea.RightDockWidgetArea)

        self.jobs = JobBar()
        self.status = QLabel()
        self.status.setObjectName("statusMessage")
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.jobs, 1)
        self.publish_button = QPushButton(self.tr("Publish"))
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setToolTip(self.tr("Check, render, make the thumbnail and publish "
                                               "(Ctrl+Enter)"))
        self.publish_button.clicked.connect(self.publish)
        self.render_button = QPushButton(self.tr("Render"))
        self.render_button.setToolTip(self.tr("Render the finished video (Ctrl+R)"))
        self.render_button.clicked.connect(self.start_render)
        self.statusBar().addPermanentWidget(self.render_button)
        self.statusBar().addPermanentWidget(self.publish_button)
        self.preview.quick_button.clicked.connect(self.start_quick_preview)
        self.jobs.started.connect(lambda _name: self._update_actions())
        self.jobs.finished.connect(lambda *_: self._update_actions())
        self.jobs.finished.connect(self._job_finished)
        self.resize(1280, 800)
        self.resizeDocks([self.bin_dock, self.inspector_dock], [200, 440], Qt.Orientation.Horizontal)

    @property
    def progress(self) -> Any:
        return self.jobs.progress

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "",
                symbol: str | None = None) -> QAction:
        action = QAction(text, self)
        if symbol is not None:
            action.setIcon(icon(symbol))
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        action.setToolTip(tip or text)
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.new_action = self._action(self.tr("&New"), self.new_project, key.StandardKey.New,
                                       symbol="new")
        self.open_action = self._action(self.tr("&Open…"), self.choose_project, key.StandardKey.Open,
                                        symbol="open")
        self.save_action = self._action(self.tr("&Save"), self.save, key.StandardKey.Save, symbol="save")
        self.save_as_action = self._action(self.tr("Save &As…"), self.save_as, key("Ctrl+Shift+S"))
        self.import_action = self._action(self.tr("&Import media…"), self.choose_import, key("Ctrl+I"),
                                          symbol="import")
        self.quit_action = self._action(self.tr("&Quit"), self.close, key.StandardKey.Quit,
                                        symbol="quit")
        self.undo_action = self.document.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts([key("Ctrl+Z")])
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = self.document.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([key("Ctrl+Shift+Z"), key("Ctrl+Y")])
        self.redo_action.setIcon(icon("redo"))
        self.addActions([self.undo_action, self.redo_action])
        self.play_action = self._action(self.tr("Play / Pause"), self.preview.toggle_play,
                                        key(Qt.Key.Key_Space), symbol="play")
        self.in_action = self._action(self.tr("Set In at playhead"), self.set_in_at_playhead,
                                      key(Qt.Key.Key_I), symbol="set-in")
        self.out_action = self._action(self.tr("Set Out at playhead"), self.set_out_at_playhead,
                                       key(Qt.Key.Key_O), symbol="set-out")
        self.render_action = self._action(self.tr("&Render"), self.start_render, key("Ctrl+R"),
                                          symbol="render")
        self.quick_action = self._action(self.tr("&Quick preview"), self.start_quick_preview,
                                         key("Ctrl+P"), symbol="quick-preview")
        self.publish_action = self._action(self.tr("&Publish…"), self.publish,
                                           [key("Ctrl+Return"), key("Ctrl+Enter")],
                                           symbol="publish")
        self.cancel_action = self._action(self.tr("Cancel job"), self.cancel_render, key("Esc"),
                                          symbol="cancel")

        menu = self.menuBar()
        files = menu.addMenu(self.tr("&File"))
        files.addActions([self.new_action, self.open_action])
        self.recent_menu = files.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        files.addActions([self.save_action, self.save_as_action])
        files.addSeparator()
        files.addAction(self.import_action)
        files.addSeparator()
        files.addAction(self.quit_action)
        edit = menu.addMenu(self.tr("&Edit"))
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addActions([self.in_action, self.out_action])
        video = menu.addMenu(self.tr("&Video"))
        video.addActions([self.play_action, self.quick_action, self.render_action,
                          self.publish_action, self.cancel_action])
        view = menu.addMenu(self.tr("&View"))
        view.addActions([self.bin_dock.toggleViewAction(), self.inspector_dock.toggleViewAction()])
        language = view.addMenu(self.tr("Language"))
        for code, name in (("", self.tr("System")), ("en", "English"), ("de", "Deutsch")):
            action = language.addAction(name)
            action.setCheckable(True)
            action.setChecked(self.settings.language == code)
            action.triggered.connect(lambda _on=False, code=code: self._choose_language(code))
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        # The icons are drawn on a 24 px grid; the words stay, shop owners read them.
        toolbar.setIconSize(QSize(24, 24))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.new_action, self.open_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.import_action, self.quick_action, self.render_action,
                            self.publish_action])

    def _choose_language(self, code: str) -> None:
        self.settings.language = code
        self.show_status(self.tr("The language changes the next time ShopReel starts."))

    def _restore_layout(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    # State --------------------------------------------------------------------------------------

    @property
    def project(self) -> Project:
        return self.document.project

    @property
    def project_path(self) -> Path | None:
        return self.document.path

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)

    def show_error(self, title: str, exc: object) -> None:
        self.show_status(exc.one_line() if isinstance(exc, ShopReelError) else str(exc))
        self.last_error = error_box(self, title, exc)

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("{0}[*] — ShopReel").format(self.document.display_name()))
        self.setWindowModified(self.document.dirty)

    def _update_actions(self) -> None:
        has_clips = bool(self.project.clips)
        busy = self.jobs.busy
        for widget in (self.render_button, self.render_action, self.quick_action,
                       self.preview.quick_button):
            widget.setEnabled(has_clips and not busy)
        for widget in (self.publish_button, self.publish_action):
            widget.setEnabled(has_clips and not busy)
        self.cancel_action.setEnabled(busy)

    def _project_changed(self, project: Project) -> None:
        if not self.title_edit.hasFocus():
            self.title_edit.setText(project.title)
        self.preview.set_project(project)
        self._update_actions()
        self._update_title()

    def _title_edited(self) -> None:
        if self.title_edit.text() != self.project.title:
            self.document.set_value(self.tr("Change title"), ("title",),
                                    self.title_edit.text() or None)

    def _playhead_moved(self, seconds: float) -> None:
        self.captions_panel.playhead = seconds
        self.thumbnail_panel.playhead = seconds
        if not self.preview.playing:
            self._select_clip_at_playhead()

    def _select_clip_at_playhead(self) -> None:
        plan = self.preview.plan
        if plan is None or self.storyboard.hasFocus():
            return
        placed = segment_at(plan, self.preview.seconds)
        if placed is not None and placed.segment.clip_index < self.storyboard.count():
            self.storyboard.setCurrentRow(placed.segment.clip_index)

    # Documents ----------------------------------------------------------------------------------

    def new_project(self) -> None:
        if self.maybe_save():
            self.document.new()

    def choose_project(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"),
                                              str(self.settings.last_folder), PROJECT_FILTER)
        if name:
            self.open_project(Path(name))

    def open_project(self, path: Path) -> bool:
        """Open a project; on a bad file show the error and keep what was open."""
        try:
            self.document.open(Path(path))
        except ShopReelError as exc:
            self.show_error(self.tr("Cannot open the project"), exc)
            return False
        self.show_status(self.tr("Opened {0}").format(path))
        missing = self.bin.missing()
        if missing:
            self.show_status(self.tr("{0} clip(s) missing: double-click them in the media bin to "
                                     "find them again").format(len(missing)))
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent():
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _on=False, p=path: self.maybe_save() and
                                     self.open_project(p))
        if not self.settings.recent():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        start = str(self.document.path or self.settings.last_folder / f"video{SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save project"), start, PROJECT_FILTER)
        return bool(name) and self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        try:
            self.document.save_as(path)
        except (ShopReelError, OSError) as exc:
            error = exc if isinstance(exc, ShopReelError) else ShopReelError(
                f"{path}: cannot save ({exc.strerror})", "choose another folder")
            self.show_error(self.tr("The project was not saved"), error)
            return False
        self.show_status(self.tr("Saved {0}").format(self.document.path))
        return True

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel (tests replace this; it is the only blocking question)."""
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("Save the changes to {0}?").format(self.document.display_name()),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel)
        return QMessageBox.StandardButton(answer)

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current project (saved, discarded or unchanged)."""
        if not self.document.dirty:
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.document.discard_recovery()
            return True
        return False

    def offer_recovery(self) -> bool:
        """After a crash: offer to restore the unsaved edits of the last session."""
        files = pending_recoveries(self.settings)
        if not files:
            return False
        answer = QMessageBox.question(
            self, self.tr("Recover unsaved changes?"),
            self.tr("ShopReel was closed without saving. Recover the unsaved changes?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            for file in files:
                file.unlink(missing_ok=True)
            return False
        return self.recover(files[0])

    def recover(self, file: Path) -> bool:
        try:
            self.document.recover(file)
        except ShopReelError as exc:
            self.show_error(self.tr("Cannot recover"), exc)
            return False
        self.show_status(self.tr("Recovered unsaved changes; save them to keep them."))
        return True

    # Clips --------------------------------------------------------------------------------------

    def choose_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import media"), str(self.settings.last_folder),
            MEDIA_FILTER[:-1] + " *.mp3 *.m4a *.wav);;" + self.tr("All files (*)"))
        if names:
            self.import_files([Path(name) for name in names])

    def import_files(self, paths: list[Path]) -> list[str]:
        """Add dropped or chosen files: videos and photos become clips, a sound file the music.

        The one import path for the dialog and drag and drop. Returns the problems (one line
        per rejected file); the project changes in one undo step, or not at all.
        """
        files: list[Path] = []
        for path in paths:
            files.extend(sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path])
        clips: list[dict[str, Any]] = []
        music: str | None = None
        problems: list[str] = []
        if files and self.document.path is None and not self.project.clips:
            self.settings.last_folder = files[0].absolute().parent
        for file in files:
            suffix = file.suffix.lower()
            if suffix not in MEDIA_SUFFIXES:
                problems.append(self.tr("{0}: not a video, photo or sound file").format(file.name))
                continue
            try:
                info = probe(file)
            except ShopReelError as exc:
                problems.append(exc.one_line())
                continue
            if info.kind == "audio":
                music = self.document.relative_path(file)
            else:
                clips.append({"path": self.document.relative_path(file)})
        if clips or music:
            def change(data: dict[str, Any]) -> None:
                data.setdefault("clips", []).extend(clips)
                if music:
                    data.setdefault("audio", {})["music"] = music
            text = (self.tr("Import {0} clip(s)").format(len(clips)) if clips
                    else self.tr("Set music"))
            if self.document.edit(text, change):
                self.imported.emit([Path(c["path"]) for c in clips])
        if problems:
            self.show_error(self.tr("Some files were not added"), ShopReelError(
                "\n".join(problems), self.tr("ShopReel takes videos (MP4, MOV, MKV, WebM), photos "
                                             "(JPG, PNG, WebP) and music (MP3, M4A, WAV).")))
        elif clips or music:
            self.show_status(self.tr("Added {0} clip(s)").format(len(clips)))
        return problems

    def add_clip_path(self, path: str) -> None:
        def change(data: dict[str, Any]) -> None:
            data.setdefault("clips", []).append({"path": path})
        self.document.edit(self.tr("Add clip"), change)

    def reorder(self, order: list[int]) -> None:
        def change(data: dict[str, Any]) -> None:
            data["clips"] = [data["clips"][index] for index in order]
        if not self.document.edit(self.tr("Reorder clips"), change):
            self.storyboard.refresh(self.project)

    def choose_relink(self, old: str) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Where is {0}?").format(Path(old).name), str(self.document.base_dir),
            MEDIA_FILTER)
        if name:
            self.relink(old, Path(name))

    def relink(self, old: str, new: Path) -> bool:
        """Point every clip that used the missing file ``old`` at ``new``."""
        replacement = self.document.relative_path(new)
        self.library.forget(new)

        def change(data: dict[str, Any]) -> None:
            for clip in data["clips"]:
                if clip["path"] == old:
                    clip["path"] = replacement
        return self.document.edit(self.tr("Relink {0}").format(Path(old).name), change)

    def _source_time_at_playhead(self) -> tuple[int, float] | None:
        plan = self.preview.plan
        if plan is None:
            return None
        placed = segment_at(plan, self.preview.seconds)
        if placed is None or placed.segment.is_still:
            return None
        offset = min(max(0.0, self.preview.seconds - placed.start), placed.end - placed.start)
        return placed.segment.clip_index, float(placed.segment.start) + offset

    def set_in_at_playhead(self) -> bool:
        found = self._source_time_at_playhead()
        if found is None:
            return False
        index, seconds = found
        placed = segment_at(self.preview.plan, self.preview.seconds)  # type: ignore[arg-type]
        if self.trim.set_trim(index, "in", seconds if seconds > 0.0005 else None):
            if placed is not None:
                self.preview.seek(placed.start)
            return True
        return False

    def set_out_at_playhead(self) -> bool:
        found = self._source_time_at_playhead()
        if found is None:
            return False
        index, seconds = found
        return self.trim.set_trim(index, "out", seconds)

    # Closing ------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.shutdown()
        self.document.discard_recovery()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop background work (jobs, preview, thumbnails) before the window goes."""
        # The job bar also drops the finished job's callbacks, which are still queued: the
        # quick preview's would start playback on a thread nobody waits for any more.
        self.jobs.shutdown()
        self.preview.shutdown()
        self.library.shutdown()
        QTimer.singleShot(0, lambda: None)
