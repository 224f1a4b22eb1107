"""The desktop editor's settings in one place: typed options with defaults, stored with QSettings.

``SHOPREEL_SETTINGS`` names an INI file to use instead of the user's settings (tests point it at
``tmp_path``, so they never touch a real profile).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from PySide6.QtCore import QByteArray, QSettings

RECENT_LIMIT = 8


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        if store is None:
            file = os.environ.get("SHOPREEL_SETTINGS")
            store = (QSettings(file, QSettings.Format.IniFormat) if file
                     else QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                    "ShopReel", "ShopReel"))
        self.store = store

    # Typed options ----------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """"" follows the system; "en" or "de" choose one."""
        return str(self.store.value("ui/language", "") or "")

    @language.setter
    def language(self, value: str) -> None:
        self.store.setValue("ui/language", value)

    @property
    def autosave_seconds(self) -> int:
        seconds = self.store.value("documents/autosave_seconds", 30)
        # QSettings.value() is an untyped QVariant: the default int, or the text of an INI file.
        return int(cast("int | str", seconds))

    @property
    def last_folder(self) -> Path:
        return Path(str(self.store.value("documents/last_folder", str(Path.home()))))

    @last_folder.setter
    def last_folder(self, folder: Path) -> None:
        self.store.setValue("documents/last_folder", str(folder))

    @property
    def recovery_dir(self) -> Path:
        return Path(self.store.fileName()).parent / "recovery"

    def recent(self) -> list[Path]:
        value = self.store.value("documents/recent", [])
        # QSettings.value() is an untyped QVariant: a list of paths, one path as a plain string,
        # or nothing (None, "" or []).
        items = [value] if isinstance(value, str) else list(cast("list[str] | None", value) or [])
        return [Path(item) for item in items if item]

    def add_recent(self, path: Path) -> None:
        items = [str(path)] + [str(p) for p in self.recent() if p != path]
        self.store.setValue("documents/recent", items[:RECENT_LIMIT])
        self.last_folder = path.parent

    def clear_recent(self) -> None:
        self.store.setValue("documents/recent", [])

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self.store.value("window/geometry")
        state = self.store.value("window/state")
        return (geometry if isinstance(geometry, QByteArray) else None,
                state if isinstance(state, QByteArray) else None)

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)
