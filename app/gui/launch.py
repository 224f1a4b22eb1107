"""Start the desktop editor."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from shopreel.video.errors import ShopReelError


def _has_screen() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def launch_gui(project: Path | None) -> int:
    """Open the main window (optionally with a project) and run Qt's event loop.

    Raises ShopReelError when there is no screen (Qt would abort the process instead).
    """
    if not _has_screen():
        raise ShopReelError("no screen found for the desktop editor",
                            "run it on a desktop, or use the commands: shopreel --help")
    from PySide6.QtWidgets import QApplication

    from shopreel.app.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ShopReel")
    window = MainWindow()
    if project is not None:
        window.open_project(project)
    window.show()
    return int(app.exec())
