"""The window's long jobs: render, quick preview, thumbnail candidates, readiness and publish.

Each job hands the core a snapshot (the frozen project, a plan, a saved file) and runs on the
job bar's worker; results and errors come back as signals.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from shopreel.app.gui.dialogs import ChecklistDialog, SummaryDialog
from shopreel.app.gui.worker import GeneratorWorker, call
from shopreel.publish.check import check_project
from shopreel.publish.pipeline import PublishResult, publish_project
from shopreel.publish.readiness import Readiness, readiness
from shopreel.video.errors import ShopReelError
from shopreel.video.plan import RenderPlan, plan_render
from shopreel.video.preview import preview_plan
from shopreel.video.probe import probe
from shopreel.video.render import render
from shopreel.video.runner import CancelToken, Progress
from shopreel.video.thumbnail import Candidate, rank_candidates
from shopreel.video.thumbnail_project import project_content

if TYPE_CHECKING:
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QMainWindow

    from shopreel.app.gui.document import ProjectDocument
    from shopreel.app.gui.jobs import JobBar
    from shopreel.app.gui.panels_publish import ThumbnailPanel
    from shopreel.app.gui.preview_pane import PreviewPane
    from shopreel.video.project import Project

    class _Base(QMainWindow):
        """What the jobs use of MainWindow, which defines them. The mixin is only ever part of
        MainWindow, which imports this module, so it cannot name MainWindow as its base; at run
        time it adds no base. (Declared here, not in the mixin's body, where lupdate would lose
        the translation context.)"""

        render_finished: ClassVar[Signal]
        published: ClassVar[Signal]
        document: ProjectDocument
        jobs: JobBar
        preview: PreviewPane
        thumbnail_panel: ThumbnailPanel
        last_output: Path | None
        checklist: ChecklistDialog | None
        summary: SummaryDialog | None

        @property
        def project(self) -> Project: ...
        def show_status(self, text: str) -> None: ...
        def show_error(self, title: str, exc: object) -> None: ...
        def save(self) -> bool: ...
else:
    _Base = object


def pre_publish_report(project_path: Path) -> Readiness:
    """The readiness checklist before publishing. A video not rendered yet is no failure here:
    publishing renders it (and checks the result before anything public is written)."""
    report = check_project(project_path)
    checks = tuple(check for check in report.checks if check.key != "rendered")
    return readiness(report.subject, list(checks))


class JobsMixin(_Base):
    @property
    def worker(self) -> GeneratorWorker | None:
        return self.jobs.worker

    def cancel_render(self) -> None:
        self.jobs.cancel()

    def _plan(self, **options: Any) -> RenderPlan | None:
        try:
            return plan_render(self.project, self.document.plan_path, **options)
        except ShopReelError as exc:
            self.show_error(self.tr("The project cannot be rendered yet"), exc)
            return None

    # Render -------------------------------------------------------------------------------------

    def start_render(self) -> bool:
        if self.jobs.busy or not self.project.clips:
            return False
        plan = self._plan()
        if plan is None:
            return False
        for warning in plan.warnings:
            self.show_status(warning)

        def done(_sound: object) -> None:
            self.last_output = plan.output
            self.show_status(self.tr("Wrote {0}").format(plan.output))
            self.render_finished.emit(True)

        def failed(exc: object) -> None:
            self.show_error(self.tr("The render failed"), exc)

        return self.jobs.run("render", self.tr("Rendering {0}…").format(plan.output.name),
                             lambda token: render(plan, cancel=token), done, failed)

    def _job_finished(self, name: str, ok: bool, _result: object) -> None:
        if not ok:
            self.show_status(self.jobs.label.text())
            if name == "render":
                self.render_finished.emit(False)

    # Quick preview ------------------------------------------------------------------------------

    def start_quick_preview(self) -> bool:
        if self.jobs.busy or not self.project.clips:
            return False
        project = self.project
        key = hashlib.sha1(self.document.plan_path.as_posix().encode()).hexdigest()[:10]
        target = Path(tempfile.gettempdir()) / f"shopreel-quick-{key}.mp4"
        try:
            plan = preview_plan(project, self.document.plan_path, output=target)
        except ShopReelError as exc:
            self.show_error(self.tr("No quick preview"), exc)
            return False
        from shopreel.app.gui.preview_pane import _key  # the preview's own notion of "current"

        def done(_result: object) -> None:
            self.preview.quick_file, self.preview.quick_key = target, _key(project)
            self.show_status(self.tr("Quick preview ready"))
            self.preview.seek(0.0)
            self.preview.play()

        return self.jobs.run("quick-preview", self.tr("Quick preview…"),
                             lambda token: render(plan, cancel=token), done,
                             lambda exc: self.show_error(self.tr("No quick preview"), exc))

    # Thumbnail candidates -----------------------------------------------------------------------

    def find_thumbnail_candidates(self) -> bool:
        if self.jobs.busy or not self.project.clips:
            return False
        plan = self._plan()
        if plan is None:
            return False
        if not plan.output.is_file():
            self.show_error(self.tr("No candidates yet"), ShopReelError(
                self.tr("the video has not been rendered yet"),
                self.tr("render it first, then find the candidates")))
            return False

        def rank(_token: CancelToken) -> list[Candidate]:
            return rank_candidates(plan.output, probe(plan.output), project_content(plan))

        return self.jobs.run("thumbnails", self.tr("Finding the best frames…"), call(rank),
                             self.thumbnail_panel.show_candidates,
                             lambda exc: self.show_error(self.tr("No candidates"), exc))

    # Publish ------------------------------------------------------------------------------------

    def publish(self) -> bool:
        """Save, show the readiness checklist, then publish (on the user's go)."""
        if self.jobs.busy or not self.project.clips:
            return False
        if (self.document.dirty or self.document.path is None) and not self.save():
            return False
        path = self.document.path
        assert path is not None

        def report(_token: CancelToken) -> Readiness:
            return pre_publish_report(path)

        return self.jobs.run("check", self.tr("Checking…"), call(report),
                             lambda result: self._show_checklist(path, result),
                             lambda exc: self.show_error(self.tr("Cannot check the project"), exc))

    def _show_checklist(self, path: Path, report: Readiness) -> None:
        dialog = ChecklistDialog(report, self)
        dialog.accepted.connect(lambda: self.start_publish(path, force=dialog.force))
        self.checklist = dialog
        dialog.open()

    def start_publish(self, path: Path, *, force: bool = False) -> bool:
        def job(token: CancelToken) -> Generator[Progress, None, PublishResult]:
            return (yield from publish_project(path, force=force, cancel=token))

        return self.jobs.run("publish", self.tr("Publishing…"), job, self._published,
                             lambda exc: self.show_error(self.tr("Not published"), exc))

    def _published(self, result: PublishResult) -> None:
        self.last_output = result.video
        self.show_status(self.tr("Published {0}").format(result.video))
        self.summary = SummaryDialog(result, getattr(result, "youtube_url", None), self)
        self.summary.open()
        self.published.emit(result)
