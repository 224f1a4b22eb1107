"""The open project as a document: the frozen Project, its file, undo history and recovery copy.

Every edit is a QUndoCommand that swaps two Project snapshots, so undo and redo never recompute
anything. An edit works on the project's JSON data (exactly what the file will hold) and is
validated by the same reader as ``load_project``; the document always holds the project as it
will be saved, so what the GUI shows is what the command line renders from the saved file.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from shopreel.app.gui.settings import Settings
from shopreel.video.errors import ProjectError
from shopreel.video.project import (
    SUFFIX,
    Project,
    load_project,
    project_from_data,
    project_to_json,
    save_project,
)

JsonData = dict[str, Any]
# Keys of the project file that hold paths (relative to the project's folder).
PATH_KEYS: tuple[tuple[str, ...], ...] = (
    ("brand", "kit"), ("brand", "logo"), ("brand", "font"), ("intro", "clip"),
    ("audio", "music"), ("output", "path"), ("publish", "sitemap"))
_PLACEHOLDER_CLIP = {"path": "placeholder.mp4"}


def validated(data: JsonData) -> Project:
    """The project for ``data``, checked as ``load_project`` checks a file. Raises ProjectError.

    A project without clips (a new, empty document) is allowed here; saving it is not.
    """
    if not data.get("clips"):
        probe = project_from_data({**data, "clips": [_PLACEHOLDER_CLIP]})
        return probe.model_copy(update={"clips": []})
    return project_from_data(data)


def project_data(project: Project) -> JsonData:
    """The project's JSON data, as the file holds it (defaults left out)."""
    data: JsonData = json.loads(project_to_json(project))
    return data


def empty_project() -> Project:
    return validated({"version": 1, "clips": []})


def _rebase(value: str, old_dir: Path, new_dir: Path) -> str:
    path = Path(value).expanduser()
    if path.is_absolute():
        return value
    absolute = (old_dir / path).resolve()
    try:
        return Path(os.path.relpath(absolute, new_dir.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return str(absolute)


def rebase_paths(data: JsonData, old_dir: Path, new_dir: Path) -> JsonData:
    """``data`` with its relative paths rewritten for a project file in ``new_dir``."""
    if old_dir.resolve() == new_dir.resolve():
        return data
    data = copy.deepcopy(data)
    for clip in data.get("clips", []):
        clip["path"] = _rebase(clip["path"], old_dir, new_dir)
    for section, key in PATH_KEYS:
        part = data.get(section)
        if isinstance(part, dict) and isinstance(part.get(key), str):
            part[key] = _rebase(part[key], old_dir, new_dir)
    return data


class SnapshotCommand(QUndoCommand):
    """One edit: the project before and after."""

    def __init__(self, document: ProjectDocument, before: Project, after: Project, text: str) -> None:
        super().__init__(text)
        self._document, self._before, self._after = document, before, after

    def redo(self) -> None:
        self._document._set_project(self._after)

    def undo(self) -> None:
        self._document._set_project(self._before)


class ProjectDocument(QObject):
    """The project being edited. ``changed`` fires with every new snapshot (edit, undo, open)."""

    changed = Signal(object)  # the Project
    path_changed = Signal(object)  # Path | None
    dirty_changed = Signal(bool)
    edit_rejected = Signal(str)  # why an edit was not taken (one line)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.project: Project = empty_project()
        self.path: Path | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._autosave = QTimer(self)
        self._autosave.setInterval(max(1, settings.autosave_seconds) * 1000)
        self._autosave.timeout.connect(self.autosave)
        self._autosave.start()
        self._untitled_id = hashlib.sha1(f"{os.getpid()}-{time.time()}".encode()).hexdigest()[:10]

    def _clean_changed(self, clean: bool) -> None:
        with contextlib.suppress(RuntimeError):  # the stack clears itself while being deleted
            self.dirty_changed.emit(not clean)

    # State ------------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def base_dir(self) -> Path:
        """The folder relative paths start from: the project file's, or the last used folder."""
        return self.path.parent if self.path is not None else self.settings.last_folder

    @property
    def plan_path(self) -> Path:
        """The project file the core functions see (a name in ``base_dir`` for a new project)."""
        return self.path if self.path is not None else self.base_dir / f"untitled{SUFFIX}"

    def display_name(self) -> str:
        if self.path is None:
            return self.tr("Untitled")
        name = self.path.name
        return name[: -len(SUFFIX)] if name.endswith(SUFFIX) else self.path.stem

    def _set_project(self, project: Project) -> None:
        self.project = project
        self.changed.emit(project)

    # Edits ------------------------------------------------------------------------------------

    def edit(self, text: str, change: Callable[[JsonData], None]) -> bool:
        """Apply ``change`` to a copy of the project's data; keep it if it validates.

        An invalid result is rejected with the reader's one-line message (``edit_rejected``),
        and the project stays as it was. Returns whether the edit was taken.
        """
        data = project_data(self.project)
        change(data)
        try:
            after = validated(data)
        except ProjectError as exc:
            self.edit_rejected.emit(exc.one_line())
            return False
        if project_data(after) == project_data(self.project):
            return True  # nothing changed: no undo step
        self.undo_stack.push(SnapshotCommand(self, self.project, after, text))
        return True

    def set_value(self, text: str, keys: tuple[str | int, ...], value: Any) -> bool:
        """Set one value (``("intro", "title")``); missing or null parents become objects."""
        def change(data: JsonData) -> None:
            node: Any = data
            for key in keys[:-1]:
                if isinstance(node, dict) and not isinstance(node.get(key), (dict, list)):
                    node[key] = {}
                node = node[key]
            if value is None and isinstance(node, dict):
                node.pop(keys[-1], None)
            else:
                node[keys[-1]] = value
        return self.edit(text, change)

    def set_section(self, text: str, key: str, value: Any) -> bool:
        """Replace a whole top-level section (``None`` writes ``null``: e.g. no intro)."""
        def change(data: JsonData) -> None:
            data[key] = value
        return self.edit(text, change)

    def relative_path(self, path: Path) -> str:
        """How a file is written into the project: relative to its folder when it is inside it."""
        path = path.absolute()
        try:
            return path.relative_to(self.base_dir.absolute()).as_posix()
        except ValueError:
            return str(path)

    # Files ------------------------------------------------------------------------------------

    def new(self) -> None:
        self.discard_recovery()
        self.undo_stack.clear()
        self.path = None
        self.path_changed.emit(None)
        self._set_project(empty_project())

    def open(self, path: Path) -> None:
        """Open a project file. Raises ProjectError (the open project stays as it was)."""
        project = load_project(path)
        self.discard_recovery()
        self.undo_stack.clear()
        self.path = path.absolute()
        self.settings.add_recent(self.path)
        self.path_changed.emit(self.path)
        self._set_project(project)

    def save(self) -> None:
        """Save to the project's file. Raises ProjectError (no file yet, no clips) or OSError."""
        if self.path is None:
            raise ProjectError("the project has no file yet", "use Save As")
        self.save_as(self.path)

    def save_as(self, path: Path) -> None:
        """Write the project to ``path`` (atomically); relative paths follow the new folder."""
        if not self.project.clips:
            raise ProjectError("the project has no clips yet", "add at least one clip, then save")
        path = path.absolute()
        if not path.name.endswith((".json",)):
            path = path.with_name(path.name + SUFFIX)
        old_dir = self.base_dir
        if path.parent.resolve() != old_dir.resolve():
            project = validated(rebase_paths(project_data(self.project), old_dir, path.parent))
        else:
            project = self.project
        save_project(project, path)
        self.discard_recovery()
        if project is not self.project:
            self.project = project  # same meaning, paths rewritten: no undo step
            self.undo_stack.clear()
        self.undo_stack.setClean()
        if path != self.path:
            self.path = path
            self.path_changed.emit(path)
        self.settings.add_recent(path)
        self.changed.emit(self.project)

    # Recovery ---------------------------------------------------------------------------------

    def recovery_file(self) -> Path:
        key = (hashlib.sha1(str(self.path).encode()).hexdigest()[:10] if self.path is not None
               else self._untitled_id)
        return self.settings.recovery_dir / f"{key}.recovery.json"

    def autosave(self) -> Path | None:
        """Write the unsaved state to the recovery folder (not the project file)."""
        if not self.dirty:
            return None
        target = self.recovery_file()
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {"origin": str(self.path) if self.path else None, "base_dir": str(self.base_dir),
                "saved": time.time(), "project": project_data(self.project)}
        partial = target.with_name(target.name + ".part")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, target)
        return target

    def discard_recovery(self) -> None:
        with contextlib.suppress(OSError):
            self.recovery_file().unlink()

    def recover(self, file: Path) -> None:
        """Open a recovery copy: the original project (if any) with the recovered edits on top,
        unsaved. Raises ProjectError for an unreadable copy."""
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
            project = validated(raw["project"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ProjectError(f"{file}: the recovery copy cannot be read ({exc})") from None
        origin = Path(raw["origin"]) if raw.get("origin") else None
        self.undo_stack.clear()
        self.path = origin
        self.path_changed.emit(origin)
        if origin is None and raw.get("base_dir"):
            self.settings.last_folder = Path(raw["base_dir"])
        self._set_project(project if origin is None or not origin.exists()
                          else load_project(origin))
        if project_data(project) != project_data(self.project):
            self.undo_stack.push(SnapshotCommand(self, self.project, project,
                                                 self.tr("Recovered changes")))
        file.unlink(missing_ok=True)


def pending_recoveries(settings: Settings) -> list[Path]:
    """Recovery copies left by a session that did not end normally, newest first."""
    folder = settings.recovery_dir
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.recovery.json"), key=lambda p: p.stat().st_mtime, reverse=True)
